"""Real exports from other software: the project's copies and, when present, every
contact file of the shared set."""

from __future__ import annotations

import pytest

from organizer.errors import UserError
from organizer.transfer.importer import import_file, preview_import
from organizer.transfer.records import Record
from organizer.transfer.source import open_source

from .helpers import OWN_FIXTURES, SHARED_FIXTURES, contact_count, contact_named

IMPORTABLE = {
    "csv_google_outlookcsv_export.csv": 5,
    "csv_outlook_com_export_bom.csv": 2,
    "vcard21_outlook_photo_qp.vcf": 1,
    "vcard30_evolution_folded.vcf": 1,
    "vcard30_gmail_export_itemgroups.vcf": 1,
    "vcard30_iphone_ios5_photo_crcrlf.vcf": 1,
    "vcard40_fullcontact_export.vcf": 1,
}


def _imported(db, clock, name):
    outcome = import_file(db, clock, OWN_FIXTURES / name)
    assert outcome.value.ok
    return outcome.value


@pytest.mark.parametrize("name,count", sorted(IMPORTABLE.items()))
def test_each_fixture_imports_and_a_second_import_adds_nothing(db, clock, name, count):
    plan = _imported(db, clock, name)
    assert plan.new == count
    assert contact_count() == count
    again = import_file(db, clock, OWN_FIXTURES / name).value
    assert (again.new, again.updated, again.duplicate) == (0, 0, count)
    assert contact_count() == count


def test_google_outlook_csv_entries(db, clock):
    _imported(db, clock, "csv_google_outlookcsv_export.csv")
    jane = contact_named(db, "Jane Doe")
    assert jane.phones == (("mobile", "+4741644000"),)
    norway = contact_named(db, "Norway Doe")
    assert [a for _l, a in norway.emails] == ["mail@hotmail.com"]
    assert (norway.street, norway.city, norway.postal_code) == ("50B Industrigata", "Oslo", "0357")
    assert "Restored from Samsung - SM-G950F" in norway.tags and "myContacts" not in norway.tags
    # The row with only an e-mail address is kept, named after it.
    assert [a for _l, a in contact_named(db, "mail@mail.com").emails] == ["mail@mail.com"]
    assert contact_named(db, "John Cruickshank").street == "10 Vardåslia"


def test_outlook_com_csv_with_bom(db, clock):
    plan = _imported(db, clock, "csv_outlook_com_export_bom.csv")
    assert plan.source.format_name == "Outlook.com"
    assert plan.source.decoded.encoding == "UTF-8 with BOM"
    assert contact_named(db, "Larsen").phones[0][1]
    assert [n for _l, n in contact_named(db, "Svein Heimdal").phones] == ["901 06 000"]


def test_outlook_vcard21_quoted_printable_and_photo(db, clock):
    _imported(db, clock, "vcard21_outlook_photo_qp.vcf")
    john = contact_named(db, "John Richter James Doe")
    assert john.company == "IBM"
    assert [a for _l, a in john.emails] == ["john.doe@ibm.cm"]
    assert ("work", "+19055551234") in john.phones
    assert john.city == "Albaney"


def test_evolution_folding_inside_address_and_number(db, clock):
    _imported(db, clock, "vcard30_evolution_folded.vcf")
    john = contact_named(db, "John Richter, James Doe")
    assert [a for _l, a in john.emails] == ["john.doe@ibm.com"]
    assert ("mobile", "+19056661234") in john.phones
    assert john.tags == ("VIP",)


def test_gmail_item_groups(db, clock):
    _imported(db, clock, "vcard30_gmail_export_itemgroups.vcf")
    card = contact_named(db, "VCard Test")
    assert card.company == "TheCompany"
    assert len(card.emails) == 5 and ("home", "homeemail@example.com") in card.emails
    assert len(card.phones) == 11


def test_iphone_cr_cr_lf_and_big_photo(db, clock):
    _imported(db, clock, "vcard30_iphone_ios5_photo_crcrlf.vcf")
    john = contact_named(db, "John Richter James Doe")
    assert john.company == "IBM"
    assert [a for _l, a in john.emails] == ["john.doe@ibm.com"]
    assert len(john.phones) == 7 and ("mobile", "+19055551234") in john.phones


def test_fullcontact_vcard40(db, clock):
    _imported(db, clock, "vcard40_fullcontact_export.vcf")
    card = contact_named(db, "FirstName MiddleName LastName")
    assert card.company == "Organization1"
    assert ("work", "work@example.com") in card.emails
    assert ("home", "+15555551111") in card.phones


def test_android_export_reads_every_card_but_a_bad_address_refuses_the_file(db, clock):
    source = open_source(OWN_FIXTURES / "vcard21_android_qp_multi.vcf")
    records = [r for r in source.records() if isinstance(r, Record)]
    assert [r.line for r in records] == [1, 6, 11, 18, 36, 71]
    henry = records[-1].data
    assert henry.last_name == "ÑÑÑÑ"
    assert henry.emails == (("", "henry@company.com"),) and henry.phones == (("mobile", "55556666"),)
    plan = preview_import(db, clock, source.path)
    assert (plan.new, plan.failed) == (5, 1)
    assert plan.first_error().startswith("vcard21_android_qp_multi.vcf, line 36: The e-mail address")
    with pytest.raises(UserError, match="line 36"):
        import_file(db, clock, source.path)
    assert contact_count() == 0


CONTACT_SUFFIXES = (".vcf", ".csv")


def _shared_files():
    if not SHARED_FIXTURES.is_dir():
        return []
    return sorted(p.name for p in SHARED_FIXTURES.iterdir() if p.suffix in CONTACT_SUFFIXES)


@pytest.mark.skipif(not SHARED_FIXTURES.is_dir(), reason="../shared/fixtures is not present")
@pytest.mark.parametrize("name", _shared_files())
def test_every_shared_contact_file(db, clock, name):
    path = SHARED_FIXTURES / name
    plan = preview_import(db, clock, path)
    assert plan.new + plan.failed >= 1
    if name in IMPORTABLE:
        assert (plan.new, plan.failed) == (IMPORTABLE[name], 0)
        assert (OWN_FIXTURES / name).read_bytes() == path.read_bytes()
    else:
        assert plan.first_error(), "a refused file names its line"
    assert contact_count() == 0  # a preview writes nothing
