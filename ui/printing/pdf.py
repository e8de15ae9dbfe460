"""Rendering to PDF without a window: a GUI application offscreen when there is no
display, the pages into memory, then the file written in one go (no half-written
PDF left behind when the folder is not writable)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter

from organizer.errors import UserError

MARGINS_MM = QMarginsF(14, 12, 14, 11)
RESOLUTION = 300


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, or a new one (offscreen when there is no display).

    A QApplication, not a bare QGuiApplication: in a process that later shows a widget
    (the test suite, the window) a QGuiApplication would make every QWidget abort.
    """
    app = QGuiApplication.instance()
    if app is not None:
        return app
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication(sys.argv[:1] or ["sales-organizer"])


def new_writer(device: QIODevice, page_size: QPageSize, title: str,
               margins: QMarginsF = MARGINS_MM) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(page_size, QPageLayout.Orientation.Portrait, margins,
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator("Sales Organizer")
    return writer


def render_pdf(paint, page_size: QPageSize, title: str,
               margins: QMarginsF = MARGINS_MM) -> tuple[bytes, int]:
    """Run `paint(writer) -> pages` into memory; returns (PDF bytes, page count).

    With zero margins the painter's origin is the paper's corner (label sheets)."""
    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_writer(buffer, page_size, title, margins)
    pages = paint(writer)
    del writer  # the PDF trailer is written when the writer goes away
    buffer.close()
    return bytes(data), pages


def save_bytes(data: bytes, path: str | os.PathLike) -> Path:
    """Write the file, turning OS errors into one plain sentence."""
    target = Path(path).expanduser()
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        target.write_bytes(data)
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise UserError(f"Cannot write {target}: {reason}.") from exc
    return target
