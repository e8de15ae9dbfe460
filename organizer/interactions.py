"""Interactions: what happened, logged after the fact. Keeps each contact's touch count
and last-touch columns current, in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import SqliteDatabase, fn

from .changes import Changes, Outcome
from .clock import Clock
from .contacts import clean_text
from .errors import NotFound, UserError
from .models import CHANNELS, DIRECTIONS, OUTCOMES, REACHED_OUTCOMES, Contact, Interaction


@dataclass(frozen=True)
class HistoryRow:
    id: int
    happened_at: dt.datetime
    channel: str
    direction: str
    outcome: str
    notes: str


def _check(channel: str, direction: str, outcome: str) -> None:
    if channel not in CHANNELS:
        raise UserError(f"'{channel}' is not a channel (one of: {', '.join(CHANNELS)}).")
    if direction not in DIRECTIONS:
        raise UserError(f"'{direction}' is not a direction (in or out).")
    if outcome not in OUTCOMES:
        raise UserError(f"'{outcome}' is not an outcome (one of: {', '.join(OUTCOMES)}).")


def refresh_touch_stats(contact_id: int) -> None:
    """Recompute the contact's derived touch columns (call inside a transaction)."""
    outbound = Interaction.contact == contact_id
    touches, last_touch = (
        Interaction.select(fn.COUNT(Interaction.id), fn.MAX(Interaction.happened_at))
        .where(outbound & (Interaction.direction == "out")).tuples().get()
    )
    last_reached = (
        Interaction.select(fn.MAX(Interaction.happened_at))
        .where(outbound & (Interaction.direction == "out")
               & Interaction.outcome.in_(REACHED_OUTCOMES)).scalar()
    )
    last_any = Interaction.select(fn.MAX(Interaction.happened_at)).where(outbound).scalar()
    Contact.update(
        touch_count=touches, last_touch_at=last_touch, last_reached_at=last_reached,
        last_interaction_at=last_any,
    ).where(Contact.id == contact_id).execute()
    # A lead the rep has reached out to is no longer waiting for a first contact.
    if touches:
        Contact.update(stage="contacted").where(
            (Contact.id == contact_id) & (Contact.stage == "lead")).execute()


def add_interaction(contact_id: int, clock: Clock, *, channel: str = "phone", direction: str = "out",
                    outcome: str = "reached", notes: str = "",
                    happened_at: dt.datetime | None = None) -> int:
    """Insert one interaction and refresh the stats (call inside a transaction)."""
    _check(channel, direction, outcome)
    notes = clean_text(notes, "note")
    if not Contact.select().where(Contact.id == contact_id).exists():
        raise NotFound(f"Contact #{contact_id} does not exist.")
    now = clock.now()
    row = Interaction.create(
        contact=contact_id, happened_at=happened_at or now, channel=channel,
        direction=direction, outcome=outcome, notes=notes, created_at=now,
    )
    refresh_touch_stats(contact_id)
    return row.id


def log_interaction(db: SqliteDatabase, clock: Clock, contact_id: int, **fields) -> Outcome:
    with db.atomic("IMMEDIATE"):
        interaction_id = add_interaction(contact_id, clock, **fields)
    return Outcome(Changes(frozenset({contact_id}), contacts=True, interactions=True), interaction_id)


def edit_interaction(db: SqliteDatabase, clock: Clock, interaction_id: int, *, channel: str,
                     direction: str, outcome: str, notes: str, happened_at: dt.datetime) -> Outcome:
    _check(channel, direction, outcome)
    notes = clean_text(notes, "note")
    with db.atomic("IMMEDIATE"):
        row = Interaction.get_or_none(Interaction.id == interaction_id)
        if row is None:
            raise NotFound("That history entry no longer exists.")
        Interaction.update(channel=channel, direction=direction, outcome=outcome, notes=notes,
                           happened_at=happened_at).where(Interaction.id == interaction_id).execute()
        refresh_touch_stats(row.contact_id)
    return Outcome(Changes(frozenset({row.contact_id}), contacts=True, interactions=True))


def delete_interaction(db: SqliteDatabase, clock: Clock, interaction_id: int) -> Outcome:
    with db.atomic("IMMEDIATE"):
        row = Interaction.get_or_none(Interaction.id == interaction_id)
        if row is None:
            raise NotFound("That history entry no longer exists.")
        row.delete_instance()
        refresh_touch_stats(row.contact_id)
    return Outcome(Changes(frozenset({row.contact_id}), contacts=True, interactions=True))


def history(db: SqliteDatabase, contact_id: int, offset: int = 0, limit: int = 200) -> list[HistoryRow]:
    """A page of the contact's history, newest first."""
    query = (Interaction.select(Interaction.id, Interaction.happened_at, Interaction.channel,
                                Interaction.direction, Interaction.outcome, Interaction.notes)
             .where(Interaction.contact == contact_id)
             .order_by(Interaction.happened_at.desc(), Interaction.id.desc())
             .offset(offset).limit(limit))
    return [HistoryRow(*row) for row in query.tuples()]


def history_count(db: SqliteDatabase, contact_id: int) -> int:
    return Interaction.select().where(Interaction.contact == contact_id).count()


def last_interaction(db: SqliteDatabase, contact_id: int) -> HistoryRow | None:
    rows = history(db, contact_id, 0, 1)
    return rows[0] if rows else None
