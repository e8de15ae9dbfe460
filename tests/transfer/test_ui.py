"""The transfer dialogs, offscreen: preview, import, cancel, column mapping, export,
restore and merge, and the File menu items."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton

from organizer.backups import backup_folder, daily_backup, list_backups
from organizer.contacts import ContactData, create_contact
from organizer.models import Contact
from ui.context import AppContext
from ui.transfer.actions import install_transfer_actions
from ui.transfer.export_dialog import ExportDialog
from ui.transfer.import_dialog import ImportDialog
from ui.transfer.merge_dialog import MergeDialog
from ui.transfer.restore_dialog import RestoreDialog

from .helpers import write

OUTLOOK = "First Name,Last Name,Company,E-mail Address,Mobile Phone\r\n"


@pytest.fixture
def ctx(db, clock, prefs):
    return AppContext(db, clock, prefs)


def _previewed(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy, timeout=10000)
    return dialog.plan


def test_preview_then_import(qtbot, ctx, tmp_path):
    path = write(tmp_path, "c.csv", OUTLOOK + "Ann,<b>Lee</b>,Acme,ann@acme.com,\r\n"
                 "Bo,Müller,,,\r\n", encoding="cp1252")
    dialog = ImportDialog(ctx, path)
    qtbot.addWidget(dialog)
    plan = _previewed(qtbot, dialog)
    assert plan.new == 2 and Contact.select().count() == 0
    assert dialog.recognised.text() == "Outlook, Windows-1252, comma-separated, columns on line 1"
    assert dialog.counts.text() == "2 new, 0 updated, 0 duplicate, 0 skipped, 0 failed"
    assert dialog.rows.item(0, 1).text() == "Ann <b>Lee</b>"
    assert dialog.import_button.isEnabled()
    changed = []
    ctx.broadcaster.changed.connect(changed.append)
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    assert Contact.select().count() == 2
    assert changed and changed[0].contacts


def test_a_refused_file_lists_its_problems_and_cannot_be_imported(qtbot, ctx, tmp_path):
    path = write(tmp_path, "c.csv", OUTLOOK + "Ann,Lee,Acme,not-an-address,\r\nBo,Kim\r\n")
    dialog = ImportDialog(ctx, path)
    qtbot.addWidget(dialog)
    plan = _previewed(qtbot, dialog)
    assert plan.failed == 2
    assert not dialog.import_button.isEnabled()
    assert dialog.problems.rowCount() == 2
    assert [dialog.problems.item(r, 0).text() for r in range(2)] == ["2", "3"]
    assert dialog.status.text().startswith("c.csv, line 2:")


def test_cancel_during_the_import_writes_nothing(qtbot, ctx, tmp_path):
    rows = "".join(f"P{i},Q{i},Co,p{i}@example.com,\r\n" for i in range(4000))
    dialog = ImportDialog(ctx, write(tmp_path, "big.csv", OUTLOOK + rows))
    qtbot.addWidget(dialog)
    assert _previewed(qtbot, dialog).new == 4000
    dialog.start_import()
    with qtbot.waitSignal(dialog.worker.cancelled, timeout=10000):
        dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.status.text() == "Cancelled: nothing was imported."
    assert Contact.select().count() == 0


def test_column_mapping_for_an_unknown_layout(qtbot, ctx, tmp_path):
    path = write(tmp_path, "crm.csv", "Contact,Employer,Remarks\nAnn Lee,Acme,vip\n")
    dialog = ImportDialog(ctx, path)
    qtbot.addWidget(dialog)
    _previewed(qtbot, dialog)
    assert dialog.tabs.currentWidget() is dialog.columns
    notes = dialog.columns.cellWidget(2, 1)
    notes.setCurrentIndex(notes.findData("notes"))
    before = dialog.plan
    dialog.apply_columns.click()
    qtbot.waitUntil(lambda: dialog.plan is not before and not dialog.busy, timeout=10000)
    assert dialog.specs == ["full_name", "company", "notes"]
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    assert Contact.get(Contact.name == "Ann Lee").notes == "vip"


def test_export_dialog_writes_the_chosen_format(qtbot, ctx, tmp_path, clock):
    create_contact(ctx.db, clock, ContactData(first_name="Ann", last_name="Lee"))
    dialog = ExportDialog(ctx, folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(".vcf"))
    assert dialog.path.text() == str(tmp_path / "sales-organizer.vcf")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.export_button.click()
    assert "FN:Ann Lee" in (tmp_path / "sales-organizer.vcf").read_text(encoding="utf-8")
    assert dialog.result_text.startswith("Exported 1 contacts to")


def _accept_message_boxes(monkeypatch, button_name: str, seen: list[str]):
    def exec_(box):
        seen.append(box.text())
        box.findChild(QPushButton, button_name).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_restore_names_the_date_and_restores(qtbot, ctx, clock, monkeypatch):
    create_contact(ctx.db, clock, ContactData(first_name="Ann"))
    daily_backup(ctx.db, clock)
    create_contact(ctx.db, clock, ContactData(first_name="Bo"))
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    seen: list[str] = []
    _accept_message_boxes(monkeypatch, "confirmRestore", seen)
    dialog.restore_button.click()
    backup = list_backups(ctx.db)[-1]
    day = backup.modified.astimezone(clock.tz).strftime("%A %d %B %Y")
    assert day in seen[0]
    assert [c.name for c in Contact.select()] == ["Ann"]


def test_merge_dialog(qtbot, ctx, clock, monkeypatch):
    keep = create_contact(ctx.db, clock, ContactData(first_name="Ann", last_name="Lee")).value
    other = create_contact(ctx.db, clock, ContactData(first_name="Ann", last_name="Lee",
                                                      company="Acme")).value
    dialog = MergeDialog(ctx, keep_id=keep)
    qtbot.addWidget(dialog)
    assert dialog.keep.current_id() == keep and not dialog.merge_button.isEnabled()
    dialog.other.search.setText("Acme")
    qtbot.waitUntil(lambda: dialog.other.list.count() == 1)  # after the search's debounce
    dialog.other.list.setCurrentRow(0)
    assert dialog.other.current_id() == other and dialog.merge_button.isEnabled()
    seen: list[str] = []
    _accept_message_boxes(monkeypatch, "confirmMerge", seen)
    dialog.merge_button.click()
    assert dialog.merged_into == keep
    assert [c.company for c in Contact.select()] == ["Acme"]


def test_file_menu_items_and_the_daily_backup(qtbot, ctx):
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("&File")
    menu.setObjectName("menuFile")
    quit_action = menu.addAction("Quit")
    actions = install_transfer_actions(window, ctx)
    names = [a.objectName() for a in menu.actions() if a.objectName()]
    assert names == ["actionImport", "actionExport", "actionBackup", "actionRestore",
                     "actionMerge"]
    assert menu.actions()[-1] is quit_action
    qtbot.waitUntil(lambda: bool(list_backups(ctx.db)), timeout=10000)
    qtbot.waitUntil(lambda: not actions.controller.backup_thread.isRunning(), timeout=10000)
    assert list_backups(ctx.db)[0].day == ctx.clock.today()


def test_quitting_waits_for_the_daily_backup_thread(qtbot, ctx):
    from organizer.demo import build_demo

    build_demo(ctx.db, ctx.clock, contacts=2000)  # a copy that takes a moment
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = install_transfer_actions(window, ctx, daily=False)
    actions.controller.start_daily_backup()
    actions.controller.stop()  # what aboutToQuit calls
    assert not actions.controller.backup_thread.isRunning()
    leftovers = [p.name for p in backup_folder(ctx.db).glob(".*")] if backup_folder(ctx.db).exists() else []
    assert leftovers == []


def test_the_daily_backup_reports_on_the_gui_thread(qtbot, ctx):
    from PySide6.QtCore import QThread

    window = QMainWindow()
    qtbot.addWidget(window)
    actions = install_transfer_actions(window, ctx, daily=False)
    seen = []
    actions.controller.status = lambda text: seen.append((text, QThread.currentThread()))
    actions.controller.start_daily_backup()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen[0][0].startswith("Daily backup written to")
    assert seen[0][1] is window.thread()  # never the worker's thread
