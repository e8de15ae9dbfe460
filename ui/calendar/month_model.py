"""The month grid: six weeks of days (Monday first), each with its open follow-ups
counted (promised ones told apart, overdue days marked). Follow-ups dropped on a day
are asked to move there; the page does the moving through a service."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, Qt, Signal

from organizer.calendar_queries import DayCount, day_counts
from organizer.workdays import is_working_day

ROOT = QModelIndex()  # the invalid index: Qt's default parent
MIME_TYPE = "application/x-sales-organizer-follow-up"
DATE_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
IN_MONTH_ROLE = Qt.ItemDataRole.UserRole + 3
WORKING_ROLE = Qt.ItemDataRole.UserRole + 4
TODAY_ROLE = Qt.ItemDataRole.UserRole + 5
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EMPTY = DayCount()


def follow_up_mime(ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(",".join(str(i) for i in ids).encode("ascii")))
    return mime


def ids_from_mime(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(MIME_TYPE):
        return []
    raw = bytes(mime.data(MIME_TYPE).data()).decode("ascii", "replace")
    return [int(part) for part in raw.split(",") if part.isdigit()]


def count_words(count: DayCount) -> str:
    if not count.total:
        return "Nothing due"
    parts = [f"{count.total} follow-up{'s' if count.total != 1 else ''}"]
    if count.promised:
        parts.append(f"{count.promised} promised")
    if count.overdue:
        parts.append(f"{count.overdue} overdue")
    return ", ".join(parts)


class MonthTableModel(QAbstractTableModel):
    move_requested = Signal(list, object)  # follow-up ids, datetime.date

    def __init__(self, ctx, parent=None, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.month = ctx.clock.today().replace(day=1)
        self.first = self.month - dt.timedelta(days=self.month.weekday())
        self.counts: dict[dt.date, DayCount] = {}
        if load:
            self.reload()

    # --- content ---------------------------------------------------------------------

    def set_month(self, day: dt.date) -> None:
        self.month = day.replace(day=1)
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.first = self.month - dt.timedelta(days=self.month.weekday())
        last = self.first + dt.timedelta(days=41)
        self.counts = day_counts(self.ctx.db, self.first, last, self.ctx.clock.zone_name,
                                 self.ctx.clock.now())
        self.endResetModel()

    def date_at(self, index: QModelIndex) -> dt.date:
        return self.first + dt.timedelta(days=index.row() * 7 + index.column())

    def index_of(self, day: dt.date) -> QModelIndex:
        offset = (day - self.first).days
        if not 0 <= offset < 42:
            return QModelIndex()
        return self.index(offset // 7, offset % 7)

    # --- Qt model --------------------------------------------------------------------

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else 6

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else 7

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        day = self.date_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(day.day)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{day.strftime('%A %d %B')}: {count_words(self.counts.get(day, EMPTY))}"
        if role == DATE_ROLE:
            return day
        if role == COUNT_ROLE:
            return self.counts.get(day, EMPTY)
        if role == IN_MONTH_ROLE:
            return day.month == self.month.month
        if role == WORKING_ROLE:
            return is_working_day(day, self.ctx.prefs)
        if role == TODAY_ROLE:
            return day == self.ctx.clock.today()
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return WEEKDAYS[section]
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDropEnabled)

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def _target(self, row: int, column: int, parent: QModelIndex) -> QModelIndex:
        # Dropped on a day: Qt passes the day as `parent`; between days, row and column.
        return parent if parent.isValid() else self.index(row, column)

    def canDropMimeData(self, mime, action, row, column, parent) -> bool:
        return self._target(row, column, parent).isValid() and bool(ids_from_mime(mime))

    def dropMimeData(self, mime, action, row, column, parent) -> bool:
        ids = ids_from_mime(mime)
        target = self._target(row, column, parent)
        if not target.isValid() or not ids:
            return False
        self.move_requested.emit(ids, self.date_at(target))
        # False: the source keeps its rows; the change comes back through the broadcaster.
        return False
