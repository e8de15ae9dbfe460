"""Merge two contacts into one, keeping the whole history and every follow-up.

The kept contact gains what it lacks from the other (empty fields, e-mails, phones,
tags, notes); the other's interactions, follow-ups and referrals move over; then the
other is deleted. One transaction: a failure leaves both contacts as they were.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from peewee import SqliteDatabase

from .changes import Changes, Outcome
from .clock import Clock
from .contacts import ContactData, load_contact, update_contact
from .errors import UserError
from .followups import refresh_next_due
from .interactions import refresh_touch_stats
from .models import STAGES, Contact, FollowUp, Interaction
from .phones import digits_of


@dataclass(frozen=True)
class MergeCandidate:
    """A contact as the merge dialog lists it."""

    id: int
    name: str
    company: str
    email: str
    touches: int


def merge_candidates(db: SqliteDatabase, text: str = "", limit: int = 200,
                     include: int | None = None) -> list[MergeCandidate]:
    """Active contacts matching `text` (the contact list's indexed search), by name;
    `include` puts that contact first even when it is not on the first page."""
    from .contact_list import Filters, contact_ids, contact_rows

    ids = contact_ids(db, text, Filters(), now=dt.datetime.now(dt.UTC), zone_name="UTC",
                      limit=limit)
    if include is not None and include not in ids:
        ids = [include] + ids[: limit - 1]
    rows = contact_rows(db, ids)
    return [MergeCandidate(cid, rows[cid].name, rows[cid].company, rows[cid].email or "",
                           rows[cid].touch_count)
            for cid in ids if cid in rows and not rows[cid].archived]


def combined(keep: ContactData, other: ContactData) -> ContactData:
    """`keep` with what only `other` has; the further stage of the two wins."""
    filled = {}
    for name in ("first_name", "last_name", "company", "job_title", "street", "city", "region",
                 "postal_code", "country", "source", "time_zone"):
        if not getattr(keep, name) and getattr(other, name):
            filled[name] = getattr(other, name)
    if keep.referred_by is None and other.referred_by is not None:
        filled["referred_by"] = other.referred_by
    keys = {a.lower() for _l, a in keep.emails}
    emails = keep.emails + tuple(e for e in other.emails if e[1].lower() not in keys)
    numbers = {digits_of(n) for _l, n in keep.phones}
    phones = keep.phones + tuple(p for p in other.phones if digits_of(p[1]) not in numbers)
    notes = keep.notes
    if other.notes and other.notes not in notes:
        notes = f"{notes}\n{other.notes}" if notes else other.notes
    stage = keep.stage
    if keep.stage in ("lead", "contacted") and STAGES.index(other.stage) > STAGES.index(keep.stage):
        stage = other.stage
    return replace(keep, **filled, emails=emails, phones=phones,
                   tags=tuple(dict.fromkeys(keep.tags + other.tags)), notes=notes, stage=stage)


def merge_contacts(db: SqliteDatabase, clock: Clock, keep_id: int, other_id: int,
                   region: str = "US") -> Outcome:
    """Fold `other_id` into `keep_id`; returns the kept id."""
    if keep_id == other_id:
        raise UserError("Choose two different contacts to merge.")
    with db.atomic("IMMEDIATE"):
        _keep, keep = load_contact(db, keep_id)
        _other, other = load_contact(db, other_id)
        data = combined(keep, other)
        if data.referred_by == other_id:
            data = replace(data, referred_by=None)
        Interaction.update(contact=keep_id).where(Interaction.contact == other_id).execute()
        FollowUp.update(contact=keep_id).where(FollowUp.contact == other_id).execute()
        Contact.update(referred_by=keep_id).where(
            (Contact.referred_by == other_id) & (Contact.id != keep_id)).execute()
        Contact.update(referred_by=None).where(
            (Contact.id == keep_id) & (Contact.referred_by == other_id)).execute()
        Contact.delete().where(Contact.id == other_id).execute()
        update_contact(db, clock, keep_id, data, region)
        refresh_touch_stats(keep_id)
        refresh_next_due(keep_id)
    changes = Changes(frozenset({keep_id, other_id}), contacts=True, interactions=True,
                      follow_ups=True)
    return Outcome(changes, keep_id)
