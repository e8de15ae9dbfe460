"""vCard import: RELIABILITY.md IMP-10 and IMP-11, plus encodings, folding and photos."""

from __future__ import annotations

import pytest

from organizer.errors import UserError
from organizer.transfer.importer import import_file, preview_import

from .helpers import contact_count, contact_named, write

QP_CARD = ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
           "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Wollkn=C3=A4uel Sockenbart =\r\n=45=50;;;\r\n"
           "TEL;CELL;PREF:+49 170 1234567\r\nEND:VCARD\r\n")


def test_imp10_quoted_printable_soft_line_breaks(db, clock, tmp_path):
    import_file(db, clock, write(tmp_path, "android.vcf", QP_CARD))
    card = contact_named(db, "Wollknäuel Sockenbart EP")
    assert card.phones == (("mobile", "+491701234567"),)


def test_imp11_missing_end_refuses_the_file_with_its_line(db, clock, tmp_path):
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Kim\r\nN:Kim;Bo;;;\r\n")
    path = write(tmp_path, "cut.vcf", text)
    plan = preview_import(db, clock, path)
    assert plan.first_error() == "cut.vcf, line 6: the card that begins here has no END:VCARD."
    with pytest.raises(UserError, match="line 6"):
        import_file(db, clock, path)
    assert contact_count() == 0


def test_imp11_a_card_opened_inside_another_is_refused(db, clock, tmp_path):
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Kim\r\nEND:VCARD\r\n")
    plan = preview_import(db, clock, write(tmp_path, "nested.vcf", text))
    assert "line 1: the card that begins here has no END:VCARD" in plan.first_error()


def test_utf16_vcard_with_folding_and_tab_folding(db, clock, tmp_path):
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Jürgen;;;\r\nFN:Jürgen Müller\r\n"
            "ORG:Bäckerei\r\n  Müller\r\nEMAIL;TYPE=WORK:juergen@baeck\r\n\terei.de\r\nEND:VCARD\r\n")
    path = write(tmp_path, "utf16.vcf", text, encoding="utf-16")
    plan = preview_import(db, clock, path)
    assert plan.source.decoded.encoding == "UTF-16"
    import_file(db, clock, path)
    card = contact_named(db, "Jürgen Müller")
    assert card.company == "Bäckerei Müller"
    assert card.emails == (("work", "juergen@baeckerei.de"),)


def test_a_broken_photo_never_breaks_the_import(db, clock, tmp_path):
    text = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lee;Ann\r\nPHOTO;ENCODING=BASE64;JPEG:/9j/4AAQ=\r\n"
            " not*base64*at*all\r\n\r\nTEL;WORK:+1 415 555 0101\r\nEND:VCARD\r\n")
    import_file(db, clock, write(tmp_path, "photo.vcf", text))
    assert contact_named(db, "Ann Lee").phones == (("work", "+14155550101"),)


def test_cp1252_vcard_is_read(db, clock, tmp_path):
    text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Gómez;José\r\nORG:Café\r\nEND:VCARD\r\n"
    import_file(db, clock, write(tmp_path, "w.vcf", text, encoding="cp1252"))
    assert contact_named(db, "José Gómez").company == "Café"


def test_text_before_the_first_card_is_refused(db, clock, tmp_path):
    text = "BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\ngarbage here\r\n"
    plan = preview_import(db, clock, write(tmp_path, "g.vcf", text))
    assert plan.first_error().startswith("g.vcf, line 4: text outside a vCard")
