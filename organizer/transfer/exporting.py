"""Export by suffix (.csv .vcf .ics .json), written to a temporary name and renamed, so
a failed export never leaves half a file where the rep expects a whole one."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from ..clock import Clock
from ..contacts import ContactData
from ..errors import UserError
from ..models import Contact, ContactTag, Email, Phone, Tag

PAGE = 500


@dataclass(frozen=True)
class ExportedContact:
    id: int
    data: ContactData
    updated_at: object  # aware UTC datetime


def active_contacts(db: SqliteDatabase) -> Iterator[ExportedContact]:
    """Every contact not archived, a page at a time (children fetched per page, not per row)."""
    last = 0
    while True:
        page = list(Contact.select().where((Contact.archived_at.is_null()) & (Contact.id > last))
                    .order_by(Contact.id).limit(PAGE))
        if not page:
            return
        ids = [c.id for c in page]
        phones: dict[int, list] = {}
        for cid, label, number in (Phone.select(Phone.contact, Phone.label, Phone.number)
                                   .where(Phone.contact.in_(ids)).order_by(Phone.id).tuples()):
            phones.setdefault(cid, []).append((label, number))
        emails: dict[int, list] = {}
        for cid, label, address in (Email.select(Email.contact, Email.label, Email.address)
                                    .where(Email.contact.in_(ids)).order_by(Email.id).tuples()):
            emails.setdefault(cid, []).append((label, address))
        tags: dict[int, list] = {}
        for cid, name in (ContactTag.select(ContactTag.contact, Tag.name).join(Tag)
                          .where(ContactTag.contact.in_(ids)).order_by(Tag.name).tuples()):
            tags.setdefault(cid, []).append(name)
        for c in page:
            data = ContactData(
                first_name=c.first_name, last_name=c.last_name, company=c.company,
                job_title=c.job_title, phones=tuple(phones.get(c.id, ())),
                emails=tuple(emails.get(c.id, ())), street=c.street, city=c.city,
                region=c.region, postal_code=c.postal_code, country=c.country, source=c.source,
                stage=c.stage, preferred_channel=c.preferred_channel, time_zone=c.time_zone,
                tags=tuple(tags.get(c.id, ())), notes=c.notes)
            yield ExportedContact(c.id, data, c.updated_at)
        last = ids[-1]


def write_atomically(dest: Path, write: Callable[[Path], int]) -> int:
    """Call write(temp) and rename temp to dest; returns what write returned (a count)."""
    if not dest.parent.is_dir():
        raise UserError(f"Cannot export to {dest}: the folder {dest.parent} does not exist.")
    temp = dest.with_name(f".{dest.name}.partial")
    try:
        count = write(temp)
        os.replace(temp, dest)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(f"Cannot write {dest}: {exc.strerror or exc}.") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return count


FORMATS = {".csv": "CSV", ".vcf": "vCard", ".vcard": "vCard", ".ics": "iCalendar", ".json": "JSON"}


def export_file(db: SqliteDatabase, clock: Clock, path: str | Path, prefs=None) -> tuple[str, int]:
    """Export to `path` in the format its suffix names: (format name, how many items)."""
    from ..preferences import load_preferences

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(f"{path.name}: export needs a file ending in .csv, .vcf, .ics or .json.")
    prefs = prefs or load_preferences(db)
    if suffix == ".csv":
        from .export_csv import write_csv as writer
    elif suffix in (".vcf", ".vcard"):
        from .export_vcard import write_vcards as writer
    elif suffix == ".ics":
        from .export_ical import write_calendar

        def writer(db, temp, clock=clock):
            return write_calendar(db, temp, clock, prefs)
        return FORMATS[suffix], write_atomically(path, lambda temp: writer(db, temp))
    else:
        from .export_json import write_json as writer
    return FORMATS[suffix], write_atomically(path, lambda temp: writer(db, temp, clock))
