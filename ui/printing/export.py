"""The call sheet to a PDF file: the one function the CLI, the window and tests share."""

from __future__ import annotations

import os
from pathlib import Path

from organizer.callsheet import CallSheet

from .document import CallSheetDocument
from .paper import paper_for
from .pdf import render_pdf, save_bytes


def call_sheet_pdf_bytes(sheet: CallSheet, paper_size: str = "auto") -> tuple[bytes, int]:
    document = CallSheetDocument(sheet)
    return render_pdf(document.render, paper_for(paper_size), f"Call sheet {sheet.day.isoformat()}")


def save_call_sheet_pdf(sheet: CallSheet, path: str | os.PathLike,
                        paper_size: str = "auto") -> tuple[Path, int]:
    """Render and write the PDF; returns (path, pages). Raises UserError if unwritable."""
    data, pages = call_sheet_pdf_bytes(sheet, paper_size)
    return save_bytes(data, path), pages
