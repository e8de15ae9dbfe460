"""Everything, as JSON: contacts with their phones, e-mails and tags, every interaction,
every follow-up and the preferences. Written a row at a time (memory stays flat);
instants are ISO 8601 in UTC, dates and times as the rep set them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from peewee import ForeignKeyField, SqliteDatabase

from ..models import Contact, ContactTag, Email, FollowUp, Interaction, Phone, Preference, Tag

FORMAT = "sales-organizer-export"
VERSION = 1


def _plain(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def _row(model, row) -> dict:
    # Foreign keys as their ids: a row, not the whole related object.
    return {f.name: _plain(getattr(row, f.object_id_name if isinstance(f, ForeignKeyField)
                                    else f.name))
            for f in model._meta.sorted_fields}


def _contacts(handle) -> int:
    count = 0
    for contact in Contact.select().order_by(Contact.id).iterator():
        item = _row(Contact, contact)
        item.pop("search_text", None)
        item["phones"] = [{"label": lb, "number": n} for lb, n in Phone.select(
            Phone.label, Phone.number).where(Phone.contact == contact.id).order_by(Phone.id).tuples()]
        item["emails"] = [{"label": lb, "address": a} for lb, a in Email.select(
            Email.label, Email.address).where(Email.contact == contact.id).order_by(Email.id).tuples()]
        item["tags"] = [n for (n,) in Tag.select(Tag.name).join(ContactTag).where(
            ContactTag.contact == contact.id).order_by(Tag.name).tuples()]
        handle.write(("," if count else "") + "\n    " + json.dumps(item, ensure_ascii=False))
        count += 1
    return count


def _table(handle, model) -> int:
    count = 0
    for row in model.select().order_by(model.id).iterator():
        handle.write(("," if count else "") + "\n    " + json.dumps(_row(model, row), ensure_ascii=False))
        count += 1
    return count


def write_json(db: SqliteDatabase, path: Path, clock=None) -> int:
    version = db.execute_sql("PRAGMA user_version").fetchone()[0]
    with db.atomic():  # one consistent snapshot
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            head = {"format": FORMAT, "version": VERSION, "schema_version": version,
                    "exported_at": _plain(clock.now()) if clock else None}
            handle.write(json.dumps(head, ensure_ascii=False)[:-1])
            handle.write(',\n  "contacts": [')
            count = _contacts(handle)
            handle.write('\n  ],\n  "interactions": [')
            _table(handle, Interaction)
            handle.write('\n  ],\n  "follow_ups": [')
            _table(handle, FollowUp)
            prefs = {key: json.loads(value) for key, value in
                     Preference.select(Preference.key, Preference.value).tuples()}
            handle.write('\n  ],\n  "preferences": ' + json.dumps(prefs, ensure_ascii=False) + "\n}\n")
    return count
