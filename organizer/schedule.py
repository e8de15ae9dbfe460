"""Wall-clock promises turned into instants, honest about daylight saving.

"Call me at 9:00" stays 9:00 local across a DST change because the instant is always
derived from (date, time, zone). A time that does not exist (clocks jump forward) moves
forward by the gap; a time that happens twice resolves to the first. Either way the
caller gets a sentence to show the rep.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .clock import UTC, zone


class Resolved(NamedTuple):
    utc: dt.datetime  # aware UTC
    local: dt.datetime  # aware, in the zone, as it will really read on the clock
    warning: str | None = None


def _fmt(t: dt.time) -> str:
    return t.strftime("%H:%M")


def resolve_local(date: dt.date, time: dt.time, zone_name: str) -> Resolved:
    """The instant of wall time `date time` in `zone_name`, with a DST warning if any."""
    tz = zone(zone_name)
    naive = dt.datetime.combine(date, time)
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    first_utc = first.astimezone(UTC)
    second_utc = second.astimezone(UTC)
    back = first_utc.astimezone(tz)
    if back.replace(tzinfo=None) != naive:
        # Nonexistent: zoneinfo reads it with the offset before the jump, which lands
        # the instant after the gap (02:30 -> 03:30 EDT).
        return Resolved(
            first_utc,
            back,
            f"{_fmt(time)} does not exist on {date.isoformat()} in {zone_name} (the clocks "
            f"jump forward); it was moved to {_fmt(back.time())}.",
        )
    if first_utc != second_utc:
        earlier = min(first_utc, second_utc)
        local = earlier.astimezone(tz)
        offset = local.strftime("%z")
        return Resolved(
            earlier,
            local,
            f"{_fmt(time)} happens twice on {date.isoformat()} in {zone_name} (the clocks "
            f"go back); the first one, UTC{offset[:3]}:{offset[3:]}, was used.",
        )
    return Resolved(first_utc, first)


class DueInstants(NamedTuple):
    due_at: dt.datetime  # when it comes due
    late_at: dt.datetime  # when it becomes overdue
    remind_at: dt.datetime  # when the reminder fires
    warning: str | None


def due_instants(
    date: dt.date,
    time: dt.time | None,
    zone_name: str,
    *,
    lead_minutes: int = 0,
    day_start: dt.time = dt.time(9, 0),
) -> DueInstants:
    """Derived instants for a follow-up.

    With a time of day it is due and late at that moment and reminds `lead_minutes`
    before. Without one it is due all day: due from midnight, late from the next
    midnight, and it reminds at the start of the working day.
    """
    if time is not None:
        at = resolve_local(date, time, zone_name)
        return DueInstants(
            at.utc, at.utc, at.utc - dt.timedelta(minutes=lead_minutes), at.warning
        )
    start = resolve_local(date, dt.time(0, 0), zone_name)
    end = resolve_local(date + dt.timedelta(days=1), dt.time(0, 0), zone_name)
    remind = resolve_local(date, day_start, zone_name)
    return DueInstants(start.utc, end.utc, remind.utc, None)


def day_bounds(day: dt.date, zone_name: str) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a local calendar day as aware UTC instants."""
    start = resolve_local(day, dt.time(0, 0), zone_name).utc
    end = resolve_local(day + dt.timedelta(days=1), dt.time(0, 0), zone_name).utc
    return start, end


def in_zone(moment: dt.datetime, zone_name: str) -> dt.datetime:
    return moment.astimezone(zone(zone_name))
