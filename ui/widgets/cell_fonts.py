"""Fonts for the big lists' cells: text drawn without OpenType shaping where its script
does not need it.

Most of a list's paint is Qt shaping each cell's text with HarfBuzz: Today's full list
repainted in 10.2 ms shaped and 5.9 ms unshaped (Xvfb, DejaVu Sans). Qt's
PreferNoShaping skips it, but not only for Latin: Arabic then comes out letter by
letter, unjoined, and combining accents, emoji sequences and flags fall apart. So a list
view draws unshaped (`unshaped_font`), and a cell whose text has anything beyond plain
Latin, Greek, Cyrillic, Armenian and common symbols carries a font that shapes again
(`cell_font`).

Each font sets only what it changes (its resolve mask): the rest, family and size
included, comes from the view, so the lists follow the system's font."""

from __future__ import annotations

import re

from PySide6.QtGui import QFont

# What draws the same unshaped: Latin (with Latin-1 and the extended blocks), Greek,
# Cyrillic and Armenian without their combining marks; spaces and punctuation other than
# the joiners and bidi controls; currency, letterlike symbols, arrows, maths, boxes,
# shapes and dingbats. Anything else is shaped.
_NEEDS_SHAPING = re.compile(
    "[^\x00-\u02ff\u0370-\u0482\u048a-\u058f\u2000-\u200b\u2010-\u2029\u202f-\u205e"
    "\u20a0-\u20cf\u2100-\u27bf]")
_LATIN_END = "\u0300"  # the combining marks start here


def needs_shaping(text: str) -> bool:
    """Whether `text` must go through OpenType shaping to read right."""
    if text.isascii() or max(text) < _LATIN_END:  # both in C: the usual cell
        return False
    return _NEEDS_SHAPING.search(text) is not None


def unshaped_font() -> QFont:
    """A list view's font: the inherited one, drawn without shaping."""
    font = QFont()
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return font


def bold_font() -> QFont:
    """A cell's bold: the view's font, bold (unshaped in an unshaped view)."""
    font = QFont()
    font.setBold(True)
    return font


_FONTS: dict[tuple[bool, bool], QFont] = {}  # (shaped, bold): made on first use, after
# the QGuiApplication (a QFont needs one)


def cell_font(text: str, bold: bool = False) -> QFont | None:
    """The font for a cell showing `text` in an unshaped view: None when the view's own
    draws it right, else bold (`bold`) and/or one that shapes."""
    shaped = needs_shaping(text)
    if not (shaped or bold):
        return None
    font = _FONTS.get((shaped, bold))
    if font is None:
        font = bold_font() if bold else QFont()
        if shaped:  # set, even to the default: it overrides the view's
            font.setStyleStrategy(QFont.StyleStrategy.PreferDefault)
        _FONTS[shaped, bold] = font
    return font
