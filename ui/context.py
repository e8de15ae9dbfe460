"""What every page is built from: the database, the clock, the rep's preferences and
one broadcaster of changes (a service's Changes, emitted once on the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from organizer.changes import Changes, Outcome
from organizer.clock import Clock, local_zone_name
from organizer.errors import UserError
from organizer.preferences import Preferences, load_preferences


class ChangeBroadcaster(QObject):
    """Every view listens to `changed` and redraws what the Changes concern."""

    changed = Signal(object)  # organizer.changes.Changes


@dataclass
class AppContext:
    db: object  # peewee SqliteDatabase
    clock: Clock
    prefs: Preferences
    db_path: Path | None = None
    broadcaster: ChangeBroadcaster = field(default_factory=ChangeBroadcaster)
    # The zone used when the rep has not chosen one: the computer's (or a test clock's).
    default_zone: str = ""

    def __post_init__(self) -> None:
        if not self.default_zone:
            self.default_zone = (self.clock.zone_name if not self.prefs.time_zone
                                 else local_zone_name())

    @classmethod
    def open(cls, db, db_path: Path | None = None, clock: Clock | None = None) -> AppContext:
        prefs = load_preferences(db)
        return cls(db, clock or Clock(prefs.time_zone), prefs, db_path)

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
        try:
            outcome = service(self.db, *args, **kwargs)
        except UserError as exc:
            show_error(parent, exc.message)
            return None
        self.publish(outcome)
        return outcome


def show_error(parent: QWidget | None, message: str, title: str = "Sales Organizer") -> None:
    """A plain-text error box: user text inside it is never read as HTML."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
