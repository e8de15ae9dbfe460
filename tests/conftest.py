"""Shared fixtures: a temporary database file, a fixed clock, default preferences.

QT_QPA_PLATFORM is set before anything imports Qt, so widget tests run offscreen.
"""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from organizer.clock import FixedClock  # noqa: E402
from organizer.database import open_database  # noqa: E402
from organizer.preferences import Preferences  # noqa: E402

# Monday 23 November 2026, 10:00 in Berlin: the fixed "now" of most tests.
NOW = dt.datetime(2026, 11, 23, 10, 0)
ZONE = "Europe/Berlin"


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "sales.db"


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def clock():
    return FixedClock(NOW, ZONE)


@pytest.fixture
def prefs():
    return Preferences()
