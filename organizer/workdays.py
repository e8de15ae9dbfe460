"""The rep's working week: quick picks ("+1 day") land on working days only."""

from __future__ import annotations

import datetime as dt

from .preferences import Preferences

QUICK_PICKS = {"+1 day": ("days", 1), "+3 days": ("days", 3), "+1 week": ("weeks", 1),
               "+2 weeks": ("weeks", 2)}


def is_working_day(day: dt.date, prefs: Preferences) -> bool:
    return day.weekday() in prefs.workdays


def next_working_day(day: dt.date, prefs: Preferences) -> dt.date:
    """`day` itself if the rep works that day, else the next day they do."""
    if not prefs.workdays:
        return day
    while not is_working_day(day, prefs):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, count: int, prefs: Preferences) -> dt.date:
    """`count` working days after `day` (Friday + 1 working day = Monday)."""
    if not prefs.workdays:
        return day + dt.timedelta(days=count)
    while count > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, prefs):
            count -= 1
    return day


def quick_pick(today: dt.date, pick: str, prefs: Preferences) -> dt.date:
    """The date a quick-pick button means: days count working days; weeks count
    calendar weeks and then move to a working day."""
    unit, amount = QUICK_PICKS[pick]
    if unit == "days":
        return add_working_days(today, amount, prefs)
    return next_working_day(today + dt.timedelta(weeks=amount), prefs)
