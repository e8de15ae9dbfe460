"""The contact list's questions: which ids match a search, filters and sort, and the rows
for a block of ids. The window holds only the ids and asks for rows as they scroll into
view (Anki's browser does the same), so 100,000 contacts cost one id list.

Search: three or more characters go through the FTS5 trigram index `contact_fts`
(substring match over the contact's search_text); one or two characters match the
start of the name, the last name or the company through their indexes ("ga" finds
Bianca Garcia). Digits typed with or without phone punctuation ("555-0142", "5550142")
match the phone digits kept in search_text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from peewee import SqliteDatabase

from . import phones
from .clock import UTC, from_utc_seconds
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
SCAN_CAP = 600  # when the trigram index can answer the rest
SHORT_SCAN_CAP = 600  # one or two letters: name, last name and company prefixes
# More index matches than this are paged by walking the sort index instead of sorting,
# for at most WALK_RATIO index entries per match: an entry costs ~0.5 us, sorting a
# match ~2 us, so a walk that fails costs about one sort more, and matches spread over
# the list fill a page within it from ~1,100 matches in 100,000 contacts. From WALK_ALL
# entries on, the walk is not bounded. (Measured on the 100,000-contact bench file.)
WALK_FROM = 1000
WALK_RATIO = 4
WALK_ALL = 50_000
# Short prefixes: more company (or last name) matches than this are walked in name
# order, not sorted. Names, companies and last names are independent of each other, so
# the matches are spread over the name order: 1,000 of 100,000 fill a page of 38 within
# ~4,000 index entries. Measured on the bench file: "ga" (3,379 Garcias) 2.8 ms sorted,
# 0.4-0.9 ms walked; the letters with few matches stay sorted (0.15-0.2 ms either way).
PREFIX_WALK_FROM = 1000
_SORT_INDEX = {"name": "contact_name", "company": "contact_company",
               "touches": "contact_touch_count", "last_touch": "contact_last_touch_at",
               "next_due": "contact_next_due_at"}
_SCAN_COLUMNS = "c.id, c.name, c.company, c.last_name, c.search_text"  # what row tests read
# Active contacts' (id, name): sorting a few thousand matches by name reads this narrow
# index instead of their rows, 2.3 MB against 27 MB for 100,000 contacts.
_NAMES = "INDEXED BY contact_live_id_name"
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


def _escaped(term: str) -> str:
    """`term` for a LIKE pattern with ESCAPE '\\': its wildcards taken literally."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(term: str) -> str:
    return "%" + _escaped(term) + "%"


def _bounds(prefix: str) -> list[str]:
    """[prefix, the first string after all that start with it]: an index range."""
    return [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]


def _spelling_bounds(prefix: str) -> list[list[str]]:
    """The index range of each upper/lower-case spelling of `prefix` (at most four for
    two letters), in order."""
    spellings = {""}
    for ch in prefix:
        spellings = {s + v for s in spellings for v in {ch.lower(), ch.upper()}}
    return [_bounds(spelling) for spelling in sorted(spellings)]


def _any_of(conditions: list[tuple[str, list]]) -> tuple[str, list]:
    """(sql, params) conditions joined with OR, their params in order."""
    return ("(" + " OR ".join(sql for sql, _params in conditions) + ")",
            [value for _sql, params in conditions for value in params])


def _prefix_ranges(column: str, prefix: str) -> tuple[str, list]:
    """Case-insensitive `column` starts with `prefix`, as index range scans: one range per
    spelling."""
    return _any_of([(f"({column} >= ? AND {column} < ?)", bounds)
                    for bounds in _spelling_bounds(prefix)])


# Besides the start of the name, a short search looks at the start of these, each
# through its own index.
_WORD_COLUMNS = ("c.company", "c.last_name")


def _word_ranges(prefix: str) -> list[tuple[str, list]]:
    """Each of _WORD_COLUMNS starts with `prefix`: one condition per column."""
    return [_prefix_ranges(column, prefix) for column in _WORD_COLUMNS]


def _search_clauses(text: str, indexed: bool) -> tuple[str, list, str, list]:
    """Two equivalent forms of the search: one through the indexes (fast when few
    contacts match) and one as a row test (fast when many match, in a bounded scan)."""
    terms = _terms(text)
    if not terms:
        return "", [], "", []
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    index, index_params, scan, scan_params = [], [], [], []
    if short_terms and not long_terms:
        # Only short words: the start of the name, last name or company (or of a
        # phone's digits).
        prefix = " ".join(short_terms)
        name_sql, name_params = _prefix_ranges("c.name", prefix)
        words_sql, words_params = _any_of(_word_ranges(prefix))
        pattern = _escaped(prefix) + "%"
        digits_sql, digit_params, digits_test = "", [], ""
        if prefix.isdigit():
            digits_sql = " OR c.id IN (SELECT contact_id FROM phone WHERE digits >= ? AND digits < ?)"
            digit_params = _bounds(prefix)
            # The scan tests its rows one by one: a probe per row, where IN would first
            # list every phone with those digits (all of them, for "5").
            digits_test = (" OR EXISTS (SELECT 1 FROM phone p WHERE p.contact_id = c.id"
                           " AND p.digits >= ? AND p.digits < ?)")
        index.append(f"({name_sql} OR {words_sql}{digits_sql})")
        index_params += name_params + words_params + digit_params
        columns = ("c.name", *_WORD_COLUMNS)
        likes = " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for column in columns)
        scan.append(f"({likes}{digits_test})")
        scan_params += [pattern] * len(columns) + digit_params
        return " AND ".join(index), index_params, " AND ".join(scan), scan_params
    for term in terms:
        scan.append("c.search_text LIKE ? ESCAPE '\\'")
        scan_params.append(_like(term))
    if indexed:
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


def _fts_matches(db: SqliteDatabase, text: str, indexed: bool) -> tuple[int, str] | None:
    """(how many, their ids as a JSON list) the trigram index finds for the long words
    of `text`; None without an index or a long word. SQLite builds the list: 11,000 ids
    as Python ints, then as JSON, cost three times as long."""
    long_terms = [t for t in _terms(text) if len(t) >= 3]
    if not long_terms or not indexed:
        return None
    query = " AND ".join(_fts_phrase(t) for t in long_terms)
    count, ids = db.execute_sql("SELECT count(*), json_group_array(rowid) FROM contact_fts "
                                "WHERE contact_fts MATCH ?", (query,)).fetchone()
    return count, ids


def _narrowing(text: str) -> tuple[str, list]:
    """The row test for the short words typed beside long ones ("ann le": "le")."""
    short_terms = [t for t in _terms(text) if len(t) < 3]
    return "".join(" AND c.search_text LIKE ? ESCAPE '\\'" for _ in short_terms), \
        [_like(t) for t in short_terms]


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
    indexed = has_search_index(db)  # asked once: it is a query too
    index_sql, index_params, scan_sql, scan_params = _search_clauses(text, indexed)
    order = _ORDER[sort].format(d="DESC" if descending else "ASC")
    where = " AND ".join(clauses)
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    prefix = _short_prefix(text)
    # Short words in name order: the prefix page reads little more than its own rows,
    # where the scan, failing (any letter but the first names' own), read 600.
    prefix_page = prefix is not None and sort == "name" and limit is not None
    if scan and scan_sql and limit is not None and not prefix_page:
        base = SCAN_CAP if indexed and prefix is None else SHORT_SCAN_CAP
        cap = max(base, 4 * (offset + limit))
        # No ORDER BY outside: the subquery runs as a co-routine in list order and the
        # scan stops as soon as the page is full (a dense search reads 50-odd rows).
        sql = (f"SELECT c.id FROM (SELECT {_SCAN_COLUMNS} FROM contact c WHERE {where} "
               f"ORDER BY {order} LIMIT {cap}) c WHERE {scan_sql}{page}")
        found = [cid for (cid,) in db.execute_sql(sql, params + scan_params).fetchall()]
        if len(found) == limit:
            return Page(found, True)  # the page filled up inside the scan: the right rows
    if not index_sql:
        sql = f"SELECT c.id FROM contact c WHERE {where} ORDER BY {order}{page}"
        return Page([cid for (cid,) in db.execute_sql(sql, params).fetchall()], False)
    live = not filters.archived  # contact_live_id_name holds the active contacts only
    if prefix_page:
        return Page(_name_prefix_page(db, prefix, where, params, descending, offset, limit,
                                      live), False)
    fts = _fts_matches(db, text, indexed)
    if fts is not None:
        count, id_list = fts
        if not count:
            return Page([], False)
        narrow_sql, narrow_params = _narrowing(text)
        if count >= WALK_FROM and sort in _SORT_INDEX and limit is not None:
            found = _bounded_walk(db, sort, order, id_list, count, narrow_sql + f" AND {where}",
                                  narrow_params + params, offset, limit)
            if found is not None:
                return Page(found, False)
        # Few matches (or the walk met too few): sort them, in name order by their
        # names alone (the narrow index), in another order by reading their rows.
        if sort == "name" and live:
            sql = (f"SELECT c.id FROM json_each(?) m CROSS JOIN contact c {_NAMES} "
                   f"ON c.id = m.value WHERE {where}{narrow_sql} ORDER BY {order}{page}")
            return Page([cid for (cid,) in db.execute_sql(
                sql, [id_list, *params, *narrow_params]).fetchall()], False)
        sql = (f"SELECT c.id FROM contact c WHERE c.id IN (SELECT value FROM json_each(?))"
               f"{narrow_sql} AND {where} ORDER BY +{order}{page}")
        return Page([cid for (cid,) in db.execute_sql(
            sql, [id_list, *narrow_params, *params]).fetchall()], False)
    # No trigram index (or short words only in another sort): the row test, sorted.
    sql = f"SELECT c.id FROM contact c WHERE {index_sql} AND {where} ORDER BY +{order}{page}"
    return Page([cid for (cid,) in db.execute_sql(sql, index_params + params).fetchall()], False)


def _bounded_walk(db: SqliteDatabase, sort: str, order: str, id_list: str, count: int,
                  row_test: str, params: list, offset: int, limit: int) -> list[int] | None:
    """A page of the matches (`id_list`) in list order, found by walking the sort index
    and testing each id against the list: no table read until an id matches, and the
    walk stops once the page is full. It walks at most WALK_RATIO entries per match (a
    walk as dear as sorting them), so matches that cluster late in the order cost a
    bounded walk, then a sort: None when the page did not fill within it."""
    page = f"LIMIT {int(limit)} OFFSET {int(offset)}"
    walk = WALK_RATIO * count
    if walk >= WALK_ALL:  # the whole index, in order: its answer is the page
        sql = (f"SELECT c.id FROM contact c INDEXED BY {_SORT_INDEX[sort]} "
               f"WHERE +c.id IN (SELECT value FROM json_each(?)){row_test} ORDER BY {order} {page}")
        return [cid for (cid,) in db.execute_sql(sql, [id_list, *params]).fetchall()]
    # The first `walk` index entries come from a co-routine, in order (its LIMIT keeps
    # its ORDER BY); CROSS JOIN keeps it the outer loop, so rows come out in its order
    # and the page's LIMIT stops it. Only ids on the list get their row read.
    sql = (f"SELECT c.id FROM (SELECT c.id AS id FROM contact c INDEXED BY {_SORT_INDEX[sort]} "
           f"ORDER BY {order} LIMIT {int(walk)}) w CROSS JOIN contact c ON c.id = w.id "
           f"WHERE w.id IN (SELECT value FROM json_each(?)){row_test} {page}")
    found = [cid for (cid,) in db.execute_sql(sql, [id_list, *params]).fetchall()]
    return found if len(found) == limit else None


def _short_prefix(text: str) -> str | None:
    """The prefix searched when `text` has only short words (see _search_clauses)."""
    terms = _terms(text)
    if not terms or any(len(t) >= 3 for t in terms):
        return None
    return " ".join(terms)


def _name_prefix_page(db: SqliteDatabase, prefix: str, where: str, params: list,
                      descending: bool, offset: int, limit: int, live: bool) -> list[int]:
    """A page of "name, last name or company starts with `prefix`" in name order,
    without sorting every match (a common first letter matches thousands): each
    spelling's name range is walked in order through the name index and stops after
    offset + limit rows; the company, last name (and phone digit) matches are sorted,
    but only they. The page is then taken from the merged heads, which hold every row
    it can contain."""
    wanted = offset + limit
    d = "DESC" if descending else "ASC"
    head = f"ORDER BY c.name {d}, c.id {d} LIMIT {int(wanted)}"
    streams, stream_params = [], []
    for bounds in _spelling_bounds(prefix):
        streams.append(f"SELECT c.id, c.name FROM contact c WHERE c.name >= ? AND c.name < ? "
                       f"AND {where} {head}")
        stream_params += [*bounds, *params]
    words = _word_ranges(prefix)
    words_sql, words_params = _any_of(words)
    # Many matches (a common first letter of company or last names, or of phone digits):
    # walk the name index and test each row, which meets a page of them early; few: read
    # and sort just them. Each kind is counted through its own index, without table reads.
    many = any(_more_than(db, f"SELECT 1 FROM contact c WHERE {ranges}", values,
                          PREFIX_WALK_FROM) for ranges, values in words)
    others = words_sql
    if prefix.isdigit():
        digits = _bounds(prefix)
        many = many or _more_than(db, "SELECT 1 FROM phone WHERE digits >= ? AND digits < ?",
                                  digits, PREFIX_WALK_FROM)
        # Walking, each row probes its own phones; sorting, the few phones are listed.
        phone_test = ("EXISTS (SELECT 1 FROM phone p WHERE p.contact_id = c.id "
                      "AND p.digits >= ? AND p.digits < ?)" if many else
                      "c.id IN (SELECT contact_id FROM phone WHERE digits >= ? AND digits < ?)")
        others = f"({words_sql} OR {phone_test})"
        words_params = [*words_params, *digits]
    if many:  # active contacts: name order, company and last name from one narrow index
        walk = "contact_live_name_words" if live else "contact_name"
        streams.append(f"SELECT c.id, c.name FROM contact c INDEXED BY {walk} "
                       f"WHERE {others} AND {where} {head}")
    elif live:  # their ids through the company, last name (and digits) indexes, names
        # through ours
        streams.append(f"SELECT c.id, c.name FROM contact c {_NAMES} WHERE c.id IN "
                       f"(SELECT c.id FROM contact c WHERE {others}) AND {where} {head}")
    else:
        streams.append(f"SELECT c.id, c.name FROM contact c WHERE {others} AND {where} {head}")
    stream_params += [*words_params, *params]
    union = " UNION ".join(f"SELECT id, name FROM ({stream})" for stream in streams)
    sql = (f"SELECT id FROM ({union}) ORDER BY name {d}, id {d} "
           f"LIMIT {int(limit)} OFFSET {int(offset)}")
    return [cid for (cid,) in db.execute_sql(sql, stream_params).fetchall()]


def _more_than(db: SqliteDatabase, rows_sql: str, params: list, n: int) -> bool:
    return db.execute_sql(f"SELECT count(*) FROM ({rows_sql} LIMIT {int(n) + 1})",
                          params).fetchone()[0] > n


def contact_rows(db: SqliteDatabase, ids: list[int]) -> dict[int, ListRow]:
    """The list rows for a block of ids (a few hundred at most), by id."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    # The first phone comes with its stored display forms, handed to phones.remember so
    # that showing it (a tooltip) never calls the phonenumbers library.
    sql = (
        "SELECT c.id, c.name, c.company, c.stage, c.touch_count, c.last_touch_at, "
        "c.next_due_at, "
        "(SELECT min(f.late_at) FROM follow_up f WHERE f.contact_id = c.id AND f.status = 'open'), "
        "p.number, p.region, p.national, p.international, "
        "(SELECT e.address FROM email e WHERE e.contact_id = c.id ORDER BY e.id LIMIT 1), "
        "c.archived_at IS NOT NULL FROM contact c "
        "LEFT JOIN phone p ON p.id = (SELECT min(p1.id) FROM phone p1 WHERE p1.contact_id = c.id) "
        f"WHERE c.id IN ({marks})"
    )
    rows, forms = {}, []
    for (cid, name, company, stage, touches, last_touch, next_due, late, phone, region,
         national, international, email, archived) in db.execute_sql(sql, list(ids)).fetchall():
        rows[cid] = ListRow(cid, name, company, stage, touches, from_utc_seconds(last_touch),
                            from_utc_seconds(next_due), from_utc_seconds(late), phone, email,
                            bool(archived))
        if phone:
            forms.append((phone, region, national, international))
    phones.remember(forms)
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
