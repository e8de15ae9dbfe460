"""The real app on a virtual desktop: notifications reach dunst, the tray icon sits in
trayer, and only one instance runs per database."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time

from organizer.clock import FixedClock, zone
from organizer.contacts import ContactData, create_contact
from organizer.database import open_database
from organizer.followups import schedule_follow_up, snooze
from organizer.preferences import Preferences, save_preferences
from organizer.when import When

from .conftest import ROOT, ZONE, running_for, wait_for

DAY = dt.date(2026, 11, 23)


def _local(hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, 23, hour, minute, second, tzinfo=zone(ZONE))


def _database(path, due: dt.time, name=("Ann", "Lee")) -> int:
    db = open_database(path)
    try:
        save_preferences(db, time_zone=ZONE)
        clock = FixedClock(dt.datetime(2026, 11, 23, 8, 0), ZONE)
        contact = create_contact(db, clock, ContactData(
            first_name=name[0], last_name=name[1], company="Smith & Sons <Ltd>",
            phones=(("work", "+1 212 555 0142"),))).value
        return schedule_follow_up(db, clock, Preferences(), contact, When(DAY, due),
                                  kind="promised", reason="revised quote").value
    finally:
        db.close()


def _about(notes, who="Ann Lee"):
    return [summary for summary, _body in notes if who in summary]


def _stays(predicate, seconds: float) -> bool:
    """True if `predicate()` holds at every poll for `seconds` (proves "no more")."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not predicate():
            return False
        time.sleep(0.1)
    return True


def test_due_soon_notifies_once_and_not_again_after_restart(desktop, make_app, tmp_path):
    db_path = tmp_path / "sales.db"
    _database(db_path, dt.time(15, 0))
    app = make_app(db_path).start(now=_local(14, 59, 57))
    app.wait_window()
    found = wait_for(lambda: _about(desktop.notifications()), timeout=10,
                     what="the reminder notification")
    assert found == ["Call Ann Lee — promised 3:00 PM"]
    assert _stays(lambda: len(_about(desktop.notifications())) == 1, 1.0)
    assert app.stop() == 0  # SIGTERM quits cleanly, even with the tray
    again = make_app(db_path).start(now=_local(15, 1))
    again.wait_window()
    assert _stays(lambda: len(_about(desktop.notifications())) == 1, 1.0)


def test_came_due_while_closed_notifies_at_start(desktop, make_app, tmp_path):
    db_path = tmp_path / "sales.db"
    _database(db_path, dt.time(9, 0), name=("Bob", "Ray"))
    app = make_app(db_path).start(now=_local(14, 0))
    found = wait_for(lambda: _about(desktop.notifications(), "Bob Ray"), timeout=15,
                     what="the catch-up notification")
    assert found == ["Call Bob Ray — promised 9:00 AM (late)"]
    app.wait_window()


def test_snoozed_reminder_notifies_again(desktop, make_app, tmp_path):
    db_path = tmp_path / "sales.db"
    follow_up = _database(db_path, dt.time(9, 0))
    started = time.monotonic()
    make_app(db_path).start(now=_local(14, 0))
    wait_for(lambda: _about(desktop.notifications()), timeout=15, what="the first reminder")
    # Snooze from outside the app: it sees the change on its next tick.
    app_now = _local(14, 0) + dt.timedelta(seconds=time.monotonic() - started)
    db = open_database(db_path)
    try:
        snooze(db, FixedClock(app_now, ZONE), follow_up, app_now + dt.timedelta(seconds=2))
    finally:
        db.close()
    found = wait_for(lambda: len(_about(desktop.notifications())) >= 2, timeout=10,
                     what="the reminder after the snooze")
    assert found
    assert _stays(lambda: len(_about(desktop.notifications())) == 2, 0.8)


def test_tray_icon_exists_and_a_second_launch_brings_the_window_forward(
        desktop, make_app, tmp_path):
    db_path = tmp_path / "sales.db"
    _database(db_path, dt.time(16, 0))
    app = make_app(db_path).start(now=_local(12, 0), hidden=True)
    assert wait_for(desktop.tray_icons, timeout=15, what="the tray icon in trayer")
    assert not app.window_visible()  # started hidden in the tray
    second = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path)],
                            env=desktop.env, cwd=ROOT, capture_output=True, text=True,
                            timeout=30)
    assert second.returncode == 0 and "brought forward" in second.stderr
    app.wait_window(timeout=5)


def test_second_launch_exits_and_leaves_one_process(desktop, make_app, tmp_path):
    db_path = tmp_path / "sales.db"
    _database(db_path, dt.time(16, 0))
    app = make_app(db_path).start(now=_local(12, 0))
    app.wait_window()
    second = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path)],
                            env=desktop.env, cwd=ROOT, capture_output=True, text=True,
                            timeout=30)
    assert second.returncode == 0, second.stderr
    assert "already running" in second.stderr
    assert app.process.poll() is None
    assert running_for(db_path) == [app.process.pid]


def test_two_launches_at_once_leave_one_app_and_one_notification(desktop, make_app, tmp_path):
    # `app & app`: both start before either holds the lock. One gives way; the other
    # alone catches up on the reminder that came due while the app was closed.
    db_path = tmp_path / "sales.db"
    _database(db_path, dt.time(9, 0), name=("Cy", "Ng"))
    launches = [make_app(db_path).start(now=_local(14, 0)) for _ in range(2)]
    gave_way = wait_for(lambda: [a for a in launches if a.process.poll() is not None],
                        timeout=20, what="one of the two launches to give way")
    assert len(gave_way) == 1 and gave_way[0].process.returncode == 0
    (running,) = [a for a in launches if a is not gave_way[0]]
    running.wait_window()
    found = wait_for(lambda: _about(desktop.notifications(), "Cy Ng"), timeout=15,
                     what="the catch-up notification")
    assert found == ["Call Cy Ng — promised 9:00 AM (late)"]
    assert _stays(lambda: len(_about(desktop.notifications(), "Cy Ng")) == 1, 1.0)
    assert running_for(db_path) == [running.process.pid]
    assert "already running" in running.log.read_text()  # the launches share one log
