"""Restore from a backup: the copies listed newest first, and a confirmation that
names the date before anything is replaced."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from organizer.backups import BackupFile, list_backups, restore_backup
from ui.context import AppContext
from ui.widgets.plain import plain_label


def when_text(backup: BackupFile, ctx: AppContext) -> str:
    local = backup.modified.astimezone(ctx.clock.tz)
    return local.strftime("%A %d %B %Y at %H:%M")


def describe(backup: BackupFile, ctx: AppContext) -> str:
    name = backup.path.name
    kind = ("daily copy" if backup.day else "before an import" if "before-import" in name
            else "before a restore" if "before-restore" in name else "before an update")
    return f"{when_text(backup, ctx)}  ·  {kind}  ·  {backup.size / 1e6:.1f} MB"


class RestoreDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.restored: BackupFile | None = None
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from a backup")
        self.resize(560, 360)
        self.list = QListWidget(objectName="backupList")
        self.backups = list_backups(ctx.db)
        for backup in self.backups:
            item = QListWidgetItem(describe(backup, ctx))
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            self.list.addItem(item)
        if self.backups:
            self.list.setCurrentRow(0)
        info = plain_label("Choose the copy to go back to. Everything entered after it is "
                           "replaced; your current data is first copied aside.")
        info.setWordWrap(True)
        empty = plain_label("There are no backups yet." if not self.backups else "")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(bool(self.backups))
        self.restore_button.clicked.connect(self.restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.list, 1)
        layout.addWidget(empty)
        layout.addWidget(buttons)

    def confirmation(self, backup: BackupFile) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, "Restore from a backup",
                          f"Replace all your contacts, history and follow-ups with the backup "
                          f"from {when_text(backup, self.ctx)}? Your current data is copied "
                          "aside first.", QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("restoreConfirmation")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole).setObjectName("confirmRestore")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def restore(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        backup = self.backups[row]
        box = self.confirmation(backup)
        box.exec()
        if box.buttonRole(box.clickedButton()) != QMessageBox.ButtonRole.AcceptRole:
            return
        if self.ctx.run(self, restore_backup, self.ctx.clock, backup.path) is not None:
            self.restored = backup
            self.accept()
