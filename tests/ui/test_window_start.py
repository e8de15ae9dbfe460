"""Start-up order: the window (with Today) is shown first; what can wait runs once it
has been painted, and the Calendar reads its follow-ups when it is first shown."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from tests.ui.helpers import probe
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
    assert all(s.rest is None for s in window.today_page.sections)  # Today read in full
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


def test_the_window_is_first_drawn_through_a_reader_then_the_full_database_opens(
        qtbot, db, db_path, clock):
    from organizer.contacts import ContactData, create_contact
    from organizer.reader import Reader
    from ui.app import start_reading

    create_contact(db, clock, ContactData(first_name="Ann", last_name="Lee"))
    started = start_reading(db_path)
    assert started is not None
    ctx, window = started
    qtbot.addWidget(window)
    assert isinstance(ctx.db, Reader)  # what the first paint reads through
    window.show()
    qtbot.waitUntil(window.pages_built)
    assert not isinstance(ctx.db, Reader)  # opened (and checked) just after the paint
    assert window.contacts_page.model.ids  # the pages built on the full database
    ctx.close()


def test_a_change_asked_for_before_the_full_open_opens_it_first(qtbot, db, db_path):
    from organizer.contacts import ContactData, create_contact
    from organizer.reader import Reader
    from ui.app import start_reading

    ctx, window = start_reading(db_path)
    qtbot.addWidget(window)
    assert isinstance(ctx.db, Reader)
    outcome = ctx.run(window, create_contact, ctx.clock, ContactData(first_name="Ben"))
    assert outcome is not None and not isinstance(ctx.db, Reader)
    ctx.close()


def test_a_file_to_migrate_goes_the_full_way(db, db_path):
    from ui.app import start_reading

    db.execute_sql("PRAGMA user_version = 1")  # an older release's file
    assert start_reading(db_path) is None


def test_the_first_paint_needs_neither_peewee_nor_qtnetwork():
    """What the window's first paint imports (ui.app's start-up path, the main window,
    Today): peewee, the services and QtNetwork load after the paint."""
    code = ("import sys; import ui.app, ui.main_window, ui.failures, ui.single_instance; "
            "import organizer.reader, organizer.location; "
            "print(sorted(m for m in ('peewee', 'phonenumbers', 'PySide6.QtNetwork', "
            "'organizer.models', 'ui.contacts.page', 'ui.calendar.page') if m in sys.modules))")
    assert probe(code) == "[]"


def test_a_full_open_that_fails_after_the_paint_says_why_and_ends(qtbot, db, db_path,
                                                                  monkeypatch):
    import ui.app as app_module
    import ui.context
    from organizer.errors import UserError

    said = []
    monkeypatch.setattr(ui.context, "show_error", lambda parent, message: said.append(message))
    ctx, window = app_module.start_reading(db_path)
    qtbot.addWidget(window)
    window.show()

    def fail():
        raise UserError(f"{db_path} cannot be opened: disk I/O error.")

    ctx.open_later(fail)
    app_module._finish_opening(window, ctx)
    assert said == [f"{db_path} cannot be opened: disk I/O error."]
    assert not window.isVisible()
    window.run_deferred()  # what the shown window's fallback timer does later
    QApplication.processEvents()  # the work it would have queued, run
    assert not window.pages_built()  # nothing is built on the file that failed
    ctx.close()


FIRST_FRAME_PROBE = """
import enum
import sys
from organizer.database import open_database
open_database(sys.argv[1]).close()
import PySide6.QtCore as core
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.app import start_reading
ctx, window = start_reading(sys.argv[1])
seen = []
def built():  # the classes whose enums PySide has built
    classes, todo = set(), [enum.Enum]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("PySide6"):
                classes.add(sub.__qualname__.split(".")[0])
    return classes
class Watch(QObject):
    def eventFilter(self, obj, event):
        if not seen and event.type() == QEvent.Type.Paint:
            seen.append('Qt' in vars(core))
            seen.append(sorted(built() & {"Qt", "QIcon", "QUrl", "QDir"}))
            QTimer.singleShot(0, app.quit)
        return False
watch = Watch()
window.installEventFilter(watch)
window.show()
app.exec()
print(seen)
"""


def test_the_first_frame_does_without_the_qt_namespace(db_path):
    """PySide builds all of Qt's namespace enums (25-40 ms) the first time Python touches
    `Qt`: nothing on the way to the first frame does (roles are numbers, shortcut
    contexts are set after the paint). Nor does it build the classes it has no use for
    (QIcon through an overload, QUrl, QDir: ~4 ms)."""
    assert probe(FIRST_FRAME_PROBE, str(db_path)).splitlines()[-1] == "[False, []]"


AFTER_PAINT_PROBE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
{setup}
seen = []
show = QMainWindow.show
def watched(window):
    {at_show}
    show(window)
    QTimer.singleShot(0, lambda: window.after_first_paint(lambda: QTimer.singleShot(
        200, lambda: (seen.append({look}), app.quit()))))
QMainWindow.show = watched
import main
main.main(["--db", sys.argv[1]])
print(seen)
"""


def _started(db_path, look: str, setup: str = "", at_show: str | None = None) -> list:
    """Start the app on `db_path` as the rep does (main.main, in a fresh interpreter) and
    return what it saw: `at_show`'s value as the window is shown (when given), then
    `look`'s 200 ms after the window's first paint (Python expressions; `setup` defines
    what they use)."""
    from organizer.database import open_database

    open_database(db_path).close()
    folder = str(db_path.parent)
    script = AFTER_PAINT_PROBE.format(
        setup=setup, look=look, at_show="pass" if at_show is None else f"seen.append({at_show})")
    seen = probe(script, str(db_path), XDG_CONFIG_HOME=folder, XDG_RUNTIME_DIR=folder)
    return ast.literal_eval(seen.splitlines()[-1])


def test_the_collector_rests_until_the_window_is_painted(db_path):
    assert _started(db_path, "gc.isenabled()", "import gc", at_show="gc.isenabled()") == \
        [False, True]


THREADS = """
import pathlib
def threads():
    return sorted(p.read_text().strip() for p in pathlib.Path("/proc/self/task").glob("*/comm"))
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(),
                    reason="threads are listed through Linux's /proc")
def test_the_window_paints_without_qts_thread_pool(db_path, monkeypatch):
    # Qt hands tall fills (the scroll bars' gradients) to "Thread (pooled)" workers and
    # waits for them unless QT_NO_GUI_THREADPOOL is set: the start sets it.
    monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
    (threads,) = _started(db_path, "threads()", THREADS)
    assert threads  # the main thread at least: the list was read
    assert "Thread (pooled)" not in threads


PLACEMENT_WARNINGS = """
from PySide6.QtWidgets import QMessageBox
def warnings():
    return [(w.isVisible(), w.textFormat().name, w.text()) for w in app.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "placementWarning"]
"""


def test_the_window_warns_about_a_database_in_a_synced_folder(tmp_path):
    # Started as the rep starts it: the warning comes once the window is up, and waits
    # for an OK without holding up the event loop.
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    ((shown, text_format, text),) = _started(folder / "sales.db", "warnings()",
                                             PLACEMENT_WARNINGS)[0]
    assert shown and text_format == "PlainText"
    assert text.startswith(f"{(folder / 'sales.db').resolve()} is in a folder that Dropbox syncs")


def test_a_database_in_an_ordinary_folder_gets_no_warning(qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    from ui.failures import warn_about_placement

    parent = QWidget()
    qtbot.addWidget(parent)
    assert warn_about_placement(parent, tmp_path / "sales.db") is None
    box = warn_about_placement(parent, tmp_path / "OneDrive" / "sales.db")
    assert box is not None and box.isVisible()
    box.close()
