"""Today's sections as a two-level item model: one header row per section, its rows
under it, and "… and N more" when a section shows only its first rows.

The rows live in C++ items (QStandardItemModel), so painting the page calls no Python.
Their words are worked out for the first screenful when the sections are set and for
the rest just after (`fill_pending`), a row's tooltip with them: a section of 200
overdue calls costs a screenful before the page can be painted.

Roles are plain numbers and flags set through the items' own setters: the model never
touches PySide's `Qt` namespace, whose first use costs start-up 25-40 ms.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QStandardItem, QStandardItemModel

from ui.today.sections import COLUMNS, NEXT_STEP, Row, Section
from ui.widgets.cell_fonts import bold_font, cell_font
from ui.widgets.plain import tooltip

DISPLAY, TOOLTIP, FONT, BACKGROUND, FOREGROUND, SIZE = 0, 3, 6, 8, 9, 13  # Qt.ItemDataRole
_USER = 256  # Qt.ItemDataRole.UserRole
REF_ROLE = _USER + 1
SECTION_ROLE = _USER + 2
MISSED_COLOUR = QColor("#a4262c")
LATE_COLOUR = QColor("#a4262c")
HEADER_BACKGROUND = QColor("#eef1f5")
TIP_COLUMNS = (1, 2, NEXT_STEP, NEXT_STEP + 1)  # the columns long user text lands in
FILL_FIRST = 48  # rows whose words are worked out at once: a tall screen's worth


def _more_text(more: int) -> str:
    return f"… and {more} more"


class TodayModel(QStandardItemModel):
    def __init__(self, font: QFont, palette: QPalette, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.sections: list[Section] = []
        self._more: list[QStandardItem | None] = []  # each section's "… and N more"
        self._pending: list[tuple[Row, list[QStandardItem]]] = []  # rows not filled yet
        self._untipped: list[tuple[Row, list[QStandardItem]]] = []  # filled, no tooltips
        self.bold = bold_font()  # the view's font, bold
        self.quiet = palette.placeholderText().color()
        # The height of a row in the app's other lists (22 px at a 14 px font; some
        # styles draw rows as tight as the text). The view has uniform row heights and
        # takes it from the first row, always a section's header.
        self.row_size = QSize(0, QFontMetrics(font).height() * 8 // 5)

    # --- building --------------------------------------------------------------------

    def set_sections(self, sections: list[Section], fill: int = FILL_FIRST,
                     tips: bool = True) -> None:
        """Show `sections`: one reset; the first `fill` rows get their words now, the
        others in fill_pending(). `tips=False`: their tooltips wait for fill_pending
        too (nobody hovers before the first paint)."""
        self.beginResetModel()
        self.blockSignals(True)  # one reset, not a signal per item
        try:
            self.removeRows(0, self.rowCount())
            self.sections = sections
            self._more = []
            self._pending = []
            self._untipped = []
            for section in sections:
                header = self._header(section)
                self.appendRow(header)
                rows, more = self._put_rows(header, section, filled=False)
                self._more.append(more)
                self._pending.extend(zip(section.rows, rows, strict=True))
            self._fill(fill, tips)
        finally:
            self.blockSignals(False)
        self.endResetModel()

    def fill_pending(self) -> None:
        """Work out the words (and tooltips) set_sections left for later (each item
        says it changed)."""
        untipped, self._untipped = self._untipped, []
        for row, items in untipped:
            self._set_tips(row, items)
        self._fill(len(self._pending))

    def _fill(self, limit: int, tips: bool = True) -> None:
        done, self._pending = self._pending[:limit], self._pending[limit:]
        for row, items in done:
            self._fill_row(row, items, tips)
        if not tips:
            self._untipped.extend(done)

    def grow(self, top: int) -> bool:
        """Add the next rows of the section in top-level row `top` (above its "… and N
        more"); False when it has none to add."""
        section = self.sections[top]
        rows = section.next_rows()
        if not rows:
            return False
        header = self.item(top, 0)
        first = len(section.rows)
        items = [self._row_items(row) for row in rows]
        for row, cells in zip(rows, items, strict=True):
            self._fill_row(row, cells)
        section.rows.extend(rows)
        for offset, cells in enumerate(items):  # above "… and N more"
            header.insertRow(first + offset, cells)
        more = self._more[top]
        if more is not None and not section.more:
            header.removeRow(len(section.rows))
            self._more[top] = None
        elif more is not None:
            more.setText(_more_text(section.more))
        return True

    def read_in(self, top: int, section: Section) -> None:
        """Put `section` under the header of top-level row `top`, which stood for it
        before it was read (see SectionBuilder.build's `screen`): its count, its rows,
        its "… and N more"."""
        self.sections[top] = section
        header = self.item(top, 0)
        header.setText(section.header())
        header.setData(self._header_colour(section), FOREGROUND)
        _rows, self._more[top] = self._put_rows(header, section, filled=True)

    # --- items -----------------------------------------------------------------------

    def _put_rows(self, header: QStandardItem, section: Section, filled: bool
                  ) -> tuple[list[list[QStandardItem]], QStandardItem | None]:
        """Put a section's rows under its header (with their words when `filled`, else
        empty, for _fill), then its "… and N more" (returned, None when all shown)."""
        rows = [self._row_items(row) for row in section.rows]
        for row, items in zip(section.rows, rows, strict=True):
            if filled:  # before they are in the model: no signal per item
                self._fill_row(row, items)
            header.appendRow(items)
        more = self._more_item(section.more) if section.more else None
        if more is not None:
            header.appendRow(more)
        return rows, more

    @staticmethod
    def _set_tips(row: Row, items: list[QStandardItem]) -> None:
        for column in TIP_COLUMNS:
            text = row.cells[column]
            if text:
                items[column].setToolTip(
                    tooltip(f"{row.tooltip}\n{text}" if row.tooltip else text))

    def _header(self, section: Section) -> QStandardItem:
        item = QStandardItem(section.header())
        item.setSelectable(False)
        item.setEditable(False)
        item.setData(section.key, SECTION_ROLE)
        item.setData(self.bold, FONT)
        item.setData(HEADER_BACKGROUND, BACKGROUND)
        item.setData(self.row_size, SIZE)
        colour = self._header_colour(section)
        if colour is not None:
            item.setData(colour, FOREGROUND)
        return item

    def _header_colour(self, section: Section) -> QColor | None:
        if section.key == "missed" and section.count:
            return MISSED_COLOUR
        return None if section.count else self.quiet

    def _more_item(self, more: int) -> QStandardItem:
        item = QStandardItem(_more_text(more))
        item.setSelectable(False)
        item.setEditable(False)
        item.setData(self.quiet, FOREGROUND)
        return item

    @staticmethod
    def _row_items(row: Row) -> list[QStandardItem]:
        # Left editable: the view has no edit triggers, and a call per item adds up.
        items = [QStandardItem() for _column in COLUMNS]
        items[0].setData(row.ref, REF_ROLE)
        return items

    def _fill_row(self, row: Row, items: list[QStandardItem], tips: bool = True) -> None:
        # In the window the list draws unshaped; a cell whose script needs shaping (a
        # name in Arabic) carries a font that shapes: ui/widgets/cell_fonts.py.
        bold = (0, NEXT_STEP) if row.promised else ()
        for column, (item, text) in enumerate(zip(items, row.cells, strict=True)):
            item.setText(text)
            font = cell_font(text, column in bold)
            if font is not None:
                item.setData(font, FONT)
        if tips:
            self._set_tips(row, items)
        if row.late:
            items[0].setData(LATE_COLOUR, FOREGROUND)
