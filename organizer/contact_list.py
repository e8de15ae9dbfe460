"""The contact list's questions: which ids match a search, filters and sort, and the rows
for a block of ids. The window holds only the ids and asks for rows as they scroll into
view (Anki's browser does the same), so 100,000 contacts cost one id list.

Search: three or more characters go through the FTS5 trigram index `contact_fts`
(substring match over the contact's search_text); one or two characters match the
start of the name or the company through their indexes. Digits typed with or without
phone punctuation ("555-0142", "5550142") match the phone digits kept in search_text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from peewee import SqliteDatabase

from .clock import UTC
from .migrations import has_search_index
from .models import OPEN_STAGES, STAGES
from .schedule import day_bounds

SORTS = ("name", "company", "stage", "touches", "last_touch", "next_due")
_STAGE_ORDER = "CASE c.stage " + " ".join(
    f"WHEN '{stage}' THEN {i}" for i, stage in enumerate(STAGES)) + " ELSE 99 END"
# Binary order on indexed columns, with the id as tie-break, so a page of the list is
# an index walk that stops early (NOCASE would sort all matches first).
_ORDER = {
    "name": "c.name {d}, c.id {d}",
    "company": "c.company {d}, c.id {d}",
    "stage": _STAGE_ORDER + " {d}, c.name, c.id",
    "touches": "c.touch_count {d}, c.id {d}",
    # Contacts never touched / with nothing scheduled go last either way.
    "last_touch": "c.last_touch_at {d} NULLS LAST, c.id {d}",
    "next_due": "c.next_due_at {d} NULLS LAST, c.id {d}",
}
# A page is first looked for among this many rows in list order (a bounded scan); a
# search that matches many contacts fills its page there without touching the index.
SCAN_CAP = 400  # when the trigram index can answer the rest
SHORT_SCAN_CAP = 1000  # one or two letters: prefix ranges are dearer to sort
# More index matches than this are paged by walking the sort index instead of sorting.
WALK_FROM = 4000
_SORT_INDEX = {"name": "contact_name", "company": "contact_company",
               "touches": "contact_touch_count", "last_touch": "contact_last_touch_at",
               "next_due": "contact_next_due_at"}
_SCAN_COLUMNS = ("c.id, c.name, c.company, c.stage, c.touch_count, c.last_touch_at, "
                 "c.next_due_at, c.search_text")
_PHONE_CHARS = re.compile(r"^[\d+()\-./]+$")
_NOT_DIGITS = re.compile(r"\D+")


@dataclass(frozen=True)
class Filters:
    stage: str | None = None
    overdue: bool = False
    due_today: bool = False
    no_next_step: bool = False
    quiet_days: int | None = None  # no outbound touch for at least this many days
    tag: str | None = None
    archived: bool = False  # the archive instead of the active contacts


@dataclass(frozen=True)
class ListRow:
    contact_id: int
    name: str
    company: str
    stage: str
    touch_count: int
    last_touch_at: dt.datetime | None
    next_due_at: dt.datetime | None
    next_late_at: dt.datetime | None  # earliest open follow-up's "overdue from" instant
    phone: str | None
    email: str | None
    archived: bool

    def is_overdue(self, now: dt.datetime) -> bool:
        return self.next_late_at is not None and self.next_late_at <= now

    @property
    def needs_next_step(self) -> bool:
        """A relationship still being worked with nothing scheduled."""
        return self.stage in OPEN_STAGES and self.next_due_at is None and not self.archived


def _terms(text: str) -> list[str]:
    """Search words, lower-cased; phone-looking words reduced to their digits."""
    terms = []
    for word in text.lower().split():
        if _PHONE_CHARS.match(word) and sum(ch.isdigit() for ch in word) >= 1:
            word = _NOT_DIGITS.sub("", word)
        if word:
            terms.append(word)
    return terms


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _prefix_ranges(column: str, prefix: str) -> tuple[str, list]:
    """Case-insensitive `column` starts with `prefix`, as index range scans: one range per
    upper/lower-case spelling (at most four for two letters)."""
    spellings = {""}
    for ch in prefix:
        spellings = {s + v for s in spellings for v in {ch.lower(), ch.upper()}}
    parts, params = [], []
    for spelling in sorted(spellings):
        upper = spelling[:-1] + chr(ord(spelling[-1]) + 1)
        parts.append(f"({column} >= ? AND {column} < ?)")
        params += [spelling, upper]
    return "(" + " OR ".join(parts) + ")", params


def _search_clauses(db: SqliteDatabase, text: str) -> tuple[str, list, str, list]:
    """Two equivalent forms of the search: one through the indexes (fast when few
    contacts match) and one as a row test (fast when many match, in a bounded scan)."""
    terms = _terms(text)
    if not terms:
        return "", [], "", []
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    index, index_params, scan, scan_params = [], [], [], []
    if short_terms and not long_terms:
        # Only short words: the start of the name or company (or of a phone's digits).
        prefix = " ".join(short_terms)
        name_sql, name_params = _prefix_ranges("c.name", prefix)
        company_sql, company_params = _prefix_ranges("c.company", prefix)
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        digits_sql, digit_params, digits_test = "", [], ""
        if prefix.isdigit():
            digits_sql = " OR c.id IN (SELECT contact_id FROM phone WHERE digits >= ? AND digits < ?)"
            digit_params = [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]
            # The scan tests its rows one by one: a probe per row, where IN would first
            # list every phone with those digits (all of them, for "5").
            digits_test = (" OR EXISTS (SELECT 1 FROM phone p WHERE p.contact_id = c.id"
                           " AND p.digits >= ? AND p.digits < ?)")
        index.append(f"({name_sql} OR {company_sql}{digits_sql})")
        index_params += name_params + company_params + digit_params
        scan.append(f"(c.name LIKE ? ESCAPE '\\' OR c.company LIKE ? ESCAPE '\\'{digits_test})")
        scan_params += [pattern, pattern] + digit_params
        return " AND ".join(index), index_params, " AND ".join(scan), scan_params
    for term in terms:
        scan.append("c.search_text LIKE ? ESCAPE '\\'")
        scan_params.append(_like(term))
    if has_search_index(db):
        index.append("c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?)")
        index_params.append(" AND ".join(_fts_phrase(t) for t in long_terms))
        # Short words beside long ones only narrow what the index found.
        for term in short_terms:
            index.append("c.search_text LIKE ? ESCAPE '\\'")
            index_params.append(_like(term))
    else:  # an SQLite without FTS5: the row test is still correct
        index, index_params = list(scan), list(scan_params)
    return " AND ".join(index), index_params, " AND ".join(scan), scan_params


def _filter_clauses(filters: Filters, now: dt.datetime, zone_name: str) -> tuple[list[str], list]:
    clauses = ["c.archived_at IS NOT NULL" if filters.archived else "c.archived_at IS NULL"]
    params: list = []
    now_s = int(now.timestamp())
    if filters.stage:
        clauses.append("c.stage = ?")
        params.append(filters.stage)
    if filters.overdue:
        clauses.append("c.id IN (SELECT contact_id FROM follow_up WHERE status = 'open' "
                       "AND late_at <= ?)")
        params.append(now_s)
    if filters.due_today:
        start, end = day_bounds(now.astimezone(UTC).astimezone(_tz(zone_name)).date(), zone_name)
        clauses.append("c.id IN (SELECT contact_id FROM follow_up WHERE status = 'open' "
                       "AND due_at >= ? AND due_at < ?)")
        params += [int(start.timestamp()), int(end.timestamp())]
    if filters.no_next_step:
        marks = ",".join("?" * len(OPEN_STAGES))
        clauses.append(f"c.stage IN ({marks}) AND c.next_due_at IS NULL")
        params += list(OPEN_STAGES)
    if filters.quiet_days:
        cutoff = now_s - int(filters.quiet_days) * 86400
        clauses.append("coalesce(c.last_touch_at, c.created_at) <= ?")
        params.append(cutoff)
    if filters.tag:
        clauses.append("c.id IN (SELECT ct.contact_id FROM contact_tag ct "
                       "JOIN tag t ON t.id = ct.tag_id WHERE t.name = ?)")
        params.append(filters.tag)
    return clauses, params


def _tz(zone_name: str):
    from .clock import zone

    return zone(zone_name)


def _fts_usable(db: SqliteDatabase, text: str) -> bool:
    return any(len(t) >= 3 for t in _terms(text)) and has_search_index(db)


def _fts_ids(db: SqliteDatabase, text: str) -> list[int] | None:
    """Rowids the trigram index finds for the long words of `text` (None: no index or
    no long word)."""
    long_terms = [t for t in _terms(text) if len(t) >= 3]
    if not long_terms or not has_search_index(db):
        return None
    query = " AND ".join(_fts_phrase(t) for t in long_terms)
    return [rid for (rid,) in db.execute_sql(
        "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?", (query,)).fetchall()]


@dataclass(frozen=True)
class Page:
    ids: list[int]
    dense: bool  # found by the bounded scan: a longer text may be worth scanning too


def contact_ids(db: SqliteDatabase, text: str = "", filters: Filters | None = None, *,
                now: dt.datetime, zone_name: str, sort: str = "name",
                descending: bool = False, offset: int = 0, limit: int | None = None) -> list[int]:
    """The ids of the contacts matching `text` and `filters`, in list order; with
    `limit`, one page of them starting at `offset`."""
    return search_page(db, text, filters, now=now, zone_name=zone_name, sort=sort,
                       descending=descending, offset=offset, limit=limit).ids


def search_page(db: SqliteDatabase, text: str = "", filters: Filters | None = None, *,
                now: dt.datetime, zone_name: str, sort: str = "name", descending: bool = False,
                offset: int = 0, limit: int | None = None, scan: bool = True) -> Page:
    """contact_ids with its plan: `scan=False` skips the bounded scan (the caller knows
    the matches are sparse, e.g. the rep typed one more letter after a sparse search)."""
    if sort not in _ORDER:
        raise ValueError(f"unknown sort {sort!r}")
    filters = filters or Filters()
    clauses, params = _filter_clauses(filters, now, zone_name)
    index_sql, index_params, scan_sql, scan_params = _search_clauses(db, text)
    order = _ORDER[sort].format(d="DESC" if descending else "ASC")
    where = " AND ".join(clauses)
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    if scan and scan_sql and limit is not None:
        base = SCAN_CAP if _fts_usable(db, text) else SHORT_SCAN_CAP
        cap = max(base, 4 * (offset + limit))
        sql = (f"SELECT c.id FROM (SELECT {_SCAN_COLUMNS} FROM contact c WHERE {where} "
               f"ORDER BY {order} LIMIT {cap}) c WHERE {scan_sql} ORDER BY {order}{page}")
        found = [cid for (cid,) in db.execute_sql(sql, params + scan_params).fetchall()]
        if len(found) == limit:
            return Page(found, True)  # the page filled up inside the scan: the right rows
    if not index_sql:
        sql = f"SELECT c.id FROM contact c WHERE {where} ORDER BY {order}{page}"
        return Page([cid for (cid,) in db.execute_sql(sql, params).fetchall()], False)
    prefix = _short_prefix(text)
    if prefix is not None and sort == "name" and limit is not None:
        return Page(_name_prefix_page(db, prefix, where, params, descending, offset, limit),
                    False)
    fts = _fts_ids(db, text)
    if fts is not None:
        # The index's answer goes back in as a list, so the plan below is ours to pick.
        index_sql = index_sql.replace(
            "c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?)",
            "c.id IN (SELECT value FROM json_each(?))")
        index_params = [json.dumps(fts)] + index_params[1:]
        if len(fts) > WALK_FROM and sort in _SORT_INDEX and not _needs_rows(filters):
            # Many matches: walk the sort index and test each id against the list (no
            # table reads), stopping when the page is full. The archive is a short list
            # of ids, so "active" is tested without reading rows too.
            sql = (f"SELECT c.id FROM contact c INDEXED BY {_SORT_INDEX[sort]} "
                   f"WHERE +{index_sql[0:]} AND {_active_by_id(filters)} "
                   f"ORDER BY {order}{page}")
            return Page([cid for (cid,) in db.execute_sql(sql, index_params).fetchall()], False)
    # Few matches: read them and sort them.
    sql = f"SELECT c.id FROM contact c WHERE {index_sql} AND {where} ORDER BY +{order}{page}"
    return Page([cid for (cid,) in db.execute_sql(sql, index_params + params).fetchall()], False)


def _short_prefix(text: str) -> str | None:
    """The prefix searched when `text` has only short words (see _search_clauses)."""
    terms = _terms(text)
    if not terms or any(len(t) >= 3 for t in terms):
        return None
    return " ".join(terms)


def _name_prefix_page(db: SqliteDatabase, prefix: str, where: str, params: list,
                      descending: bool, offset: int, limit: int) -> list[int]:
    """A page of "name or company starts with `prefix`" in name order, without sorting
    every match (a common first letter matches thousands): each spelling's name range
    is walked in order through the name index and stops after offset + limit rows; the
    company (and phone digit) matches are sorted, but only they. The page is then taken
    from the merged heads, which hold every row it can contain."""
    wanted = offset + limit
    d = "DESC" if descending else "ASC"
    head = f"ORDER BY c.name {d}, c.id {d} LIMIT {int(wanted)}"
    streams, stream_params = [], []
    spellings = {""}
    for ch in prefix:
        spellings = {s + v for s in spellings for v in {ch.lower(), ch.upper()}}
    for spelling in sorted(spellings):
        upper = spelling[:-1] + chr(ord(spelling[-1]) + 1)
        streams.append(f"SELECT c.id, c.name FROM contact c WHERE c.name >= ? AND c.name < ? "
                       f"AND {where} {head}")
        stream_params += [spelling, upper, *params]
    company_sql, company_params = _prefix_ranges("c.company", prefix)
    others = company_sql
    if prefix.isdigit():
        others = (f"({company_sql} OR c.id IN (SELECT contact_id FROM phone "
                  "WHERE digits >= ? AND digits < ?))")
        company_params = [*company_params, prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]
    # Many matches (a common first letter of company names): walk the name index and
    # test each row, which meets a page of them early; few: read and sort just them.
    many = db.execute_sql(f"SELECT count(*) FROM (SELECT 1 FROM contact c WHERE {others} "
                          f"LIMIT {WALK_FROM + 1})", company_params).fetchone()[0] > WALK_FROM
    walk = "INDEXED BY contact_name " if many else ""
    streams.append(f"SELECT c.id, c.name FROM contact c {walk}WHERE {others} AND {where} {head}")
    stream_params += [*company_params, *params]
    union = " UNION ".join(f"SELECT id, name FROM ({stream})" for stream in streams)
    sql = (f"SELECT id FROM ({union}) ORDER BY name {d}, id {d} "
           f"LIMIT {int(limit)} OFFSET {int(offset)}")
    return [cid for (cid,) in db.execute_sql(sql, stream_params).fetchall()]


def _needs_rows(filters: Filters) -> bool:
    return any((filters.stage, filters.overdue, filters.due_today, filters.no_next_step,
                filters.quiet_days, filters.tag))


def _active_by_id(filters: Filters) -> str:
    archived = "SELECT id FROM contact WHERE archived_at IS NOT NULL"
    return f"c.id IN ({archived})" if filters.archived else f"c.id NOT IN ({archived})"


def _instant(value: int | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromtimestamp(value, UTC)


def contact_rows(db: SqliteDatabase, ids: list[int]) -> dict[int, ListRow]:
    """The list rows for a block of ids (a few hundred at most), by id."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    sql = (
        "SELECT c.id, c.name, c.company, c.stage, c.touch_count, c.last_touch_at, "
        "c.next_due_at, "
        "(SELECT min(f.late_at) FROM follow_up f WHERE f.contact_id = c.id AND f.status = 'open'), "
        "(SELECT p.number FROM phone p WHERE p.contact_id = c.id ORDER BY p.id LIMIT 1), "
        "(SELECT e.address FROM email e WHERE e.contact_id = c.id ORDER BY e.id LIMIT 1), "
        f"c.archived_at IS NOT NULL FROM contact c WHERE c.id IN ({marks})"
    )
    rows = {}
    for (cid, name, company, stage, touches, last_touch, next_due, late, phone, email,
         archived) in db.execute_sql(sql, list(ids)).fetchall():
        rows[cid] = ListRow(cid, name, company, stage, touches, _instant(last_touch),
                            _instant(next_due), _instant(late), phone, email, bool(archived))
    return rows


def tag_names(db: SqliteDatabase) -> list[str]:
    """Every tag in use, for the tag filter."""
    sql = ("SELECT t.name FROM tag t WHERE EXISTS (SELECT 1 FROM contact_tag ct "
           "WHERE ct.tag_id = t.id) ORDER BY t.name COLLATE NOCASE")
    return [name for (name,) in db.execute_sql(sql).fetchall()]


@dataclass(frozen=True)
class Choice:
    """A contact as a picker shows it ("referred by")."""

    contact_id: int
    name: str
    company: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.company})" if self.company and self.company != self.name \
            else self.name


def choices(db: SqliteDatabase, text: str, *, now: dt.datetime, zone_name: str,
            limit: int = 50, exclude: int | None = None) -> list[Choice]:
    """Up to `limit` active contacts matching `text`, by name."""
    found = contact_ids(db, text, Filters(), now=now, zone_name=zone_name, limit=limit + 1)
    ids = [cid for cid in found if cid != exclude][:limit]
    rows = contact_rows(db, ids)
    return [Choice(cid, rows[cid].name, rows[cid].company) for cid in ids if cid in rows]


def contact_label(db: SqliteDatabase, contact_id: int | None) -> str:
    """"Name (Company)" for an id, or "" when there is none."""
    if contact_id is None:
        return ""
    rows = contact_rows(db, [contact_id])
    row = rows.get(contact_id)
    return Choice(row.contact_id, row.name, row.company).label if row else ""
