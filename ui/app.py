"""Starting the window: check Qt can start, make sure this is the only instance for the
database, open it, build the main window, start the reminders.

Environment variables (for the rep and for the end-to-end tests):
- SALES_ORGANIZER_START_HIDDEN=1: start in the tray without showing the window (the
  autostart entry sets it; the `start_hidden` preference does the same). Ignored when
  there is no tray, so the app is never invisible.
- SALES_ORGANIZER_TICK_MS=N: the longest wait between two reminder checks, in ms
  (default and maximum 60000). Tests use a short tick to see outside changes quickly.
- SALES_ORGANIZER_NOW=ISO-8601 instant: the clock starts at that moment and runs on in
  real time (tests pin "now" without waiting for a real due time).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import time

from organizer import APP_NAME, APP_TITLE
from organizer.clock import UTC, Clock


class RunningClock(Clock):
    """A clock that started at a given instant and runs forward in real time."""

    def __init__(self, start: dt.datetime, zone_name: str | None = None) -> None:
        super().__init__(zone_name)
        self._start = start.astimezone(UTC)
        self._started = time.monotonic()

    def now(self) -> dt.datetime:
        return self._start + dt.timedelta(seconds=time.monotonic() - self._started)


def clock_from_env(zone_name: str | None) -> Clock:
    text = os.environ.get("SALES_ORGANIZER_NOW")
    if not text:
        return Clock(zone_name)
    start = dt.datetime.fromisoformat(text)
    if start.tzinfo is None:
        start = start.replace(tzinfo=Clock(zone_name).tz)
    return RunningClock(start, zone_name)


def tick_from_env() -> int:
    from ui.reminders.scheduler import MAX_TICK_MS

    try:
        return int(os.environ.get("SALES_ORGANIZER_TICK_MS", MAX_TICK_MS))
    except ValueError:
        return MAX_TICK_MS


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes")


def run_app(db_path: str | None = None, hidden: bool = False) -> int:
    # No cyclic collections until the window has been painted: loading Qt and building
    # the window make many objects and no garbage worth a pass (a hundred passes, 5 ms
    # in PySide's import and 2-3 ms after it). The window switches the collector back
    # on (and freezes what start-up built) right after its first paint.
    gc.disable()
    from ui import paint_on_the_gui_thread, skip_feature_scan
    from ui.qt_check import problem_starting_qt, warm_fontconfig

    problem = problem_starting_qt()
    if problem:
        print(f"sales-organizer: {problem}", file=sys.stderr)
        return 1
    skip_feature_scan()
    paint_on_the_gui_thread()
    warm_fontconfig()
    from PySide6.QtWidgets import QApplication

    from organizer.location import default_db_path
    from ui.failures import install_excepthook, start_logging, warn_about_placement
    from ui.single_instance import SingleInstance

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("sales-organizer")
    path = default_db_path(db_path)
    instance = SingleInstance(path)
    if not instance.claim(listen=False):  # it listens once the window is painted
        forward = instance.activate_running()
        print(f"sales-organizer: already running for {path}"
              + ("; its window was brought forward." if forward else "."), file=sys.stderr)
        return 0
    install_excepthook(path, start_logging(path), QApplication.activeWindow)
    started = start_reading(path) or open_and_start(path)
    if started is None:
        instance.release()
        return 1
    ctx, window = started
    window.after_first_paint(instance.listen)
    window.after_first_paint(lambda: warn_about_placement(window, path))
    prefs = ctx.prefs
    running = []

    def start_reminders():
        from ui.reminders.controller import install_reminders

        reminders = install_reminders(window, ctx, start=False, max_tick_ms=tick_from_env())
        instance.activation_requested.connect(reminders.show_main_window)
        reminders.print_requested.connect(lambda: print_today(window, reminders))
        running.append(reminders)
        return reminders

    if hidden or prefs.start_hidden or _flag("SALES_ORGANIZER_START_HIDDEN"):
        ctx.finish_opening()  # the reminders work on the full database at once
        reminders = start_reminders()  # hidden only with a tray to come back from
        if reminders.tray is None:
            window.show()
        else:
            window.run_deferred()
        reminders.start()
        _quit_on_sigterm(app, reminders.quit)
    else:
        # The window first: the reminders (tray, catching up on what came due while the
        # app was closed) start as soon as it has been painted.
        window.show()

        def start_after_paint() -> None:
            reminders = start_reminders()
            reminders.start()
            _quit_on_sigterm(app, reminders.quit)

        window.after_first_paint(start_after_paint)
    try:
        return app.exec()
    finally:
        for reminders in running:
            reminders.stop()
        instance.release()
        ctx.close()


def _quit_on_sigterm(app, quit_app) -> None:
    """Logout and `kill` send SIGTERM: quit cleanly (lock released, window state saved).
    Python only runs signal handlers between bytecodes, so a timer lets it in. The
    controller's quit is used because Qt 6's quit() first closes the windows, and a
    close turned into "hide to the tray" would cancel it."""
    import signal

    from PySide6.QtCore import QTimer

    if not hasattr(signal, "SIGTERM"):
        return
    signal.signal(signal.SIGTERM, lambda *_: quit_app())
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(500)


def start_reading(path):
    """(context, window) built on a read-only connection when the file is ours and at
    this release's schema: the window's first paint then needs neither peewee nor the
    schema checks, and the full open follows right after the paint. None when the file
    must go the full way (new, older schema, not ours, damaged)."""
    from organizer.errors import is_database_error
    from organizer.preferences import load_preferences
    from organizer.reader import open_reader
    from ui.context import AppContext

    reader = open_reader(path)
    if reader is None:
        return None
    try:
        prefs = load_preferences(reader)
        ctx = AppContext(reader, clock_from_env(prefs.time_zone), prefs, path)
        window = build_window(ctx, daily_backup=True, deferred=True)
    except Exception as exc:
        reader.close()
        if is_database_error(exc):
            return None  # the full open says what is wrong and offers a backup
        raise
    ctx.open_later(lambda: _open_database(path))
    window.after_first_paint(lambda: _finish_opening(window, ctx), first=True)
    return ctx, window


def _open_database(path):
    from organizer.database import open_database

    return open_database(path)


def _finish_opening(window, ctx) -> None:
    from organizer.errors import UserError
    from ui.context import show_error

    try:
        ctx.finish_opening()
    except UserError as exc:  # the file changed under us since the first read
        show_error(window, exc.message)
        window.forget_deferred()  # its pages would be built on the closed file
        window.hide()
        from PySide6.QtWidgets import QApplication

        QApplication.exit(1)


def open_and_start(path):
    """The full way: open (create, migrate, check) the database, offer the newest backup
    when it is damaged, then build the window. None when the rep cannot go on."""
    from organizer.database import open_database
    from organizer.errors import DamagedDatabase, UserError
    from ui.context import show_error
    from ui.failures import open_restored

    try:
        db = open_database(path)
    except DamagedDatabase as exc:
        db = open_restored(path, exc)
        if db is None:
            return None
    except UserError as exc:
        print(f"sales-organizer: {exc.message}", file=sys.stderr)
        show_error(None, exc.message)
        return None
    started = start_on(db, path, deferred=True)
    if started is None:
        db.close()
    return started


def start_on(db, path, deferred: bool = False):
    """(context, window) for an open database; when it is damaged, offer the newest
    backup and start on the restored data. None when the rep cannot go on. `deferred`:
    see build_window."""
    from organizer.backups import database_problem, restore_backup
    from organizer.errors import UserError, is_database_error
    from organizer.preferences import load_preferences
    from ui.context import AppContext, show_error
    from ui.failures import offer_restore

    for restored in (False, True):
        try:
            prefs = load_preferences(db)
            ctx = AppContext(db, clock_from_env(prefs.time_zone), prefs, path)
            return ctx, build_window(ctx, daily_backup=True, deferred=deferred)
        except Exception as exc:
            if not is_database_error(exc):
                raise
            if restored:
                show_error(None, database_problem(path, exc))
                return None
            backup = offer_restore(None, path, exc)
        if backup is None:
            return None
        try:
            restore_backup(db, clock_from_env(None), backup)
        except UserError as exc:
            show_error(None, exc.message)
            return None
    return None


def build_window(ctx, daily_backup: bool = False, deferred: bool = False):
    """The main window for a context, with its print and transfer actions (tests build
    it the same way). `deferred` (the app's start-up) adds those actions just after the
    window is first painted, so their dialogs' imports do not hold the window up."""
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    if deferred:
        window.after_first_paint(lambda: install_file_actions(window, ctx, daily_backup))
    else:
        install_file_actions(window, ctx, daily_backup)
    return window


def install_file_actions(window, ctx, daily_backup: bool) -> None:
    from ui.printing.actions import install_print_actions
    from ui.transfer.actions import install_transfer_actions

    install_print_actions(window, ctx)
    window.transfer_actions = install_transfer_actions(window, ctx, daily=daily_backup)
    window.contacts_page.merge_requested.connect(window.transfer_actions.controller.merge)


def print_today(window, reminders) -> None:
    """The tray's "Print today's call sheet": the window's own Print… action."""
    reminders.show_main_window()
    actions = getattr(window, "print_actions", None)
    if actions is not None:
        actions.print_sheet.trigger()
