"""Follow-ups: schedule, reschedule, snooze, complete, cancel, and the quick log.

A follow-up is a wall-clock promise (date, optional time, IANA zone); its instants are
derived by organizer/schedule.py. Each service is one IMMEDIATE transaction and keeps
the contact's `next_due_at` current.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import SqliteDatabase, fn

from .changes import Changes, Outcome
from .clock import Clock
from .contacts import clean_text
from .errors import NotFound, UserError
from .interactions import add_interaction
from .models import FOLLOWUP_KINDS, Contact, FollowUp
from .preferences import Preferences
from .schedule import day_bounds, due_instants
from .when import When

AUTO = object()  # quick_log: close the follow-up this interaction fulfils, if any


def refresh_next_due(contact_id: int) -> None:
    """Recompute the contact's earliest open follow-up (call inside a transaction)."""
    earliest = FollowUp.select(fn.MIN(FollowUp.due_at)).where(
        (FollowUp.contact == contact_id) & (FollowUp.status == "open")).scalar()
    Contact.update(next_due_at=earliest).where(Contact.id == contact_id).execute()


def _zone_for(contact_id: int, clock: Clock, zone_name: str | None, their_time: bool) -> str:
    if zone_name:
        return zone_name
    if their_time:
        contact_zone = Contact.select(Contact.time_zone).where(Contact.id == contact_id).scalar()
        if contact_zone:
            return contact_zone
    return clock.zone_name


def _instant_columns(when: When, zone_name: str, prefs: Preferences) -> tuple[dict, str | None]:
    instants = due_instants(when.date, when.time, zone_name,
                            lead_minutes=prefs.reminder_lead_minutes, day_start=prefs.day_start)
    columns = dict(due_date=when.date, due_time=when.time, time_zone=zone_name,
                   due_at=instants.due_at, late_at=instants.late_at, remind_at=instants.remind_at,
                   notified_at=None, snoozed_until=None)
    return columns, instants.warning


def add_follow_up(contact_id: int, clock: Clock, prefs: Preferences, when: When, *,
                  kind: str = "planned", reason: str = "", zone_name: str | None = None,
                  their_time: bool = False) -> tuple[int, str | None]:
    """Insert an open follow-up (call inside a transaction): (id, DST warning)."""
    if kind not in FOLLOWUP_KINDS:
        raise UserError(f"'{kind}' is not a kind of follow-up (promised, planned or check-in).")
    if not Contact.select().where(Contact.id == contact_id).exists():
        raise NotFound(f"Contact #{contact_id} does not exist.")
    zone_name = _zone_for(contact_id, clock, zone_name, their_time)
    columns, warning = _instant_columns(when, zone_name, prefs)
    row = FollowUp.create(contact=contact_id, kind=kind, reason=clean_text(reason, "reason"),
                          status="open", created_at=clock.now(), **columns)
    refresh_next_due(contact_id)
    return row.id, warning


def _changed(contact_id: int) -> Changes:
    return Changes(frozenset({contact_id}), contacts=True, follow_ups=True)


def schedule_follow_up(db: SqliteDatabase, clock: Clock, prefs: Preferences, contact_id: int,
                       when: When, **options) -> Outcome:
    with db.atomic("IMMEDIATE"):
        follow_up_id, warning = add_follow_up(contact_id, clock, prefs, when, **options)
    return Outcome(_changed(contact_id), follow_up_id, warning)


def _open_row(follow_up_id: int) -> FollowUp:
    row = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if row is None:
        raise NotFound("That follow-up no longer exists.")
    if row.status != "open":
        raise UserError(f"That follow-up is already {row.status}.")
    return row


def reschedule(db: SqliteDatabase, clock: Clock, prefs: Preferences, follow_up_id: int,
               when: When, zone_name: str | None = None) -> Outcome:
    """Move an open follow-up to a new date and time (its reminder is re-armed)."""
    with db.atomic("IMMEDIATE"):
        row = _open_row(follow_up_id)
        columns, warning = _instant_columns(when, zone_name or row.time_zone, prefs)
        FollowUp.update(**columns).where(FollowUp.id == follow_up_id).execute()
        refresh_next_due(row.contact_id)
    return Outcome(_changed(row.contact_id), follow_up_id, warning)


def move_to_day(db: SqliteDatabase, clock: Clock, prefs: Preferences, follow_up_id: int,
                day: dt.date) -> Outcome:
    """Reschedule to another day, keeping the time of day (calendar drag and drop)."""
    row = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if row is None:
        raise NotFound("That follow-up no longer exists.")
    return reschedule(db, clock, prefs, follow_up_id, When(day, row.due_time))


def snooze(db: SqliteDatabase, clock: Clock, follow_up_id: int, until: dt.datetime) -> Outcome:
    """Remind again at `until`; the promise itself keeps its time."""
    if until.tzinfo is None:
        raise ValueError("snooze needs an aware datetime")
    with db.atomic("IMMEDIATE"):
        row = _open_row(follow_up_id)
        FollowUp.update(remind_at=until, snoozed_until=until, notified_at=None).where(
            FollowUp.id == follow_up_id).execute()
    return Outcome(_changed(row.contact_id), follow_up_id)


def _close(follow_up_id: int, clock: Clock, status: str, closed_by: int | None = None) -> int:
    row = _open_row(follow_up_id)
    FollowUp.update(status=status, closed_at=clock.now(), closed_by=closed_by).where(
        FollowUp.id == follow_up_id).execute()
    refresh_next_due(row.contact_id)
    return row.contact_id


def complete(db: SqliteDatabase, clock: Clock, follow_up_id: int) -> Outcome:
    with db.atomic("IMMEDIATE"):
        contact_id = _close(follow_up_id, clock, "done")
    return Outcome(_changed(contact_id), follow_up_id)


def cancel(db: SqliteDatabase, clock: Clock, follow_up_id: int) -> Outcome:
    with db.atomic("IMMEDIATE"):
        contact_id = _close(follow_up_id, clock, "cancelled")
    return Outcome(_changed(contact_id), follow_up_id)


def fulfilled_by_now(contact_id: int, clock: Clock) -> int | None:
    """The open follow-up a contact made now would fulfil: the earliest one due by the
    end of the rep's today (overdue ones first)."""
    _start, end_of_today = day_bounds(clock.today(), clock.zone_name)
    return (FollowUp.select(FollowUp.id)
            .where((FollowUp.contact == contact_id) & (FollowUp.status == "open")
                   & (FollowUp.due_at < end_of_today))
            .order_by(FollowUp.due_at, FollowUp.id).limit(1).scalar())


@dataclass(frozen=True)
class QuickLogResult:
    interaction_id: int
    closed_follow_up_id: int | None
    next_follow_up_id: int | None


def quick_log(db: SqliteDatabase, clock: Clock, prefs: Preferences, contact_id: int, *,
              channel: str = "phone", direction: str = "out", outcome: str = "reached",
              notes: str = "", next_when: When | None = None, next_kind: str = "planned",
              next_reason: str = "", their_time: bool = False, closes=AUTO) -> Outcome:
    """Log what just happened and set the next step, as one transaction.

    `closes` is the follow-up this interaction fulfils: AUTO picks the one due by the
    end of today, None closes nothing.
    """
    with db.atomic("IMMEDIATE"):
        interaction_id = add_interaction(contact_id, clock, channel=channel, direction=direction,
                                         outcome=outcome, notes=notes)
        target = fulfilled_by_now(contact_id, clock) if closes is AUTO else closes
        if target is not None:
            _close(target, clock, "done", closed_by=interaction_id)
        next_id, warning = None, None
        if next_when is not None:
            next_id, warning = add_follow_up(contact_id, clock, prefs, next_when, kind=next_kind,
                                             reason=next_reason or notes, their_time=their_time)
    changes = Changes(frozenset({contact_id}), contacts=True, interactions=True, follow_ups=True)
    return Outcome(changes, QuickLogResult(interaction_id, target, next_id), warning)


def recompute_instants(db: SqliteDatabase, prefs: Preferences) -> int:
    """Re-derive every open follow-up's instants from its wall time (after a change of
    zone rules, lead time or working day). Returns how many were updated."""
    updated = 0
    with db.atomic("IMMEDIATE"):
        rows = list(FollowUp.select(FollowUp.id, FollowUp.due_date, FollowUp.due_time,
                                    FollowUp.time_zone, FollowUp.snoozed_until)
                    .where(FollowUp.status == "open").tuples())
        for fid, day, time, zone_name, snoozed in rows:
            columns, _ = _instant_columns(When(day, time), zone_name, prefs)
            columns.pop("notified_at")
            if snoozed is not None:
                columns["remind_at"] = snoozed
                columns.pop("snoozed_until")
            updated += FollowUp.update(**columns).where(FollowUp.id == fid).execute()
        contact_ids = [c for (c,) in FollowUp.select(FollowUp.contact).distinct()
                       .where(FollowUp.status == "open").tuples()]
        for contact_id in contact_ids:
            refresh_next_due(contact_id)
    return updated
