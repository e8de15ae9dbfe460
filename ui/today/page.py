"""Today: the morning review. Missed promises first, then overdue, due today, new leads,
what the rep is waiting on, and the prospects going quiet; counts in every header.

It redraws when a service reports a change, when the day turns over, and when one of
today's items becomes late (a one-minute wall-clock tick, never a long timer).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPoint, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from organizer import phones
from ui.today.model import REF_ROLE, SECTION_ROLE, TodayModel
from ui.today.sections import RowRef, Section, SectionBuilder
from ui.widgets.cell_fonts import fit_to

__all__ = ["REF_ROLE", "SECTION_ROLE", "TodayPage"]
TICK_MS = 60_000
# Lines read and worked out before the page is first drawn; the sections and rows below
# them come just after (read_rest, fill_pending). None: as many as the screen shows.
FIRST_SCREEN: int | None = None
WIDTHS = (210, 130, 140, 120, 75, 85, 55, 195)  # the last column stretches


def call(number: str) -> bool:
    """Hand the number to the system's phone handler (a softphone, a paired mobile)."""
    from PySide6.QtCore import QUrl  # here, like the other classes the first paint
    from PySide6.QtGui import QDesktopServices  # does without (PySide builds each on use)

    return QDesktopServices.openUrl(QUrl(phones.tel_uri(number)))


def snooze_menu(ctx, parent: QWidget, follow_up_id: int) -> QMenu:
    # The services (and peewee under them) load when first used, not with the window.
    from organizer.followups import snooze
    from organizer.reminders import SNOOZE_PRESETS, snooze_until

    menu = QMenu("S&nooze", parent)
    for preset in SNOOZE_PRESETS:
        action = menu.addAction(f"Remind me in {preset}" if preset[0].isdigit() else
                                f"Remind me {preset}")
        action.triggered.connect(lambda _=False, p=preset: ctx.run(
            parent, snooze, ctx.clock, follow_up_id, snooze_until(p, ctx.clock, ctx.prefs)))
    return menu


class _TodayTree(QTreeView):
    """The list, saying where a context menu was asked for (without the context-menu
    policy enum, which would make PySide build Qt's whole namespace at start-up)."""

    context_menu_at = Signal(QPoint)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.context_menu_at.emit(event.pos())


class TodayPage(QWidget):
    contact_open_requested = Signal(int)
    quick_log_requested = Signal(int)

    def __init__(self, ctx, parent=None, first_screen_only: bool = False) -> None:
        """`first_screen_only`: read only the sections that fill the first screen; the
        rest wait for read_rest() (the window calls it just after its first paint)."""
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todayView")
        self.sections: list[Section] = []
        self._day: dt.date | None = None
        self._next_late: dt.datetime | None = None
        self._drawn_at: dt.datetime | None = None

        self.title = QLabel(self)
        self.title.setObjectName("todayTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.call_button = self._button("&Call", self.call_selected)
        self.log_button = self._button("&Log…", self.log_selected)
        self.snooze_button = self._button("S&nooze", None)
        self.reschedule_button = self._button("&Reschedule…", self.reschedule_selected)
        self.open_button = self._button("O&pen", self.open_selected)
        self.snooze_button.clicked.connect(self._snooze_from_button)

        self.model = TodayModel(self.font(), self.palette(), self)
        self.view = _TodayTree(self)
        self.view.setObjectName("todayList")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setRootIsDecorated(False)
        self.view.setIndentation(12)
        self.view.setItemsExpandable(False)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.context_menu_at.connect(self._context_menu)
        self.view.activated.connect(lambda _index: self.open_selected())
        header = self.view.header()
        header.setStretchLastSection(True)
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.selectionModel().currentRowChanged.connect(self._update_actions)
        # More rows are read when a section's end comes into view: after a scroll, a
        # resize, a redraw (each asks once, through the event loop).
        self._painted = False  # nothing is read for the rows below before a first paint
        self._grow_soon = QTimer(self, singleShot=True, interval=0)
        self._grow_soon.timeout.connect(self.grow_shown_sections)
        # The scroll bar is watched once the page has been painted (_after_first_paint):
        # asking for it builds PySide's slider classes, 0.5 ms the first paint can spare.

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        for button in (self.call_button, self.log_button, self.snooze_button,
                       self.reschedule_button, self.open_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        ctx.broadcaster.changed.connect(lambda _changes: self.refresh())
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.refresh(self._screenful() if first_screen_only else None)

    def _button(self, text: str, slot) -> QPushButton:
        # Text set apart: QPushButton(text, parent) has PySide weigh the (icon, text)
        # overload, which builds QIcon and its enums (2 ms) before the first paint.
        button = QPushButton(self)
        button.setText(text)
        button.setAutoDefault(False)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    # --- drawing ---------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw when the date changed or one of today's items has just turned late."""
        now = self.ctx.clock.now()
        if self.ctx.clock.today() != self._day:
            self.refresh()
            return
        if self._next_late is None:
            self._next_late = SectionBuilder(self.ctx).next_late_after(self._drawn_at)
        if self._next_late is not None and now >= self._next_late:
            self.refresh()

    def _screenful(self) -> int:
        """The most lines the list can show in its window as it opens: what its first
        paint can need. The window's height, the screen's when it opens maximized."""
        if FIRST_SCREEN is not None:
            return FIRST_SCREEN
        screen = self.screen()
        height = screen.availableGeometry().height() if screen is not None else 2160
        window = self.window()
        if window is not self and not (window.isMaximized() or window.isFullScreen()):
            height = min(height, window.height())
        return height // self.model.row_size.height() + 1

    def refresh(self, screen: int | None = None) -> None:
        """Read and show every section; `screen`: only the sections and rows that fill
        that many lines (see SectionBuilder.build), the others just after."""
        kept = self.selected_ref()
        scroll = self.view.verticalScrollBar().value() if self._painted else 0
        builder = SectionBuilder(self.ctx)
        self.sections = builder.build({s.key: len(s.rows) for s in self.sections}, screen)
        self._day = builder.today
        self._drawn_at = builder.now
        self._next_late = None  # worked out at the next tick, not on the way to a paint
        title = f"Today — {builder.today.strftime('%A %d %B %Y')}"  # in the rep's language
        self.title.setText(title)
        self.title.setFont(fit_to(self.title.font(), title))
        if screen is None:
            self.model.set_sections(self.sections)
        else:  # before the first paint: the rows it shows, their tooltips after it
            self.model.set_sections(self.sections, screen, tips=False)
        for top, section in enumerate(self.sections):
            self._lay_out(top, section)
        if scroll:
            self.view.verticalScrollBar().setValue(scroll)
        if kept is None or not self.select_row(kept.section, kept.follow_up_id, kept.contact_id):
            self._select_first()
        self._update_actions()
        self._ask_grow()

    def read_rest(self) -> None:
        """Read the sections the first screen left for later, and show them."""
        for top, section in enumerate(self.sections):
            if section.rest is None:
                continue
            self.sections[top] = section = section.rest()
            self.model.read_in(top, section)
            self._lay_out(top, section)
        if self.selected_ref() is None:
            self._select_first()
            self._update_actions()

    def _lay_out(self, top: int, section: Section) -> None:
        """A section's header across the list, its rows shown, and its "… and N more"
        (the section's last child) across the list too."""
        self.view.setFirstColumnSpanned(top, QModelIndex(), True)
        parent = self.model.index(top, 0)
        self.view.expand(parent)
        if section.more:
            self.view.setFirstColumnSpanned(len(section.rows), parent, True)

    def _ask_grow(self) -> None:
        if self._painted:
            self._grow_soon.start()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:  # the first paint: rows below are looked at after it
            self._painted = True
            self._grow_soon.start()
            QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        scroll = self.view.verticalScrollBar()
        scroll.valueChanged.connect(lambda _v: self._ask_grow())
        scroll.rangeChanged.connect(lambda _low, _high: self._ask_grow())
        # A shortcut's context is one of Qt's namespace enums, which PySide builds (all
        # of them, 25-40 ms) on first use.
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QKeySequence

        reschedule_key = QAction(self)
        reschedule_key.setShortcut(QKeySequence("F2"))
        reschedule_key.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reschedule_key.triggered.connect(self.reschedule_selected)
        self.addAction(reschedule_key)

    def grow_shown_sections(self) -> None:
        """Read the next rows of every section whose "… and N more" is on screen (and
        work out the words of the rows the first screenful left for later)."""
        self.model.fill_pending()
        # The view's own height stands for its viewport's (a little more, by the header):
        # asking Qt for the viewport widget costs PySide a search through every widget
        # class the first time.
        height = self.view.height()
        for row, section in enumerate(self.sections):
            while section.can_grow():
                more = self.model.index(len(section.rows), 0, self.model.index(row, 0))
                place = self.view.visualRect(more)
                if not (place.isValid() and place.bottom() >= 0 and place.top() < height) \
                        or not self.model.grow(row):
                    break

    # --- selection -------------------------------------------------------------------

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def selected_ref(self) -> RowRef | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return index.siblingAtColumn(0).data(REF_ROLE)

    def select_row(self, section: str, follow_up_id: int | None, contact_id: int) -> bool:
        for top in range(self.model.rowCount()):
            parent = self.model.index(top, 0)
            if parent.data(SECTION_ROLE) != section:
                continue
            for child in range(self.model.rowCount(parent)):
                index = self.model.index(child, 0, parent)
                ref = index.data(REF_ROLE)
                if ref is not None and ref.contact_id == contact_id \
                        and ref.follow_up_id == follow_up_id:
                    self.view.setCurrentIndex(index)
                    return True
        return False

    def _select_first(self) -> None:
        for top in range(self.model.rowCount()):
            index = self.model.index(0, 0, self.model.index(top, 0))
            if index.isValid() and index.data(REF_ROLE) is not None:
                self.view.setCurrentIndex(index)
                return

    def _update_actions(self, *_args) -> None:
        ref = self.selected_ref()
        self.call_button.setEnabled(bool(ref and ref.phone))
        self.log_button.setEnabled(ref is not None)
        self.open_button.setEnabled(ref is not None)
        has_follow_up = bool(ref and ref.follow_up_id)
        self.snooze_button.setEnabled(has_follow_up)
        self.reschedule_button.setEnabled(has_follow_up)

    # --- actions ---------------------------------------------------------------------

    def call_selected(self) -> None:
        ref = self.selected_ref()
        if ref and ref.phone:
            call(ref.phone)

    def log_selected(self) -> None:
        ref = self.selected_ref()
        if ref:
            self.quick_log_requested.emit(ref.contact_id)

    def open_selected(self) -> None:
        ref = self.selected_ref()
        if ref:
            self.contact_open_requested.emit(ref.contact_id)

    def reschedule_selected(self) -> None:
        ref = self.selected_ref()
        if ref and ref.item is not None:
            self.reschedule_dialog(ref).open()

    def reschedule_dialog(self, ref: RowRef):
        from PySide6.QtCore import Qt

        from ui.today.reschedule_dialog import RescheduleDialog

        dialog = RescheduleDialog(self.ctx, ref.item, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    def _snooze_from_button(self) -> None:
        ref = self.selected_ref()
        if ref and ref.follow_up_id:
            menu = snooze_menu(self.ctx, self, ref.follow_up_id)
            menu.exec(self.snooze_button.mapToGlobal(QPoint(0, self.snooze_button.height())))

    def row_menu(self, ref: RowRef) -> QMenu:
        menu = QMenu(self)
        if ref.phone:
            menu.addAction(f"&Call {phones.display(ref.phone, self.ctx.prefs.phone_region)}",
                           lambda: call(ref.phone))
        menu.addAction("&Log…", lambda: self.quick_log_requested.emit(ref.contact_id))
        if ref.follow_up_id:
            menu.addMenu(snooze_menu(self.ctx, self, ref.follow_up_id))
            menu.addAction("&Reschedule…", lambda: self.reschedule_dialog(ref).open())
        menu.addAction("O&pen contact", lambda: self.contact_open_requested.emit(ref.contact_id))
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        ref = self.view.indexAt(pos).siblingAtColumn(0).data(REF_ROLE)
        if ref is not None:
            self.row_menu(ref).exec(self.view.viewport().mapToGlobal(pos))
