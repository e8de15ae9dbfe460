"""Mailing labels on Avery sheets: each address painted as plain text inside its label,
measured from the paper's corner (a PDF with no margins, or a printer in full-page mode)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageSize, QPainter

from organizer.errors import UserError
from organizer.labels import LabelBatch, LabelLayout

from .pdf import render_pdf, save_bytes
from .style import RULE, Units, draw_line, elide, line_height, painting

SIZES = (10.5, 10, 9, 8, 7)  # the largest that lets every line fit is used


def page_size_of(layout: LabelLayout) -> QPageSize:
    if layout.paper == "letter":
        return QPageSize(QPageSize.PageSizeId.Letter)
    if layout.paper == "a4":
        return QPageSize(QPageSize.PageSizeId.A4)
    return QPageSize(QSizeF(layout.page_width, layout.page_height), QPageSize.Unit.Millimeter)


class LabelSheetDocument:
    def __init__(self, batch: LabelBatch, layout: LabelLayout, outlines: bool = False) -> None:
        self.batch, self.layout, self.outlines = batch, layout, outlines

    def render(self, device: QPagedPaintDevice, painter: QPainter | None = None) -> int:
        """Paint every label; returns the number of sheets."""
        u = Units(device)
        sheet = 0
        with painting(device, painter) as painter:
            for index, label in enumerate(self.batch.labels):
                number, x, y = self.layout.position(index)
                if number > sheet:
                    device.newPage()
                    sheet = number
                rect = QRectF(u.mm(x), u.mm(y), u.mm(self.layout.label_width),
                              u.mm(self.layout.label_height))
                self._paint_label(painter, u, rect, label.lines)
        return sheet + 1

    def _paint_label(self, painter: QPainter, u: Units, rect: QRectF, lines) -> None:
        if self.outlines:  # for checking alignment on plain paper; never on label stock
            painter.setPen(u.pen(RULE, 0.3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, u.mm(2), u.mm(2))
        inner = rect.adjusted(u.mm(4), u.mm(2), -u.mm(3), -u.mm(2))
        for size in SIZES:
            font = u.font(size)
            if len(lines) * line_height(u, font) <= inner.height():
                break
        height = len(lines) * line_height(u, font)
        top = inner.top() + (inner.height() - height) / 2  # centred: labels are cut unevenly
        for line in lines:
            top += draw_line(painter, u, font, inner.left(), top,
                             elide(u, line, font, inner.width()))


def labels_pdf_bytes(batch: LabelBatch, layout: LabelLayout, outlines: bool = False) -> tuple[bytes, int]:
    if not batch.labels:
        raise UserError("None of the selected contacts has a postal address; nothing to print.")
    document = LabelSheetDocument(batch, layout, outlines)
    return render_pdf(document.render, page_size_of(layout), f"Mailing labels ({layout.name})",
                      QMarginsF(0, 0, 0, 0))


def save_labels_pdf(batch: LabelBatch, layout: LabelLayout, path: str | os.PathLike,
                    outlines: bool = False) -> tuple[Path, int]:
    data, sheets = labels_pdf_bytes(batch, layout, outlines)
    return save_bytes(data, path), sheets
