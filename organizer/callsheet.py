"""The call sheet's content for one day, as plain data (ui/printing lays it out).

Sections, in the order the rep works them: missed promises (apologise first), other
overdue items, the day's follow-ups in time order, new leads waiting for a first
contact. Everything is reckoned as of `max(now, start of the day)`: a sheet printed
tonight for tomorrow shows what will be late by tomorrow morning.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from peewee import SqliteDatabase

from . import agenda, phones
from .clock import Clock, zone
from .models import Contact, Phone
from .preferences import Preferences
from .schedule import day_bounds

SECTION_LIMIT = 400  # per section; the rest is summarised as "… and N more"
APOLOGY = "Apologise first, then ask whether now is a good time."
_TEXT_LIMIT = 160  # long reasons and names are cut so one entry always fits a page
KIND_PURPOSE = {"promised": "Call back as promised", "planned": "Next step",
                "check-in": "Check in"}


@dataclass(frozen=True)
class SheetEntry:
    contact_id: int
    follow_up_id: int | None
    time: str  # "15:00", "any time", "Fri 20 Nov 15:00"; for leads "waiting 5 h"
    their_time: str  # "09:00 their time" when the contact's clock reads differently
    late: str  # "3 h late" for missed and overdue items
    name: str
    company: str
    phones: tuple[str, ...]  # "(415) 555-0142 mobile", every number the contact has
    stage: str
    touches: int
    last: str  # "20 Nov phone reached: Asked for a quote", "" when never in touch
    purpose: str  # what this follow-up is for
    kind: str  # promised | planned | check-in | lead
    sort_key: tuple = ()

    @property
    def promised(self) -> bool:
        return self.kind == "promised"

    @property
    def touch_text(self) -> str:
        return f"touch {self.touches}" if self.touches else "no touch yet"


@dataclass(frozen=True)
class SheetSection:
    key: str  # missed | overdue | day | leads
    title: str
    hint: str
    total: int
    entries: tuple[SheetEntry, ...]

    @property
    def more(self) -> int:
        return max(self.total - len(self.entries), 0)


@dataclass(frozen=True)
class CallSheet:
    day: dt.date
    rep_name: str
    zone_name: str
    printed_at: dt.datetime  # local, for the footer
    sections: tuple[SheetSection, ...]
    next_day: dt.date | None  # the next day with calls, when this day has none

    def section(self, key: str) -> SheetSection:
        return next(s for s in self.sections if s.key == key)

    @property
    def counts(self) -> dict[str, int]:
        return {s.key: s.total for s in self.sections}

    @property
    def empty(self) -> bool:
        return not any(s.total for s in self.sections)

    @property
    def entry_count(self) -> int:
        return sum(len(s.entries) for s in self.sections)


def _cut(text: str, limit: int = _TEXT_LIMIT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _late(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:  # a sheet for a later day: it turns overdue as that day starts
        return "overdue"
    if minutes < 60:
        return f"{max(minutes, 1)} min late"
    if minutes < 48 * 60:
        return f"{minutes // 60} h late"
    return f"{minutes // 1440} days late"


def _waiting(delta: dt.timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours < 1:
        return "waiting < 1 h"
    return f"waiting {hours} h" if hours < 48 else f"waiting {hours // 24} days"


def phones_by_contact(db: SqliteDatabase, contact_ids: list[int],
                      region: str = "US") -> dict[int, tuple[str, ...]]:
    """Every phone of each contact, displayed for the rep's country, label after."""
    found: dict[int, list[str]] = defaultdict(list)
    if not contact_ids:
        return {}
    query = (Phone.select(Phone.contact, Phone.label, Phone.number)
             .where(Phone.contact.in_(sorted(set(contact_ids))))
             .order_by(Phone.contact, Phone.id).tuples())
    for cid, label, number in query:
        shown = phones.display(number, region)
        found[cid].append(f"{shown} {_cut(label, 20)}" if label else shown)
    return {cid: tuple(numbers) for cid, numbers in found.items()}


def _sources(contact_ids: list[int]) -> dict[int, str]:
    if not contact_ids:
        return {}
    rows = Contact.select(Contact.id, Contact.source).where(Contact.id.in_(contact_ids)).tuples()
    return dict(rows)


def last_line(last: agenda.LastInteraction, rep_zone: str) -> str:
    """'21 Nov phone, reached: Wants pricing' — the date and one line of what was said."""
    return last.one_line(rep_zone, 120)


def _time_text(item: agenda.AgendaItem, rep_zone: str, day: dt.date) -> tuple[str, str]:
    """(time as the rep reads it, the contact's time when their clock differs)."""
    if item.due_time is None:
        return ("any time" if item.due_date == day else item.due_date.strftime("%a %d %b")), ""
    local = item.due_at.astimezone(zone(rep_zone))
    shown = local.strftime("%H:%M") if local.date() == day else local.strftime("%a %d %b %H:%M")
    theirs_zone = item.contact_zone or (item.time_zone if item.time_zone != rep_zone else None)
    if theirs_zone:
        theirs = item.due_at.astimezone(zone(theirs_zone))
        if theirs.utcoffset() != local.utcoffset():
            return shown, f"{theirs.strftime('%H:%M')} their time"
    return shown, ""


def _entry(item: agenda.AgendaItem, numbers, rep_zone: str, day: dt.date,
           late_as_of: dt.datetime | None) -> SheetEntry:
    time, theirs = _time_text(item, rep_zone, day)
    # Late counts from when it became overdue: an all-day item is late from midnight after.
    late = _late(late_as_of - item.late_at) if late_as_of is not None else ""
    if not numbers and item.phone:
        numbers = (item.phone,)
    return SheetEntry(
        contact_id=item.contact_id, follow_up_id=item.follow_up_id, time=time, their_time=theirs,
        late=late, name=_cut(item.name), company=_cut(item.company), phones=tuple(numbers),
        stage=item.stage, touches=item.touch_count,
        last=last_line(item.last, rep_zone) if item.last else "",
        purpose=_cut(item.reason) or KIND_PURPOSE.get(item.kind, item.kind), kind=item.kind,
        sort_key=(item.due_time is None, item.due_at, item.follow_up_id),
    )


def build_call_sheet(db: SqliteDatabase, clock: Clock, prefs: Preferences,
                     day: dt.date | None = None, limit: int = SECTION_LIMIT) -> CallSheet:
    """Everything printed on the sheet for `day` (default: today in the rep's zone)."""
    rep_zone = clock.zone_name
    now = clock.now()
    day = day or clock.today()
    start, end = day_bounds(day, rep_zone)
    as_of = max(now, start)
    region = prefs.phone_region

    missed = agenda.missed_promises(db, as_of, limit)
    late = agenda.overdue(db, as_of, limit)
    due = agenda.due_between(db, start, end, as_of, limit)
    leads = agenda.new_leads(db, limit)
    ids = [i.contact_id for i in (*missed, *late, *due)] + [r.contact_id for r in leads]
    numbers = phones_by_contact(db, ids, region)

    def entries(items, late_as_of):
        return tuple(_entry(i, numbers.get(i.contact_id, ()), rep_zone, day, late_as_of)
                     for i in items)

    # Calls at a set time first, in time order; "any time" calls after them.
    day_entries = tuple(sorted(entries(due, None), key=lambda e: e.sort_key))
    sources = _sources([r.contact_id for r in leads])
    lead_entries = tuple(
        SheetEntry(
            contact_id=r.contact_id, follow_up_id=None, time=_waiting(r.age(as_of)),
            their_time="", late="", name=_cut(r.name), company=_cut(r.company),
            phones=numbers.get(r.contact_id, (r.phone,) if r.phone else ()), stage=r.stage,
            touches=r.touch_count, last="",
            purpose="First contact" + (f" (source: {_cut(sources[r.contact_id], 40)})"
                                       if sources.get(r.contact_id) else ""),
            kind="lead")
        for r in leads)
    sections = (
        SheetSection("missed", "Missed promises", APOLOGY,
                     agenda.count_missed_promises(db, as_of), entries(missed, as_of)),
        SheetSection("overdue", "Overdue", "Oldest first.", agenda.count_overdue(db, as_of),
                     entries(late, as_of)),
        SheetSection("day", f"Calls for {day.strftime('%A %d %B')}",
                     "In time order; promised calls are marked.",
                     agenda.count_due_between(db, start, end, as_of), day_entries),
        SheetSection("leads", "New leads waiting", "No first contact yet; oldest first.",
                     agenda.count_new_leads(db), lead_entries),
    )
    next_day = None
    if not sections[2].total:
        next_day = agenda.next_day_with_calls(db, end)
    return CallSheet(day, prefs.rep_name, rep_zone, clock.local_now().replace(tzinfo=None),
                     sections, next_day)
