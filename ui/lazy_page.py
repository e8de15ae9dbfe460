"""A tab's place for a page that is built when first needed: when its tab is chosen,
when code asks for it, or just after the window's first paint (whichever comes first).
The window then shows Today without waiting for the Contacts and Calendar pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QWidget


class LazyPage(QWidget):
    built = Signal(QWidget)  # the page, once, right after it was built

    def __init__(self, factory: Callable[[QWidget], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._page: QWidget | None = None

    @property
    def is_built(self) -> bool:
        return self._page is not None

    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._factory(self)
            # No layout between the page and the tab: a layout passes every change of
            # the page's size hints up to the tab widget, which then repaints the whole
            # page (a search that showed or hid a scroll bar repainted every widget).
            self.setMinimumSize(self._page.minimumSizeHint())
            self._page.setGeometry(self.rect())
            self._page.show()
            self.built.emit(self._page)
        return self._page

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._page.sizeHint() if self._page is not None else super().sizeHint()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._page is not None:
            self._page.setGeometry(self.rect())
