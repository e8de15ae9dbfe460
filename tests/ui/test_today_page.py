"""The Today page with a fixed clock: every section, roll-over, lateness, lead age, the
contact's own clock, and the row actions (call, log, snooze, reschedule, open)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractItemView, QApplication

from organizer.agenda import open_follow_ups
from organizer.followups import schedule_follow_up
from organizer.interactions import log_interaction
from organizer.when import When
from tests.ui.helpers import follow, person
from ui.today.page import REF_ROLE, TodayPage

ISOLATES = "\u2068\u2069"  # user text in a row sits in a bidi isolate (QT-9)


def plain(value):
    """Cell text without the bidi isolates around user text."""
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    return value.translate({ord(c): None for c in ISOLATES}) if isinstance(value, str) else value


def names(page, key):
    return [plain(row.cells[1]) for row in page.section(key).rows]


def make_page(qtbot, ctx) -> TodayPage:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    return page


def test_sections_in_order_with_counts(qtbot, ctx):
    today, clock = ctx.clock.today(), ctx.clock
    yesterday = today - dt.timedelta(days=1)
    ann = person(ctx, "Ann", company="Acme", phones=(("", "+1 415 555 0142"),))
    log_interaction(ctx.db, clock, ann, notes="Wants   a quote\nfor 20 seats")
    follow(ctx, ann, yesterday, dt.time(15), kind="promised", reason="Call back with price")
    ben = person(ctx, "Ben")
    log_interaction(ctx.db, clock, ben)
    follow(ctx, ben, yesterday)
    cat = person(ctx, "Cat")
    log_interaction(ctx.db, clock, cat)
    follow(ctx, cat, today, dt.time(16), kind="promised")
    follow(ctx, cat, today, dt.time(11))
    dan = person(ctx, "Dan")
    log_interaction(ctx.db, clock, dan)
    follow(ctx, dan, today + dt.timedelta(days=7), kind="check-in", reason="Quote sent")
    person(ctx, "Lead")
    page = make_page(qtbot, ctx)

    assert [s.key for s in page.sections] == ["missed", "overdue", "today", "leads", "waiting",
                                               "quiet", "no_step"]
    assert page.section("missed").header() == (
        "Missed promises (1) — apologise first, then ask whether now is a good time")
    missed = page.section("missed").rows[0]
    assert plain(missed.cells) == ["22 Nov 15:00 · 19 h late", "Ann", "Acme", "(415) 555-0142", "",
                            "contacted", "1", "Promised: Call back with price",
                            "23 Nov phone, reached: Wants a quote for 20 seats"]
    assert "apology" in missed.tooltip
    assert names(page, "overdue") == ["Ben"]
    assert [r.cells[0] for r in page.section("today").rows] == ["11:00", "16:00"]
    assert [r.promised for r in page.section("today").rows] == [False, True]
    assert names(page, "leads") == ["Lead"]
    assert names(page, "waiting") == ["Dan"]
    assert plain(page.section("waiting").rows[0].cells[7]) == "Check-in: Quote sent"
    # The headers in the view carry the counts too.
    headers = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert headers[:3] == [page.section("missed").header(), "Overdue (1) — rolls over until done",
                           "Due today (2)"]
    assert headers[-1] == "No next step (0)"


def test_overdue_rolls_over_and_today_turns_late(qtbot, ctx):
    ann = person(ctx, "Ann")
    yesterday_item = follow(ctx, ann, ctx.clock.today() - dt.timedelta(days=1))
    at_eleven = follow(ctx, ann, ctx.clock.today(), dt.time(11))
    page = make_page(qtbot, ctx)
    assert [r.ref.follow_up_id for r in page.section("overdue").rows] == [yesterday_item]
    assert [r.ref.follow_up_id for r in page.section("today").rows] == [at_eleven]

    ctx.clock.advance(hours=1, minutes=5)  # 11:05: the 11:00 call is now late
    page.tick()
    assert [r.ref.follow_up_id for r in page.section("overdue").rows] == [yesterday_item, at_eleven]
    assert page.section("overdue").rows[1].cells[0] == "11:00 · 5 min late"
    assert page.section("today").rows == []

    for days_late in (2, 3):  # never drops off until handled
        ctx.clock.advance(days=1)
        page.tick()
        assert page.title.text().startswith("Today — ")
        row = page.section("overdue").rows[0]
        assert row.ref.follow_up_id == yesterday_item
        assert row.cells[0] == f"22 Nov · {days_late} days late"


def test_day_change_redraws_the_title(qtbot, ctx):
    page = make_page(qtbot, ctx)
    assert page.title.text() == "Today — Monday 23 November 2026"
    ctx.clock.advance(days=1)
    page.tick()
    assert page.title.text() == "Today — Tuesday 24 November 2026"


def test_new_lead_age_in_hours_oldest_first(qtbot, ctx):
    person(ctx, "Early")
    ctx.clock.advance(hours=3)
    person(ctx, "Later")
    ctx.clock.advance(hours=2, minutes=30)
    page = make_page(qtbot, ctx)
    leads = page.section("leads").rows
    assert [(r.cells[0], plain(r.cells[1])) for r in leads] == [("waiting 5 h", "Early"),
                                                         ("waiting 2 h", "Later")]


def test_quiet_prospects_and_no_next_step(qtbot, ctx):
    quiet = person(ctx, "Quiet", stage="contacted")
    log_interaction(ctx.db, ctx.clock, quiet, notes="Left a message")
    busy = person(ctx, "Busy", stage="contacted")
    log_interaction(ctx.db, ctx.clock, busy)
    ctx.clock.advance(days=8)
    log_interaction(ctx.db, ctx.clock, busy)
    follow(ctx, busy, ctx.clock.today() + dt.timedelta(days=2))
    page = make_page(qtbot, ctx)
    assert names(page, "quiet") == ["Quiet"]  # contacted: quiet after 7 days by default
    assert page.section("quiet").rows[0].cells[0] == "quiet 8 days"
    assert plain(page.section("quiet").rows[0].cells[8]) == "23 Nov phone, reached: Left a message"
    assert names(page, "no_step") == ["Quiet"]


def test_contact_local_time_when_it_differs(qtbot, ctx):
    ny = person(ctx, "Nina", time_zone="America/New_York")
    log_interaction(ctx.db, ctx.clock, ny)
    follow(ctx, ny, ctx.clock.today(), dt.time(15))
    follow(ctx, ny, ctx.clock.today() - dt.timedelta(days=1), dt.time(15))
    local = person(ctx, "Lars")
    log_interaction(ctx.db, ctx.clock, local)
    follow(ctx, local, ctx.clock.today(), dt.time(16))
    page = make_page(qtbot, ctx)
    today_rows = page.section("today").rows
    assert [(r.cells[0], r.cells[4]) for r in today_rows] == [("15:00", "09:00"), ("16:00", "")]
    assert page.section("overdue").rows[0].cells[4] == "now 04:00"


def test_refreshes_when_a_service_reports_a_change(qtbot, ctx):
    ann = person(ctx, "Ann")
    log_interaction(ctx.db, ctx.clock, ann)
    page = make_page(qtbot, ctx)
    assert page.section("today").count == 0
    ctx.run(page, schedule_follow_up, ctx.clock, ctx.prefs, ann, When(ctx.clock.today(), dt.time(14)))
    assert names(page, "today") == ["Ann"]


class TelHandler(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_row_actions(qtbot, ctx, db):
    ann = person(ctx, "Ann", phones=(("", "+1 (415) 555-0142"),))
    log_interaction(db, ctx.clock, ann)
    fid = follow(ctx, ann, ctx.clock.today(), dt.time(15), kind="promised")
    page = make_page(qtbot, ctx)
    assert page.select_row("today", fid, ann)

    handler = TelHandler()
    QDesktopServices.setUrlHandler("tel", handler, "handle")
    try:
        page.call_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("tel")
    assert handler.urls == ["tel:+14155550142"]

    with qtbot.waitSignal(page.quick_log_requested) as logged:
        page.log_button.click()
    assert logged.args == [ann]
    with qtbot.waitSignal(page.contact_open_requested) as opened:
        page.open_button.click()
    assert opened.args == [ann]

    menu = page.row_menu(page.selected_ref())
    snooze_menu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    snooze_menu.actions()[1].trigger()  # 1 hour
    item = open_follow_ups(db, ann)[0]
    assert item.snoozed_until == ctx.clock.now() + dt.timedelta(hours=1)
    assert page.section("today").rows[0].cells[0] == "15:00 · snoozed to 11:00"
    assert page.selected_ref().follow_up_id == fid  # selection survives the redraw


def test_reschedule_plus_one_day_skips_the_weekend(qtbot, ctx, db):
    ctx.clock.set(dt.datetime(2026, 11, 27, 10, 0))  # a Friday
    ann = person(ctx, "Ann")
    log_interaction(db, ctx.clock, ann)
    fid = follow(ctx, ann, ctx.clock.today(), dt.time(15, 30))
    page = make_page(qtbot, ctx)
    assert page.select_row("today", fid, ann)
    dialog = page.reschedule_dialog(page.selected_ref())
    qtbot.addWidget(dialog)
    dialog.pick_buttons["+1 day"].click()
    assert dialog.when_edit.text() == "2026-11-30 15:30"  # Monday, same time of day
    assert dialog.preview.text() == "Mon 30 Nov 2026 at 15:30"
    dialog.accept()
    item = open_follow_ups(db, ann)[0]
    assert (item.due_date, item.due_time) == (dt.date(2026, 11, 30), dt.time(15, 30))
    assert page.section("today").rows == []


def test_reschedule_reads_typed_dates_and_refuses_nonsense(qtbot, ctx, db):
    ann = person(ctx, "Ann")
    fid = follow(ctx, ann, ctx.clock.today(), dt.time(15))
    item = open_follow_ups(db, ann)[0]
    page = make_page(qtbot, ctx)
    dialog = page.reschedule_dialog(next(r.ref for r in page.section("today").rows
                                         if r.ref.follow_up_id == fid))
    qtbot.addWidget(dialog)
    dialog.when_edit.setText("blurb")
    dialog.accept()
    assert "not a date" in dialog.preview.text()
    assert open_follow_ups(db, ann)[0] == item  # nothing moved
    dialog.when_edit.setText("tomorrow 9am")
    dialog.accept()
    moved = open_follow_ups(db, ann)[0]
    assert (moved.due_date, moved.due_time) == (dt.date(2026, 11, 24), dt.time(9))


def test_user_text_is_plain(qtbot, ctx):
    evil = "<h1>Huge</h1>"
    ann = person(ctx, "Ann", company="Smith & Sons <b>Ltd</b>")
    log_interaction(ctx.db, ctx.clock, ann, notes=evil)
    follow(ctx, ann, ctx.clock.today(), dt.time(15), reason=evil)
    page = make_page(qtbot, ctx)
    parent = page.model.index(2, 0)
    company = page.model.index(0, 2, parent)
    assert company.data() == "Smith & Sons <b>Ltd</b>"
    tooltip = company.data(3)  # ToolTipRole: escaped, so Qt shows it literally (QT-5)
    assert "&amp;" in tooltip and "&lt;b&gt;Ltd&lt;/b&gt;" in tooltip
    assert page.model.index(0, 0, parent).data(REF_ROLE).contact_id == ann


def test_model_passes_the_model_tester_and_says_how_many_more(qtbot, ctx, qtmodeltester,
                                                              monkeypatch):
    import ui.today.sections as sections

    monkeypatch.setattr(sections, "ITEM_LIMIT", 2)
    yesterday = ctx.clock.today() - dt.timedelta(days=1)
    for name in ("Ann", "Ben", "Cat"):
        follow(ctx, person(ctx, name), yesterday, dt.time(9))
    page = make_page(qtbot, ctx)
    qtmodeltester.check(page.model)
    overdue = page.model.index(1, 0)
    assert overdue.data() == "Overdue (3) — rolls over until done"
    assert page.model.rowCount(overdue) == 3
    assert page.model.index(2, 0, overdue).data() == "… and 1 more"
    assert page.model.index(2, 0, overdue).data(REF_ROLE) is None
    assert plain(page.model.index(0, 1, overdue).data()) == "Ann"
    assert page.model.parent(page.model.index(0, 1, overdue)) == overdue


def _overdue_page(qtbot, ctx, monkeypatch, late: int):
    """A page whose Overdue section has `late` follow-ups and reads 3 at a time."""
    import ui.today.sections as sections

    monkeypatch.setattr(sections, "FIRST_ROWS", 3)
    yesterday = ctx.clock.today() - dt.timedelta(days=1)
    for n in range(late):
        follow(ctx, person(ctx, f"Late {n:02}"), yesterday, dt.time(9, n))
    page = make_page(qtbot, ctx)
    return page, page.model.index(1, 0)


def test_a_long_section_reads_more_rows_as_they_come_into_view(qtbot, ctx, qtmodeltester,
                                                               monkeypatch):
    import ui.today.sections as sections

    monkeypatch.setattr(sections, "ITEM_LIMIT", 8)
    page, overdue = _overdue_page(qtbot, ctx, monkeypatch, 10)
    assert page.model.rowCount(overdue) == 4  # three rows read, then "… and 7 more"
    assert page.model.index(3, 0, overdue).data() == "… and 7 more"
    qtmodeltester.check(page.model)
    page.resize(900, 250)
    page.show()
    qtbot.waitExposed(page)
    for _ in range(5):  # the rep scrolls down to the end of the section, again and again
        end = page.model.index(page.model.rowCount(overdue) - 1, 0, overdue)
        page.view.scrollTo(end, QAbstractItemView.ScrollHint.PositionAtBottom)
        qtbot.wait(20)
    qtbot.waitUntil(lambda: len(page.section("overdue").rows) == 8)  # ITEM_LIMIT, no more
    assert page.model.index(8, 0, overdue).data() == "… and 2 more"
    names = [plain(page.model.index(r, 1, overdue).data()) for r in range(8)]
    assert names == [f"Late {n:02}" for n in range(8)]  # in order, none twice
    qtmodeltester.check(page.model)
    page.refresh()  # a redraw keeps the rows the rep had
    assert len(page.section("overdue").rows) == 8


def test_scrolling_to_a_sections_end_reads_on(qtbot, ctx, monkeypatch):
    """The rows below the first screen come as the rep scrolls (the scroll bar is
    watched from just after the first paint)."""
    import ui.today.sections as sections

    monkeypatch.setattr(sections, "ITEM_LIMIT", 30)
    page, overdue = _overdue_page(qtbot, ctx, monkeypatch, 30)
    page.resize(900, 160)  # a few lines: the first look reads only what they show
    page.show()
    qtbot.waitUntil(lambda: page._painted)
    QApplication.processEvents()  # what the first look reads, just after the paint
    assert len(page.section("overdue").rows) < 30

    def to_the_end() -> bool:
        end = page.model.index(page.model.rowCount(overdue) - 1, 0, overdue)
        page.view.scrollTo(end, QAbstractItemView.ScrollHint.PositionAtBottom)
        QApplication.processEvents()
        return len(page.section("overdue").rows) == 30

    qtbot.waitUntil(to_the_end)


def test_the_last_rows_replace_and_more(qtbot, ctx, monkeypatch):
    page, overdue = _overdue_page(qtbot, ctx, monkeypatch, 5)
    assert page.model.index(3, 0, overdue).data() == "… and 2 more"
    assert page.model.grow(1)
    assert page.model.rowCount(overdue) == 5 and not page.model.grow(1)
    assert plain(page.model.index(4, 1, overdue).data()) == "Late 04"


def test_the_first_screen_is_read_first_and_the_rest_after(qtbot, ctx, qtmodeltester,
                                                          monkeypatch):
    import ui.today.page as today_page

    monkeypatch.setattr(today_page, "FIRST_SCREEN", 5)
    yesterday = ctx.clock.today() - dt.timedelta(days=1)
    for n in range(4):  # Overdue: header and 4 rows, a screenful of 5 lines
        follow(ctx, person(ctx, f"Late {n}"), yesterday, dt.time(9, n))
    follow(ctx, person(ctx, "Due"), ctx.clock.today(), dt.time(16))
    person(ctx, "Lead")
    page = TodayPage(ctx, first_screen_only=True)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    read = [s.key for s in page.sections if s.rest is None]
    assert read == ["missed", "overdue"]  # "Missed promises (0)" and Overdue fill 6 lines
    headers = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert headers[2:4] == ["Due today", "New leads"]  # not read yet: no count, no rows
    assert page.model.rowCount(page.model.index(2, 0)) == 0
    assert plain(page.selected_ref().item.name) == "Late 0"
    late = page.model.index(0, 1, page.model.index(1, 0))
    assert plain(late.data()) == "Late 0" and late.data(3) is None  # its tooltip comes later
    page.model.fill_pending()  # just after the first paint
    assert late.data(3) == "<p>Late\xa00</p>"  # plain text, as Qt would write it
    page.read_rest()
    qtmodeltester.check(page.model)
    assert all(s.rest is None for s in page.sections)
    headers = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert headers[2:4] == ["Due today (1)", "New leads (6) — oldest first"]  # no touch yet
    assert names(page, "today") == ["Due"] and "Lead" in names(page, "leads")
    due = page.model.index(0, 1, page.model.index(2, 0))
    assert plain(due.data()) == "Due" and page.view.isExpanded(page.model.index(2, 0))
    assert plain(page.selected_ref().item.name) == "Late 0"  # the rep's row stays chosen
    page.read_rest()  # nothing left to read
    assert page.model.rowCount(page.model.index(2, 0)) == 1


def test_rows_are_as_tall_as_in_the_other_lists_and_a_screenful_is_read_first(qtbot, ctx):
    yesterday = ctx.clock.today() - dt.timedelta(days=1)
    for n in range(3):
        follow(ctx, person(ctx, f"Late {n}"), yesterday, dt.time(9, n))
    page = TodayPage(ctx, first_screen_only=True)
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    overdue = page.model.index(1, 0)
    tall = page.fontMetrics().height() * 8 // 5  # 22 px at a 14 px font, as a table's rows
    assert page.view.rowHeight(overdue) == tall
    assert page.view.rowHeight(page.model.index(0, 0, overdue)) == tall
    lines = page.screen().availableGeometry().height() // tall + 1
    assert page._screenful() == lines  # the most a window on this screen can show


def test_the_first_screenful_is_what_its_window_shows(qtbot, ctx):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1000, 300)
    page = TodayPage(ctx, window, first_screen_only=True)
    tall = page.model.row_size.height()
    screen = page.screen().availableGeometry().height() // tall + 1
    assert page._screenful() == 300 // tall + 1 < screen
    window.setWindowState(Qt.WindowState.WindowMaximized)  # it opens as big as the screen
    assert page._screenful() == screen


def test_the_window_reads_today_for_its_remembered_size(qtbot, ctx, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    path = str(tmp_path / "ui.ini")
    first = MainWindow(ctx, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.resize(1000, 320)
    first.close()  # remembers its size
    second = MainWindow(ctx, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    assert second.height() == 320
    assert second.today_page._screenful() == 320 // second.today_page.model.row_size.height() + 1


def test_the_rest_read_later_says_how_many_more(qtbot, ctx, monkeypatch):
    import ui.today.page as today_page
    import ui.today.sections as sections

    monkeypatch.setattr(today_page, "FIRST_SCREEN", 1)
    monkeypatch.setattr(sections, "FIRST_ROWS", 2)
    for n in range(3):
        follow(ctx, person(ctx, f"Due {n}"), ctx.clock.today(), dt.time(16, n))
    page = TodayPage(ctx, first_screen_only=True)
    qtbot.addWidget(page)
    assert [s.key for s in page.sections if s.rest is None] == ["missed"]
    page.read_rest()
    today = page.model.index(2, 0)
    assert today.data() == "Due today (3)"
    assert page.model.index(2, 0, today).data() == "… and 1 more"
    assert page.view.isFirstColumnSpanned(2, today)
    assert page.model.grow(2) and page.model.rowCount(today) == 3


def test_qt9_long_rtl_and_emoji_names_stay_one_isolated_line(qtbot, ctx):
    long_rtl = "\u202e" + "Ann😀 " * 2000  # 12,000 characters with an RTL override
    ann = person(ctx, long_rtl, company="Acme\nCorp")
    follow(ctx, ann, ctx.clock.today(), dt.time(15), reason="quote\n\nfor 20")
    page = make_page(qtbot, ctx)
    parent = page.model.index(2, 0)
    name = page.model.index(0, 1, parent).data()
    assert name.startswith("\u2068\u202eAnn😀") and name.endswith("…\u2069")
    assert len(name) <= 202 and "\n" not in name
    assert page.model.index(0, 2, parent).data() == "Acme Corp"  # left-to-right text needs no isolate
    assert page.model.index(0, 7, parent).data() == "Planned: quote for 20"


def test_right_click_on_a_row_opens_its_menu(qtbot, ctx, monkeypatch):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    ann = person(ctx, "Ann")
    follow(ctx, ann, ctx.clock.today(), dt.time(15))
    page = make_page(qtbot, ctx)
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    asked = []

    class Menu:
        def exec(self, where):
            asked.append(where)

    monkeypatch.setattr(page, "row_menu", lambda ref: asked.append(ref.contact_id) or Menu())
    row = page.model.index(0, 0, page.model.index(2, 0))  # Due today's first row
    where = page.view.visualRect(row).center()
    viewport = page.view.viewport()
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where,
                                                       viewport.mapToGlobal(where)))
    assert asked[0] == ann and asked[1] == viewport.mapToGlobal(where)


def test_f2_reschedules_the_selected_row_once_the_page_is_shown(qtbot, ctx, monkeypatch):
    from PySide6.QtCore import Qt

    ann = person(ctx, "Ann")
    follow(ctx, ann, ctx.clock.today(), dt.time(15))
    page = make_page(qtbot, ctx)
    opened = []
    monkeypatch.setattr(page, "reschedule_selected", lambda: opened.append(page.selected_ref()))
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: bool(page.actions()))  # the key is added after the first paint
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    assert [ref.contact_id for ref in opened] == [ann]
