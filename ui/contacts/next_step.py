"""The next step: quick picks, a date/time picker, and a text field read by
organizer.when.parse_when that says what it understood before anything is saved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from organizer.errors import UserError
from organizer.models import FOLLOWUP_KINDS
from organizer.when import When, parse_when
from organizer.workdays import QUICK_PICKS, quick_pick
from ui.widgets.plain import plain_label

KIND_LABELS = {"promised": "Promised (they asked)", "planned": "Planned (my next step)",
               "check-in": "Check-in (waiting on them)"}


class NextStepEditor(QWidget):
    changed = Signal()

    def __init__(self, ctx, parent=None, *, optional: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("nextStep")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.enabled_box = QCheckBox("&Next step", self)
        self.enabled_box.setObjectName("nextEnabled")
        self.enabled_box.setChecked(True)
        self.enabled_box.setVisible(optional)
        self.enabled_box.toggled.connect(self._enable)
        picks = QHBoxLayout()
        self.pick_buttons = []
        for pick in QUICK_PICKS:
            button = QPushButton(pick, self)
            button.setObjectName("pick" + pick.replace(" ", "").replace("+", "Plus"))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, p=pick: self.apply_pick(p))
            picks.addWidget(button)
            self.pick_buttons.append(button)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("nextDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd dd MMM yyyy")
        self.time_box = QCheckBox("at", self)
        self.time_box.setObjectName("nextHasTime")
        self.time_edit = QTimeEdit(self)
        self.time_edit.setObjectName("nextTime")
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setEnabled(False)
        self.time_box.toggled.connect(self.time_edit.setEnabled)
        for widget in (self.date_edit, self.time_edit):
            widget.editingFinished.connect(self._picked)
        self.time_box.toggled.connect(self._picked)
        self.text = QLineEdit(self)
        self.text.setObjectName("nextWhen")
        self.text.setPlaceholderText('or type "next tue 3pm", "in a week", "tomorrow 9am"')
        self.text.textChanged.connect(self._read_text)
        self.understood = plain_label("", self, name="nextUnderstood")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("nextKind")
        for kind in FOLLOWUP_KINDS:
            self.kind_combo.addItem(KIND_LABELS[kind], kind)
        self.kind_combo.setCurrentIndex(FOLLOWUP_KINDS.index("planned"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("nextReason")
        self.reason.setPlaceholderText("What for (e.g. send the revised quote)")
        grid.addWidget(self.enabled_box, 0, 0, 1, 3)
        grid.addLayout(picks, 1, 0, 1, 3)
        grid.addWidget(self.date_edit, 2, 0)
        grid.addWidget(self.time_box, 2, 1)
        grid.addWidget(self.time_edit, 2, 2)
        grid.addWidget(self.text, 3, 0, 1, 3)
        grid.addWidget(self.understood, 4, 0, 1, 3)
        grid.addWidget(self.kind_combo, 5, 0)
        grid.addWidget(self.reason, 5, 1, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        self.reset()

    # -- state ---------------------------------------------------------------------
    def reset(self, kind: str = "planned") -> None:
        self.text.clear()
        self.reason.clear()
        self.enabled_box.setChecked(True)
        self.kind_combo.setCurrentIndex(FOLLOWUP_KINDS.index(kind))
        self.set_when(When(quick_pick(self.ctx.clock.today(), "+3 days", self.ctx.prefs), None))
        self.understood.setText("")

    def set_when(self, when: When) -> None:
        for widget in (self.date_edit, self.time_edit, self.time_box):
            widget.blockSignals(True)
        self.date_edit.setDate(QDate(when.date.year, when.date.month, when.date.day))
        self.time_box.setChecked(when.time is not None)
        self.time_edit.setEnabled(when.time is not None)
        if when.time is not None:
            self.time_edit.setTime(QTime(when.time.hour, when.time.minute))
        for widget in (self.date_edit, self.time_edit, self.time_box):
            widget.blockSignals(False)

    def apply_pick(self, pick: str) -> None:
        self.text.blockSignals(True)
        self.text.clear()
        self.text.blockSignals(False)
        self.set_when(When(quick_pick(self.ctx.clock.today(), pick, self.ctx.prefs), None))
        self._show(self.picked_when())
        self.changed.emit()

    def _enable(self, on: bool) -> None:
        for widget in (self.date_edit, self.time_box, self.text, self.kind_combo, self.reason,
                       *self.pick_buttons):
            widget.setEnabled(on)
        self.time_edit.setEnabled(on and self.time_box.isChecked())
        self.understood.setText("" if on else "No next step will be scheduled.")

    def _picked(self) -> None:
        # The rep chose on the picker: the typed words no longer describe it.
        self.text.blockSignals(True)
        self.text.clear()
        self.text.blockSignals(False)
        self._show(self.picked_when())
        self.changed.emit()

    def _read_text(self, text: str) -> None:
        if not text.strip():
            self.understood.setText("")
            return
        try:
            when = parse_when(text, self.ctx.clock.local_now())
        except UserError as exc:
            self.understood.setText(exc.message)
            self.understood.setProperty("problem", True)
            return
        self.set_when(when)
        self._show(when)
        self.changed.emit()

    def _show(self, when: When) -> None:
        self.understood.setProperty("problem", False)
        self.understood.setText("→ " + when.describe())

    # -- reading -------------------------------------------------------------------
    def picked_when(self) -> When:
        qdate = self.date_edit.date()
        day = dt.date(qdate.year(), qdate.month(), qdate.day())
        time = None
        if self.time_box.isChecked():
            qtime = self.time_edit.time()
            time = dt.time(qtime.hour(), qtime.minute())
        return When(day, time)

    def when(self) -> When | None:
        """The next step's time, None when there is none; UserError when the typed
        words cannot be read."""
        if not self.enabled_box.isChecked():
            return None
        if self.text.text().strip():
            return parse_when(self.text.text(), self.ctx.clock.local_now())
        return self.picked_when()

    def kind(self) -> str:
        return self.kind_combo.currentData()

    def reason_text(self) -> str:
        return self.reason.text()
