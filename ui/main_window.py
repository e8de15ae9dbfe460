"""The main window composes the pages, menus and status bar; features live in their
own modules and talk through intent signals wired here."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTabWidget

from organizer import APP_TITLE
from ui.calendar.page import CalendarPage
from ui.contacts.page import ContactsPage
from ui.context import AppContext
from ui.today.page import TodayPage


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_TITLE)
        self.resize(1280, 800)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pages")
        self.today_page = TodayPage(ctx, self)
        self.contacts_page = ContactsPage(ctx, self)
        self.calendar_page = CalendarPage(ctx, self)
        self.tabs.addTab(self.today_page, "&Today")
        self.tabs.addTab(self.contacts_page, "C&ontacts")
        self.tabs.addTab(self.calendar_page, "C&alendar")
        self.setCentralWidget(self.tabs)
        for page in (self.today_page, self.calendar_page):
            page.contact_open_requested.connect(self.open_contact)
            page.quick_log_requested.connect(self.quick_log)

    def open_contact(self, contact_id: int) -> None:
        self.tabs.setCurrentWidget(self.contacts_page)
        self.contacts_page.show_contact(contact_id)

    def quick_log(self, contact_id: int) -> None:
        self.open_contact(contact_id)
        self.contacts_page.start_quick_log()
