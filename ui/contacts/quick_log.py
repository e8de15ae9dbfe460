"""The quick log (Ctrl+L): log what just happened and set the next step, in one go."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
)

from organizer.errors import UserError
from organizer.followups import quick_log
from organizer.models import CHANNELS, OUTCOMES
from ui.contacts.next_step import NextStepEditor
from ui.widgets.plain import plain_label


class QuickLogPanel(QGroupBox):
    logged = Signal(int)  # contact id

    def __init__(self, ctx, parent=None) -> None:
        super().__init__("Quick log", parent)
        self.ctx = ctx
        self.contact_id: int | None = None
        self.setObjectName("quickLog")
        grid = QGridLayout(self)
        self.channel = QComboBox(self)
        self.channel.setObjectName("logChannel")
        self.channel.addItems(list(CHANNELS))
        self.direction = QComboBox(self)
        self.direction.setObjectName("logDirection")
        self.direction.addItem("outbound", "out")
        self.direction.addItem("inbound", "in")
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("logOutcome")
        self.outcome.addItems(list(OUTCOMES))
        self.note = QLineEdit(self)
        self.note.setObjectName("logNote")
        self.note.setPlaceholderText("What was said")
        self.next_step = NextStepEditor(ctx, self)
        self.problem = plain_label("", self, name="logProblem")
        self.problem.setStyleSheet("color: #b3261e")
        self.save_button = QPushButton("&Log it", self)
        self.save_button.setObjectName("logSave")
        self.save_button.clicked.connect(self.save)
        self.note.returnPressed.connect(self.save)
        grid.addWidget(plain_label("Channel", self), 0, 0)
        grid.addWidget(self.channel, 0, 1)
        grid.addWidget(self.direction, 0, 2)
        grid.addWidget(self.outcome, 0, 3)
        grid.addWidget(self.note, 1, 0, 1, 4)
        grid.addWidget(self.next_step, 2, 0, 1, 4)
        grid.addWidget(self.problem, 3, 0, 1, 3)
        grid.addWidget(self.save_button, 3, 3)
        self.setEnabled(False)

    def set_contact(self, contact_id: int | None, preferred_channel: str | None = None) -> None:
        if contact_id != self.contact_id:
            self.reset(preferred_channel)
        self.contact_id = contact_id
        self.setEnabled(contact_id is not None)

    def reset(self, preferred_channel: str | None = None) -> None:
        if preferred_channel in CHANNELS:
            self.channel.setCurrentText(preferred_channel)
        self.direction.setCurrentIndex(0)
        self.outcome.setCurrentIndex(0)
        self.note.clear()
        self.problem.clear()
        self.next_step.reset()

    def start(self) -> None:
        """Ctrl+L: put the cursor where the rep starts typing."""
        self.note.setFocus()
        self.note.selectAll()

    def save(self) -> bool:
        if self.contact_id is None:
            return False
        try:
            when = self.next_step.when()
        except UserError as exc:
            self.problem.setText(exc.message)
            self.next_step.text.setFocus()
            return False
        outcome = self.ctx.run(
            self.window(), quick_log, self.ctx.clock, self.ctx.prefs, self.contact_id,
            channel=self.channel.currentText(), direction=self.direction.currentData(),
            outcome=self.outcome.currentText(), notes=self.note.text(), next_when=when,
            next_kind=self.next_step.kind(), next_reason=self.next_step.reason_text())
        if outcome is None:
            return False
        self.problem.setText(outcome.warning or "")
        contact_id = self.contact_id
        self.reset(self.channel.currentText())
        self.logged.emit(contact_id)
        return True
