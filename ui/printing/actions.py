"""The window's printing actions: Print… (Ctrl+P) with a preview, Save as PDF… for
today or a picked day, and Print labels… for the selected contacts.

`install_print_actions(window, ctx)` adds them to the window's File menu and returns
them, so the tray menu can offer the same QActions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QToolBar,
    QWidget,
)

from organizer.callsheet import CallSheet, build_call_sheet
from organizer.errors import UserError
from ui.context import AppContext, show_error

from .day_dialog import DayDialog
from .document import CallSheetDocument, long_date
from .export import save_call_sheet_pdf
from .labels_dialog import LabelsDialog
from .paper import paper_for
from .pdf import MARGINS_MM


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


@dataclass
class PrintActions:
    print_sheet: QAction
    save_sheet_pdf: QAction
    print_labels: QAction


class CallSheetPrinting(QObject):
    """Builds the sheet for a day from the context and sends it to a preview or a PDF."""

    def __init__(self, window: QWidget, ctx: AppContext,
                 selected_contact_ids: Callable[[], list[int]] | None = None) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.selected_contact_ids = selected_contact_ids or (lambda: [])
        self.day: dt.date | None = None  # None: today, whenever it is printed
        self.preview: QPrintPreviewDialog | None = None
        self.last_pages = 0

    def sheet(self) -> CallSheet:
        return build_call_sheet(self.ctx.db, self.ctx.clock, self.ctx.prefs, self.day)

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(QPageLayout(paper_for(self.ctx.prefs.paper_size),
                                          QPageLayout.Orientation.Portrait, MARGINS_MM,
                                          QPageLayout.Unit.Millimeter))
        printer.setDocName("Call sheet")
        return printer

    # -- print with a preview ---------------------------------------------------------
    def open_preview(self, day: dt.date | None = None) -> QPrintPreviewDialog:
        """Show the print preview (window-modal, not blocking) for `day` or today."""
        self.day = day
        # The dialog only points at the printer: keep it alive as long as we are.
        self.printer = self._printer()
        dialog = QPrintPreviewDialog(self.printer, self.window)
        dialog.setWindowTitle("Print call sheet")
        dialog.paintRequested.connect(self._paint)
        self._add_day_picker(dialog)
        dialog.resize(1000, 900)
        self.preview = dialog
        dialog.open()
        return dialog

    def _paint(self, printer: QPrinter) -> None:
        try:
            self.last_pages = CallSheetDocument(self.sheet()).render(printer)
        except (UserError, OSError) as exc:
            show_error(self.window, getattr(exc, "message", None) or str(exc))

    def _add_day_picker(self, dialog: QPrintPreviewDialog) -> None:
        toolbar = dialog.findChild(QToolBar)
        if toolbar is None:  # Qt changed its preview; the sheet is still today's
            return
        toolbar.addSeparator()
        label = QLabel(" Day: ", toolbar)
        label.setTextFormat(Qt.TextFormat.PlainText)
        toolbar.addWidget(label)
        picker = QDateEdit(to_qdate(self.day or self.ctx.clock.today()), toolbar)
        picker.setObjectName("callSheetDay")
        picker.setCalendarPopup(True)
        picker.setDisplayFormat("ddd d MMM yyyy")
        picker.dateChanged.connect(lambda date: self._day_changed(dialog, date))
        toolbar.addWidget(picker)
        save = toolbar.addAction("Save as PDF…")
        save.setObjectName("callSheetSavePdf")
        save.triggered.connect(lambda: self.save_pdf(self.day))

    def _day_changed(self, dialog: QPrintPreviewDialog, date: QDate) -> None:
        self.day = date.toPython()
        preview = dialog.findChild(QPrintPreviewWidget)
        if preview is not None:
            preview.updatePreview()

    # -- save as PDF ----------------------------------------------------------------
    def ask_day(self) -> dt.date | None:
        dialog = DayDialog(self.day or self.ctx.clock.today(), self.window)
        return dialog.day() if dialog.exec() else None

    def ask_path(self, day: dt.date) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Save call sheet as PDF",
                                              f"call-sheet-{day.isoformat()}.pdf",
                                              "PDF files (*.pdf)")
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path or None

    def save_pdf_for_picked_day(self) -> None:
        day = self.ask_day()
        if day is not None:
            self.save_pdf(day)

    def save_pdf(self, day: dt.date | None = None, path: str | None = None) -> str | None:
        day = day or self.ctx.clock.today()
        path = path or self.ask_path(day)
        if not path:
            return None
        self.day = day
        try:
            saved, pages = save_call_sheet_pdf(self.sheet(), path, self.ctx.prefs.paper_size)
        except UserError as exc:
            show_error(self.window, exc.message)
            return None
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(
                f"Saved the call sheet for {long_date(day)} ({pages} pages) to {saved}.", 8000)
        return str(saved)

    # -- labels ---------------------------------------------------------------------
    def open_labels(self) -> LabelsDialog | None:
        ids = list(self.selected_contact_ids() or [])
        if not ids:
            show_error(self.window, "Select the contacts to print labels for first "
                                    "(for example everyone tagged for a holiday card).")
            return None
        dialog = LabelsDialog(self.ctx, ids, self.window)
        dialog.open()
        return dialog


def _file_menu(window: QMainWindow) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == "File":
            return menu
    return window.menuBar().addMenu("&File")


def install_print_actions(window: QMainWindow, ctx: AppContext,
                          selected_contact_ids: Callable[[], list[int]] | None = None) -> PrintActions:
    """Add Print… (Ctrl+P), Save as PDF… and Print labels… to the File menu.

    `selected_contact_ids` returns the contacts chosen in the window; by default the
    contacts page's `selected_ids()` when it has one.
    """
    if selected_contact_ids is None:
        page = getattr(window, "contacts_page", None)
        selected_contact_ids = getattr(page, "selected_ids", None)
    printing = CallSheetPrinting(window, ctx, selected_contact_ids)
    print_sheet = QAction("&Print call sheet…", window)
    print_sheet.setObjectName("printCallSheet")
    print_sheet.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    print_sheet.triggered.connect(lambda: printing.open_preview(None))
    save = QAction("Save call sheet as P&DF…", window)
    save.setObjectName("saveCallSheetPdf")
    save.triggered.connect(printing.save_pdf_for_picked_day)
    labels = QAction("Print mailing &labels…", window)
    labels.setObjectName("printLabels")
    labels.triggered.connect(printing.open_labels)
    menu = _file_menu(window)
    quit_action = next((a for a in menu.actions()
                        if a.text().replace("&", "").lower().startswith(("quit", "exit"))), None)
    if quit_action is None:
        menu.addSeparator()
        menu.addActions([print_sheet, save, labels])
    else:  # printing goes above Quit, in its own group
        menu.insertActions(quit_action, [print_sheet, save, labels])
        menu.insertSeparator(quit_action)
    window.addActions([print_sheet, save, labels])  # shortcuts work with the menu bar hidden
    actions = PrintActions(print_sheet, save, labels)
    window.print_actions = actions
    window.call_sheet_printing = printing
    return actions
