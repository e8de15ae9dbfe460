"""Per-day counts, contact extras and the short words of Today and Calendar rows."""

from __future__ import annotations

import datetime as dt

from organizer import agenda
from organizer.calendar_queries import (
    DayCount,
    age_text,
    contact_extras,
    day_counts,
    late_text,
    local_now_text,
    rearm_reminders,
    their_time,
)
from organizer.contacts import ContactData, archive_contacts, create_contact
from organizer.followups import complete, schedule_follow_up
from organizer.interactions import log_interaction
from organizer.preferences import Preferences
from organizer.schedule import day_bounds
from organizer.when import When
from organizer.workdays import quick_pick


def person(db, clock, name, **extra) -> int:
    return create_contact(db, clock, ContactData(first_name=name, **extra)).value


def test_day_counts_tell_promised_and_overdue_apart(db, clock, prefs):
    today = clock.today()
    ann, ben, gone = (person(db, clock, n) for n in ("Ann", "Ben", "Gone"))
    yesterday = today - dt.timedelta(days=1)
    schedule_follow_up(db, clock, prefs, ann, When(yesterday, dt.time(15)), kind="promised")
    schedule_follow_up(db, clock, prefs, ann, When(today, dt.time(9)))  # late by now (10:00)
    schedule_follow_up(db, clock, prefs, ben, When(today, dt.time(16)), kind="promised")
    schedule_follow_up(db, clock, prefs, ben, When(today, None))
    done = schedule_follow_up(db, clock, prefs, ben, When(today, dt.time(11))).value
    complete(db, clock, done)
    schedule_follow_up(db, clock, prefs, gone, When(today, dt.time(12)))
    archive_contacts(db, clock, [gone])
    schedule_follow_up(db, clock, prefs, ann, When(today + dt.timedelta(days=40), None))

    counts = day_counts(db, yesterday, today + dt.timedelta(days=6), clock.zone_name, clock.now())
    assert counts == {yesterday: DayCount(1, 1, 1), today: DayCount(3, 1, 1)}


def test_day_counts_agree_with_the_day_agenda(db, clock, prefs):
    ann = person(db, clock, "Ann", time_zone="America/New_York")
    # 23:30 in New York is the next morning in Berlin: both views put it on the 24th.
    schedule_follow_up(db, clock, prefs, ann, When(clock.today(), dt.time(23, 30)), their_time=True)
    day = clock.today() + dt.timedelta(days=1)
    start, end = day_bounds(day, clock.zone_name)
    counts = day_counts(db, clock.today(), day, clock.zone_name, clock.now())
    assert list(counts) == [day]
    assert counts[day].total == agenda.count_due_between(db, start, end) == 1


def test_contact_extras_give_last_interaction_and_zone(db, clock):
    ann = person(db, clock, "Ann", time_zone="America/Chicago")
    ben = person(db, clock, "Ben")
    log_interaction(db, clock, ann, notes="first call")
    clock.advance(hours=1)
    log_interaction(db, clock, ann, channel="email", outcome="sent", notes="sent   the\nquote")
    extras = contact_extras(db, [ann, ben])
    assert extras[ann].time_zone == "America/Chicago"
    assert extras[ann].last.one_line(clock.zone_name) == "23 Nov email, sent: sent the quote"
    assert extras[ben].last is None
    assert contact_extras(db, []) == {}


def test_words_for_rows(db, clock, prefs):
    assert late_text(dt.timedelta(minutes=5)) == "5 min late"
    assert late_text(dt.timedelta(hours=19)) == "19 h late"
    assert late_text(dt.timedelta(days=3, hours=2)) == "3 days late"
    assert age_text(dt.timedelta(hours=5, minutes=59)) == "waiting 5 h"
    assert age_text(dt.timedelta(days=4)) == "waiting 4 days"
    ann = person(db, clock, "Ann", time_zone="America/New_York")
    schedule_follow_up(db, clock, prefs, ann, When(clock.today(), dt.time(15)))
    schedule_follow_up(db, clock, prefs, ann, When(clock.today(), dt.time(16)), their_time=True)
    mine, theirs = agenda.open_follow_ups(db, ann)
    assert their_time(mine, clock.zone_name) == "09:00 their time"
    assert their_time(theirs, clock.zone_name) == "16:00 their time"
    assert local_now_text("America/New_York", clock.zone_name, clock.now()) == "04:00 there"
    assert local_now_text(None, clock.zone_name, clock.now()) is None
    assert local_now_text("Europe/Paris", clock.zone_name, clock.now()) is None  # same offset


def test_quick_pick_plus_one_day_skips_the_weekend():
    prefs = Preferences()
    friday = dt.date(2026, 11, 27)
    assert quick_pick(friday, "+1 day", prefs) == dt.date(2026, 11, 30)
    saturday_worker = Preferences(workdays=(0, 1, 2, 3, 4, 5))
    assert quick_pick(friday, "+1 day", saturday_worker) == dt.date(2026, 11, 28)


def test_rearm_reminders_follows_a_new_lead_time(db, clock, prefs):
    ann = person(db, clock, "Ann")
    schedule_follow_up(db, clock, prefs, ann, When(clock.today(), dt.time(15)))
    outcome = rearm_reminders(db, Preferences(reminder_lead_minutes=15))
    assert outcome.value == 1 and outcome.changes.follow_ups
    from organizer.reminders import next_reminder_at

    assert next_reminder_at(db) == dt.datetime(2026, 11, 23, 13, 45, tzinfo=dt.timezone.utc)
