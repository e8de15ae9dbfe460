"""The selected day's agenda and the week at a glance; their rows can be dragged onto
another day. A day can hold thousands of follow-ups (an import, a backlog moved in one
go): the agenda reads them a page at a time as it scrolls, the week shows each day's
first ones and "… and N more"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Signal
from PySide6.QtGui import QColor, Qt

from organizer import agenda, phones
from organizer.agenda import AgendaItem
from organizer.calendar_queries import their_time
from organizer.clock import zone
from organizer.schedule import day_bounds
from organizer.workdays import is_working_day
from ui.calendar.month_model import MIME_TYPE, follow_up_mime, ids_from_mime
from ui.widgets.cell_fonts import bold_font
from ui.widgets.plain import cell_text, tooltip

ROOT = QModelIndex()  # the invalid index: Qt's default parent
ITEM_ROLE = Qt.ItemDataRole.UserRole + 10
LATE = QColor("#a4262c")
QUIET = QColor("#6b6b6b")
DAY_PAGE = 100  # the day's follow-ups read at a time (Qt asks for more as it scrolls)
WEEK_DAY_ROWS = 100  # per day in the week; the rest are in that day's agenda
KIND_WORDS = {"promised": "Promised", "check-in": "Check-in", "planned": "Planned"}


def time_text(item: AgendaItem, rep_zone: str) -> str:
    if item.due_time is None:
        return "any time"
    return item.due_at.astimezone(zone(rep_zone)).strftime("%H:%M")


def theirs_text(item: AgendaItem, rep_zone: str) -> str:
    return (their_time(item, rep_zone) or "").removesuffix(" their time")


def short_name(name: str) -> str:
    """'Olga R.' for a narrow week column; the tooltip has the full name."""
    words = name.split()
    if len(words) < 2:
        return name
    return f"{words[0]} {words[-1][0]}."


class _FollowUpModel(QAbstractTableModel):
    """Shared drag support: a row (or cell) stands for one follow-up."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def item_at(self, index: QModelIndex) -> AgendaItem | None:
        raise NotImplementedError

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.item_at(index) is not None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes):
        ids = []
        for index in indexes:
            item = self.item_at(index)
            if item is not None and item.follow_up_id not in ids:
                ids.append(item.follow_up_id)
        return follow_up_mime(ids)

    def supportedDragActions(self):
        return Qt.DropAction.MoveAction

    def _late(self, item: AgendaItem) -> bool:
        return item.late_at <= self.ctx.clock.now()


class DayAgendaTableModel(_FollowUpModel):
    COLUMNS = ("Time", "Theirs", "Name", "Company", "Next step")

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.day = ctx.clock.today()
        self.items: list[AgendaItem] = []  # the first pages of the day, in order
        self.total = 0  # all of the day's open follow-ups

    def set_day(self, day: dt.date, items: list[AgendaItem] | None = None) -> None:
        """Show `day`; `items`, when given, are all of that day's follow-ups already read
        (the week's column for the day), so they are not asked for twice."""
        self.day = day
        if items is None:
            self.reload()
            return
        self.beginResetModel()
        self.items = list(items)
        self.total = len(self.items)
        self.endResetModel()

    def reload(self) -> None:
        self.beginResetModel()
        start, end = day_bounds(self.day, self.ctx.clock.zone_name)
        self.total = agenda.count_due_between(self.ctx.db, start, end)
        self.items = agenda.due_between(self.ctx.db, start, end, None, limit=DAY_PAGE,
                                        with_last=False)
        self.endResetModel()

    def canFetchMore(self, parent=ROOT) -> bool:  # noqa: N802 (Qt's name)
        return not parent.isValid() and len(self.items) < self.total

    def fetchMore(self, parent=ROOT) -> None:  # noqa: N802 (Qt's name)
        if parent.isValid() or len(self.items) >= self.total:
            return
        start, end = day_bounds(self.day, self.ctx.clock.zone_name)
        more = agenda.due_between(self.ctx.db, start, end, None, limit=DAY_PAGE,
                                  with_last=False, offset=len(self.items))
        if not more:  # fewer than counted (changed since): nothing more to ask for
            self.total = len(self.items)
            return
        self.beginInsertRows(ROOT, len(self.items), len(self.items) + len(more) - 1)
        self.items.extend(more)
        self.endInsertRows()

    def item_at(self, index: QModelIndex) -> AgendaItem | None:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        return self.items[index.row()]

    def row_of(self, follow_up_id: int, start: int = 0) -> int | None:
        """The row of a follow-up among those read (from row `start` on), or None."""
        for row in range(start, len(self.items)):
            if self.items[row].follow_up_id == follow_up_id:
                return row
        return None

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.item_at(index)
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and self._late(item):
            return LATE
        if role == Qt.ItemDataRole.FontRole and item.promised and column in (0, 4):
            return bold_font()
        if role == ITEM_ROLE:
            return item
        return None

    def _cell(self, item: AgendaItem, column: int) -> str:
        if column == 0:
            return time_text(item, self.ctx.clock.zone_name)
        if column == 1:
            return theirs_text(item, self.ctx.clock.zone_name)
        if column == 2:
            return cell_text(item.name)
        if column == 3:
            return cell_text(item.company)
        kind = KIND_WORDS.get(item.kind, item.kind)
        return f"{kind}: {cell_text(item.reason)}" if item.reason else kind

    def _tooltip(self, item: AgendaItem) -> str:
        # Names and reasons are user text; tooltips render rich text (QT-5).
        lines = [item.name, item.company,
                 phones.display(item.phone, self.ctx.prefs.phone_region) if item.phone else "",
                 self._cell(item, 4)]
        theirs = self._cell(item, 1)
        if theirs:
            lines.append(f"{theirs} their time")
        if self._late(item):
            lines.append("Overdue")
        return tooltip("\n".join(line for line in lines if line))


class WeekTableModel(_FollowUpModel):
    """Seven columns, one per day; each column lists that day's follow-ups by time."""

    move_requested = Signal(list, object)  # follow-up ids, datetime.date

    def __init__(self, ctx, parent=None, load: bool = True) -> None:
        super().__init__(ctx, parent)
        self.days: list[list[AgendaItem]] = [[] for _ in range(7)]  # each day's first rows
        self.counts = [0] * 7  # each day's open follow-ups, all of them
        today = ctx.clock.today()
        self.first = today - dt.timedelta(days=today.weekday())
        if load:
            self.reload()

    def set_week_of(self, day: dt.date) -> None:
        self.first = day - dt.timedelta(days=day.weekday())
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        zone_name = self.ctx.clock.zone_name
        self.days, self.counts = [], []
        for offset in range(7):
            start, end = day_bounds(self.first + dt.timedelta(days=offset), zone_name)
            self.counts.append(agenda.count_due_between(self.ctx.db, start, end))
            self.days.append(agenda.due_between(self.ctx.db, start, end, None,
                                                limit=WEEK_DAY_ROWS, with_last=False)
                             if self.counts[-1] else [])
        self.endResetModel()

    def more_on(self, column: int) -> int:
        """How many of the day's follow-ups the week does not list."""
        return max(self.counts[column] - len(self.days[column]), 0)

    def date_of(self, column: int) -> dt.date:
        return self.first + dt.timedelta(days=column)

    def items_on(self, day: dt.date) -> list[AgendaItem] | None:
        """The follow-ups of `day` when it lies in this week (None otherwise)."""
        offset = (day - self.first).days
        if not 0 <= offset < 7 or self.more_on(offset):
            return None
        return list(self.days[offset])

    def item_at(self, index: QModelIndex) -> AgendaItem | None:
        if not index.isValid():
            return None
        day = self.days[index.column()]
        return day[index.row()] if index.row() < len(day) else None

    def index_of(self, follow_up_id: int) -> QModelIndex:
        for column, day in enumerate(self.days):
            for row, item in enumerate(day):
                if item.follow_up_id == follow_up_id:
                    return self.index(row, column)
        return QModelIndex()

    def rowCount(self, parent=ROOT) -> int:
        if parent.isValid():
            return 0
        return max(1, max(len(day) + bool(self.more_on(column))
                          for column, day in enumerate(self.days)))

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            day = self.date_of(section)
            count = self.counts[section]
            return f"{day.strftime('%a %d')}" + (f" ({count})" if count else "")
        if role == Qt.ItemDataRole.FontRole and self.date_of(section) == self.ctx.clock.today():
            return bold_font()
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.BackgroundRole and not is_working_day(
                self.date_of(index.column()), self.ctx.prefs):
            return QColor("#f1f1f1")
        item = self.item_at(index)
        if item is None:
            if index.row() == len(self.days[index.column()]) and self.more_on(index.column()):
                if role == Qt.ItemDataRole.DisplayRole:
                    return f"+{self.more_on(index.column()):,} more"  # fits a narrow column
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QUIET
                if role == Qt.ItemDataRole.ToolTipRole:
                    return "Choose the day to see all of its follow-ups."
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            when = "any" if item.due_time is None else \
                item.due_at.astimezone(zone(self.ctx.clock.zone_name)).strftime("%H:%M")
            return f"{when} {cell_text(short_name(item.name))}"
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = KIND_WORDS.get(item.kind, item.kind)
            lines = [item.name, item.company, f"{kind}: {item.reason}" if item.reason else kind]
            return tooltip("\n".join(line for line in lines if line))
        if role == Qt.ItemDataRole.ForegroundRole and self._late(item):
            return LATE
        if role == Qt.ItemDataRole.FontRole and item.promised:
            return bold_font()
        if role == ITEM_ROLE:
            return item
        return None

    def flags(self, index: QModelIndex):
        return super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() \
            else Qt.ItemFlag.NoItemFlags

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def canDropMimeData(self, mime, action, row, column, parent) -> bool:
        return (parent.isValid() or column >= 0) and bool(ids_from_mime(mime))

    def dropMimeData(self, mime, action, row, column, parent) -> bool:
        ids = ids_from_mime(mime)
        column = parent.column() if parent.isValid() else column
        if not ids or column < 0:
            return False
        self.move_requested.emit(ids, self.date_of(column))
        return False
