"""Placeholder page until its issue lands; the main window composes it already."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class TodayPage(QWidget):
    contact_open_requested = Signal(int)
    quick_log_requested = Signal(int)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todayView")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Coming soon.", self))
