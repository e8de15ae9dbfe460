"""The call sheet's blocks: a section heading, one entry, a "more" line, the empty day.

Each block is measured once for a width and painted at any position, so the document
can paginate by whole blocks: an entry is never split across pages. User text goes
through fit_lines/elide and QPainter.drawText only; nothing is parsed as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter

from organizer.callsheet import SheetEntry, SheetSection

from .style import (
    GREY,
    INK,
    RULE,
    WRITE_LINE,
    Units,
    draw_line,
    elide,
    fit_lines,
    line_height,
    text_width,
)


class Block:
    height: float = 0.0
    keep_with_next = False  # a heading is never the last thing on a page

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        raise NotImplementedError


class SectionHeading(Block):
    keep_with_next = True

    def __init__(self, u: Units, width: float, section: SheetSection, continued: bool = False):
        self.u, self.width, self.section, self.continued = u, width, section, continued
        self.title_font = u.font(11.5, bold=True, caps=True)
        self.hint_font = u.font(8.5, italic=True, bold=section.key == "missed")
        self.space = u.mm(2.0 if continued else 5.0)
        self.title = f"{section.title} ({section.total})"
        if continued:
            self.title += " continued"
        title_w = text_width(u, self.title_font, self.title)
        self.hint = "" if continued else section.hint
        self.hint_below = bool(self.hint) and (
            title_w + u.mm(6) + text_width(u, self.hint_font, self.hint) > width)
        self.title_h = line_height(u, self.title_font)
        below = line_height(u, self.hint_font) if self.hint_below else 0.0
        self.height = self.space + self.title_h + u.mm(1.2) + below + u.mm(0.8)

    def paint(self, painter, x, y):
        u = self.u
        top = y + self.space
        draw_line(painter, u, self.title_font, x, top, self.title)
        if self.hint and not self.hint_below:
            hint_w = text_width(u, self.hint_font, self.hint)
            # Baselines aligned: the hint sits at the right end of the title line.
            shift = u.metrics(self.title_font).ascent() - u.metrics(self.hint_font).ascent()
            draw_line(painter, u, self.hint_font, x + self.width - hint_w, top + shift, self.hint)
        rule_y = top + self.title_h + u.mm(0.4)
        painter.setPen(u.pen(INK, 1.2))
        painter.drawLine(QLineF(x, rule_y, x + self.width, rule_y))
        if self.hint_below:
            draw_line(painter, u, self.hint_font, x, rule_y + u.mm(0.8), self.hint)


class EntryBlock(Block):
    """One person to call: time column, details, tick box, lines for the outcome."""

    def __init__(self, u: Units, width: float, entry: SheetEntry, section_key: str):
        self.u, self.width, self.entry = u, width, entry
        self.pad = u.mm(1.5)
        self.time_w, self.gap, self.tick_w = u.mm(29), u.mm(3), u.mm(11)
        self.detail_x = self.time_w + self.gap
        self.detail_w = width - self.detail_x - self.gap - self.tick_w
        self.left = self._left_column(section_key)
        self.right = self._details()
        self.write_gap = u.mm(5.2)
        left_h, right_h = sum(h for *_, h in self.left), sum(h for *_, h in self.right)
        self.lines_top = max(right_h, u.mm(9))
        self.height = self.pad + max(left_h, self.lines_top + 2 * self.write_gap) + u.mm(2.8)

    def _left_column(self, section_key: str) -> list[tuple]:
        u, e, rows = self.u, self.entry, []
        long_time = len(e.time) > 8
        time_font = u.font(9.5 if long_time else 13, bold=True)
        for line in fit_lines(u, e.time, time_font, self.time_w, 2):
            rows.append(("text", time_font, line, INK, line_height(u, time_font)))
        rows.append(("space", None, "", None, u.mm(0.8)))
        if e.promised:
            badge = u.font(6.5, bold=True, caps=True)
            rows.append(("badge", badge, "Promised", INK, line_height(u, badge) + u.mm(1.4)))
        small = u.font(8)
        if e.late:
            font = u.font(8.5, bold=True)
            rows.append(("text", font, e.late, INK, line_height(u, font)))
        if e.their_time:
            for line in fit_lines(u, e.their_time, small, self.time_w, 2):
                rows.append(("text", small, line, GREY, line_height(u, small)))
        if section_key == "missed":
            font = u.font(8, italic=True)
            rows.append(("text", font, "Apologise first", INK, line_height(u, font)))
        return rows

    def _details(self) -> list[tuple]:
        u, e, w, rows = self.u, self.entry, self.detail_w, []
        name_font, company_font, meta_font = u.font(11, bold=True), u.font(10), u.font(8.5)
        meta = f"{e.stage.capitalize()}  ·  {e.touch_text}"
        meta_w = text_width(u, meta_font, meta) + u.mm(4)
        name = elide(u, e.name, name_font, w)
        name_w = text_width(u, name_font, name) + u.mm(3)
        company = e.company
        fits = name_w + (text_width(u, company_font, company) if company else 0)
        # Stage and touches sit at the right end of the name line when there is room.
        if company and fits + meta_w <= w:
            rows.append(("pair", (name_font, company_font, meta_font), (name, company, name_w, meta),
                         INK, line_height(u, name_font)))
        else:
            rows.append(("text", name_font, name, INK, line_height(u, name_font)))
            if company:
                rows.append(("text", company_font, elide(u, company, company_font, w), INK,
                             line_height(u, company_font)))
            rows.append(("text", meta_font, meta, GREY, line_height(u, meta_font)))
        phone_font = u.font(10)
        numbers = "\u2003·\u2003".join(e.phones)
        if numbers:
            for line in fit_lines(u, numbers, phone_font, w, 2):
                rows.append(("text", phone_font, line, INK, line_height(u, phone_font)))
        else:
            font = u.font(9, italic=True)
            rows.append(("text", font, "no phone number on file", GREY, line_height(u, font)))
        rows.append(("space", None, "", None, u.mm(0.4)))
        rows += self._labelled("For", e.purpose)
        if e.kind != "lead":
            rows += self._labelled("Last", e.last or "nothing logged yet")
        return rows

    def _labelled(self, label: str, text: str) -> list[tuple]:
        u = self.u
        label_font, body = u.font(8.5, bold=True, caps=True), u.font(9.5)
        indent = u.mm(11)
        lines = fit_lines(u, text, body, self.detail_w - indent, 2) or [""]
        height = line_height(u, body)
        rows = [("label", (label_font, body), (label, lines[0], indent), INK, height)]
        rows += [("indent", body, (line, indent), INK, height) for line in lines[1:]]
        return rows

    def paint(self, painter, x, y):
        u = self.u
        top = y + self.pad
        self._paint_rows(painter, self.left, x, top)
        self._paint_rows(painter, self.right, x + self.detail_x, top)
        # Tick box, top right, with a word under it so it reads as "done?".
        box = u.mm(4.6)
        bx = x + self.width - self.tick_w + (self.tick_w - box) / 2
        painter.setPen(u.pen(INK, 0.9))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(bx, top + u.mm(0.6), box, box))
        small = u.font(6.5)
        label_w = text_width(u, small, "done")
        draw_line(painter, u, small, bx + (box - label_w) / 2, top + box + u.mm(1.2), "done", GREY)
        # Lines to write the outcome on, across the details column.
        label_font = u.font(7, caps=True)
        painter.setPen(u.pen(WRITE_LINE, 0.5))
        for n in (1, 2):
            line_y = top + self.lines_top + n * self.write_gap
            painter.drawLine(QLineF(x + self.detail_x, line_y, x + self.width - self.gap, line_y))
        # The label sits on the first line, where the rep starts writing.
        draw_line(painter, u, label_font, x + self.detail_x, top + self.lines_top + self.write_gap
                  - u.metrics(label_font).ascent() - u.mm(0.6), "Outcome", GREY)
        painter.setPen(u.pen(RULE, 0.4))
        painter.drawLine(QLineF(x, y + self.height, x + self.width, y + self.height))

    def _paint_rows(self, painter, rows, x, y):
        u = self.u
        for kind, font, text, colour, height in rows:
            if kind == "text":
                draw_line(painter, u, font, x, y, text, colour)
            elif kind == "pair":
                name, company, name_w, meta = text
                draw_line(painter, u, font[0], x, y, name)
                shift = u.metrics(font[0]).ascent() - u.metrics(font[1]).ascent()
                draw_line(painter, u, font[1], x + name_w, y + shift, company)
                shift = u.metrics(font[0]).ascent() - u.metrics(font[2]).ascent()
                meta_x = x + self.detail_w - text_width(u, font[2], meta)
                draw_line(painter, u, font[2], meta_x, y + shift, meta, GREY)
            elif kind == "label":
                label, first, indent = text
                shift = u.metrics(font[1]).ascent() - u.metrics(font[0]).ascent()
                draw_line(painter, u, font[0], x, y + shift, label, GREY)
                draw_line(painter, u, font[1], x + indent, y, first)
            elif kind == "indent":
                line, indent = text
                draw_line(painter, u, font, x + indent, y, line)
            elif kind == "badge":
                w = text_width(u, font, text.upper()) + u.mm(2.4)
                h = line_height(u, font) + u.mm(0.6)
                painter.fillRect(QRectF(x, y, w, h), INK)
                draw_line(painter, u, font, x + u.mm(1.2), y + u.mm(0.3), text, Qt.GlobalColor.white)
            y += height


class NoteBlock(Block):
    """A line such as "… and 12 more" under a section."""

    def __init__(self, u: Units, width: float, text: str):
        self.u, self.text = u, text
        self.font = u.font(9, italic=True)
        self.height = line_height(u, self.font) + u.mm(2.5)

    def paint(self, painter, x, y):
        draw_line(painter, self.u, self.font, x, y + self.u.mm(1.5), self.text, GREY)


class EmptyDayBlock(Block):
    """The day has no calls: say so plainly and name the next day that has some."""

    def __init__(self, u: Units, width: float, headline: str, detail: str):
        self.u, self.width, self.headline, self.detail = u, width, headline, detail
        self.big, self.body = u.font(13, bold=True), u.font(10.5)
        self.pad = u.mm(6)
        self.height = (u.mm(4) + 2 * self.pad + line_height(u, self.big) + u.mm(2)
                       + line_height(u, self.body))

    def paint(self, painter, x, y):
        u = self.u
        frame = QRectF(x, y + u.mm(4), self.width, self.height - u.mm(4))
        painter.setPen(u.pen(INK, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame)
        top = frame.top() + self.pad
        top += draw_line(painter, u, self.big, x + self.pad, top,
                         elide(u, self.headline, self.big, self.width - 2 * self.pad))
        draw_line(painter, u, self.body, x + self.pad, top + u.mm(2),
                  elide(u, self.detail, self.body, self.width - 2 * self.pad))
