"""A tab's place for a page that is built when first needed: when its tab is chosen,
when code asks for it, or just after the window's first paint (whichever comes first).
The window then shows Today without waiting for the Contacts and Calendar pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    built = Signal(QWidget)  # the page, once, right after it was built

    def __init__(self, factory: Callable[[QWidget], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._page is not None

    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._factory(self)
            self._layout.addWidget(self._page)
            self.built.emit(self._page)
        return self._page
