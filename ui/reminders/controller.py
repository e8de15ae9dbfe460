"""Wires the reminders into a main window: scheduler → notifier chain, the tray, the
reminder window, close-to-tray, start at login.

`install_reminders(window, ctx)` is all app.py calls. The window is not edited: an
event filter catches its close. With a tray, closing hides the window (a one-time
hint says the app keeps running); without one, closing quits (RELIABILITY.md REM-16).
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon

from organizer import APP_NAME, APP_TITLE, autostart, phones
from organizer.changes import Changes
from organizer.followups import complete
from organizer.phones import tel_uri
from organizer.reminders import (
    SUMMARY_THRESHOLD,
    count_due,
    notification_text,
    snooze_many,
    snooze_until,
    summary_text,
    unhandled,
    upcoming,
)
from ui.context import AppContext, show_error
from ui.reminders.notifier import Notifier, build_chain
from ui.reminders.scheduler import MAX_TICK_MS, ReminderScheduler
from ui.reminders.tray import ReminderTray, app_icon
from ui.reminders.window import ReminderWindow

log = logging.getLogger(__name__)

HINT_KEY = "reminders/closed_to_tray_hint_shown"


class ReminderController(QObject):
    print_requested = Signal()  # "Print today's call sheet" from the tray menu
    announced = Signal(str, str)  # title, body of each announcement (tests, logs)

    def __init__(self, window: QMainWindow, ctx: AppContext, *, max_tick_ms: int = MAX_TICK_MS,
                 tray_available: bool | None = None, notifier: Notifier | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.settings = settings or QSettings(QSettings.Format.IniFormat,
                                              QSettings.Scope.UserScope, APP_NAME, APP_NAME)
        self._quitting = False
        # A forced answer (tests) holds for the whole run; else Qt is asked each time,
        # since a tray host can go away while the app runs.
        forced = tray_available
        self._tray_host = (QSystemTrayIcon.isSystemTrayAvailable if forced is None
                           else (lambda: forced))
        tray_available = self._tray_host()
        self.reminder_window = ReminderWindow(ctx.clock)
        self.reminder_window.setWindowIcon(app_icon())
        self.tray = ReminderTray(self) if tray_available else None
        self.notifier = notifier or build_chain(self.tray.icon if self.tray else None,
                                                self._show_in_window, self)
        self.scheduler = ReminderScheduler(ctx.db, ctx.clock, max_tick_ms=max_tick_ms, parent=self)
        self.scheduler.reminders_due.connect(self._announce)
        self.scheduler.checked.connect(self._after_check)
        self._refreshed = False  # by the announcement of the check under way
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(0)
        self._recheck.timeout.connect(self.scheduler.check)
        ctx.broadcaster.changed.connect(self._changed)
        self._wire_window()
        self._wire_tray()
        window.installEventFilter(self)
        self._take_over_quit(window)
        window.setWindowIcon(app_icon())
        app = QApplication.instance()
        app.setQuitOnLastWindowClosed(self.tray is None)
        # At logout Qt closes every window and cancels the logout if one refuses: a
        # close must then be a real close, not a hide into the tray.
        app.commitDataRequest.connect(self._session_ending)

    # --- wiring -------------------------------------------------------------------
    def _wire_window(self) -> None:
        rw = self.reminder_window
        rw.call_requested.connect(self.call)
        rw.quick_log_requested.connect(self.quick_log)
        rw.contact_open_requested.connect(self.open_contact)
        rw.done_requested.connect(self.done)
        rw.snooze_requested.connect(self.snooze_preset)
        rw.snooze_until_requested.connect(self.snooze_at)

    def _wire_tray(self) -> None:
        if self.tray is None:
            return
        self.tray.contact_open_requested.connect(self.open_contact)
        self.tray.quick_log_requested.connect(self.quick_log)
        self.tray.snooze_all_requested.connect(
            lambda: self.snooze_preset(self.reminder_window_ids(), "10 minutes"))
        self.tray.print_requested.connect(self.print_requested)
        self.tray.open_requested.connect(self.show_main_window)
        self.tray.quit_requested.connect(self.quit)

    def _take_over_quit(self, window: QMainWindow) -> None:
        """File → Quit must quit, not hide into the tray like closing the window does."""
        action = getattr(getattr(window, "actions", None), "quit", None)
        if action is None:
            return
        try:
            action.triggered.disconnect(window.close)
        except (RuntimeError, TypeError):  # not connected that way: nothing to undo
            pass
        action.triggered.connect(self.quit)

    def start(self) -> None:
        if self.tray is not None:
            self.tray.show()
        self._sync_autostart(at_start=True)
        if sys.platform.startswith("linux"):
            self.scheduler.watch_sleep()
        self.scheduler.start()

    def stop(self) -> None:
        self.scheduler.stop()
        if self.tray is not None:
            self.tray.hide()

    # --- the reminders ----------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        if changes.preferences:
            self._sync_autostart(at_start=False)
        if changes.follow_ups or changes.contacts or changes.preferences:
            self._recheck.start()  # coalesce a burst of changes into one check

    def _after_check(self) -> None:
        # One refresh per check: an announcement has just made it (reading the window's
        # list and the counts again cost 0.2 s per time on 100,000 contacts).
        if self._refreshed:
            self._refreshed = False
        else:
            self.refresh()

    def refresh(self) -> None:
        now = self.ctx.clock.now()
        self.reminder_window.phone_region = self.ctx.prefs.phone_region
        try:
            items = unhandled(self.ctx.db, now)
            count = count_due(self.ctx.db, now)
            nexts = upcoming(self.ctx.db, now)
            # The numbers' stored display forms, so the list needs no phone library.
            phones.remember_stored(self.ctx.db, {rem.contact_id for rem in items})
        except Exception:  # a locked database: keep what is shown, retry next tick
            log.exception("refreshing reminders failed")
            return
        self.reminder_window.set_items(items, now)
        if not items:
            self.reminder_window.set_message("")
        if self.tray is not None:
            self.tray.update_state(count, nexts, items, self.ctx.clock.zone_name, now)

    def _announce(self, reminders: list, reason: str, count: int) -> None:
        now = self.ctx.clock.now()
        self.refresh()
        self._refreshed = True
        if count >= SUMMARY_THRESHOLD or count > len(reminders):
            title, body = summary_text(count, while_closed=(reason == "start"))
            self._notify(title, body)
            self.reminder_window.set_message(title)
            self.reminder_window.present()
            return
        for rem in reminders:
            self._notify(*notification_text(rem, self.ctx.clock.zone_name, now,
                                            region=self.ctx.prefs.phone_region))

    def _notify(self, title: str, body: str) -> None:
        self.announced.emit(title, body)
        self.notifier.notify(title, body)

    def _show_in_window(self, title: str, body: str) -> None:
        if not self._refreshed:
            self.refresh()
        self.reminder_window.set_message(title)
        self.reminder_window.present()

    def reminder_window_ids(self) -> list[int]:
        return [r.follow_up_id for r in self.reminder_window.items]

    # --- actions ----------------------------------------------------------------------
    def call(self, contact_id: int) -> None:
        phones = [r.phone for r in self.reminder_window.items
                  if r.contact_id == contact_id and r.phone]
        if phones and not QDesktopServices.openUrl(QUrl(tel_uri(phones[0]))):
            show_error(self.reminder_window, f"No program on this computer places calls; "
                                             f"dial {phones[0]} by hand.")

    def quick_log(self, contact_id: int) -> None:
        self.show_main_window()
        self.window.quick_log(contact_id)

    def open_contact(self, contact_id: int) -> None:
        self.show_main_window()
        self.window.open_contact(contact_id)

    def done(self, ids: list[int]) -> None:
        for follow_up_id in ids:
            if self.ctx.run(self.reminder_window, complete, self.ctx.clock, follow_up_id) is None:
                break

    def snooze_preset(self, ids: list[int], preset: str) -> None:
        if ids:
            until = snooze_until(preset, self.ctx.clock, self.ctx.prefs)
            self.ctx.run(self.reminder_window, snooze_many, ids, until)

    def snooze_at(self, ids: list[int], until) -> None:
        if until <= self.ctx.clock.now():
            show_error(self.reminder_window, "Pick a time in the future to snooze until.")
            return
        self.ctx.run(self.reminder_window, snooze_many, ids, until)

    def show_main_window(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def quit(self) -> None:
        self._quitting = True
        self.stop()
        self.reminder_window.close()
        self.window.close()
        QApplication.instance().quit()

    def _session_ending(self, _manager=None) -> None:
        self._quitting = True

    # --- close to tray ----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and not self._quitting:
            if self.tray is not None and self.tray.icon.isVisible() and self._tray_host():
                event.ignore()
                self.window.hide()
                self._hint_once()
                return True
            # No tray to live in (or it went away): closing quits, reminder window too.
            self.reminder_window.close()
            app = QApplication.instance()
            if not app.quitOnLastWindowClosed():
                self._quitting = True
                QTimer.singleShot(0, app.quit)
        return super().eventFilter(watched, event)

    def _hint_once(self) -> None:
        if self.settings.value(HINT_KEY, False, type=bool):
            return
        self.settings.setValue(HINT_KEY, True)
        self.settings.sync()
        self.tray.show_message(APP_TITLE, "Sales Organizer keeps running in the tray so your "
                                          "reminders still arrive. Use Quit in the tray menu "
                                          "to close it.")

    # --- start at login ---------------------------------------------------------------
    def _sync_autostart(self, at_start: bool) -> None:
        if not autostart.supported():
            return
        wanted = self.ctx.prefs.start_at_login
        try:
            # At start only (re)write a wanted entry; removing one follows a change of mind.
            if wanted or not at_start:
                autostart.set_enabled(wanted, autostart.launch_command(self.ctx.db_path))
        except OSError:
            log.exception("could not update the autostart entry")


def install_reminders(window: QMainWindow, ctx: AppContext, *, start: bool = True,
                      **options) -> ReminderController:
    """Create the reminders for a main window and start them (app.py starts them itself,
    after showing the window, so a fallback reminder window lands on top)."""
    controller = ReminderController(window, ctx, **options)
    if start:
        controller.start()
    return controller
