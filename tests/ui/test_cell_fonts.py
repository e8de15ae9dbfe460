"""The window's chrome, Today and the contact list draw without OpenType shaping, and
shape whatever text needs it (ui/widgets/cell_fonts.py): Arabic must stay joined,
accents placed, and the editors where the rep types shape everything."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLineEdit, QTreeView

from organizer.followups import schedule_follow_up
from organizer.when import When
from tests.ui.helpers import person
from ui.contacts.page import ContactsPage
from ui.contacts.table_model import ContactTableModel
from ui.main_window import MainWindow
from ui.widgets.cell_fonts import cell_font, needs_shaping

FONT_ROLE = 6  # Qt.ItemDataRole.FontRole
UNSHAPED = QFont.StyleStrategy.PreferNoShaping
SHAPED = QFont.StyleStrategy.PreferDefault


@pytest.mark.parametrize("text", [
    "", "Pat Lee", "Jürgen Müller", "Łukasz Wróbel", "Иванова", "Ελληνικά", "Հայաստան",
    "⚠ no next step", "16 Nov · 7 days late", "Missed promises — call first", "€5 … £3",
])
def test_text_that_draws_the_same_unshaped(text):
    assert not needs_shaping(text)


@pytest.mark.parametrize("text", [
    "مرحبا", "Karim مرحبا", "שָׁלוֹם", "नमस्ते", "สวัสดี", "e\u0301cole", "李小龙",
    "👍🏽", "🇩🇪", "a\u200db", "\u2068Karim\u2069",
])
def test_text_that_must_be_shaped(text):
    assert needs_shaping(text)


def test_a_cell_font_takes_all_else_from_the_view():
    view = QFont("DejaVu Sans Mono", 17)
    view.setStyleStrategy(UNSHAPED)
    assert cell_font("Pat Lee") is None
    bold = cell_font("12 Nov 26 !", bold=True).resolve(view)
    assert bold.bold() and bold.styleStrategy() == UNSHAPED
    shaped = cell_font("مرحبا", bold=True).resolve(view)
    assert shaped.bold() and shaped.styleStrategy() == SHAPED
    for font in (bold, shaped):
        assert (font.family(), font.pointSize()) == ("DejaVu Sans Mono", 17)


def _drawn_strategy(view, index) -> QFont.StyleStrategy:
    """The strategy a cell is drawn with: its own font resolved over the view's, as
    QStyledItemDelegate does."""
    own = index.data(FONT_ROLE)
    return (own.resolve(view.font()) if own is not None else view.font()).styleStrategy()


def test_the_contact_list_shapes_only_the_cells_that_need_it(qtbot, ctx):
    latin = person(ctx, "Pat", last_name="Lee", company="Acme")
    arabic = person(ctx, "كريم", last_name="Haddad", company="شركة الأمل")
    schedule_follow_up(ctx.db, ctx.clock, ctx.prefs, arabic,
                       When(ctx.clock.today() - dt.timedelta(days=2), None))
    page = ContactsPage(ctx)
    qtbot.addWidget(page)
    view, model = page.view, page.model
    assert isinstance(model, ContactTableModel)
    # The list's own font is the system's, size and family, with shaping off.
    app_font = QApplication.font()
    assert view.font().styleStrategy() == UNSHAPED
    assert (view.font().family(), view.font().pointSizeF()) == (app_font.family(),
                                                                app_font.pointSizeF())
    model.search("")
    rows = {cid: model.row_of(cid) for cid in (latin, arabic)}
    assert _drawn_strategy(view, model.index(rows[latin], 0)) == UNSHAPED
    assert _drawn_strategy(view, model.index(rows[arabic], 0)) == SHAPED  # name
    assert _drawn_strategy(view, model.index(rows[arabic], 1)) == SHAPED  # company
    assert _drawn_strategy(view, model.index(rows[arabic], 2)) == UNSHAPED  # stage
    late = model.data(model.index(rows[arabic], 5), FONT_ROLE)  # overdue: bold, Latin
    assert late.bold() and late.resolve(view.font()).styleStrategy() == UNSHAPED

    # A search that puts a Latin row in the Arabic row's cells takes its fonts away.
    model.search("haddad")
    assert model.ids == [arabic] and model.data(model.index(0, 0), FONT_ROLE) is not None
    model.search("pat")
    assert model.ids == [latin]
    for column in range(model.columnCount()):
        assert model.data(model.index(0, column), FONT_ROLE) is None


def test_the_window_shapes_what_needs_it_and_every_editor(qtbot, ctx, tmp_path):
    arabic = person(ctx, "كريم", last_name="Haddad", company="Acme")
    latin = person(ctx, "Pat", last_name="Lee", company="شركة الأمل")
    for contact in (arabic, latin):
        schedule_follow_up(ctx.db, ctx.clock, ctx.prefs, contact,
                           When(ctx.clock.today() - dt.timedelta(days=1), None),
                           reason="Send the quote", kind="promised")
    win = MainWindow(ctx, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(win.pages_built)
    assert win.font().styleStrategy() == UNSHAPED
    assert win.today_page.title.font().styleStrategy() == UNSHAPED  # an English date

    # Today: the Arabic name shaped, the Latin name and the bold next step not.
    view = win.findChild(QTreeView, "todayList")
    model = win.today_page.model
    missed = model.index(0, 0)
    # (a right-to-left name sits in a bidi isolate: ui/widgets/plain.py)
    cells = {model.data(model.index(row, 1, missed)).strip("\u2068\u2069"): row
             for row in range(2)}
    name_row, company_row = cells["كريم Haddad"], cells["Pat Lee"]

    def strategy(row, column):
        return _drawn_strategy(view, model.index(row, column, missed))

    assert strategy(name_row, 1) == SHAPED and strategy(name_row, 2) == UNSHAPED
    assert strategy(company_row, 1) == UNSHAPED and strategy(company_row, 2) == SHAPED
    next_step = model.data(model.index(name_row, 7, missed), FONT_ROLE)
    assert next_step.bold() and strategy(name_row, 7) == UNSHAPED

    # The status bar, whoever writes to it.
    win.statusBar().showMessage("Archived كريم Haddad")
    assert win.statusBar().font().styleStrategy() == SHAPED
    win.statusBar().showMessage("Saved")
    assert win.statusBar().font().styleStrategy() == UNSHAPED

    # Every editor on the Contacts page shapes, whatever is typed.
    editors = win.contacts_page.findChildren(QLineEdit)
    assert editors and all(edit.font().styleStrategy() == SHAPED for edit in editors)
    assert view.font().pointSizeF() == QApplication.font().pointSizeF()
