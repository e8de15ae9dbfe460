"""The File menu's import, export, backup, restore and merge items, and the automatic
daily backup. `install_transfer_actions(window, ctx)` adds them before Quit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from organizer.backups import daily_backup
from ui.context import AppContext, show_error

from .export_dialog import ExportDialog
from .import_dialog import ImportDialog
from .merge_dialog import MergeDialog
from .restore_dialog import RestoreDialog
from .worker import start_worker

IMPORT_FILTER = "Contacts (*.csv *.vcf *.vcard *.txt);;All files (*)"


@dataclass
class TransferActions:
    import_contacts: QAction
    export: QAction
    backup_now: QAction
    restore: QAction
    merge: QAction
    controller: TransferController


class TransferController(QObject):
    """Opens the dialogs; keeps the daily backup off the GUI thread."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.dialog = None
        self.backup_thread = None
        self.backup_worker = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def status(self, text: str) -> None:
        if hasattr(self.window, "statusBar"):
            self.window.statusBar().showMessage(text, 8000)

    def import_contacts(self, path: str | None = None) -> ImportDialog | None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, "Import contacts", str(Path.home()),
                                                  IMPORT_FILTER)
            if not path:
                return None
        self.dialog = ImportDialog(self.ctx, path, self.window)
        self.dialog.imported.connect(lambda plan: self.status(f"Imported: {plan.summary()}."))
        self.dialog.open()
        return self.dialog

    def export(self) -> ExportDialog:
        self.dialog = ExportDialog(self.ctx, self.window)
        self.dialog.accepted.connect(lambda: self.status(self.dialog.result_text))
        self.dialog.open()
        return self.dialog

    def backup_now(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, "Back up to",
                                                  str(Path.home() / "sales-organizer-backup.db"),
                                                  "Database (*.db)")
            if not path:
                return
        from organizer.backup import backup_database

        outcome = None
        try:
            outcome = backup_database(self.ctx.db, path)
        except Exception as exc:  # UserError or a disk error: one sentence either way
            show_error(self.window, getattr(exc, "message", str(exc)))
        if outcome is not None:
            self.status(f"Backed up {outcome.counts['contact']} contacts to {outcome.path} (verified).")

    def restore(self) -> RestoreDialog:
        self.dialog = RestoreDialog(self.ctx, self.window)
        self.dialog.open()
        return self.dialog

    def merge(self, keep_id: int | None = None) -> MergeDialog:
        if keep_id is None:  # the File menu: start from the contact on screen
            keep_id = getattr(getattr(self.window, "contacts_page", None), "current_id", None)
        self.dialog = MergeDialog(self.ctx, self.window, keep_id)
        self.dialog.open()
        return self.dialog

    def start_daily_backup(self) -> None:
        """Today's backup in the data folder, once a day, on a worker thread."""
        ctx = self.ctx
        self.backup_thread, self.backup_worker = start_worker(
            self, lambda _progress, cancel: daily_backup(ctx.db, ctx.clock, cancel), ctx.db.close)
        # Bound methods, not lambdas: a lambda would run on the worker's thread and touch
        # the status bar from there; a slot of this GUI-thread object is queued to it.
        self.backup_worker.succeeded.connect(self._daily_backup_done)
        self.backup_worker.failed.connect(self._daily_backup_failed)

    def stop(self) -> None:
        """Quitting: abandon a daily backup still copying (older ones stay) and wait for
        its thread, so no thread outlives the application and no partial file is left."""
        if self.backup_thread is not None and self.backup_thread.isRunning():
            self.backup_worker.cancel()
            self.backup_thread.wait(15000)

    def _daily_backup_done(self, report) -> None:
        if report is not None:
            self.status(f"Daily backup written to {report.path}.")

    def _daily_backup_failed(self, message: str) -> None:
        self.status(f"Daily backup failed: {message}")
        if "damaged" in message:  # the rep must know now, not from a status line
            show_error(self.window, message)


def _file_menu(window: QMainWindow) -> QMenu:
    menu = window.findChild(QMenu, "menuFile")
    if menu is None:
        menu = window.menuBar().addMenu("&File")
        menu.setObjectName("menuFile")
    return menu


def install_transfer_actions(window: QMainWindow, ctx: AppContext, *,
                             daily: bool = True) -> TransferActions:
    controller = TransferController(window, ctx)

    def action(text: str, name: str, slot, shortcut: str | None = None) -> QAction:
        act = QAction(text, window)
        act.setObjectName(name)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _checked=False: slot())
        return act

    actions = TransferActions(
        action("&Import contacts…", "actionImport", controller.import_contacts, "Ctrl+I"),
        action("&Export…", "actionExport", controller.export, "Ctrl+E"),
        action("&Back up now…", "actionBackup", controller.backup_now),
        action("&Restore from a backup…", "actionRestore", controller.restore),
        action("&Merge two contacts…", "actionMerge", controller.merge),
        controller,
    )
    menu = _file_menu(window)
    existing = menu.actions()
    before = existing[-1] if existing else None  # Quit stays last
    items = [actions.import_contacts, actions.export, None, actions.backup_now, actions.restore,
             None, actions.merge, None]
    for item in items:
        if item is None:
            menu.insertSeparator(before) if before else menu.addSeparator()
        elif before:
            menu.insertAction(before, item)
        else:
            menu.addAction(item)
    if daily:
        QTimer.singleShot(0, controller.start_daily_backup)
    return actions


__all__ = ["TransferActions", "install_transfer_actions"]
