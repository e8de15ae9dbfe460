"""The call sheet as pages: blocks laid out and paginated here, painted on any paged
device (PDF writer, printer, print preview) with the date and page numbers on each page.

We paginate ourselves rather than let QTextDocument flow: an entry must never split
across pages, and a section heading must never be the last line on a page.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPagedPaintDevice, QPainter

from organizer.callsheet import CallSheet

from .blocks import Block, EmptyDayBlock, EntryBlock, NoteBlock, SectionHeading
from .style import GREY, INK, RULE, Units, draw_line, elide, line_height, painting, text_width

COUNT_LABELS = (("missed", "Missed promises"), ("overdue", "Overdue"), ("day", "Calls today"),
                ("leads", "New leads waiting"))


def long_date(day) -> str:
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


class CallSheetDocument:
    def __init__(self, sheet: CallSheet) -> None:
        self.sheet = sheet
        self.page_count = 0

    # -- layout ---------------------------------------------------------------------
    def _blocks(self, u: Units, width: float) -> list[tuple[Block, object]]:
        """(block, section) in reading order; empty sections other than the day's are left out."""
        out: list[tuple[Block, object]] = []
        for section in self.sheet.sections:
            if not section.total and section.key != "day":
                continue
            out.append((SectionHeading(u, width, section), section))
            for entry in section.entries:
                out.append((EntryBlock(u, width, entry, section.key), section))
            if section.more:
                out.append((NoteBlock(u, width, f"… and {section.more} more: see the Today page "
                                      "in Sales Organizer."), section))
            if not section.total:
                out.append((EmptyDayBlock(u, width, *self._empty_text()), section))
        return out

    def _empty_text(self) -> tuple[str, str]:
        day = self.sheet.day
        headline = f"No calls planned for {long_date(day)}."
        if self.sheet.next_day:
            return headline, f"The next day with calls is {long_date(self.sheet.next_day)}."
        return headline, "No later day has calls planned either."

    def paginate(self, u: Units, width: float, height: float) -> list[list[tuple[Block, float]]]:
        blocks = self._blocks(u, width)
        bottom = height - self._footer_height(u)
        pages: list[list[tuple[Block, float]]] = [[]]
        y = self._header_height(u, 0)
        for i, (block, section) in enumerate(blocks):
            need = block.height
            if block.keep_with_next and i + 1 < len(blocks):
                need += blocks[i + 1][0].height
            if y + need > bottom and pages[-1]:
                pages.append([])
                y = self._header_height(u, len(pages) - 1)
                if not isinstance(block, SectionHeading):
                    heading = SectionHeading(u, width, section, continued=True)
                    pages[-1].append((heading, y))
                    y += heading.height
            pages[-1].append((block, y))
            y += block.height
        return pages

    # -- painting -------------------------------------------------------------------
    def render(self, device: QPagedPaintDevice, painter: QPainter | None = None) -> int:
        """Paint every page on `device`; returns the number of pages."""
        u = Units(device)
        width, height = device.width(), device.height()
        pages = self.paginate(u, width, height)
        self.page_count = len(pages)
        with painting(device, painter) as painter:
            for number, page in enumerate(pages, start=1):
                if number > 1:
                    device.newPage()
                self._paint_header(painter, u, width, number)
                for block, y in page:
                    block.paint(painter, 0, y)
                self._paint_footer(painter, u, width, height, number, len(pages))
        return len(pages)

    def _header_height(self, u: Units, page_index: int) -> float:
        return u.mm(38) if page_index == 0 else u.mm(11)

    def _footer_height(self, u: Units) -> float:
        return u.mm(9)

    def _paint_header(self, painter: QPainter, u: Units, width: float, number: int) -> None:
        sheet = self.sheet
        day = long_date(sheet.day)
        if number > 1:
            font = u.font(10, bold=True)
            draw_line(painter, u, font, 0, 0, f"Call sheet  ·  {day}")
            self._right(painter, u, u.font(9), width, 0, sheet.rep_name, GREY)
            painter.setPen(u.pen(INK, 0.8))
            rule = line_height(u, font) + u.mm(1.2)
            painter.drawLine(QLineF(0, rule, width, rule))
            return
        kicker, big = u.font(8, bold=True, caps=True), u.font(19, bold=True)
        top = draw_line(painter, u, kicker, 0, 0, "Call sheet", GREY)
        self._right(painter, u, u.font(10.5, bold=True), width, 0, sheet.rep_name)
        draw_line(painter, u, big, 0, top, elide(u, day, big, width * 0.7))
        shift = u.metrics(big).ascent() - u.metrics(u.font(8.5)).ascent()
        self._right(painter, u, u.font(8.5), width, top + shift, f"Times in {sheet.zone_name}", GREY)
        rule = top + line_height(u, big) + u.mm(1)
        painter.setPen(u.pen(INK, 1.6))
        painter.drawLine(QLineF(0, rule, width, rule))
        self._paint_counts(painter, u, width, rule + u.mm(3))

    def _paint_counts(self, painter: QPainter, u: Units, width: float, top: float) -> None:
        counts = self.sheet.counts
        gap = u.mm(3)
        cell_w = (width - 3 * gap) / 4
        cell_h = u.mm(13)
        number_font, label_font = u.font(17, bold=True), u.font(7.5, bold=True, caps=True)
        today = self.sheet.printed_at.date() == self.sheet.day
        for n, (key, label) in enumerate(COUNT_LABELS):
            if key == "day" and not today:
                label = "Calls that day"
            x = n * (cell_w + gap)
            # The missed-promise box gets a heavy frame: it is where the day starts.
            heavy = key == "missed" and counts.get(key)
            painter.setPen(u.pen(INK, 1.8 if heavy else 0.6))
            painter.drawRect(QRectF(x, top, cell_w, cell_h))
            draw_line(painter, u, number_font, x + u.mm(3), top + u.mm(1.2), str(counts.get(key, 0)))
            draw_line(painter, u, label_font, x + u.mm(3), top + cell_h - u.mm(1.2)
                      - line_height(u, label_font), label, INK if heavy else GREY)

    def _paint_footer(self, painter: QPainter, u: Units, width: float, height: float,
                      number: int, total: int) -> None:
        font = u.font(7.5)
        top = height - line_height(u, font)
        painter.setPen(u.pen(RULE, 0.5))
        painter.drawLine(QLineF(0, top - u.mm(1.5), width, top - u.mm(1.5)))
        printed = self.sheet.printed_at
        draw_line(painter, u, font, 0, top,
                  f"Printed {printed.strftime('%a')} {printed.day} {printed.strftime('%b %Y, %H:%M')}",
                  GREY)
        self._right(painter, u, font, width, top,
                    f"{long_date(self.sheet.day)}   ·   Page {number} of {total}", GREY)

    @staticmethod
    def _right(painter, u: Units, font, width: float, top: float, text: str, colour=INK) -> None:
        if text:
            text = elide(u, text, font, width * 0.4)
            draw_line(painter, u, font, width - text_width(u, font, text), top, text, colour)
