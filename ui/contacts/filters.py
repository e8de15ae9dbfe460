"""The filter row above the contact list: stage, overdue, due today, no next step,
quiet for N days, tag, and the archive."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QSpinBox, QWidget

from organizer.contact_list import Filters, tag_names
from organizer.models import STAGES


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.stage = QComboBox(self)
        self.stage.setObjectName("filterStage")
        self.stage.addItem("Any stage", None)
        for stage in STAGES:
            self.stage.addItem(stage, stage)
        self.tag = QComboBox(self)
        self.tag.setObjectName("filterTag")
        self.overdue = QCheckBox("O&verdue", self)
        self.overdue.setObjectName("filterOverdue")
        self.due_today = QCheckBox("Due to&day", self)
        self.due_today.setObjectName("filterDueToday")
        self.no_next = QCheckBox("No ne&xt step", self)
        self.no_next.setObjectName("filterNoNextStep")
        self.quiet = QSpinBox(self)
        self.quiet.setObjectName("filterQuietDays")
        self.quiet.setRange(0, 999)
        self.quiet.setSpecialValueText("Quiet: any")
        self.quiet.setPrefix("Quiet ≥ ")
        self.quiet.setSuffix(" days")
        self.archived = QCheckBox("&Archive", self)
        self.archived.setObjectName("filterArchived")
        grid.addWidget(self.stage, 0, 0)
        grid.addWidget(self.tag, 0, 1)
        grid.addWidget(self.quiet, 0, 2)
        grid.addWidget(self.overdue, 1, 0)
        grid.addWidget(self.due_today, 1, 1)
        grid.addWidget(self.no_next, 1, 2)
        grid.addWidget(self.archived, 1, 3)
        self.reload_tags()
        for combo in (self.stage, self.tag):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in (self.overdue, self.due_today, self.no_next, self.archived):
            box.toggled.connect(lambda _on: self.changed.emit())
        self.quiet.valueChanged.connect(lambda _v: self.changed.emit())

    def reload_tags(self) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem("Any tag", None)
        for name in tag_names(self.ctx.db):
            self.tag.addItem(name, name)
        index = self.tag.findData(current)
        self.tag.setCurrentIndex(max(index, 0))
        self.tag.blockSignals(False)

    def filters(self) -> Filters:
        return Filters(stage=self.stage.currentData(), overdue=self.overdue.isChecked(),
                       due_today=self.due_today.isChecked(), no_next_step=self.no_next.isChecked(),
                       quiet_days=self.quiet.value() or None, tag=self.tag.currentData(),
                       archived=self.archived.isChecked())

    def clear(self) -> None:
        self.blockSignals(True)
        self.stage.setCurrentIndex(0)
        self.tag.setCurrentIndex(0)
        for box in (self.overdue, self.due_today, self.no_next, self.archived):
            box.setChecked(False)
        self.quiet.setValue(0)
        self.blockSignals(False)
