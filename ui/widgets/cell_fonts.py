"""Text drawn without OpenType shaping where its script does not need it.

Most of a list's paint is Qt shaping each cell's text with HarfBuzz: Today's full list
repainted in 10.2 ms shaped and 5.9 ms unshaped (Xvfb, DejaVu Sans), and one round of
the search bench took 17.5% fewer instructions. Qt's PreferNoShaping skips it, but not
only for Latin: Arabic then comes out letter by letter, unjoined, and combining
accents, emoji sequences and flags fall apart. So:
- the window's chrome and Today draw unshaped (`unshaped_font`), the Contacts and
  Calendar pages, with their editors, shaped (`shaped_font`), and the contact list
  unshaped again;
- in an unshaped widget, a cell or label whose text has anything beyond plain Latin,
  Greek, Cyrillic, Armenian and common symbols gets a font that shapes (`cell_font`,
  `fit_to`).

Each font sets only what it changes (its resolve mask): the rest, family and size
included, comes from the widget's parent, so the window follows the system's font."""

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
UNSHAPED = QFont.StyleStrategy.PreferNoShaping
SHAPED = QFont.StyleStrategy.PreferDefault  # set explicitly, it overrides a parent's


def needs_shaping(text: str) -> bool:
    """Whether `text` must go through OpenType shaping to read right."""
    if text.isascii() or max(text) < _LATIN_END:  # both in C: the usual text
        return False
    return _NEEDS_SHAPING.search(text) is not None


def _strategy_only(strategy: QFont.StyleStrategy) -> QFont:
    font = QFont()
    font.setStyleStrategy(strategy)
    return font


def unshaped_font() -> QFont:
    """The inherited font, drawn without shaping."""
    return _strategy_only(UNSHAPED)


def shaped_font() -> QFont:
    """The inherited font, shaped again (inside an unshaped parent)."""
    return _strategy_only(SHAPED)


def bold_font() -> QFont:
    """A cell's bold: the view's font, bold."""
    font = QFont()
    font.setBold(True)
    return font


def fit_to(font: QFont, text: str) -> QFont:
    """`font`, shaped or not as `text` needs (for a label in an unshaped widget)."""
    fitted = QFont(font)
    fitted.setStyleStrategy(SHAPED if needs_shaping(text) else UNSHAPED)
    return fitted


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
        if shaped:
            font.setStyleStrategy(SHAPED)
        _FONTS[shaped, bold] = font
    return font
