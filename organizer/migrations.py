"""Schema versions: PRAGMA user_version plus an ordered ladder of steps.

Each step takes the schema from version i to i+1. Steps run in one IMMEDIATE
transaction with foreign keys switched off *before* BEGIN (the pragma is a no-op inside
a transaction, and a table rebuild with it on cascades deletes into child tables),
then `foreign_key_check` must come back empty before COMMIT. An existing database is
copied aside with the online backup API, and the copy verified, before any step runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from peewee import SqliteDatabase

from . import SCHEMA_VERSION as DECLARED_VERSION
from .errors import UserError
from .models import TABLES

Step = Callable[[SqliteDatabase], None]

SEARCH_INDEX_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS contact_fts USING fts5("
    "search_text, content='contact', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS contact_fts_ai AFTER INSERT ON contact BEGIN "
    "INSERT INTO contact_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS contact_fts_ad AFTER DELETE ON contact BEGIN "
    "INSERT INTO contact_fts(contact_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS contact_fts_au AFTER UPDATE OF search_text ON contact BEGIN "
    "INSERT INTO contact_fts(contact_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO contact_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
)


def has_search_index(db: SqliteDatabase) -> bool:
    row = db.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='contact_fts'"
    ).fetchone()
    return row is not None


def ensure_search_index(db: SqliteDatabase) -> None:
    """(Re)create the trigram index and its triggers; a table rebuild drops triggers."""
    try:
        for sql in SEARCH_INDEX_SQL:
            db.execute_sql(sql)
    except Exception:
        # An SQLite without FTS5: search falls back to LIKE (organizer/search.py).
        return


def _v1_initial(db: SqliteDatabase) -> None:
    db.create_tables(TABLES, safe=True)
    ensure_search_index(db)


# Indexes declared (organizer/models.py) after files were first made at v1: the agenda's
# covering indexes and the partial indexes over active contacts. Spelled out, so this
# step means the same whatever the models declare later.
V2_INDEXES = (
    'CREATE INDEX IF NOT EXISTS "contact_stage_touch_count_archived_at_created_at" '
    'ON "contact" ("stage", "touch_count", "archived_at", "created_at")',
    'CREATE INDEX IF NOT EXISTS "contact_active_stage_touch" ON "contact" '
    '("stage", "last_touch_at") WHERE ("archived_at" IS NULL)',
    'CREATE INDEX IF NOT EXISTS "contact_active_due_stage" ON "contact" '
    '("next_due_at", "stage", "touch_count", "last_touch_at") WHERE ("archived_at" IS NULL)',
    'CREATE INDEX IF NOT EXISTS "follow_up_status_due_at_late_at" '
    'ON "follow_up" ("status", "due_at", "late_at")',
    'CREATE INDEX IF NOT EXISTS "follow_up_status_kind_late_at_due_at" '
    'ON "follow_up" ("status", "kind", "late_at", "due_at")',
    'CREATE INDEX IF NOT EXISTS "follow_up_status_late_at_kind_due_at" '
    'ON "follow_up" ("status", "late_at", "kind", "due_at")',
    'CREATE INDEX IF NOT EXISTS "follow_up_status_kind_due_at" '
    'ON "follow_up" ("status", "kind", "due_at")',
    'CREATE INDEX IF NOT EXISTS "follow_up_status_remind_at" ON "follow_up" ("status", "remind_at")',
    'CREATE INDEX IF NOT EXISTS "follow_up_contact_id_status" ON "follow_up" ("contact_id", "status")',
)


def _v2_indexes(db: SqliteDatabase) -> None:
    """The V2_INDEXES a file lacks (IF NOT EXISTS: those it has stay as they are)."""
    for sql in V2_INDEXES:
        db.execute_sql(sql)


def _v3_phone_forms(db: SqliteDatabase) -> None:
    """Phones keep their formatted forms (organizer/phones.py); fill them for the numbers
    already there."""
    from .phones import forms

    columns = {row[1] for row in db.execute_sql("PRAGMA table_info(phone)").fetchall()}
    for name in ("region", "national", "international"):
        if name not in columns:
            db.execute_sql(f"ALTER TABLE phone ADD COLUMN {name} VARCHAR(255) NOT NULL DEFAULT ''")
    rows = db.execute_sql("SELECT id, number FROM phone WHERE number LIKE '+%' "
                          "AND national = ''").fetchall()
    db.connection().executemany(  # by rowid: `number` has no index
        "UPDATE phone SET region = ?, national = ?, international = ? WHERE id = ?",
        [(*forms(number), phone_id) for phone_id, number in rows])


V4_INDEXES = (
    'CREATE INDEX IF NOT EXISTS "contact_live_id_name" ON "contact" ("id", "name") '
    'WHERE ("archived_at" IS NULL)',
    'CREATE INDEX IF NOT EXISTS "contact_live_name_id_company" ON "contact" '
    '("name", "id", "company") WHERE ("archived_at" IS NULL)',
    'CREATE INDEX IF NOT EXISTS "phone_contact_id_digits" ON "phone" ("contact_id", "digits")',
)


def _v4_list_indexes(db: SqliteDatabase) -> None:
    """The contact list's narrow indexes (organizer/contact_list.py): names by id, names
    in order with their company, and each contact's phone digits."""
    for sql in V4_INDEXES:
        db.execute_sql(sql)


V5_INDEXES = (
    'CREATE INDEX IF NOT EXISTS "contact_last_name" ON "contact" ("last_name")',
    'CREATE INDEX IF NOT EXISTS "contact_live_name_words" ON "contact" '
    '("name", "id", "company", "last_name") WHERE ("archived_at" IS NULL)',
    'DROP INDEX IF EXISTS "contact_live_name_id_company"',
)


def _v5_last_names(db: SqliteDatabase) -> None:
    """One or two letters find last names too: an index on them, and the name-order
    index the list walks gains the last name beside the company (replacing v4's)."""
    for sql in V5_INDEXES:
        db.execute_sql(sql)


LADDER: list[Step] = [_v1_initial, _v2_indexes, _v3_phone_forms, _v4_list_indexes,
                      _v5_last_names]
SCHEMA_VERSION = len(LADDER)
if SCHEMA_VERSION != DECLARED_VERSION:  # a step added without bumping organizer.SCHEMA_VERSION
    raise RuntimeError(f"organizer.SCHEMA_VERSION is {DECLARED_VERSION}; the ladder has "
                       f"{SCHEMA_VERSION} steps")


class MigrationError(UserError):
    pass


def user_version(db: SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def ensure_schema(
    db: SqliteDatabase,
    path: Path,
    *,
    backup_dir: Path | None = None,
    ladder: Sequence[Step] = LADDER,
) -> int:
    """Bring the database at `path` to the ladder's version; return that version."""
    target = len(ladder)
    current = user_version(db)
    if current > target:
        raise UserError(
            f"{path} was saved by a newer Sales Organizer (schema {current}; this version "
            f"knows up to {target}). Update the app to open it; the file was left as it is."
        )
    if current == target:
        return current
    tables = db.execute_sql(
        "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    ).fetchone()[0]
    if current == 0 and tables:
        raise UserError(
            f"{path} is an SQLite database of another program, not Sales Organizer's; "
            "it was left as it is."
        )
    if current > 0:
        from .backup import backup_database

        folder = backup_dir or path.parent / "backups"
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_database(db, folder / f"{path.stem}-before-v{target}-{stamp}.db", create_folder=True)
    run_steps(db, ladder, current, target)
    return target


def run_steps(db: SqliteDatabase, ladder: Sequence[Step], current: int, target: int) -> None:
    """Run ladder[current:target] all-or-nothing, with foreign keys off around it."""
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic("IMMEDIATE"):
            for version in range(current, target):
                ladder[version](db)
            ensure_search_index(db)
            problems = db.execute_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise MigrationError(
                    f"Updating the database would leave {len(problems)} broken links "
                    f"(first in table {problems[0][0]}); nothing was changed."
                )
            db.execute_sql(f"PRAGMA user_version = {int(target)}")
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
