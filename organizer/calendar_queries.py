"""What the Today and Calendar pages ask beyond organizer/agenda.py: per-day counts for
a range of days, the last interaction and zone of listed contacts, and the short words
rows show (how late, the contact's own clock).

A follow-up belongs to the rep's local day its due instant falls on, the same rule
agenda.due_between uses, so the month grid, the day agenda and Today always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from .agenda import AgendaItem, LastInteraction
from .changes import Changes, Outcome
from .clock import UTC, utc_seconds, zone
from .preferences import Preferences
from .schedule import day_bounds

if TYPE_CHECKING:  # the Today page reads these before peewee is loaded
    from peewee import SqliteDatabase


class DayCount(NamedTuple):
    total: int = 0
    promised: int = 0
    overdue: int = 0  # still open and past their time


def day_counts(db: SqliteDatabase, first: dt.date, last: dt.date, zone_name: str,
               now: dt.datetime) -> dict[dt.date, DayCount]:
    """Open follow-ups per local day in [first, last] (days without any are left out).

    Counted in SQL, one index range per day (its bounds worked out in the zone, so a
    daylight-saving day is 23 or 25 hours): a busy month never comes into Python row by
    row. Archived contacts' follow-ups are "parked", so the status alone leaves them out.
    """
    days = []
    day = first
    while day <= last:
        start, end = day_bounds(day, zone_name)
        days.append((day, utc_seconds(start), utc_seconds(end)))
        day += dt.timedelta(days=1)
    if not days:
        return {}
    values = ",".join("(?, ?, ?)" for _ in days)
    bounds = [value for n, (_, start, end) in enumerate(days) for value in (n, start, end)]
    # Totals and overdue through (status, due_at, late_at); promised through
    # (status, kind, due_at): both read only their index.
    totals = db.execute_sql(
        f"WITH days(n, s, e) AS (VALUES {values}) "
        "SELECT days.n, count(*), sum(f.late_at <= ?) FROM days "
        "JOIN follow_up f "
        "ON f.status = 'open' AND f.due_at >= days.s AND f.due_at < days.e GROUP BY days.n",
        [*bounds, utc_seconds(now)]).fetchall()
    promised = dict(db.execute_sql(
        f"WITH days(n, s, e) AS (VALUES {values}) "
        "SELECT days.n, count(*) FROM days "
        "JOIN follow_up f "
        "ON f.status = 'open' AND f.kind = 'promised' AND f.due_at >= days.s "
        "AND f.due_at < days.e GROUP BY days.n", bounds).fetchall())
    return {days[n][0]: DayCount(total, promised.get(n, 0), overdue or 0)
            for n, total, overdue in totals}


class ContactExtras(NamedTuple):
    time_zone: str | None
    last: LastInteraction | None


def contact_extras(db: SqliteDatabase, contact_ids: Iterable[int]) -> dict[int, ContactExtras]:
    """Zone and last interaction of a few listed contacts (Today's contact sections)."""
    ids = list(dict.fromkeys(contact_ids))
    if not ids:
        return {}
    # One statement: each contact's newest interaction through the (contact,
    # happened_at) index, newest first.
    marks = ",".join("?" * len(ids))
    rows = db.execute_sql(
        "SELECT c.id, c.time_zone, i.happened_at, i.channel, i.direction, i.outcome, i.notes"
        " FROM contact c LEFT JOIN interaction i ON i.id = (SELECT j.id FROM interaction j"
        " WHERE j.contact_id = c.id ORDER BY j.happened_at DESC, j.id DESC LIMIT 1)"
        f" WHERE c.id IN ({marks})", ids).fetchall()
    zones: dict[int, str | None] = {}
    last: dict[int, LastInteraction] = {}
    for contact_id, zone_name, happened_at, channel, direction, outcome, notes in rows:
        zones[contact_id] = zone_name
        if happened_at is not None:
            last[contact_id] = LastInteraction(dt.datetime.fromtimestamp(happened_at, UTC),
                                               channel, direction, outcome, notes)
    return {cid: ContactExtras(zones.get(cid), last.get(cid)) for cid in ids}


def late_text(delta: dt.timedelta) -> str:
    """'25 min late', '3 h late', '2 days late'."""
    seconds = max(int(delta.total_seconds()), 0)
    if seconds < 3600:
        return f"{max(1, seconds // 60)} min late"
    hours = seconds // 3600
    if hours < 48:
        return f"{hours} h late"
    return f"{hours // 24} days late"


def age_text(delta: dt.timedelta) -> str:
    """A lead's wait, in hours up to two days (speed to lead), then in days."""
    hours = max(int(delta.total_seconds() // 3600), 0)
    if hours < 48:
        return f"waiting {hours} h"
    return f"waiting {hours // 24} days"


def due_text(item: AgendaItem, rep_zone: str, today: dt.date, weekday: bool = True) -> str:
    """'15:00', 'Fri 20 Nov 15:00', 'any time' or 'Fri 20 Nov', in the rep's zone."""
    day_format = "%a %d %b" if weekday else "%d %b"
    if item.due_time is None:
        return "any time" if item.due_date == today else item.due_date.strftime(day_format)
    local = item.due_at.astimezone(zone(rep_zone))
    return local.strftime("%H:%M") if local.date() == today else local.strftime(f"{day_format} %H:%M")


def their_time(item: AgendaItem, rep_zone: str) -> str | None:
    """The due time on the contact's own clock ('16:00 their time'), when it differs."""
    if item.due_time is None:
        return None
    theirs_name = item.time_zone if item.time_zone != rep_zone else item.contact_zone
    if not theirs_name or theirs_name == rep_zone:
        return None
    try:
        theirs = item.due_at.astimezone(zone(theirs_name))
    except ValueError:
        return None
    if theirs.utcoffset() == item.due_at.astimezone(zone(rep_zone)).utcoffset():
        return None
    return f"{theirs.strftime('%H:%M')} their time"


def local_now_text(contact_zone: str | None, rep_zone: str, now: dt.datetime) -> str | None:
    """'14:05 there' for a contact whose clock differs from the rep's."""
    if not contact_zone or contact_zone == rep_zone:
        return None
    try:
        theirs = now.astimezone(zone(contact_zone))
    except ValueError:
        return None
    if theirs.utcoffset() == now.astimezone(zone(rep_zone)).utcoffset():
        return None
    return f"{theirs.strftime('%H:%M')} there"


def rearm_reminders(db: SqliteDatabase, prefs: Preferences) -> Outcome:
    """Re-derive open follow-ups' reminders after the lead time or working day changed."""
    from .followups import recompute_instants

    count = recompute_instants(db, prefs)
    return Outcome(Changes(contacts=True, follow_ups=True), count)
