"""Units, fonts and plain-text line fitting shared by the printed pages.

Everything is measured in the paint device's own pixels (a PDF writer at 300 dpi, a
printer, a preview), so the same code lays out any page at any resolution. Text is
only ever drawn as plain text: there is no HTML anywhere in printing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)


@contextmanager
def painting(device: QPaintDevice, painter: QPainter | None = None) -> Iterator[QPainter]:
    """The caller's painter (a print preview lends one), or one begun and ended here."""
    if painter is not None:
        yield painter
        return
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start drawing on the page")
    try:
        yield painter
    finally:
        painter.end()


FAMILIES = ["Helvetica Neue", "Helvetica", "Arial", "Nimbus Sans", "Liberation Sans", "DejaVu Sans"]
INK = QColor(0, 0, 0)
GREY = QColor(80, 80, 80)  # secondary text: still dark enough for a cheap laser printer
RULE = QColor(150, 150, 150)
WRITE_LINE = QColor(170, 170, 170)


class Units:
    """Millimetres, points and fonts for one paint device."""

    def __init__(self, device: QPaintDevice) -> None:
        self.device = device
        self.dpi = device.logicalDpiY() or 72

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def pt(self, value: float) -> float:
        return value * self.dpi / 72.0

    def font(self, size: float, *, bold: bool = False, italic: bool = False,
             caps: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(FAMILIES)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPointSizeF(size)
        font.setBold(bold)
        font.setItalic(italic)
        if caps:
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        return font

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    def pen(self, colour: QColor, width_pt: float) -> QPen:
        return QPen(colour, self.pt(width_pt))


def fit_lines(units: Units, text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """Break plain `text` into at most `max_lines` lines of `width`; the last is elided.

    Breaks at spaces, or anywhere when a single word is wider than the line (a pasted
    URL or a 10,000-character name must not run off the page).
    """
    text = _one_line(text)
    if not text:
        return []
    layout = QTextLayout(text, font, units.device)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart(): line.textStart() + line.textLength()].rstrip())
    layout.endLayout()
    if len(lines) > max_lines:
        rest = " ".join([lines[max_lines - 1], *lines[max_lines:]])
        lines = lines[: max_lines - 1] + [elide(units, rest + "…", font, width)]
    return lines


def elide(units: Units, text: str, font: QFont, width: float) -> str:
    return units.metrics(font).elidedText(_one_line(text), Qt.TextElideMode.ElideRight, width)


def _one_line(text: str | None) -> str:
    # Line breaks and tabs would be drawn as boxes; runs of spaces are the caller's choice.
    return re.sub(r"[\r\n\t\v\f\u2028\u2029]+", " ", text or "").strip()


def line_height(units: Units, font: QFont) -> float:
    return units.metrics(font).lineSpacing()


def draw_line(painter: QPainter, units: Units, font: QFont, x: float, top: float, text: str,
              colour: QColor = INK) -> float:
    """Draw one line of plain text with its top at `top`; returns the line's height."""
    metrics = units.metrics(font)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QPointF(x, top + metrics.ascent()), text)
    return metrics.lineSpacing()


def text_width(units: Units, font: QFont, text: str) -> float:
    return units.metrics(font).horizontalAdvance(text)
