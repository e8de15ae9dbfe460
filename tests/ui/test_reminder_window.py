"""The reminder window and the controller that wires it to a main window."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from organizer.contacts import ContactData, create_contact
from organizer.followups import schedule_follow_up
from organizer.reminders import unhandled
from organizer.when import When
from tests.ui.helpers import RecordingNotifier
from ui.app import build_window
from ui.reminders.controller import HINT_KEY, install_reminders
from ui.reminders.window import ReminderWindow

TODAY = dt.date(2026, 11, 23)





def _add(db, clock, prefs, first, time, company="Acme"):
    contact = create_contact(db, clock, ContactData(
        first_name=first, last_name="Lee", company=company,
        phones=(("work", "+1 212 555 0142"),))).value
    return schedule_follow_up(db, clock, prefs, contact, When(TODAY, time), kind="promised",
                              reason="quote").value


@pytest.fixture
def setup(ctx, qtbot, tmp_path):
    made = []

    def build(tray: bool = False):
        window = build_window(ctx)
        qtbot.addWidget(window)
        notifier = RecordingNotifier()
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        controller = install_reminders(window, ctx, start=False, tray_available=tray,
                                       notifier=notifier, settings=settings)
        qtbot.addWidget(controller.reminder_window)
        made.append(controller)
        return window, controller, notifier

    yield build
    for controller in made:
        controller.stop()
    QApplication.instance().setQuitOnLastWindowClosed(True)


def test_window_lists_plain_text_and_emits_intents(db, clock, prefs, qtbot):
    fid = _add(db, clock, prefs, "<b>Ann</b>", dt.time(9, 0), company="Smith & Sons")
    window = ReminderWindow(clock)
    qtbot.addWidget(window)
    window.set_items(unhandled(db, clock.now()), clock.now())
    window.set_message("<h1>Call <b>Ann</b></h1>")
    row = window.list.topLevelItem(0)
    assert [row.text(i) for i in range(5)] == ["9:00 AM", "<b>Ann</b> Lee", "Smith & Sons",
                                               "(212) 555-0142", "quote"]
    assert window.banner.textFormat().name == "PlainText"
    assert window.selected_ids() == [fid]
    with qtbot.waitSignal(window.done_requested) as done:
        window.done_button.click()
    assert done.args == [[fid]]
    with qtbot.waitSignal(window.quick_log_requested) as logged:
        window.log_button.click()
    with qtbot.waitSignal(window.snooze_requested) as snoozed:
        window.snooze_button.menu().actions()[0].trigger()
    assert snoozed.args == [[fid], "10 minutes"]
    assert logged.args[0] == window.items[0].contact_id


def test_done_and_snooze_through_the_controller(db, clock, prefs, setup, qtbot):
    fid = _add(db, clock, prefs, "Ann", dt.time(9, 0))
    _window, controller, notifier = setup()
    controller.start()
    assert notifier.shown == [("Call Ann Lee — promised 9:00 AM (late)",
                               "Acme\n(212) 555-0142\nquote")]
    rw = controller.reminder_window
    assert rw.selected_ids() == [fid]
    rw.snooze_button.menu().actions()[1].trigger()  # 1 hour
    qtbot.waitUntil(lambda: rw.items == [])
    clock.advance(hours=1)
    controller.scheduler.check()
    assert len(notifier.shown) == 2 and rw.selected_ids() == [fid]
    rw.done_button.click()
    qtbot.waitUntil(lambda: rw.items == [])
    assert unhandled(db, clock.now()) == []


def test_many_at_start_give_one_summary_and_the_window(db, clock, prefs, setup):
    for index, name in enumerate(("Ann", "Bob", "Cy")):
        _add(db, clock, prefs, name, dt.time(7, index))
    _window, controller, notifier = setup()
    controller.start()
    assert [t for t, _b in notifier.shown] == [
        "3 callbacks came due while Sales Organizer was closed"]
    assert controller.reminder_window.isVisible()
    assert len(controller.reminder_window.items) == 3


def test_without_a_tray_closing_quits(setup, qtbot):
    # REM-16: no tray to hide in, so closing is a real close.
    window, controller, _ = setup(tray=False)
    assert controller.tray is None
    assert QApplication.instance().quitOnLastWindowClosed()
    window.show()
    controller.reminder_window.show()
    assert window.close()
    assert not window.isVisible() and not controller.reminder_window.isVisible()


def test_with_a_tray_closing_hides_with_a_one_time_hint(setup, qtbot):
    window, controller, _ = setup(tray=True)
    controller.start()
    hints = []
    controller.tray.show_message = lambda title, body: hints.append(body)
    window.show()
    assert not window.close()  # the close was turned into a hide
    assert not window.isVisible()
    assert not QApplication.instance().quitOnLastWindowClosed()
    assert controller.settings.value(HINT_KEY, type=bool)
    window.show()
    window.close()
    assert len(hints) == 1 and "tray" in hints[0]
    controller.show_main_window()
    assert window.isVisible()


def test_file_quit_really_quits_with_a_tray(setup, qtbot):
    window, controller, _ = setup(tray=True)
    controller.start()
    controller.tray.show_message = lambda title, body: None
    window.show()
    window.actions.quit.trigger()
    assert controller._quitting and not window.isVisible()
    assert not controller.tray.icon.isVisible() and not controller.scheduler.timer.isActive()


def test_print_actions_are_on_the_built_window(ctx, qtbot):
    window = build_window(ctx)
    qtbot.addWidget(window)
    assert window.print_actions.print_sheet.objectName() == "printCallSheet"


def test_logout_closes_for_real(setup, qtbot):
    window, controller, _ = setup(tray=True)
    controller.start()
    window.show()
    controller._session_ending()  # what the app's commitDataRequest calls at logout
    assert window.close()
