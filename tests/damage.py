"""Damage a closed database file the way a bad disk sector does (RELIABILITY.md DB-6)."""

from __future__ import annotations

import pathlib
import sqlite3


def checkpoint(path: pathlib.Path) -> None:
    """Fold the -wal file into the database so that the damage is what SQLite reads."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def damage_pages(path: pathlib.Path, first_page: int = 2, length: int = 200) -> None:
    """Overwrite `length` bytes at the start of every page from `first_page` on (page 1
    holds the header, so SQLite still opens the file and fails on reading tables)."""
    checkpoint(path)
    size = path.stat().st_size
    with open(path, "rb") as handle:
        handle.seek(16)
        page_size = int.from_bytes(handle.read(2), "big") or 65536
    with open(path, "r+b") as handle:
        for offset in range((first_page - 1) * page_size, size, page_size):
            handle.seek(offset)
            handle.write(b"\xff" * length)


def damage_table(path: pathlib.Path, table: str, length: int = 200) -> None:
    """Overwrite the start of `table`'s root page: the schema still reads, the table
    does not."""
    checkpoint(path)
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * length)


def database_with_backup(path: pathlib.Path, clock) -> pathlib.Path:
    """A closed database at `path` with two contacts and today's verified backup of it."""
    from organizer.backups import daily_backup
    from organizer.contacts import ContactData, create_contact
    from organizer.database import open_database

    db = open_database(path)
    for name in ("Ann", "Bo"):
        create_contact(db, clock, ContactData(first_name=name))
    good = daily_backup(db, clock).path
    db.close()
    return good
