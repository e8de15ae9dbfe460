"""The history pane: the entries newest first, with add / edit / delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from organizer.interactions import delete_interaction, edit_interaction, log_interaction
from ui.contacts.history_model import HistoryTableModel

if TYPE_CHECKING:  # the dialogs are imported when first opened
    from ui.contacts.dialog import InteractionDialog


class HistoryPane(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = HistoryTableModel(ctx, self)
        self.view = QTableView(self)
        self.view.setObjectName("historyView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((150, 70, 70, 100)):
            self.view.setColumnWidth(column, width)
        self.view.setWordWrap(False)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        for text, name, slot in (("&Add entry…", "histAdd", self.add_entry),
                                 ("Ed&it…", "histEdit", self.edit_selected),
                                 ("Delete entry…", "histDelete", self.delete_selected)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def load(self, contact_id: int | None) -> None:
        self.model.load(contact_id)
        self.setEnabled(contact_id is not None)

    def reload(self) -> None:
        """Re-read after a change, keeping the selected entry selected."""
        selected = self.selected_row()
        self.model.reload()
        if selected is not None:
            for row, entry in enumerate(self.model.rows):
                if entry.id == selected.id:
                    self.view.selectRow(row)
                    break

    def selected_row(self):
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def add_entry(self) -> InteractionDialog | None:
        from ui.contacts.dialog import InteractionDialog

        contact_id = self.model.contact_id
        if contact_id is None:
            return None
        dialog = InteractionDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self.ctx.run(
            self.window(), log_interaction, self.ctx.clock, contact_id, **dialog.values()))
        dialog.open()
        return dialog

    def edit_selected(self) -> InteractionDialog | None:
        from ui.contacts.dialog import InteractionDialog

        row = self.selected_row()
        if row is None:
            return None
        dialog = InteractionDialog(self.ctx, self, row)
        dialog.accepted.connect(lambda: self.ctx.run(
            self.window(), edit_interaction, self.ctx.clock, row.id, **dialog.values()))
        dialog.open()
        return dialog

    def delete_selected(self) -> QMessageBox | None:
        row = self.selected_row()
        if row is None:
            return None
        when = row.happened_at.astimezone(self.ctx.clock.tz).strftime("%d %b %Y %H:%M")
        box = QMessageBox(QMessageBox.Icon.Question, "Delete history entry",
                          f"Delete the {row.channel} entry of {when}? This cannot be undone.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = QMessageBox.StandardButton.Yes
        box.buttonClicked.connect(lambda button: box.standardButton(button) == yes and self.ctx.run(
            self.window(), delete_interaction, self.ctx.clock, row.id))
        box.open()
        return box
