"""The reminder window: everything due and not yet handled, with Call, Log, Done,
Snooze and Open. It is also where a reminder lands when no notification or tray
works, so it can never be silent."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from organizer import APP_TITLE, phones
from organizer.clock import UTC, Clock, zone
from organizer.reminders import Reminder, format_time

COLUMNS = ("Due", "Contact", "Company", "Phone", "About")
SNOOZE_CHOICES = (("10 minutes", "10 minutes"), ("1 hour", "1 hour"),
                  ("Tomorrow morning", "tomorrow morning"))


def due_words(rem: Reminder, rep_zone: str, now: dt.datetime) -> str:
    local = rem.due_at.astimezone(zone(rep_zone))
    today = now.astimezone(zone(rep_zone)).date()
    day = "" if rem.due_date == today else rem.due_date.strftime("%a %d %b") + " "
    if rem.due_time is None:
        return (day or "Today ").strip() + ", any time"
    return f"{day}{format_time(local.time())}"


class PickTimeDialog(QDialog):
    """"Pick a time" for a snooze."""

    def __init__(self, start: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Snooze until")
        self.edit = QDateTimeEdit(QDateTime(start.replace(tzinfo=None)), self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)

    def chosen(self, tz) -> dt.datetime:
        naive = self.edit.dateTime().toPython()
        return naive.replace(tzinfo=tz).astimezone(UTC)


class ReminderWindow(QWidget):
    call_requested = Signal(int)  # contact id
    quick_log_requested = Signal(int)  # contact id
    done_requested = Signal(list)  # follow-up ids
    snooze_requested = Signal(list, str)  # follow-up ids, preset of organizer.reminders
    snooze_until_requested = Signal(list, object)  # follow-up ids, aware datetime
    contact_open_requested = Signal(int)

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reminderWindow")
        self.setWindowTitle(f"Reminders — {APP_TITLE}")
        self.clock = clock
        self.phone_region = "US"  # the controller keeps it in step with the preferences
        self.resize(900, 380)
        self.banner = QLabel(self)
        self.banner.setObjectName("reminderBanner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("font-weight: bold; padding: 4px;")
        self.list = QTreeWidget(self)
        self.list.setObjectName("reminderList")
        self.list.setHeaderLabels(COLUMNS)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._enable)
        self.list.itemDoubleClicked.connect(lambda *_: self._open())
        for index, width in enumerate((170, 160, 160, 150)):
            self.list.setColumnWidth(index, width)
        self.call_button = self._button("&Call", self._call)
        self.log_button = self._button("&Log…", self._log)
        self.done_button = self._button("&Done", self._done)
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText("&Snooze")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        for label, preset in SNOOZE_CHOICES:
            menu.addAction(label, lambda p=preset: self._snooze(p))
        menu.addAction("Pick a time…", self._pick_time)
        self.snooze_button.setMenu(menu)
        self.open_button = self._button("&Open", self._open)
        buttons = QHBoxLayout()
        for widget in (self.call_button, self.log_button, self.done_button, self.snooze_button,
                       self.open_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.items: list[Reminder] = []
        self.set_message("")
        self._enable()

    @property
    def rep_zone(self) -> str:
        return self.clock.zone_name

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        return button

    def set_message(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def set_items(self, items: list[Reminder], now: dt.datetime) -> None:
        """Show `items`, keeping the selection by follow-up id."""
        selected = set(self.selected_ids())
        self.items = list(items)
        self.list.clear()
        for rem in self.items:
            about = " ".join(rem.reason.split()) or rem.kind
            phone = phones.display(rem.phone, self.phone_region) if rem.phone else ""
            row = QTreeWidgetItem([due_words(rem, self.rep_zone, now), rem.name, rem.company,
                                   phone, about])
            row.setData(0, Qt.ItemDataRole.UserRole, rem.follow_up_id)
            self.list.addTopLevelItem(row)
            row.setSelected(rem.follow_up_id in selected)
        if self.items and not self.list.selectedItems():
            self.list.topLevelItem(0).setSelected(True)
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._enable()

    def selected(self) -> list[Reminder]:
        by_id = {r.follow_up_id: r for r in self.items}
        ids = [item.data(0, Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]
        return [by_id[i] for i in ids if i in by_id]

    def selected_ids(self) -> list[int]:
        return [r.follow_up_id for r in self.selected()]

    def _enable(self) -> None:
        chosen = self.selected()
        one = len(chosen) == 1
        self.call_button.setEnabled(one and bool(chosen[0].phone))
        self.log_button.setEnabled(one)
        self.open_button.setEnabled(one)
        self.done_button.setEnabled(bool(chosen))
        self.snooze_button.setEnabled(bool(chosen))

    def _call(self) -> None:
        if chosen := self.selected():
            self.call_requested.emit(chosen[0].contact_id)

    def _log(self) -> None:
        if chosen := self.selected():
            self.quick_log_requested.emit(chosen[0].contact_id)

    def _open(self) -> None:
        if chosen := self.selected():
            self.contact_open_requested.emit(chosen[0].contact_id)

    def _done(self) -> None:
        if ids := self.selected_ids():
            self.done_requested.emit(ids)

    def _snooze(self, preset: str) -> None:
        if ids := self.selected_ids():
            self.snooze_requested.emit(ids, preset)

    def _pick_time(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        tz = zone(self.rep_zone)
        start = (self.clock.now() + dt.timedelta(hours=2)).astimezone(tz)
        dialog = PickTimeDialog(start.replace(second=0, microsecond=0), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.snooze_until_requested.emit(ids, dialog.chosen(tz))

    def present(self) -> None:
        """Show and bring to the front."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
