"""What the rep sees when something fails outside a service call: one plain sentence
in a dialog, never a traceback. Tracebacks go to a log file beside the database, for
whoever looks into it later."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from organizer.errors import UserError, is_database_error
from ui.context import show_error

if TYPE_CHECKING:  # the dialogs' classes load when one is shown, not at start-up
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)
LOG_NAME = "sales-organizer.log"


def sentence_for(exc: BaseException, db_path: Path, log_path: Path | None) -> str:
    if is_database_error(exc):
        from organizer.backups import database_problem

        return database_problem(db_path, exc)
    where = f"; the details were written to {log_path}" if log_path else ""
    detail = str(exc).strip() or type(exc).__name__
    return f"Something unexpected went wrong ({detail}){where}. What you saved before is safe."


def start_logging(db_path: Path) -> Path | None:
    """Log warnings and errors to a file beside the database (None when not writable)."""
    path = Path(db_path).parent / LOG_NAME
    try:
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    return path


def install_excepthook(db_path: Path, log_path: Path | None, parent=lambda: None) -> None:
    """An exception escaping a Qt slot becomes a logged traceback and a plain dialog.
    Showing is guarded so that a failure inside the dialog cannot loop."""
    showing = []

    def hook(kind, value, tb) -> None:
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if showing or isinstance(value, KeyboardInterrupt):
            return
        showing.append(True)
        try:
            show_error(parent(), sentence_for(value, db_path, log_path))
        finally:
            showing.clear()

    sys.excepthook = hook


def offer_restore(parent: QWidget | None, db_path: Path, exc: BaseException) -> Path | None:
    """The database could not be read at start: offer the newest backup. Returns the
    backup to restore, or None (the rep declined, or there is none)."""
    from organizer.backups import database_problem, newest_backup_of

    newest = newest_backup_of(Path(db_path))
    message = exc.message if isinstance(exc, UserError) else database_problem(db_path, exc)
    if newest is None:
        show_error(parent, message)
        return None
    day = newest.modified.astimezone().strftime("%A %d %B %Y at %H:%M")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, "Sales Organizer",
                      f"{message}\n\nRestore the backup from {day}? The damaged file is "
                      "kept in the backups folder.",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("offerRestore")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return newest.path if box.exec() == QMessageBox.StandardButton.Yes else None


def open_restored(db_path: Path, exc: BaseException):
    """SQLite cannot open the file at all: offer the newest backup in its place, then
    open that. None when the rep declines or the restore fails (they were told why)."""
    from organizer.backups import restore_file
    from organizer.clock import Clock
    from organizer.database import open_database

    backup = offer_restore(None, db_path, exc)
    if backup is None:
        return None
    try:
        restore_file(Path(db_path), Clock(), backup)
        return open_database(db_path)
    except UserError as problem:
        show_error(None, problem.message)
        return None


def warn_about_placement(parent: QWidget, db_path: Path) -> QWidget | None:
    """The database is on a network drive or in a synced folder (organizer.placement):
    say so once the window is up, without holding up the event loop (reminders go on).
    Returns the warning box, or None when the place is fine."""
    from organizer.placement import placement_problem

    problem = placement_problem(db_path)
    if problem is None:
        return None
    log.warning("%s", problem)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "Sales Organizer", problem,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("placementWarning")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
