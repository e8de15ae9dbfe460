"""The window's printing actions: Ctrl+P preview with a day picker, Save as PDF,
Print labels for the selected contacts."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QDateEdit, QMainWindow

from ui.context import AppContext
from ui.printing.actions import install_print_actions
from ui.printing.labels_dialog import LabelsDialog

from ..test_callsheet_support import MONDAY, contact, small_day

ADDRESS = dict(street="1 Long Road", city="Austin", region="TX", postal_code="73301", country="US")


@pytest.fixture
def window(qtbot, db, clock, prefs):
    win = QMainWindow()
    qtbot.addWidget(win)
    win.ctx = AppContext(db, clock, prefs)
    win.selected = []
    install_print_actions(win, win.ctx, lambda: win.selected)
    return win


def test_actions_sit_in_the_file_menu_with_ctrl_p(window):
    actions = window.print_actions
    assert actions.print_sheet.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert actions.print_sheet.shortcut().toString() == "Ctrl+P"
    menu = window.menuBar().actions()[0]
    assert menu.text() == "&File"
    names = [a.objectName() for a in menu.menu().actions() if not a.isSeparator()]
    assert names == ["printCallSheet", "saveCallSheetPdf", "printLabels"]


def test_printing_goes_above_quit_in_an_existing_file_menu(qtbot, db, clock, prefs):
    win = QMainWindow()
    qtbot.addWidget(win)
    menu = win.menuBar().addMenu("&File")
    menu.addAction("&New contact…")
    menu.addSeparator()
    menu.addAction("&Quit")
    install_print_actions(win, AppContext(db, clock, prefs), lambda: [])
    texts = [a.text() for a in menu.actions()]
    assert texts == ["&New contact…", "", "&Print call sheet…", "Save call sheet as P&DF…",
                     "Print mailing &labels…", "", "&Quit"]
    assert len(win.menuBar().actions()) == 1


def test_print_opens_a_preview_of_todays_sheet_and_the_day_can_change(window, db, clock, qtbot):
    small_day(db, clock)
    printing = window.call_sheet_printing
    window.print_actions.print_sheet.trigger()
    dialog = printing.preview
    assert isinstance(dialog, QPrintPreviewDialog)
    qtbot.waitUntil(lambda: printing.last_pages == 2)
    picker = dialog.findChild(QDateEdit, "callSheetDay")
    assert picker.date().toPython() == MONDAY
    printing.last_pages = 0
    picker.setDate(picker.date().addDays(3))  # Thursday: one call, but a lot overdue by then
    qtbot.waitUntil(lambda: printing.last_pages > 0)
    assert printing.day == dt.date(2026, 11, 26)
    dialog.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_save_as_pdf_for_a_picked_day(window, db, clock, tmp_path, monkeypatch):
    small_day(db, clock)
    printing = window.call_sheet_printing
    monkeypatch.setattr(printing, "ask_day", lambda: dt.date(2026, 11, 26))
    monkeypatch.setattr(printing, "ask_path", lambda day: str(tmp_path / f"sheet-{day}.pdf"))
    window.print_actions.save_sheet_pdf.trigger()
    out = tmp_path / "sheet-2026-11-26.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Thursday 26 November 2026" in text and "Hugo Thursday" in text
    assert "Saved the call sheet for Thursday 26 November 2026" in window.statusBar().currentMessage()


def test_labels_need_a_selection(window, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.printing.actions.show_error", lambda parent, message: shown.append(message))
    assert window.call_sheet_printing.open_labels() is None
    assert shown and shown[0].startswith("Select the contacts to print labels for first")


def test_labels_dialog_counts_the_skipped_and_saves_a_pdf(window, db, clock, tmp_path):
    window.selected = [contact(db, clock, "<b>Amy</b>", "Card", **ADDRESS),
                       contact(db, clock, "No", "Address"), contact(db, clock, "Bo", "Card", **ADDRESS)]
    window.print_actions.print_labels.trigger()
    [dialog] = window.findChildren(LabelsDialog)
    assert dialog.summary.text() == "2 labels; 1 contact skipped (no postal address)."
    assert dialog.skipped.text() == "Without an address: No Address"
    assert dialog.sheets.text() == "1 sheet of 21 labels"  # A4 by default here
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("avery-5160"))
    assert dialog.sheets.text() == "1 sheet of 30 labels"
    saved = dialog.save_pdf(str(tmp_path / "labels.pdf"))
    assert saved and (tmp_path / "labels.pdf").read_bytes().startswith(b"%PDF")
    preview = dialog.preview()
    assert isinstance(preview, QPrintPreviewDialog)
    preview.close()
    dialog.close()


def test_by_default_labels_use_the_contacts_pages_selection(qtbot, db, clock, prefs):
    class Page:
        def selected_ids(self):
            return [7, 8]

    win = QMainWindow()
    qtbot.addWidget(win)
    win.contacts_page = Page()
    install_print_actions(win, AppContext(db, clock, prefs))
    assert win.call_sheet_printing.selected_contact_ids() == [7, 8]
