"""Backups: RELIABILITY.md DB-4, DB-5, FS-4, FS-5, and restoring one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import stat
import subprocess
import sys

import pytest

from organizer import backups
from organizer.backup import backup_database, verify_backup
from organizer.backups import backup_folder, daily_backup, keep_days, list_backups, restore_backup
from organizer.contacts import ContactData, create_contact
from organizer.errors import UserError
from organizer.models import Contact

from .helpers import ROOT


def _counts(path) -> tuple[int, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (conn.execute("SELECT count(*) FROM contact").fetchone()[0],
                conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _fill(db, clock, n=5):
    for i in range(n):
        create_contact(db, clock, ContactData(first_name=f"P{i}", last_name="Test"))


def test_db4_backup_matches_live_counts_where_a_file_copy_does_not(db, clock, db_path, tmp_path):
    _fill(db, clock, 5)
    assert os.path.getsize(f"{db_path}-wal") > 0  # the rows are still only in the WAL
    naive = tmp_path / "copy.db"
    shutil.copy(db_path, naive)
    with pytest.raises(sqlite3.OperationalError):
        _counts(naive)  # the schema itself was never checkpointed into the main file
    report = daily_backup(db, clock)
    assert report.counts["contact"] == 5
    assert _counts(report.path)[0] == Contact.select().count()


def test_db5_newest_backup_opens_read_only_and_matches(db, clock):
    _fill(db, clock, 3)
    daily_backup(db, clock)
    newest = list_backups(db)[0].path
    report = verify_backup(newest)  # read-only, integrity_check
    live_version = db.execute_sql("PRAGMA user_version").fetchone()[0]
    assert report.user_version == live_version
    assert report.counts["contact"] == 3
    if os.name == "posix":
        assert stat.S_IMODE(newest.stat().st_mode) == 0o600
        assert stat.S_IMODE(newest.parent.stat().st_mode) == 0o700


def test_one_daily_backup_per_day(db, clock):
    assert daily_backup(db, clock) is not None
    assert daily_backup(db, clock) is None
    clock.advance(days=1)
    assert daily_backup(db, clock) is not None
    assert [b.day for b in list_backups(db)] == [dt.date(2026, 11, 24), dt.date(2026, 11, 23)]


def test_fs4_forty_days_keep_7_daily_4_weekly_and_the_months(db, clock):
    _fill(db, clock, 1)
    start = clock.today()
    for _ in range(40):
        daily_backup(db, clock)
        clock.advance(days=1)
    days = sorted(b.day for b in list_backups(db))
    last = start + dt.timedelta(days=39)
    assert days == sorted(keep_days([start + dt.timedelta(days=i) for i in range(40)]))
    assert [last - dt.timedelta(days=i) for i in range(7)] == sorted(days, reverse=True)[:7]
    weeks = {d.isocalendar()[:2] for d in days}
    assert len(weeks) >= 4
    months = {(d.year, d.month) for d in days}
    assert months == {(2026, 11), (2026, 12), (2027, 1)}  # 23 Nov to 1 Jan
    assert len(days) <= 7 + 4 + 12
    for backup in list_backups(db):
        verify_backup(backup.path)


def test_keep_days_rule():
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=i) for i in range(400)]
    kept = keep_days(days)
    newest = max(days)
    assert {newest - dt.timedelta(days=i) for i in range(7)} <= kept
    assert len({(d.year, d.month) for d in kept}) == 12
    assert len(kept) <= 7 + 4 + 12


def test_fs4_the_last_verified_good_copy_is_never_rotated_out(db, clock):
    _fill(db, clock, 1)
    for _ in range(10):
        daily_backup(db, clock)
        clock.advance(days=1)
    oldest_kept = sorted(b.day for b in list_backups(db))
    good = [b for b in list_backups(db) if b.day == oldest_kept[-1]][0].path
    # Every newer copy made from now on is damaged: the old good one must survive.
    real_backup = backups.backup_database

    def damaged(db_, dest, **kw):
        report = real_backup(db_, dest, **kw)
        with open(dest, "r+b") as handle:
            handle.seek(100)
            handle.write(b"\xff" * 4000)
        return report

    backups.backup_database = damaged
    try:
        for _ in range(10):
            daily_backup(db, clock)
            clock.advance(days=1)
    finally:
        backups.backup_database = real_backup
    assert good.exists()
    verify_backup(good)


def test_fs5_interrupted_backup_leaves_previous_copies(db, clock, monkeypatch):
    _fill(db, clock, 2)
    daily_backup(db, clock)
    before = {b.path: b.path.read_bytes() for b in list_backups(db)}
    clock.advance(days=1)

    def disk_full(*_args, **_kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("organizer.backup.os.replace", disk_full)
    with pytest.raises(UserError, match="No space left on device"):
        daily_backup(db, clock)
    folder = backup_folder(db)
    assert not [p for p in folder.iterdir() if p.name.endswith(".partial")]
    assert {b.path: b.path.read_bytes() for b in list_backups(db)} == before


KILLED_BACKUP = """
import os
import sys
import threading
import organizer.backup as backup
from organizer.database import open_database

db = open_database(sys.argv[1])
if sys.argv[3] == "copying":  # dies between two steps of the page copy
    def dying(_cancel, _dest):
        steps = []
        return lambda *_progress: (steps.append(1), len(steps) == 2 and os._exit(9))
    backup._stop_when = dying
else:  # dies with the copy written and synced, before it is checked and renamed
    backup.verify_backup = lambda _path: os._exit(9)
backup.backup_database(db, sys.argv[2], cancel=threading.Event())
"""


def test_fs5_a_backup_killed_midway_replaces_nothing(db, clock, db_path, tmp_path):
    # os._exit is a kill as far as files go: no finally, no cleanup.
    from organizer.demo import build_demo

    build_demo(db, clock, 1500)  # past 256 pages: the copy takes several steps
    dest = tmp_path / "copy.db"
    before = backup_database(db, dest).counts["contact"]
    good = dest.read_bytes()
    create_contact(db, clock, ContactData(first_name="Newer"))
    for where in ("copying", "checking"):
        died = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(db_path), str(dest),
                               where], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert died.returncode == 9, died.stderr
        assert dest.read_bytes() == good  # the older copy, untouched
        assert (tmp_path / ".copy.db.partial").exists()  # what a kill leaves behind
    report = backup_database(db, dest)  # the next backup clears the leftover
    assert report.counts["contact"] == before + 1
    assert not (tmp_path / ".copy.db.partial").exists()


def test_restore_brings_the_data_back_and_keeps_a_copy_of_what_it_replaced(db, clock):
    _fill(db, clock, 3)
    daily_backup(db, clock)
    _fill(db, clock, 4)
    assert Contact.select().count() == 7
    source = [b for b in list_backups(db) if b.day][0].path
    outcome = restore_backup(db, clock, source)
    assert outcome.changes.everything
    assert Contact.select().count() == 3
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    before_restore = [b for b in list_backups(db) if "before-restore" in b.path.name]
    assert len(before_restore) == 1 and verify_backup(before_restore[0].path).counts["contact"] == 7


def test_restore_refuses_a_damaged_backup(db, clock, tmp_path):
    _fill(db, clock, 2)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError):
        restore_backup(db, clock, bad)
    assert Contact.select().count() == 2


def test_restored_database_stays_in_wal_mode(db, clock, tmp_path):
    """Backups are single files in rollback mode; restoring one must not take the live
    database out of WAL."""
    create_contact(db, clock, ContactData(first_name="Ann"))
    backup_database(db, tmp_path / "b.db")
    restore_backup(db, clock, tmp_path / "b.db")
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_db6_daily_backup_refuses_a_damaged_database_and_keeps_the_good_one(db_path, clock):
    from organizer.database import open_database
    from organizer.errors import DamagedDatabase
    from tests.damage import damage_table, database_with_backup

    good = database_with_backup(db_path, clock)
    damage_table(db_path, "contact")
    db = open_database(db_path)
    clock.advance(days=1)
    with pytest.raises(DamagedDatabase, match="damaged"):
        daily_backup(db, clock)
    assert [b.path for b in list_backups(db)] == [good]
    assert not [p for p in backup_folder(db).iterdir() if p.name.startswith(".")]

    restore_backup(db, clock, good)  # the damaged files go aside, byte for byte
    assert sorted(c.first_name for c in Contact.select()) == ["Ann", "Bo"]
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = [p.name for p in backup_folder(db).iterdir() if "-damaged-" in p.name]
    assert kept and [b.path for b in list_backups(db)][-1] == good
    db.close()


def test_a_stopped_backup_leaves_the_older_ones_and_no_partial_file(db, clock):
    import threading

    from organizer.backup import BackupStopped

    create_contact(db, clock, ContactData(first_name="Ann"))
    good = daily_backup(db, clock).path
    clock.advance(days=1)
    stop = threading.Event()
    stop.set()
    with pytest.raises(BackupStopped, match="was stopped; older backups were kept"):
        daily_backup(db, clock, stop)
    assert sorted(p.name for p in backup_folder(db).iterdir()) == [good.name]
