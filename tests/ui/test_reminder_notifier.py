"""Every path of the notifier chain: plyer works, raises, finds no server, or hangs."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

from organizer.reminders import WORD_JOINER
from tests.ui.helpers import RecordingNotifier
from ui.reminders.notifier import (
    NoServer,
    PlyerNotifier,
    TrayNotifier,
    WindowNotifier,
    build_chain,
)


class DBusException(Exception):
    """Shaped like dbus.exceptions.DBusException (REM-10)."""


@pytest.fixture
def fallback():
    return RecordingNotifier()


def _plyer(send, fallback, probe=lambda: False, timeout_s=2.0):
    return PlyerNotifier(fallback, send=send, probe=probe, timeout_s=timeout_s)


def test_delivers_off_the_gui_thread_with_safe_text(qtbot, fallback):
    calls = []

    def send(title, body):
        calls.append((title, body, threading.current_thread() is threading.main_thread()))

    notifier = _plyer(send, fallback, probe=lambda: True)
    with qtbot.waitSignal(notifier.delivered, timeout=2000) as blocker:
        notifier.notify("-w", "Smith & Sons <Ltd>")
    assert blocker.args == ["plyer"]
    assert calls == [(WORD_JOINER + "-w", "Smith &amp; Sons &lt;Ltd&gt;", False)]
    assert fallback.shown == []


@pytest.mark.parametrize("error", [
    NotImplementedError("No usable implementation found!"),  # REM-11
    DBusException("org.freedesktop.DBus.Error.ServiceUnknown"),  # REM-10
    ValueError("string too long"),  # Windows balloon limits
])
def test_a_raising_backend_falls_back(qtbot, fallback, error):
    def send(title, body):
        raise error

    notifier = _plyer(send, fallback)
    with qtbot.waitSignal(notifier.failed, timeout=2000) as failed:
        notifier.notify("Call Ann Lee", "Acme")
    assert type(error).__name__ in failed.args[0]
    assert fallback.shown == [("Call Ann Lee", "Acme")]


def test_no_notification_server_falls_back(qtbot, fallback):
    # REM-9: notify-send would return silently; the server is asked first.
    sent = []

    def probe():
        raise NoServer("no notification server")

    notifier = _plyer(lambda t, b: sent.append(t), fallback, probe=probe)
    with qtbot.waitSignal(fallback.delivered, timeout=2000):
        notifier.notify("Call Ann Lee", "Acme")
    assert sent == [] and fallback.shown == [("Call Ann Lee", "Acme")]


def test_a_hung_daemon_times_out_and_never_blocks_the_gui(qtbot, fallback):
    # REM-12
    release = threading.Event()
    sent = []

    def send(title, body):
        sent.append(title)
        if title == "first":
            release.wait(10)

    notifier = _plyer(send, fallback, timeout_s=0.2)
    started = time.monotonic()
    notifier.notify("first", "")
    assert time.monotonic() - started < 0.1  # notify() returned at once
    with qtbot.waitSignal(notifier.failed, timeout=2000) as failed:
        pass
    assert "no answer" in failed.args[0]
    assert fallback.shown == [("first", "")]
    # While it is still stuck, later ones go straight to the fallback.
    notifier.notify("second", "")
    assert fallback.shown[-1] == ("second", "") and sent == ["first"]
    release.set()
    qtbot.waitUntil(lambda: notifier._hung == 0, timeout=2000)
    with qtbot.waitSignal(notifier.delivered, timeout=2000):
        notifier.notify("third", "")
    assert sent == ["first", "third"]


def test_tray_without_a_system_tray_falls_back_to_the_window(qtbot):
    raised = []
    window = WindowNotifier(lambda t, b: raised.append((t, b)))
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: no tray (REM-16)
    tray = QSystemTrayIcon(QIcon(QPixmap(16, 16)))
    tray.show()
    for candidate in (None, tray):
        notifier = TrayNotifier(candidate, window)
        assert not notifier.available()
        with qtbot.waitSignal(notifier.delivered) as blocker:
            notifier.notify("Call Ann Lee", "Acme")
        assert blocker.args == ["window"]
    assert raised == [("Call Ann Lee", "Acme")] * 2


def test_the_window_notifier_never_raises():
    def broken(title, body):
        raise RuntimeError("no window")

    WindowNotifier(broken).notify("t", "b")


def test_whole_chain_ends_at_the_window(qtbot):
    raised = []

    def send(title, body):
        raise NotImplementedError

    chain = build_chain(None, lambda t, b: raised.append(t), send=send, probe=lambda: False)
    with qtbot.waitSignal(chain.delivered, timeout=2000) as blocker:
        chain.notify("Call Ann Lee", "Acme")
    assert blocker.args == ["window"] and raised == ["Call Ann Lee"]
