"""Opening the database: pragmas on every connection, refusals that leave files alone,
private permissions, writers at once and a full disk (RELIABILITY.md DB-1, DB-2, DB-7,
DB-10, DB-11, DB-14, FS-1)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import threading

import pytest
from peewee import IntegrityError, OperationalError

from organizer.backup import backup_database, verify_backup
from organizer.contacts import ContactData, create_contact
from organizer.database import open_database
from organizer.errors import UserError
from organizer.followups import schedule_follow_up
from organizer.interactions import log_interaction
from organizer.migrations import SCHEMA_VERSION
from organizer.models import Contact, FollowUp, Interaction
from organizer.when import When


def pragmas(db) -> tuple:
    return tuple(db.execute_sql(f"PRAGMA {name}").fetchone()[0]
                 for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout"))


def test_db1_every_connection_has_the_pragmas(db):
    assert pragmas(db) == (1, "wal", 2, 5000)
    seen = []
    thread = threading.Thread(target=lambda: (seen.append(pragmas(db)), db.close()))
    thread.start()
    thread.join()
    assert seen == [(1, "wal", 2, 5000)]


def test_db1_backup_and_reopen_connections_too(db, tmp_path, clock):
    create_contact(db, clock, ContactData(first_name="Ann"))
    report = backup_database(db, tmp_path / "copy.db")
    again = open_database(report.path)
    try:
        assert pragmas(again) == (1, "wal", 2, 5000)
        assert Contact.select().count() == 1
    finally:
        again.close()


def test_db2_foreign_keys_are_enforced_and_cascade(db, clock, prefs):
    with pytest.raises(IntegrityError):
        FollowUp.insert(contact=999, kind="planned", due_date="2026-11-24", time_zone="UTC",
                        due_at=0, late_at=0, status="open", created_at=0).execute()
    contact_id = create_contact(db, clock, ContactData(first_name="Ann")).value
    schedule_follow_up(db, clock, prefs, contact_id, When(clock.today(), None))
    Contact.delete_by_id(contact_id)
    assert FollowUp.select().count() == 0
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("content", [b"", b"name,phone\nAnn,555\n", b"\x00" * 4096])
def test_db7_not_a_database_is_refused_and_left_alone(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(UserError) as error:
        open_database(path)
    assert str(path) in error.value.message
    assert "not" in error.value.message and "database" in error.value.message
    assert digest(path) == before
    assert not (tmp_path / "notes.db-wal").exists()


def test_sqlite_file_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(UserError, match="another program"):
        open_database(path)
    assert digest(path) == before


def test_db10_database_from_a_newer_version_is_refused(db_path):
    db = open_database(db_path)
    db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = digest(db_path)
    with pytest.raises(UserError, match="newer Sales Organizer"):
        open_database(db_path)
    assert digest(db_path) == before


def test_missing_folder_is_a_plain_sentence(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        open_database(tmp_path / "nowhere" / "sales.db")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_fs1_files_and_data_folder_are_private(tmp_path, monkeypatch, umask, clock):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("SALES_ORGANIZER_DB", raising=False)
    old = os.umask(umask)
    try:
        db = open_database(None)
        create_contact(db, clock, ContactData(first_name="Ann"))
        path = tmp_path / "xdg" / "SalesOrganizer" / "sales.db"
        assert path.exists()
        assert mode(path.parent) == 0o700
        for name in ("sales.db", "sales.db-wal", "sales.db-shm"):
            assert mode(path.parent / name) == 0o600, name
        report = backup_database(db, path.parent / "backups" / "b.db", create_folder=True)
        assert mode(report.path) == 0o600
        assert mode(report.path.parent) == 0o700
        db.close()
    finally:
        os.umask(old)


def test_env_var_chooses_the_file(tmp_path, monkeypatch):
    target = tmp_path / "env.db"
    monkeypatch.setenv("SALES_ORGANIZER_DB", str(target))
    db = open_database(None)
    db.close()
    assert target.exists()


def test_backup_is_verified_and_matches(db, tmp_path, clock):
    for name in ("Ann", "Ben", "Carla"):
        create_contact(db, clock, ContactData(first_name=name))
    report = backup_database(db, tmp_path / "b.db")
    assert report.counts["contact"] == 3
    assert verify_backup(report.path).user_version == SCHEMA_VERSION
    assert not list(tmp_path.glob(".*partial"))


def test_backup_is_one_self_contained_file(db, tmp_path, clock):
    create_contact(db, clock, ContactData(first_name="Ann"))
    folder = tmp_path / "backups"
    folder.mkdir()
    report = backup_database(db, folder / "b.db")
    verify_backup(report.path)
    assert sorted(p.name for p in folder.iterdir()) == ["b.db"]  # no -wal, -shm, .partial
    with sqlite3.connect(report.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_the_read_only_path_opens_only_a_current_file_of_ours(tmp_path, db, db_path, clock):
    from organizer.reader import open_reader

    create_contact(db, clock, ContactData(first_name="Ann"))
    reader = open_reader(db_path)
    assert reader is not None
    try:
        assert reader.execute_sql("SELECT name FROM contact").fetchall() == [("Ann",)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.execute_sql("DELETE FROM contact")  # query_only: this path writes nothing
    finally:
        reader.close()
    older = tmp_path / "older.db"
    conn = sqlite3.connect(older)
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    for path in (tmp_path / "missing.db", older, text):
        assert open_reader(path) is None  # the full open migrates, creates or refuses


def test_db11_writers_on_several_connections_at_once_lose_nothing(db, clock):
    # Each thread has its own connection (peewee keeps one per thread): the window and a
    # command run beside it. Every log reads the contact's interactions, then writes its
    # counts; IMMEDIATE transactions and the busy timeout make them take turns.
    contact_id = create_contact(db, clock, ContactData(first_name="Ann")).value
    errors: list[BaseException] = []

    def log_many() -> None:
        try:
            for _ in range(40):
                log_interaction(db, clock, contact_id, channel="phone", direction="out",
                                outcome="reached")
        except BaseException as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=log_many) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Interaction.select().count() == 120
    assert Contact.get_by_id(contact_id).touch_count == 120


def test_db14_a_full_disk_during_a_write_changes_nothing(db, clock):
    # SQLite's own "database or disk is full" (SQLITE_FULL), brought on by capping the
    # file at the pages it has now: the write that needs more is rolled back whole.
    create_contact(db, clock, ContactData(first_name="Ann"))
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(OperationalError, match="database or disk is full"):
        create_contact(db, clock, ContactData(first_name="Bo", notes="x" * 200_000))
    assert [c.name for c in Contact.select()] == ["Ann"]
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute_sql("PRAGMA max_page_count = 1073741823")  # room again: the next write goes in
    create_contact(db, clock, ContactData(first_name="Bo"))
    assert Contact.select().count() == 2
