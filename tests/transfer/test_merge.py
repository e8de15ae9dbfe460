"""Merging two contacts keeps every interaction and follow-up, in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from organizer.contacts import ContactData, create_contact, load_contact
from organizer.errors import UserError
from organizer.followups import schedule_follow_up
from organizer.interactions import history, log_interaction
from organizer.merge import merge_candidates, merge_contacts
from organizer.models import Contact, FollowUp
from organizer.when import When


def _pair(db, clock, prefs):
    keep = create_contact(db, clock, ContactData(
        first_name="Ann", last_name="Lee", emails=(("work", "ann@acme.com"),),
        phones=(("work", "+1 415 555 0101"),), notes="met at fair", tags=("vip",))).value
    other = create_contact(db, clock, ContactData(
        first_name="Ann", last_name="Lee", company="Acme", city="Springfield", stage="proposal",
        emails=(("home", "ANN@acme.com"), ("home", "ann@home.org")),
        phones=(("mobile", "(415) 555-0101"), ("mobile", "+1 415 555 0199")),
        notes="prefers mornings", tags=("golf",))).value
    referral = create_contact(db, clock, ContactData(first_name="Bo", referred_by=other)).value
    for contact in (keep, other, other):
        log_interaction(db, clock, contact, channel="phone", outcome="reached")
    schedule_follow_up(db, clock, prefs, keep, When(dt.date(2026, 11, 27), dt.time(9, 0)))
    schedule_follow_up(db, clock, prefs, other, When(dt.date(2026, 11, 25), dt.time(15, 0)),
                       kind="promised")
    return keep, other, referral


def test_merge_keeps_history_follow_ups_and_fills_gaps(db, clock, prefs):
    keep, other, referral = _pair(db, clock, prefs)
    outcome = merge_contacts(db, clock, keep, other)
    assert outcome.value == keep and {keep, other} <= outcome.changes.contact_ids
    assert not Contact.select().where(Contact.id == other).exists()
    row, data = load_contact(db, keep)
    assert data.company == "Acme" and data.city == "Springfield"
    assert data.stage == "proposal"
    assert [a for _l, a in data.emails] == ["ann@acme.com", "ann@home.org"]
    assert [n for _l, n in data.phones] == ["+14155550101", "+14155550199"]
    assert data.notes == "met at fair\nprefers mornings"
    assert sorted(data.tags) == ["golf", "vip"]
    assert len(history(db, keep)) == 3 and row.touch_count == 3
    assert FollowUp.select().where(FollowUp.contact == keep).count() == 2
    earliest = FollowUp.get((FollowUp.contact == keep) & (FollowUp.kind == "promised")).due_at
    assert row.next_due_at == earliest
    assert Contact.get_by_id(referral).referred_by_id == keep


def test_merge_is_all_or_nothing(db, clock, prefs):
    keep, other, _ = _pair(db, clock, prefs)
    Contact.update(notes="bad\x00note").where(Contact.id == other).execute()
    with pytest.raises(UserError):
        merge_contacts(db, clock, keep, other)
    assert Contact.select().where(Contact.id == other).exists()
    assert len(history(db, other)) == 2 and len(history(db, keep)) == 1


def test_merge_refuses_the_same_contact_twice(db, clock, prefs):
    keep, _other, _ = _pair(db, clock, prefs)
    with pytest.raises(UserError, match="two different contacts"):
        merge_contacts(db, clock, keep, keep)


def test_merge_candidates_lists_active_contacts_by_name(db, clock, prefs):
    keep, other, referral = _pair(db, clock, prefs)
    rows = merge_candidates(db, "Ann")
    assert [r.id for r in rows] == [keep, other]
    assert rows[0].email == "ann@acme.com"
    assert [r.id for r in merge_candidates(db, "")][-1] in (keep, other, referral)


def test_merge_candidates_pin_the_contact_the_dialog_opened_on(db, clock, prefs):
    keep, other, referral = _pair(db, clock, prefs)
    first_page = merge_candidates(db, "", limit=1)
    pinned = merge_candidates(db, "", limit=1, include=referral)
    assert [r.id for r in first_page] != [referral]
    assert [r.id for r in pinned] == [referral]
