"""The vCard reader itself: content lines, folding, encodings, escapes, photos, problems.

Most tests read a file with read_vcards and look at the Records; the last ones go through
the import so the rep's one-sentence message (file, line, field) is what is checked. The
vobject comparison at the end holds the reader to a second, independent parser on the
real exports vobject can read.
"""

from __future__ import annotations

import base64

import pytest
import vobject

from organizer.errors import UserError
from organizer.transfer.importer import import_file, preview_import
from organizer.transfer.records import Problem, Record
from organizer.transfer.vcard_reader import read_vcards

from .helpers import OWN_FIXTURES, contact_count, write


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"


def read(tmp_path, text: str | bytes, encoding: str = "utf-8") -> list[Record | Problem]:
    return list(read_vcards(write(tmp_path, "t.vcf", text, encoding=encoding)))


def one(tmp_path, *lines: str, version: str = "3.0"):
    (item,) = read(tmp_path, card(*lines, version=version))
    assert isinstance(item, Record), item
    return item.data


# Folding (RFC 6350 3.2 / RFC 2425 5.8.1): CRLF plus one space or tab is removed.

def test_folded_lines_are_unfolded_dropping_one_space_or_tab(tmp_path):
    data = one(tmp_path, "N:Lee;Ann;;;", "NOTE:first part and", "  second part", "\tthird",
               "EMAIL;TY", " PE=WORK:ann@exam", " ple.com")
    assert data.notes == "first part and second partthird"
    assert data.emails == (("work", "ann@example.com"),)


def test_folding_works_with_lf_cr_and_cr_cr_lf_line_ends(tmp_path):
    for end in ("\n", "\r", "\r\r\n"):
        text = end.join(["BEGIN:VCARD", "VERSION:3.0", "N:Lee;Ann;;;", "ORG:Acme", " Corp",
                         "END:VCARD", ""])
        (item,) = read(tmp_path, text)
        assert item.data.company == "AcmeCorp", repr(end)


# Quoted-printable (vCard 2.1): soft line breaks, charsets.

def test_qp_soft_breaks_join_unindented_lines_across_several_lines(tmp_path):
    data = one(tmp_path, "N:Lee;Ann",
               "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Stra=C3=9Fe =",
               "und Pl=",
               "atz=0D=0Azweite Zeile", version="2.1")
    assert data.notes == "Straße und Platz\nzweite Zeile"


def test_qp_soft_break_can_split_an_escape_and_a_multibyte_character(tmp_path):
    data = one(tmp_path, "N;CHARSET=UTF-8;QUOTED-PRINTABLE:M=C3=",
               "=BCller;J=C3=BC=",
               "rgen", version="2.1")
    assert (data.first_name, data.last_name) == ("Jürgen", "Müller")


@pytest.mark.parametrize("charset,encoded", [("ISO-8859-1", "M=FCller"),
                                             ("windows-1252", "M=FCller =80"),
                                             ("UTF-8", "M=C3=BCller")])
def test_qp_is_decoded_in_the_charset_named(tmp_path, charset, encoded):
    data = one(tmp_path, "N:Lee;Ann", f"ORG;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:{encoded}",
               version="2.1")
    assert data.company == {"windows-1252": "Müller €"}.get(charset, "Müller")


def test_qp_with_broken_bytes_or_unknown_charset_still_imports(tmp_path):
    data = one(tmp_path, "N:Lee;Ann", "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:A=FFB",
               "TITLE;CHARSET=X-NOPE;ENCODING=QUOTED-PRINTABLE:Chef=20de", version="2.1")
    assert (data.company, data.job_title) == ("A\ufffdB", "Chef de")


def test_a_qp_line_ending_in_equals_without_qp_encoding_is_not_joined(tmp_path):
    data = one(tmp_path, "N:Lee;Ann", "NOTE:x=", "TITLE:Boss")
    assert (data.notes, data.job_title) == ("x=", "Boss")


def test_base64_text_value_is_decoded_in_its_charset(tmp_path):
    encoded = base64.b64encode("Café Müller".encode("latin-1")).decode()
    data = one(tmp_path, "N:Lee;Ann", f"ORG;ENCODING=b;CHARSET=ISO-8859-1:{encoded}")
    assert data.company == "Café Müller"


def test_cp1252_file_with_a_utf8_line_marked_charset_utf8(tmp_path):
    raw = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:G\xf3mez;Jos\xe9\r\n".encode("latin-1")
           + "ORG;CHARSET=UTF-8:Café Ñu\r\n".encode() + b"END:VCARD\r\n")
    (item,) = read(tmp_path, raw)
    assert (item.data.first_name, item.data.last_name) == ("José", "Gómez")
    assert item.data.company == "Café Ñu"


# Escapes and separators.

def test_escaped_separators_in_structured_and_text_values(tmp_path):
    data = one(tmp_path, r"N:O\;Neil;Ann\, Marie;;;", r"ORG:Smith\, Jones\; Co;Sales",
               r"NOTE:line 1\nline 2\Nline 3\\n not a newline\, a\; b\: c \x",
               r"CATEGORIES:VIP,Fair\, 2026,,Trade", r"TITLE:Head\, Sales")
    assert (data.first_name, data.last_name) == ("Ann, Marie", "O;Neil")
    assert data.company == "Smith, Jones; Co"
    assert data.notes == "line 1\nline 2\nline 3\\n not a newline, a; b: c \\x"
    assert data.tags == ("VIP", "Fair, 2026", "Trade")
    assert data.job_title == "Head, Sales"


def test_unescaped_commas_are_kept_in_text_and_org(tmp_path):
    # vobject kept only "Met at the fair" and refused the file for the ORG.
    data = one(tmp_path, "N:Lee;Ann", "NOTE:Met at the fair, wants a quote, soon",
               "ORG:Smith, Jones & Co;Sales")
    assert data.notes == "Met at the fair, wants a quote, soon"
    assert data.company == "Smith, Jones & Co"


def test_name_and_address_lists_are_joined_by_a_space(tmp_path):
    data = one(tmp_path, "N:Doe;John;Richter,James;Mr.;Sr.",
               "ADR;TYPE=WORK:PO 1;Suite 2;5 Main St,Back door;Springfield;IL;62701;USA",
               "ADR;TYPE=HOME:;;Other;Elsewhere;;;")
    assert (data.first_name, data.last_name) == ("John Richter James", "Doe")
    assert (data.street, data.city, data.region, data.postal_code, data.country) == (
        "5 Main St Back door", "Springfield", "IL", "62701", "USA")


def test_short_structured_values_are_padded(tmp_path):
    data = one(tmp_path, "N:Lee", "ORG:Acme", "ADR:;;Street")
    assert (data.first_name, data.last_name, data.company, data.street) == (
        "", "Lee", "Acme", "Street")


# Groups, parameters, labels.

def test_grouped_properties_are_read_like_plain_ones(tmp_path):
    data = one(tmp_path, "item1.N:Lee;Ann;;;", "item1.EMAIL;type=INTERNET;type=pref:a@b.example",
               "item1.X-ABLabel:Custom", "ITEM2.tel;TYPE=cell:+1 415 555 0101",
               "item2.X-ABLabel:_$!<Mobile>!$_", "item3.ORG:Acme")
    assert (data.first_name, data.company) == ("Ann", "Acme")
    assert data.emails == (("", "a@b.example"),)
    assert data.phones == (("mobile", "+1 415 555 0101"),)


def test_parameter_forms_give_the_same_labels(tmp_path):
    data = one(tmp_path, "N:Lee;Ann", "TEL;CELL;PREF:1", "TEL;TYPE=work,voice:2",
               'TEL;X-UUID="a;b:c";TYPE="home,fax":3', "TEL;type=IPHONE:4",
               "TEL;VALUE=uri;TYPE=pager:tel:+15", "EMAIL;INTERNET;X-CUSTOM:e@x.example",
               "EMAIL;ENCODING=8BIT:f@x.example")
    assert data.phones == (("mobile", "1"), ("work", "2"), ("home", "3"), ("mobile", "4"),
                           ("pager", "+15"))
    assert data.emails == (("", "e@x.example"), ("", "f@x.example"))


def test_first_of_single_fields_and_all_of_repeated_ones(tmp_path):
    data = one(tmp_path, "N:Lee;Ann", "ORG:First", "ORG:Second", "TITLE:One", "TITLE:Two",
               "NOTE:a", "NOTE:b", "CATEGORIES:x", "CATEGORIES:y", "X-SALES-STAGE:Qualified",
               "X-SALES-SOURCE:Fair")
    assert (data.company, data.job_title, data.notes, data.tags) == (
        "First", "One", "a\nb", ("x", "y"))
    assert (data.stage, data.source) == ("qualified", "Fair")


def test_fn_names_a_card_without_n(tmp_path):
    assert (one(tmp_path, "FN:Ann Marie Lee").first_name,
            one(tmp_path, "FN:Ann Marie Lee").last_name) == ("Ann Marie", "Lee")


# Photos and other binary properties are dropped with their bodies.

PHOTO_30 = ["PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/4QBYRXhpZgAATU0AKgAA",
            " AAgAAgESAAMAAAABAAEAAIdpAAQAAAABAAAAJgAAAAAAA6ABAAMAAAABAAEAAKACAAQAAAABAA",
            " ABQKADAAQAAAABAAABQAAAAAD/2wBDAAIBAQIBAQICAQICAgICAwUDAwMDAwYEBAMFBwYHBwcG=="]


def test_base64_photo_lines_are_skipped(tmp_path):
    data = one(tmp_path, "N:Lee;Ann", *PHOTO_30, "TEL;TYPE=WORK:+1 415 555 0101",
               "item1.LOGO;VALUE=uri:https://example.com/", " logo.png",
               "KEY;ENCODING=b:MIIB", " AAAA", "SOUND;ENCODING=b:AAAA", "ORG:Acme")
    assert data.phones == (("work", "+1 415 555 0101"),)
    assert data.company == "Acme"


def test_vcard21_photo_body_ended_by_an_empty_line_even_unindented(tmp_path):
    data = one(tmp_path, "N:Lee;Ann", "PHOTO;ENCODING=BASE64;TYPE=JPEG:",
               "    /9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQY",
               "GBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYa",
               "KCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAAR==",
               "", "TEL;WORK:+1 415 555 0101", version="2.1")
    assert data.phones == (("work", "+1 415 555 0101"),)


def test_other_base64_properties_are_dropped_but_a_kept_one_is_decoded(tmp_path):
    data = one(tmp_path, "N:Lee;Ann", "X-MS-CARDPICTURE;TYPE=JPEG;ENCODING=BASE64:",
               "/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQY",
               "GBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYa==",
               "", "X-KEY;BASE64:AAAA", "NOTE;BASE64:aGk=", version="2.1")
    assert data.notes == "hi"


def test_an_unindented_base64_line_outside_a_photo_is_malformed(tmp_path):
    (item,) = read(tmp_path, card("N:Lee;Ann", "TEL:1", "QUJDRA=="))
    assert isinstance(item, Problem) and item.line == 5


# Problems: the line of the broken content line, the field, the file refused.

@pytest.mark.parametrize("line,message", [
    ("NOTE hello", "the line does not start with a field name"),
    ("NOTE", "the NOTE field has no ':' before its value"),
    ("item1.TEL;TYPE=CELL", "the TEL field has no ':' before its value"),
    ('EMAIL;X-A="open:a@b.example', "the EMAIL field has a parameter with an unclosed quote"),
    ("ORG;ENCODING=b:***", "the ORG field is not valid base64"),
    ("ORG;ENCODING=UUENCODE:x", "the ORG field has an unknown encoding"),
    (":value", "the line does not start with a field name"),
    ("a.b.NOTE:x", "the line does not start with a field name"),
])
def test_a_malformed_line_is_reported_with_its_own_line_and_field(tmp_path, line, message):
    items = read(tmp_path, card("N:Kim;Bo", "TEL:2") + card("N:Lee;Ann", "ORG:Acme", " Corp", line))
    assert isinstance(items[0], Record)
    assert isinstance(items[1], Problem) and items[1].fatal
    assert (items[1].line, items[1].message) == (11, message)


def test_a_fold_right_after_begin_is_malformed(tmp_path):
    (item,) = read(tmp_path, "BEGIN:VCARD\r\n VERSION:3.0\r\nN:Lee;Ann\r\nEND:VCARD\r\n")
    assert (item.line, item.message) == (2, "the line does not start with a field name")


def test_problem_lines_count_cr_cr_lf_as_one_line_end(tmp_path):
    text = card("N:Lee;Ann", "PHOTO;ENCODING=b:AAAA", " BBBB", "NOTE hello").replace("\r\n", "\r\r\n")
    (item,) = read(tmp_path, text)
    assert item.line == 6


def test_the_rep_sees_file_line_and_field_and_the_file_is_refused(db, clock, tmp_path):
    text = card("N:Kim;Bo", "TEL:+1 415 555 0101") + card("N:Lee;Ann", "EMAIL;TYPE=WORK ann@x.example")
    path = write(tmp_path, "broken.vcf", text)
    plan = preview_import(db, clock, path)
    assert (plan.new, plan.failed) == (1, 1)
    expected = ("broken.vcf, line 9: the EMAIL field has no ':' before its value "
                "('EMAIL;TYPE=WORK ann@x.example').")
    assert plan.first_error() == expected
    with pytest.raises(UserError) as raised:
        import_file(db, clock, path)
    assert raised.value.message == expected
    assert contact_count() == 0


def test_a_card_that_is_not_closed_still_names_its_first_line(tmp_path):
    items = read(tmp_path, card("N:Lee;Ann") + "BEGIN:VCARD\r\nN:Kim;Bo\r\n")
    assert items[-1] == Problem(5, "the card that begins here has no END:VCARD")


# A second opinion: vobject on the real exports it can read.

def _vobject_view(card_obj) -> tuple:
    def text(value) -> str:
        return " ".join(str(v) for v in value if v) if isinstance(value, list) else str(value or "")

    def all_of(name: str) -> list:
        return card_obj.contents.get(name, [])

    n = all_of("n")[0].value if all_of("n") else None
    org = all_of("org")[0].value if all_of("org") else [""]
    adr = all_of("adr")[0].value if all_of("adr") else None
    first = f"{text(n.given)} {text(n.additional)}".strip() if n else ""
    return (first, text(n.family) if n else "", org[0],
            text(all_of("title")[0].value) if all_of("title") else "",
            tuple(text(p.value) for p in all_of("email")),
            tuple(text(p.value).removeprefix("tel:") for p in all_of("tel")),
            (text(adr.street).strip(", "), text(adr.city), text(adr.code)) if adr else ("", "", ""),
            tuple(t for p in all_of("categories") for t in p.value if t))


@pytest.mark.parametrize("name", ["vcard30_evolution_folded.vcf",
                                  "vcard30_gmail_export_itemgroups.vcf",
                                  "vcard40_fullcontact_export.vcf"])
def test_the_reader_agrees_with_vobject_on_real_exports(name):
    path = OWN_FIXTURES / name
    theirs = _vobject_view(vobject.readOne(path.read_text(encoding="utf-8")))
    (ours,) = read_vcards(path)
    d = ours.data
    assert (d.first_name, d.last_name) == theirs[:2]
    assert (d.company, d.job_title) == (theirs[2], theirs[3])
    assert tuple(a for _l, a in d.emails) == theirs[4]
    assert tuple(n for _l, n in d.phones) == theirs[5]
    assert (d.street, d.city, d.postal_code) == theirs[6]
    assert d.tags == theirs[7]
