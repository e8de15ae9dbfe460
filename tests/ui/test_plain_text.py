"""ui.widgets.plain.tooltip follows Qt.convertFromPlainText exactly (it is the same
rules in Python, so that setting a tooltip does not make PySide build Qt's namespace);
`isolated` puts text that could reorder a row in a bidi isolate (QT-9)."""

from __future__ import annotations

import random

from PySide6.QtGui import Qt

from ui.widgets.plain import isolated, tooltip


def test_tooltips_escape_as_qt_does():
    for text in ("Smith & Sons <b>Ltd</b>", "Open with an apology\n\u2068Ann  Lee\u2069",
                 "<script>alert(1)</script> &amp;", "a\tb\n\n\nc\n", "😀\tx\r\u3000y"):
        assert tooltip(text) == Qt.convertFromPlainText(text), repr(text)
    assert tooltip("") == ""  # no tooltip at all, where Qt would give an empty paragraph


def test_tooltips_match_qt_on_many_mixed_texts():
    pieces = ["a", "é", " ", "\t", "\n", "<", ">", "&", "\r", "\xa0", "\u2003", "😀", "\x1c",
              "\u200b", "\u3000", "\v", "\u2028"]
    rng = random.Random(7)  # fixed: the same texts every run
    ascii_pieces = [piece for piece in pieces if piece.isascii()] + ["\x0c", "\x1f", "b c"]
    for _ in range(2000):
        for alphabet in (pieces, ascii_pieces):  # ASCII alone takes a path of its own
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 25)))
            assert tooltip(text) == Qt.convertFromPlainText(text), repr(text)


def test_text_that_could_reorder_a_row_is_isolated():
    for text in ("שרה כהן", "شركة", "Invoice \u0661\u0662", "\u202eAnn", "Ann\u202b",
                 "x\u2067y", "\u2066", "\u2069 Ltd", "Ann \u05d0"):
        assert isolated(text) == f"\u2068{text}\u2069", repr(text)


def test_left_to_right_text_is_left_as_it_is():
    for text in ("Ann Lee", "Müller & Söhne", "Zoë 😀", "Ståle Ødegård", "O'Brien, 12 €",
                 "Łódź", "Ωmega", "日本語"):
        assert isolated(text) == text, repr(text)
    assert isolated("") == ""
