"""The main window driven as a rep drives it: search, filters, editing with a bad
e-mail, the quick log with a typed next step, completing a follow-up, archive + undo,
shortcuts and remembered layout."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableView

from organizer.agenda import open_follow_ups
from organizer.contacts import ContactData, create_contact, load_contact
from organizer.followups import schedule_follow_up
from organizer.interactions import history, history_count, log_interaction
from organizer.when import When, parse_when
from ui.context import AppContext
from ui.main_window import MainWindow


@pytest.fixture
def settings_path(tmp_path):
    return str(tmp_path / "ui.ini")


@pytest.fixture
def people(db, clock):
    def add(**fields):
        return create_contact(db, clock, ContactData(**fields)).value

    return {
        "ann": add(first_name="Ann", last_name="Lee", company="Acme Roofing", stage="qualified",
                   phones=(("work", "(415) 555-0142"),), emails=(("work", "ann@acme.example"),),
                   tags=("vip",)),
        "bob": add(first_name="Bob", last_name="Garcia", company="Blue Dental", stage="proposal",
                   phones=(("mobile", "312-555-0199"),)),
        "cara": add(first_name="Cara", last_name="Novak", company="Zeta Labs", stage="won"),
    }


@pytest.fixture
def window(qtbot, db, clock, prefs, people, settings_path):
    ctx = AppContext(db, clock, prefs)
    win = MainWindow(ctx, QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    # The Contacts page is built just after the first paint, as the rep sees it.
    qtbot.waitUntil(win.pages_built)
    return win


def _list(win) -> QTableView:
    return win.findChild(QTableView, "contactList")


def _ids(win) -> list[int]:
    return list(win.contacts_page.model.ids)


def test_search_as_you_type_finds_name_company_and_phone_digits(qtbot, window, people):
    search = window.findChild(QLineEdit, "contactSearch")
    window.actions.find.trigger()
    assert search.hasFocus() or QApplication.focusWidget() is search
    qtbot.keyClicks(search, "5550142")
    qtbot.waitUntil(lambda: _ids(window) == [people["ann"]])
    search.clear()
    qtbot.keyClicks(search, "dental")
    qtbot.waitUntil(lambda: _ids(window) == [people["bob"]])
    search.clear()
    qtbot.waitUntil(lambda: len(_ids(window)) == 3)


def test_filters_stage_tag_and_no_next_step(qtbot, window, people, db, clock, prefs):
    bar = window.contacts_page.filter_bar
    bar.stage.setCurrentIndex(bar.stage.findData("won"))
    assert _ids(window) == [people["cara"]]
    bar.stage.setCurrentIndex(0)
    bar.tag.setCurrentIndex(bar.tag.findData("vip"))
    assert _ids(window) == [people["ann"]]
    bar.tag.setCurrentIndex(0)
    bar.no_next.setChecked(True)
    assert _ids(window) == [people["ann"], people["bob"]]
    # A follow-up scheduled anywhere takes Bob off the list at once.
    window.contacts_page.ctx.run(None, schedule_follow_up, clock, prefs, people["bob"],
                                 When(clock.today() - dt.timedelta(days=1), None))
    assert _ids(window) == [people["ann"]]
    bar.no_next.setChecked(False)
    bar.overdue.setChecked(True)
    assert _ids(window) == [people["bob"]]


def test_bad_email_is_refused_with_a_sentence_then_a_good_one_is_saved(qtbot, window, people, db):
    window.open_contact(people["ann"])
    detail = window.findChild(QLabel, "detailProblem").parent()
    emails = detail.findChild(QLineEdit, "detailEmails")
    emails.setText("ann@")
    emails.textEdited.emit("ann@")
    qtbot.mouseClick(detail.findChild(QPushButton, "detailSave"), Qt.MouseButton.LeftButton)
    problem = detail.findChild(QLabel, "detailProblem")
    assert "'ann@' is not valid" in problem.text()
    assert load_contact(db, people["ann"])[1].emails == (("work", "ann@acme.example"),)
    emails.setText("ann.lee@acme.example")
    detail.findChild(QLineEdit, "detailPhones").setText("415 555 0100")
    qtbot.mouseClick(detail.findChild(QPushButton, "detailSave"), Qt.MouseButton.LeftButton)
    data = load_contact(db, people["ann"])[1]
    assert data.emails == (("work", "ann.lee@acme.example"),)
    assert data.phones == (("work", "+14155550100"),)  # stored normalised ...
    assert detail.findChild(QLineEdit, "detailPhones").text() == "(415) 555-0100"  # shown formatted
    assert problem.text() == ""


def test_quick_log_reads_a_typed_next_step_and_shows_it_before_saving(qtbot, window, people, db, clock):
    window.quick_log(people["bob"])
    panel = window.contacts_page.quick_log
    assert panel.objectName() == "quickLog" and panel.isEnabled()
    panel.note.setText("Wants the price list")
    panel.next_step.text.setText("next tue 3pm")
    expected = parse_when("next tue 3pm", clock.local_now())
    understood = window.findChild(QLabel, "nextUnderstood")
    assert understood.text() == "→ " + expected.describe()
    assert expected.date.weekday() == 1 and expected.time == dt.time(15, 0)
    panel.next_step.kind_combo.setCurrentIndex(panel.next_step.kind_combo.findData("promised"))
    assert history_count(db, people["bob"]) == 0  # nothing saved while reading
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert [h.notes for h in history(db, people["bob"])] == ["Wants the price list"]
    [follow_up] = open_follow_ups(db, people["bob"])
    assert (follow_up.due_date, follow_up.due_time, follow_up.kind) == (
        expected.date, expected.time, "promised")
    # Every view showing Bob redrew: history, follow-ups, the list's columns.
    assert window.contacts_page.history.model.rowCount() == 1
    assert window.contacts_page.follow_ups.tree.topLevelItemCount() == 1
    model = window.contacts_page.model
    row = model.row_of(people["bob"])
    assert model.data(model.index(row, 3)) == "1"
    assert model.data(model.index(row, 5)).startswith(expected.date.strftime("%d %b %y"))


def test_quick_log_refuses_words_it_cannot_read(qtbot, window, people, db):
    window.quick_log(people["bob"])
    panel = window.contacts_page.quick_log
    panel.next_step.text.setText("when pigs fly")
    assert "not a date I can read" in window.findChild(QLabel, "nextUnderstood").text()
    assert not panel.save()
    assert "not a date I can read" in window.findChild(QLabel, "logProblem").text()
    assert history_count(db, people["bob"]) == 0


def test_quick_pick_buttons_land_on_working_days(qtbot, window, people, clock):
    window.quick_log(people["bob"])
    editor = window.contacts_page.quick_log.next_step
    qtbot.mouseClick(editor.pick_buttons[0], Qt.MouseButton.LeftButton)  # +1 day
    assert editor.when() == When(dt.date(2026, 11, 24), None)
    qtbot.mouseClick(editor.pick_buttons[3], Qt.MouseButton.LeftButton)  # +2 weeks
    assert editor.when() == When(dt.date(2026, 12, 7), None)


def test_completing_a_follow_up_asks_for_the_next_one(qtbot, window, people, db, clock, prefs):
    schedule_follow_up(db, clock, prefs, people["ann"], When(clock.today(), dt.time(9, 0)),
                       kind="promised", reason="Call back about the roof")
    window.open_contact(people["ann"])
    follow_ups = window.contacts_page.follow_ups
    assert follow_ups.tree.objectName() == "followUpList"
    assert follow_ups.tree.topLevelItemCount() == 1
    with qtbot.waitSignal(follow_ups.dialog_opened) as opened:
        qtbot.mouseClick(follow_ups.done_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert "Call back about the roof" in dialog.question.text()
    assert "never be left without one" in dialog.question.text()
    dialog.editor.text.setText("in a week")
    dialog.editor.reason.setText("Send the quote")
    dialog.accept()
    [follow_up] = open_follow_ups(db, people["ann"])
    assert (follow_up.reason, follow_up.due_date) == ("Send the quote", dt.date(2026, 11, 30))
    assert follow_ups.tree.topLevelItemCount() == 1
    assert follow_ups.tree.topLevelItem(0).text(2) == "Send the quote"


def test_archive_with_delete_then_undo_then_restore_from_the_archive(qtbot, window, people):
    view = _list(window)
    window.open_contact(people["bob"])
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: people["bob"] not in _ids(window))
    assert "Archived 1 contact" in window.statusBar().currentMessage()
    assert window.actions.undo.isEnabled()
    window.actions.undo.trigger()
    assert people["bob"] in _ids(window)
    assert not window.actions.undo.isEnabled()
    # Archive again, then restore it from the archive view.
    window.open_contact(people["bob"])
    window.actions.archive.trigger()
    window.contacts_page.filter_bar.archived.setChecked(True)
    assert _ids(window) == [people["bob"]]
    view.selectRow(0)
    window.actions.restore.trigger()
    assert _ids(window) == []
    window.contacts_page.filter_bar.archived.setChecked(False)
    assert people["bob"] in _ids(window)


def test_shortcuts_reach_every_main_action(qtbot, window, people):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget().objectName() == "contactSearch"
    window.open_contact(people["ann"])
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget().objectName() == "logNote"
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window.actions}
    assert shortcuts["actionNewContact"] == "Ctrl+N"
    assert shortcuts["actionQuickLog"] == "Ctrl+L"
    assert shortcuts["actionArchive"] == "Del"
    assert "Ctrl+P" not in shortcuts.values()  # printing's


def test_new_contact_dialog_checks_then_creates_and_opens(qtbot, window, db):
    dialog = window.new_contact()
    dialog.email.setText("not-an-address")
    dialog.first.setText("Dana")
    dialog.accept()
    assert "not valid" in dialog.problem.text() and dialog.isVisible()
    dialog.email.setText("dana@example.com")
    dialog.accept()
    page = window.contacts_page
    assert page.current_id is not None
    assert load_contact(db, page.current_id)[1].emails == (("work", "dana@example.com"),)
    assert window.findChild(QLabel, "detailTitle").text() == "Dana"


def test_history_entries_can_be_added_edited_and_deleted(qtbot, window, people, db, clock):
    window.open_contact(people["cara"])
    pane = window.contacts_page.history
    dialog = pane.add_entry()
    dialog.notes.setPlainText("Sent a holiday card")
    dialog.channel.setCurrentText("card")
    dialog.outcome.setCurrentText("sent")
    dialog.accept()
    assert pane.model.rowCount() == 1 and pane.model.rows[0].channel == "card"
    pane.view.selectRow(0)
    dialog = pane.edit_selected()
    dialog.notes.setPlainText("Sent a New Year card")
    dialog.accept()
    assert history(db, people["cara"])[0].notes == "Sent a New Year card"
    box = pane.delete_selected()
    qtbot.mouseClick(box.button(box.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert history_count(db, people["cara"]) == 0 and pane.model.rowCount() == 0


def test_phone_and_email_open_the_dialer_and_mail_program(qtbot, window, people, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window.open_contact(people["ann"])
    links = [b for b in window.findChildren(QPushButton, "contactLink") if b.isVisible()]
    assert [b.text() for b in links] == ["☎ (415) 555-0142", "✉ ann@acme.example"]
    for button in links:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == ["tel:+14155550142", "mailto:ann@acme.example"]


def test_their_local_time_shows_when_it_differs(qtbot, window, people, db, clock):
    window.open_contact(people["ann"])
    detail = window.contacts_page.detail
    assert detail.local_time.text() == ""
    detail.time_zone.setCurrentText("America/New_York")
    assert detail.save()
    assert detail.local_time.text() == "Their local time: Mon 04:00 (New York)"


def test_window_splitter_and_columns_are_remembered(qtbot, db, clock, prefs, people, settings_path):
    ctx = AppContext(db, clock, prefs)
    first = MainWindow(ctx, QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.contacts_page.view.setColumnWidth(1, 222)
    first.contacts_page.splitter.setSizes([600, 300, 380])
    first.close()
    second = MainWindow(AppContext(db, clock, prefs), QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    assert second.contacts_page.view.columnWidth(1) == 222
    assert second.contacts_page.splitter.saveState() == first.contacts_page.splitter.saveState()


def test_a_change_elsewhere_refreshes_list_record_and_history(qtbot, window, people, db, clock):
    window.open_contact(people["ann"])
    window.contacts_page.ctx.run(None, log_interaction, clock, people["ann"], channel="phone",
                                 outcome="reached", notes="From the Today page")
    assert window.contacts_page.history.model.rows[0].notes == "From the Today page"
    assert "1 touch ·" in window.findChild(QLabel, "detailSummary").text()


def test_the_selection_follows_the_open_contact_through_searches_and_sorts(qtbot, window, people):
    page = window.contacts_page
    view = _list(window)
    window.open_contact(people["cara"])
    selected = lambda: [page.model.contact_id(i.row()) for i in view.selectionModel().selectedRows()]  # noqa: E731
    assert selected() == [people["cara"]]
    page.search.setText("ann")  # Cara is not in the list: nothing stays selected
    page.search_now()
    assert _ids(window) == [people["ann"]] and selected() == []
    assert page.detail.contact_id == people["cara"]  # her record stays open
    page.search.setText("")
    page.search_now()  # she is back, on her own row, selected again
    assert selected() == [people["cara"]]
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # a header click: a new query
    assert _ids(window) == [people["cara"], people["bob"], people["ann"]]
    assert selected() == [people["cara"]] and view.currentIndex().row() == 0


def test_a_search_reads_the_rows_the_list_shows_and_more_as_it_scrolls(window, db, clock, qtbot):
    for n in range(80):
        create_contact(db, clock, ContactData(first_name=f"Pat{n:03}"))
    window.show_page("contacts")
    page = window.contacts_page
    page.search.setText("pat")
    page.search_now()
    shown = page.view.height() // page.view.verticalHeader().defaultSectionSize()
    assert page.model.page_size == shown + 5 < 80  # a screenful, not a fixed 50
    assert page.model.rowCount() == shown + 5 and not page.model.complete
    assert page.count_label.text() == f"{shown + 5}+ contacts shown"
    page.view.scrollToBottom()  # the rest as the rep scrolls
    qtbot.waitUntil(lambda: page.model.rowCount() > shown + 5)
