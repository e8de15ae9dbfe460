"""Mailing labels to PDF, read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from organizer.errors import UserError
from organizer.labels import AVERY_5160, AVERY_L7160, mailing_labels

from ..test_callsheet_support import MARKUP_NAME, contact

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")

ADDRESS = dict(street="12 Main Street", city="Springfield", region="IL", postal_code="62701",
               country="US")


def pages_of(path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


def test_labels_fill_sheets_row_by_row_and_skip_contacts_without_an_address(db, clock, tmp_path):
    from ui.printing.label_sheet import save_labels_pdf

    ids = [contact(db, clock, "Person", f"{n:02d}", f"Company {n:02d}", **ADDRESS)
           for n in range(1, 32)]
    ids.insert(3, contact(db, clock, "No", "Address"))
    batch = mailing_labels(db, ids)
    assert (len(batch.labels), batch.skipped) == (31, 1)
    path, sheets = save_labels_pdf(batch, AVERY_5160, tmp_path / "labels.pdf")
    pages = pages_of(path)
    assert sheets == len(pages) == 2
    # Three labels side by side on the first row; label 31 alone on the second sheet.
    assert re.search(r"Person 01\s+Person 02\s+Person 03\n", pages[0])
    assert "Person 30" in pages[0] and "Person 31" in pages[1]
    assert pages[0].count("Springfield, IL 62701") == 30
    assert "No Address" not in "".join(pages)


def test_markup_in_a_name_prints_literally(db, clock, tmp_path):
    from ui.printing.label_sheet import save_labels_pdf

    ids = [contact(db, clock, MARKUP_NAME, **ADDRESS), contact(db, clock, "After", "Markup", **ADDRESS)]
    path, _ = save_labels_pdf(mailing_labels(db, ids), AVERY_L7160, tmp_path / "labels.pdf")
    text = pages_of(path)[0]
    assert "<img src='/tmp/red.png'" in text and "After Markup" in text
    assert b"/Subtype /Image" not in path.read_bytes()


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
@pytest.mark.parametrize("layout, size", [(AVERY_5160, "612 x 792 pts (letter)"),
                                          (AVERY_L7160, "595 x 842 pts (A4)")])
def test_each_layout_prints_on_its_paper(db, clock, tmp_path, layout, size):
    from ui.printing.label_sheet import save_labels_pdf

    batch = mailing_labels(db, [contact(db, clock, "One", "Label", **ADDRESS)])
    path, _ = save_labels_pdf(batch, layout, tmp_path / "labels.pdf")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+(.*)", info).group(1) == size


def test_nothing_to_print_is_a_plain_sentence(db, clock, tmp_path):
    from ui.printing.label_sheet import save_labels_pdf

    batch = mailing_labels(db, [contact(db, clock, "No", "Address")])
    with pytest.raises(UserError, match="None of the selected contacts has a postal address"):
        save_labels_pdf(batch, AVERY_5160, tmp_path / "labels.pdf")
    assert not (tmp_path / "labels.pdf").exists()
