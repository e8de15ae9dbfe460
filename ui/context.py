"""What every page is built from: the database, the clock, the rep's preferences and
one broadcaster of changes (a service's Changes, emitted once on the GUI thread)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from organizer.changes import Changes, Outcome
from organizer.clock import Clock, local_zone_name
from organizer.errors import UserError
from organizer.preferences import Preferences, load_preferences


class ChangeBroadcaster(QObject):
    """Every view listens to `changed` and redraws what the Changes concern."""

    changed = Signal(object)  # organizer.changes.Changes


class AppContext:
    """What every page is built from. At start-up `db` may be a read-only connection
    (organizer.reader.Reader) that the window's first paint reads through; the full
    database replaces it right after (see open_later). A plain class: a dataclass
    costs about a millisecond to define, before the window's first paint."""

    def __init__(self, db, clock: Clock, prefs: Preferences, db_path: Path | None = None,
                 default_zone: str = "") -> None:
        self.db = db  # peewee SqliteDatabase (or, until finish_opening, a Reader)
        self.clock = clock
        self.prefs = prefs
        self.db_path = db_path
        self.broadcaster = ChangeBroadcaster()
        # The zone used when the rep has not chosen one: the computer's (or a test clock's).
        self.default_zone = default_zone or (
            clock.zone_name if not prefs.time_zone else local_zone_name())
        self._opener: Callable[[], object] | None = None
        self._readers: list = []

    def __repr__(self) -> str:
        return f"AppContext({self.db_path!s})"

    @classmethod
    def open(cls, db, db_path: Path | None = None, clock: Clock | None = None) -> AppContext:
        prefs = load_preferences(db)
        return cls(db, clock or Clock(prefs.time_zone), prefs, db_path)

    def open_later(self, opener: Callable[[], object]) -> None:
        """`db` is a reader for now; `opener()` gives the full database when it is
        first needed to write (or when start-up calls finish_opening)."""
        self._opener = opener

    def finish_opening(self) -> None:
        if self._opener is not None:
            opener, self._opener = self._opener, None
            # The reader stays open: lists read through it page on with it.
            self._readers.append(self.db)
            self.db = opener()

    def close(self) -> None:
        for db in (*self._readers, self.db):
            db.close()
        self._readers.clear()

    def reload_preferences(self) -> None:
        self.prefs = load_preferences(self.db)
        self.clock.zone_name = self.prefs.time_zone or self.default_zone

    def publish(self, outcome: Outcome | Changes) -> None:
        changes = outcome.changes if isinstance(outcome, Outcome) else outcome
        if changes.preferences:
            self.reload_preferences()
        self.broadcaster.changed.emit(changes)

    def run(self, parent: QWidget | None, service, *args, **kwargs) -> Outcome | None:
        """Call a mutating service, publish its changes, and show a UserError plainly.

        Returns the Outcome, or None when the rep must fix something first.
        """
        self.finish_opening()
        try:
            outcome = service(self.db, *args, **kwargs)
        except UserError as exc:
            show_error(parent, exc.message)
            return None
        self.publish(outcome)
        return outcome


def show_error(parent: QWidget | None, message: str, title: str = "Sales Organizer") -> None:
    """A plain-text error box: user text inside it is never read as HTML."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
