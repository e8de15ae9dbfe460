"""Export: pick what to take out and where; written off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organizer.transfer.exporting import export_file
from ui.context import AppContext, show_error
from ui.widgets.plain import plain_label

from .worker import start_worker

CHOICES = (
    (".csv", "Contacts as CSV (Google Contacts columns, opens in Excel)"),
    (".vcf", "Contacts as vCard 4.0 (phones, mail programs)"),
    (".ics", "Open follow-ups as iCalendar events (phone calendars)"),
    (".json", "Everything as JSON (contacts, history, follow-ups, settings)"),
)


class ExportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.thread = self.worker = None
        self.result_text = ""
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.resize(620, 200)
        self.kind = QComboBox(objectName="exportKind")
        for suffix, text in CHOICES:
            self.kind.addItem(text, suffix)
        self.folder = folder or Path.home()
        self.path = QLineEdit(objectName="exportPath")
        self.kind.currentIndexChanged.connect(self._suffix_changed)
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        form = QFormLayout()
        form.addRow("What:", self.kind)
        form.addRow("Save as:", row)
        self.progress = QProgressBar(objectName="exportProgress")
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = plain_label("", name="exportStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.start_export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._suffix_changed()

    def _suffix_changed(self) -> None:
        suffix = self.kind.currentData()
        current = Path(self.path.text()) if self.path.text() else self.folder / "sales-organizer"
        self.path.setText(str(current.with_suffix(suffix)))

    def choose(self) -> None:
        suffix = self.kind.currentData()
        name, _filter = QFileDialog.getSaveFileName(self, "Export to", self.path.text(),
                                                    f"*{suffix}")
        if name:
            self.path.setText(str(Path(name).with_suffix(suffix)))

    def start_export(self) -> None:
        ctx, path = self.ctx, Path(self.path.text())
        self.export_button.setEnabled(False)
        self.progress.show()
        self.status.setText(f"Writing {path.name}…")
        self.thread, self.worker = start_worker(
            self, lambda _progress, _cancel: export_file(ctx.db, ctx.clock, path, ctx.prefs),
            ctx.db.close)
        self.worker.succeeded.connect(self._done)
        self.worker.failed.connect(self._failed)

    def _done(self, result) -> None:
        kind, count = result
        what = "open follow-ups" if kind == "iCalendar" else "contacts"
        self.result_text = f"Exported {count} {what} to {self.path.text()} ({kind})."
        self.progress.hide()
        self.status.setText(self.result_text)
        self.accept()

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(message)
        show_error(self, message)

    def done(self, result: int) -> None:
        if self.thread is not None and self.thread.isRunning():
            self.thread.wait()
        super().done(result)
