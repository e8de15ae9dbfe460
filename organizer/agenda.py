"""Read-only questions about the rep's day: what is missed, overdue, due, waiting, quiet.

Each query returns plain rows, bounded by `limit`, with a matching `count_*` so a big
database never produces a huge list; everything filters on indexed columns.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from .clock import from_utc_seconds, utc_seconds
from .words import OPEN_STAGES

if TYPE_CHECKING:  # any object with execute_sql will do: peewee's database or lean.Reader
    from peewee import SqliteDatabase

# The rows are named tuples rather than frozen dataclasses: a dataclass costs about a
# millisecond to define (it compiles its methods), and the window defines these on the
# way to its first paint.
class LastInteraction(NamedTuple):
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


class AgendaItem(NamedTuple):
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
# The order of the (status, due_at, late_at) index, so that a page of the day's or the
# overdue follow-ups is read off it without sorting every match (20,000 overdue: 4 ms
# to sort, 0.4 ms to walk). Check-ins go by (status, kind, due_at) instead.
_BY_DUE = "due_at, late_at, id"
_BY_KIND_DUE = "due_at, id"


def _agenda_query(db, where: str, params: list, limit: int | None,
                  with_last: bool = True, offset: int = 0,
                  order: str = _BY_DUE) -> list[AgendaItem]:
    # Pick the page of ids first (index only), then fetch the details of just those:
    # SQLite would otherwise run the per-row subqueries for every match before sorting.
    sql = f"SELECT id FROM follow_up WHERE {where} AND status = 'open' ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    wanted = [i for (i,) in db.execute_sql(sql, params).fetchall()]
    if not wanted:
        return []
    position = {fid: n for n, fid in enumerate(wanted)}
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
        last = None if l_at is None else LastInteraction(
            from_utc_seconds(l_at), l_ch, l_dir, l_out, l_notes)
        items.append(AgendaItem(fid, cid, name, company, phone, stage, touches, czone, kind,
                                reason, _date(day), _time(time), zone_name,
                                from_utc_seconds(due_at), from_utc_seconds(late_at),
                                from_utc_seconds(snoozed), from_utc_seconds(notified), last))
    return items


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _time(value) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(value)


def _count(db, where: str, params: list) -> int:
    # Archived contacts' follow-ups are "parked", so status alone hides them: no join.
    sql = f"SELECT count(*) FROM follow_up WHERE {where} AND status = 'open'"
    return db.execute_sql(sql, params).fetchone()[0]


def _missed(now) -> tuple[str, list]:
    return "kind = 'promised' AND late_at <= ?", [utc_seconds(now)]


def _overdue(now) -> tuple[str, list]:
    return "kind != 'promised' AND late_at <= ?", [utc_seconds(now)]


def _walked(late: tuple[str, list], now) -> tuple[str, list]:
    """The late follow-ups' condition for reading a page of them: a follow-up is never
    late before it is due (late_at >= due_at), so "due_at <= now" adds no condition,
    but it lets SQLite walk the due-time index from the oldest and stop at the page."""
    where, params = late
    return f"{where} AND due_at <= ?", [*params, utc_seconds(now)]


def _between(start, end, now) -> tuple[str, list]:
    where, params = "due_at >= ? AND due_at < ?", [utc_seconds(start), utc_seconds(end)]
    if now is not None:
        where += " AND late_at > ?"
        params.append(utc_seconds(now))
    return where, params


_CHECK_INS = ("kind = 'check-in'", [])


def missed_promises(db: SqliteDatabase, now: dt.datetime, limit: int | None = 50,
                    with_last: bool = True, offset: int = 0) -> list[AgendaItem]:
    """Promised follow-ups whose time has passed, oldest first (from `offset` on)."""
    return _agenda_query(db, *_walked(_missed(now), now), limit, with_last, offset)


def count_missed_promises(db: SqliteDatabase, now: dt.datetime) -> int:
    return _count(db, *_missed(now))


def overdue(db: SqliteDatabase, now: dt.datetime, limit: int | None = 50,
            with_last: bool = True, offset: int = 0) -> list[AgendaItem]:
    """Other (planned, check-in) follow-ups past their time, oldest first."""
    return _agenda_query(db, *_walked(_overdue(now), now), limit, with_last, offset)


def count_overdue(db: SqliteDatabase, now: dt.datetime, missed: int | None = None) -> int:
    """`missed`: count_missed_promises' answer for the same `now`, when at hand; then
    every late follow-up is counted and those taken away, one index range without a
    test of each row's kind (15,000 overdue: ~1 ms less)."""
    if missed is None:
        return _count(db, *_overdue(now))
    return _count(db, "late_at <= ?", [utc_seconds(now)]) - missed


def due_between(db: SqliteDatabase, start: dt.datetime, end: dt.datetime,
                now: dt.datetime | None = None, limit: int | None = 200,
                with_last: bool = True, offset: int = 0) -> list[AgendaItem]:
    """Open follow-ups due in [start, end), by time; with `now`, only those not yet late.
    `with_last=False` leaves each item's last interaction out (None), for lists that do
    not show it."""
    return _agenda_query(db, *_between(start, end, now), limit, with_last, offset)


def first_late_between(db: SqliteDatabase, start: dt.datetime, end: dt.datetime,
                       now: dt.datetime) -> dt.datetime | None:
    """When the first follow-up due in [start, end) that is not late yet turns late."""
    where, params = _between(start, end, now)
    row = db.execute_sql(f"SELECT min(late_at) FROM follow_up WHERE {where} AND status = 'open'",
                         params).fetchone()
    return from_utc_seconds(row[0]) if row else None


def count_due_between(db: SqliteDatabase, start: dt.datetime, end: dt.datetime,
                      now: dt.datetime | None = None) -> int:
    return _count(db, *_between(start, end, now))


def waiting_on(db: SqliteDatabase, limit: int | None = 50,
               with_last: bool = True) -> list[AgendaItem]:
    """Open check-ins: quotes and proposals the rep is waiting on."""
    return _agenda_query(db, *_CHECK_INS, limit, with_last, order=_BY_KIND_DUE)


def count_waiting_on(db: SqliteDatabase) -> int:
    return _count(db, *_CHECK_INS)


def open_follow_ups(db: SqliteDatabase, contact_id: int) -> list[AgendaItem]:
    return _agenda_query(db, "contact_id = ?", [contact_id], None)


class ContactRow(NamedTuple):
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


def _contact_rows(db, where: str, params: list, order: str, limit: int | None) -> list[ContactRow]:
    sql = f"SELECT id FROM contact WHERE {where} AND archived_at IS NULL ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _contact_details(db, [i for (i,) in db.execute_sql(sql, params).fetchall()], order)


def _contact_details(db, ids: list[int], order: str) -> list[ContactRow]:
    if not ids:
        return []
    sql = ("SELECT id, name, company,"
           " (SELECT p.number FROM phone p WHERE p.contact_id = contact.id ORDER BY p.id LIMIT 1),"
           " stage, touch_count, created_at, last_touch_at, next_due_at FROM contact"
           f" WHERE id IN ({','.join('?' * len(ids))}) ORDER BY {order}")
    return [ContactRow(cid, name, company, phone, stage, touches, from_utc_seconds(created),
                       from_utc_seconds(last_touch), from_utc_seconds(next_due))
            for cid, name, company, phone, stage, touches, created, last_touch, next_due
            in db.execute_sql(sql, ids).fetchall()]


_NEW_LEAD = "stage = 'lead' AND touch_count = 0"


def new_leads(db: SqliteDatabase, limit: int | None = 50) -> list[ContactRow]:
    """Leads nobody has reached out to yet, oldest first (speed to lead)."""
    return _contact_rows(db, _NEW_LEAD, [], "created_at, id", limit)


def count_new_leads(db: SqliteDatabase) -> int:
    return db.execute_sql(f"SELECT count(*) FROM contact WHERE {_NEW_LEAD} "
                          "AND archived_at IS NULL").fetchone()[0]


def _quiet_by_stage(now: dt.datetime, quiet_days: dict) -> list[tuple[str, list]]:
    """One condition per open stage: touched, but not for that stage's number of days.
    Each is asked on its own: a range of the partial index over active contacts
    (stage, last_touch_at), where an OR of the stages made SQLite visit and sort every
    matching row."""
    clauses = []
    for stage, days in quiet_days.items():
        if stage not in OPEN_STAGES or not days:
            continue
        cutoff = utc_seconds(now - dt.timedelta(days=days))
        clauses.append(("stage = ? AND last_touch_at IS NOT NULL AND last_touch_at <= ? "
                        "AND archived_at IS NULL", [stage, cutoff]))
    return clauses


def quiet_contacts(db: SqliteDatabase, now: dt.datetime, quiet_days: dict,
                   limit: int | None = 50) -> list[ContactRow]:
    """Open relationships with no touch for their stage's number of days, quietest first."""
    order = "last_touch_at, id"
    firsts: list[tuple[int, int]] = []
    for where, params in _quiet_by_stage(now, quiet_days):  # each stage's quietest, merged
        sql = f"SELECT last_touch_at, id FROM contact WHERE {where} ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        firsts.extend(db.execute_sql(sql, params).fetchall())
    firsts.sort()
    if limit is not None:
        firsts = firsts[:limit]
    return _contact_details(db, [i for (_, i) in firsts], order)


def count_quiet_contacts(db: SqliteDatabase, now: dt.datetime, quiet_days: dict) -> int:
    return sum(db.execute_sql(f"SELECT count(*) FROM contact WHERE {where}", params).fetchone()[0]
               for where, params in _quiet_by_stage(now, quiet_days))


# New leads have their own section; everyone else being worked needs a next step.
_NO_NEXT_STEP = (f"stage IN ({', '.join(repr(s) for s in OPEN_STAGES)}) AND next_due_at IS NULL "
                 "AND NOT (stage = 'lead' AND touch_count = 0)")


def no_next_step(db: SqliteDatabase, limit: int | None = 50) -> list[ContactRow]:
    return _contact_rows(db, _NO_NEXT_STEP, [], "last_touch_at, id", limit)


def count_no_next_step(db: SqliteDatabase) -> int:
    return db.execute_sql(f"SELECT count(*) FROM contact WHERE {_NO_NEXT_STEP} "
                          "AND archived_at IS NULL").fetchone()[0]


def next_day_with_calls(db: SqliteDatabase, after: dt.datetime) -> dt.date | None:
    """The local date of the first open follow-up due at or after `after`."""
    row = db.execute_sql("SELECT due_date FROM follow_up WHERE status = 'open' AND due_at >= ? "
                         "ORDER BY due_at LIMIT 1", [utc_seconds(after)]).fetchone()
    return _date(row[0]) if row else None
