"""The call sheet as a PDF, read back with pdftotext: what a printer would get."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from organizer.callsheet import build_call_sheet
from organizer.preferences import Preferences

from ..test_callsheet_support import MARKUP_NAME, MONDAY, big_day, contact, follow_up, small_day

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")


def pdf_pages(path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1]  # pdftotext ends every page with a form feed


def write(sheet, tmp_path, paper="a4"):
    from ui.printing.export import save_call_sheet_pdf

    path, pages = save_call_sheet_pdf(sheet, tmp_path / "sheet.pdf", paper)
    return path, pages


def test_sections_print_in_order_with_the_counts(db, clock, tmp_path):
    small_day(db, clock)
    path, pages = write(build_call_sheet(db, clock, Preferences(rep_name="Sam Seller"), MONDAY),
                        tmp_path)
    text = "\n".join(pdf_pages(path))
    headings = ["MISSED PROMISES (1)", "OVERDUE (1)", "CALLS FOR MONDAY 23 NOVEMBER (4)",
                "NEW LEADS WAITING (1)"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Sam Seller" in text and "Monday 23 November 2026" in text
    assert "Apologise first, then ask whether now is a good time." in text
    # The missed promise sits in its section, before the overdue heading.
    assert positions[0] < text.index("Ann Promise") < positions[1]
    assert re.search(r"Dana Early\s+Summit Legal", text)
    assert re.search(r"\(212\) 555-0199 work\s+·\s+\(917\) 555-0123 mobile", text)
    assert "05:00 their time" in text and "PROMISED" in text
    assert "touch 4" in text and "Send pricing" in text
    assert "21 Nov phone, reached: Wants pricing for 20 seats before Friday." in text


def test_the_days_calls_print_in_time_order(db, clock, tmp_path):
    small_day(db, clock)
    path, _ = write(build_call_sheet(db, clock, Preferences(), MONDAY), tmp_path)
    text = "\n".join(pdf_pages(path))
    day = text[text.index("CALLS FOR MONDAY"): text.index("NEW LEADS WAITING (")]
    times = re.findall(r"^\s*(\d\d:\d\d|any time)\s{2,}", day, re.MULTILINE)
    assert times == ["11:00", "14:00", "16:30", "any time"]


def test_a_150_call_day_spans_pages_and_never_splits_an_entry(db, clock, tmp_path):
    big_day(db, clock, 150)
    sheet = build_call_sheet(db, clock, Preferences(), MONDAY)
    path, count = write(sheet, tmp_path)
    pages = pdf_pages(path)
    assert count == len(pages) > 10
    for n in range(1, 151):
        # Name, phone and reason of one entry all land on the same page.
        where = {what: [i for i, page in enumerate(pages) if what in page]
                 for what in (f"Person {n:03d}", f"(415) 555-{n:04d}", f"Reason {n:03d}")}
        assert all(len(found) == 1 for found in where.values()), where
        assert len({found[0] for found in where.values()}) == 1, where
    times = [t for page in pages for t in re.findall(r"^\s*(\d\d:\d\d)\s{2,}", page, re.MULTILINE)]
    assert len(times) == 150 and times == sorted(times)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Monday 23 November 2026" in page
    assert "(150) continued" in pages[1].lower() or "(150) CONTINUED" in pages[1]


def test_a_name_with_markup_prints_literally_and_swallows_nothing(db, clock, tmp_path):
    cid = contact(db, clock, MARKUP_NAME, company="<b>Bold</b> & Sons")
    follow_up(db, clock, cid, MONDAY, dt.time(11, 0), "promised", "<h1>HUGE</h1> reason")
    after = contact(db, clock, "Next", "Customer", "Following Co")
    follow_up(db, clock, after, MONDAY, dt.time(12, 0), reason="The row after")
    path, _ = write(build_call_sheet(db, clock, Preferences(), MONDAY), tmp_path)
    text = "\n".join(pdf_pages(path))
    assert "<img src='/tmp/red.png'" in text and "ACME <!--" in text
    assert "<b>Bold</b> & Sons" in text and "<h1>HUGE</h1> reason" in text
    assert "11:00" in text and "12:00" in text and "Next Customer" in text
    assert "The row after" in text
    assert b"/Subtype /Image" not in path.read_bytes()


def test_an_empty_day_says_so_and_names_the_next_day_with_calls(db, clock, tmp_path):
    cid = contact(db, clock, "Only", "Thursday")
    follow_up(db, clock, cid, dt.date(2026, 11, 26), dt.time(9, 30))
    path, pages = write(build_call_sheet(db, clock, Preferences(), MONDAY), tmp_path)
    text = pdf_pages(path)[0]
    assert pages == 1
    assert "No calls planned for Monday 23 November 2026." in text
    assert "The next day with calls is Thursday 26 November 2026." in text
    assert "Page 1 of 1" in text


def page_size(path) -> str:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return re.search(r"Page size:\s+(.*)", out).group(1)


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
def test_paper_is_a4_or_letter_in_portrait(db, clock, tmp_path):
    sheet = build_call_sheet(db, clock, Preferences(), MONDAY)
    a4, _ = write(sheet, tmp_path, "a4")
    assert page_size(a4) == "595 x 842 pts (A4)"
    letter, _ = write(sheet, tmp_path, "letter")
    assert page_size(letter) == "612 x 792 pts (letter)"


def test_paper_follows_the_locale_when_set_to_auto():
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QPageSize

    from ui.printing.paper import paper_for

    assert paper_for("auto", QLocale("en_US")).id() == QPageSize.PageSizeId.Letter
    assert paper_for("auto", QLocale("en_CA")).id() == QPageSize.PageSizeId.Letter
    assert paper_for("auto", QLocale("de_DE")).id() == QPageSize.PageSizeId.A4
    assert paper_for("auto", QLocale("en_GB")).id() == QPageSize.PageSizeId.A4
    assert paper_for("letter", QLocale("de_DE")).id() == QPageSize.PageSizeId.Letter


def test_a_huge_or_bidi_name_still_fits_one_entry(db, clock, tmp_path):
    cid = contact(db, clock, "W" * 10_000, company="\u202eevil\u202c Co 🙂")
    follow_up(db, clock, cid, MONDAY, dt.time(11, 0), reason="word " * 2000)
    after = contact(db, clock, "Next", "Customer")
    follow_up(db, clock, after, MONDAY, dt.time(12, 0))
    path, pages = write(build_call_sheet(db, clock, Preferences(), MONDAY), tmp_path)
    assert pages == 1
    assert "Next Customer" in pdf_pages(path)[0]
