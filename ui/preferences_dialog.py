"""The rep's own settings (kept in the database): their name for the call sheet, their
time zone, the working day, when a prospect counts as quiet, and the reminder lead.
Every field starts from organizer.preferences' defaults."""

from __future__ import annotations

import datetime as dt
from zoneinfo import available_timezones

from PySide6.QtCore import QTime
from PySide6.QtGui import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from organizer.calendar_queries import rearm_reminders
from organizer.clock import local_zone_name, zone
from organizer.models import OPEN_STAGES
from organizer.preferences import Preferences, save_preferences

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _qtime(text: str) -> QTime:
    value = dt.time.fromisoformat(text)
    return QTime(value.hour, value.minute)


class PreferencesDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        prefs: Preferences = ctx.prefs

        self.rep_name = QLineEdit(prefs.rep_name, self)
        self.rep_name.setObjectName("prefRepName")
        self.rep_name.setPlaceholderText("Printed on the call sheet")
        self.time_zone = QComboBox(self)
        self.time_zone.setObjectName("prefTimeZone")
        self.time_zone.setEditable(True)
        self.time_zone.addItem(f"This computer's zone ({local_zone_name()})", None)
        for name in sorted(available_timezones()):
            self.time_zone.addItem(name, name)
        self.time_zone.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.time_zone.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.time_zone.setCurrentIndex(max(self.time_zone.findData(prefs.time_zone), 0))

        self.day_start = QTimeEdit(_qtime(prefs.workday_start), self)
        self.day_end = QTimeEdit(_qtime(prefs.workday_end), self)
        for edit in (self.day_start, self.day_end):
            edit.setDisplayFormat("HH:mm")
        hours = QHBoxLayout()
        hours.addWidget(self.day_start)
        hours.addWidget(QLabel("to", self))
        hours.addWidget(self.day_end)
        hours.addStretch(1)
        self.weekday_boxes = []
        days = QHBoxLayout()
        for number, name in enumerate(WEEKDAYS):
            box = QCheckBox(name, self)
            box.setChecked(number in prefs.workdays)
            self.weekday_boxes.append(box)
            days.addWidget(box)
        days.addStretch(1)

        self.lead = QSpinBox(self)
        self.lead.setObjectName("prefReminderLead")
        self.lead.setRange(0, 240)
        self.lead.setSingleStep(5)
        self.lead.setSuffix(" min before")
        self.lead.setSpecialValueText("at the time")
        self.lead.setValue(prefs.reminder_lead_minutes)
        self.lead.setMaximumWidth(self.lead.sizeHint().width() + 20)

        self.start_hidden = QCheckBox("Start &hidden in the tray", self)
        self.start_hidden.setObjectName("prefStartHidden")
        self.start_hidden.setChecked(prefs.start_hidden)
        self.start_at_login = QCheckBox("Start when I &log in", self)
        self.start_at_login.setObjectName("prefStartAtLogin")
        self.start_at_login.setChecked(prefs.start_at_login)

        form = QFormLayout()
        form.addRow("Your &name:", self.rep_name)
        form.addRow("Your &time zone:", self.time_zone)
        hours_label = QLabel("Working &hours:", self)
        hours_label.setBuddy(self.day_start)
        form.addRow(hours_label, hours)
        form.addRow("Working days:", days)
        form.addRow("&Remind me:", self.lead)
        form.addRow("", self.start_hidden)
        form.addRow("", self.start_at_login)

        quiet = QGroupBox("A prospect is quiet after this many days without a touch", self)
        quiet_form = QFormLayout(quiet)
        quiet_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.quiet_spins: dict[str, QSpinBox] = {}
        for stage in OPEN_STAGES:
            spin = QSpinBox(quiet)
            spin.setRange(0, 365)
            spin.setSuffix(" days")
            spin.setSpecialValueText("never")
            spin.setValue(prefs.quiet_days_for(stage) or 0)
            self.quiet_spins[stage] = spin
            quiet_form.addRow(f"{stage.capitalize()}:", spin)

        self.problem = QLabel(self)
        self.problem.setObjectName("prefProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #a4262c;")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(quiet)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def chosen_zone(self) -> str | None:
        text = self.time_zone.currentText().strip()
        index = self.time_zone.findText(text)
        if index >= 0:
            return self.time_zone.itemData(index)
        zone(text)  # raises ValueError with a plain sentence
        return text

    def values(self) -> dict:
        """The settings as typed; raises ValueError naming what to fix."""
        start = self.day_start.time().toString("HH:mm")
        end = self.day_end.time().toString("HH:mm")
        if end <= start:
            raise ValueError("The working day must end after it starts.")
        workdays = tuple(n for n, box in enumerate(self.weekday_boxes) if box.isChecked())
        if not workdays:
            raise ValueError("Tick at least one working day.")
        return {
            "rep_name": " ".join(self.rep_name.text().split()),
            "time_zone": self.chosen_zone(),
            "workday_start": start,
            "workday_end": end,
            "workdays": workdays,
            "quiet_days": {stage: spin.value() for stage, spin in self.quiet_spins.items()},
            "reminder_lead_minutes": self.lead.value(),
            "start_hidden": self.start_hidden.isChecked(),
            "start_at_login": self.start_at_login.isChecked(),
        }

    def accept(self) -> None:
        try:
            values = self.values()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        before = self.ctx.prefs
        if self.ctx.run(self, save_preferences, **values) is None:
            return
        after = self.ctx.prefs
        if (before.reminder_lead_minutes, before.workday_start) != (
                after.reminder_lead_minutes, after.workday_start):
            # Reminders were derived from the old lead time and day start.
            self.ctx.run(self, rearm_reminders, after)
        super().accept()
