"""The database opened to read, without peewee, so the text verbs (`today`) start fast.

Only a file that is plainly ours and already at this release's schema is opened this
way; anything else (no file yet, an older schema to migrate, a newer one, not a
database) returns None and the caller goes the full way, through
organizer.database.open_database, which migrates or says what is wrong. The queries in
organizer.agenda and organizer.preferences need only `execute_sql`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from . import SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"


class Reader:
    """A plain sqlite3 connection answering `execute_sql` like peewee's database."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.database = str(path)  # as peewee names it (organizer.backups reads it)

    def execute_sql(self, sql: str, params=()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def close(self) -> None:
        self.conn.close()


def open_reader(path: Path) -> Reader | None:
    """A Reader on `path`, or None when the full open must decide what to do."""
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != SQLITE_MAGIC:
                return None
    except OSError:
        return None
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA query_only = 1")  # whatever happens, this path writes nothing
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error:
        conn.close()
        return None
    if version != SCHEMA_VERSION:
        conn.close()
        return None
    return Reader(conn, path)
