"""Move one follow-up to another day or time: type it ("next tue 3pm", "2026-12-01
15:00") or press a quick pick. Quick picks count working days and keep the time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organizer.agenda import AgendaItem
from organizer.errors import UserError
from organizer.followups import reschedule
from organizer.when import When, parse_when
from organizer.workdays import QUICK_PICKS, quick_pick


def when_text(when: When) -> str:
    """What the line edit shows for a date: ISO, which parse_when reads back exactly."""
    if when.time is None:
        return when.date.isoformat()
    return f"{when.date.isoformat()} {when.time.strftime('%H:%M')}"


class RescheduleDialog(QDialog):
    def __init__(self, ctx, item: AgendaItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item = item
        self.setObjectName("rescheduleDialog")
        self.setWindowTitle("Reschedule follow-up")
        layout = QVBoxLayout(self)
        who = f"{item.name} — {item.reason}" if item.reason else item.name
        title = QLabel(who, self)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        layout.addWidget(title)
        self.when_edit = QLineEdit(when_text(When(item.due_date, item.due_time)), self)
        self.when_edit.setObjectName("rescheduleWhen")
        self.when_edit.setPlaceholderText('"tomorrow 9am", "next tue 3pm", 2026-12-01 15:00')
        layout.addWidget(self.when_edit)
        picks = QHBoxLayout()
        self.pick_buttons: dict[str, QPushButton] = {}
        for pick in QUICK_PICKS:
            button = QPushButton(pick, self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, p=pick: self.apply_pick(p))
            picks.addWidget(button)
            self.pick_buttons[pick] = button
        layout.addLayout(picks)
        self.preview = QLabel(self)
        self.preview.setObjectName("reschedulePreview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.when_edit.textChanged.connect(self._update_preview)
        self._update_preview()

    def apply_pick(self, pick: str) -> None:
        day = quick_pick(self.ctx.clock.today(), pick, self.ctx.prefs)
        self.when_edit.setText(when_text(When(day, self.item.due_time)))

    def chosen(self) -> When:
        """The typed date; raises UserError when it cannot be read."""
        return parse_when(self.when_edit.text(), self.ctx.clock.local_now())

    def _update_preview(self) -> None:
        try:
            self.preview.setText(self.chosen().describe())
        except UserError as exc:
            self.preview.setText(exc.message)

    def accept(self) -> None:
        try:
            when = self.chosen()
        except UserError as exc:
            self.preview.setText(exc.message)
            return
        if self.ctx.run(self, reschedule, self.ctx.clock, self.ctx.prefs,
                        self.item.follow_up_id, when) is not None:
            super().accept()


