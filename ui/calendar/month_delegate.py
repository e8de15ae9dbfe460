"""Draws one day of the month grid: the date, how many follow-ups, how many of them are
promised, and a red mark on days with overdue work. Non-working days are shaded."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.calendar.month_model import COUNT_ROLE, IN_MONTH_ROLE, TODAY_ROLE, WORKING_ROLE

OVERDUE = QColor("#a4262c")
PROMISED = QColor("#1f5fa8")
OFF_DAY = QColor("#f1f1f1")
SELECTED = QColor("#dbe8f7")
TODAY = QColor("#1f5fa8")
GRID = QColor("#d0d0d0")
BADGE = QColor("#e1e7ef")


class MonthCellDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        in_month = index.data(IN_MONTH_ROLE)
        if selected:
            painter.fillRect(rect, SELECTED)
        elif not index.data(WORKING_ROLE):
            painter.fillRect(rect, OFF_DAY)
        else:
            painter.fillRect(rect, option.palette.base())
        painter.setPen(QPen(GRID))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        count = index.data(COUNT_ROLE)
        if count.overdue:
            painter.fillRect(QRect(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2), OVERDUE)
        if index.data(TODAY_ROLE):
            painter.setPen(QPen(TODAY, 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))

        base = QFont(option.font)
        text_colour = option.palette.text().color()
        dim = option.palette.placeholderText().color()
        inner = rect.adjusted(10, 6, -6, -6)
        day_font = QFont(base)
        day_font.setBold(bool(index.data(TODAY_ROLE)))
        painter.setFont(day_font)
        painter.setPen(text_colour if in_month else dim)
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         index.data())
        line = painter.fontMetrics().height()
        if count.total:
            # The day's total as a badge in the corner; the lines below say what kind.
            badge_font = QFont(base)
            badge_font.setBold(True)
            painter.setFont(badge_font)
            text = str(count.total)
            width = max(painter.fontMetrics().horizontalAdvance(text) + 12, line + 4)
            badge = QRect(inner.right() - width + 1, inner.top(), width, line + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("white") if selected else BADGE if in_month else OFF_DAY.darker(105))
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(text_colour if in_month else dim)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        y = inner.top() + line + 8
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        painter.setFont(small)
        if count.promised:
            painter.setPen(PROMISED if in_month else dim)
            painter.drawText(QRect(inner.left(), y, inner.width(), line),
                             Qt.AlignmentFlag.AlignLeft, f"{count.promised} promised")
            y += line
        if count.overdue:
            painter.setPen(OVERDUE)
            painter.drawText(QRect(inner.left(), y, inner.width(), line),
                             Qt.AlignmentFlag.AlignLeft, f"{count.overdue} overdue")
        painter.restore()
