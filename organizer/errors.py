"""The one error type that reaches the rep: a plain sentence, no traceback."""

from __future__ import annotations

import sqlite3
import sys


class UserError(Exception):
    """Something the rep can fix, told in one sentence (what is wrong and where)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(UserError):
    pass


class Ambiguous(UserError):
    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates


class DamagedDatabase(UserError):
    """The database file fails SQLite's checks; only a backup can bring it back."""


def is_database_error(exc: BaseException) -> bool:
    """sqlite3's errors and peewee's wrappers of them (damaged file, disk full, I/O)."""
    if isinstance(exc, sqlite3.DatabaseError):
        return True
    peewee = sys.modules.get("peewee")  # not imported here: `today` starts lean
    return peewee is not None and isinstance(exc, peewee.DatabaseError)
