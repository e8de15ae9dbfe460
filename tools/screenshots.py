"""Render the main window's pages with demo data to PNG files, to look at them.

    .venv/bin/python tools/screenshots.py [OUT_DIR]

Runs offscreen (no display needed) on a fresh demo database with a fixed clock.
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from organizer.clock import FixedClock  # noqa: E402
from organizer.database import open_database  # noqa: E402
from organizer.demo import build_demo  # noqa: E402
from organizer.preferences import save_preferences  # noqa: E402
from ui.context import AppContext  # noqa: E402


def main() -> int:
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    folder = pathlib.Path(tempfile.mkdtemp())
    db = open_database(folder / "shots.db")
    clock = FixedClock(dt.datetime(2026, 11, 23, 10, 0), "America/Chicago")
    save_preferences(db, rep_name="Jordan Rep", time_zone="America/Chicago")
    build_demo(db, clock, 200)
    from ui.main_window import MainWindow

    window = MainWindow(AppContext.open(db, folder / "shots.db", clock))
    window.resize(1280, 800)
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        if index == 1:
            window.open_contact(5)
        for _ in range(5):
            app.processEvents()
        name = window.tabs.tabText(index).replace("&", "").lower()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
