"""Contacts: create, edit, archive (soft delete), restore, look up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from peewee import SqliteDatabase, fn

from . import phones
from .changes import Changes, Outcome
from .clock import Clock, zone
from .errors import Ambiguous, NotFound, UserError
from .models import (
    CHANNELS,
    STAGES,
    Contact,
    ContactTag,
    Email,
    FollowUp,
    Phone,
    Tag,
)

_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"'.]{2,}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ContactData:
    """Everything the rep can type about a contact; phones/emails are (label, value)."""

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    job_title: str = ""
    phones: tuple[tuple[str, str], ...] = ()
    emails: tuple[tuple[str, str], ...] = ()
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    source: str = ""
    referred_by: int | None = None
    stage: str = "lead"
    preferred_channel: str = "phone"
    time_zone: str | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def display_name(self) -> str:
        person = " ".join(p for p in (self.first_name.strip(), self.last_name.strip()) if p)
        return person or self.company.strip()


def clean_text(value: str, what: str) -> str:
    """Reject NUL and control characters (tabs and newlines are fine)."""
    if _CONTROL.search(value or ""):
        raise UserError(f"The {what} contains a control character; please retype it.")
    return (value or "").strip() if "\n" not in (value or "") else value.strip()


def validate_email(address: str) -> str:
    address = address.strip()
    if not _EMAIL.match(address):
        raise UserError(f"The e-mail address '{address}' is not valid (expected name@example.com).")
    return address


def validate(data: ContactData, region: str = "US") -> tuple[ContactData, list[tuple[str, str, str]]]:
    """Checked, cleaned data plus the phones as (label, stored number, digits)."""
    texts = {}
    for name in ("first_name", "last_name", "company", "job_title", "street", "city",
                 "region", "postal_code", "country", "source", "notes"):
        texts[name] = clean_text(getattr(data, name), name.replace("_", " "))
    data = replace(data, **texts)
    if not data.display_name:
        raise UserError("A contact needs a first name, a last name or a company.")
    if data.stage not in STAGES:
        raise UserError(f"'{data.stage}' is not a stage (one of: {', '.join(STAGES)}).")
    if data.preferred_channel not in CHANNELS:
        raise UserError(f"'{data.preferred_channel}' is not a channel (one of: {', '.join(CHANNELS)}).")
    if data.time_zone:
        try:
            zone(data.time_zone)
        except ValueError as exc:
            raise UserError(str(exc) + ".") from exc
    emails = tuple((label.strip(), validate_email(a)) for label, a in data.emails if a.strip())
    stored_phones = []
    for label, raw in data.phones:
        if not raw.strip():
            continue
        try:
            number, digits = phones.normalise(raw, region)
        except ValueError as exc:
            raise UserError(f"The phone number {exc}.") from exc
        stored_phones.append((label.strip(), number, digits))
    tags = tuple(dict.fromkeys(t.strip() for t in data.tags if t.strip()))
    return replace(data, emails=emails, tags=tags), stored_phones


def search_text_of(data: ContactData, stored_phones) -> str:
    """What search-as-you-type matches: name, company, e-mails, phone digits, tags.

    Kept short (no duplicates) because every character costs trigram index entries.
    """
    parts = [data.display_name, data.company]
    parts += [a for _l, a in data.emails]
    parts += [phones.digits_of(number) or digits for _label, number, digits in stored_phones]
    parts += list(data.tags)
    return " | ".join(p.lower() for p in parts if p)


def _write_children(contact_id: int, data: ContactData, stored_phones) -> None:
    Phone.delete().where(Phone.contact == contact_id).execute()
    Email.delete().where(Email.contact == contact_id).execute()
    ContactTag.delete().where(ContactTag.contact == contact_id).execute()
    for label, number, digits in stored_phones:
        region, national, international = phones.forms(number)
        Phone.create(contact=contact_id, label=label, number=number, digits=digits,
                     region=region, national=national, international=international)
    for label, address in data.emails:
        Email.create(contact=contact_id, label=label, address=address, address_key=address.lower())
    for name in data.tags:
        tag, _ = Tag.get_or_create(name=name)
        ContactTag.create(contact=contact_id, tag=tag)


def contact_columns(data: ContactData) -> dict:
    return dict(
        first_name=data.first_name, last_name=data.last_name, name=data.display_name,
        company=data.company, job_title=data.job_title, street=data.street, city=data.city,
        region=data.region, postal_code=data.postal_code, country=data.country,
        source=data.source, referred_by=data.referred_by, stage=data.stage,
        preferred_channel=data.preferred_channel, time_zone=data.time_zone or None,
        notes=data.notes,
    )


def _check_referrer(contact_id: int | None, referred_by: int | None) -> None:
    if referred_by is None:
        return
    if referred_by == contact_id:
        raise UserError("A contact cannot be referred by themselves.")
    if not Contact.select().where(Contact.id == referred_by).exists():
        raise UserError("The contact named as 'referred by' no longer exists.")


def create_contact(db: SqliteDatabase, clock: Clock, data: ContactData, region: str = "US") -> Outcome:
    data, stored_phones = validate(data, region)
    now = clock.now()
    with db.atomic("IMMEDIATE"):
        _check_referrer(None, data.referred_by)
        contact = Contact.create(
            **contact_columns(data), created_at=now, updated_at=now,
            search_text=search_text_of(data, stored_phones),
        )
        _write_children(contact.id, data, stored_phones)
    return Outcome(Changes(frozenset({contact.id}), contacts=True), contact.id)


def update_contact(db: SqliteDatabase, clock: Clock, contact_id: int, data: ContactData,
                   region: str = "US") -> Outcome:
    data, stored_phones = validate(data, region)
    with db.atomic("IMMEDIATE"):
        _require(contact_id)
        _check_referrer(contact_id, data.referred_by)
        Contact.update(
            **contact_columns(data), updated_at=clock.now(), search_text=search_text_of(data, stored_phones)
        ).where(Contact.id == contact_id).execute()
        _write_children(contact_id, data, stored_phones)
    return Outcome(Changes(frozenset({contact_id}), contacts=True))


def set_stage(db: SqliteDatabase, clock: Clock, contact_id: int, stage: str) -> Outcome:
    if stage not in STAGES:
        raise UserError(f"'{stage}' is not a stage (one of: {', '.join(STAGES)}).")
    with db.atomic("IMMEDIATE"):
        _require(contact_id)
        Contact.update(stage=stage, updated_at=clock.now()).where(Contact.id == contact_id).execute()
    return Outcome(Changes(frozenset({contact_id}), contacts=True))


def archive_contacts(db: SqliteDatabase, clock: Clock, ids: list[int]) -> Outcome:
    """Soft delete: the contacts leave every list, their open follow-ups are parked."""
    with db.atomic("IMMEDIATE"):
        Contact.update(archived_at=clock.now(), next_due_at=None).where(
            Contact.id.in_(ids) & Contact.archived_at.is_null()).execute()
        FollowUp.update(status="parked").where(
            FollowUp.contact.in_(ids) & (FollowUp.status == "open")).execute()
    return Outcome(Changes(frozenset(ids), contacts=True, follow_ups=True))


def restore_contacts(db: SqliteDatabase, clock: Clock, ids: list[int]) -> Outcome:
    """Undo an archive: the contacts and their parked follow-ups come back."""
    from .followups import refresh_next_due

    with db.atomic("IMMEDIATE"):
        Contact.update(archived_at=None, updated_at=clock.now()).where(Contact.id.in_(ids)).execute()
        FollowUp.update(status="open").where(
            FollowUp.contact.in_(ids) & (FollowUp.status == "parked")).execute()
        for contact_id in ids:
            refresh_next_due(contact_id)
    return Outcome(Changes(frozenset(ids), contacts=True, follow_ups=True))


def _require(contact_id: int) -> Contact:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFound(f"Contact #{contact_id} does not exist.")
    return contact


def load_contact(db: SqliteDatabase, contact_id: int) -> tuple[Contact, ContactData]:
    """The row (for derived fields such as touch counts) and its editable data."""
    contact = _require(contact_id)
    phone_rows = list(Phone.select(Phone.label, Phone.number).where(Phone.contact == contact_id)
                      .order_by(Phone.id).tuples())
    email_rows = list(Email.select(Email.label, Email.address).where(Email.contact == contact_id)
                      .order_by(Email.id).tuples())
    tags = [name for (name,) in Tag.select(Tag.name).join(ContactTag)
            .where(ContactTag.contact == contact_id).order_by(Tag.name).tuples()]
    data = ContactData(
        first_name=contact.first_name, last_name=contact.last_name, company=contact.company,
        job_title=contact.job_title, phones=tuple(phone_rows), emails=tuple(email_rows),
        street=contact.street, city=contact.city, region=contact.region,
        postal_code=contact.postal_code, country=contact.country, source=contact.source,
        referred_by=contact.referred_by_id, stage=contact.stage,
        preferred_channel=contact.preferred_channel, time_zone=contact.time_zone,
        tags=tuple(tags), notes=contact.notes,
    )
    return contact, data


def find_contact(db: SqliteDatabase, text: str) -> int:
    """The one active contact whose name, e-mail or phone is `text`.

    Exact matches win over partial ones; several matches raise Ambiguous with the
    candidates, none raises NotFound.
    """
    text = text.strip()
    active = Contact.archived_at.is_null()
    lowered = text.lower()
    digits = phones.digits_of(text)
    exact = set(cid for (cid,) in Contact.select(Contact.id).where(
        active & (fn.lower(Contact.name) == lowered)).tuples())
    exact |= set(cid for (cid,) in Email.select(Email.contact).join(Contact).where(
        active & (Email.address_key == lowered)).tuples())
    if len(digits) >= 6 and len(digits) >= len(text.replace(" ", "")) * 0.6:
        exact |= set(cid for (cid,) in Phone.select(Phone.contact).join(Contact).where(
            active & (Phone.digits.endswith(digits[-10:]))).tuples())
    ids = exact or set(cid for (cid,) in Contact.select(Contact.id).where(
        active & (Contact.name.contains(text) | Contact.company.contains(text))).limit(21).tuples())
    if not ids:
        raise NotFound(f"No contact matches '{text}'.")
    if len(ids) > 1:
        rows = Contact.select(Contact.name, Contact.company).where(Contact.id.in_(list(ids))) \
            .order_by(Contact.name).limit(20).tuples()
        names = [f"{n} ({c})" if c else n for n, c in rows]
        raise Ambiguous(f"'{text}' matches {len(ids)} contacts; say which one.", names)
    return ids.pop()

