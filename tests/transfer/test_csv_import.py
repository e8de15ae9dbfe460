"""CSV import: RELIABILITY.md IMP-1 to IMP-9 and IMP-12 to IMP-14."""

from __future__ import annotations

import pytest

from organizer.errors import UserError
from organizer.transfer.importer import import_file, preview_import

from .helpers import contact_count, contact_named, write

OUTLOOK = "First Name,Last Name,Company,E-mail Address,Mobile Phone\r\n"


def test_imp1_cp1252_outlook_file_is_detected_and_read(db, clock, tmp_path):
    path = write(tmp_path, "outlook.csv", OUTLOOK + "José,Müller,Café Zürich,jose@example.com,\r\n",
                 encoding="cp1252")
    plan = preview_import(db, clock, path)
    assert plan.source.decoded.encoding == "Windows-1252"
    assert "Windows-1252" in plan.source.describe()
    assert plan.new == 1
    import_file(db, clock, path)
    assert contact_named(db, "José Müller").company == "Café Zürich"


def test_imp1_bytes_that_are_neither_encoding_name_their_line(db, clock, tmp_path):
    path = write(tmp_path, "bad.csv", (OUTLOOK + "Ann,Lee,,a@example.com,\r\n").encode()
                 + b"Bo,\x81x,,b@example.com,\r\n")
    with pytest.raises(UserError, match=r"bad\.csv, line 3: .*neither UTF-8 nor Windows-1252"):
        preview_import(db, clock, path)


def test_imp2_google_csv_with_bom_maps_first_name(db, clock, tmp_path):
    header = "First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value\n"
    path = write(tmp_path, "google.csv", "\ufeff" + header + "Anna,Berg,Nordic AB,* Work,anna@nordic.se\n")
    plan = preview_import(db, clock, path)
    assert plan.source.format_name == "Google Contacts"
    import_file(db, clock, path)
    anna = contact_named(db, "Anna Berg")
    assert anna.company == "Nordic AB" and anna.emails == (("work", "anna@nordic.se"),)


def test_imp3_unclosed_quote_refuses_the_file(db, clock, tmp_path):
    rows = ['Ann,Lee,"Acme,ann@example.com,', "Bo,Kim,Beta,bo@example.com,",
            "Cy,Ng,Gamma,cy@example.com,", "Di,Ox,Delta,di@example.com,", "Ed,Po,Eps,ed@example.com,"]
    path = write(tmp_path, "quote.csv", OUTLOOK + "\r\n".join(rows) + "\r\n")
    plan = preview_import(db, clock, path)
    assert not plan.ok
    assert plan.first_error().startswith("quote.csv, line 2: unterminated quote")
    with pytest.raises(UserError, match="line 2: unterminated quote"):
        import_file(db, clock, path)
    assert contact_count() == 0


def test_imp3_quote_closed_later_swallowing_rows_is_caught(db, clock, tmp_path):
    rows = ['Ann,Lee,"Acme,ann@example.com,', 'Bo,Kim,Beta",bo@example.com,',
            "Cy,Ng,Gamma,cy@example.com,"]
    path = write(tmp_path, "quote.csv", OUTLOOK + "\r\n".join(rows) + "\r\n")
    plan = preview_import(db, clock, path)
    assert "line 2: unterminated quote" in plan.first_error()
    assert contact_count() == 0


def test_notes_over_several_lines_with_commas_are_imported(db, clock, tmp_path):
    # In a three-column file a sentence with two commas has "half a row" of them: the
    # open-quote check looks at single-line columns only.
    path = write(tmp_path, "notes.csv", "First Name,Last Name,Notes\r\n"
                 'Ann,Lee,"Called, no answer.\nSpoke to her, she said, call in May."\r\n')
    import_file(db, clock, path)
    assert contact_named(db, "Ann Lee").notes == ("Called, no answer.\n"
                                                  "Spoke to her, she said, call in May.")


def test_imp14_a_ten_megabyte_field_is_imported_whole(db, clock, tmp_path):
    # Python's csv stops at 128 KB a field; a CRM export's notes can be far longer.
    notes = ("Met at the fair, said: \"call me in spring\", then, later,\n" * 170_000)[:10_000_000]
    quoted = '"' + notes.replace('"', '""') + '"'
    path = write(tmp_path, "long.csv", "First Name,Last Name,Notes\r\n"
                 f"Ann,Lee,{quoted}\r\nBo,Kim,short\r\n")
    import_file(db, clock, path)
    assert contact_named(db, "Ann Lee").notes == notes.strip()
    assert contact_named(db, "Bo Kim").notes == "short"


def test_imp14_a_quote_left_open_in_a_big_file_names_its_line(db, clock, tmp_path):
    # The field runs on to the end of a 20 MB file: past what one field may hold.
    row = "Cy,Ng,Gamma,cy@example.com,+1 415 555 0142\r\n"
    path = write(tmp_path, "open.csv", OUTLOOK + 'Ann,Lee,"Acme,ann@example.com,\r\n'
                 + row * (20_000_000 // len(row)))
    plan = preview_import(db, clock, path)
    assert not plan.ok
    assert plan.first_error() == ("open.csv, line 2: unterminated quote: a quoted field runs "
                                  "on for more than 16 MB.")
    assert contact_count() == 0


def test_imp4_duplicate_headers_keep_both_values(db, clock, tmp_path):
    path = write(tmp_path, "dup.csv", "Name,Phone,Phone\nAnn Lee,+49 30 1234567,+49 170 1234567\n")
    import_file(db, clock, path)
    assert [n for _l, n in contact_named(db, "Ann Lee").phones] == ["+49301234567", "+491701234567"]


def test_imp5_ragged_rows_are_flagged_with_their_line(db, clock, tmp_path):
    path = write(tmp_path, "ragged.csv", OUTLOOK + "Ann,Lee,Acme,ann@example.com,\r\n"
                 "Bo,Kim\r\nCy,Ng,Gamma,cy@example.com,,extra\r\n")
    plan = preview_import(db, clock, path)
    lines = [(p.line, p.message) for p in plan.problems]
    assert lines == [(3, "the row has 2 fields but the header has 5"),
                     (4, "the row has 6 fields but the header has 5")]
    assert (plan.new, plan.failed) == (1, 2)


def test_imp6_nul_and_control_characters_are_stripped(db, clock, tmp_path):
    path = write(tmp_path, "ctl.csv", OUTLOOK + "An\x00n,Le\x07e,Ac\x1bme,ann@example.com,\r\n")
    import_file(db, clock, path)
    assert contact_named(db, "Ann Lee").company == "Acme"


def test_imp7_semicolon_delimited_european_excel(db, clock, tmp_path):
    path = write(tmp_path, "de.csv", "Vorname;Nachname;Firma;E-Mail-Adresse;Mobiltelefon\r\n"
                 "Jörg;Schmidt;Schmidt GmbH;jorg@schmidt.de;+49 170 7654321\r\n", encoding="cp1252")
    plan = preview_import(db, clock, path)
    assert plan.source.csv.delimiter == ";" and "semicolon" in plan.source.describe()
    assert plan.source.format_name == "Outlook (German)"
    import_file(db, clock, path)
    jorg = contact_named(db, "Jörg Schmidt")
    assert jorg.company == "Schmidt GmbH" and jorg.phones == (("mobile", "+491707654321"),)


LAYOUTS = {
    "Google Contacts": (
        "First Name,Last Name,Organization Name,Notes,E-mail 1 - Label,E-mail 1 - Value,"
        "Phone 1 - Label,Phone 1 - Value\n", "Ann,Lee,Acme,met at fair,* Work,ann@acme.com,Mobile,+1 415 555 0101\n"),
    "Google Contacts (legacy)": (
        "Name,Given Name,Family Name,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
        "Phone 1 - Type,Phone 1 - Value,Organization 1 - Name\n",
        "Ann Lee,Ann,Lee,met at fair,* My Contacts,* Work,ann@acme.com,Mobile,+1 415 555 0101,Acme\n"),
    "Outlook": (
        "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
        "Business Phone,Mobile Phone,E-mail Address,Notes\n",
        ",Ann,,Lee,,Acme,,,,+1 415 555 0101,ann@acme.com,met at fair\n"),
    "Outlook (German)": (
        "Anrede,Vorname,Weitere Vornamen,Nachname,Firma,Mobiltelefon,E-Mail-Adresse,Notizen\n",
        ",Ann,,Lee,Acme,+1 415 555 0101,ann@acme.com,met at fair\n"),
    "Outlook (French)": (
        "Titre,Prénom,Deuxième prénom,Nom,Société,Téléphone mobile,Adresse de messagerie,Notes\n",
        ",Ann,,Lee,Acme,+1 415 555 0101,ann@acme.com,met at fair\n"),
    "Outlook.com": (
        "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
        "E-mail Address,Company,Mobile Phone,Notes\n",
        "Ann,,Lee,,,,,,ann@acme.com,Acme,+1 415 555 0101,met at fair\n"),
    "LinkedIn Connections": (
        "Notes:\n\"When exporting your connection data, you may notice...\"\n\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        "Ann,Lee,https://www.linkedin.com/in/annlee,ann@acme.com,Acme,Buyer,01 Feb 2024\n"),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_imp8_each_layout_maps_name_company_email_phone_notes(db, clock, tmp_path, layout):
    header, row = LAYOUTS[layout]
    path = write(tmp_path, "contacts.csv", header + row)
    plan = preview_import(db, clock, path)
    assert plan.source.format_name == layout
    import_file(db, clock, path)
    ann = contact_named(db, "Ann Lee")
    assert ann.company == "Acme"
    assert [a for _l, a in ann.emails] == ["ann@acme.com"]
    if layout != "LinkedIn Connections":
        assert [n for _l, n in ann.phones] == ["+14155550101"]
        assert ann.notes == "met at fair"
    else:
        assert ann.job_title == "Buyer"


def test_imp8_unknown_layout_guessed_and_remappable(db, clock, tmp_path):
    path = write(tmp_path, "crm.csv", "Contact,Employer,Mail,Remarks\nAnn Lee,Acme,ann@acme.com,vip\n")
    plan = preview_import(db, clock, path)
    assert plan.source.format_name == "Other CSV"
    assert plan.source.csv.specs == ["full_name", "company", "email", None]
    import_file(db, clock, path, specs=["full_name", "company", "email", "notes"])
    assert contact_named(db, "Ann Lee").notes == "vip"


def test_imp8_a_file_without_any_known_column_is_refused(db, clock, tmp_path):
    path = write(tmp_path, "odd.csv", "a,b,c\n1,2,3\n")
    with pytest.raises(UserError, match=r"odd\.csv, line 1: no column holds a name"):
        preview_import(db, clock, path)


def test_imp9_google_multi_value_phone_is_split(db, clock, tmp_path):
    path = write(tmp_path, "google.csv", "First Name,Last Name,Phone 1 - Label,Phone 1 - Value\n"
                 "Ann,Lee,Mobile,+41 31 123 45 67 ::: +41 79 123 45 67\n")
    import_file(db, clock, path)
    assert contact_named(db, "Ann Lee").phones == (("mobile", "+41311234567"),
                                                   ("mobile", "+41791234567"))


def test_imp12_a_bad_last_row_refuses_everything(db, clock, tmp_path):
    path = write(tmp_path, "three.csv", OUTLOOK + "Ann,Lee,Acme,ann@example.com,\r\n"
                 "Bo,Kim,Beta,bo@example.com,\r\nCy,Ng,Gamma,not-an-address,\r\n")
    plan = preview_import(db, clock, path)
    assert (plan.new, plan.failed) == (2, 1)
    with pytest.raises(UserError, match=r"three\.csv, line 4: The e-mail address 'not-an-address'"):
        import_file(db, clock, path)
    assert contact_count() == 0


def test_imp13_importing_twice_adds_nothing(db, clock, tmp_path):
    path = write(tmp_path, "o.csv", OUTLOOK + "Ann,Lee,Acme,ann@example.com,+1 415 555 0101\r\n"
                 "Bo,Kim,Beta,,+1 415 555 0102\r\nCy,Ng,Gamma,,\r\n")
    first = import_file(db, clock, path).value
    assert first.new == 3
    second = import_file(db, clock, path).value
    assert (second.new, second.updated, second.duplicate) == (0, 0, 3)
    assert contact_count() == 3


def test_duplicates_merge_skip_or_add(db, clock, tmp_path):
    import_file(db, clock, write(tmp_path, "a.csv", OUTLOOK + "Ann,Lee,Acme,ann@example.com,\r\n"))
    richer = write(tmp_path, "b.csv", OUTLOOK + "Ann,Lee,,ANN@example.com,+1 415 555 0101\r\n")
    assert preview_import(db, clock, richer, on_duplicate="skip").duplicate == 1
    assert preview_import(db, clock, richer, on_duplicate="add").new == 1
    plan = import_file(db, clock, richer, on_duplicate="merge").value
    assert plan.updated == 1 and contact_count() == 1
    ann = contact_named(db, "Ann Lee")
    assert ann.company == "Acme" and ann.phones == (("mobile", "+14155550101"),)


def test_same_phone_or_same_name_and_company_is_a_duplicate(db, clock, tmp_path):
    import_file(db, clock, write(tmp_path, "a.csv", OUTLOOK + "Ann,Lee,Acme,,+1 415 555 0101\r\n"
                                 "Bo,Kim,Beta,,\r\n"))
    again = write(tmp_path, "b.csv", OUTLOOK + "Annie,Lee,,,(415) 555-0101\r\nBo,Kim,Beta,,\r\n")
    plan = preview_import(db, clock, again, on_duplicate="skip")
    assert (plan.new, plan.duplicate) == (0, 2)


def test_empty_rows_are_skipped_with_their_line(db, clock, tmp_path):
    path = write(tmp_path, "e.csv", OUTLOOK + ",,,,\r\nAnn,Lee,,,\r\n")
    plan = preview_import(db, clock, path)
    assert (plan.new, plan.skipped, plan.failed) == (1, 0, 0)


def test_preview_writes_nothing_and_cancel_rolls_back(db, clock, tmp_path):
    import threading

    path = write(tmp_path, "o.csv", OUTLOOK + "".join(f"P{i},Q,Co,,\r\n" for i in range(50)))
    assert preview_import(db, clock, path).new == 50
    assert contact_count() == 0
    cancel = threading.Event()

    def progress(line, total):
        if line > 20:
            cancel.set()

    from organizer.transfer.importer import Cancelled

    with pytest.raises(Cancelled):
        import_file(db, clock, path, progress=progress, cancel=cancel)
    assert contact_count() == 0
