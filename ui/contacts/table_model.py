"""The contact list's item model: it holds one page of ids after another and fetches
rows block by block as they are painted (Anki's browser table model). Search, filters
and sort are new queries inside a model reset, never a proxy over 100,000 rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from organizer.contact_list import Filters, ListRow, contact_rows, search_page
from organizer.phones import display
from ui.widgets.plain import isolated, one_line, tooltip

COLUMNS = (("Name", "name"), ("Company", "company"), ("Stage", "stage"),
           ("Touches", "touches"), ("Last touch", "last_touch"), ("Next follow-up", "next_due"))
PAGE = 50  # ids per fetchMore: a screenful and a half
BLOCK = 50  # rows per query when a row is painted
_ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole
_ID = int(ID_ROLE.value)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ROLES = frozenset((_DISPLAY, _TOOLTIP, _FOREGROUND, _FONT, _ALIGN))
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_OVERDUE = QBrush(QColor("#b3261e"))
_WARN = QBrush(QColor("#8a5a00"))


@dataclass(frozen=True)
class _Cells:
    texts: tuple[str, ...]
    overdue: bool
    needs_next_step: bool


class ContactTableModel(QAbstractTableModel):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.text = ""
        self.filters = Filters()
        self.sort_key = "name"
        self.descending = False
        self.ids: list[int] = []
        self._complete = True
        self._rows: dict[int, ListRow] = {}
        self._cells: dict[int, _Cells] = {}
        self._sparse: tuple[str, tuple] | None = None  # last text the scan could not fill
        self._bold = QFont()
        self._bold.setBold(True)

    # -- queries -------------------------------------------------------------------
    def _page(self, offset: int) -> list[int]:
        # One more letter after a search the bounded scan could not fill matches fewer
        # contacts still: go straight to the index.
        key = (self.filters, self.sort_key, self.descending)
        sparse = (self._sparse is not None and self._sparse[1] == key and self.text != self._sparse[0]
                  and self.text.startswith(self._sparse[0]) and len(self._sparse[0]) >= 3)
        page = search_page(self.ctx.db, self.text, self.filters, now=self.ctx.clock.now(),
                           zone_name=self.ctx.clock.zone_name, sort=self.sort_key,
                           descending=self.descending, offset=offset, limit=PAGE,
                           scan=not sparse)
        if offset == 0:
            self._sparse = None if page.dense or not self.text.strip() else (self.text, key)
        return page.ids

    def search(self, text: str | None = None, filters: Filters | None = None) -> None:
        """Run the search again (also after a change), keeping nothing stale."""
        if text is not None:
            self.text = text
        if filters is not None:
            self.filters = filters
        self.beginResetModel()
        self.ids = self._page(0)
        self._complete = len(self.ids) < PAGE
        self._rows = {}
        self._cells = {}
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: a new query in the new order (never a sort in Python)."""
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_key = COLUMNS[column][1]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.search()

    def refresh(self, at_least: int = 0) -> None:
        """Re-query after a change, keeping as many rows loaded as before."""
        wanted = max(len(self.ids), at_least)
        self.search()
        while not self._complete and len(self.ids) < wanted:
            self.fetchMore(QModelIndex())

    def row_of(self, contact_id: int) -> int:
        try:
            return self.ids.index(contact_id)
        except ValueError:
            return -1

    def contact_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def _row(self, row: int) -> ListRow | None:
        cid = self.ids[row]
        found = self._rows.get(cid)
        if found is None:
            start = row - row % BLOCK
            block = self.ids[start:start + BLOCK]
            fetched = contact_rows(self.ctx.db, block)
            now = self.ctx.clock.now()
            for key, value in fetched.items():
                self._cells[key] = _Cells(tuple(self._text(value, c[1], now) for c in COLUMNS),
                                          value.is_overdue(now), value.needs_next_step)
            self._rows.update(fetched)
            found = self._rows.get(cid)
        return found

    # -- Qt model ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if parent.isValid() or self._complete:
            return
        more = [cid for cid in self._page(len(self.ids)) if cid not in set(self.ids[-PAGE:])]
        self._complete = len(more) < PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.ids), len(self.ids) + len(more) - 1)
            self.ids.extend(more)
            self.endInsertRows()

    @property
    def complete(self) -> bool:
        return self._complete

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section][0]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        # Called for every role of every visible cell on each paint: plain int roles and
        # texts formatted once per row keep a repaint cheap.
        row_number = index.row()
        if not index.isValid() or row_number >= len(self.ids):
            return None
        role = int(role)
        if role == _ID:
            return self.ids[row_number]
        if role not in _ROLES:
            return None
        cid = self.ids[row_number]
        cells = self._cells.get(cid)
        if cells is None:
            self._row(row_number)
            cells = self._cells.get(cid)
            if cells is None:  # deleted since the ids were read; the next refresh drops it
                return None
        column = index.column()
        if role == _DISPLAY:
            return cells.texts[column]
        if role == _TOOLTIP:
            return self._tooltip(self._rows[cid])
        if role == _ALIGN:
            return _RIGHT if column == 3 else None
        if column != 5:
            return None
        if role == _FOREGROUND:
            return _OVERDUE if cells.overdue else (_WARN if cells.needs_next_step else None)
        return self._bold if cells.overdue else None  # _FONT

    def multiData(self, index: QModelIndex | QPersistentModelIndex, span) -> None:  # noqa: N802
        """All the roles a painted cell asks for in one call (Qt 6's delegate asks for
        them together): the row is looked up once, not once per role."""
        row_number = index.row()
        if not 0 <= row_number < len(self.ids):
            return
        cid = self.ids[row_number]
        cells = self._cells.get(cid)
        if cells is None:
            self._row(row_number)
            cells = self._cells.get(cid)
            if cells is None:
                return
        column = index.column()
        for i in range(len(span)):
            # Every role is answered or cleared: the delegate may hand in the previous
            # cell's values, and a role left alone would paint this cell with them.
            role_data = span[i]
            role = role_data.role()
            if role == _DISPLAY:
                role_data.setData(cells.texts[column])
            elif role == _ALIGN and column == 3:
                role_data.setData(_RIGHT)
            elif column == 5 and role == _FOREGROUND and (cells.overdue or cells.needs_next_step):
                role_data.setData(_OVERDUE if cells.overdue else _WARN)
            elif column == 5 and role == _FONT and cells.overdue:
                role_data.setData(self._bold)
            elif role in (_TOOLTIP, _ID) and (value := self.data(index, role)) is not None:
                role_data.setData(value)
            else:
                role_data.clearData()

    def _local(self, moment: dt.datetime | None, with_time: bool) -> str:
        if moment is None:
            return ""
        local = moment.astimezone(self.ctx.clock.tz)
        # "Any time that day" follow-ups fall due at midnight: show their day only.
        with_time = with_time and (local.hour, local.minute) != (0, 0)
        return local.strftime("%d %b %y %H:%M" if with_time else "%d %b %y")

    def _text(self, row: ListRow, key: str, now: dt.datetime) -> str:
        if key == "name":
            return isolated(one_line(row.name))
        if key == "company":
            return isolated(one_line(row.company))
        if key == "stage":
            return row.stage
        if key == "touches":
            return str(row.touch_count)
        if key == "last_touch":
            return self._local(row.last_touch_at, False)
        if row.next_due_at is None:
            return "⚠ no next step" if row.needs_next_step else ""
        text = self._local(row.next_due_at, True)
        return f"{text} !" if row.is_overdue(now) else text

    def _tooltip(self, row: ListRow) -> str:
        now = self.ctx.clock.now()
        lines = [row.name]
        if row.company and row.company != row.name:
            lines.append(row.company)
        if row.phone:
            lines.append(display(row.phone, self.ctx.prefs.phone_region))
        if row.email:
            lines.append(row.email)
        if row.is_overdue(now):
            lines.append("Follow-up overdue")
        elif row.needs_next_step:
            lines.append("No next step scheduled")
        return tooltip("\n".join(lines))
