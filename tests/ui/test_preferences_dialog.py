"""The Preferences dialog: defaults shown, settings saved to the database through
save_preferences, bad input refused in plain words, reminders re-armed on a new lead."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTime

from organizer.contacts import ContactData, create_contact
from organizer.followups import schedule_follow_up
from organizer.preferences import DEFAULT_QUIET_DAYS, Preferences, load_preferences
from organizer.reminders import next_reminder_at
from organizer.when import When
from organizer.workdays import quick_pick
from ui.preferences_dialog import PreferencesDialog


@pytest.fixture
def dialog(qtbot, ctx):
    widget = PreferencesDialog(ctx)
    qtbot.addWidget(widget)
    return widget


def test_shows_the_defaults(dialog):
    assert dialog.rep_name.text() == ""
    assert dialog.time_zone.currentData() is None
    assert dialog.day_start.time() == QTime(9, 0) and dialog.day_end.time() == QTime(17, 0)
    assert [box.isChecked() for box in dialog.weekday_boxes] == [True] * 5 + [False] * 2
    assert {s: spin.value() for s, spin in dialog.quiet_spins.items()} == DEFAULT_QUIET_DAYS
    assert dialog.lead.value() == 0 and dialog.lead.text() == "at the time"


def test_saves_every_setting(qtbot, ctx, dialog, db):
    dialog.rep_name.setText("  Pat   Seller ")
    dialog.time_zone.setCurrentText("America/Chicago")
    dialog.day_start.setTime(QTime(8, 30))
    dialog.day_end.setTime(QTime(16, 0))
    dialog.weekday_boxes[5].setChecked(True)  # works Saturdays
    dialog.quiet_spins["proposal"].setValue(3)
    dialog.quiet_spins["lead"].setValue(0)
    dialog.lead.setValue(10)
    dialog.start_hidden.setChecked(True)
    with qtbot.waitSignal(ctx.broadcaster.changed) as published:
        dialog.accept()
    assert published.args[0].preferences
    saved = load_preferences(db)
    assert saved.rep_name == "Pat Seller"
    assert saved.time_zone == "America/Chicago"
    assert (saved.workday_start, saved.workday_end) == ("08:30", "16:00")
    assert saved.workdays == (0, 1, 2, 3, 4, 5)
    assert saved.quiet_days["proposal"] == 3 and saved.quiet_days["lead"] == 0
    assert saved.reminder_lead_minutes == 10
    assert (saved.start_hidden, saved.start_at_login) == (True, False)
    assert ctx.prefs == saved  # the window reloaded them
    assert ctx.clock.zone_name == "America/Chicago"
    # '+1 day' from a Friday now lands on Saturday.
    assert quick_pick(dt.date(2026, 11, 27), "+1 day", ctx.prefs) == dt.date(2026, 11, 28)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_refuses_a_backwards_day_and_no_weekdays(qtbot, dialog, db):
    dialog.day_start.setTime(QTime(18, 0))
    dialog.accept()
    assert dialog.problem.text() == "The working day must end after it starts."
    dialog.day_start.setTime(QTime(9, 0))
    for box in dialog.weekday_boxes:
        box.setChecked(False)
    dialog.accept()
    assert dialog.problem.text() == "Tick at least one working day."
    dialog.weekday_boxes[0].setChecked(True)
    dialog.time_zone.setCurrentText("Mars/Olympus")
    dialog.accept()
    assert "not a known time zone" in dialog.problem.text()
    assert load_preferences(db) == Preferences()  # nothing saved


def test_new_lead_time_rearms_reminders(qtbot, ctx, dialog, db):
    ann = create_contact(db, ctx.clock, ContactData(first_name="Ann")).value
    schedule_follow_up(db, ctx.clock, ctx.prefs, ann, When(ctx.clock.today(), dt.time(15)))
    assert next_reminder_at(db) == dt.datetime(2026, 11, 23, 14, 0, tzinfo=dt.timezone.utc)
    dialog.lead.setValue(15)
    dialog.accept()
    assert next_reminder_at(db) == dt.datetime(2026, 11, 23, 13, 45, tzinfo=dt.timezone.utc)
