"""Time sources. Services take a Clock so tests can pin "now" and the rep's zone."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import TZPATH, ZoneInfo, ZoneInfoNotFoundError

UTC = dt.timezone.utc


def _linked_zone_name() -> str | None:
    """The zone /etc/localtime links to, when it links into a zoneinfo folder Python
    reads (systemd Linux): no tzlocal import (its logging and tzdata probing cost `today`
    about 20 ms). Anything else, and a TZ variable, is left to tzlocal."""
    if os.environ.get("TZ") or not os.path.islink("/etc/localtime"):
        return None
    target = os.path.realpath("/etc/localtime")
    for folder in TZPATH:
        prefix = os.path.join(os.path.realpath(folder), "")
        if target.startswith(prefix):
            name = target[len(prefix):]
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                return None
            return name
    return None


def local_zone_name() -> str:
    """The IANA name of this computer's zone ("Europe/Berlin"), UTC when unknown."""
    linked = _linked_zone_name()
    if linked:
        return linked
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception:  # tzlocal raises a variety of errors on odd systems
        name = None
    return name or "UTC"


def zone(name: str | None) -> ZoneInfo:
    """A ZoneInfo for an IANA name; unknown names raise ValueError with a plain message."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"'{name}' is not a known time zone (use a name like Europe/Berlin)") from exc


class Clock:
    """The real clock. `zone_name` is the rep's zone (preference or the system's)."""

    def __init__(self, zone_name: str | None = None) -> None:
        self.zone_name = zone_name or local_zone_name()

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.zone_name)

    def now(self) -> dt.datetime:
        """Now, as an aware UTC datetime."""
        return dt.datetime.now(UTC)

    def local_now(self) -> dt.datetime:
        return self.now().astimezone(self.tz)

    def today(self) -> dt.date:
        return self.local_now().date()


class FixedClock(Clock):
    """A clock that says what the test tells it; `advance` moves it."""

    def __init__(self, now: dt.datetime, zone_name: str = "UTC") -> None:
        super().__init__(zone_name)
        if now.tzinfo is None:
            now = now.replace(tzinfo=zone(zone_name))
        self._now = now.astimezone(UTC)

    def now(self) -> dt.datetime:
        return self._now

    def set(self, now: dt.datetime) -> None:
        if now.tzinfo is None:
            now = now.replace(tzinfo=self.tz)
        self._now = now.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        self._now += dt.timedelta(**delta)


def utc_seconds(moment: dt.datetime) -> int:
    """The stored form of an aware datetime (for raw comparisons in queries)."""
    return int(moment.timestamp())


def from_utc_seconds(value: int | None) -> dt.datetime | None:
    """The aware UTC datetime a stored instant stands for (None stays None)."""
    return None if value is None else dt.datetime.fromtimestamp(int(value), UTC)
