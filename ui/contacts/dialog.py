"""The contact page's dialogs: new contact, a history entry, the next step after a
follow-up is done (or a new time for it), and picking the "referred by" contact.
They are opened with open(), so the window (and a test) keeps running meanwhile."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
)

from organizer.clock import UTC
from organizer.contact_list import choices
from organizer.contacts import ContactData, validate
from organizer.errors import UserError
from organizer.models import CHANNELS, OUTCOMES, STAGES
from ui.contacts.next_step import NextStepEditor
from ui.widgets.plain import plain_label


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                           dialog)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _problem_label(dialog: QDialog):
    label = plain_label("", dialog, name="problem")
    label.setStyleSheet("color: #b3261e")
    label.setWordWrap(True)
    return label


class NewContactDialog(QDialog):
    """Ctrl+N: the few fields that make a contact; the rest is edited on the record."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("newContactDialog")
        self.setWindowTitle("New contact")
        form = QFormLayout(self)
        self.first = QLineEdit(self)
        self.last = QLineEdit(self)
        self.company = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.stage = QComboBox(self)
        self.stage.addItems(list(STAGES))
        for name, widget, label in (("newFirst", self.first, "&First name"),
                                    ("newLast", self.last, "&Last name"),
                                    ("newCompany", self.company, "&Company"),
                                    ("newPhone", self.phone, "&Phone"),
                                    ("newEmail", self.email, "&E-mail"),
                                    ("newStage", self.stage, "&Stage")):
            widget.setObjectName(name)
            form.addRow(label, widget)
        self.problem = _problem_label(self)
        form.addRow(self.problem)
        form.addRow(_buttons(self, "Add contact"))
        self.data: ContactData | None = None

    def contact_data(self) -> ContactData:
        phones = (("work", self.phone.text()),) if self.phone.text().strip() else ()
        emails = (("work", self.email.text()),) if self.email.text().strip() else ()
        return ContactData(first_name=self.first.text(), last_name=self.last.text(),
                           company=self.company.text(), phones=phones, emails=emails,
                           stage=self.stage.currentText())

    def accept(self) -> None:
        data = self.contact_data()
        try:
            validate(data, self.ctx.prefs.phone_region)
        except UserError as exc:
            self.problem.setText(exc.message)
            return
        self.data = data
        super().accept()


class InteractionDialog(QDialog):
    """Add or edit one history entry."""

    def __init__(self, ctx, parent=None, row=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("interactionDialog")
        self.setWindowTitle("Edit history entry" if row else "Add to history")
        form = QFormLayout(self)
        self.channel = QComboBox(self)
        self.channel.addItems(list(CHANNELS))
        self.direction = QComboBox(self)
        self.direction.addItem("outbound", "out")
        self.direction.addItem("inbound", "in")
        self.outcome = QComboBox(self)
        self.outcome.addItems(list(OUTCOMES))
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd dd MMM yyyy HH:mm")
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("entryNotes")
        self.notes.setTabChangesFocus(True)
        form.addRow("&Channel", self.channel)
        form.addRow("&Direction", self.direction)
        form.addRow("&Outcome", self.outcome)
        form.addRow("&When", self.when)
        form.addRow("&Notes", self.notes)
        form.addRow(_buttons(self, "Save"))
        local = (row.happened_at if row else ctx.clock.now()).astimezone(ctx.clock.tz)
        self.when.setDateTime(QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0))
        if row:
            self.channel.setCurrentText(row.channel)
            self.direction.setCurrentIndex(0 if row.direction == "out" else 1)
            self.outcome.setCurrentText(row.outcome)
            self.notes.setPlainText(row.notes)

    def values(self) -> dict:
        qdt = self.when.dateTime()
        qd, qt = qdt.date(), qdt.time()
        local = dt.datetime(qd.year(), qd.month(), qd.day(), qt.hour(), qt.minute(),
                            tzinfo=self.ctx.clock.tz)
        return dict(channel=self.channel.currentText(), direction=self.direction.currentData(),
                    outcome=self.outcome.currentText(), notes=self.notes.toPlainText(),
                    happened_at=local.astimezone(UTC))


class NextStepDialog(QDialog):
    """Done with a follow-up: what is the next step? Also used to pick a new time."""

    def __init__(self, ctx, question: str, parent=None, *, reschedule: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("nextStepDialog")
        self.setWindowTitle("Reschedule" if reschedule else "Done: what's next?")
        layout = QVBoxLayout(self)
        self.question = plain_label(question, self, name="question")
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.editor = NextStepEditor(ctx, self, optional=not reschedule)
        if reschedule:
            self.editor.kind_combo.hide()
            self.editor.reason.hide()
        layout.addWidget(self.editor)
        self.problem = _problem_label(self)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, "Reschedule" if reschedule else "Done"))
        self.next_when = None

    def accept(self) -> None:
        try:
            self.next_when = self.editor.when()
        except UserError as exc:
            self.problem.setText(exc.message)
            return
        super().accept()


class ReferrerDialog(QDialog):
    """Pick the contact who referred this one, by searching (there may be 100,000)."""

    def __init__(self, ctx, exclude: int | None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.exclude = exclude
        self.setObjectName("referrerDialog")
        self.setWindowTitle("Referred by")
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("referrerSearch")
        self.search.setPlaceholderText("Search by name, company, e-mail or phone")
        self.results = QListWidget(self)
        self.results.setObjectName("referrerResults")
        self.results.setUniformItemSizes(True)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(_buttons(self, "Choose"))
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.chosen: int | None = None
        self.refresh()

    def refresh(self) -> None:
        self.results.clear()
        for choice in choices(self.ctx.db, self.search.text(), now=self.ctx.clock.now(),
                              zone_name=self.ctx.clock.zone_name, exclude=self.exclude):
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice.contact_id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        super().accept()
