"""Pick the day of a call sheet: today by default, any day from the calendar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class DayDialog(QDialog):
    def __init__(self, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Call sheet for which day?")
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("callSheetCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.activated.connect(self.accept)  # double-click or Enter picks the day
        hint = QLabel("The sheet lists that day's calls, plus everything overdue by then.", self)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def day(self) -> dt.date:
        return self.calendar.selectedDate().toPython()
