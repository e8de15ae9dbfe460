"""One timer that never misses a reminder.

Qt timers count monotonic time, which stops while the laptop sleeps, and refuse
intervals over 24.8 days (RELIABILITY.md section 5). So the timer is armed for the next
reminder but never longer than a tick (60 s), and every tick compares *wall-clock*
time with the database: whatever came due meanwhile (sleep, a clock jump, the app being
closed) is caught up on the next tick. Each reminder is marked as sent in the database
before it is announced, so none is shown twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import SLOT, QObject, QTimer, Signal, Slot

from organizer.clock import Clock
from organizer.reminders import (
    due_reminder_ids,
    mark_notified,
    next_reminder_at,
    reminders_by_id,
)

log = logging.getLogger(__name__)

MAX_TICK_MS = 60_000
MIN_TICK_MS = 100
# Wall-clock time that moved this much more (or less) than monotonic time between two
# ticks means the computer slept or the clock was set.
JUMP = dt.timedelta(seconds=30)
# Reminders read in full at one check; more than a few are announced as one summary
# with their number, so the rest need no details.
DETAILS_AT_MOST = 50


class ReminderScheduler(QObject):
    # list[organizer.reminders.Reminder], already marked as notified (the first
    # DETAILS_AT_MOST of them); why: "start" (came due while the app was closed), "wake"
    # (sleep or clock jump), "tick"; and how many came due in all.
    reminders_due = Signal(list, str, int)
    checked = Signal()  # after every check: counts may have changed

    def __init__(self, db, clock: Clock, *, max_tick_ms: int = MAX_TICK_MS,
                 monotonic: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.max_tick_ms = max(MIN_TICK_MS, min(int(max_tick_ms), MAX_TICK_MS))
        self._monotonic = monotonic
        self._last: tuple[dt.datetime, float] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Catch up on what came due while the app was closed, then keep ticking."""
        self.check("start")

    def stop(self) -> None:
        self.timer.stop()

    def watch_sleep(self, bus=None) -> bool:
        """The fast path after a resume: logind's PrepareForSleep(false) triggers a check
        at once rather than at the next tick. False where there is no logind."""
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return False
        self._bus = bus or QDBusConnection.systemBus()
        if not self._bus.isConnected():
            return False
        return self._bus.connect("org.freedesktop.login1", "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", "PrepareForSleep", self,
                                 SLOT("_prepare_for_sleep(bool)"))

    @Slot(bool)
    def _prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if not going_to_sleep:
            self.check("wake")

    def _reason(self, now: dt.datetime, mono: float) -> str:
        if self._last is None:
            return "start"
        last_wall, last_mono = self._last
        drift = (now - last_wall) - dt.timedelta(seconds=mono - last_mono)
        return "wake" if abs(drift) > JUMP else "tick"

    def check(self, reason: str | None = None) -> None:
        """Announce what is due now and re-arm. Safe to call at any time (a change in
        the data, a resume from sleep)."""
        now, mono = self.clock.now(), self._monotonic()
        reason = reason or self._reason(now, mono)
        self._last = (now, mono)
        try:
            ids = due_reminder_ids(self.db, now)
            marked = mark_notified(self.db, ids, now).value if ids else []
            due = reminders_by_id(self.db, marked[:DETAILS_AT_MOST])
        except Exception:  # a locked database must not stop the reminders: retry next tick
            log.exception("checking reminders failed")
            marked, due = [], []
        self._arm(now)
        if marked:
            self.reminders_due.emit(due, reason, len(marked))
        self.checked.emit()

    def _arm(self, now: dt.datetime) -> None:
        self.timer.start(self.interval_ms(now))

    def interval_ms(self, now: dt.datetime) -> int:
        """Until the next reminder, but never longer than one tick."""
        try:
            upcoming = next_reminder_at(self.db)
        except Exception:  # a locked or vanished database: just tick
            upcoming = None
        if upcoming is None:
            return self.max_tick_ms
        wait = (upcoming - now).total_seconds() * 1000
        # A moment past the due second, so the comparison on waking is already true.
        return int(max(MIN_TICK_MS, min(wait + 20, self.max_tick_ms)))
