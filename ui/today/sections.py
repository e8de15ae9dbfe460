"""The Today page's sections as plain rows: what each cell says and which contact and
follow-up a row stands for. No widgets here, so the words are easy to test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple

from organizer import agenda, phones
from organizer.calendar_queries import (
    age_text,
    contact_extras,
    due_text,
    late_text,
    local_now_text,
    their_time,
)
from organizer.schedule import day_bounds
from ui.widgets.plain import cell_text

COLUMNS = ("When", "Name", "Company", "Phone", "Their time", "Stage", "Touches", "Next step",
           "Last interaction")
NEXT_STEP = COLUMNS.index("Next step")
# Overdue work never drops off the page (it rolls over until handled); a section only
# shows its first rows, with "… and N more" and the full count in its header, so a
# big backlog cannot make every redraw slow.
CONTACT_LIMIT = 25
LAST_CHUNK = 60  # rows whose last interaction is read together: about a screenful
ITEM_LIMIT = 200
# A section of follow-ups reads its first rows with the page and the next ones as the
# rep scrolls to its end (up to ITEM_LIMIT): a backlog of thousands costs a screenful.
FIRST_ROWS = 25
APOLOGY = "Open with an apology, then ask whether now is a good time."
TITLES = {  # key -> (title, hint), in the page's order
    "missed": ("Missed promises", "apologise first, then ask whether now is a good time"),
    "overdue": ("Overdue", "rolls over until done"),
    "today": ("Due today", ""),
    "leads": ("New leads", "oldest first"),
    "waiting": ("Waiting on them", ""),
    "quiet": ("Quiet prospects", ""),
    "no_step": ("No next step", ""),
}


class RowRef(NamedTuple):
    section: str
    contact_id: int
    follow_up_id: int | None = None
    phone: str | None = None
    item: agenda.AgendaItem | None = None


class Row:
    """One line of a section. Its words are worked out when first asked for (a view
    asks for the rows on screen), so a long backlog costs only what is shown."""

    # A plain class, as Section below: a dataclass costs about a millisecond to define
    # (it compiles its methods), and the window defines these before its first paint.
    def __init__(self, words: Callable[[], list[str]], ref: RowRef, promised: bool = False,
                 late: bool = False, tooltip: str = "") -> None:
        self.words = words
        self.ref = ref
        self.promised = promised
        self.late = late
        self.tooltip = tooltip

    @cached_property
    def cells(self) -> list[str]:
        return self.words()


class Section:
    """A section of the page: its title and count, its rows so far, and how to read on."""

    def __init__(self, key: str, title: str, count: int, hint: str = "",
                 rows: list[Row] | None = None,
                 fetch: Callable[[int, int], list[Row]] | None = None,
                 rest: Callable[[], Section] | None = None) -> None:
        self.key = key
        self.title = title
        self.count = count
        self.hint = hint
        self.rows = rows if rows is not None else []
        # (offset, how many) -> the section's next rows; None when it has them all.
        self.fetch = fetch
        # Not read yet (below the first screen at start-up): rest() reads it.
        self.rest = rest

    def __repr__(self) -> str:
        return f"Section({self.key!r}, {self.count}, {len(self.rows)} rows)"

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)

    def can_grow(self) -> bool:
        return self.fetch is not None and len(self.rows) < min(self.count, ITEM_LIMIT)

    def next_rows(self) -> list[Row]:
        """The next rows after those shown (FIRST_ROWS of them, at most)."""
        if not self.can_grow():
            return []
        wanted = min(FIRST_ROWS, min(self.count, ITEM_LIMIT) - len(self.rows))
        return self.fetch(len(self.rows), wanted)

    def lines(self) -> int:
        """Lines it takes in the list: its header, its rows, and "… and N more"."""
        return 1 + len(self.rows) + (1 if self.more else 0)

    def header(self) -> str:
        if self.rest is not None:
            return self.title  # its count comes with its rows, a moment later
        text = f"{self.title} ({self.count})"
        return f"{text} — {self.hint}" if self.hint and self.count else text


def _phone(number: str | None, region: str) -> str:
    return phones.display(number, region) if number else "no phone"


def _now_there(zone_name: str | None, rep_zone: str, now: dt.datetime) -> str:
    """The contact's clock right now, when it differs: is this a good time to call?"""
    there = local_now_text(zone_name, rep_zone, now)
    return "now " + there.removesuffix(" there") if there else ""


def _next_step(item: agenda.AgendaItem) -> str:
    label = {"promised": "Promised", "check-in": "Check-in"}.get(item.kind, "Planned")
    return f"{label}: {cell_text(item.reason)}" if item.reason else label


def _one_line_last(last, rep_zone: str) -> str:
    return last.one_line(rep_zone) if last is not None else "no interaction yet"


class SectionBuilder:
    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.rep_zone = ctx.clock.zone_name
        self.now = ctx.clock.now()
        self.today = ctx.clock.today()
        self.region = ctx.prefs.phone_region
        self._lasts: dict = {}  # contact id -> last interaction (None: none yet)

    def item_rows(self, section: str, items: list[agenda.AgendaItem], late: bool) -> list[Row]:
        """Rows for items read without their last interaction: a row looks it up when it
        is first painted, with the rows after it, in one statement (`_last_of`)."""
        tooltip = APOLOGY if section == "missed" else ""
        batch = [item.contact_id for item in items]
        return [Row(lambda item=item: self.item_cells(item, late, batch),
                    RowRef(section, item.contact_id, item.follow_up_id, item.phone, item),
                    item.promised, late, tooltip)
                for item in items]

    def _last_of(self, contact_id: int, batch: list[int]):
        if contact_id not in self._lasts:
            start = batch.index(contact_id) if contact_id in batch else 0
            chunk = [c for c in batch[start:start + LAST_CHUNK] if c not in self._lasts]
            chunk = chunk or [contact_id]
            extras = contact_extras(self.ctx.db, chunk)
            # Their numbers' stored display forms too: no phonenumbers import to paint.
            phones.remember_stored(self.ctx.db, chunk)
            for cid in chunk:
                extra = extras.get(cid)
                self._lasts[cid] = extra.last if extra else None
        return self._lasts.get(contact_id)

    def item_cells(self, item: agenda.AgendaItem, late: bool,
                   batch: list[int] | None = None) -> list[str]:
        # "16 Nov 14:45 · 7 days late": the weekday of a past day says little.
        when = due_text(item, self.rep_zone, self.today, weekday=not late)
        if late:
            # Late work is called now, so the contact's clock now matters, not then.
            when += f" · {late_text(item.lateness(self.now))}"
            theirs = _now_there(item.contact_zone, self.rep_zone, self.now)
        else:
            theirs = (their_time(item, self.rep_zone) or "").removesuffix(" their time")
        if item.snoozed_until is not None and item.snoozed_until > self.now:
            snoozed = item.snoozed_until.astimezone(self.ctx.clock.tz)
            when += f" · snoozed to {snoozed.strftime('%H:%M')}"
        last = item.last if batch is None else self._last_of(item.contact_id, batch)
        return [when, cell_text(item.name), cell_text(item.company), _phone(item.phone, self.region),
                theirs, item.stage, str(item.touch_count), _next_step(item),
                cell_text(_one_line_last(last, self.rep_zone))]

    def contact_rows(self, section: str, rows: list[agenda.ContactRow], when) -> list[Row]:
        extras = contact_extras(self.ctx.db, (r.contact_id for r in rows))
        phones.remember_stored(self.ctx.db, (r.contact_id for r in rows))

        def cells(row: agenda.ContactRow) -> list[str]:
            extra = extras.get(row.contact_id)
            zone_name = extra.time_zone if extra else None
            return [when(row), cell_text(row.name), cell_text(row.company), _phone(row.phone, self.region),
                    _now_there(zone_name, self.rep_zone, self.now), row.stage,
                    str(row.touch_count), "",
                    cell_text(_one_line_last(extra.last if extra else None, self.rep_zone))]

        return [Row(lambda r=row: cells(r), RowRef(section, row.contact_id, None, row.phone))
                for row in rows]

    def _since_touch(self, row: agenda.ContactRow) -> str:
        if row.last_touch_at is None:
            return "never touched"
        days = (self.now - row.last_touch_at).days
        return f"quiet {days} days" if days != 1 else "quiet 1 day"

    def _items(self, key: str, count: int, read, late: bool, first: int) -> Section:
        """A section of follow-ups: `read(limit, offset)` gives its items in order."""
        title, hint = TITLES[key]
        if not count:
            return Section(key, title, 0, hint)

        def fetch(offset: int, limit: int) -> list[Row]:
            return self.item_rows(key, read(limit, offset), late)

        rows = fetch(0, min(first, ITEM_LIMIT))
        return Section(key, title, count, hint, rows, fetch)

    def _contacts(self, key: str, count: int, rows: list[Row]) -> Section:
        title, hint = TITLES[key]
        return Section(key, title, count, hint, rows)

    def build(self, loaded: dict[str, int] | None = None,
              screen: int | None = None) -> list[Section]:
        """The sections, each with its first rows (or with as many as `loaded` says a
        section showed before, so that a redraw keeps the rep's place).

        `screen`: read sections in order only until they fill that many lines (a
        screenful); the ones after are left to read later (`Section.rest`)."""
        sections, lines = [], 0
        for key, read in self._readers(loaded or {}):
            if screen is not None and lines >= screen:
                sections.append(Section(key, TITLES[key][0], 0, rest=read))
                continue
            section = read()
            lines += section.lines()
            sections.append(section)
        return sections

    def _readers(self, loaded: dict[str, int]) -> list[tuple[str, Callable[[], Section]]]:
        db, now = self.ctx.db, self.now
        start, end = day_bounds(self.today, self.rep_zone)
        quiet_days = self.ctx.prefs.quiet_days

        def first(key: str) -> int:
            return max(FIRST_ROWS, loaded.get(key, 0))

        missed: list[int] = []  # its count, which the overdue count reuses

        def missed_count() -> int:
            missed.append(agenda.count_missed_promises(db, now))
            return missed[0]

        return [
            ("missed", lambda: self._items(
                "missed", missed_count(),
                lambda n, at: agenda.missed_promises(db, now, n, False, at), True,
                first("missed"))),
            ("overdue", lambda: self._items(
                "overdue", agenda.count_overdue(db, now, missed[0] if missed else None),
                lambda n, at: agenda.overdue(db, now, n, False, at), True, first("overdue"))),
            ("today", lambda: self._items(
                "today", agenda.count_due_between(db, start, end, now),
                lambda n, at: agenda.due_between(db, start, end, now, n, False, at), False,
                first("today"))),
            ("leads", lambda: self._contacts(
                "leads", agenda.count_new_leads(db),
                self.contact_rows("leads", agenda.new_leads(db, CONTACT_LIMIT),
                                  lambda r: age_text(r.age(now))))),
            ("waiting", lambda: self._contacts(
                "waiting", agenda.count_waiting_on(db),
                self.item_rows("waiting", agenda.waiting_on(db, CONTACT_LIMIT, False), False))),
            ("quiet", lambda: self._contacts(
                "quiet", agenda.count_quiet_contacts(db, now, quiet_days),
                self.contact_rows("quiet", agenda.quiet_contacts(
                    db, now, quiet_days, CONTACT_LIMIT), self._since_touch))),
            ("no_step", lambda: self._contacts(
                "no_step", agenda.count_no_next_step(db),
                self.contact_rows("no_step", agenda.no_next_step(db, CONTACT_LIMIT),
                                  self._since_touch))),
        ]

    def next_late_after(self, drawn_at: dt.datetime) -> dt.datetime | None:
        """When the first of today's items not yet late at `drawn_at` turns late: the
        page redraws then."""
        start, end = day_bounds(self.today, self.rep_zone)
        return agenda.first_late_between(self.ctx.db, start, end, drawn_at)
