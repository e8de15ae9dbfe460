"""Starting the window: check Qt can start, open the database, build the main window."""

from __future__ import annotations

import sys

from organizer import APP_NAME, APP_TITLE


def run_app(db_path: str | None = None) -> int:
    from ui.qt_check import problem_starting_qt

    problem = problem_starting_qt()
    if problem:
        print(f"sales-organizer: {problem}", file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    from organizer.database import default_db_path, open_database
    from organizer.errors import UserError
    from ui.context import AppContext, show_error

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)
    path = default_db_path(db_path)
    try:
        db = open_database(path)
    except UserError as exc:
        print(f"sales-organizer: {exc.message}", file=sys.stderr)
        show_error(None, exc.message)
        return 1
    window = build_window(AppContext.open(db, path))
    window.show()
    return app.exec()


def build_window(ctx):
    """The main window for a context (tests build it the same way)."""
    from ui.main_window import MainWindow

    return MainWindow(ctx)
