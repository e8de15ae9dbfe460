"""RELIABILITY.md DB-6 in the window: a damaged database is said in one sentence, the
newest backup is offered, and the rep starts on the restored data; unexpected errors
become a plain dialog and a log line, never a traceback on screen."""

from __future__ import annotations

import logging
import sqlite3
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from organizer.backups import backup_folder
from organizer.database import open_database
from organizer.errors import DamagedDatabase
from organizer.models import Contact
from tests.damage import damage_pages, damage_table, database_with_backup
from ui.app import start_on
from ui.failures import install_excepthook, open_restored, start_logging


@pytest.fixture
def answered(monkeypatch, qapp):
    """Message boxes answer `answer[0]` and record their text."""
    seen: list[str] = []
    answer = [QMessageBox.StandardButton.Yes]

    def exec_(box):
        seen.append(box.text())
        return answer[0]

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return seen, answer


def test_unopenable_file_is_replaced_by_the_backup_the_rep_accepts(db_path, clock, answered):
    seen, _ = answered
    good = database_with_backup(db_path, clock)
    damage_pages(db_path)
    with pytest.raises(DamagedDatabase) as refused:
        open_database(db_path)
    db = open_restored(db_path, refused.value)
    try:
        assert sorted(c.first_name for c in Contact.select()) == ["Ann", "Bo"]
    finally:
        db.close()
    assert "is damaged" in seen[0] and "Restore the backup from" in seen[0]
    assert str(good) in seen[0]
    assert any("-damaged-" in p.name for p in backup_folder(db).iterdir())


def test_declining_leaves_the_damaged_file_as_it_is(db_path, clock, answered):
    _, answer = answered
    answer[0] = QMessageBox.StandardButton.No
    database_with_backup(db_path, clock)
    damage_pages(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DamagedDatabase) as refused:
        open_database(db_path)
    assert open_restored(db_path, refused.value) is None
    assert db_path.read_bytes() == before


def test_window_starts_on_the_restored_data(db_path, clock, answered, qtbot):
    seen, _ = answered
    database_with_backup(db_path, clock)
    damage_table(db_path, "contact")
    db = open_database(db_path)  # the schema reads; the contacts do not
    started = start_on(db, db_path)
    assert started is not None
    ctx, window = started
    qtbot.addWidget(window)
    controller = window.transfer_actions.controller
    qtbot.waitUntil(lambda: controller.backup_thread is not None
                    and not controller.backup_thread.isRunning(), timeout=10000)
    assert window.contacts_page.model.rowCount() == 2
    assert "is damaged" in seen[0]
    db.close()


def test_an_unexpected_error_is_one_plain_sentence_and_a_log_line(tmp_path, answered, monkeypatch):
    seen, _ = answered
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log_path = start_logging(tmp_path / "sales.db")
    install_excepthook(tmp_path / "sales.db", log_path)
    try:
        raise sqlite3.DatabaseError("database or disk is full")
    except sqlite3.DatabaseError:
        sys.excepthook(*sys.exc_info())
    try:
        raise ValueError("<b>boom</b>")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert seen[0] == (f"The database {tmp_path / 'sales.db'} could not be used: database or "
                       "disk is full; nothing was changed.")
    assert seen[1].startswith("Something unexpected went wrong (<b>boom</b>)")
    assert str(log_path) in seen[1]
    root = logging.getLogger()
    ours = [h for h in root.handlers if getattr(h, "baseFilename", None) == str(log_path)]
    for handler in ours:
        handler.close()
        root.removeHandler(handler)
    assert "Traceback" in log_path.read_text(encoding="utf-8")
