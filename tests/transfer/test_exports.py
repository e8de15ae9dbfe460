"""vCard 4.0, iCalendar and JSON exports: valid for standard parsers, and our own
import reads the vCard back to the same data."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest
import vobject

from organizer.contacts import ContactData, create_contact
from organizer.errors import UserError
from organizer.followups import cancel, schedule_follow_up
from organizer.interactions import log_interaction
from organizer.models import Contact, FollowUp, Interaction
from organizer.transfer.exporting import export_file
from organizer.transfer.importer import import_file
from organizer.when import When

from .helpers import all_data

ANN = ContactData(
    first_name="Ann", last_name="Lee, Jr.", company="Acme; Sons", job_title="Buyer",
    emails=(("work", "ann@acme.com"), ("home", "ann@home.org")),
    phones=(("mobile", "+1 415 555 0101"), ("work", "0800 CALL ACME ext. 12")),
    street="1 Main St\nBuilding 2", city="Springfield", region="IL", postal_code="62701",
    country="US", stage="negotiation", source="fair", tags=("vip", "golf, tennis"),
    notes="Long note " * 20 + "with ünïcödé, commas; semicolons \\ and\nnew lines")


def test_vcard40_parses_with_vobject_and_reimports_the_same(db, clock, tmp_path):
    create_contact(db, clock, ANN)
    create_contact(db, clock, ContactData(company="Solo GmbH"))
    path = tmp_path / "all.vcf"
    assert export_file(db, clock, path) == ("vCard", 2)
    cards = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    assert [c.version.value for c in cards] == ["4.0", "4.0"]
    assert cards[0].fn.value == "Ann Lee, Jr."
    assert cards[0].org.value == ["Acme; Sons"]
    assert max(len(line.encode()) for line in path.read_text(encoding="utf-8").splitlines()) <= 75
    before = all_data(db)
    Contact.delete().execute()
    import_file(db, clock, path, backup=False)
    after = all_data(db)
    strip = [(d.display_name, d.company, d.job_title, d.emails, d.phones, d.street, d.city,
              d.region, d.postal_code, d.country, d.stage, d.source, sorted(d.tags), d.notes)
             for d in before]
    assert [(d.display_name, d.company, d.job_title, d.emails, d.phones, d.street, d.city,
             d.region, d.postal_code, d.country, d.stage, d.source, sorted(d.tags), d.notes)
            for d in after] == strip


def _follow_ups(db, clock, prefs):
    ann = create_contact(db, clock, ANN).value
    bo = create_contact(db, clock, ContactData(first_name="Bo", last_name="Kim",
                                               time_zone="America/New_York")).value
    timed = schedule_follow_up(db, clock, prefs, ann, When(dt.date(2026, 11, 24), dt.time(15, 0)),
                               kind="promised", reason="send the revised quote").value
    theirs = schedule_follow_up(db, clock, prefs, bo, When(dt.date(2026, 11, 25), dt.time(9, 30)),
                                kind="planned", their_time=True).value
    all_day = schedule_follow_up(db, clock, prefs, bo, When(dt.date(2026, 11, 30), None),
                                 kind="check-in", reason="quote sent?").value
    closed = schedule_follow_up(db, clock, prefs, ann, When(dt.date(2026, 11, 26), None)).value
    cancel(db, clock, closed)
    return timed, theirs, all_day


def test_icalendar_open_follow_ups_with_alarms_and_zones(db, clock, prefs, tmp_path):
    timed, theirs, all_day = _follow_ups(db, clock, prefs)
    path = tmp_path / "follow-ups.ics"
    assert export_file(db, clock, path, prefs) == ("iCalendar", 3)
    raw = path.read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    events = {e["UID"]: e for e in cal.walk("VEVENT")}
    assert set(events) == {f"follow-up-{i}@sales-organizer" for i in (timed, theirs, all_day)}
    zones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    assert zones == {"Europe/Berlin", "America/New_York"}
    first = events[f"follow-up-{timed}@sales-organizer"]
    start = first.decoded("DTSTART")
    assert (start.replace(tzinfo=None), str(start.tzinfo)) == (dt.datetime(2026, 11, 24, 15, 0),
                                                               "Europe/Berlin")
    assert first["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(first["SUMMARY"]) == "Promised: Ann Lee, Jr. (Acme; Sons)"
    assert "send the revised quote" in str(first["DESCRIPTION"])
    (alarm,) = first.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER") == dt.timedelta(0)
    their = events[f"follow-up-{theirs}@sales-organizer"].decoded("DTSTART")
    assert their.replace(tzinfo=None) == dt.datetime(2026, 11, 25, 9, 30)
    assert str(their.tzinfo) == "America/New_York"
    whole_day = events[f"follow-up-{all_day}@sales-organizer"]
    assert whole_day.decoded("DTSTART") == dt.date(2026, 11, 30)
    assert whole_day.decoded("DTEND") == dt.date(2026, 12, 1)
    # The same instants as the app computes, whatever zone the reader is in.
    row = FollowUp.get_by_id(timed)
    assert start.astimezone(dt.timezone.utc) == row.due_at
    # vobject reads it too (a second, independent parser).
    parsed = vobject.readOne(raw.decode("utf-8"))
    assert len(parsed.vevent_list) == 3


def test_json_export_is_complete(db, clock, prefs, tmp_path):
    _follow_ups(db, clock, prefs)
    log_interaction(db, clock, Contact.get(Contact.first_name == "Ann").id, channel="phone",
                    outcome="reached", notes="asked for a quote")
    path = tmp_path / "everything.json"
    assert export_file(db, clock, path) == ("JSON", 2)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "sales-organizer-export" and data["version"] == 1
    assert len(data["contacts"]) == 2 and len(data["follow_ups"]) == 4
    assert len(data["interactions"]) == Interaction.select().count() == 1
    ann = next(c for c in data["contacts"] if c["first_name"] == "Ann")
    assert ann["emails"][0] == {"label": "work", "address": "ann@acme.com"}
    assert ann["notes"] == ANN.notes and sorted(ann["tags"]) == sorted(ANN.tags)
    assert data["interactions"][0]["notes"] == "asked for a quote"
    assert data["interactions"][0]["contact"] == ann["id"]
    statuses = sorted(f["status"] for f in data["follow_ups"])
    assert statuses == ["cancelled", "open", "open", "open"]
    assert data["follow_ups"][0]["due_date"] == "2026-11-24"


def test_unknown_suffix_and_missing_folder_are_plain_errors(db, clock, tmp_path):
    with pytest.raises(UserError, match=r"\.csv, \.vcf, \.ics or \.json"):
        export_file(db, clock, tmp_path / "x.pdf")
    with pytest.raises(UserError, match="does not exist"):
        export_file(db, clock, tmp_path / "nowhere" / "x.csv")
    assert not list(tmp_path.glob("*.partial"))
