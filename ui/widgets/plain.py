"""Small helpers so text the rep typed or imported is always shown as plain text
(RELIABILITY.md QT-1..QT-5): labels never guess rich text, tooltips are escaped."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

_FSI, _PDI = "\u2068", "\u2069"  # bidi isolation: an RTL name cannot reorder the row


def plain_label(text: str = "", parent: QWidget | None = None, *, name: str = "") -> QLabel:
    from PySide6.QtCore import Qt  # here: the Qt namespace costs start-up 25-40 ms

    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


def tooltip(text: str) -> str:
    """A tooltip that shows `text` literally (`html.escape` alone shows "&amp;")."""
    from PySide6.QtGui import Qt

    return Qt.convertFromPlainText(text) if text else ""


def isolated(text: str) -> str:
    """`text` wrapped in a bidi isolate, for rows that mix user text with our own."""
    return f"{_FSI}{text}{_PDI}" if text else ""


def one_line(text: str, limit: int = 200) -> str:
    """Collapse whitespace and cut very long values for list cells."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
