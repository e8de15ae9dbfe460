"""Import: the preview (a dry run rolled back) and the real thing (one transaction).

Both run the same code, so the preview's counts are exactly what the import does. Each
entry is validated with the contact service's rules; it is new, a duplicate of an
existing contact (same e-mail, same phone digits, or same name and company), or within
the file a repeat of an earlier entry. Duplicates are skipped, merged (fill what is
missing, add new e-mails and phones) or added, as the rep chooses. Any failed entry
refuses the whole file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from peewee import SqliteDatabase

from .. import phones
from ..changes import Changes, Outcome
from ..clock import Clock
from ..contacts import (  # the same rows as create_contact
    ContactData,
    contact_columns,
    load_contact,
    search_text_of,
    update_contact,
    validate,
)
from ..errors import UserError
from ..models import Contact, ContactTag, Email, Phone, Tag, utc_seconds
from .records import Problem, Record
from .source import ImportSource, open_source

DUPLICATE_CHOICES = ("merge", "skip", "add")
MIN_MATCH_DIGITS = 7  # shorter numbers (extensions, short codes) match too much
MAX_PROBLEMS = 500
MAX_ROWS = 200


class Cancelled(Exception):
    """The rep pressed Cancel; the transaction is rolled back."""


class _DryRun(Exception):
    """Raised at the end of a preview to roll its transaction back."""


@dataclass
class PlanRow:
    line: int
    name: str
    company: str
    email: str
    phone: str
    action: str  # new, updated, duplicate, skipped, failed


@dataclass
class ImportPlan:
    source: ImportSource
    on_duplicate: str = "merge"
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    skipped: int = 0
    failed: int = 0
    problems: list[Problem] = field(default_factory=list)
    rows: list[PlanRow] = field(default_factory=list)  # the first entries, for the preview
    contact_ids: set[int] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        return (f"{self.new} new, {self.updated} updated, {self.duplicate} duplicate, "
                f"{self.skipped} skipped, {self.failed} failed")

    def first_error(self) -> str | None:
        for problem in self.problems:
            if problem.fatal:
                return problem.describe(self.source.path.name)
        return None

    def _note(self, problem: Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


def _marks(n: int) -> str:
    return ",".join("?" * n)


class _Matcher:
    """Finds the contact an entry duplicates (inside the running transaction).

    Plain SQL on indexed columns: building peewee queries cost more than running them
    at 100,000 rows.
    """

    def __init__(self, db: SqliteDatabase) -> None:
        self.db = db

    def _first(self, sql: str, params) -> int | None:
        row = self.db.execute_sql(sql, params).fetchone()
        return row[0] if row else None

    def find(self, data: ContactData, stored_phones) -> int | None:
        keys = [address.lower() for _label, address in data.emails]
        if keys:
            hit = self._first(f"SELECT {_EMAIL_CONTACT} FROM {_EMAIL} WHERE address_key IN "
                              f"({_marks(len(keys))}) LIMIT 1", keys)
            if hit:
                return hit
        digits = [d for _l, _n, d in stored_phones if len(d) >= MIN_MATCH_DIGITS]
        if digits:
            hit = self._first(f"SELECT {_PHONE_CONTACT} FROM {_PHONE} WHERE digits IN "
                              f"({_marks(len(digits))}) LIMIT 1", digits)
            if hit:
                return hit
        company = data.company.lower()
        for cid, other in self.db.execute_sql(
                f"SELECT id, company FROM {_CONTACT} WHERE name = ?", (data.display_name,)):
            if other.lower() == company:
                return cid
        return None


_CONTACT, _PHONE, _EMAIL = (m._meta.table_name for m in (Contact, Phone, Email))
_TAG, _CONTACT_TAG = Tag._meta.table_name, ContactTag._meta.table_name
_PHONE_CONTACT = Phone.contact.column_name
_EMAIL_CONTACT = Email.contact.column_name


class _Inserter:
    """New contacts written with plain SQL, the same rows create_contact would write
    (its columns and search text), at a fraction of the cost per row."""

    def __init__(self, db: SqliteDatabase, clock: Clock) -> None:
        self.db = db
        self.now = utc_seconds(clock.now())
        self.tags: dict[str, int] | None = None
        self.sql: dict[tuple, str] = {}

    def insert(self, data: ContactData, stored_phones) -> int:
        columns = {Contact._meta.fields[k].column_name: v for k, v in contact_columns(data).items()}
        columns.update(created_at=self.now, updated_at=self.now, touch_count=0,
                       search_text=search_text_of(data, stored_phones))
        names = tuple(columns)
        sql = self.sql.get(names)
        if sql is None:
            sql = self.sql[names] = (f"INSERT INTO {_CONTACT} ({', '.join(names)}) "
                                     f"VALUES ({_marks(len(names))})")
        contact_id = self.db.execute_sql(sql, tuple(columns.values())).lastrowid
        cursor = self.db.cursor()
        if stored_phones:
            cursor.executemany(f"INSERT INTO {_PHONE} ({_PHONE_CONTACT}, label, number, digits, "
                               "region, national, international) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               [(contact_id, label, number, digits, *phones.forms(number))
                                for label, number, digits in stored_phones])
        if data.emails:
            cursor.executemany(f"INSERT INTO {_EMAIL} ({_EMAIL_CONTACT}, label, address, "
                               "address_key) VALUES (?, ?, ?, ?)",
                               [(contact_id, label, address, address.lower())
                                for label, address in data.emails])
        for name in data.tags:
            cursor.execute(f"INSERT INTO {_CONTACT_TAG} ({ContactTag.contact.column_name}, "
                           f"{ContactTag.tag.column_name}) VALUES (?, ?)",
                           (contact_id, self._tag(name)))
        return contact_id

    def _tag(self, name: str) -> int:
        if self.tags is None:
            self.tags = dict((n, i) for i, n in self.db.execute_sql(f"SELECT id, name FROM {_TAG}"))
        if name not in self.tags:
            self.tags[name] = self.db.execute_sql(f"INSERT INTO {_TAG} (name) VALUES (?)",
                                                  (name,)).lastrowid
        return self.tags[name]


def merged_data(existing: ContactData, incoming: ContactData) -> ContactData:
    """`existing` with what `incoming` adds: empty fields filled, new e-mails, phones, tags."""
    filled = {}
    for name in ("first_name", "last_name", "company", "job_title", "street", "city", "region",
                 "postal_code", "country", "source"):
        if not getattr(existing, name) and getattr(incoming, name):
            filled[name] = getattr(incoming, name)
    known_emails = {a.lower() for _l, a in existing.emails}
    emails = existing.emails + tuple(e for e in incoming.emails if e[1].lower() not in known_emails)
    from ..phones import digits_of

    known_digits = {digits_of(n)[-MIN_MATCH_DIGITS:] for _l, n in existing.phones}
    phones = existing.phones + tuple(p for p in incoming.phones
                                     if digits_of(p[1])[-MIN_MATCH_DIGITS:] not in known_digits)
    tags = tuple(dict.fromkeys(existing.tags + incoming.tags))
    notes = existing.notes
    if incoming.notes and incoming.notes not in notes:
        notes = f"{notes}\n{incoming.notes}" if notes else incoming.notes
    return replace(existing, **filled, emails=emails, phones=phones, tags=tags, notes=notes)


def _same(a: ContactData, b: ContactData) -> bool:
    return (a == b) or (replace(a, tags=tuple(sorted(a.tags))) == replace(b, tags=tuple(sorted(b.tags))))


Progress = Callable[[int, int], None]


def run_import(db: SqliteDatabase, clock: Clock, source: ImportSource, *, commit: bool,
               on_duplicate: str = "merge", region: str = "US",
               progress: Progress | None = None, cancel=None) -> ImportPlan:
    """Read every entry of `source` and write it; roll back unless `commit` and all is well."""
    if on_duplicate not in DUPLICATE_CHOICES:
        raise UserError(f"'{on_duplicate}' is not a choice for duplicates (merge, skip or add).")
    plan = ImportPlan(source, on_duplicate)
    matcher = _Matcher(db)
    inserter = _Inserter(db, clock)
    try:
        with db.atomic("IMMEDIATE"):
            for item in source.records():
                if cancel is not None and cancel.is_set():
                    raise Cancelled
                _one(db, clock, plan, matcher, inserter, item, on_duplicate, region)
                if progress is not None:
                    progress(item.line, source.total_lines)
            if not commit or not plan.ok:
                raise _DryRun
    except _DryRun:
        pass
    if commit and not plan.ok:
        raise UserError(plan.first_error() or f"{source.path.name} cannot be imported.")
    return plan


def _one(db, clock, plan: ImportPlan, matcher: _Matcher, inserter: _Inserter,
         item: Record | Problem,
         on_duplicate: str, region: str) -> None:
    if isinstance(item, Problem):
        plan._note(item)
        if item.fatal:
            plan.failed += 1
        else:
            plan.skipped += 1
        return
    data = item.data
    try:
        data, stored_phones = validate(data, region)
    except UserError as exc:
        plan.failed += 1
        plan._note(Problem(item.line, exc.message.rstrip("."), _show(item.data)))
        _row(plan, item, "failed")
        return
    match = matcher.find(data, stored_phones)
    if match is None or on_duplicate == "add":
        plan.contact_ids.add(inserter.insert(data, stored_phones))
        plan.new += 1
        _row(plan, item, "new")
        return
    if on_duplicate == "skip":
        plan.duplicate += 1
        _row(plan, item, "duplicate")
        return
    _contact, existing = load_contact(db, match)
    merged = merged_data(existing, data)
    if _same(merged, existing):
        plan.duplicate += 1
        _row(plan, item, "duplicate")
        return
    update_contact(db, clock, match, merged, region)
    plan.contact_ids.add(match)
    plan.updated += 1
    _row(plan, item, "updated")


def _show(data: ContactData) -> str:
    return data.display_name


def _row(plan: ImportPlan, item: Record, action: str) -> None:
    if len(plan.rows) >= MAX_ROWS:
        return
    data = item.data
    plan.rows.append(PlanRow(item.line, data.display_name, data.company,
                             data.emails[0][1] if data.emails else "",
                             data.phones[0][1] if data.phones else "", action))


def preview_import(db: SqliteDatabase, clock: Clock, path: str | Path, *, on_duplicate="merge",
                   region: str = "US", specs=None, progress: Progress | None = None,
                   cancel=None) -> ImportPlan:
    """What importing `path` would do; nothing is written."""
    source = open_source(path, specs)
    return run_import(db, clock, source, commit=False, on_duplicate=on_duplicate, region=region,
                      progress=progress, cancel=cancel)


def import_file(db: SqliteDatabase, clock: Clock, path: str | Path, *, on_duplicate="merge",
                region: str = "US", specs=None, progress: Progress | None = None,
                cancel=None, backup: bool = True) -> Outcome:
    """Import `path` in one transaction after a backup; all or nothing."""
    source = open_source(path, specs)
    if backup:
        from ..backups import backup_before

        backup_before(db, clock, "import")
    plan = run_import(db, clock, source, commit=True, on_duplicate=on_duplicate, region=region,
                      progress=progress, cancel=cancel)
    changes = Changes(frozenset(plan.contact_ids), contacts=True) if plan.contact_ids else Changes()
    return Outcome(changes, plan)
