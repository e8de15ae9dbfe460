"""Opening the rep's database safely.

Every connection gets WAL, synchronous=FULL, foreign keys and a busy timeout (peewee
runs `pragmas` on each new connection, in every thread). Files are created 0600 before
SQLite touches them so the -wal and -shm files inherit that mode. A file that is not
ours is refused with a plain sentence and never written to.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from .errors import DamagedDatabase, UserError
from .location import ENV_VAR, data_dir, default_db_path  # noqa: F401 (re-exported)
from .models import TABLES
from .reader import SQLITE_MAGIC

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a promised callback is worth an fsync
    "foreign_keys": 1,
    "busy_timeout": 5000,
    # 32 MiB of pages (SQLite's default is 2): the contact list's search reads a few
    # thousand contact rows at worst, 40% faster once they stay in the cache. It fills
    # only as pages are read, so a small database never uses it.
    "cache_size": -32768,
}


def check_file(path: Path) -> bool:
    """Raise UserError if `path` exists but is not an SQLite file. True if it exists."""
    if not path.exists():
        return False
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a database file.")
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror.lower()}.") from exc
    if not header:
        raise UserError(f"{path} is an empty file, not a Sales Organizer database; it was left as it is.")
    if header != SQLITE_MAGIC:
        raise UserError(f"{path} is not a database (file is not a database); it was left as it is.")
    return True


def inspect_existing(path: Path) -> None:
    """Refuse, before our pragmas touch it (journal_mode=wal rewrites the header), an
    SQLite file of another program or of a newer Sales Organizer."""
    from .migrations import SCHEMA_VERSION

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table' "
                                  "AND name NOT LIKE 'sqlite_%'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        from .backup import is_damage

        if is_damage(exc):
            from .backups import database_problem

            raise DamagedDatabase(database_problem(path, exc)) from exc
        raise UserError(f"{path} cannot be opened: {exc}; it was left as it is.") from exc
    if version > SCHEMA_VERSION:
        raise UserError(
            f"{path} was saved by a newer Sales Organizer (schema {version}; this version "
            f"knows up to {SCHEMA_VERSION}). Update the app to open it; the file was left as it is."
        )
    if version == 0 and tables:
        raise UserError(f"{path} is an SQLite database of another program, not Sales "
                        "Organizer's; it was left as it is.")


def _create_private_file(path: Path) -> None:
    if not path.parent.exists():
        raise UserError(f"Cannot create the database {path}: the folder {path.parent} does not exist.")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except PermissionError as exc:
        raise UserError(f"Cannot create the database {path}: permission denied.") from exc
    except OSError as exc:
        raise UserError(f"Cannot create the database {path}: {exc.strerror.lower()}.") from exc
    os.close(fd)


def make_private(path: Path) -> None:
    """chmod 0600 the database and its -wal/-shm companions (POSIX only)."""
    if os.name != "posix":
        return
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if stat.S_IMODE(candidate.stat().st_mode) != 0o600:
                os.chmod(candidate, 0o600)
        except (FileNotFoundError, PermissionError):
            pass


def connect(path: Path) -> SqliteDatabase:
    """A peewee database for `path` with our pragmas, tables bound, nothing checked."""
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=5)
    db.bind(TABLES, bind_refs=False, bind_backrefs=False)
    return db


def open_database(
    path: str | os.PathLike | None = None,
    *,
    migrate: bool = True,
    backup_dir: Path | None = None,
) -> SqliteDatabase:
    """Open (creating if needed) and migrate the rep's database.

    Raises UserError, with the file named, for anything the rep must fix.
    """
    from .migrations import ensure_schema

    path = default_db_path(path)
    existed = check_file(path)
    if existed:
        inspect_existing(path)
    else:
        _create_private_file(path)
    db = connect(path)
    try:
        db.connect(reuse_if_open=True)
        if migrate:
            ensure_schema(db, path, backup_dir=backup_dir)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise UserError(f"{path} cannot be opened: {exc}.") from exc
    except Exception:
        db.close()
        raise
    make_private(path)
    return db

