"""The contact list's queries: search (trigram, short prefixes, phone digits), filters,
sorts and row blocks, on a real database file."""

from __future__ import annotations

import datetime as dt

import pytest

from organizer.contact_list import Filters, choices, contact_ids, contact_rows, tag_names
from organizer.contacts import ContactData, archive_contacts, create_contact
from organizer.followups import schedule_follow_up
from organizer.interactions import log_interaction
from organizer.when import When
from tests.statements import plans, statements


def _add(db, clock, **fields) -> int:
    return create_contact(db, clock, ContactData(**fields)).value


@pytest.fixture
def people(db, clock):
    return {
        "ann": _add(db, clock, first_name="Ann", last_name="Lee", company="Acme Roofing",
                    phones=(("work", "(415) 555-0142"),), emails=(("work", "ann@acme.example"),),
                    stage="qualified", tags=("vip",)),
        "bob": _add(db, clock, first_name="Bob", last_name="Garcia", company="Blue Dental",
                    phones=(("mobile", "312-555-0199"),), stage="proposal"),
        "cara": _add(db, clock, first_name="Cara", last_name="O'Brien", company="Zeta Labs",
                     emails=(("", "cara@zeta.example"),), stage="won"),
    }


def ids(db, clock, text="", filters=None, **kw):
    return contact_ids(db, text, filters, now=clock.now(), zone_name=clock.zone_name, **kw)


def test_search_matches_name_company_email_and_phone_digits(db, clock, people):
    assert ids(db, clock, "garc") == [people["bob"]]
    assert ids(db, clock, "ROOFING") == [people["ann"]]
    assert ids(db, clock, "zeta.example") == [people["cara"]]
    # Digits typed plain or with the phone's punctuation find (415) 555-0142.
    assert ids(db, clock, "5550142") == [people["ann"]]
    assert ids(db, clock, "555-0142") == [people["ann"]]
    assert ids(db, clock, "(415) 555") == [people["ann"]]
    assert ids(db, clock, "nobody-here") == []


def test_search_with_several_words_needs_all_of_them(db, clock, people):
    assert ids(db, clock, "lee acme") == [people["ann"]]
    assert ids(db, clock, "lee dental") == []
    assert ids(db, clock, "ann le") == [people["ann"]]  # short word narrows a long one


def test_short_search_matches_the_start_of_name_last_name_or_company(db, clock, people):
    assert ids(db, clock, "b") == [people["bob"]]  # Bob, and Blue Dental is his too
    assert ids(db, clock, "z") == [people["cara"]]  # Zeta Labs
    assert ids(db, clock, "ca") == [people["cara"]]
    assert ids(db, clock, "ga") == [people["bob"]]  # Bob Garcia, by his last name
    assert ids(db, clock, "Le") == [people["ann"]]  # Ann Lee
    assert ids(db, clock, "o'") == [people["cara"]]  # Cara O'Brien
    assert ids(db, clock, "ee") == []  # the start of a word, not anywhere in it
    assert ids(db, clock, "") == [people["ann"], people["bob"], people["cara"]]


def test_a_short_last_name_search_reads_the_last_name_index(db, clock, people):
    found = plans(db, lambda: ids(db, clock, "ga", limit=5))
    assert any("INDEX contact_last_name" in plan for plan in found), found
    assert not any("SCAN c" in plan and "INDEX" not in plan for plan in found), found


def test_quotes_and_fts_syntax_are_searched_literally(db, clock, people):
    assert ids(db, clock, "o'brien") == [people["cara"]]
    assert ids(db, clock, 'o"b AND') == []
    assert ids(db, clock, "NEAR(") == []


def test_filters(db, clock, people, prefs):
    today = clock.today()
    schedule_follow_up(db, clock, prefs, people["ann"], When(today - dt.timedelta(days=2), None))
    schedule_follow_up(db, clock, prefs, people["bob"], When(today, dt.time(16, 0)))
    assert ids(db, clock, filters=Filters(stage="won")) == [people["cara"]]
    assert ids(db, clock, filters=Filters(overdue=True)) == [people["ann"]]
    assert ids(db, clock, filters=Filters(due_today=True)) == [people["bob"]]
    assert ids(db, clock, filters=Filters(tag="vip")) == [people["ann"]]
    assert tag_names(db) == ["vip"]
    # Cara is won, Ann and Bob have a next step: nobody open is left without one.
    assert ids(db, clock, filters=Filters(no_next_step=True)) == []
    clock.advance(days=40)
    log_interaction(db, clock, people["bob"], channel="phone", outcome="reached")
    assert ids(db, clock, filters=Filters(quiet_days=30)) == [people["ann"], people["cara"]]


def test_archive_moves_contacts_out_of_the_list(db, clock, people):
    archive_contacts(db, clock, [people["bob"]])
    assert people["bob"] not in ids(db, clock)
    assert ids(db, clock, filters=Filters(archived=True)) == [people["bob"]]


def test_sorts(db, clock, people):
    log_interaction(db, clock, people["cara"], channel="phone", outcome="reached")
    log_interaction(db, clock, people["cara"], channel="email", outcome="sent")
    log_interaction(db, clock, people["bob"], channel="phone", outcome="reached")
    assert ids(db, clock, sort="company") == [people["ann"], people["bob"], people["cara"]]
    assert ids(db, clock, sort="touches", descending=True) == [
        people["cara"], people["bob"], people["ann"]]
    assert ids(db, clock, sort="stage") == [people["ann"], people["bob"], people["cara"]]
    assert ids(db, clock, sort="last_touch")[-1] == people["ann"]  # never touched: last
    assert ids(db, clock, sort="next_due") == [people["ann"], people["bob"], people["cara"]]
    with pytest.raises(ValueError):
        ids(db, clock, sort="nonsense")


def test_rows_flag_overdue_and_missing_next_step(db, clock, people, prefs):
    schedule_follow_up(db, clock, prefs, people["ann"], When(clock.today() - dt.timedelta(days=1), None))
    rows = contact_rows(db, [people["ann"], people["bob"], people["cara"]])
    assert rows[people["ann"]].is_overdue(clock.now())
    assert rows[people["ann"]].phone == "+14155550142"
    assert rows[people["ann"]].email == "ann@acme.example"
    assert not rows[people["ann"]].needs_next_step
    assert rows[people["bob"]].needs_next_step  # a proposal with nothing scheduled
    assert not rows[people["cara"]].needs_next_step  # won
    assert contact_rows(db, []) == {}


def test_choices_for_a_picker(db, clock, people):
    found = choices(db, "a", now=clock.now(), zone_name=clock.zone_name, exclude=people["ann"])
    assert [c.contact_id for c in found] == []  # only Ann starts with "a", and she is excluded
    found = choices(db, "", now=clock.now(), zone_name=clock.zone_name, limit=2)
    assert [c.label for c in found] == ["Ann Lee (Acme Roofing)", "Bob Garcia (Blue Dental)"]


def test_pages_equal_the_whole_list_whichever_way_they_are_found(db, clock, monkeypatch):
    import organizer.contact_list as contact_list

    added = [_add(db, clock, first_name=f"Gus{n:02d}", last_name="Garcia" if n % 3 else "Lee",
                  company="Garden Tools" if n % 2 else "Acme") for n in range(30)]
    archive_contacts(db, clock, [added[4]])
    monkeypatch.setattr(contact_list, "SCAN_CAP", 8)  # force both the scan and the index path
    monkeypatch.setattr(contact_list, "SHORT_SCAN_CAP", 8)
    for walk_from, text in [(w, t) for w in (2, 10_000)
                            for t in ("", "garcia", "gar", "g", "ac", "lee gus", "gus0")]:
        monkeypatch.setattr(contact_list, "WALK_FROM", walk_from)  # walk the index, or sort
        whole = ids(db, clock, text, sort="company", descending=True)
        paged = []
        for offset in range(0, 40, 4):
            paged += ids(db, clock, text, sort="company", descending=True, offset=offset, limit=4)
        assert paged == whole, (text, walk_from)
        assert added[4] not in whole
        if text in ("garcia", "gus0"):
            assert ids(db, clock, text, Filters(archived=True), limit=4) == [added[4]]


def test_short_prefix_pages_in_name_order_equal_the_whole_list(db, clock, monkeypatch):
    import organizer.contact_list as contact_list

    names = ["gail", "Gus", "Abe", "Zed", "Ola", "Gwen", "Bea", "Ged", "Hal", "Ida"]
    lasts = {n: ("Gray" if n % 7 == 0 else "guzman" if n % 11 == 0 else f"Doe{n:02d}")
             for n in range(30)}
    added = []
    for n, first in enumerate(names * 3):
        added.append(_add(db, clock, first_name=first, last_name=lasts[n],
                          company=("Globex" if n % 3 == 0 else "garden co" if n % 3 == 1
                                   else "Acme"),
                          phones=(("", f"(415) 55{n % 4}-01{n:02d}"),)))
    archive_contacts(db, clock, [added[5]])
    monkeypatch.setattr(contact_list, "SHORT_SCAN_CAP", 4)  # the scan cannot fill a page
    for walk_from in (2, 10_000):  # company and last name matches walked, or sorted
        monkeypatch.setattr(contact_list, "WALK_FROM", walk_from)
        monkeypatch.setattr(contact_list, "PREFIX_WALK_FROM", walk_from)
        for text in ("g", "G", "gu", "a", "o", "41", "4155", "x"):
            for descending in (False, True):
                whole = ids(db, clock, text, sort="name", descending=descending)
                paged = []
                for offset in range(0, 40, 3):
                    paged += ids(db, clock, text, sort="name", descending=descending,
                                 offset=offset, limit=3)
                assert paged == whole, (text, walk_from, descending)
                assert added[5] not in whole
    companies = {n: ("Globex" if n % 3 == 0 else "garden co" if n % 3 == 1 else "Acme")
                 for n in range(30)}
    expected = {added[n] for n, first in enumerate(names * 3)
                if n != 5 and (first[0] in "gG" or companies[n][0] in "gG"
                               or lasts[n][0] in "gG")}
    assert set(ids(db, clock, "g")) == expected  # every name, company or last name with g
    assert ids(db, clock, "gr") == [added[n] for n in sorted(  # Gray, in name order
        (n for n in range(30) if lasts[n] == "Gray"), key=lambda n: (names * 3)[n])]
    assert ids(db, clock, "x") == []


@pytest.fixture
def crowd(db, clock):
    """40 contacts whose "garcia" matches sit early, late and in between in each order,
    one of them archived, a few with a follow-up or a tag."""
    added = []
    for n in range(40):
        first = ("Abe", "Mia", "Zed", "Ola")[n % 4]
        last = "Garcia" if n % 3 else "Lee"
        added.append(_add(db, clock, first_name=f"{first}{n:02d}", last_name=last,
                          company=("Garden Tools", "Acme Lofts", "Zeta")[n % 3],
                          stage="proposal" if n % 5 else "won",
                          tags=("vip",) if n % 7 == 0 else ()))
    archive_contacts(db, clock, [added[7]])
    for n in range(0, 40, 6):
        log_interaction(db, clock, added[n], channel="phone", outcome="reached")
    return added


def _pages(db, clock, text, size, **kw) -> list[int]:
    paged = []
    for offset in range(0, 44, size):
        paged += ids(db, clock, text, offset=offset, limit=size, **kw)
    return paged


@pytest.mark.parametrize("sort", ["name", "company", "touches", "last_touch", "next_due", "stage"])
@pytest.mark.parametrize("descending", [False, True])
def test_bounded_walk_pages_equal_the_sorted_list(db, clock, crowd, monkeypatch, sort, descending):
    import organizer.contact_list as contact_list

    monkeypatch.setattr(contact_list, "SCAN_CAP", 4)  # the scan cannot fill a page
    # A walk long enough to fill every page; one too short, so it gives up and sorts;
    # and walks without a bound.
    for walk_from, ratio, walk_all in ((1, 50, 10_000), (1, 1, 10_000), (1, 1, 2)):
        monkeypatch.setattr(contact_list, "WALK_FROM", walk_from)
        monkeypatch.setattr(contact_list, "WALK_RATIO", ratio)
        monkeypatch.setattr(contact_list, "WALK_ALL", walk_all)
        for text, filters in (("garcia", None), ("garcia ab", None), ("acme lo", None),
                              ("garcia", Filters(archived=True)), ("gar", Filters(tag="vip")),
                              ("garcia", Filters(stage="proposal")), ("nobody", None)):
            whole = ids(db, clock, text, filters, sort=sort, descending=descending)
            paged = _pages(db, clock, text, 4, filters=filters, sort=sort, descending=descending)
            assert paged == whole, (text, filters, walk_from, ratio, walk_all)
    assert ids(db, clock, "garcia", Filters(archived=True)) == [crowd[7]]
    assert crowd[7] not in ids(db, clock, "garcia")


def test_bounded_walk_reads_the_matches_in_list_order(db, clock, crowd, monkeypatch):
    import organizer.contact_list as contact_list

    monkeypatch.setattr(contact_list, "SCAN_CAP", 4)
    monkeypatch.setattr(contact_list, "WALK_FROM", 1)
    monkeypatch.setattr(contact_list, "WALK_RATIO", 50)
    expected = sorted((_add_name(n), cid) for n, cid in enumerate(crowd)
                      if n % 3 and n != 7)  # Garcia, not archived
    assert ids(db, clock, "garcia", limit=5) == [cid for _name, cid in expected[:5]]
    assert ids(db, clock, "garcia", limit=5, offset=5, descending=True) == \
        [cid for _name, cid in expected[::-1][5:10]]


def _add_name(n: int) -> str:
    return f"{('Abe', 'Mia', 'Zed', 'Ola')[n % 4]}{n:02d} " + ("Garcia" if n % 3 else "Lee")


def test_a_text_the_index_does_not_know_is_answered_without_a_list_query(db, clock, crowd):
    ran = statements(db, lambda: ids(db, clock, "xqzw", limit=50))
    assert ran and not any("json_each" in sql for sql in ran)
    assert ids(db, clock, "xqzw", limit=50) == []


def test_digit_prefixes_walk_the_name_index_when_many_phones_match(db, clock, monkeypatch):
    import organizer.contact_list as contact_list

    added = [_add(db, clock, first_name=f"P{n:02d}", phones=(("", f"(415) 555-01{n:02d}"),))
             for n in range(12)]
    added.append(_add(db, clock, first_name="Q", company="4U Ltd"))
    monkeypatch.setattr(contact_list, "SHORT_SCAN_CAP", 2)
    for walk_from in (3, 10_000):  # probe each row's phones, or list the phones
        monkeypatch.setattr(contact_list, "PREFIX_WALK_FROM", walk_from)
        assert ids(db, clock, "4") == added  # P00..P11 by name, then "Q" of 4U Ltd
        assert _pages(db, clock, "41", 5) == added[:12]
        assert _pages(db, clock, "4", 5, descending=True) == added[::-1]


def test_rows_bring_the_stored_phone_forms_along(db, clock, people, prefs):
    from organizer import phones

    db.execute_sql("UPDATE phone SET national = 'stored national form' WHERE contact_id = ?",
                   (people["ann"],))
    phones._FORMS.clear()
    rows = contact_rows(db, [people["ann"]])
    # Shown from what the database keeps, not worked out again by the library.
    assert phones.display(rows[people["ann"]].phone, prefs.phone_region) == "stored national form"


def test_a_few_matches_are_sorted_by_name_off_the_narrow_index(db, clock, crowd, monkeypatch):
    import organizer.contact_list as contact_list

    monkeypatch.setattr(contact_list, "WALK_FROM", 10_000)  # so few: sorted, not walked

    def page(filters=None) -> list[int]:  # straight to the index, as after a sparse search
        return contact_list.search_page(db, "garcia", filters, now=clock.now(), limit=5,
                                        zone_name=clock.zone_name, scan=False).ids

    expected = sorted((_add_name(n), cid) for n, cid in enumerate(crowd) if n % 3 and n != 7)
    assert any("contact_live_id_name" in plan for plan in plans(db, page))
    assert page() == [cid for _name, cid in expected[:5]]
    # The archive is not in that index: its matches are sorted from their rows.
    archive = Filters(archived=True)
    assert not any("contact_live_id_name" in plan for plan in plans(db, lambda: page(archive)))
    assert page(archive) == [crowd[7]]


def test_short_words_in_name_order_skip_the_scan(db, clock, crowd):
    """One or two letters go straight to the name and company indexes: the scan of the
    first rows in name order would fill a page only for the letters those names start
    with."""
    ran = statements(db, lambda: ids(db, clock, "ze", limit=5))
    assert ran and not any("LIKE" in sql for sql in ran)  # the scan's row test
    assert ids(db, clock, "ze", limit=5) == sorted(
        (cid for n, cid in enumerate(crowd) if n != 7 and (n % 4 == 2 or n % 3 == 2)),
        key=lambda cid: _add_name(crowd.index(cid)))[:5]


def test_first_letters_walk_names_and_companies_off_one_index(db, clock, monkeypatch):
    """Many companies starting with the letter: the name-order walk reads each one's
    company (and last name) from contact_live_name_words, and phone digits from their
    index."""
    import organizer.contact_list as contact_list

    added = [_add(db, clock, first_name=f"Ann{n:02d}", company=f"Globex {n}",
                  phones=(("", f"(415) 555-01{n:02d}"),)) for n in range(6)]
    monkeypatch.setattr(contact_list, "PREFIX_WALK_FROM", 2)  # "many" from three on
    found = plans(db, lambda: ids(db, clock, "g", limit=4))
    assert any("contact_live_name_words" in plan for plan in found), found
    assert ids(db, clock, "g", limit=4) == added[:4]
    found = plans(db, lambda: ids(db, clock, "4", limit=4))
    assert any("COVERING INDEX phone_contact_id_digits" in plan for plan in found), found
    assert ids(db, clock, "4", limit=4) == added[:4]
