"""Print labels… for the selected contacts: pick the sheet layout, see how many labels
and how many contacts were skipped for want of an address, then preview or save a PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organizer.errors import UserError
from organizer.labels import LAYOUTS, LabelLayout, layout_for_paper, mailing_labels
from ui.context import AppContext, show_error

from .label_sheet import LabelSheetDocument, page_size_of, save_labels_pdf
from .paper import paper_for


def default_layout(paper_size: str) -> LabelLayout:
    from PySide6.QtGui import QPageSize

    letter = paper_for(paper_size).id() == QPageSize.PageSizeId.Letter
    return layout_for_paper("letter" if letter else "a4")


class LabelsDialog(QDialog):
    def __init__(self, ctx: AppContext, contact_ids: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Print mailing labels")
        self.batch = mailing_labels(ctx.db, contact_ids, ctx.prefs.phone_region)
        self.summary = QLabel(self.batch.summary(), self)
        self.summary.setObjectName("labelSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        names = self.batch.skipped_names
        shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        self.skipped = QLabel(f"Without an address: {shown}" if names else "", self)
        self.skipped.setTextFormat(Qt.TextFormat.PlainText)
        self.skipped.setWordWrap(True)
        self.layout_box = QComboBox(self)
        self.layout_box.setObjectName("labelLayout")
        for key, layout in LAYOUTS.items():
            self.layout_box.addItem(layout.name, key)
        self.layout_box.setCurrentIndex(self.layout_box.findData(default_layout(ctx.prefs.paper_size).key))
        self.layout_box.currentIndexChanged.connect(self._update_sheets)
        self.outlines = QCheckBox("Draw label outlines (for a test print on plain paper)", self)
        self.sheets = QLabel(self)
        self.sheets.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow("Labels:", self.summary)
        if names:
            form.addRow("", self.skipped)
        form.addRow("Sheet:", self.layout_box)
        form.addRow("", self.sheets)
        form.addRow("", self.outlines)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton("&Print…", self)
        self.pdf_button = QPushButton("Save as P&DF…", self)
        for button in (self.print_button, self.pdf_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setEnabled(bool(self.batch.labels))
        self.print_button.clicked.connect(self.preview)
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._update_sheets()

    def chosen_layout(self) -> LabelLayout:
        return LAYOUTS[self.layout_box.currentData()]

    def _update_sheets(self) -> None:
        layout = self.chosen_layout()
        count = layout.sheets_for(len(self.batch.labels)) if self.batch.labels else 0
        self.sheets.setText(f"{count} sheet{'s' if count != 1 else ''} of {layout.per_sheet} labels")

    def preview(self) -> QPrintPreviewDialog:
        layout = self.chosen_layout()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)  # label positions are measured from the paper's corner
        printer.setPageSize(page_size_of(layout))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setDocName("Mailing labels")
        self.printer = printer  # the preview only points at it
        dialog = QPrintPreviewDialog(printer, self)
        document = LabelSheetDocument(self.batch, layout, self.outlines.isChecked())
        dialog.paintRequested.connect(document.render)
        dialog.open()
        return dialog

    def save_pdf(self, path: str | None = None) -> str | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Save labels as PDF", "labels.pdf",
                                                  "PDF files (*.pdf)")
            if not path:
                return None
        try:
            saved, _sheets = save_labels_pdf(self.batch, self.chosen_layout(), path,
                                             self.outlines.isChecked())
        except UserError as exc:
            show_error(self, exc.message)
            return None
        return str(saved)
