"""The scheduler with a fake clock: sleep, clock jumps, DST, far-away callbacks."""

from __future__ import annotations

import datetime as dt

import pytest

from organizer.clock import UTC, FixedClock
from organizer.contacts import ContactData, create_contact
from organizer.followups import schedule_follow_up, snooze
from organizer.when import When
from ui.reminders.scheduler import MAX_TICK_MS, ReminderScheduler

TODAY = dt.date(2026, 11, 23)


class FakeMonotonic:
    """Monotonic time: it stops while the (pretend) laptop sleeps."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def mono():
    return FakeMonotonic()


@pytest.fixture
def make(db, clock, mono, qtbot):
    made = []

    def build(the_clock=clock):
        scheduler = ReminderScheduler(db, the_clock, monotonic=mono)
        fired = []
        scheduler.reminders_due.connect(
            lambda items, why, count: fired.append((items, why)) if count == len(items) else
            fired.append(("count differs", count)))
        made.append(scheduler)
        return scheduler, fired

    yield build
    for scheduler in made:
        scheduler.stop()


def _ann(db, clock, **kw):
    return create_contact(db, clock, ContactData(first_name="Ann", last_name="Lee", **kw)).value


def _due(db, clock, prefs, contact, day, time, **kw):
    return schedule_follow_up(db, clock, prefs, contact, When(day, time), **kw).value


def _ids(fired):
    return [[r.follow_up_id for r in items] for items, _why in fired]


def test_arms_for_the_next_reminder_and_announces_once(db, clock, prefs, make, mono):
    fid = _due(db, clock, prefs, _ann(db, clock), TODAY, dt.time(10, 0, 30))
    scheduler, fired = make()
    scheduler.start()
    assert fired == []
    assert 30_000 <= scheduler.timer.interval() <= 30_100
    clock.advance(seconds=30)
    mono.value += 30
    scheduler.check()
    assert _ids(fired) == [[fid]] and fired[0][1] == "tick"
    assert scheduler.timer.interval() == MAX_TICK_MS  # nothing left: plain ticks
    clock.advance(seconds=60)
    mono.value += 60
    scheduler.check()
    assert len(fired) == 1


def test_came_due_while_closed_is_announced_at_start(db, clock, prefs, make):
    fid = _due(db, clock, prefs, _ann(db, clock), TODAY, dt.time(8, 0))
    scheduler, fired = make()
    scheduler.start()
    assert _ids(fired) == [[fid]] and fired[0][1] == "start"
    # A restart (a new scheduler on the same database) does not repeat it.
    again, fired_again = make()
    again.start()
    assert fired_again == []


def test_sleep_is_caught_up_on_the_first_tick_after_wake(db, clock, prefs, make, mono):
    # REM-1: due in 2 minutes, the laptop sleeps 10 minutes. Monotonic time stood still.
    fid = _due(db, clock, prefs, _ann(db, clock), TODAY, dt.time(10, 2))
    scheduler, fired = make()
    scheduler.start()
    clock.advance(hours=3)
    scheduler.check()
    assert _ids(fired) == [[fid]] and fired[0][1] == "wake"


def test_clock_moved_back_then_forward_gives_no_duplicate(db, clock, prefs, make, mono):
    # REM-4
    ann = _ann(db, clock)
    first = _due(db, clock, prefs, ann, TODAY, dt.time(10, 0))
    later = _due(db, clock, prefs, ann, TODAY, dt.time(10, 30))
    scheduler, fired = make()
    scheduler.start()
    clock.advance(hours=-1)
    mono.value += 60
    scheduler.check()
    assert fired[-1][1] == "start" and _ids(fired) == [[first]]
    clock.advance(hours=1, minutes=31)
    mono.value += 60
    scheduler.check()
    assert _ids(fired) == [[first], [later]]
    clock.advance(hours=-1)
    scheduler.check()
    clock.advance(hours=1)
    scheduler.check()
    assert _ids(fired) == [[first], [later]]


def test_daylight_saving_keeps_the_wall_time(db, prefs, make, mono):
    # REM-5: 09:00 New York on the day the clocks jump forward is 13:00Z, not 14:00Z.
    ny = FixedClock(dt.datetime(2025, 3, 8, 9, 0), "America/New_York")
    ann = _ann(db, ny)
    fid = _due(db, ny, prefs, ann, dt.date(2025, 3, 9), dt.time(9, 0))
    scheduler, fired = make(ny)
    scheduler.start()
    ny.set(dt.datetime(2025, 3, 9, 12, 59, 59, tzinfo=UTC))
    scheduler.check()
    assert fired == []
    ny.set(dt.datetime(2025, 3, 9, 13, 0, tzinfo=UTC))
    scheduler.check()
    assert _ids(fired) == [[fid]]
    assert ny.local_now().hour == 9


def test_a_callback_45_days_out_never_arms_an_overlong_timer(db, clock, prefs, make, mono):
    # REM-3: QTimer refuses more than 24.8 days; the scheduler never asks for it.
    fid = _due(db, clock, prefs, _ann(db, clock), TODAY + dt.timedelta(days=45), dt.time(9, 0))
    scheduler, fired = make()
    scheduler.start()
    assert scheduler.timer.interval() == MAX_TICK_MS
    clock.advance(days=45)
    scheduler.check()
    assert _ids(fired) == [[fid]] and fired[0][1] == "wake"


def test_snoozed_reminds_again(db, clock, prefs, make, mono):
    fid = _due(db, clock, prefs, _ann(db, clock), TODAY, dt.time(9, 0))
    scheduler, fired = make()
    scheduler.start()
    snooze(db, clock, fid, clock.now() + dt.timedelta(minutes=10))
    scheduler.check()
    assert scheduler.timer.interval() == MAX_TICK_MS  # 10 minutes away: a plain tick
    clock.advance(minutes=10)
    mono.value += 600
    scheduler.check()
    assert _ids(fired) == [[fid], [fid]]


def test_the_real_timer_fires(db, clock, prefs, qtbot, mono):
    fid = _due(db, clock, prefs, _ann(db, clock), TODAY, dt.time(11, 0))
    scheduler = ReminderScheduler(db, clock, max_tick_ms=100, monotonic=mono)
    scheduler.start()
    clock.advance(hours=1)
    with qtbot.waitSignal(scheduler.reminders_due, timeout=2000) as blocker:
        pass
    assert [r.follow_up_id for r in blocker.args[0]] == [fid]
    scheduler.stop()


def test_a_failing_database_does_not_stop_the_ticks(db, clock, make, monkeypatch):
    scheduler, fired = make()
    import ui.reminders.scheduler as module

    def broken(*_args):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(module, "due_reminder_ids", broken)
    scheduler.check()
    assert scheduler.timer.isActive() and fired == []


def test_resume_from_sleep_checks_at_once(db, clock, prefs, make, mono):
    # logind's PrepareForSleep(false) is the fast path; the tick is the safety net.
    fid = _due(db, clock, prefs, _ann(db, clock), TODAY, dt.time(10, 5))
    scheduler, fired = make()
    scheduler.start()
    clock.advance(hours=1)
    scheduler._prepare_for_sleep(True)
    assert fired == []
    scheduler._prepare_for_sleep(False)
    assert _ids(fired) == [[fid]] and fired[0][1] == "wake"


def test_a_big_catch_up_reads_few_details_and_counts_them_all(db, clock, prefs, qtbot, mono,
                                                              monkeypatch):
    import ui.reminders.scheduler as module

    monkeypatch.setattr(module, "DETAILS_AT_MOST", 2)
    fids = [_due(db, clock, prefs, _ann(db, clock), TODAY, dt.time(9, n)) for n in range(4)]
    scheduler = ReminderScheduler(db, clock, monotonic=mono)
    fired = []
    scheduler.reminders_due.connect(lambda items, why, count: fired.append((items, why, count)))
    clock.advance(hours=3)
    scheduler.start()
    scheduler.stop()
    (items, why, count), = fired
    assert [r.follow_up_id for r in items] == fids[:2] and why == "start" and count == 4
    scheduler.check()
    assert len(fired) == 1  # all four were marked: none is announced again
