"""Notifiers: plyer, then the tray balloon, then the reminder window. Never silent,
never raising (the idea of Vorta's notifications.py).

plyer is called on a worker thread with a deadline: a hung notification daemon blocks
its call for 25-75 s (RELIABILITY.md REM-12), a missing backend raises
NotImplementedError (REM-11), dbus-python raises DBusException without a daemon
(REM-10), and the notify-send backend returns silently when no server listens (REM-9).
So on Linux the server is asked first (GetCapabilities, over QtDBus): no answer means
no notification, and the next notifier in the chain takes over.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from organizer import APP_TITLE
from organizer.reminders import sanitise

log = logging.getLogger(__name__)

PLYER_TIMEOUT_S = 8.0


class Notifier(QObject):
    """Shows one message. Subclasses must never raise out of notify()."""

    delivered = Signal(str)  # the name of the notifier that showed it

    name = "none"

    def notify(self, title: str, body: str) -> None:
        raise NotImplementedError


class WindowNotifier(Notifier):
    """The last resort: raise the reminder window (it lists everything due anyway)."""

    name = "window"

    def __init__(self, show: Callable[[str, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show

    def notify(self, title: str, body: str) -> None:
        try:
            self._show(title, body)
        except Exception:  # the last link has nothing to fall back on; keep the loop alive
            log.exception("could not raise the reminder window")
            return
        self.delivered.emit(self.name)


class TrayNotifier(Notifier):
    """A balloon from the tray icon, when a tray exists; else the fallback."""

    name = "tray"

    def __init__(self, tray: QSystemTrayIcon | None, fallback: Notifier,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray = tray
        self.fallback = fallback
        fallback.delivered.connect(self.delivered)

    def available(self) -> bool:
        return (self.tray is not None and self.tray.isVisible()
                and QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages())

    def notify(self, title: str, body: str) -> None:
        if not self.available():
            self.fallback.notify(title, body)
            return
        try:
            # Qt's own balloon draws the message as plain text.
            self.tray.showMessage(sanitise(title, markup=False), sanitise(body, markup=False),
                                  QSystemTrayIcon.MessageIcon.Information, 15_000)
        except Exception:
            log.exception("tray balloon failed")
            self.fallback.notify(title, body)
            return
        self.delivered.emit(self.name)


class NoServer(RuntimeError):
    """No desktop notification server answers on the session bus."""


def freedesktop_markup() -> bool:
    """Whether the Linux notification server reads markup; NoServer if there is none.
    Blocking (up to 3 s): call it on a worker thread."""
    from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        raise NoServer("no D-Bus session bus")
    iface = QDBusInterface("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                           "org.freedesktop.Notifications", bus)
    iface.setTimeout(3000)
    reply = iface.call("GetCapabilities")
    if reply.type() != QDBusMessage.MessageType.ReplyMessage:
        raise NoServer(reply.errorMessage() or "no notification server")
    capabilities = reply.arguments()[0] if reply.arguments() else []
    return "body-markup" in capabilities


def plyer_send(title: str, body: str) -> None:
    import warnings

    from plyer import notification

    with warnings.catch_warnings():
        # plyer warns on every call that dbus-python is missing, then uses notify-send.
        warnings.simplefilter("ignore", UserWarning)
        notification.notify(title=title, message=body, app_name=APP_TITLE, timeout=30)


def default_probe() -> bool:
    """Markup or not; raises NoServer when a Linux desktop has no server."""
    if sys.platform.startswith("linux"):
        return freedesktop_markup()
    return False


@dataclass
class _Job:
    title: str
    body: str
    error: BaseException | None = None
    settled: bool = False


class PlyerNotifier(Notifier):
    """plyer on a worker thread; failure or no answer in time → the fallback."""

    name = "plyer"
    _finished = Signal(object)  # emitted from the worker; queued to the GUI thread
    failed = Signal(str)  # why plyer did not deliver (tests, the log)

    def __init__(self, fallback: Notifier, *, timeout_s: float = PLYER_TIMEOUT_S,
                 send: Callable[[str, str], None] = plyer_send,
                 probe: Callable[[], bool] = default_probe, portal: bool | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        # plyer picks the Flatpak portal whenever /app exists (its own test).
        self.portal = (sys.platform.startswith("linux") and os.path.isdir("/app")
                       if portal is None else portal)
        self.fallback = fallback
        self.timeout_ms = int(timeout_s * 1000)
        self._send = send
        self._probe = probe
        self._hung = 0  # worker calls still stuck past their deadline
        fallback.delivered.connect(self.delivered)
        self._finished.connect(self._settle)

    def notify(self, title: str, body: str) -> None:
        if self._hung:
            # A daemon that hung once will hang again: do not pile up threads.
            self._give_up(_Job(title, body), "the notification server is not answering")
            return
        job = _Job(title, body)
        try:
            threading.Thread(target=self._work, args=(job,), name="notify", daemon=True).start()
        except Exception as exc:
            self._give_up(job, f"no worker thread: {exc}")
            return
        QTimer.singleShot(self.timeout_ms, self, lambda: self._deadline(job))

    def _work(self, job: _Job) -> None:
        try:
            markup = self._probe()
            self._send(sanitise(job.title, markup, self.portal),
                       sanitise(job.body, markup, self.portal))
        except BaseException as exc:  # NotImplementedError, DBusException, ValueError, ...
            job.error = exc
        self._finished.emit(job)

    def _settle(self, job: _Job) -> None:
        if job.settled:  # it came back after its deadline: the daemon is alive again
            self._hung = max(0, self._hung - 1)
            return
        job.settled = True
        if job.error is not None:
            self._give_up(job, f"{type(job.error).__name__}: {job.error}")
        else:
            self.delivered.emit(self.name)

    def _deadline(self, job: _Job) -> None:
        if job.settled:
            return
        job.settled = True
        self._hung += 1
        self._give_up(job, f"no answer within {self.timeout_ms / 1000:g} s")

    def _give_up(self, job: _Job, why: str) -> None:
        log.warning("desktop notification failed (%s); using the %s", why, self.fallback.name)
        self.failed.emit(why)
        self.fallback.notify(job.title, job.body)


def build_chain(tray: QSystemTrayIcon | None, show_window: Callable[[str, str], None],
                parent: QObject | None = None, **plyer_options) -> PlyerNotifier:
    """plyer → tray balloon → reminder window."""
    window = WindowNotifier(show_window, parent)
    return PlyerNotifier(TrayNotifier(tray, window, parent), parent=parent, **plyer_options)
