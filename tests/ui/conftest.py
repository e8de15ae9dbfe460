"""Fixtures shared by the widget tests."""

from __future__ import annotations

import pytest

from ui.context import AppContext


@pytest.fixture
def ctx(db, clock, prefs, db_path):
    """The app's context on the test's database file, fixed clock and preferences."""
    return AppContext(db, clock, prefs, db_path)
