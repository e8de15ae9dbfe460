"""Domain services: contacts, interactions and touch counts, follow-ups, quick log."""

from __future__ import annotations

import datetime as dt

import pytest

from organizer.changes import Changes
from organizer.clock import UTC
from organizer.contacts import (
    ContactData,
    archive_contacts,
    create_contact,
    find_contact,
    load_contact,
    restore_contacts,
    update_contact,
)
from organizer.errors import Ambiguous, NotFound, UserError
from organizer.followups import (
    cancel,
    complete,
    move_to_day,
    quick_log,
    reschedule,
    schedule_follow_up,
    snooze,
)
from organizer.interactions import delete_interaction, history, log_interaction
from organizer.models import Contact, FollowUp
from organizer.when import When

ANN = ContactData(first_name="Ann", last_name="Lee", company="Acme Corp",
                  phones=(("work", "(415) 555-0142"),), emails=(("work", "Ann.Lee@Acme.com"),),
                  tags=("holiday card", "vip"), time_zone="America/Los_Angeles")


def add(db, clock, data=ANN) -> int:
    return create_contact(db, clock, data).value


def test_create_and_load_round_trip(db, clock):
    outcome = create_contact(db, clock, ANN)
    assert outcome.changes == Changes(frozenset({outcome.value}), contacts=True)
    row, data = load_contact(db, outcome.value)
    assert row.name == "Ann Lee"
    assert data.phones == (("work", "+14155550142"),)
    assert data.emails == (("work", "Ann.Lee@Acme.com"),)
    assert data.tags == ("holiday card", "vip")
    assert "4155550142" in row.search_text and "acme corp" in row.search_text


@pytest.mark.parametrize("change, message", [
    (dict(first_name="", last_name="", company=""), "needs a first name"),
    (dict(emails=(("", "ann@"),)), "e-mail address 'ann@' is not valid"),
    (dict(phones=(("", "call me"),)), "phone number"),
    (dict(stage="hot"), "'hot' is not a stage"),
    (dict(time_zone="Mars/Olympus"), "not a known time zone"),
    (dict(first_name="A\x00nn"), "control character"),
])
def test_validation_says_what_is_wrong_and_writes_nothing(db, clock, change, message):
    from dataclasses import replace

    with pytest.raises(UserError, match=message):
        create_contact(db, clock, replace(ANN, **change))
    assert Contact.select().count() == 0


def test_update_and_referrer(db, clock):
    ann = add(db, clock)
    ben = add(db, clock, ContactData(first_name="Ben", referred_by=ann))
    assert Contact.get_by_id(ben).referred_by_id == ann
    with pytest.raises(UserError, match="themselves"):
        update_contact(db, clock, ben, ContactData(first_name="Ben", referred_by=ben))
    update_contact(db, clock, ben, ContactData(first_name="Benjamin", company="B&B"))
    assert Contact.get_by_id(ben).name == "Benjamin"


def test_archive_and_restore(db, clock):
    ann = add(db, clock)
    archive_contacts(db, clock, [ann])
    assert Contact.get_by_id(ann).archived_at == clock.now()
    with pytest.raises(NotFound):
        find_contact(db, "Ann Lee")
    restore_contacts(db, clock, [ann])
    assert find_contact(db, "Ann Lee") == ann


def test_find_contact_by_name_email_phone_and_ambiguity(db, clock):
    ann = add(db, clock)
    add(db, clock, ContactData(first_name="Ann", last_name="Other"))
    assert find_contact(db, "ann lee") == ann
    assert find_contact(db, "ANN.LEE@acme.com") == ann
    assert find_contact(db, "415-555-0142") == ann
    with pytest.raises(Ambiguous) as error:
        find_contact(db, "Ann")
    assert sorted(error.value.candidates) == ["Ann Lee (Acme Corp)", "Ann Other"]
    with pytest.raises(NotFound):
        find_contact(db, "Nobody")


def test_touches_count_outbound_and_keep_reached_apart(db, clock):
    ann = add(db, clock)
    log_interaction(db, clock, ann, outcome="left voicemail")
    clock.advance(hours=1)
    log_interaction(db, clock, ann, direction="in", outcome="reached")
    clock.advance(hours=1)
    log_interaction(db, clock, ann, outcome="no answer")
    row = Contact.get_by_id(ann)
    assert row.touch_count == 2
    assert row.last_touch_at == clock.now()
    assert row.last_reached_at is None
    assert row.stage == "contacted"  # a lead reached out to is no longer waiting
    reached = log_interaction(db, clock, ann, outcome="reached").value
    assert Contact.get_by_id(ann).last_reached_at == clock.now()
    delete_interaction(db, clock, reached)
    assert Contact.get_by_id(ann).touch_count == 2
    assert [h.outcome for h in history(db, ann)] == ["no answer", "reached", "left voicemail"]


def test_follow_up_lifecycle(db, clock, prefs):
    ann = add(db, clock)
    fid = schedule_follow_up(db, clock, prefs, ann, When(dt.date(2026, 11, 24), dt.time(15)),
                             kind="promised", reason="send quote").value
    assert Contact.get_by_id(ann).next_due_at == dt.datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    until = clock.now() + dt.timedelta(minutes=10)
    snooze(db, clock, fid, until)
    row = FollowUp.get_by_id(fid)
    assert (row.remind_at, row.snoozed_until, row.due_at.hour) == (until, until, 14)
    move_to_day(db, clock, prefs, fid, dt.date(2026, 11, 26))
    row = FollowUp.get_by_id(fid)
    assert (row.due_date, row.due_time) == (dt.date(2026, 11, 26), dt.time(15))
    assert row.snoozed_until is None
    reschedule(db, clock, prefs, fid, When(dt.date(2026, 11, 27), None))
    complete(db, clock, fid)
    assert FollowUp.get_by_id(fid).status == "done"
    assert Contact.get_by_id(ann).next_due_at is None
    with pytest.raises(UserError, match="already done"):
        cancel(db, clock, fid)


def test_quick_log_closes_what_it_fulfils_and_sets_the_next_step(db, clock, prefs):
    ann = add(db, clock)
    due = schedule_follow_up(db, clock, prefs, ann, When(clock.today(), dt.time(9)),
                             kind="promised").value
    later = schedule_follow_up(db, clock, prefs, ann, When(dt.date(2026, 12, 10), None)).value
    outcome = quick_log(db, clock, prefs, ann, notes="asked for a quote",
                        next_when=When(dt.date(2026, 12, 1), dt.time(15)), next_kind="promised")
    result = outcome.value
    assert result.closed_follow_up_id == due
    assert FollowUp.get_by_id(due).status == "done"
    assert FollowUp.get_by_id(due).closed_by_id == result.interaction_id
    assert FollowUp.get_by_id(later).status == "open"
    new = FollowUp.get_by_id(result.next_follow_up_id)
    assert (new.kind, new.reason, new.due_date) == ("promised", "asked for a quote", dt.date(2026, 12, 1))
    assert Contact.get_by_id(ann).next_due_at == new.due_at
    assert outcome.changes.interactions and outcome.changes.follow_ups


def test_quick_log_is_one_transaction(db, clock, prefs):
    ann = add(db, clock)
    with pytest.raises(UserError):
        quick_log(db, clock, prefs, ann, next_when=When(clock.today(), None), next_kind="someday")
    assert Contact.get_by_id(ann).touch_count == 0
    assert history(db, ann) == []


def test_archive_parks_follow_ups_and_restore_brings_them_back(db, clock, prefs):
    from organizer.agenda import count_overdue, overdue

    ann = add(db, clock)
    fid = schedule_follow_up(db, clock, prefs, ann, When(dt.date(2026, 11, 20), None)).value
    assert count_overdue(db, clock.now()) == 1
    archive_contacts(db, clock, [ann])
    assert FollowUp.get_by_id(fid).status == "parked"
    assert count_overdue(db, clock.now()) == 0 and overdue(db, clock.now()) == []
    assert Contact.get_by_id(ann).next_due_at is None
    restore_contacts(db, clock, [ann])
    assert FollowUp.get_by_id(fid).status == "open"
    assert [i.follow_up_id for i in overdue(db, clock.now())] == [fid]
    assert Contact.get_by_id(ann).next_due_at == FollowUp.get_by_id(fid).due_at


def test_phone_forms_are_stored_and_shown_without_the_library(db, clock, tmp_path):
    import subprocess
    import sys

    from organizer import phones
    from organizer.demo import demo_phone_forms

    cid = create_contact(db, clock, ContactData(first_name="Ann",
                                                phones=(("work", "+44 20 7946 0958"),))).value
    row = db.execute_sql("SELECT region, national, international FROM phone "
                         "WHERE contact_id = ?", (cid,)).fetchone()
    assert row == ("GB", "020 7946 0958", "+44 20 7946 0958")
    assert phones.display("+442079460958", "GB") == "020 7946 0958"
    assert phones.display("+442079460958", "US") == "+44 20 7946 0958"
    # The demo's shortcut gives what the library gives.
    for area, last4 in (("415", "0142"), ("312", "9999"), ("919", "0000")):
        assert demo_phone_forms(area, last4) == phones.forms(f"+1{area}555{last4}")
    # Reading stored forms back needs no phonenumbers at all.
    db.close()
    code = ("import sys; from organizer.database import open_database; from organizer import phones;"
            f"db = open_database({str(db.database)!r}); phones.remember_stored(db, [{cid}]);"
            "print(phones.display('+442079460958', 'US'), 'phonenumbers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "+44 20 7946 0958 False"
