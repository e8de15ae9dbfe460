"""Open follow-ups as iCalendar events (RFC 5545) with a display alarm, so they show in
a phone's calendar. Timed follow-ups keep their wall-clock time and zone (a VTIMEZONE
is added for each zone used); follow-ups without a time become all-day events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Alarm, Calendar, Event
from peewee import SqliteDatabase

from ..clock import Clock, zone
from ..models import Contact, FollowUp, Phone
from ..preferences import Preferences

DURATION = dt.timedelta(minutes=15)
KIND_WORDS = {"promised": "Promised", "planned": "Planned", "check-in": "Check in"}


def open_follow_ups(db: SqliteDatabase):
    """(follow-up, contact name, company, first phone) for every open follow-up of an
    active contact, earliest first."""
    rows = (FollowUp.select(FollowUp, Contact.name, Contact.company)
            .join(Contact).where((FollowUp.status == "open") & Contact.archived_at.is_null())
            .order_by(FollowUp.due_at, FollowUp.id))
    for row in rows:
        phone = (Phone.select(Phone.number).where(Phone.contact == row.contact_id)
                 .order_by(Phone.id).limit(1).scalar())
        yield row, row.contact.name, row.contact.company, phone or ""


def build_calendar(db: SqliteDatabase, clock: Clock, prefs: Preferences) -> tuple[Calendar, int]:
    cal = Calendar()
    cal.add("prodid", "-//Sales Organizer//Follow-ups//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Sales follow-ups")
    stamp = clock.now()
    count = 0
    for follow_up, name, company, phone in open_follow_ups(db):
        event = Event()
        event.add("uid", f"follow-up-{follow_up.id}@sales-organizer")
        event.add("dtstamp", stamp)
        who = f"{name} ({company})" if company and company != name else name
        event.add("summary", f"{KIND_WORDS.get(follow_up.kind, follow_up.kind)}: {who}")
        details = [follow_up.reason] if follow_up.reason else []
        if phone:
            details.append(f"Phone: {phone}")
        if details:
            event.add("description", "\n".join(details))
        event.add("categories", [follow_up.kind])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{KIND_WORDS.get(follow_up.kind, follow_up.kind)}: {who}")
        if follow_up.due_time is not None:
            start = dt.datetime.combine(follow_up.due_date, follow_up.due_time,
                                        tzinfo=zone(follow_up.time_zone))
            event.add("dtstart", start)
            event.add("dtend", start + DURATION)
            alarm.add("trigger", -dt.timedelta(minutes=prefs.reminder_lead_minutes))
        else:
            event.add("dtstart", follow_up.due_date)
            event.add("dtend", follow_up.due_date + dt.timedelta(days=1))
            start = prefs.day_start
            alarm.add("trigger", dt.timedelta(hours=start.hour, minutes=start.minute))
        event.add_component(alarm)
        cal.add_component(event)
        count += 1
    cal.add_missing_timezones()
    return cal, count


def write_calendar(db: SqliteDatabase, path: Path, clock: Clock, prefs: Preferences) -> int:
    cal, count = build_calendar(db, clock, prefs)
    with open(path, "wb") as handle:
        handle.write(cal.to_ical())
    return count
