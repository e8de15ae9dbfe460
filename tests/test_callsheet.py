"""The call sheet's content (no Qt): sections, order, what each entry says, empty days."""

from __future__ import annotations

import datetime as dt

from organizer.agenda import LastInteraction
from organizer.callsheet import APOLOGY, build_call_sheet, last_line, phones_by_contact
from organizer.contacts import archive_contacts
from organizer.followups import complete

from .test_callsheet_support import MONDAY, big_day, contact, follow_up, small_day


def names(section):
    return [e.name for e in section.entries]


def test_sections_come_in_the_order_the_rep_works_them(db, clock, prefs):
    small_day(db, clock)
    sheet = build_call_sheet(db, clock, prefs, MONDAY)
    assert [s.key for s in sheet.sections] == ["missed", "overdue", "day", "leads"]
    assert names(sheet.section("missed")) == ["Ann Promise"]
    assert names(sheet.section("overdue")) == ["Ben Overdue"]
    assert names(sheet.section("leads")) == ["Gina Lead"]
    assert sheet.counts == {"missed": 1, "overdue": 1, "day": 4, "leads": 1}
    assert sheet.section("missed").hint == APOLOGY


def test_the_days_calls_are_in_time_order_with_any_time_calls_last(db, clock, prefs):
    small_day(db, clock)
    day = build_call_sheet(db, clock, prefs, MONDAY).section("day")
    assert [(e.time, e.name) for e in day.entries] == [
        ("11:00", "Dana Early"), ("14:00", "Frank Middle"), ("16:30", "Carla Late"),
        ("any time", "Erik Anytime")]
    assert [e.promised for e in day.entries] == [True, False, False, False]


def test_an_entry_carries_everything_the_rep_needs_on_the_call(db, clock, prefs):
    small_day(db, clock)
    sheet = build_call_sheet(db, clock, prefs, MONDAY)
    frank = next(e for e in sheet.section("day").entries if e.name == "Frank Middle")
    assert frank.company == "Atlas Motors"
    assert frank.phones == ("(415) 555-0100 mobile",)
    assert (frank.stage, frank.touches, frank.touch_text) == ("contacted", 4, "touch 4")
    assert frank.last == "21 Nov phone, reached: Wants pricing for 20 seats before Friday."
    assert frank.purpose == "Send pricing"
    dana = sheet.section("day").entries[0]
    # Every number the contact has, not just the first.
    assert dana.phones == ("(212) 555-0199 work", "(917) 555-0123 mobile")
    # 11:00 in Berlin is 05:00 in New York.
    assert dana.their_time == "05:00 their time"
    assert frank.their_time == ""


def test_missed_and_overdue_entries_say_how_late_they_are(db, clock, prefs):
    small_day(db, clock)
    sheet = build_call_sheet(db, clock, prefs, MONDAY)
    ann = sheet.section("missed").entries[0]
    assert (ann.time, ann.late, ann.promised) == ("Fri 20 Nov 15:00", "2 days late", True)
    assert sheet.section("overdue").entries[0].late == "1 h late"


def test_new_leads_show_how_long_they_have_waited_and_where_they_came_from(db, clock, prefs):
    small_day(db, clock)
    gina = build_call_sheet(db, clock, prefs, MONDAY).section("leads").entries[0]
    assert gina.time == "waiting < 1 h"
    assert gina.purpose == "First contact (source: website)"
    assert gina.touch_text == "no touch yet"


def test_a_sheet_for_tomorrow_counts_what_will_be_late_by_then(db, clock, prefs):
    small_day(db, clock)
    sheet = build_call_sheet(db, clock, prefs, MONDAY + dt.timedelta(days=1))
    # Today's calls not yet made will be overdue tomorrow morning.
    assert names(sheet.section("missed")) == ["Ann Promise", "Dana Early"]
    assert set(names(sheet.section("overdue"))) == {
        "Ben Overdue", "Frank Middle", "Carla Late", "Erik Anytime"}
    assert sheet.section("day").total == 0
    assert sheet.next_day == dt.date(2026, 11, 26)


def test_an_empty_day_names_the_next_day_with_calls(db, clock, prefs):
    cid = contact(db, clock, "Only", "Thursday")
    follow_up(db, clock, cid, dt.date(2026, 11, 26), dt.time(9, 30))
    sheet = build_call_sheet(db, clock, prefs, MONDAY)
    assert sheet.empty
    assert sheet.next_day == dt.date(2026, 11, 26)
    assert build_call_sheet(db, clock, prefs, dt.date(2026, 11, 27)).next_day is None


def test_done_and_archived_follow_ups_are_not_printed(db, clock, prefs):
    ids = small_day(db, clock)
    day = build_call_sheet(db, clock, prefs, MONDAY).section("day")
    carla = next(e for e in day.entries if e.name == "Carla Late")
    complete(db, clock, carla.follow_up_id)
    archive_contacts(db, clock, [ids["dana"]])
    assert names(build_call_sheet(db, clock, prefs, MONDAY).section("day")) == [
        "Frank Middle", "Erik Anytime"]


def test_a_long_section_is_cut_with_the_total_kept(db, clock, prefs):
    big_day(db, clock, 12)
    day = build_call_sheet(db, clock, prefs, MONDAY, limit=5).section("day")
    assert (len(day.entries), day.total, day.more) == (5, 12, 7)


def test_long_text_is_cut_so_one_entry_fits_a_page(db, clock, prefs):
    cid = contact(db, clock, "X" * 10_000, company="Y" * 5000)
    follow_up(db, clock, cid, MONDAY, dt.time(12, 0), reason="Z " * 3000)
    entry = build_call_sheet(db, clock, prefs, MONDAY).section("day").entries[0]
    assert len(entry.name) <= 160 and entry.name.endswith("…")
    assert len(entry.company) <= 160 and len(entry.purpose) <= 160


def test_phones_by_contact_keeps_the_order_and_labels(db, clock):
    a = contact(db, clock, "A", phones=(("work", "+44 20 7946 0958"), ("", "+1 415 555 0101")))
    b = contact(db, clock, "B", phones=())
    found = phones_by_contact(db, [a, b], "US")
    assert found == {a: ("+44 20 7946 0958 work", "(415) 555-0101")}
    assert phones_by_contact(db, []) == {}


def test_an_all_day_item_is_late_from_the_midnight_after_its_day(db, clock, prefs):
    small_day(db, clock)

    def erik(day):
        sheet = build_call_sheet(db, clock, prefs, day)
        return next(e for e in sheet.section("overdue").entries if e.name == "Erik Anytime")

    assert erik(MONDAY + dt.timedelta(days=1)).late == "overdue"
    assert erik(MONDAY + dt.timedelta(days=3)).late == "2 days late"


def test_the_last_interaction_reads_as_one_plain_line():
    at = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)
    assert last_line(LastInteraction(at, "meeting", "out", "meeting held", "Demo went well"),
                     "Europe/Berlin") == "20 Nov meeting held: Demo went well"
    assert last_line(LastInteraction(at, "phone", "in", "reached", ""), "Europe/Berlin") == \
        "20 Nov phone from them"
    assert last_line(LastInteraction(at, "phone", "out", "left voicemail", "Call\nback"),
                     "UTC") == "20 Nov phone, left voicemail: Call back"
