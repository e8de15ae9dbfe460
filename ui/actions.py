"""The window's actions and their shortcuts, in one place (Picard's actions module).
Ctrl+P is left to printing."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction, QKeySequence


class Actions(NamedTuple):  # not a dataclass: one less to define before the first paint
    find: QAction
    new_contact: QAction
    quick_log: QAction
    save_contact: QAction
    archive: QAction
    restore: QAction
    undo: QAction
    show_today: QAction
    show_contacts: QAction
    show_calendar: QAction
    preferences: QAction
    quit: QAction


def _action(parent, text: str, shortcut, name: str, tip: str = "") -> QAction:
    # Text set apart: QAction(text, parent) has PySide weigh the (icon, text, parent)
    # overload, which builds QIcon and its enums before the first paint.
    action = QAction(parent)
    action.setText(text)
    action.setObjectName(name)
    if shortcut is not None:
        # setShortcuts: setShortcut's overloads make PySide build Qt's whole namespace
        # (25-40 ms) before the window's first paint.
        action.setShortcuts(shortcut if isinstance(shortcut, QKeySequence.StandardKey)
                            else [QKeySequence(shortcut)])
    if tip:
        action.setStatusTip(tip)
    parent.addAction(action)
    return action


def arm_archive_key(archive: QAction) -> None:
    """Delete archives only while the contact list has the focus; in a text field it
    deletes text, in the history it never touches the contact. Set when the list is
    built: a shortcut context is one of the Qt namespace's enums, which PySide builds
    (all of them, 25-40 ms) the first time one is used."""
    from PySide6.QtCore import Qt

    archive.setShortcuts(QKeySequence.StandardKey.Delete)
    archive.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)


def build_actions(window) -> Actions:
    """Create the actions on `window` (shortcuts work anywhere in it); the window
    connects them to its pages."""
    actions = Actions(
        find=_action(window, "&Find contact", QKeySequence.StandardKey.Find, "actionFind",
                     "Search contacts by name, company, e-mail or phone"),
        new_contact=_action(window, "&New contact…", QKeySequence.StandardKey.New,
                            "actionNewContact"),
        quick_log=_action(window, "&Quick log", "Ctrl+L", "actionQuickLog",
                          "Log what just happened and set the next step"),
        save_contact=_action(window, "&Save contact", QKeySequence.StandardKey.Save,
                             "actionSaveContact"),
        # Its Delete key is given with the contact list (see arm_archive_key).
        archive=_action(window, "&Archive contact", None, "actionArchive",
                        "Move the selected contacts to the archive"),
        restore=_action(window, "&Restore from archive", "Ctrl+Shift+R", "actionRestore"),
        undo=_action(window, "&Undo archive", QKeySequence.StandardKey.Undo, "actionUndo"),
        show_today=_action(window, "&Today", "Ctrl+1", "actionShowToday"),
        show_contacts=_action(window, "&Contacts", "Ctrl+2", "actionShowContacts"),
        show_calendar=_action(window, "C&alendar", "Ctrl+3", "actionShowCalendar"),
        preferences=_action(window, "&Preferences…", "Ctrl+,", "actionPreferences",
                            "Your name, time zone, working day and reminder lead time"),
        quit=_action(window, "&Quit", QKeySequence.StandardKey.Quit, "actionQuit"),
    )
    actions.undo.setEnabled(False)
    actions.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    return actions
