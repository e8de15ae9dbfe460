"""The contact list and history item models: ids held, rows fetched on demand, and
both pass qtmodeltester."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from organizer.clock import UTC
from organizer.contact_list import Filters
from organizer.contacts import ContactData, create_contact
from organizer.interactions import log_interaction
from ui.contacts import table_model
from ui.contacts.history_model import HistoryTableModel
from ui.contacts.table_model import ContactTableModel
from ui.context import AppContext


def _ctx(db, clock, prefs) -> AppContext:
    return AppContext(db, clock, prefs)


def _people(db, clock, n: int) -> list[int]:
    return [create_contact(db, clock, ContactData(first_name=f"Pat{i:03d}", last_name="Lee",
                                                  company="Acme" if i % 2 else "Zeta",
                                                  phones=(("", f"415555{i:04d}"),))).value
            for i in range(n)]


def test_contact_model_pages_and_passes_the_model_tester(qtmodeltester, db, clock, prefs, monkeypatch):
    monkeypatch.setattr(table_model, "PAGE", 10)
    ids = _people(db, clock, 25)
    model = ContactTableModel(_ctx(db, clock, prefs))
    model.search("")
    assert model.rowCount() == 10 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.ids == ids and not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "Pat000 Lee"
    assert model.data(model.index(0, 0), table_model.ID_ROLE) == ids[0]
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Next follow-up"


def test_contact_model_search_filters_and_sorts_by_query(qtmodeltester, db, clock, prefs):
    ids = _people(db, clock, 6)
    model = ContactTableModel(_ctx(db, clock, prefs))
    model.search("5550003")
    assert model.ids == [ids[3]]
    model.search("zeta")
    assert model.ids == [ids[0], ids[2], ids[4]]
    model.search("", Filters(stage="won"))
    assert model.ids == []
    model.search("", Filters())
    model.sort(1, Qt.SortOrder.DescendingOrder)  # company, Zeta first
    assert model.ids[:3] == [ids[4], ids[2], ids[0]]
    qtmodeltester.check(model)


def test_contact_model_flags_a_prospect_without_next_step(db, clock, prefs):
    create_contact(db, clock, ContactData(first_name="Ann", stage="proposal"))
    model = ContactTableModel(_ctx(db, clock, prefs))
    model.search("")
    assert "no next step" in model.data(model.index(0, 5))
    assert model.data(model.index(0, 5), Qt.ItemDataRole.ForegroundRole) is not None


def test_history_model_newest_first_in_pages(qtmodeltester, db, clock, prefs, monkeypatch):
    from ui.contacts import history_model

    monkeypatch.setattr(history_model, "PAGE", 4)
    cid = _people(db, clock, 1)[0]
    start = dt.datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    for day in range(9):
        log_interaction(db, clock, cid, channel="phone", outcome="reached",
                        notes=f"call {day}", happened_at=start + dt.timedelta(days=day))
    model = HistoryTableModel(_ctx(db, clock, prefs))
    model.load(cid)
    assert model.rowCount() == 4
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert [r.notes for r in model.rows] == [f"call {d}" for d in range(8, -1, -1)]
    qtmodeltester.check(model)
    model.load(None)
    assert model.rowCount() == 0


def test_painting_asks_all_roles_at_once_and_gets_what_data_gives(db, clock, prefs):
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    from organizer.followups import schedule_follow_up
    from organizer.when import When

    ids = _people(db, clock, 3)
    schedule_follow_up(db, clock, prefs, ids[1], When(clock.today() - dt.timedelta(days=2), None))
    model = ContactTableModel(_ctx(db, clock, prefs))
    model.search("")
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
             Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole,
             Qt.ItemDataRole.DecorationRole)
    for row in range(3):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in roles:
                role_data = QModelRoleData(int(role.value))
                role_data.setData("left from the cell painted before")  # must not survive
                model.multiData(index, QModelRoleDataSpan(role_data))
                assert role_data.data() == model.data(index, role), (row, column, role)


def test_a_search_refills_the_rows_in_place_and_a_page_is_one_insert(qtmodeltester, qtbot, db,
                                                                     clock, prefs, monkeypatch):
    monkeypatch.setattr(table_model, "PAGE", 10)
    _people(db, clock, 25)
    model = ContactTableModel(_ctx(db, clock, prefs))
    model.search("")
    signals = []
    for name in ("modelReset", "rowsInserted", "rowsRemoved", "dataChanged", "layoutChanged"):
        getattr(model, name).connect(lambda *_a, name=name: signals.append(name))
    with qtbot.waitSignal(model.searched):
        model.search("pat01")  # Pat010..Pat019: as many rows as before, new values
    assert signals == ["dataChanged"] and model.rowCount() == 10
    assert model.data(model.index(0, 0)) == "Pat010 Lee"
    signals.clear()
    model.search("pat02")  # fewer: the rows after them go
    assert signals == ["rowsRemoved", "dataChanged"] and model.rowCount() == 5
    assert model.ids == [model.data(model.index(r, 0), table_model.ID_ROLE) for r in range(5)]
    signals.clear()
    model.search("")
    assert signals == ["rowsInserted", "dataChanged"] and model.rowCount() == 10
    signals.clear()
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    assert signals == ["rowsInserted", "dataChanged"] and model.rowCount() == 20
    assert model.data(model.index(19, 0)) == "Pat019 Lee"
    signals.clear()
    model.search("nobody at all")
    assert signals == ["rowsRemoved"] and model.rowCount() == 0 and model.ids == []
    model.search("")
    qtmodeltester.check(model)  # (it fetches every page and watches from here on)
    model.search("pat02")
    qtmodeltester.check(model)


def test_cells_are_read_only_and_show_their_row(db, clock, prefs):
    from organizer.followups import schedule_follow_up
    from organizer.when import When

    ids = _people(db, clock, 2)
    schedule_follow_up(db, clock, prefs, ids[0], When(clock.today() - dt.timedelta(days=2), None))
    model = ContactTableModel(_ctx(db, clock, prefs))
    model.search("")
    for row in range(2):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            assert model.flags(index) == Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            # Every cell shows the row's tooltip, with the number as stored.
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            assert f"555-000{row}" in tip and f"Pat00{row}" in tip
    overdue = model.index(0, 5)
    assert model.data(overdue).endswith(" !")
    assert model.data(overdue, Qt.ItemDataRole.FontRole).bold()
    assert model.data(overdue, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(1, 5), Qt.ItemDataRole.FontRole) is None
    assert model.data(model.index(0, 3), Qt.ItemDataRole.TextAlignmentRole) is not None
    assert model.contact_id(1) == ids[1] and model.row_of(ids[1]) == 1


def test_a_header_click_is_a_new_query(db, clock, prefs, monkeypatch):
    ids = _people(db, clock, 4)
    model = ContactTableModel(_ctx(db, clock, prefs))
    model.search("")
    asked = []
    real = table_model.search_page
    monkeypatch.setattr(table_model, "search_page",
                        lambda *a, **k: asked.append((k["sort"], k["descending"])) or real(*a, **k))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert asked == [("name", True)] and model.ids == ids[::-1]
    assert model.data(model.index(0, 0)) == "Pat003 Lee"


def test_a_new_search_leaves_nothing_of_the_rows_it_replaces(db, clock, prefs):
    from organizer.followups import schedule_follow_up
    from organizer.when import When

    ids = _people(db, clock, 2)
    schedule_follow_up(db, clock, prefs, ids[0], When(clock.today() - dt.timedelta(days=2), None))
    won = create_contact(db, clock, ContactData(first_name="Pat002", stage="won")).value
    model = ContactTableModel(_ctx(db, clock, prefs))
    model.search("pat")
    late = model.index(0, 5)  # Pat000: overdue, bold and red
    assert model.data(late, Qt.ItemDataRole.FontRole).bold()
    red = model.data(late, Qt.ItemDataRole.ForegroundRole)
    model.search("pat001")  # the same cells now show Pat001: nothing scheduled
    assert model.rowCount() == 1 and model.data(model.index(0, 0)) == "Pat001 Lee"
    assert model.data(late) == "⚠ no next step"
    assert model.data(late, Qt.ItemDataRole.FontRole) is None
    assert model.data(late, Qt.ItemDataRole.ForegroundRole) not in (None, red)
    assert "overdue" not in model.data(late, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, 0), table_model.ID_ROLE) == ids[1]
    model.search("pat002")  # won: nothing to flag at all
    assert model.data(late) == ""
    assert model.data(late, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(0, 0), table_model.ID_ROLE) == won


def test_rows_a_search_removes_leave_no_live_item_behind(db, clock, prefs):
    """The model keeps its items in Python lists, so each item must tell PySide when Qt
    deletes it. An item made by clone() does not: its wrapper outlived its row, and
    PySide later handed it back for a new Qt object that Qt put at the same address (a
    QItemSelectionModel came back as a QStandardItem)."""
    import shiboken6

    _people(db, clock, 4)
    model = ContactTableModel(_ctx(db, clock, prefs))
    model.search("pat00")
    removed = [model.item(row, column) for row in (1, 2, 3) for column in range(model.columnCount())]
    assert all(shiboken6.isValid(item) for item in removed)
    model.search("pat001")
    assert model.rowCount() == 1
    assert not any(shiboken6.isValid(item) for item in removed)


def test_a_search_that_leaves_rows_as_they_were_changes_only_the_others(db, clock, prefs):
    """One more letter that matches the same rows fills and repaints nothing; rows that
    changed are signalled, the range from the first to the last of them."""
    ids = _people(db, clock, 4)
    model = ContactTableModel(_ctx(db, clock, prefs))
    model.search("pat00")
    changed = []
    model.dataChanged.connect(lambda first, last, _roles=None: changed.append((first.row(), last.row())))
    model.search("pat00 lee")  # the same four, in the same order
    assert changed == [] and model.ids == ids
    model.search("pat00")
    assert changed == []
    model.search("acme")  # Pat001 and Pat003 now in rows 0 and 1
    assert changed == [(0, 1)] and model.ids == [ids[1], ids[3]]
    assert model.data(model.index(1, 0)) == "Pat003 Lee"


def test_a_time_zone_change_redraws_the_list_dates(db, clock, prefs, qtbot):
    from organizer.changes import Changes
    from organizer.followups import schedule_follow_up
    from organizer.preferences import save_preferences
    from organizer.when import When
    from ui.contacts.page import ContactsPage

    cid = _people(db, clock, 1)[0]
    ctx = _ctx(db, clock, prefs)
    schedule_follow_up(db, clock, prefs, cid, When(clock.today() + dt.timedelta(days=3),
                                                   dt.time(23, 30)))
    page = ContactsPage(ctx)
    qtbot.addWidget(page)
    before = page.model.data(page.model.index(0, 5))
    save_preferences(db, time_zone="Pacific/Auckland")
    ctx.publish(Changes(preferences=True))
    after = page.model.data(page.model.index(0, 5))
    assert before != after and after.endswith(("10:30", "11:30", "12:30"))
