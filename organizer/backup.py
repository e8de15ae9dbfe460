"""Consistent copies of the live database through SQLite's online backup API.

A plain file copy of a WAL database can miss what is still in the -wal file (a copy
made that way lost the whole schema). The copy is written to a temporary name, synced,
verified with integrity_check and row counts, made 0600, and only then renamed into
place, so an interrupted backup never replaces a good one.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from .errors import DamagedDatabase, UserError

TYPE_CHECKING = False  # peewee is not needed to name a backup (the window starts without it)
if TYPE_CHECKING:
    from peewee import SqliteDatabase

COUNTED_TABLES = ("contact", "interaction", "follow_up")


@dataclass(frozen=True)
class BackupReport:
    path: Path
    counts: dict[str, int]
    user_version: int


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    counts = {}
    for table in COUNTED_TABLES:
        try:
            counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except sqlite3.OperationalError:
            counts[table] = 0
    return counts


class CheckFailed(UserError):
    """A copy that cannot be opened or fails integrity_check; `detail` is SQLite's word."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail


def verify_backup(path: Path) -> BackupReport:
    """Open a backup read-only; raise CheckFailed unless integrity_check says ok."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise CheckFailed(f"The backup {path} cannot be opened: {exc}.", str(exc)) from exc
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise CheckFailed(f"The backup {path} is damaged: {result}.", result)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        return BackupReport(path, table_counts(conn), version)
    except sqlite3.DatabaseError as exc:
        raise CheckFailed(f"The backup {path} is damaged: {exc}.", str(exc)) from exc
    finally:
        conn.close()


def is_damage(exc: BaseException) -> bool:
    """SQLite's words for a file that fails its own checks."""
    text = str(exc).lower()
    return any(word in text for word in ("malformed", "not a database", "corrupt"))


def _stop_when(cancel: threading.Event, dest: Path):
    def progress(_status: int, _remaining: int, _total: int) -> None:
        if cancel.is_set():
            raise BackupStopped(f"The backup {dest} was stopped; older backups were kept.")

    return progress


class BackupStopped(UserError):
    """The app was quitting: the copy was abandoned and nothing replaced."""


def backup_database(db: SqliteDatabase, dest: str | os.PathLike, *,
                    create_folder: bool = False, cancel: threading.Event | None = None) -> BackupReport:
    """Write a verified copy of `db` to `dest` (replacing it only once the copy is good).

    `create_folder` makes the app's own private backups folder (0700) when missing; a
    folder the rep named must already exist.
    """
    dest = Path(dest)
    if not dest.parent.is_dir():
        if not create_folder:
            raise UserError(f"Cannot write the backup {dest}: the folder {dest.parent} does not exist.")
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                os.chmod(dest.parent, 0o700)
        except OSError as exc:
            raise UserError(f"Cannot write the backup to {dest.parent}: {exc.strerror.lower()}.") from exc
    temp = dest.with_name(f".{dest.name}.partial")
    try:
        temp.unlink(missing_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        target = sqlite3.connect(temp)
        try:
            if cancel is None:
                db.connection().backup(target)
            else:  # in steps, so that quitting the app need not wait for a large copy
                db.connection().backup(target, pages=256, progress=_stop_when(cancel, dest))
            # A copy of a WAL database is a WAL database: reading it back would leave
            # -wal and -shm files beside the backup. A copy is one self-contained file.
            target.execute("PRAGMA journal_mode=DELETE")
            live = table_counts(db.connection())
        finally:
            target.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        try:
            report = verify_backup(temp)
        except CheckFailed as exc:
            # A faithful copy of a damaged database fails the same check: keep the
            # older backups and say where the damage is.
            raise DamagedDatabase(
                f"The backup {dest} was not written: the copy failed its check, so the "
                f"database itself is damaged ({exc.detail}); older backups were kept.") from exc
        if report.counts != live:
            raise UserError(f"The backup {dest} does not match the live database; it was discarded.")
        os.replace(temp, dest)
        if os.name == "posix":
            os.chmod(dest, 0o600)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(f"Cannot write the backup {dest}: {exc.strerror or exc}.") from exc
    except sqlite3.DatabaseError as exc:
        temp.unlink(missing_ok=True)
        if not is_damage(exc):  # disk full, I/O error: said as it is
            raise UserError(f"Cannot write the backup {dest}: {exc}; older backups were kept.") from exc
        raise DamagedDatabase(f"The backup {dest} was not written: the database is damaged "
                              f"({exc}); older backups were kept.") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return BackupReport(dest, report.counts, report.user_version)
