"""RELIABILITY.md QT-1..QT-5 on the contacts page: what the rep or an import typed is
shown literally in the list, its tooltips, the record, the follow-ups and dialogs."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel

from organizer.contacts import ContactData, create_contact
from organizer.followups import schedule_follow_up
from organizer.when import When
from ui.context import AppContext
from ui.main_window import MainWindow

BOLD = "<b>Acme</b>"
IMAGE = "<img src='/home/u/.ssh/id.png' width=2000 height=2000>"
LINK = "<a href='http://evil'>Click to confirm</a>"
HUGE = "<h1>HUGE"


@pytest.fixture
def hostile(db, clock, prefs):
    cid = create_contact(db, clock, ContactData(
        first_name=BOLD, last_name=HUGE, company=IMAGE, notes=LINK, stage="proposal",
        emails=(("", "x@example.com"),))).value
    schedule_follow_up(db, clock, prefs, cid, When(clock.today() + dt.timedelta(days=1), None),
                       reason="<font color=white>hidden</font>")
    return cid


@pytest.fixture
def window(qtbot, db, clock, prefs, hostile, tmp_path):
    win = MainWindow(AppContext(db, clock, prefs),
                     QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.open_contact(hostile)
    return win


def test_every_label_on_the_page_is_plain_text(window):
    labels = window.contacts_page.findChildren(QLabel)
    assert labels
    for label in labels:
        if label.buddy() is None and label.text() and label.objectName():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    title = window.findChild(QLabel, "detailTitle")
    assert title.text() == f"{BOLD} {HUGE}"
    # Shown literally: no 2000-pixel image, no giant heading in the layout.
    assert title.sizeHint().height() < 200
    assert title.sizeHint().width() < 1000


def test_list_cells_and_tooltips_show_markup_literally(window, hostile):
    model = window.contacts_page.model
    row = model.row_of(hostile)
    assert BOLD in model.data(model.index(row, 0))
    assert IMAGE in model.data(model.index(row, 1))
    tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == GuiQt.convertFromPlainText(f"{BOLD} {HUGE}\n{IMAGE}\nx@example.com")
    assert "&lt;b&gt;" in tip and "<b>" not in tip


def test_tooltip_with_an_ampersand_is_not_double_escaped(db, clock, prefs, qtbot, tmp_path):
    cid = create_contact(db, clock, ContactData(company="Smith & Sons")).value
    win = MainWindow(AppContext(db, clock, prefs),
                     QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    model = win.contacts_page.model
    tip = model.data(model.index(model.row_of(cid), 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == GuiQt.convertFromPlainText("Smith & Sons\nNo next step scheduled")
    assert "&amp;amp;" not in tip


def test_follow_up_reason_and_notes_stay_literal(window):
    tree = window.contacts_page.follow_ups.tree
    assert tree.topLevelItem(0).text(2) == "<font color=white>hidden</font>"
    assert window.contacts_page.detail.notes.toPlainText() == LINK


def test_done_dialog_and_referrer_picker_show_names_literally(qtbot, window, hostile):
    follow_ups = window.contacts_page.follow_ups
    dialog = follow_ups.start_done()
    assert dialog.question.textFormat() == Qt.TextFormat.PlainText
    assert "<font color=white>hidden</font>" in dialog.question.text()
    assert BOLD in dialog.question.text()
    dialog.reject()
    picker = window.contacts_page.detail.pick_referrer()
    picker.search.setText("acme")
    picker.refresh()
    assert picker.results.count() == 0  # only the contact itself matches, and it is excluded
    picker.reject()


def test_error_boxes_and_the_merge_question_show_names_literally(qtbot, db, clock, prefs,
                                                                 hostile, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.context import show_error
    from ui.transfer.merge_dialog import MergeDialog

    plain = Qt.TextFormat.PlainText
    shown = []

    def record(box):  # what the box would show, without waiting for a click
        label = box.findChild(QLabel, "qt_msgbox_label")
        shown.append((label.textFormat(), label.text()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", record)
    show_error(None, f"{BOLD} could not be saved: {IMAGE}")
    assert shown == [(plain, f"{BOLD} could not be saved: {IMAGE}")]

    other = create_contact(db, clock, ContactData(first_name="Ann", company=LINK)).value
    dialog = MergeDialog(AppContext(db, clock, prefs), keep_id=hostile)
    qtbot.addWidget(dialog)
    dialog.other.choose(other)
    label = dialog.confirmation().findChild(QLabel, "qt_msgbox_label")
    assert label.textFormat() == plain
    assert BOLD in label.text() and LINK in label.text()
