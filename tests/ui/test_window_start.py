"""Start-up order: the window (with Today) is shown first; what can wait runs once it
has been painted, and the Calendar reads its follow-ups when it is first shown."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QMenu

from ui.app import build_window
from ui.calendar.page import CalendarPage
from ui.context import AppContext


def _names(menu: QMenu) -> list[str]:
    return [a.objectName() for a in menu.actions() if a.objectName()]


def test_work_waits_for_the_first_paint_then_runs_in_order(qtbot, db, clock, prefs, db_path):
    window = build_window(AppContext(db, clock, prefs, db_path))
    qtbot.addWidget(window)
    ran = []
    window.after_first_paint(lambda: ran.append("first"))
    window.after_first_paint(lambda: ran.append("second"))
    assert ran == []
    window.show()
    qtbot.waitUntil(lambda: ran == ["first", "second"])
    window.after_first_paint(lambda: ran.append("later"))  # after the paint: at once
    qtbot.waitUntil(lambda: ran == ["first", "second", "later"])


def test_deferred_build_adds_the_file_menu_features_after_the_paint(qtbot, db, clock, prefs,
                                                                    db_path):
    window = build_window(AppContext(db, clock, prefs, db_path), deferred=True)
    qtbot.addWidget(window)
    # The real window and its menus exist from the start (the objectName contract) ...
    assert window.findChild(QMenu, "menuFile") is not None
    assert getattr(window, "print_actions", None) is None
    window.show()
    # ... and printing, import and export join the File menu once it has been painted.
    qtbot.waitUntil(lambda: getattr(window, "print_actions", None) is not None)
    names = _names(window.findChild(QMenu, "menuFile"))
    assert "actionImport" in names and "actionExport" in names
    window.contacts_page.merge_requested.emit(None)  # wired to the merge dialog
    qtbot.waitUntil(lambda: window.transfer_actions.controller.dialog is not None)
    window.transfer_actions.controller.dialog.reject()


def test_contacts_and_calendar_are_built_after_the_first_paint(qtbot, db, clock, prefs,
                                                               db_path):
    window = build_window(AppContext(db, clock, prefs, db_path), deferred=True)
    qtbot.addWidget(window)
    assert window.today_page.sections  # Today is there for the first paint ...
    assert window.findChild(QLineEdit, "contactSearch") is None  # ... the others are not
    assert not window.pages_built()
    window.show()
    qtbot.waitUntil(window.pages_built)  # built without the rep asking
    assert window.findChild(QLineEdit, "contactSearch") is window.contacts_page.search
    assert window.findChild(CalendarPage) is window.calendar_page


def test_a_page_asked_for_before_the_paint_is_built_at_once(qtbot, db, clock, prefs, db_path):
    window = build_window(AppContext(db, clock, prefs, db_path), deferred=True)
    qtbot.addWidget(window)
    window.actions.find.trigger()  # Ctrl+F before anything was painted
    assert window.current_page() is window.contacts_page
    assert window.findChild(QLineEdit, "contactSearch") is not None
    window.show_page("calendar")  # choosing a tab builds its page too
    assert window.findChild(CalendarPage) is not None and window.pages_built()


def test_a_hidden_start_runs_the_waiting_work_at_once(qtbot, db, clock, prefs, db_path):
    window = build_window(AppContext(db, clock, prefs, db_path), deferred=True)
    qtbot.addWidget(window)
    window.run_deferred()
    qtbot.waitUntil(lambda: getattr(window, "print_actions", None) is not None)
    assert not window.isVisible()


def test_calendar_reads_its_follow_ups_when_first_shown(qtbot, db, clock, prefs):
    page = CalendarPage(AppContext(db, clock, prefs))
    qtbot.addWidget(page)
    assert not page.loaded and page.month_model.counts == {}
    page.show()
    assert page.loaded
    assert page.day_title.text().startswith(clock.today().strftime("%A"))
