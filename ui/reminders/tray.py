"""The tray icon: the number of due and overdue follow-ups drawn on it, the next one in
the tooltip, and a menu of the next due items and the everyday actions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap, Qt
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from organizer import APP_TITLE
from organizer.reminders import Reminder, title_for, truncate
from resources import APP_ICON

ICON_SIZE = 64


def app_icon() -> QIcon:
    return QIcon(str(APP_ICON))


def badge_icon(count: int, base: QIcon | None = None) -> QIcon:
    """The app icon with `count` in a red disc (nothing drawn for 0)."""
    pixmap = (base or app_icon()).pixmap(ICON_SIZE, ICON_SIZE)
    if pixmap.isNull():
        pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
        pixmap.fill(QColor("#1f6feb"))
    if count <= 0:
        return QIcon(pixmap)
    text = "99+" if count > 99 else str(count)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = ICON_SIZE * (0.62 if len(text) < 3 else 0.9)
    disc = QRect(int(ICON_SIZE - width), 0, int(width), int(ICON_SIZE * 0.62))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#d1242f"))
    painter.drawRoundedRect(disc, disc.height() / 2, disc.height() / 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(disc.height() * (0.72 if len(text) < 3 else 0.6)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


def menu_text(text: str) -> str:
    """A menu label shows '&' as a shortcut marker; contact names must show it as typed."""
    return text.replace("&", "&&")


class ReminderTray(QObject):
    contact_open_requested = Signal(int)
    quick_log_requested = Signal(int)
    snooze_all_requested = Signal()
    print_requested = Signal()
    open_requested = Signal()
    quit_requested = Signal()

    MENU_ITEMS = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.icon.setObjectName("trayIcon")
        self.count = 0
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self._due_actions: list[QAction] = []
        self._header = self.menu.addSection("Next due")
        self._nothing = self.menu.addAction("Nothing due")
        self._nothing.setEnabled(False)
        self.menu.addSeparator()
        self.quick_log_action = self.menu.addAction("Quick log…")
        self.snooze_all_action = self.menu.addAction("Snooze all 10 min")
        self.print_action = self.menu.addAction("Print today's call sheet…")
        self.menu.addSeparator()
        self.open_action = self.menu.addAction("Open Sales Organizer")
        self.quit_action = self.menu.addAction("Quit")
        self._quick_log_contact: int | None = None
        self.quick_log_action.triggered.connect(self._quick_log)
        self.snooze_all_action.triggered.connect(self.snooze_all_requested)
        self.print_action.triggered.connect(self.print_requested)
        self.open_action.triggered.connect(self.open_requested)
        self.quit_action.triggered.connect(self.quit_requested)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.update_state(0, [], [], "UTC", dt.datetime.now(dt.timezone.utc))

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()

    def _quick_log(self) -> None:
        if self._quick_log_contact is None:
            self.open_requested.emit()
        else:
            self.quick_log_requested.emit(self._quick_log_contact)

    def update_state(self, count: int, upcoming: list[Reminder], unhandled: list[Reminder],
                     rep_zone: str, now: dt.datetime) -> None:
        """Redraw for `count` due + overdue follow-ups; `upcoming` feeds the menu."""
        self.count = count
        self.icon.setIcon(badge_icon(count))
        lines = [APP_TITLE, "Nothing due" if count == 0 else f"{count} due or overdue"]
        if upcoming:
            lines.append("Next: " + title_for(upcoming[0], rep_zone, now))
        # Tooltips are rich text: the contact's name must stay plain (QT-5).
        self.icon.setToolTip(Qt.convertFromPlainText("\n".join(lines),
                                                     Qt.WhiteSpaceMode.WhiteSpaceNormal))
        for action in self._due_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        self._due_actions = []
        for rem in upcoming[: self.MENU_ITEMS]:
            label = truncate(title_for(rem, rep_zone, now), 70)
            action = QAction(menu_text(label), self.menu)
            action.setData(rem.contact_id)
            action.triggered.connect(
                lambda _checked=False, cid=rem.contact_id: self.contact_open_requested.emit(cid))
            self.menu.insertAction(self._nothing, action)
            self._due_actions.append(action)
        self._nothing.setVisible(not upcoming)
        first = (upcoming or unhandled or [None])[0]  # the first item the menu lists
        self._quick_log_contact = first.contact_id if first else None
        self.quick_log_action.setText(
            menu_text(f"Quick log: {truncate(first.name, 40)}…") if first else "Quick log…")
        self.snooze_all_action.setEnabled(bool(unhandled))

    def show_message(self, title: str, body: str) -> None:
        self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 10_000)
