"""Reading what the rep types for "next step" (fixed now: Monday 2026-11-23 10:00)."""

from __future__ import annotations

import datetime as dt

import pytest

from organizer.errors import UserError
from organizer.when import When, parse_when


@pytest.fixture
def now(clock):
    return clock.local_now()


@pytest.mark.parametrize("text, expected", [
    ("tomorrow 9am", When(dt.date(2026, 11, 24), dt.time(9, 0))),
    ("in a week", When(dt.date(2026, 11, 30), None)),
    ("next tue 3pm", When(dt.date(2026, 12, 1), dt.time(15, 0))),
    ("in 3 days", When(dt.date(2026, 11, 26), None)),
    ("tomorrow at 9:30", When(dt.date(2026, 11, 24), dt.time(9, 30))),
    ("friday", When(dt.date(2026, 11, 27), None)),
    ("2026-12-01", When(dt.date(2026, 12, 1), None)),
    ("2026-12-01 14:00", When(dt.date(2026, 12, 1), dt.time(14, 0))),
    ("2026-12-01T14:00", When(dt.date(2026, 12, 1), dt.time(14, 0))),
    ("2026-12-01T13:00Z", When(dt.date(2026, 12, 1), dt.time(14, 0))),  # Berlin is UTC+1
    ("3pm", When(dt.date(2026, 11, 23), dt.time(15, 0))),
    ("9am", When(dt.date(2026, 11, 24), dt.time(9, 0))),  # already past today: tomorrow
])
def test_phrases(now, text, expected):
    assert parse_when(text, now) == expected


@pytest.mark.parametrize("text", ["", "blah", "tomorrow blah", "tue 3", "2026-13-45", "soonish"])
def test_unreadable_text_is_a_plain_error(now, text):
    with pytest.raises(UserError) as error:
        parse_when(text, now)
    assert "\n" not in error.value.message
    if text:
        assert text in error.value.message


def test_describe():
    assert When(dt.date(2026, 12, 1), dt.time(15, 0)).describe() == "Tue 01 Dec 2026 at 15:00"
    assert When(dt.date(2026, 12, 1), None).describe() == "Tue 01 Dec 2026, any time"
