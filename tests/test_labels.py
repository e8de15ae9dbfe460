"""Mailing labels (no Qt): address lines, skipped contacts, sheet geometry."""

from __future__ import annotations

import pytest

from organizer.contacts import archive_contacts
from organizer.labels import (
    AVERY_5160,
    AVERY_L7160,
    address_lines,
    contacts_tagged,
    layout_for_paper,
    mailing_labels,
)

from .test_callsheet_support import contact

US = dict(street="12 Main Street", city="Springfield", region="IL", postal_code="62701",
          country="US")


def test_a_us_address_reads_the_american_way(db, clock):
    cid = contact(db, clock, "Ann", "Lee", "Harbor Dental", **US)
    batch = mailing_labels(db, [cid], "US")
    assert batch.labels[0].lines == ("Ann Lee", "Harbor Dental", "12 Main Street",
                                     "Springfield, IL 62701")
    assert batch.skipped == 0


def test_a_foreign_address_puts_the_postcode_first_and_names_the_country(db, clock):
    cid = contact(db, clock, "Jonas", "Müller", street="Hauptstraße 5", city="Berlin",
                  postal_code="10115", country="Germany")
    assert mailing_labels(db, [cid], "US").labels[0].lines == (
        "Jonas Müller", "Hauptstraße 5", "10115 Berlin", "GERMANY")
    # At home the country line is left off.
    assert mailing_labels(db, [cid], "DE").labels[0].lines[-1] == "10115 Berlin"


def test_a_company_only_contact_is_not_printed_twice(db, clock):
    cid = contact(db, clock, "", company="Acme Supply", **US)
    assert mailing_labels(db, [cid]).labels[0].lines[:2] == ("Acme Supply", "12 Main Street")


def test_contacts_without_an_address_are_skipped_and_counted(db, clock):
    good = contact(db, clock, "Has", "Address", **US)
    no_street = contact(db, clock, "No", "Street", city="Austin", postal_code="73301")
    nothing = contact(db, clock, "No", "Address")
    gone = contact(db, clock, "Archived", "Person", **US)
    archive_contacts(db, clock, [gone])
    batch = mailing_labels(db, [nothing, good, no_street, good, gone])
    assert [label.contact_id for label in batch.labels] == [good]  # duplicates once
    assert batch.skipped == 3
    assert batch.skipped_names == ("No Address", "No Street", f"#{gone}")
    assert batch.summary() == "1 label; 3 contacts skipped (no postal address)."


def test_a_long_street_is_joined_to_fit_five_lines():
    lines = address_lines("Ann Lee", "Ann Lee", "Harbor Dental", "Suite 5\nBuilding C\n12 Main St",
                          "Lyon", "", "69001", "France", "US")
    assert len(lines) == 5
    assert lines == ("Ann Lee", "Harbor Dental", "Suite 5, Building C, 12 Main St", "69001 Lyon",
                     "FRANCE")


def test_contacts_tagged_selects_the_holiday_card_list(db, clock):
    a = contact(db, clock, "Zed", "Card", tags=("holiday card",), **US)
    b = contact(db, clock, "Amy", "Card", tags=("holiday card", "vip"), **US)
    contact(db, clock, "No", "Card", tags=("vip",))
    assert contacts_tagged(db, "holiday card") == [b, a]


@pytest.mark.parametrize("layout, per_sheet", [(AVERY_5160, 30), (AVERY_L7160, 21)])
def test_label_sheets_fit_their_paper(layout, per_sheet):
    assert layout.per_sheet == per_sheet
    last = layout.position(per_sheet - 1)
    assert last[0] == 0
    # The last label ends inside the paper, with the same margin as the first on each side.
    right = last[1] + layout.label_width
    bottom = last[2] + layout.label_height
    assert right == pytest.approx(layout.page_width - layout.left, abs=0.3)
    assert bottom == pytest.approx(layout.page_height - layout.top, abs=0.3)
    assert layout.position(per_sheet) == (1, layout.left, layout.top)
    assert layout.sheets_for(per_sheet + 1) == 2 and layout.sheets_for(0) == 1


def test_the_paper_picks_the_sheet():
    assert layout_for_paper("letter") is AVERY_5160
    assert layout_for_paper("a4") is AVERY_L7160
