"""Automatic backups in the data folder, their rotation, and restoring one.

Daily copies are named `<db stem>-YYYY-MM-DD.db` in a `backups` folder beside the
database. Rotation keeps 7 daily, 4 weekly and 12 monthly copies and never deletes the
newest copy that passes integrity_check, whatever its age. Copies made before an
import or a restore are named differently and left alone by the rotation.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from .backup import BackupReport, backup_database, is_damage, verify_backup
from .changes import Changes, Outcome
from .clock import Clock
from .errors import DamagedDatabase, UserError

TYPE_CHECKING = False  # peewee is not needed to name a backup (the window starts without it)
if TYPE_CHECKING:
    from peewee import SqliteDatabase

DAILY, WEEKLY, MONTHLY = 7, 4, 12


@dataclass(frozen=True)
class BackupFile:
    path: Path
    day: dt.date | None  # the day of a daily copy; None for other copies
    modified: dt.datetime  # aware UTC
    size: int


def db_file(db: SqliteDatabase) -> Path:
    return Path(db.database)


def backups_beside(path: Path) -> Path:
    """The backups folder of the database file `path`."""
    return path.parent / "backups"


def backup_folder(db: SqliteDatabase) -> Path:
    return backups_beside(db_file(db))


def _daily_pattern(stem: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(stem)}-(\d{{4}}-\d{{2}}-\d{{2}})\.db$")


def list_backups(db: SqliteDatabase) -> list[BackupFile]:
    """Every finished backup of this database, newest first."""
    return backups_of(db_file(db))


def backups_of(db_path: Path) -> list[BackupFile]:
    """Every finished backup of the database file `db_path` (open or not), newest first."""
    folder = backups_beside(db_path)
    if not folder.is_dir():
        return []
    pattern = _daily_pattern(db_path.stem)
    found = []
    for path in folder.glob(f"{db_path.stem}-*.db"):
        if "-damaged-" in path.name:  # kept for the record, never offered back
            continue
        match = pattern.match(path.name)
        stat = path.stat()
        day = dt.date.fromisoformat(match.group(1)) if match else None
        found.append(BackupFile(path, day, dt.datetime.fromtimestamp(stat.st_mtime, dt.timezone.utc),
                                stat.st_size))
    return sorted(found, key=lambda b: b.modified, reverse=True)


def newest_backup_of(path: Path) -> BackupFile | None:
    """The newest finished backup of the database file `path` (it need not be open)."""
    found = backups_of(Path(path))
    return found[0] if found else None


def database_problem(path: Path, exc: BaseException) -> str:
    """One sentence for an SQLite error that escaped a service: a damaged file points
    at the newest backup; anything else (disk full, locked, I/O) is said as it is."""
    detail = str(exc).strip() or type(exc).__name__
    if is_damage(exc):
        newest = newest_backup_of(Path(path))
        where = (f"restore the backup {newest.path} from "
                 f"{newest.modified.astimezone().strftime('%A %d %B %Y')} "
                 "(File > Restore from a backup)" if newest else "restore it from a backup")
        return f"The database {path} is damaged ({detail}); nothing was changed; {where}."
    return f"The database {path} could not be used: {detail}; nothing was changed."


def _keep_damaged_files(path: Path, clock: Clock) -> None:
    folder = backups_beside(path)
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for suffix in ("", "-wal"):
            live = Path(f"{path}{suffix}")
            if live.exists():
                kept = folder / f"{path.stem}-damaged-{stamp}.db{suffix}"
                shutil.copyfile(live, kept)
                kept.chmod(0o600)
    except OSError as exc:
        raise UserError(f"Cannot keep a copy of the damaged database in {folder}: "
                        f"{exc.strerror or exc}; nothing was restored.") from exc


def restore_file(path: Path, clock: Clock, source: str | Path) -> None:
    """Put a verified backup in place of a database that SQLite cannot open at all.
    The caller holds the single-instance lock and has no connection to `path`."""
    path, source = Path(path), Path(source)
    verify_backup(source)
    _keep_damaged_files(path, clock)
    temp = path.with_name(f".{path.name}.restoring")
    try:
        shutil.copyfile(source, temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        temp.chmod(0o600)
        for suffix in ("-wal", "-shm"):  # they belong to the damaged file
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(f"Cannot restore {source} over {path}: {exc.strerror or exc}.") from exc


def daily_backup(db: SqliteDatabase, clock: Clock,
                 cancel: threading.Event | None = None) -> BackupReport | None:
    """Today's copy if there is none yet (then rotate); None when it already exists.
    Setting `cancel` abandons the copy (BackupStopped), leaving older ones as they are."""
    today = clock.today()
    dest = backup_folder(db) / f"{db_file(db).stem}-{today.isoformat()}.db"
    if dest.exists():
        return None
    report = backup_database(db, dest, create_folder=True, cancel=cancel)
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
    connection sees the restored data at once and the WAL stays consistent. A damaged
    database cannot be copied through SQLite: its files are kept aside byte for byte.
    """
    source = Path(source)
    verify_backup(source)
    try:
        backup_before(db, clock, "restore")
    except DamagedDatabase:
        _keep_damaged_files(db_file(db), clock)
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
