"""The main window composes the pages, menus and status bar; features live in their
own modules and talk through intent signals wired here."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from organizer import APP_TITLE
from ui.actions import Actions, arm_archive_key, build_actions
from ui.context import AppContext
from ui.lazy_page import LazyPage
from ui.today.page import TodayPage
from ui.widgets.cell_fonts import fit_to, shaped_font, unshaped_font

if TYPE_CHECKING:  # built after the first paint, or when first needed
    from ui.calendar.page import CalendarPage
    from ui.contacts.page import ContactsPage

FIRST_PAINT_WAIT_MS = 2000


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, settings: QSettings | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings if settings is not None else QSettings()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_TITLE)
        # Its chrome and Today draw unshaped, the pages with editors shaped: see
        # ui/widgets/cell_fonts.py. Set first: the pages' fonts derive from it.
        self.setFont(unshaped_font())
        self.resize(1280, 800)
        self._restore_geometry()  # first: Today reads as many rows as the window shows
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pages")
        # Today is what the rep sees first: its first screenful is read now, the rest of
        # it and the other pages just after the first paint (or at once, when something
        # asks for a page before that).
        self.today_page = TodayPage(ctx, self, first_screen_only=True)
        self._contacts = LazyPage(self._build_contacts, self)
        self._calendar = LazyPage(self._build_calendar, self)
        for lazy in (self._contacts, self._calendar):
            lazy.setFont(shaped_font())
        self.tabs.addTab(self.today_page, "&Today")
        self.tabs.addTab(self._contacts, "C&ontacts")
        self.tabs.addTab(self._calendar, "C&alendar")
        self.tabs.currentChanged.connect(self._page_chosen)
        self.setCentralWidget(self.tabs)
        self._connect_opening(self.today_page)
        self.actions = build_actions(self)
        self._wire(self.actions)
        self._menus(self.actions)
        self._last_archived: list[int] = []
        status = self.statusBar()
        status.showMessage("Ready")
        # Whoever shows a message (it may name a contact), it is drawn shaped if it must.
        status.messageChanged.connect(lambda text: status.setFont(fit_to(status.font(), text)))
        self._restore_state()
        # Start-up work that need not hold up the first paint (see after_first_paint).
        self._after_paint: list[Callable[[], object]] | None = [
            self._contacts.page, self._calendar.page]

    # -- the pages -----------------------------------------------------------------
    @property
    def contacts_page(self) -> ContactsPage:
        return self._contacts.page()

    @property
    def calendar_page(self) -> CalendarPage:
        return self._calendar.page()

    def _build_contacts(self, parent: QWidget) -> ContactsPage:
        from ui.contacts.page import ContactsPage

        page = ContactsPage(self.ctx, parent)
        arm_archive_key(self.actions.archive)
        page.view.addAction(self.actions.archive)  # WidgetShortcut: Delete acts on the list only
        page.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        page.archived.connect(self._offer_undo)
        page.restore_state(self.settings)
        return page

    def _build_calendar(self, parent: QWidget) -> CalendarPage:
        from ui.calendar.page import CalendarPage

        page = CalendarPage(self.ctx, parent)  # reads its follow-ups when first shown
        self._connect_opening(page)
        return page

    def _connect_opening(self, page) -> None:
        page.contact_open_requested.connect(self.open_contact)
        page.quick_log_requested.connect(self.quick_log)

    def _page_chosen(self, index: int) -> None:
        slot = self.tabs.widget(index)
        if isinstance(slot, LazyPage):
            slot.page()

    def show_page(self, name: str) -> None:
        """Bring a page to the front by name: "today", "contacts" or "calendar"."""
        slot = {"today": self.today_page, "contacts": self._contacts,
                "calendar": self._calendar}[name]
        self.tabs.setCurrentWidget(slot)

    def pages_built(self) -> bool:
        return self._contacts.is_built and self._calendar.is_built

    def current_page(self) -> QWidget:
        slot = self.tabs.currentWidget()
        return slot.page() if isinstance(slot, LazyPage) else slot

    # -- after the first paint -----------------------------------------------------
    def after_first_paint(self, work: Callable[[], object], first: bool = False) -> None:
        """Run `work` from the event loop once the window has been painted for the
        first time (or at once, through the event loop, when it already was): the rep
        sees the window while the rest of start-up finishes. `first`: before the work
        already waiting (opening the full database comes before the pages)."""
        if self._after_paint is None:
            QTimer.singleShot(0, work)
        elif first:
            self._after_paint[:0] = [work]
        else:
            self._after_paint.append(work)

    def run_deferred(self) -> None:
        """Run what waits for the first paint now (a window that starts hidden)."""
        if self._after_paint is None:
            return
        waiting, self._after_paint = self._after_paint, None
        # Each in its own turn; the rest of Today first, as the rep may scroll to it.
        for work in (self.today_page.read_rest, *waiting, _freeze_startup_objects):
            QTimer.singleShot(0, work)

    def forget_deferred(self) -> None:
        """Drop the work still waiting for the first paint: the window is closing before
        it, on a database that could not be opened."""
        self._after_paint = None

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._after_paint is not None:
            self.run_deferred()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._after_paint is not None:
            # Should no paint ever reach the window itself (a platform that skips it),
            # the waiting work still runs.
            QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, self.run_deferred)

    # -- wiring --------------------------------------------------------------------
    def _wire(self, a: Actions) -> None:
        a.find.triggered.connect(self.find)
        a.new_contact.triggered.connect(self.new_contact)
        a.quick_log.triggered.connect(self._quick_log_current)
        a.save_contact.triggered.connect(lambda: self.contacts_page.detail.save())
        a.archive.triggered.connect(lambda: self.contacts_page.archive_selected())
        a.restore.triggered.connect(lambda: self.contacts_page.restore())
        a.undo.triggered.connect(self.undo_archive)
        a.show_today.triggered.connect(lambda: self.show_page("today"))
        a.show_contacts.triggered.connect(lambda: self.show_page("contacts"))
        a.show_calendar.triggered.connect(lambda: self.show_page("calendar"))
        a.preferences.triggered.connect(self.edit_preferences)
        a.quit.triggered.connect(self.close)

    def _menus(self, a: Actions) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.setObjectName("menuFile")
        file_menu.addAction(a.new_contact)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit = bar.addMenu("&Edit")
        edit.setObjectName("menuEdit")
        edit.addAction(a.undo)
        edit.addAction(a.find)
        edit.addSeparator()
        edit.addAction(a.preferences)
        contact = bar.addMenu("&Contact")
        contact.setObjectName("menuContact")
        for action in (a.quick_log, a.save_contact, a.archive, a.restore):
            contact.addAction(action)
        view = bar.addMenu("&View")
        view.setObjectName("menuView")
        for action in (a.show_today, a.show_contacts, a.show_calendar):
            view.addAction(action)

    # -- what the actions do -------------------------------------------------------
    def find(self) -> None:
        self.show_page("contacts")
        self.contacts_page.focus_search()

    def new_contact(self):
        self.show_page("contacts")
        return self.contacts_page.new_contact()

    def edit_preferences(self):
        from PySide6.QtCore import Qt  # not at import: see ui/today/model.py

        from ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _quick_log_current(self) -> None:
        self.show_page("contacts")
        self.contacts_page.start_quick_log()

    def _offer_undo(self, ids: list[int]) -> None:
        self._last_archived = list(ids)
        self.actions.undo.setEnabled(True)
        self.actions.undo.setText(f"&Undo archive ({len(ids)})")

    def undo_archive(self) -> None:
        if not self._last_archived:
            return
        restored = self.contacts_page.restore(self._last_archived)
        if restored:
            self._last_archived = []
            self.actions.undo.setEnabled(False)
            self.actions.undo.setText("&Undo archive")
            if len(restored) == 1:
                self.contacts_page.show_contact(restored[0])

    def open_contact(self, contact_id: int) -> None:
        self.show_page("contacts")
        self.contacts_page.show_contact(contact_id)

    def quick_log(self, contact_id: int) -> None:
        self.open_contact(contact_id)
        self.contacts_page.start_quick_log()

    # -- remembered layout ---------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def _restore_state(self) -> None:
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        if self._contacts.is_built:  # else what was remembered stays as it was
            self.contacts_page.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event) -> None:
        self.save_state()
        super().closeEvent(event)


def _freeze_startup_objects() -> None:
    """Move what start-up built (modules, pages, their caches) out of the cyclic
    collector's sight. With 100,000 contacts the heap is large enough that a collection
    triggered by one search's rows took over 100 ms; frozen objects are not traversed.
    Then the collector runs as ever (the app's start pauses it until here)."""
    gc.collect()
    gc.freeze()
    gc.enable()
