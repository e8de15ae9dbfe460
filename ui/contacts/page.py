"""The contacts page: the list with search and filters on the left, the selected
contact's record in the middle, its follow-ups, history and the quick log on the right.
Every view redraws from ctx.broadcaster.changed, whoever made the change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from organizer.changes import Changes
from organizer.contacts import archive_contacts, create_contact, restore_contacts
from ui.contacts.detail import ContactDetail
from ui.contacts.filters import FilterBar
from ui.contacts.follow_up_list import FollowUpList
from ui.contacts.history_view import HistoryPane
from ui.contacts.quick_log import QuickLogPanel
from ui.contacts.table_model import ContactTableModel
from ui.widgets.cell_fonts import unshaped_font
from ui.widgets.plain import plain_label

if TYPE_CHECKING:  # the dialogs are imported when first opened
    from ui.contacts.dialog import NewContactDialog

DEBOUNCE_MS = 180


class ContactsPage(QWidget):
    contact_open_requested = Signal(int)
    quick_log_requested = Signal(int)
    status_message = Signal(str)
    archived = Signal(list)  # ids, so the window can offer Undo
    merge_requested = Signal(int)  # keep this contact, pick the other in the dialog

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("contactsPage")
        self.current_id: int | None = None
        # -- left: search, filters, list
        left = QWidget(self)
        # Opaque: a repaint in the list column (each keystroke) stops here instead of
        # painting the splitter, page, tab widget and window beneath it first.
        left.setAutoFillBackground(True)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(left)
        self.search.setObjectName("contactSearch")
        self.search.setPlaceholderText("Search name, company, e-mail or phone (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.filter_bar = FilterBar(ctx, left)
        self.model = ContactTableModel(ctx, self)
        self.view = QTableView(left)
        self.view.setObjectName("contactList")
        self.view.setFont(unshaped_font())  # its cells shape only where they must
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        # Always there: a bar that comes and goes with the number of matches re-lays
        # out the whole window on the keystroke that crosses a screenful.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        vertical = self.view.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((115, 100, 74, 56, 70)):
            self.view.setColumnWidth(column, width)
        self.count_label = plain_label("", left, name="contactCount")
        # A fixed size: a new count must not re-lay out (and repaint) the whole column.
        self.count_label.setFixedSize(300, self.fontMetrics().height() + 4)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.count_label)
        # -- middle: the record
        self.detail = ContactDetail(ctx)
        scroll = QScrollArea(self)
        scroll.setWidget(self.detail)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(300)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # -- right: follow-ups, history, quick log
        self.follow_ups = FollowUpList(ctx)
        self.history = HistoryPane(ctx)
        self.quick_log = QuickLogPanel(ctx)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.setObjectName("activitySplitter")
        right.addWidget(self._titled("Open follow-ups", self.follow_ups))
        right.addWidget(self._titled("History, newest first", self.history))
        right.addWidget(self.quick_log)
        right.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("contactsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(right)
        self.splitter.setSizes([560, 340, 380])
        right.setSizes([150, 330, 260])
        self.right_splitter = right
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        # -- wiring
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._focus_list)
        self.filter_bar.changed.connect(self.search_now)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        # A header click sorts by a new query, the rows refilled in place (after the
        # view's own handler, connected first): let go of the old selection there too.
        header.sortIndicatorChanged.connect(lambda *_a: self._search(lambda: None))
        self.model.searched.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        ctx.broadcaster.changed.connect(self.on_changed)
        self.search_now()

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(title, box))
        layout.addWidget(widget)
        return box

    # -- list ----------------------------------------------------------------------
    def search_now(self) -> None:
        """Run the search at once (the debounce timer ends here)."""
        self._debounce.stop()
        self._search(lambda: self.model.search(self.search.text(), self.filter_bar.filters()))

    def _search(self, run) -> None:
        # The rows are refilled in place: what was selected is let go first (a row
        # number would now stand for another contact), the open contact found again.
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        selection.clear()
        selection.blockSignals(False)
        if self.view.isVisible():  # a page: the rows the list shows, and a few more
            rows = self.view.height() // self.view.verticalHeader().defaultSectionSize()
            self.model.page_size = rows + 5
        run()
        self._reselect()

    def _reselect(self) -> None:
        row = self.model.row_of(self.current_id) if self.current_id is not None else -1
        if row >= 0:
            self.view.selectionModel().blockSignals(True)
            self.view.selectRow(row)
            self.view.selectionModel().blockSignals(False)
            self.view.scrollTo(self.model.index(row, 0))

    def _update_count(self, *_args) -> None:
        n = len(self.model.ids)
        more = "" if self.model.complete else "+"
        where = "in the archive" if self.model.filters.archived else "shown"
        self.count_label.setText(f"{n:,}{more} contacts {where}")

    def _focus_list(self) -> None:
        self.search_now()
        self.view.setFocus()
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _row_changed(self, current, _previous) -> None:
        contact_id = self.model.contact_id(current.row()) if current.isValid() else None
        if contact_id is not None and contact_id != self.current_id:
            self._show(contact_id)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        contact_id = self.model.contact_id(index.row()) if index.isValid() else None
        if contact_id is None:
            return
        if contact_id != self.current_id:
            self.view.setCurrentIndex(index)
        menu = QMenu(self.view)
        menu.addAction("&Quick log", self.start_quick_log)
        menu.addAction("&Merge with another contact…", lambda: self.merge_requested.emit(contact_id))
        menu.addSeparator()
        menu.addAction("&Archive", self.archive_selected)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        ids = [self.model.contact_id(r) for r in rows]
        found = [i for i in ids if i is not None]
        if not found and self.current_id is not None:
            found = [self.current_id]
        return found

    # -- the record ----------------------------------------------------------------
    def _show(self, contact_id: int | None) -> None:
        self.current_id = contact_id
        stage = self.detail.load(contact_id, force=True)
        if stage is None:
            contact_id = self.current_id = None
        self.follow_ups.load(contact_id, stage or "")
        self.history.load(contact_id)
        self.quick_log.set_contact(contact_id, self.detail.data.preferred_channel)

    def show_contact(self, contact_id: int) -> None:
        """Open a contact (from Today, Calendar, a reminder): select it in the list if
        the current search shows it, else clear the search so it does."""
        if self.model.row_of(contact_id) < 0:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.filter_bar.clear()
            self.search_now()
        self._show(contact_id)
        self._reselect()

    def start_quick_log(self) -> None:
        if self.current_id is None:
            self.status_message.emit("Choose a contact first, then Ctrl+L logs what happened.")
            return
        self.quick_log.start()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- actions -------------------------------------------------------------------
    def new_contact(self) -> NewContactDialog:
        from ui.contacts.dialog import NewContactDialog

        dialog = NewContactDialog(self.ctx, self)

        def create() -> None:
            outcome = self.ctx.run(self.window(), create_contact, self.ctx.clock, dialog.data,
                                   self.ctx.prefs.phone_region)
            if outcome is not None:
                self.show_contact(outcome.value)

        dialog.accepted.connect(create)
        dialog.open()
        return dialog

    def archive_selected(self) -> list[int]:
        ids = self.selected_ids()
        if not ids or self.model.filters.archived:
            return []
        if self.ctx.run(self.window(), archive_contacts, self.ctx.clock, ids) is None:
            return []
        if self.current_id in ids:
            self._show(None)
        self.status_message.emit(f"Archived {len(ids)} contact{'s' if len(ids) != 1 else ''}. "
                                 "Ctrl+Z brings them back.")
        self.archived.emit(ids)
        return ids

    def restore(self, ids: list[int] | None = None) -> list[int]:
        ids = ids if ids is not None else self.selected_ids()
        if not ids:
            return []
        if self.ctx.run(self.window(), restore_contacts, self.ctx.clock, ids) is None:
            return []
        self.status_message.emit(f"Restored {len(ids)} contact{'s' if len(ids) != 1 else ''}.")
        return ids

    # -- every change, from anywhere -----------------------------------------------
    def on_changed(self, changes: Changes) -> None:
        concerns_current = self.current_id is not None and (
            not changes.contact_ids or self.current_id in changes.contact_ids)
        if changes.contacts or changes.follow_ups or changes.interactions or changes.preferences:
            self._search(self.model.refresh)
        if changes.contacts:
            self.filter_bar.reload_tags()
        if concerns_current:
            stage = self.detail.load(self.current_id)
            self.follow_ups.load(self.current_id, stage or "")
            if changes.interactions:
                self.history.reload()

    # -- remembered layout ---------------------------------------------------------
    def save_state(self, settings) -> None:
        settings.setValue("contacts/splitter", self.splitter.saveState())
        settings.setValue("contacts/activity", self.right_splitter.saveState())
        settings.setValue("contacts/header", self.view.horizontalHeader().saveState())
        settings.setValue("contacts/history_header", self.history.view.horizontalHeader().saveState())

    def restore_state(self, settings) -> None:
        for key, target in (("contacts/splitter", self.splitter),
                            ("contacts/activity", self.right_splitter),
                            ("contacts/header", self.view.horizontalHeader()),
                            ("contacts/history_header", self.history.view.horizontalHeader())):
            value = settings.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                target.restoreState(value)
