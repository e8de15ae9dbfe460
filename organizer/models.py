"""The tables. Plain nouns; the word "Model" is kept for Qt item models in ui/.

Instants (what happened, when a reminder fires) are stored as integer epoch seconds in
UTC, so they compare and sort as numbers. A follow-up's promise is a wall-clock time:
its local date, optional time of day and IANA zone are the truth; the UTC columns are
derived from them (organizer/schedule.py) and recomputed when zones change.
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    SQL,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    TimeField,
)

from .clock import from_utc_seconds, utc_seconds  # noqa: F401 (utc_seconds re-exported)
from .words import (  # noqa: F401 (re-exported: the tables' words)
    CHANNELS,
    DIRECTIONS,
    FOLLOWUP_KINDS,
    FOLLOWUP_STATUSES,
    OPEN_STAGES,
    OUTCOMES,
    REACHED_OUTCOMES,
    STAGES,
)


class UtcField(IntegerField):
    """An instant stored as integer epoch seconds; Python side is an aware UTC datetime.

    Naive datetimes are refused: an instant without a zone is a bug waiting for DST.
    """

    def db_value(self, value):
        if value is None or isinstance(value, int):
            return value
        if isinstance(value, dt.datetime):
            if value.tzinfo is None:
                raise ValueError("UtcField needs an aware datetime")
            return utc_seconds(value)
        return super().db_value(value)

    def python_value(self, value):
        return from_utc_seconds(value)


class Base(Model):
    class Meta:
        database = None  # bound by organizer.database.open_database
        legacy_table_names = False


class Contact(Base):
    first_name = CharField(default="")
    last_name = CharField(default="", index=True)  # "ga" finds Bianca Garcia (contact_list)
    # What lists show: "First Last", or the company when there is no person's name.
    name = CharField(index=True)
    company = CharField(default="", index=True)
    job_title = CharField(default="")
    street = TextField(default="")
    city = CharField(default="")
    region = CharField(default="")
    postal_code = CharField(default="")
    country = CharField(default="")
    source = CharField(default="")
    referred_by = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="referrals")
    stage = CharField(default="lead")
    preferred_channel = CharField(default="phone")
    time_zone = CharField(null=True)  # IANA; None means the rep's own zone
    notes = TextField(default="")
    created_at = UtcField()
    updated_at = UtcField()
    archived_at = UtcField(null=True, index=True)
    # Kept current by the interaction services, so lists sort on indexed columns.
    touch_count = IntegerField(default=0, index=True)
    last_touch_at = UtcField(null=True, index=True)  # last outbound attempt, reached or not
    last_reached_at = UtcField(null=True)  # last time the rep actually got through
    last_interaction_at = UtcField(null=True)  # any direction
    # Kept current by the follow-up services: the earliest open follow-up's due instant.
    next_due_at = UtcField(null=True, index=True)
    # Lower-cased name, company, e-mails, phone digits and tags; searched through FTS5.
    search_text = TextField(default="")

    class Meta:
        # Covers "new leads, oldest first" (count and order) without touching rows.
        indexes = ((("stage", "touch_count", "archived_at", "created_at"), False),)


# Partial indexes over the contacts being worked (archived ones left out), covering the
# Today page's counts so they never read the rows: quiet prospects per stage by last
# touch, and open relationships without a next step. Created by migration step v2 for
# databases made before them.
Contact.add_index(Contact.index(Contact.stage, Contact.last_touch_at,
                                where=Contact.archived_at.is_null(),
                                name="contact_active_stage_touch"))
Contact.add_index(Contact.index(Contact.next_due_at, Contact.stage, Contact.touch_count,
                                Contact.last_touch_at, where=Contact.archived_at.is_null(),
                                name="contact_active_due_stage"))
# The contact list's name order for a few thousand search matches: looked up by id and
# sorted without reading the (wide) contact rows. Schema step v4 for older files.
Contact.add_index(Contact.index(Contact.id, Contact.name, where=Contact.archived_at.is_null(),
                                name="contact_live_id_name"))
# ... and its name order with each company and last name beside it: "company or last
# name starts with g" walked in name order without reading a row. Schema step v5 (v4
# made it without the last name).
Contact.add_index(Contact.index(Contact.name, Contact.id, Contact.company, Contact.last_name,
                                where=Contact.archived_at.is_null(),
                                name="contact_live_name_words"))


class Phone(Base):
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="phones")
    label = CharField(default="")
    number = CharField()  # E.164 when it could be parsed, else as typed
    digits = CharField(index=True)  # national digits only, for matching "5550142"
    # Formatted once when saved (organizer/phones.py): the number's country and its
    # national and international forms; empty for a number kept as typed.
    region = CharField(default="", constraints=[SQL("DEFAULT ''")])
    national = CharField(default="", constraints=[SQL("DEFAULT ''")])
    international = CharField(default="", constraints=[SQL("DEFAULT ''")])

    class Meta:
        # A contact's phones "start with 5" answered from the index alone (the list's
        # digit prefixes probe it row by row).
        indexes = ((("contact", "digits"), False),)


class Email(Base):
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="emails")
    label = CharField(default="")
    address = CharField()
    address_key = CharField(index=True)  # lower-cased, for duplicate checks and lookups


class Tag(Base):
    name = CharField(unique=True)


class ContactTag(Base):
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="contact_tags")
    tag = ForeignKeyField(Tag, on_delete="CASCADE", backref="contact_tags")

    class Meta:
        indexes = ((("contact", "tag"), True),)


class Interaction(Base):
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="interactions")
    happened_at = UtcField()
    channel = CharField(default="phone")
    direction = CharField(default="out")
    outcome = CharField(default="reached")
    notes = TextField(default="")
    created_at = UtcField()

    class Meta:
        indexes = ((("contact", "happened_at"), False),)


class FollowUp(Base):
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="follow_ups")
    kind = CharField(default="planned")
    reason = TextField(default="")  # what it is for: "send the revised quote"
    due_date = DateField()  # local date in time_zone
    due_time = TimeField(null=True)  # None: any time that day
    time_zone = CharField()  # IANA zone the wall-clock time is in
    due_at = UtcField()  # derived: when it comes due
    late_at = UtcField()  # derived: when it becomes overdue
    remind_at = UtcField(null=True)  # derived or snoozed: when to remind next
    notified_at = UtcField(null=True)  # set before a reminder is shown (at most once)
    snoozed_until = UtcField(null=True)
    status = CharField(default="open")
    created_at = UtcField()
    closed_at = UtcField(null=True)
    closed_by = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")

    class Meta:
        # Covering indexes for the agenda's counts (missed, overdue, due in a range).
        indexes = (
            (("status", "due_at", "late_at"), False),
            (("status", "kind", "late_at", "due_at"), False),
            (("status", "late_at", "kind", "due_at"), False),
            (("status", "kind", "due_at"), False),
            (("status", "remind_at"), False),
            (("contact", "status"), False),
        )


class Preference(Base):
    key = CharField(primary_key=True)
    value = TextField()  # JSON


TABLES = [Contact, Phone, Email, Tag, ContactTag, Interaction, FollowUp, Preference]


def is_reached(direction: str, outcome: str) -> bool:
    return direction == "out" and outcome in REACHED_OUTCOMES


__all__ = [
    "Contact",
    "ContactTag",
    "Email",
    "FollowUp",
    "Interaction",
    "Phone",
    "Preference",
    "TABLES",
    "Tag",
]
