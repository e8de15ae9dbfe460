"""Calendar: the month grid (or a week) on the left, the selected day's agenda on the
right. A follow-up moves to another day by dragging it onto that day, or from the
keyboard (Alt+Left/Right: a day, Alt+Up/Down: a week); its time of day is kept.
Another time: Reschedule (F2)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from organizer.followups import move_to_day
from ui.calendar.agenda_models import ITEM_ROLE, DayAgendaTableModel, WeekTableModel
from ui.calendar.month_model import MonthTableModel

TICK_MS = 60_000
MOVES = ((Qt.Key.Key_Left, -1), (Qt.Key.Key_Right, 1), (Qt.Key.Key_Up, -7), (Qt.Key.Key_Down, 7))


def _drop_target(view: QTableView) -> None:
    view.setAcceptDrops(True)
    view.setDropIndicatorShown(True)
    view.setDragDropOverwriteMode(True)  # a drop lands on a day, never between days
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)


class CalendarPage(QWidget):
    contact_open_requested = Signal(int)
    quick_log_requested = Signal(int)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("calendarView")
        self.selected_day = ctx.clock.today()
        self._today = self.selected_day
        # The follow-ups are read when the page is first shown (the window opens on
        # Today, so start-up does not wait for a calendar nobody looked at yet).
        self.loaded = False

        self.month_model = MonthTableModel(ctx, self, load=False)
        self.month_view = QTableView(self)
        self.month_view.setObjectName("monthView")
        self.month_view.setModel(self.month_model)
        self.month_view.setShowGrid(False)
        self.month_view.verticalHeader().hide()
        self.month_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.month_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.month_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.month_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        _drop_target(self.month_view)
        self.month_model.move_requested.connect(self._dropped)

        self.week_model = WeekTableModel(ctx, self, load=False)
        self.week_view = QTableView(self)
        self.week_view.setObjectName("weekView")
        self.week_view.setModel(self.week_model)
        self.week_view.verticalHeader().hide()
        self.week_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.week_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.week_view.setDragEnabled(True)
        self.week_view.setWordWrap(False)
        self.week_view.verticalHeader().setDefaultSectionSize(
            self.week_view.fontMetrics().height() + 6)
        _drop_target(self.week_view)
        self.week_model.move_requested.connect(self._dropped)

        self.views = QTabWidget(self)
        self.views.setObjectName("calendarViews")
        self.views.addTab(self.month_view, "&Month")
        self.views.addTab(self.week_view, "&Week")
        self.views.currentChanged.connect(lambda _i: self._show_period())

        self.period = QLabel(self)
        self.period.setObjectName("calendarPeriod")
        font = self.period.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.period.setFont(font)
        previous = self._button("◀", lambda: self.step(-1), "Previous month or week (Page Up)")
        following = self._button("▶", lambda: self.step(1), "Next month or week (Page Down)")
        today = self._button("T&oday", self.go_today, "Back to today")
        previous.setShortcut(QKeySequence(Qt.Key.Key_PageUp))
        following.setShortcut(QKeySequence(Qt.Key.Key_PageDown))
        for button in (previous, following):
            button.setFixedWidth(36)
        nav = QHBoxLayout()
        nav.addWidget(previous)
        nav.addWidget(today)
        nav.addWidget(following)
        nav.addSpacing(12)
        nav.addWidget(self.period)
        nav.addStretch(1)

        self.agenda_model = DayAgendaTableModel(ctx, self)
        self.agenda_view = QTableView(self)
        self.agenda_view.setObjectName("dayAgenda")
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.verticalHeader().hide()
        self.agenda_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda_view.setDragEnabled(True)
        self.agenda_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.agenda_view.setWordWrap(False)
        self.agenda_view.setShowGrid(False)
        self.agenda_view.setAlternatingRowColors(True)
        self.agenda_view.verticalHeader().setDefaultSectionSize(
            self.agenda_view.fontMetrics().height() + 8)
        header = self.agenda_view.horizontalHeader()
        for column, width in enumerate((70, 55, 130, 140)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.agenda_view.activated.connect(lambda _i: self.open_selected())

        self.day_title = QLabel(self)
        self.day_title.setObjectName("dayTitle")
        title_font = self.day_title.font()
        title_font.setBold(True)
        self.day_title.setFont(title_font)
        hint = QLabel("Drag a follow-up onto another day, or Alt+←/→ (a day), Alt+↑/↓ (a week); "
                      "F2 for another time.", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        day_buttons = QHBoxLayout()
        for text, slot in (("&Reschedule…", self.reschedule_selected), ("&Log…", self.log_selected),
                           ("O&pen", self.open_selected)):
            day_buttons.addWidget(self._button(text, slot))
        day_buttons.addStretch(1)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(nav)
        left_layout.addWidget(self.views, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.day_title)
        right_layout.addWidget(self.agenda_view, 1)
        right_layout.addLayout(day_buttons)
        right_layout.addWidget(hint)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([660, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        for key, days in MOVES:
            action = QAction(self)
            action.setShortcut(QKeySequence(Qt.KeyboardModifier.AltModifier | key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, d=days: self.move_selected(d))
            self.addAction(action)
        reschedule_key = QAction(self)
        reschedule_key.setShortcut(QKeySequence(Qt.Key.Key_F2))
        reschedule_key.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reschedule_key.triggered.connect(self.reschedule_selected)
        self.addAction(reschedule_key)

        self.month_view.selectionModel().currentChanged.connect(self._month_clicked)
        self.week_view.selectionModel().currentChanged.connect(self._week_clicked)
        ctx.broadcaster.changed.connect(lambda _changes: self.refresh())
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def showEvent(self, event) -> None:
        self.ensure_loaded()
        super().showEvent(event)

    def ensure_loaded(self) -> None:
        """Read the follow-ups for the grid, the week and the day (once; later changes
        come through refresh)."""
        if self.loaded:
            return
        self.loaded = True
        # The grid's painter too: importing it sets up QStyle's types (a few ms).
        from ui.calendar.month_delegate import MonthCellDelegate

        self.month_view.setItemDelegate(MonthCellDelegate(self.month_view))
        self.month_model.reload()
        self.week_model.reload()
        self.select_day(self.selected_day)

    def _button(self, text: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        if tip:
            button.setToolTip(tip)
        return button

    # --- days ------------------------------------------------------------------------

    def select_day(self, day: dt.date, follow_up_id: int | None = None) -> None:
        """Show `day` in the grid, the week and the agenda (and keep a follow-up selected)."""
        if not self.loaded:
            self.selected_day = day
            self.ensure_loaded()
            if follow_up_id is not None:
                self.select_follow_up(follow_up_id)
            return
        self.selected_day = day
        if (day.year, day.month) != (self.month_model.month.year, self.month_model.month.month):
            self.month_model.set_month(day)
        week_start = day - dt.timedelta(days=day.weekday())
        if week_start != self.week_model.first:
            self.week_model.set_week_of(day)
        self.agenda_model.set_day(day, self.week_model.items_on(day))
        index = self.month_model.index_of(day)
        if index != self.month_view.currentIndex():
            self.month_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        count = self.agenda_model.total  # all of the day's, not just the rows read yet
        noun = "follow-up" if count == 1 else "follow-ups"
        self.day_title.setText(f"{day.strftime('%A %d %B %Y')} — {count:,} {noun}")
        if follow_up_id is not None:
            self.select_follow_up(follow_up_id)
        self._show_period()

    def _show_period(self) -> None:
        if self.views.currentWidget() is self.week_view:
            first = self.week_model.first
            last = first + dt.timedelta(days=6)
            self.period.setText(f"{first.strftime('%d %b')} – {last.strftime('%d %b %Y')}")
        else:
            self.period.setText(self.month_model.month.strftime("%B %Y"))

    def select_follow_up(self, follow_up_id: int) -> bool:
        row = self.agenda_model.row_of(follow_up_id)
        # Not among the rows read so far (one moved to a crowded day): read on to it.
        while row is None and self.agenda_model.canFetchMore(QModelIndex()):
            read = self.agenda_model.rowCount()
            self.agenda_model.fetchMore(QModelIndex())
            row = self.agenda_model.row_of(follow_up_id, read)
        if row is None:
            return False
        self.agenda_view.selectRow(row)
        self.agenda_view.setCurrentIndex(self.agenda_model.index(row, 0))
        week_index = self.week_model.index_of(follow_up_id)
        if week_index.isValid():
            self.week_view.selectionModel().setCurrentIndex(
                week_index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return True

    def _month_clicked(self, index: QModelIndex, _previous=None) -> None:
        if index.isValid() and self.month_model.date_at(index) != self.selected_day:
            self.select_day(self.month_model.date_at(index))

    def _week_clicked(self, index: QModelIndex, _previous=None) -> None:
        if not index.isValid():
            return
        item = self.week_model.item_at(index)
        day = self.week_model.date_of(index.column())
        if day != self.selected_day:
            self.select_day(day, item.follow_up_id if item else None)
        elif item is not None:
            self.select_follow_up(item.follow_up_id)

    def step(self, direction: int) -> None:
        if self.views.currentWidget() is self.week_view:
            self.select_day(self.selected_day + dt.timedelta(days=7 * direction))
            return
        month = self.month_model.month
        year, number = divmod(month.month - 1 + direction, 12)
        self.select_day(dt.date(month.year + year, number + 1, 1))

    def go_today(self) -> None:
        self.select_day(self.ctx.clock.today())

    def tick(self) -> None:
        """At midnight, today's mark and overdue days move on."""
        if self.ctx.clock.today() != self._today:
            self._today = self.ctx.clock.today()
            self.refresh()

    def refresh(self) -> None:
        if not self.loaded:
            self.selected_day = self._today  # read fresh when first shown
            return
        kept = self.selected_item()
        self.month_model.reload()
        self.week_model.reload()
        self.select_day(self.selected_day, kept.follow_up_id if kept else None)

    # --- follow-ups ------------------------------------------------------------------

    def selected_item(self):
        if self.views.currentWidget() is self.week_view and self.week_view.hasFocus():
            item = self.week_model.item_at(self.week_view.currentIndex())
            if item is not None:
                return item
        index = self.agenda_view.currentIndex()
        return index.siblingAtColumn(0).data(ITEM_ROLE) if index.isValid() else None

    def _dropped(self, ids: list[int], day: dt.date) -> None:
        # Not inside the drop: moving resets the models Qt is still dropping into.
        QTimer.singleShot(0, lambda: self.move_follow_ups(ids, day))

    def move_follow_ups(self, ids: list[int], day: dt.date) -> None:
        """Move dropped follow-ups to `day`, each keeping its time of day."""
        for follow_up_id in ids:
            if self.ctx.run(self, move_to_day, self.ctx.clock, self.ctx.prefs,
                            follow_up_id, day) is None:
                return
        self.select_day(day, ids[0] if ids else None)

    def move_selected(self, days: int) -> None:
        item = self.selected_item()
        if item is None:
            return
        focus = self.focusWidget()
        # The item's own day in the rep's zone, so a move goes where the grid shows it.
        shown = item.due_at.astimezone(self.ctx.clock.tz).date()
        target = item.due_date + dt.timedelta(days=days)
        if self.ctx.run(self, move_to_day, self.ctx.clock, self.ctx.prefs,
                        item.follow_up_id, target) is not None:
            self.select_day(shown + dt.timedelta(days=days), item.follow_up_id)
            if focus is not None:
                focus.setFocus()

    def reschedule_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            from ui.today.reschedule_dialog import RescheduleDialog

            dialog = RescheduleDialog(self.ctx, item, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def log_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.quick_log_requested.emit(item.contact_id)

    def open_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.contact_open_requested.emit(item.contact_id)
