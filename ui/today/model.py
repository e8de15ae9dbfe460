"""Today's sections as a two-level item model: one header row per section, its rows
under it, and "… and N more" when a section shows only its first rows.

Cells are answered when a view asks for them: a section of 200 overdue calls formats
only the rows on screen (phone numbers, the contact's clock, the last interaction).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex
from PySide6.QtGui import QColor, QFont, QPalette, Qt

from ui.today.sections import COLUMNS, NEXT_STEP, Section

ROOT = QModelIndex()  # the invalid index: Qt's default parent
REF_ROLE = Qt.ItemDataRole.UserRole + 1
SECTION_ROLE = Qt.ItemDataRole.UserRole + 2
MISSED_COLOUR = QColor("#a4262c")
LATE_COLOUR = QColor("#a4262c")
HEADER_BACKGROUND = QColor("#eef1f5")
TIP_COLUMNS = (1, 2, NEXT_STEP, NEXT_STEP + 1)  # the columns long user text lands in
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
FONT = int(Qt.ItemDataRole.FontRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_REF = int(REF_ROLE)
_SECTION = int(SECTION_ROLE)
HEADER_FLAGS = Qt.ItemFlag.ItemIsEnabled
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class TodayModel(QAbstractItemModel):
    """Top-level rows are the sections (internal id 0); a section's children carry the
    section's position + 1 as their internal id, so `parent()` needs no lookup."""

    def __init__(self, font: QFont, palette: QPalette, parent=None) -> None:
        super().__init__(parent)
        self.sections: list[Section] = []
        self._more: list[int] = []
        self.bold = QFont(font)
        self.bold.setBold(True)
        # Colours, not brushes: the delegate takes either, and building a QBrush first
        # costs PySide its gradient classes at start-up.
        self.header_background = HEADER_BACKGROUND
        self.missed = MISSED_COLOUR
        self.late = LATE_COLOUR
        self.quiet = palette.placeholderText().color()

    def set_sections(self, sections: list[Section]) -> None:
        self.beginResetModel()
        self.sections = sections
        # The N of each section's "… and N more" (0: no such line). Kept here, not
        # worked out from the rows: adding rows and changing that line are two steps.
        self._more = [section.more for section in sections]
        self.endResetModel()

    def grow(self, top: int) -> bool:
        """Add the next rows of the section in top-level row `top` (above its "… and N
        more"); False when it has none to add."""
        section = self.sections[top]
        rows = section.next_rows()
        if not rows:
            return False
        parent = self.index(top, 0)
        first = len(section.rows)
        self.beginInsertRows(parent, first, first + len(rows) - 1)
        section.rows.extend(rows)
        self.endInsertRows()
        line = len(section.rows)
        if self._more[top] and not section.more:
            self.beginRemoveRows(parent, line, line)
            self._more[top] = 0
            self.endRemoveRows()
        elif self._more[top]:
            self._more[top] = section.more
            self.dataChanged.emit(self.index(line, 0, parent), self.index(line, 0, parent))
        return True

    # --- structure -------------------------------------------------------------------

    def rowCount(self, parent=ROOT) -> int:
        if not parent.isValid():
            return len(self.sections)
        if parent.internalId() or parent.column():
            return 0
        return len(self.sections[parent.row()].rows) + bool(self._more[parent.row()])

    def columnCount(self, parent=ROOT) -> int:
        return len(COLUMNS)

    def index(self, row: int, column: int, parent=ROOT) -> QModelIndex:
        # Asked for every painted cell: checked here rather than through hasIndex(),
        # which would call back into rowCount() and columnCount().
        if not 0 <= column < len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self.sections) else QModelIndex()
        if parent.internalId() or parent.column() or row >= self.rowCount(parent):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index=None):
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid() or not index.internalId():
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def headerData(self, section: int, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return COLUMNS[section]
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not index.internalId():
            return HEADER_FLAGS
        section = self.sections[index.internalId() - 1]
        return ROW_FLAGS if index.row() < len(section.rows) else HEADER_FLAGS

    # --- content ---------------------------------------------------------------------

    def data(self, index: QModelIndex, role: int = DISPLAY):
        if not index.isValid():
            return None
        return self._value(index.internalId(), index.row(), index.column(),
                           int(getattr(role, "value", role)))

    def multiData(self, index: QModelIndex, span) -> None:  # noqa: N802 (Qt's name)
        """All the roles a painted cell asks for in one call (Qt 6's delegate asks for
        them together), instead of one Python call per role."""
        if not index.isValid():
            return
        section_id, row_number, column = index.internalId(), index.row(), index.column()
        row = None
        if section_id:
            section = self.sections[section_id - 1]
            if row_number < len(section.rows):
                row = section.rows[row_number]
        for i in range(len(span)):
            # Every role is answered or cleared: the delegate may hand in the previous
            # cell's values, and a role left alone would paint this cell with them.
            role_data = span[i]
            role = role_data.role()
            if row is None:  # a section's header or "… and N more": few, the long way
                value = self._value(section_id, row_number, column, role)
            elif role == DISPLAY:  # an ordinary row: what painting asks, answered here
                value = row.cells[column]
            elif role == FOREGROUND:
                value = self.late if column == 0 and row.late else None
            elif role == FONT:
                value = self.bold if row.promised and column in (0, NEXT_STEP) else None
            elif role in (TOOLTIP, _REF):
                value = self._value(section_id, row_number, column, role)
            else:
                value = None
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _value(self, section_id: int, row_number: int, column: int, role: int):
        if not section_id:
            return self._header_value(self.sections[row_number], column, role)
        section = self.sections[section_id - 1]
        if row_number >= len(section.rows):  # "… and N more"
            if column == 0 and role == DISPLAY:
                return f"… and {self._more[section_id - 1]} more"
            if column == 0 and role == FOREGROUND:
                return self.quiet
            return None
        row = section.rows[row_number]
        if role == DISPLAY:
            return row.cells[column]
        if role == _REF:
            return row.ref if column == 0 else None
        if role == TOOLTIP:
            text = row.cells[column]
            if not text or column not in TIP_COLUMNS:
                return None
            # User text in a tooltip is escaped for Qt's rich-text tooltips (QT-5).
            return Qt.convertFromPlainText(f"{row.tooltip}\n{text}" if row.tooltip else text)
        if role == FOREGROUND and column == 0 and row.late:
            return self.late
        if role == FONT and row.promised and column in (0, NEXT_STEP):
            return self.bold
        return None

    def _header_value(self, section: Section, column: int, role: int):
        if column != 0:
            return None
        if role == DISPLAY:
            return section.header()
        if role == _SECTION:
            return section.key
        if role == FONT:
            return self.bold
        if role == BACKGROUND:
            return self.header_background
        if role == FOREGROUND:
            if section.key == "missed" and section.count:
                return self.missed
            if not section.count:
                return self.quiet
        return None
