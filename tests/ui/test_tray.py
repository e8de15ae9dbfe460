"""The tray icon: the count drawn on it, a plain-text tooltip, the menu."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

from organizer.contacts import ContactData, create_contact
from organizer.followups import schedule_follow_up
from organizer.reminders import count_due, unhandled, upcoming
from organizer.when import When
from ui.reminders.tray import ICON_SIZE, ReminderTray, badge_icon, menu_text

TODAY = dt.date(2026, 11, 23)


def _red_pixels(icon) -> int:
    image = icon.pixmap(ICON_SIZE, ICON_SIZE).toImage()
    red = 0
    for x in range(0, ICON_SIZE, 2):
        for y in range(0, ICON_SIZE, 2):
            colour = QColor(image.pixel(x, y))
            red += colour.red() > 180 and colour.green() < 80 and colour.blue() < 80
    return red


def test_badge_is_drawn_only_for_a_count(qapp):
    assert _red_pixels(badge_icon(0)) == 0
    assert _red_pixels(badge_icon(3)) > 50
    assert _red_pixels(badge_icon(250)) > _red_pixels(badge_icon(3))  # wider "99+" disc


def test_state_menu_and_tooltip(db, clock, prefs, qtbot):
    people = ("<b>Ann</b>", "Smith & Sons")
    for hour, first in zip((8, 9), people, strict=True):
        contact = create_contact(db, clock, ContactData(first_name=first)).value
        schedule_follow_up(db, clock, prefs, contact, When(TODAY, dt.time(hour, 0)),
                           kind="promised")
    tray = ReminderTray()
    now = clock.now()
    tray.update_state(count_due(db, now), upcoming(db, now), unhandled(db, now),
                      clock.zone_name, now)
    assert tray.count == 2
    tip = tray.icon.toolTip()
    assert "&lt;b&gt;Ann&lt;/b&gt;" in tip and "<b>Ann" not in tip  # QT-5
    labels = [a.text() for a in tray.menu.actions()]
    assert "Call <b>Ann</b> — promised 8:00 AM (late)" in labels
    assert "Call Smith && Sons — promised 9:00 AM (late)" in labels
    assert menu_text("R&D") == "R&&D"
    with qtbot.waitSignal(tray.contact_open_requested) as opened:
        next(a for a in tray.menu.actions() if "Smith" in a.text()).trigger()
    assert opened.args == [2]
    for action, signal in ((tray.print_action, tray.print_requested),
                           (tray.snooze_all_action, tray.snooze_all_requested),
                           (tray.open_action, tray.open_requested),
                           (tray.quit_action, tray.quit_requested)):
        with qtbot.waitSignal(signal, timeout=500):
            action.trigger()
    with qtbot.waitSignal(tray.quick_log_requested) as logged:
        tray.quick_log_action.trigger()
    assert logged.args == [1]


def test_nothing_due(qapp, clock):
    tray = ReminderTray()
    tray.update_state(0, [], [], clock.zone_name, clock.now())
    assert tray._nothing.isVisible() and not tray.snooze_all_action.isEnabled()
    assert "Nothing due" in tray.icon.toolTip()
