"""Reminder queries, the at-most-once mark, snooze presets and the notification words."""

from __future__ import annotations

import datetime as dt

from organizer.clock import UTC, FixedClock
from organizer.contacts import ContactData, archive_contacts, create_contact
from organizer.followups import complete, schedule_follow_up, snooze
from organizer.interactions import log_interaction
from organizer.preferences import Preferences
from organizer.reminders import (
    WORD_JOINER,
    count_due,
    due_reminder_ids,
    due_reminders,
    mark_notified,
    next_reminder_at,
    notification_text,
    reminders_by_id,
    sanitise,
    snooze_many,
    snooze_until,
    summary_text,
    truncate,
    unhandled,
    upcoming,
)
from organizer.when import When

ZONE = "Europe/Berlin"


def _contact(db, clock, first="Ann", last="Lee", company="Acme", phone="+1 212 555 0142", **kw):
    data = ContactData(first_name=first, last_name=last, company=company,
                       phones=(("work", phone),) if phone else (), **kw)
    return create_contact(db, clock, data).value


def _follow_up(db, clock, prefs, contact_id, day, time, **kw):
    return schedule_follow_up(db, clock, prefs, contact_id, When(day, time), **kw).value


TODAY = dt.date(2026, 11, 23)


def test_due_then_marked_once(db, clock, prefs):
    ann = _contact(db, clock)
    fid = _follow_up(db, clock, prefs, ann, TODAY, dt.time(15, 0), kind="promised",
                     reason="revised quote")
    assert due_reminders(db, clock.now()) == []
    assert next_reminder_at(db) == dt.datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
    clock.set(dt.datetime(2026, 11, 23, 15, 0))
    due = due_reminders(db, clock.now())
    assert [r.follow_up_id for r in due] == [fid]
    assert due[0].name == "Ann Lee" and due[0].phone == "+12125550142"
    first = mark_notified(db, [fid], clock.now())
    again = mark_notified(db, [fid], clock.now())
    assert first.value == [fid] and again.value == []
    assert due_reminders(db, clock.now()) == []
    assert next_reminder_at(db) is None
    # Still listed in the reminder window until handled.
    assert [r.follow_up_id for r in unhandled(db, clock.now())] == [fid]
    complete(db, clock, fid)
    assert unhandled(db, clock.now()) == []


def test_lead_time_and_all_day(db, clock):
    prefs = Preferences(reminder_lead_minutes=15, workday_start="08:30")
    ann = _contact(db, clock)
    timed = _follow_up(db, clock, prefs, ann, TODAY, dt.time(15, 0))
    all_day = _follow_up(db, clock, prefs, ann, TODAY + dt.timedelta(days=1), None)
    clock.set(dt.datetime(2026, 11, 23, 14, 45))
    assert [r.follow_up_id for r in due_reminders(db, clock.now())] == [timed]
    clock.set(dt.datetime(2026, 11, 24, 8, 29))
    assert [r.follow_up_id for r in due_reminders(db, clock.now())] == [timed]
    clock.set(dt.datetime(2026, 11, 24, 8, 30))
    assert [r.follow_up_id for r in due_reminders(db, clock.now())] == [timed, all_day]
    assert due_reminder_ids(db, clock.now()) == [timed, all_day]  # the same, without details
    assert reminders_by_id(db, [all_day, timed]) == due_reminders(db, clock.now())[::-1]


def test_snooze_reminds_again_and_archived_contacts_are_silent(db, clock, prefs):
    ann = _contact(db, clock)
    bob = _contact(db, clock, first="Bob", last="Ray", phone=None)
    fid = _follow_up(db, clock, prefs, ann, TODAY, dt.time(9, 0))
    gone = _follow_up(db, clock, prefs, bob, TODAY, dt.time(9, 0))
    archive_contacts(db, clock, [bob])
    assert [r.follow_up_id for r in due_reminders(db, clock.now())] == [fid]
    mark_notified(db, [fid], clock.now())
    snooze(db, clock, fid, snooze_until("10 minutes", clock, prefs))
    assert due_reminders(db, clock.now()) == [] and unhandled(db, clock.now()) == []
    assert count_due(db, clock.now()) == 1  # still due, only the reminder moved
    clock.advance(minutes=10)
    assert [r.follow_up_id for r in due_reminders(db, clock.now())] == [fid]
    assert gone not in [r.follow_up_id for r in upcoming(db, clock.now())]


def test_snooze_many_one_transaction(db, clock, prefs):
    ann = _contact(db, clock)
    ids = [_follow_up(db, clock, prefs, ann, TODAY, dt.time(9, m)) for m in (0, 10, 20)]
    mark_notified(db, ids, clock.now())
    outcome = snooze_many(db, ids, clock.now() + dt.timedelta(minutes=10))
    assert outcome.value == 3 and outcome.changes.follow_ups
    clock.advance(minutes=10)
    assert [r.follow_up_id for r in due_reminders(db, clock.now())] == ids


def test_snooze_tomorrow_morning_skips_the_weekend(prefs):
    friday = FixedClock(dt.datetime(2026, 11, 27, 16, 0), ZONE)
    until = snooze_until("tomorrow morning", friday, prefs)
    assert until == dt.datetime(2026, 11, 30, 9, 0, tzinfo=friday.tz).astimezone(UTC)
    assert snooze_until("1 hour", friday, prefs) - friday.now() == dt.timedelta(hours=1)


def test_notification_words(db, clock, prefs):
    ann = _contact(db, clock)
    log_interaction(db, clock, ann, notes="Wants the blue model")
    fid = _follow_up(db, clock, prefs, ann, TODAY, dt.time(15, 0), kind="promised",
                     reason="Send the revised quote")
    clock.set(dt.datetime(2026, 11, 23, 15, 0))
    (rem,) = due_reminders(db, clock.now())
    assert rem.follow_up_id == fid
    title, body = notification_text(rem, ZONE, clock.now(), platform="linux")
    assert title == "Call Ann Lee — promised 3:00 PM"
    assert body.splitlines() == ["Acme", "(212) 555-0142", "Send the revised quote",
                                 "Last: Wants the blue model"]
    clock.advance(hours=2)
    assert notification_text(rem, ZONE, clock.now(), "linux")[0].endswith("3:00 PM (late)")


def test_their_time_is_shown_with_mine(db, clock, prefs):
    ann = _contact(db, clock, time_zone="America/New_York")
    _follow_up(db, clock, prefs, ann, TODAY, dt.time(9, 0), their_time=True)
    clock.set(dt.datetime(2026, 11, 23, 15, 0))
    (rem,) = due_reminders(db, clock.now())
    title, _ = notification_text(rem, ZONE, clock.now(), "linux")
    assert title == "Call Ann Lee — planned 9:00 AM their time (3:00 PM yours)"


def test_rem7_a_callback_keeps_its_instant_when_the_laptop_changes_zone(db, clock, prefs):
    # Promised "10:00" in Berlin; the rep then starts the app in New York (the zone is
    # read at start): it comes due at 04:00 there and says both times.
    ann = _contact(db, clock)
    _follow_up(db, clock, prefs, ann, TODAY, dt.time(10, 0), kind="promised")
    new_york = FixedClock(dt.datetime(2026, 11, 23, 3, 59), "America/New_York")
    assert due_reminders(db, new_york.now()) == []
    new_york.advance(minutes=1)
    (rem,) = due_reminders(db, new_york.now())
    assert rem.due_at.astimezone(new_york.tz).time() == dt.time(4, 0)
    title, _ = notification_text(rem, "America/New_York", new_york.now(), "linux")
    assert title == "Call Ann Lee — promised 10:00 AM their time (4:00 AM yours)"


def test_windows_limits_count_utf16_units(db, clock, prefs):
    ann = _contact(db, clock, first="😀" * 40, last="Lee", company="x" * 400)
    _follow_up(db, clock, prefs, ann, TODAY, dt.time(9, 0))
    (rem,) = due_reminders(db, clock.now())
    title, body = notification_text(rem, ZONE, clock.now(), platform="win32")
    assert len(title.encode("utf-16-le")) // 2 <= 63 and title.endswith("…")
    assert len(body.encode("utf-16-le")) // 2 <= 255 and body.endswith("…")
    assert truncate("short", 63) == "short"


def test_sanitise_option_like_and_markup_text():
    # REM-13: notify-send would read these as options.
    for name in ("-w", "--help", "-u critical"):
        assert sanitise(name, markup=False) == WORD_JOINER + name
    # QT-8: escaped for body-markup servers, left literal otherwise.
    assert sanitise("Smith & Sons <Ltd>", markup=True) == "Smith &amp; Sons &lt;Ltd&gt;"
    assert sanitise("Smith & Sons <Ltd>", markup=False) == "Smith & Sons <Ltd>"
    assert sanitise("a\x00b\u202ec", markup=False) == "abc"
    # REM-14: the Flatpak portal path breaks on a quote; a look-alike keeps it readable.
    assert sanitise("O'Brien \\ Co", markup=False, portal=True) == "O\u2019Brien \u29f5 Co"


def test_summary_words():
    assert summary_text(3, while_closed=True)[0] == (
        "3 callbacks came due while Sales Organizer was closed")
    assert summary_text(1, while_closed=False)[0] == "1 callback is due"
    assert summary_text(4, while_closed=False)[0] == "4 callbacks are due"


def test_autostart_entry_is_written_and_removed(tmp_path):
    from organizer import autostart

    directory = autostart.autostart_dir({"XDG_CONFIG_HOME": str(tmp_path)})
    assert directory == tmp_path / "autostart"
    command = autostart.launch_command(tmp_path / "my sales%.db")
    assert command[-2] == "--db"
    path = autostart.set_enabled(True, command, directory)
    text = path.read_text(encoding="utf-8")
    assert "Type=Application" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert "SALES_ORGANIZER_START_HIDDEN=1" in exec_line
    assert "'" + str(tmp_path / "my sales%%.db") + "'" in exec_line  # quoted, % doubled
    assert autostart.is_enabled(directory)
    autostart.set_enabled(False, command, directory)
    assert not autostart.is_enabled(directory)
    autostart.set_enabled(False, command, directory)  # removing twice is fine


def test_all_day_words_and_lateness(db, clock, prefs):
    ann = _contact(db, clock, preferred_channel="email")
    _follow_up(db, clock, prefs, ann, TODAY, None, kind="check-in")
    (rem,) = due_reminders(db, clock.now())
    assert notification_text(rem, ZONE, clock.now(), "linux")[0] == (
        "E-mail Ann Lee — check in today")
    clock.advance(days=1)
    assert notification_text(rem, ZONE, clock.now(), "linux")[0] == (
        "E-mail Ann Lee — check in Mon 23 Nov (late)")


def test_marking_many_marks_each_once_in_order(db, clock, prefs, monkeypatch):
    import organizer.reminders as reminders

    monkeypatch.setattr(reminders, "_MARK_CHUNK", 2)  # several statements for five ids
    ids = []
    for n in range(5):
        cid = create_contact(db, clock, ContactData(first_name=f"P{n}")).value
        ids.append(schedule_follow_up(db, clock, prefs, cid, When(clock.today(), None)).value)
    assert mark_notified(db, [ids[3]], clock.now()).value == [ids[3]]
    again = mark_notified(db, list(reversed(ids)), clock.now())
    assert again.value == [ids[4], ids[2], ids[1], ids[0]]  # all but the one marked before
    assert mark_notified(db, ids, clock.now()).value == []
