"""The assembled window (as the app builds it) offers every feature from its menus."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMenu

from organizer.contacts import ContactData, create_contact
from ui.app import build_window
from ui.context import AppContext


def _names(menu: QMenu) -> list[str]:
    return [a.objectName() for a in menu.actions() if a.objectName()]


def test_file_and_edit_menus_hold_every_feature(qtbot, db, clock, prefs, db_path):
    window = build_window(AppContext(db, clock, prefs, db_path))
    qtbot.addWidget(window)
    file_names = _names(window.findChild(QMenu, "menuFile"))
    for name in ("actionNewContact", "actionImport", "actionExport", "actionBackup",
                 "actionRestore", "actionMerge", "printCallSheet", "saveCallSheetPdf",
                 "printLabels"):
        assert name in file_names
    assert file_names[-1] == "actionQuit"
    assert "actionPreferences" in _names(window.findChild(QMenu, "menuEdit"))


def test_preferences_open_from_the_window_and_save(qtbot, db, clock, prefs, db_path):
    ctx = AppContext(db, clock, prefs, db_path)
    window = build_window(ctx)
    qtbot.addWidget(window)
    dialog = window.edit_preferences()
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    dialog.rep_name.setText("Dana  Rep")
    dialog.accept()
    assert ctx.prefs.rep_name == "Dana Rep"


def test_merge_starts_from_the_contact_on_screen(qtbot, db, clock, prefs, db_path):
    ctx = AppContext(db, clock, prefs, db_path)
    for first in ("Ann", "Bo", "Cy"):
        create_contact(db, clock, ContactData(first_name=first, last_name="Lee"))
    window = build_window(ctx)
    qtbot.addWidget(window)
    window.contacts_page.view.setCurrentIndex(window.contacts_page.model.index(2, 0))
    shown = window.contacts_page.current_id
    with qtbot.waitSignal(window.contacts_page.merge_requested) as blocker:
        window.contacts_page.merge_requested.emit(shown)
    assert blocker.args == [shown]
    dialog = window.transfer_actions.controller.dialog
    assert dialog is not None and dialog.keep.current_id() == shown
