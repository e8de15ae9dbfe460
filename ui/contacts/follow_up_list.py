"""A contact's open follow-ups with done / snooze / reschedule / cancel. Done asks for
the next step in the same flow."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from organizer.agenda import AgendaItem, open_follow_ups
from organizer.followups import cancel, complete, reschedule, schedule_follow_up, snooze
from organizer.models import OPEN_STAGES
from organizer.reminders import SNOOZE_PRESETS, snooze_until
from ui.widgets.plain import one_line, tooltip

if TYPE_CHECKING:  # the dialog is imported when first opened
    from ui.contacts.dialog import NextStepDialog

ID_ROLE = Qt.ItemDataRole.UserRole


def describe_due(item: AgendaItem, rep_zone: str) -> str:
    day = item.due_date.strftime("%a %d %b %Y")
    text = f"{day} {item.due_time.strftime('%H:%M')}" if item.due_time else f"{day}, any time"
    if item.time_zone != rep_zone:
        text += f" ({item.time_zone})"
    return text


class FollowUpList(QWidget):
    dialog_opened = Signal(object)  # the NextStepDialog, for tests and the window

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id: int | None = None
        self.stage = ""
        self.items: list[AgendaItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("followUpList")
        self.tree.setHeaderLabels(["Due", "Kind", "What for"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 200)
        self.tree.setColumnWidth(1, 70)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.tree)
        buttons = QHBoxLayout()
        self.done_button = self._button("&Done…", "fuDone", self.start_done, buttons)
        self.snooze_button = self._button("Sn&ooze", "fuSnooze", None, buttons)
        menu = QMenu(self.snooze_button)
        for preset in SNOOZE_PRESETS:
            menu.addAction(preset, lambda p=preset: self.snooze_selected(p))
        self.snooze_button.setMenu(menu)
        self.reschedule_button = self._button("&Reschedule…", "fuReschedule", self.start_reschedule,
                                              buttons)
        self.cancel_button = self._button("Cancel follow-up", "fuCancel", self.cancel_selected,
                                          buttons)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._update_buttons()

    def _button(self, text, name, slot, layout) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        if slot:
            button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def load(self, contact_id: int | None, stage: str = "") -> None:
        self.contact_id, self.stage = contact_id, stage
        selected = self.selected_id()
        self.items = [] if contact_id is None else open_follow_ups(self.ctx.db, contact_id)
        self.tree.clear()
        now = self.ctx.clock.now()
        for item in self.items:
            row = QTreeWidgetItem([describe_due(item, self.ctx.clock.zone_name), item.kind,
                                   one_line(item.reason)])
            row.setData(0, ID_ROLE, item.follow_up_id)
            row.setToolTip(2, tooltip(item.reason))
            if item.late_at <= now:
                for col in range(3):
                    row.setForeground(col, QBrush(QColor("#b3261e")))
                row.setText(0, row.text(0) + "  overdue")
            elif item.snoozed_until is not None and item.snoozed_until > now:
                local = item.snoozed_until.astimezone(self.ctx.clock.tz)
                row.setText(0, row.text(0) + f"  (snoozed to {local:%a %H:%M})")
            self.tree.addTopLevelItem(row)
            if item.follow_up_id == selected:
                self.tree.setCurrentItem(row)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def selected_id(self) -> int | None:
        row = self.tree.currentItem()
        return None if row is None else row.data(0, ID_ROLE)

    def _selected_item(self) -> AgendaItem | None:
        fid = self.selected_id()
        return next((i for i in self.items if i.follow_up_id == fid), None)

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for button in (self.done_button, self.snooze_button, self.reschedule_button,
                       self.cancel_button):
            button.setEnabled(has)

    # -- actions -------------------------------------------------------------------
    def start_done(self) -> NextStepDialog | None:
        item = self._selected_item()
        if item is None:
            return None
        question = f"Done: {item.reason or item.kind}.\nWhat is the next step with {item.name}?"
        others = len(self.items) > 1
        if self.stage in OPEN_STAGES and not others:
            question += "\nA prospect should never be left without one."
        from ui.contacts.dialog import NextStepDialog

        dialog = NextStepDialog(self.ctx, question, self)
        dialog.editor.reset("planned")
        dialog.accepted.connect(lambda: self._finish_done(item, dialog))
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _finish_done(self, item: AgendaItem, dialog: NextStepDialog) -> None:
        if self.ctx.run(self.window(), complete, self.ctx.clock, item.follow_up_id) is None:
            return
        if dialog.next_when is not None:
            self.ctx.run(self.window(), schedule_follow_up, self.ctx.clock, self.ctx.prefs,
                         item.contact_id, dialog.next_when, kind=dialog.editor.kind(),
                         reason=dialog.editor.reason_text())

    def start_reschedule(self) -> NextStepDialog | None:
        item = self._selected_item()
        if item is None:
            return None
        from ui.contacts.dialog import NextStepDialog

        dialog = NextStepDialog(self.ctx, f"New time for: {item.reason or item.kind}", self,
                                reschedule=True)
        from organizer.when import When

        dialog.editor.set_when(When(item.due_date, item.due_time))
        dialog.accepted.connect(lambda: self.ctx.run(
            self.window(), reschedule, self.ctx.clock, self.ctx.prefs, item.follow_up_id,
            dialog.next_when))
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def snooze_selected(self, preset: str) -> None:
        fid = self.selected_id()
        if fid is None:
            return
        until: dt.datetime = snooze_until(preset, self.ctx.clock, self.ctx.prefs)
        self.ctx.run(self.window(), snooze, self.ctx.clock, fid, until)

    def cancel_selected(self) -> None:
        fid = self.selected_id()
        if fid is not None:
            self.ctx.run(self.window(), cancel, self.ctx.clock, fid)
