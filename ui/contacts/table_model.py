"""The contact list's item model: it holds the ids of the pages loaded so far and loads
one more page as the list scrolls (Anki's browser table model). Search, filters and
sort are new queries inside a model reset, never a proxy over 100,000 rows.

A loaded row's texts, tooltip and colours live in C++ items (a QStandardItemModel):
painting a screenful then calls no Python at all, where a Python `data` override
costs a call per role per cell on every repaint (issue 3: the list repainted in
~16 ms instead of ~8)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from organizer.contact_list import Filters, ListRow, contact_rows, search_page
from organizer.phones import display
from ui.widgets.cell_fonts import cell_font
from ui.widgets.plain import cell_text, tooltip

COLUMNS = (("Name", "name"), ("Company", "company"), ("Stage", "stage"),
           ("Touches", "touches"), ("Last touch", "last_touch"), ("Next follow-up", "next_due"))
PAGE = 50  # ids per page until the list says how many rows it shows (page_size)
ID_ROLE = Qt.ItemDataRole.UserRole
_ID = int(ID_ROLE.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # never editable
_OVERDUE = QBrush(QColor("#b3261e"))
_WARN = QBrush(QColor("#8a5a00"))
_TOUCHES, _NEXT = 3, 5  # the right-aligned column and the one coloured when late


def _shown_as(row: ListRow, now: dt.datetime) -> tuple[ListRow, bool]:
    """What a row's cells are filled from: the row, and whether it is late by now."""
    return row, row.is_overdue(now)


class ContactTableModel(QStandardItemModel):
    searched = Signal()  # a search (or a refresh) put its rows in

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([title for title, _key in COLUMNS])
        self.ctx = ctx
        self.text = ""
        self.filters = Filters()
        self.sort_key = "name"
        self.descending = False
        self.ids: list[int] = []
        # Rows read by a search and by each fetchMore: one rows query each. The list
        # sets it to what it shows and a few more; the rest come as the rep scrolls.
        self.page_size = PAGE
        self._complete = True
        self._sparse: tuple[str, tuple] | None = None  # last text the scan could not fill
        self._days: dict[dt.date, str] = {}
        self._items: list[list[QStandardItem]] = []  # each loaded row's cells, in order
        # What each row's cells were filled from (None: fill again). A keystroke that
        # leaves a row as it was changes nothing there, nor repaints it.
        self._shown: list[tuple[ListRow, bool] | None] = []
        self._fonted: list[int] = []  # each row's cells with a font of their own, a bit each

    # -- queries -------------------------------------------------------------------
    def _page(self, offset: int) -> list[int]:
        # One more letter after a search the bounded scan could not fill matches fewer
        # contacts still: go straight to the index.
        key = (self.filters, self.sort_key, self.descending)
        sparse = (self._sparse is not None and self._sparse[1] == key and self.text != self._sparse[0]
                  and self.text.startswith(self._sparse[0]) and len(self._sparse[0]) >= 3)
        page = search_page(self.ctx.db, self.text, self.filters, now=self.ctx.clock.now(),
                           zone_name=self.ctx.clock.zone_name, sort=self.sort_key,
                           descending=self.descending, offset=offset, limit=self.page_size,
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
        ids = self._page(0)
        complete = len(ids) < self.page_size
        rows = contact_rows(self.ctx.db, ids)
        ids = [cid for cid in ids if cid in rows]  # one deleted since: left out
        now = self.ctx.clock.now()
        # No model reset: a reset makes the view drop its header sections and scroll bar
        # and lay itself out again (the bar hid and showed, each a repaint). The rows
        # already there take the new values; only a change in their number is signalled
        # as rows, and the new values as one dataChanged.
        old = len(self._items)
        if old > len(ids):
            self.removeRows(len(ids), old - len(ids))
            del self._items[len(ids):]
            del self._shown[len(ids):]
            del self._fonted[len(ids):]
        elif old < len(ids):
            self.insertRows(old, len(ids) - old)
        changed = []
        self.blockSignals(True)
        try:
            for number, cid in enumerate(ids):
                row = rows[cid]
                if number >= len(self._items):  # a row insertRows left empty
                    self._put_row(number, row, now)
                elif self._shown[number] != (shown := _shown_as(row, now)):
                    self._fonted[number] = self._fill(self._items[number], row, now,
                                                      self._fonted[number])
                    self._shown[number] = shown
                else:
                    continue
                changed.append(number)
            self.ids = ids
            self._complete = complete
        finally:
            self.blockSignals(False)
        if changed:  # the rows between the first and last changed: the view repaints them
            self.dataChanged.emit(self.index(changed[0], 0),
                                  self.index(changed[-1], len(COLUMNS) - 1))
        self.searched.emit()

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
        # Fill every row again: a preference (time zone, phone region) changes what a
        # row shows without changing the row.
        self._shown = [None] * len(self._shown)
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

    @property
    def complete(self) -> bool:
        return self._complete

    # -- Qt model ------------------------------------------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if parent.isValid() or self._complete:
            return
        seen = set(self.ids[-self.page_size:])
        page = [cid for cid in self._page(len(self.ids)) if cid not in seen]
        self._complete = len(page) < self.page_size
        rows = contact_rows(self.ctx.db, page)
        more = [cid for cid in page if cid in rows]
        if not more:
            return
        start = len(self.ids)
        now = self.ctx.clock.now()
        # Empty rows first (one insert signal), then their items without a signal each.
        self.insertRows(start, len(more))
        self.ids.extend(more)
        self.blockSignals(True)
        try:
            for number, cid in enumerate(more, start):
                self._put_row(number, rows[cid], now)
        finally:
            self.blockSignals(False)
        self.dataChanged.emit(self.index(start, 0), self.index(len(self.ids) - 1, len(COLUMNS) - 1))

    # -- rows as items ---------------------------------------------------------------
    def _put_row(self, number: int, row: ListRow, now: dt.datetime) -> None:
        """Items for `row` in the empty row `number` (the next one after those held)."""
        items = self._new_row()
        self._fonted.append(self._fill(items, row, now))
        for column, item in enumerate(items):
            self.setItem(number, column, item)
        self._items.append(items)
        self._shown.append(_shown_as(row, now))

    @staticmethod
    def _new_row() -> list[QStandardItem]:
        # Built here, not cloned: an item made in Python tells PySide when the model
        # deletes it. A clone does not, and a wrapper kept in self._items after the
        # model is gone was handed back by PySide for a new Qt object at its address
        # (a QItemSelectionModel came back as a QStandardItem in a test).
        items = []
        for _column in COLUMNS:
            item = QStandardItem()
            item.setFlags(_FLAGS)
            items.append(item)
        items[_TOUCHES].setData(_RIGHT, _ALIGN)
        return items

    def _fill(self, items: list[QStandardItem], row: ListRow, now: dt.datetime,
              fonted: int = 0) -> int:
        """Put a row's values in its items: about 15 calls into Qt, a microsecond each.
        `fonted`: the cells that had a font of their own; returns those that have now
        (bold when late, or shaped text: ui/widgets/cell_fonts.py)."""
        tip = self._tooltip(row, now)
        overdue = row.is_overdue(now)
        now_fonted = 0
        for column, (item, (_title, key)) in enumerate(zip(items, COLUMNS, strict=True)):
            text = self._text(row, key, now)
            item.setText(text)
            item.setToolTip(tip)
            font = cell_font(text, bold=overdue and column == _NEXT)
            if font is not None:
                item.setData(font, _FONT)
                now_fonted |= 1 << column
            elif fonted >> column & 1:
                item.setData(None, _FONT)
        items[0].setData(row.contact_id, _ID)  # row_of / contact_id answer for any column
        items[_NEXT].setData(_OVERDUE if overdue else _WARN if row.needs_next_step else None,
                             _FOREGROUND)
        return now_fonted

    def _local(self, moment: dt.datetime | None, with_time: bool) -> str:
        if moment is None:
            return ""
        local = moment.astimezone(self.ctx.clock.tz)
        # strftime costs ~15 us here (it imports `time` through PySide's import hook):
        # a day's text is made once, the time added by hand.
        day = local.date()
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = day.strftime("%d %b %y")
        # "Any time that day" follow-ups fall due at midnight: show their day only.
        if with_time and (local.hour, local.minute) != (0, 0):
            return f"{text} {local.hour:02d}:{local.minute:02d}"
        return text

    def _text(self, row: ListRow, key: str, now: dt.datetime) -> str:
        if key == "name":
            return cell_text(row.name)
        if key == "company":
            return cell_text(row.company)
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

    def _tooltip(self, row: ListRow, now: dt.datetime) -> str:
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
