"""The migration ladder: nothing lost to cascades, all or nothing, backup first
(RELIABILITY.md DB-8, DB-9)."""

from __future__ import annotations

import pytest
from playhouse.migrate import SqliteMigrator
from playhouse.migrate import migrate as run_migrate

from organizer.backup import verify_backup
from organizer.contacts import ContactData, create_contact
from organizer.database import connect
from organizer.followups import schedule_follow_up
from organizer.interactions import log_interaction
from organizer.migrations import LADDER, ensure_schema, user_version
from organizer.models import Contact, FollowUp, Interaction
from organizer.when import When


def populate(db, clock, prefs, n=3):
    for i in range(n):
        cid = create_contact(db, clock, ContactData(first_name=f"P{i}", company="Acme")).value
        schedule_follow_up(db, clock, prefs, cid, When(clock.today(), None), kind="promised")
        log_interaction(db, clock, cid, notes="hello")


def rebuild_contact_table(db):
    """A step that rebuilds the parent table (NOT NULL on a column), as SQLite must."""
    migrator = SqliteMigrator(db)
    run_migrate(migrator.add_not_null("contact", "job_title"))


def test_db8_rebuilding_the_parent_table_keeps_children(db, db_path, clock, prefs, tmp_path):
    populate(db, clock, prefs)
    assert FollowUp.select().count() == 3
    ladder = [*LADDER, rebuild_contact_table]
    version = ensure_schema(db, db_path, backup_dir=tmp_path / "bk", ladder=ladder)
    assert version == len(LADDER) + 1 == user_version(db)
    assert FollowUp.select().count() == 3
    assert Interaction.select().count() == 3
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    # The search triggers on the rebuilt table were recreated.
    create_contact(db, clock, ContactData(first_name="Zed", company="Zebracorp"))
    hits = db.execute_sql("SELECT count(*) FROM contact_fts WHERE contact_fts MATCH 'ebraco'")
    assert hits.fetchone()[0] == 1


def test_db8_the_trap_is_real_with_foreign_keys_on(db, clock, prefs):
    # Without our ladder's FK-off-before-BEGIN, the same rebuild deletes the children.
    populate(db, clock, prefs)
    with db.atomic():
        rebuild_contact_table(db)
    assert FollowUp.select().count() == 0


def test_db9_a_failing_step_changes_nothing(db, db_path, clock, prefs, tmp_path):
    populate(db, clock, prefs)
    columns_before = [c.name for c in db.get_columns("contact")]

    def add_column(database):
        database.execute_sql("ALTER TABLE contact ADD COLUMN nickname TEXT")

    def broken(database):
        raise RuntimeError("step 2 fails")

    ladder = [*LADDER, add_column, broken]
    with pytest.raises(RuntimeError):
        ensure_schema(db, db_path, backup_dir=tmp_path / "bk", ladder=ladder)
    assert user_version(db) == len(LADDER)
    assert [c.name for c in db.get_columns("contact")] == columns_before
    assert Contact.select().count() == 3
    backups = list((tmp_path / "bk").glob("*.db"))
    assert len(backups) == 1
    report = verify_backup(backups[0])
    assert report.counts["contact"] == 3 and report.user_version == len(LADDER)


def _current_file(tmp_path, name: str):
    """(db, path): a new file at this release's schema, for a test to take back."""
    path = tmp_path / name
    path.touch()
    db = connect(path)
    ensure_schema(db, path, backup_dir=tmp_path / "bk")
    return db, path


def _migrated_from(db, path, version: int, *undo: str) -> None:
    """Undo (SQL statements) what the steps after `version` did, mark the file that old,
    and bring it up the ladder again."""
    for sql in undo:
        db.execute_sql(sql)
    db.execute_sql(f"PRAGMA user_version = {version}")
    ensure_schema(db, path, backup_dir=path.parent / "bk")


def test_new_database_needs_no_backup(tmp_path):
    db, _path = _current_file(tmp_path, "fresh.db")
    assert user_version(db) == len(LADDER)
    assert not (tmp_path / "bk").exists()
    db.close()


def test_step_v2_creates_the_indexes_the_models_declare(db):
    from peewee import SqliteDatabase

    from organizer.migrations import V2_INDEXES
    from organizer.models import TABLES

    context = SqliteDatabase(":memory:")  # only to spell the models' indexes as SQL
    declared = {context.get_sql_context().sql(index).query()[0]
                for model in TABLES for index in model._meta.fields_to_index()}
    assert set(V2_INDEXES) <= declared  # a new file (v1) gets exactly the same indexes
    names = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"contact_active_stage_touch", "contact_active_due_stage"} <= names


def test_a_v1_file_without_the_newer_indexes_gets_them(tmp_path):
    db, path = _current_file(tmp_path, "old.db")
    _migrated_from(db, path, 1, 'DROP INDEX "contact_active_stage_touch"',
                   'DROP INDEX "follow_up_status_kind_due_at"')
    names = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"contact_active_stage_touch", "follow_up_status_kind_due_at"} <= names
    assert user_version(db) == len(LADDER)
    db.close()


def test_step_v3_adds_and_fills_the_phone_forms(tmp_path, clock):
    """A v2 file: the phone table has no form columns yet; v3 adds and fills them."""
    db, path = _current_file(tmp_path, "v2.db")
    create_contact(db, clock, ContactData(first_name="Ann", phones=(("work", "+44 20 7946 0958"),
                                                                    ("home", "(415) 555-0142"),
                                                                    ("desk", "5550 ext 12"))))
    _migrated_from(db, path, 2, *(f"ALTER TABLE phone DROP COLUMN {column}"
                                  for column in ("region", "national", "international")))
    rows = db.execute_sql("SELECT number, region, national, international FROM phone "
                          "ORDER BY id").fetchall()
    assert rows == [("+442079460958", "GB", "020 7946 0958", "+44 20 7946 0958"),
                    ("+14155550142", "US", "(415) 555-0142", "+1 415-555-0142"),
                    ("5550 ext 12", "", "", "")]
    assert user_version(db) == len(LADDER)
    db.close()


def _indexes(db) -> dict[str, str]:
    return dict(db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                               ).fetchall())


def test_step_v4_adds_the_contact_list_indexes(tmp_path):
    """A v3 file lacks the list's narrow indexes; v4 makes them (the contact ones over
    active contacts only), and v5 widens the name-order one."""
    db, path = _current_file(tmp_path, "v3.db")
    _migrated_from(db, path, 3, *(f'DROP INDEX "{name}"' for name in (
        "contact_live_id_name", "contact_live_name_words", "phone_contact_id_digits")))
    sql = _indexes(db)
    assert '("id", "name") WHERE ("archived_at" IS NULL)' in sql["contact_live_id_name"]
    assert '("contact_id", "digits")' in sql["phone_contact_id_digits"]
    assert "contact_live_name_words" in sql and "contact_live_name_id_company" not in sql
    assert user_version(db) == len(LADDER) == 5
    db.close()


def test_step_v5_indexes_last_names_for_short_searches(tmp_path):
    """A v4 file has the name-order index with companies only and no last-name index;
    v5 makes both and drops the old one."""
    db, path = _current_file(tmp_path, "v4.db")
    _migrated_from(db, path, 4, 'DROP INDEX "contact_last_name"',
                   'DROP INDEX "contact_live_name_words"',
                   'CREATE INDEX "contact_live_name_id_company" ON "contact" '
                   '("name", "id", "company") WHERE ("archived_at" IS NULL)')
    sql = _indexes(db)
    assert '("last_name")' in sql["contact_last_name"]
    assert '("name", "id", "company", "last_name") WHERE ("archived_at" IS NULL)' in \
        sql["contact_live_name_words"]
    assert "contact_live_name_id_company" not in sql
    assert user_version(db) == 5
    db.close()
