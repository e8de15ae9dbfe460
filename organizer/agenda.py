"""Read-only questions about the rep's day: what is missed, overdue, due, waiting, quiet.

Each query returns plain rows, bounded by `limit`, with a matching `count_*` so a big
database never produces a huge list; everything filters on indexed columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import SQL, SqliteDatabase

from .clock import UTC
from .models import OPEN_STAGES, Contact, FollowUp, utc_seconds

_PHONE = SQL("(SELECT p.number FROM phone p WHERE p.contact_id = t2.id ORDER BY p.id LIMIT 1)")


def _last(column: str) -> SQL:
    return SQL(f"(SELECT i.{column} FROM interaction i WHERE i.contact_id = t2.id "
               "ORDER BY i.happened_at DESC, i.id DESC LIMIT 1)")


def _instant(value: int | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromtimestamp(value, UTC)


@dataclass(frozen=True)
class LastInteraction:
    happened_at: dt.datetime
    channel: str
    direction: str
    outcome: str
    notes: str

    def one_line(self, zone_name: str, width: int = 80) -> str:
        """'21 Nov phone, reached: Wants pricing': the date and one line of what was said."""
        day = self.happened_at.astimezone(_zone(zone_name)).strftime("%d %b")
        if self.outcome.startswith(self.channel):  # "meeting held", not "meeting meeting held"
            what = self.outcome
        elif self.direction == "in":  # they got in touch; "reached" adds nothing
            what = f"{self.channel} from them"
        else:
            what = f"{self.channel}, {self.outcome}"
        text = " ".join(self.notes.split())
        if len(text) > width:
            text = text[:width - 1] + "…"
        return f"{day} {what}: {text}" if text else f"{day} {what}"


def _zone(name):
    from .clock import zone

    return zone(name)


@dataclass(frozen=True)
class AgendaItem:
    follow_up_id: int
    contact_id: int
    name: str
    company: str
    phone: str | None
    stage: str
    touch_count: int
    contact_zone: str | None
    kind: str
    reason: str
    due_date: dt.date
    due_time: dt.time | None
    time_zone: str
    due_at: dt.datetime
    late_at: dt.datetime
    snoozed_until: dt.datetime | None
    notified_at: dt.datetime | None
    last: LastInteraction | None

    @property
    def promised(self) -> bool:
        return self.kind == "promised"

    def lateness(self, now: dt.datetime) -> dt.timedelta:
        return max(now - self.due_at, dt.timedelta(0))


_DETAILS = (
    "SELECT f.id, c.id, c.name, c.company,"
    " (SELECT p.number FROM phone p WHERE p.contact_id = c.id ORDER BY p.id LIMIT 1),"
    " c.stage, c.touch_count, c.time_zone, f.kind, f.reason, f.due_date, f.due_time,"
    " f.time_zone, f.due_at, f.late_at, f.snoozed_until, f.notified_at,"
    " i.happened_at, i.channel, i.direction, i.outcome, i.notes"
    " FROM follow_up f JOIN contact c ON c.id = f.contact_id"
    # The contact's newest interaction, one index probe per row.
    " LEFT JOIN interaction i ON i.id = (SELECT j.id FROM interaction j"
    " WHERE j.contact_id = c.id ORDER BY j.happened_at DESC, j.id DESC LIMIT 1)"
    " WHERE f.id IN ({marks})"
)
# The same without the last interaction (the calendar does not show it).
_DETAILS_NO_LAST = _DETAILS[:_DETAILS.index(" i.happened_at")] + " NULL, NULL, NULL, NULL, NULL" \
    " FROM follow_up f JOIN contact c ON c.id = f.contact_id WHERE f.id IN ({marks})"


_CHUNK = 5000


def _agenda_query(where, order, limit: int | None, with_last: bool = True):
    # Pick the page of ids first (index only), then fetch the details of just those:
    # SQLite would otherwise run the per-row subqueries for every match before sorting.
    ids = FollowUp.select(FollowUp.id).where(where & (FollowUp.status == "open")).order_by(*order)
    if limit is not None:
        ids = ids.limit(limit)
    wanted = [i for (i,) in ids.tuples()]
    if not wanted:
        return []
    position = {fid: n for n, fid in enumerate(wanted)}
    db = FollowUp._meta.database
    details = _DETAILS if with_last else _DETAILS_NO_LAST
    rows = []
    for start in range(0, len(wanted), _CHUNK):  # within SQLite's limit on parameters
        chunk = wanted[start:start + _CHUNK]
        rows += db.execute_sql(details.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
    rows.sort(key=lambda row: position[row[0]])
    items = []
    for row in rows:
        (fid, cid, name, company, phone, stage, touches, czone, kind, reason, day, time, zone_name,
         due_at, late_at, snoozed, notified, l_at, l_ch, l_dir, l_out, l_notes) = row
        last = None if l_at is None else LastInteraction(_instant(l_at), l_ch, l_dir, l_out, l_notes)
        items.append(AgendaItem(fid, cid, name, company, phone, stage, touches, czone, kind,
                                reason, _date(day), _time(time), zone_name, _instant(due_at),
                                _instant(late_at), _instant(snoozed), _instant(notified), last))
    return items


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _time(value) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(value)


def _count(where) -> int:
    # Archived contacts' follow-ups are "parked", so status alone hides them: no join.
    return FollowUp.select().where(where & (FollowUp.status == "open")).count()


def _missed(now):
    return (FollowUp.kind == "promised") & (FollowUp.late_at <= utc_seconds(now))


def _overdue(now):
    return (FollowUp.kind != "promised") & (FollowUp.late_at <= utc_seconds(now))


def _between(start, end, now):
    where = (FollowUp.due_at >= utc_seconds(start)) & (FollowUp.due_at < utc_seconds(end))
    if now is not None:
        where &= FollowUp.late_at > utc_seconds(now)
    return where


_BY_DUE = (FollowUp.due_at, FollowUp.id)


def missed_promises(db: SqliteDatabase, now: dt.datetime, limit: int | None = 50) -> list[AgendaItem]:
    """Promised follow-ups whose time has passed, oldest first."""
    return _agenda_query(_missed(now), _BY_DUE, limit)


def count_missed_promises(db: SqliteDatabase, now: dt.datetime) -> int:
    return _count(_missed(now))


def overdue(db: SqliteDatabase, now: dt.datetime, limit: int | None = 50) -> list[AgendaItem]:
    """Other (planned, check-in) follow-ups past their time, oldest first."""
    return _agenda_query(_overdue(now), _BY_DUE, limit)


def count_overdue(db: SqliteDatabase, now: dt.datetime) -> int:
    return _count(_overdue(now))


def due_between(db: SqliteDatabase, start: dt.datetime, end: dt.datetime,
                now: dt.datetime | None = None, limit: int | None = 200,
                with_last: bool = True) -> list[AgendaItem]:
    """Open follow-ups due in [start, end), by time; with `now`, only those not yet late.
    `with_last=False` leaves each item's last interaction out (None), for lists that do
    not show it."""
    return _agenda_query(_between(start, end, now), _BY_DUE, limit, with_last)


def count_due_between(db: SqliteDatabase, start: dt.datetime, end: dt.datetime,
                      now: dt.datetime | None = None) -> int:
    return _count(_between(start, end, now))


def waiting_on(db: SqliteDatabase, limit: int | None = 50) -> list[AgendaItem]:
    """Open check-ins: quotes and proposals the rep is waiting on."""
    return _agenda_query(FollowUp.kind == "check-in", _BY_DUE, limit)


def count_waiting_on(db: SqliteDatabase) -> int:
    return _count(FollowUp.kind == "check-in")


def open_follow_ups(db: SqliteDatabase, contact_id: int) -> list[AgendaItem]:
    return _agenda_query(FollowUp.contact == contact_id, _BY_DUE, None)


@dataclass(frozen=True)
class ContactRow:
    contact_id: int
    name: str
    company: str
    phone: str | None
    stage: str
    touch_count: int
    created_at: dt.datetime
    last_touch_at: dt.datetime | None
    next_due_at: dt.datetime | None

    def age(self, now: dt.datetime) -> dt.timedelta:
        return now - self.created_at


def _contact_rows(where, order, limit):
    ids = Contact.select(Contact.id).where(where & Contact.archived_at.is_null()).order_by(*order)
    if limit is not None:
        ids = ids.limit(limit)
    return _contact_details([i for (i,) in ids.tuples()], order)


def _contact_details(ids: list[int], order) -> list[ContactRow]:
    phone = SQL("(SELECT p.number FROM phone p WHERE p.contact_id = t1.id ORDER BY p.id LIMIT 1)")
    query = (Contact.select(Contact.id, Contact.name, Contact.company, phone, Contact.stage,
                            Contact.touch_count, Contact.created_at, Contact.last_touch_at,
                            Contact.next_due_at)
             .where(Contact.id.in_(ids)).order_by(*order))
    return [ContactRow(*row) for row in query.tuples()]


def _new_leads():
    return (Contact.stage == "lead") & (Contact.touch_count == 0)


def new_leads(db: SqliteDatabase, limit: int | None = 50) -> list[ContactRow]:
    """Leads nobody has reached out to yet, oldest first (speed to lead)."""
    return _contact_rows(_new_leads(), (Contact.created_at, Contact.id), limit)


def count_new_leads(db: SqliteDatabase) -> int:
    return Contact.select().where(_new_leads() & Contact.archived_at.is_null()).count()


def _quiet_by_stage(now: dt.datetime, quiet_days: dict) -> list:
    """One condition per open stage: touched, but not for that stage's number of days.
    Each is asked on its own: a range of the partial index over active contacts
    (stage, last_touch_at), where an OR of the stages made SQLite visit and sort every
    matching row."""
    clauses = []
    for stage, days in quiet_days.items():
        if stage not in OPEN_STAGES or not days:
            continue
        cutoff = utc_seconds(now - dt.timedelta(days=days))
        clauses.append((Contact.stage == stage) & Contact.last_touch_at.is_null(False)
                       & (Contact.last_touch_at <= cutoff) & Contact.archived_at.is_null())
    return clauses


def quiet_contacts(db: SqliteDatabase, now: dt.datetime, quiet_days: dict,
                   limit: int | None = 50) -> list[ContactRow]:
    """Open relationships with no touch for their stage's number of days, quietest first."""
    order = (Contact.last_touch_at, Contact.id)
    firsts: list[tuple[int, int]] = []
    for where in _quiet_by_stage(now, quiet_days):  # each stage's quietest, then merged
        query = Contact.select(Contact.last_touch_at, Contact.id).where(where).order_by(*order)
        if limit is not None:
            query = query.limit(limit)
        firsts.extend(query.tuples())
    firsts.sort(key=lambda row: (utc_seconds(row[0]), row[1]))
    if limit is not None:
        firsts = firsts[:limit]
    return _contact_details([i for (_, i) in firsts], order)


def count_quiet_contacts(db: SqliteDatabase, now: dt.datetime, quiet_days: dict) -> int:
    return sum(Contact.select().where(where).count()
               for where in _quiet_by_stage(now, quiet_days))


def _no_next_step():
    # New leads have their own section; everyone else being worked needs a next step.
    return (Contact.stage.in_(OPEN_STAGES) & Contact.next_due_at.is_null()
            & ~((Contact.stage == "lead") & (Contact.touch_count == 0)))


def no_next_step(db: SqliteDatabase, limit: int | None = 50) -> list[ContactRow]:
    return _contact_rows(_no_next_step(), (Contact.last_touch_at, Contact.id), limit)


def count_no_next_step(db: SqliteDatabase) -> int:
    return Contact.select().where(_no_next_step() & Contact.archived_at.is_null()).count()


def next_day_with_calls(db: SqliteDatabase, after: dt.datetime) -> dt.date | None:
    """The local date of the first open follow-up due at or after `after`."""
    row = (FollowUp.select(FollowUp.due_date)
           .where((FollowUp.status == "open") & (FollowUp.due_at >= utc_seconds(after)))
           .order_by(FollowUp.due_at).limit(1).tuples().first())
    return row[0] if row else None

