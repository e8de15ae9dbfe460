"""Merge two contacts: pick the one to keep and the one to fold into it; the whole
history and every follow-up of both stay."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from organizer.merge import MergeCandidate, merge_candidates, merge_contacts
from ui.context import AppContext
from ui.widgets.plain import plain_label


def _text(row: MergeCandidate) -> str:
    parts = [row.name]
    if row.company and row.company != row.name:
        parts.append(row.company)
    if row.email:
        parts.append(row.email)
    parts.append(f"{row.touches} touches")
    return "  ·  ".join(parts)


class _Picker(QWidget):
    def __init__(self, ctx: AppContext, title: str, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit(objectName=f"{name}Search")
        self.search.setPlaceholderText("Search name, company, e-mail or phone")
        self.list = QListWidget(objectName=f"{name}List")
        self.pinned: int | None = None  # the contact the dialog was opened on
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(title))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self.refresh()

    def refresh(self) -> None:
        current = self.current_id()
        self.list.clear()
        self._debounce.stop()
        pinned = None if self.search.text().strip() else self.pinned
        for row in merge_candidates(self.ctx.db, self.search.text(), include=pinned):
            item = QListWidgetItem(_text(row))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)
        if current is not None:
            self.choose(current)

    def choose(self, contact_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == contact_id:
                self.list.setCurrentRow(row)
                return

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def current_text(self) -> str:
        item = self.list.currentItem()
        return item.text() if item else ""


class MergeDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 keep_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.merged_into: int | None = None
        self.setObjectName("mergeDialog")
        self.setWindowTitle("Merge two contacts")
        self.resize(900, 520)
        self.keep = _Picker(ctx, "Keep this contact", "mergeKeep", self)
        self.other = _Picker(ctx, "…and fold this one into it", "mergeOther", self)
        if keep_id is not None:
            self.keep.pinned = keep_id
            self.keep.refresh()
            self.keep.choose(keep_id)
        info = plain_label("The kept contact gains the other's e-mails, phones, tags and "
                           "notes, its whole history and all its follow-ups.")
        info.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton("Merge…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.clicked.connect(self.merge)
        buttons.rejected.connect(self.reject)
        for picker in (self.keep, self.other):
            picker.list.currentRowChanged.connect(self._update)
        grid = QGridLayout(self)
        grid.addWidget(info, 0, 0, 1, 2)
        grid.addWidget(self.keep, 1, 0)
        grid.addWidget(self.other, 1, 1)
        grid.addWidget(buttons, 2, 0, 1, 2)
        self._update()

    def _update(self) -> None:
        keep, other = self.keep.current_id(), self.other.current_id()
        self.merge_button.setEnabled(keep is not None and other is not None and keep != other)

    def confirmation(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, "Merge two contacts",
                          f"Fold “{self.other.current_text()}” into “{self.keep.current_text()}”? "
                          "This cannot be undone, but nothing of either is lost.",
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("mergeConfirmation")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton("Merge", QMessageBox.ButtonRole.AcceptRole).setObjectName("confirmMerge")
        return box

    def merge(self) -> None:
        keep, other = self.keep.current_id(), self.other.current_id()
        if keep is None or other is None:
            return
        box = self.confirmation()
        box.exec()
        if box.buttonRole(box.clickedButton()) != QMessageBox.ButtonRole.AcceptRole:
            return
        outcome = self.ctx.run(self, merge_contacts, self.ctx.clock, keep, other,
                               self.ctx.prefs.phone_region)
        if outcome is not None:
            self.merged_into = keep
            self.accept()
