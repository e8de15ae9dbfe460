"""Automatic backups in the data folder, their rotation, and restoring one.

Daily copies are named `<db stem>-YYYY-MM-DD.db` in a `backups` folder beside the
database. Rotation keeps 7 daily, 4 weekly and 12 monthly copies and never deletes the
newest copy that passes integrity_check, whatever its age. Copies made before an
import or a restore are named differently and left alone by the rotation.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from .backup import BackupReport, backup_database, verify_backup
from .changes import Changes, Outcome
from .clock import Clock
from .errors import UserError

DAILY, WEEKLY, MONTHLY = 7, 4, 12


@dataclass(frozen=True)
class BackupFile:
    path: Path
    day: dt.date | None  # the day of a daily copy; None for other copies
    modified: dt.datetime  # aware UTC
    size: int


def db_file(db: SqliteDatabase) -> Path:
    return Path(db.database)


def backup_folder(db: SqliteDatabase) -> Path:
    return db_file(db).parent / "backups"


def _daily_pattern(stem: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(stem)}-(\d{{4}}-\d{{2}}-\d{{2}})\.db$")


def list_backups(db: SqliteDatabase) -> list[BackupFile]:
    """Every finished backup of this database, newest first."""
    folder = backup_folder(db)
    if not folder.is_dir():
        return []
    pattern = _daily_pattern(db_file(db).stem)
    found = []
    for path in folder.glob(f"{db_file(db).stem}-*.db"):
        match = pattern.match(path.name)
        stat = path.stat()
        day = dt.date.fromisoformat(match.group(1)) if match else None
        found.append(BackupFile(path, day, dt.datetime.fromtimestamp(stat.st_mtime, dt.timezone.utc),
                                stat.st_size))
    return sorted(found, key=lambda b: b.modified, reverse=True)


def daily_backup(db: SqliteDatabase, clock: Clock) -> BackupReport | None:
    """Today's copy if there is none yet (then rotate); None when it already exists."""
    today = clock.today()
    dest = backup_folder(db) / f"{db_file(db).stem}-{today.isoformat()}.db"
    if dest.exists():
        return None
    report = backup_database(db, dest, create_folder=True)
    rotate(db)
    return report


def backup_before(db: SqliteDatabase, clock: Clock, reason: str) -> BackupReport:
    """A copy taken before a risky change (an import, a restore)."""
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    return backup_database(db, backup_folder(db) / f"{db_file(db).stem}-before-{reason}-{stamp}.db",
                           create_folder=True)


def keep_days(days: list[dt.date]) -> set[dt.date]:
    """Which daily copies the 7 daily / 4 weekly / 12 monthly rule keeps."""
    newest_first = sorted(set(days), reverse=True)
    keep = set(newest_first[:DAILY])
    weeks: dict[tuple[int, int], dt.date] = {}
    months: dict[tuple[int, int], dt.date] = {}
    for day in newest_first:
        weeks.setdefault(day.isocalendar()[:2], day)
        months.setdefault((day.year, day.month), day)
    keep |= set(list(weeks.values())[:WEEKLY])
    keep |= set(list(months.values())[:MONTHLY])
    return keep


def rotate(db: SqliteDatabase) -> list[Path]:
    """Delete daily copies the rule does not keep; returns what was deleted.

    Nothing is deleted unless a verified-good copy exists, and that newest good copy
    is always kept, even when the rule would drop it.
    """
    daily = [b for b in list_backups(db) if b.day is not None]
    last_good = None
    for backup in sorted(daily, key=lambda b: b.day, reverse=True):
        try:
            verify_backup(backup.path)
        except UserError:
            continue
        last_good = backup.path
        break
    if last_good is None:
        return []
    keep = keep_days([b.day for b in daily])
    deleted = []
    for backup in daily:
        if backup.day in keep or backup.path == last_good:
            continue
        backup.path.unlink(missing_ok=True)
        deleted.append(backup.path)
    return deleted


def restore_backup(db: SqliteDatabase, clock: Clock, source: str | Path) -> Outcome:
    """Replace the live data with a verified backup, after copying the live data aside.

    The copy goes through SQLite's backup API into the open database, so every
    connection sees the restored data at once and the WAL stays consistent.
    """
    source = Path(source)
    verify_backup(source)
    backup_before(db, clock, "restore")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise UserError(f"The backup {source} cannot be opened: {exc}.") from exc
    try:
        src.backup(db.connection())
    except sqlite3.Error as exc:
        raise UserError(f"The backup {source} could not be restored: {exc}.") from exc
    finally:
        src.close()
    return Outcome(Changes.all(), source)
