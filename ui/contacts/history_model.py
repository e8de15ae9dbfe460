"""A contact's history, newest first, fetched a page at a time (a contact can have
thousands of entries)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from organizer.interactions import HistoryRow, history
from ui.widgets.plain import one_line, tooltip

COLUMNS = ("When", "Channel", "Direction", "Outcome", "Notes")
PAGE = 100  # a screenful or two; more as the rep scrolls
_ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole


class HistoryTableModel(QAbstractTableModel):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id: int | None = None
        self.rows: list[HistoryRow] = []
        self._complete = True

    def load(self, contact_id: int | None) -> None:
        self.beginResetModel()
        self.contact_id = contact_id
        self.rows = [] if contact_id is None else history(self.ctx.db, contact_id, 0, PAGE)
        self._complete = len(self.rows) < PAGE
        self.endResetModel()

    def reload(self) -> None:
        wanted = len(self.rows)
        self.load(self.contact_id)
        while not self._complete and len(self.rows) < wanted:
            self.fetchMore(QModelIndex())

    def row_at(self, row: int) -> HistoryRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and not self._complete and self.contact_id is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        more = history(self.ctx.db, self.contact_id, len(self.rows), PAGE)
        self._complete = len(more) < PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4 and row.notes:
            return tooltip(row.notes)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return row.happened_at.astimezone(self.ctx.clock.tz).strftime("%a %d %b %Y %H:%M")
        if column == 1:
            return row.channel
        if column == 2:
            return "outbound" if row.direction == "out" else "inbound"
        if column == 3:
            return row.outcome
        return one_line(row.notes, 300)
