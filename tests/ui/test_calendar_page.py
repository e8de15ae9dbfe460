"""The Calendar page with a fixed clock: counts per day, the day agenda, and moving a
follow-up by drag and drop and by keyboard, keeping its time of day."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QTableView

from organizer.agenda import open_follow_ups
from organizer.calendar_queries import DayCount
from organizer.followups import schedule_follow_up
from organizer.preferences import Preferences
from organizer.when import When
from tests.ui.helpers import follow, person
from ui.calendar.agenda_models import DayAgendaTableModel, WeekTableModel
from ui.calendar.month_model import COUNT_ROLE, WORKING_ROLE, MonthTableModel, ids_from_mime
from ui.calendar.page import CalendarPage

MONDAY = dt.date(2026, 11, 23)






def due(ctx, contact_id):
    item = open_follow_ups(ctx.db, contact_id)[0]
    return item.due_date, item.due_time


@pytest.fixture
def page(qtbot, ctx):
    widget = CalendarPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)  # shortcuts only reach an active window
    return widget


def drop_on(view: QTableView, index, mime) -> None:
    """What Qt delivers when a drag is released over `index`: enter, move, drop."""
    point = view.visualRect(index).center()  # drag events take QPoint, drop takes QPointF
    pos = QPointF(point)
    actions = Qt.DropAction.MoveAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    target = view.viewport()
    for event in (QDragEnterEvent(point, actions, mime, buttons, mods),
                  QDragMoveEvent(point, actions, mime, buttons, mods),
                  QDropEvent(pos, actions, mime, buttons, mods)):
        QApplication.sendEvent(target, event)


def test_month_counts_promised_and_overdue(qtbot, ctx, qtmodeltester):
    ann, ben = person(ctx, "Ann"), person(ctx, "Ben")
    follow(ctx, ann, MONDAY - dt.timedelta(days=3), dt.time(9), kind="promised")  # Fri, missed
    follow(ctx, ann, MONDAY, dt.time(15), kind="promised")
    follow(ctx, ben, MONDAY, dt.time(16))
    follow(ctx, ben, MONDAY + dt.timedelta(days=1))
    model = MonthTableModel(ctx)
    qtmodeltester.check(model)
    assert model.first == dt.date(2026, 10, 26)  # the Monday of the grid's first week
    friday = model.index_of(dt.date(2026, 11, 20))
    assert friday.data(COUNT_ROLE) == DayCount(1, 1, 1)
    assert friday.data(Qt.ItemDataRole.ToolTipRole) == (
        "Friday 20 November: 1 follow-up, 1 promised, 1 overdue")
    assert model.index_of(MONDAY).data(COUNT_ROLE) == DayCount(2, 1, 0)
    assert model.index_of(MONDAY + dt.timedelta(days=1)).data(COUNT_ROLE) == DayCount(1, 0, 0)
    assert model.index_of(dt.date(2026, 11, 28)).data(WORKING_ROLE) is False  # Saturday
    assert model.index_of(dt.date(2026, 11, 27)).data(WORKING_ROLE) is True


def test_working_days_come_from_preferences(qtbot, ctx):
    ctx.prefs = Preferences(workdays=(0, 1, 2, 3, 4, 5))
    model = MonthTableModel(ctx)
    assert model.index_of(dt.date(2026, 11, 28)).data(WORKING_ROLE) is True
    assert model.index_of(dt.date(2026, 11, 29)).data(WORKING_ROLE) is False


def test_agenda_and_week_models(qtbot, ctx, qtmodeltester):
    ann = person(ctx, "Ann Lee", company="<b>Acme</b>", time_zone="America/New_York")
    follow(ctx, ann, MONDAY, dt.time(15), kind="promised", reason="price")
    follow(ctx, ann, MONDAY)
    follow(ctx, ann, MONDAY + dt.timedelta(days=2), dt.time(9))
    day = DayAgendaTableModel(ctx)
    day.set_day(MONDAY)
    qtmodeltester.check(day)
    cells = [[day.index(r, c).data().translate({0x2068: None, 0x2069: None})
              for c in range(5)] for r in range(day.rowCount())]  # without the bidi isolates
    assert cells == [["any time", "", "Ann Lee", "<b>Acme</b>", "Planned"],
                     ["15:00", "09:00", "Ann Lee", "<b>Acme</b>", "Promised: price"]]
    assert "&lt;b&gt;Acme" in day.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert ids_from_mime(day.mimeData([day.index(1, 0), day.index(1, 2)])) == [
        day.items[1].follow_up_id]
    week = WeekTableModel(ctx)
    qtmodeltester.check(week)
    assert week.first == MONDAY
    assert [len(d) for d in week.days] == [2, 0, 1, 0, 0, 0, 0]
    assert week.headerData(0, Qt.Orientation.Horizontal) == "Mon 23 (2)"
    assert week.index(0, 2).data() == "09:00 Ann L."  # left-to-right: no isolate needed (QT-9)


def test_a_crowded_day_is_read_a_page_at_a_time(qtbot, ctx, qtmodeltester, monkeypatch):
    import ui.calendar.agenda_models as models

    monkeypatch.setattr(models, "DAY_PAGE", 3)
    monkeypatch.setattr(models, "WEEK_DAY_ROWS", 2)
    for n in range(7):
        follow(ctx, person(ctx, f"Caller {n}"), MONDAY, dt.time(9, n))
    follow(ctx, person(ctx, "Wednesday"), MONDAY + dt.timedelta(days=2), dt.time(9))
    day = DayAgendaTableModel(ctx)
    day.set_day(MONDAY)
    assert (day.rowCount(), day.total) == (3, 7) and day.canFetchMore()
    qtmodeltester.check(day)  # the tester fetches the rest, a page at a time
    assert day.rowCount() == 7 and not day.canFetchMore()
    names = [day.items[r].name for r in range(7)]
    assert names == [f"Caller {n}" for n in range(7)]  # in time order, none twice
    week = WeekTableModel(ctx)
    qtmodeltester.check(week)
    assert [len(d) for d in week.days] == [2, 0, 1, 0, 0, 0, 0]
    assert week.headerData(0, Qt.Orientation.Horizontal) == "Mon 23 (7)"
    assert week.index(2, 0).data() == "+5 more"  # under Monday's first two
    assert week.item_at(week.index(2, 0)) is None and week.rowCount() == 3
    assert week.items_on(MONDAY) is None  # not all there: the agenda reads the day itself
    assert [item.name for item in week.items_on(MONDAY + dt.timedelta(days=2))] == ["Wednesday"]
    page = CalendarPage(ctx)
    qtbot.addWidget(page)
    page.ensure_loaded()
    page.select_day(MONDAY)
    assert page.day_title.text() == "Monday 23 November 2026 — 7 follow-ups"  # all, not 3
    assert page.agenda_model.rowCount() == 3
    last = follow(ctx, person(ctx, "Caller 9"), MONDAY, dt.time(18))  # as if moved here
    page.select_day(MONDAY, last)  # a moved follow-up stays selected, read on to it
    assert page.selected_item().follow_up_id == last and page.agenda_model.rowCount() == 8


def test_selecting_a_day_shows_its_agenda(qtbot, ctx, page):
    ann = person(ctx, "Ann")
    follow(ctx, ann, MONDAY + dt.timedelta(days=3), dt.time(11))
    assert page.findChild(QTableView, "dayAgenda") is page.agenda_view
    assert page.day_title.text() == "Monday 23 November 2026 — 0 follow-ups"
    page.refresh()
    page.month_view.setCurrentIndex(page.month_model.index_of(MONDAY + dt.timedelta(days=3)))
    assert page.day_title.text() == "Thursday 26 November 2026 — 1 follow-up"
    assert page.agenda_model.index(0, 2).data() == "Ann"
    page.step(1)
    assert page.period.text() == "December 2026"
    page.go_today()
    assert page.selected_day == MONDAY and page.period.text() == "November 2026"


def test_drag_a_follow_up_onto_another_day_keeps_its_time(qtbot, ctx, page):
    ann = person(ctx, "Ann")
    fid = follow(ctx, ann, MONDAY, dt.time(15, 45), kind="promised")
    page.refresh()
    mime = page.agenda_model.mimeData([page.agenda_model.index(0, 0)])
    target = page.month_model.index_of(dt.date(2026, 11, 26))
    drop_on(page.month_view, target, mime)
    qtbot.waitUntil(lambda: due(ctx, ann) == (dt.date(2026, 11, 26), dt.time(15, 45)))
    assert page.selected_day == dt.date(2026, 11, 26)
    assert page.selected_item().follow_up_id == fid
    assert page.month_model.index_of(dt.date(2026, 11, 26)).data(COUNT_ROLE) == DayCount(1, 1, 0)
    assert page.month_model.index_of(MONDAY).data(COUNT_ROLE) == DayCount()


def test_drag_within_the_week(qtbot, ctx, page):
    ann = person(ctx, "Ann")
    follow(ctx, ann, MONDAY)  # any time that day
    page.views.setCurrentWidget(page.week_view)
    page.refresh()
    mime = page.week_model.mimeData([page.week_model.index(0, 0)])
    drop_on(page.week_view, page.week_model.index(0, 4), mime)  # an empty Friday cell
    qtbot.waitUntil(lambda: due(ctx, ann) == (dt.date(2026, 11, 27), None))
    assert [len(d) for d in page.week_model.days] == [0, 0, 0, 0, 1, 0, 0]


def test_keyboard_moves_by_day_and_week(qtbot, ctx, page):
    ann = person(ctx, "Ann")
    fid = follow(ctx, ann, MONDAY, dt.time(9, 30))
    page.refresh()
    page.select_follow_up(fid)
    page.agenda_view.setFocus()
    qtbot.keyClick(page.agenda_view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert due(ctx, ann) == (dt.date(2026, 11, 24), dt.time(9, 30))
    assert page.selected_day == dt.date(2026, 11, 24)
    assert page.selected_item().follow_up_id == fid  # so the next key moves it again
    qtbot.keyClick(page.agenda_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert due(ctx, ann) == (dt.date(2026, 12, 1), dt.time(9, 30))
    assert page.period.text() == "December 2026"
    qtbot.keyClick(page.agenda_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert due(ctx, ann) == (dt.date(2026, 11, 30), dt.time(9, 30))


def test_calendar_follows_changes_and_the_date(qtbot, ctx, page):
    ann = person(ctx, "Ann")
    ctx.run(page, schedule_follow_up, ctx.clock, ctx.prefs, ann, When(MONDAY, dt.time(17)))
    assert page.month_model.index_of(MONDAY).data(COUNT_ROLE) == DayCount(1, 0, 0)
    assert page.agenda_model.rowCount() == 1
    ctx.clock.advance(days=1)
    page.tick()
    assert page.month_model.index_of(MONDAY).data(COUNT_ROLE) == DayCount(1, 0, 1)


def test_row_intents(qtbot, ctx, page):
    ann = person(ctx, "Ann")
    fid = follow(ctx, ann, MONDAY, dt.time(12))
    page.refresh()
    page.select_follow_up(fid)
    with qtbot.waitSignal(page.quick_log_requested) as logged:
        page.log_selected()
    assert logged.args == [ann]
    with qtbot.waitSignal(page.contact_open_requested) as opened:
        page.agenda_view.activated.emit(page.agenda_model.index(0, 0))
    assert opened.args == [ann]
