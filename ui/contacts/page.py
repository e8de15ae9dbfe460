"""Placeholder page until the main-window issue lands."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ContactsPage(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Coming soon.", self))

    def show_contact(self, contact_id: int) -> None:
        pass

    def start_quick_log(self) -> None:
        pass
