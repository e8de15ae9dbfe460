"""The rep's own settings, kept in the database, typed with their defaults in one place."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, NamedTuple

from .changes import Changes, Outcome

if TYPE_CHECKING:
    from peewee import SqliteDatabase

DEFAULT_QUIET_DAYS = {"lead": 2, "contacted": 7, "qualified": 10, "proposal": 7, "negotiation": 5}


class Preferences(NamedTuple):  # not a dataclass: see organizer.agenda's rows
    rep_name: str = ""
    time_zone: str | None = None  # None: the computer's zone
    phone_region: str = "US"  # how numbers without a country code are read
    workday_start: str = "09:00"
    workday_end: str = "17:00"
    workdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday=0
    quiet_days: dict = DEFAULT_QUIET_DAYS  # read, never changed in place
    reminder_lead_minutes: int = 0
    start_hidden: bool = False
    start_at_login: bool = False
    paper_size: str = "auto"  # auto (from the locale), a4 or letter

    @property
    def day_start(self) -> dt.time:
        return dt.time.fromisoformat(self.workday_start)

    @property
    def day_end(self) -> dt.time:
        return dt.time.fromisoformat(self.workday_end)

    def quiet_days_for(self, stage: str) -> int | None:
        return self.quiet_days.get(stage)


_FIELDS = frozenset(Preferences._fields)


def load_preferences(db: SqliteDatabase) -> Preferences:
    values = {}
    for key, raw in db.execute_sql("SELECT key, value FROM preference").fetchall():
        if key not in _FIELDS:
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            continue
        if key == "workdays":
            value = tuple(value)
        if key == "quiet_days":
            value = {**DEFAULT_QUIET_DAYS, **value}
        values[key] = value
    return Preferences(**values)


def save_preferences(db: SqliteDatabase, **values) -> Outcome:
    """Store the given settings; unknown names raise ValueError."""
    for key in values:
        if key not in _FIELDS:
            raise ValueError(f"'{key}' is not a setting")
    with db.atomic("IMMEDIATE"):
        for key, value in values.items():
            if isinstance(value, tuple):
                value = list(value)
            db.execute_sql("INSERT OR REPLACE INTO preference (key, value) VALUES (?, ?)",
                           (key, json.dumps(value)))
    return Outcome(Changes(preferences=True))
