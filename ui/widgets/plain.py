"""Small helpers so text the rep typed or imported is always shown as plain text
(RELIABILITY.md QT-1..QT-5): labels never guess rich text, tooltips are escaped."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

_FSI, _PDI = "\u2068", "\u2069"  # bidi isolation: an RTL name cannot reorder the row
# The bidi classes that can move text around them: right-to-left letters, Arabic digits,
# and the explicit embeddings, overrides and isolates (and their end marks).
_REORDERING = frozenset({"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI",
                         "FSI", "PDI"})


def plain_label(text: str = "", parent: QWidget | None = None, *, name: str = "") -> QLabel:
    from PySide6.QtCore import Qt  # here: the Qt namespace costs start-up 25-40 ms

    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


# What QChar::isSpace calls a space: the ASCII controls \t..\r, NEL, and Unicode's space,
# line and paragraph separators.
_QT_SPACES = frozenset(" \t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                       "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")

# Each character as convertFromPlainText writes it where no tab or paragraph break is
# involved (a single line break is <br>).
_RICH = {**{ord(ch): "\xa0" for ch in _QT_SPACES}, ord("\n"): "<br>\n",
         ord("<"): "&lt;", ord(">"): "&gt;", ord("&"): "&amp;"}
# _RICH's ASCII part, in an order where no replacement is replaced again ("&" first).
_ASCII_RICH = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\n", "<br>\n"),
               *((ch, "\xa0") for ch in sorted(_QT_SPACES) if ch.isascii() and ch != "\n"))


def tooltip(text: str) -> str:
    """A tooltip that shows `text` literally (`html.escape` alone shows "&amp;").

    Qt.convertFromPlainText's rules (WhiteSpacePre), in Python: calling Qt's makes
    PySide build all of the Qt namespace's enums (25-40 ms) the first time, and the
    Today page sets tooltips before its first paint. tests/ui/test_plain_text.py checks
    the two agree."""
    if not text:
        return ""
    if "\t" not in text and "\n\n" not in text and not text.endswith("\n"):
        if text.isascii():  # the usual case: a few replaces, 5x faster than translate
            for ch, rich in _ASCII_RICH:
                if ch in text:
                    text = text.replace(ch, rich)
            return f"<p>{text}</p>"
        return f"<p>{text.translate(_RICH)}</p>"  # char by char in C
    rich, col, i, n = ["<p>"], 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            run = 1
            while i + 1 < n and text[i + 1] == "\n":
                i, run = i + 1, run + 1
            rich.append("<br>\n" if run == 1 else
                        "</p>\n" + "<br>\n" * (run - 2) + "<p>")
            col = 0
        else:
            if ch == "\t":  # to the next multiple of 8 columns
                rich.append("\xa0")
                col += 1
                while col % 8:
                    rich.append("\xa0")
                    col += 1
            else:
                rich.append(_RICH.get(ord(ch), ch))  # a space or markup, escaped
            col += 2 if ord(ch) > 0xFFFF else 1  # Qt counts UTF-16 units
        i += 1
    if col:
        rich.append("</p>")
    return "".join(rich)


def isolated(text: str) -> str:
    """`text` wrapped in a bidi isolate when it could reorder the row around it (QT-9):
    it has right-to-left letters, Arabic digits or bidi controls. Left-to-right text is
    returned as it is, since an isolate changes nothing there, and an isolate sends Qt
    through its full bidi layout for the cell: a list of isolated cells took 60% longer
    to paint."""
    if not text or text.isascii():
        return text or ""
    import unicodedata  # here: most rows are plain ASCII, and the first paint is timed

    if not any(unicodedata.bidirectional(ch) in _REORDERING for ch in text):
        return text
    return f"{_FSI}{text}{_PDI}"


def one_line(text: str, limit: int = 200) -> str:
    """Collapse whitespace and cut very long values for list cells."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def cell_text(text: str) -> str:
    """Typed or imported text in a list cell: one line, bounded, and in a bidi isolate
    when it needs one (QT-9)."""
    return isolated(one_line(text))
