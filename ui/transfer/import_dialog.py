"""Import contacts: a preview first (counts, the first entries, every problem with its
line), then the import itself, both off the GUI thread with a progress bar and Cancel.
Cancel at any moment writes nothing: the import is one transaction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from organizer.transfer.headers import FIELDS
from organizer.transfer.importer import ImportPlan, import_file, preview_import
from ui.context import AppContext, show_error
from ui.widgets.plain import one_line, plain_label

from .worker import TransferWorker, start_worker

DUPLICATE_CHOICES = (("merge", "Merge into the existing contact"), ("skip", "Skip them"),
                     ("add", "Add them as new contacts"))
FIELD_NAMES = {"first_name": "First name", "middle_name": "Middle name", "last_name": "Last name",
               "full_name": "Full name", "company": "Company", "job_title": "Job title",
               "email": "E-mail", "phone": "Phone", "street": "Street", "city": "City",
               "region": "Region", "postal_code": "Postal code", "country": "Country",
               "notes": "Notes", "tags": "Tags", "stage": "Stage", "source": "Source"}


def _cell(text: object) -> QTableWidgetItem:
    item = QTableWidgetItem(one_line(str(text)))
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class ImportDialog(QDialog):
    imported = Signal(object)  # the committed ImportPlan

    def __init__(self, ctx: AppContext, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.plan: ImportPlan | None = None
        self.specs: list[str | None] | None = None
        self.thread: QThread | None = None
        self.worker: TransferWorker | None = None
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import contacts from {self.path.name}")
        self.resize(900, 600)

        self.recognised = plain_label(f"Reading {self.path.name}…", name="importRecognised")
        self.recognised.setWordWrap(True)
        self.counts = plain_label("", name="importCounts")
        self.duplicates = QComboBox(objectName="importDuplicates")
        for key, text in DUPLICATE_CHOICES:
            self.duplicates.addItem(text, key)
        self.duplicates.currentIndexChanged.connect(lambda _i: self.start_preview())
        form = QFormLayout()
        form.addRow("File:", plain_label(str(self.path)))
        form.addRow("Recognised as:", self.recognised)
        form.addRow("Would import:", self.counts)
        form.addRow("Duplicates:", self.duplicates)

        self.rows = _table(["Line", "Name", "Company", "E-mail", "Phone", "What happens"],
                           "importRows")
        self.problems = _table(["Line", "Problem", "Value"], "importProblems")
        self.columns = _table(["Column", "Means"], "importColumns")
        self.tabs = QTabWidget(objectName="importTabs")
        self.tabs.addTab(self.rows, "Entries")
        self.tabs.addTab(self.problems, "Problems")
        self.tabs.addTab(self.columns, "Columns")
        apply_columns = QPushButton("Preview with these columns", objectName="importRemap")
        apply_columns.clicked.connect(self.remap)
        self.apply_columns = apply_columns

        self.progress = QProgressBar(objectName="importProgress")
        self.progress.setRange(0, 100)
        self.status = plain_label("", name="importStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("importCancel")
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel)

        bottom = QVBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(apply_columns, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(bottom)
        layout.addWidget(self.buttons)
        self.start_preview()

    # -- jobs ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def _run(self, job, on_success) -> None:
        if self.busy:
            self.worker.cancel()
            self.thread.wait()
        self.import_button.setEnabled(False)
        self.progress.setValue(0)
        self.thread, self.worker = start_worker(self, job, self.ctx.db.close)
        self.worker.progressed.connect(self.progress.setValue)
        self.worker.succeeded.connect(on_success)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)

    def start_preview(self) -> None:
        ctx, path, choice, specs = self.ctx, self.path, self.duplicates.currentData(), self.specs
        region = ctx.prefs.phone_region
        self.status.setText("Reading the file… nothing is written yet.")
        self._run(lambda progress, cancel: preview_import(
            ctx.db, ctx.clock, path, on_duplicate=choice, region=region, specs=specs,
            progress=progress, cancel=cancel), self._previewed)

    def start_import(self) -> None:
        ctx, path, choice, specs = self.ctx, self.path, self.duplicates.currentData(), self.specs
        region = ctx.prefs.phone_region
        self.status.setText("Importing… Cancel leaves your contacts as they were.")
        self.duplicates.setEnabled(False)
        self._run(lambda progress, cancel: import_file(
            ctx.db, ctx.clock, path, on_duplicate=choice, region=region, specs=specs,
            progress=progress, cancel=cancel), self._imported)

    def cancel(self) -> None:
        if self.busy:
            self.worker.cancel()
            self.status.setText("Cancelling…")
            return
        self.reject()

    # -- results ---------------------------------------------------------------------
    def _previewed(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.progress.setValue(100)
        self.recognised.setText(plan.source.describe())
        self.counts.setText(plan.summary())
        self._fill_rows(plan)
        self._fill_problems(plan)
        self._fill_columns(plan)
        if plan.ok:
            self.status.setText("Check the entries, then press Import.")
        else:
            self.status.setText(plan.first_error() or "The file has problems.")
            self.tabs.setCurrentWidget(self.problems)
        self.import_button.setEnabled(plan.ok and (plan.new + plan.updated) > 0)

    def _imported(self, outcome) -> None:
        self.ctx.publish(outcome)
        self.plan = outcome.value
        self.progress.setValue(100)
        self.status.setText(f"Imported: {outcome.value.summary()}.")
        self.imported.emit(outcome.value)
        self.accept()

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.duplicates.setEnabled(True)
        show_error(self, message)

    def _cancelled(self) -> None:
        self.progress.setValue(0)
        self.duplicates.setEnabled(True)
        self.status.setText("Cancelled: nothing was imported.")
        self.import_button.setEnabled(bool(self.plan and self.plan.ok))

    def _fill_rows(self, plan: ImportPlan) -> None:
        self.rows.setRowCount(len(plan.rows))
        for r, row in enumerate(plan.rows):
            for c, value in enumerate((row.line, row.name, row.company, row.email, row.phone,
                                       row.action)):
                self.rows.setItem(r, c, _cell(value))
        self.rows.resizeColumnsToContents()

    def _fill_problems(self, plan: ImportPlan) -> None:
        self.problems.setRowCount(len(plan.problems))
        for r, problem in enumerate(plan.problems):
            for c, value in enumerate((problem.line, problem.message, problem.value)):
                self.problems.setItem(r, c, _cell(value))
        self.tabs.setTabText(1, f"Problems ({len(plan.problems)})")
        self.problems.resizeColumnToContents(0)
        self.problems.setColumnWidth(1, max(300, int(self.width() * 0.6)))
        self.problems.resizeRowsToContents()

    def _fill_columns(self, plan: ImportPlan) -> None:
        info = plan.source.csv
        self.tabs.setTabVisible(2, info is not None)
        self.apply_columns.setVisible(info is not None)
        if info is None:
            return
        self.columns.setRowCount(len(info.headers))
        for r, (header, spec) in enumerate(zip(info.headers, info.specs, strict=True)):
            self.columns.setItem(r, 0, _cell(header))
            combo = QComboBox()
            combo.addItem("(not imported)", None)
            for field in FIELDS:
                combo.addItem(FIELD_NAMES[field], field)
            base = spec.split("#")[0].split("/")[0] if spec else None
            base = {"email_label": None, "phone_label": None, "custom_label": None,
                    "custom": None}.get(base, base)
            combo.setCurrentIndex(max(0, combo.findData(base)))
            combo.setProperty("original", spec)
            self.columns.setCellWidget(r, 1, combo)
        self.columns.resizeColumnToContents(0)
        if info.layout == "Other CSV":
            self.tabs.setCurrentWidget(self.columns)

    def remap(self) -> None:
        """Preview again with the column meanings the rep chose."""
        if self.plan is None or self.plan.source.csv is None:
            return
        specs = []
        for r in range(self.columns.rowCount()):
            combo = self.columns.cellWidget(r, 1)
            original = combo.property("original")
            chosen = combo.currentData()
            base = original.split("#")[0].split("/")[0] if original else None
            # Keep the precise original meaning (a group, a label) when it was not changed.
            specs.append(original if chosen == base or (chosen is None and base in (
                "email_label", "phone_label", "custom_label", "custom")) else chosen)
        self.specs = specs
        self.start_preview()

    def done(self, result: int) -> None:
        # Never leave a running thread behind: Qt aborts when a running QThread is destroyed.
        if self.thread is not None and self.thread.isRunning():
            self.worker.cancel()
            self.thread.wait()
        super().done(result)
