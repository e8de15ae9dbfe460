"""The day's agenda as plain text, for `sales-organizer today`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from . import agenda, phones
from .clock import Clock, zone
from .preferences import Preferences
from .schedule import day_bounds

if TYPE_CHECKING:  # `today` reads without peewee
    from peewee import SqliteDatabase

SECTION_LIMIT = 25


def _late(delta: dt.timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours < 1:
        return f"{max(1, int(delta.total_seconds() // 60))} min late"
    if hours < 48:
        return f"{hours} h late"
    return f"{hours // 24} days late"


def when_text(item: agenda.AgendaItem, rep_zone: str, today: dt.date) -> str:
    """'15:00', 'Fri 20 Nov 15:00' or 'any time', in the rep's zone, plus their time."""
    if item.due_time is None:
        label = "any time" if item.due_date == today else item.due_date.strftime("%a %d %b")
        return label
    local = item.due_at.astimezone(zone(rep_zone))
    label = local.strftime("%H:%M") if local.date() == today else local.strftime("%a %d %b %H:%M")
    if item.time_zone != rep_zone:
        theirs = item.due_at.astimezone(zone(item.time_zone))
        if theirs.utcoffset() != local.utcoffset():
            label += f" ({theirs.strftime('%H:%M')} their time)"
    return label


def _item_lines(item: agenda.AgendaItem, rep_zone: str, today: dt.date, region: str,
                now: dt.datetime | None) -> list[str]:
    mark = "!" if item.promised else "-"
    who = f"{item.name}, {item.company}" if item.company else item.name
    phone = phones.display(item.phone, region) if item.phone else "no phone"
    head = f"  {mark} {when_text(item, rep_zone, today)}  {who}  {phone}  [{item.stage}, touch {item.touch_count}]"
    if now is not None:
        head += f"  ({_late(item.lateness(now))})"
    lines = [head]
    detail = f"{item.kind}: {item.reason}" if item.reason else item.kind
    if item.last is not None:
        detail += f" · last: {item.last.one_line(rep_zone)}"
    lines.append(f"      {detail}")
    return lines


def _section(title: str, total: int, rows: Iterable[list[str]], hint: str = "") -> list[str]:
    out = [f"{title} ({total})" + (f" — {hint}" if hint else "")]
    shown = 0
    for lines in rows:
        out += lines
        shown += 1
    if total > shown:
        out.append(f"  … and {total - shown} more")
    if not total:
        out.append("  (none)")
    return out + [""]


def today_text(db: SqliteDatabase, clock: Clock, prefs: Preferences) -> str:
    """Missed promises first, then overdue, due today, new leads, waiting, quiet."""
    rep_zone = clock.zone_name
    now = clock.now()
    today = clock.today()
    region = prefs.phone_region
    start, end = day_bounds(today, rep_zone)
    out = [f"Today — {today.strftime('%A %d %B %Y')} ({rep_zone})", ""]

    def items(rows, late):
        return (_item_lines(i, rep_zone, today, region, now if late else None) for i in rows)

    missed = agenda.missed_promises(db, now, SECTION_LIMIT)
    overdue = agenda.overdue(db, now, SECTION_LIMIT)
    due = agenda.due_between(db, start, end, now, SECTION_LIMIT)
    leads = agenda.new_leads(db, SECTION_LIMIT)
    waiting = agenda.waiting_on(db, min(SECTION_LIMIT, 10))
    phones.remember_stored(db, (row.contact_id for rows in (missed, overdue, due, leads, waiting)
                                for row in rows))
    missed_count = agenda.count_missed_promises(db, now)
    out += _section("MISSED PROMISES", missed_count, items(missed, True),
                    "apologise first, then ask whether now is a good time")
    out += _section("OVERDUE", agenda.count_overdue(db, now, missed_count), items(overdue, True))
    out += _section("DUE TODAY", agenda.count_due_between(db, start, end, now), items(due, False))

    def lead_lines(rows):
        for row in rows:
            hours = int(row.age(now).total_seconds() // 3600)
            phone = phones.display(row.phone, region) if row.phone else "no phone"
            who = f"{row.name}, {row.company}" if row.company else row.name
            yield [f"  * {who}  {phone}  (waiting {hours} h)"]

    out += _section("NEW LEADS WAITING", agenda.count_new_leads(db), lead_lines(leads),
                    "oldest first")
    out += _section("WAITING ON THEM", agenda.count_waiting_on(db), items(waiting, False))
    return "\n".join(out).rstrip() + "\n"
