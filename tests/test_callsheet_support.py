"""Builders shared by the call-sheet tests (domain, PDF and benchmark): a small day
with one of everything, and a big day of numbered calls. Created through the services."""

from __future__ import annotations

import datetime as dt

from organizer.clock import zone
from organizer.contacts import ContactData, create_contact
from organizer.followups import schedule_follow_up
from organizer.interactions import log_interaction
from organizer.preferences import Preferences
from organizer.when import When

MONDAY = dt.date(2026, 11, 23)
MARKUP_NAME = "<img src='/tmp/red.png' width=600 height=900>ACME <!--"


def contact(db, clock, first, last="", company="", phones=(("mobile", "+1 415 555 0100"),),
            stage="contacted", time_zone=None, **extra) -> int:
    data = ContactData(first_name=first, last_name=last, company=company, phones=tuple(phones),
                       stage=stage, time_zone=time_zone, **extra)
    return create_contact(db, clock, data).value


def follow_up(db, clock, cid, day, time=None, kind="planned", reason="", **options) -> int:
    when = When(day, time)
    return schedule_follow_up(db, clock, Preferences(), cid, when, kind=kind, reason=reason,
                              **options).value


def logged(db, clock, cid, days_ago, notes, channel="phone", outcome="reached"):
    at = clock.now() - dt.timedelta(days=days_ago)
    return log_interaction(db, clock, cid, channel=channel, outcome=outcome, notes=notes,
                           happened_at=at).value


def small_day(db, clock) -> dict[str, int]:
    """Monday 23 Nov 2026 at 10:00 Berlin: one missed promise, one overdue, four calls
    today (one any time, one in New York time), one new lead, and a Thursday call."""
    ids = {}
    ids["ann"] = contact(db, clock, "Ann", "Promise", "Harbor Dental")
    logged(db, clock, ids["ann"], 4, "Asked us to call back Friday afternoon.")
    follow_up(db, clock, ids["ann"], dt.date(2026, 11, 20), dt.time(15, 0), "promised",
              "Call back about the quote")
    ids["ben"] = contact(db, clock, "Ben", "Overdue", "Granite Roofing")
    follow_up(db, clock, ids["ben"], MONDAY, dt.time(9, 0), "planned", "Chase the signed order")
    ids["carla"] = contact(db, clock, "Carla", "Late", "Maple Bakery")
    follow_up(db, clock, ids["carla"], MONDAY, dt.time(16, 30), "planned", "Send the case study")
    ids["dana"] = contact(db, clock, "Dana", "Early", "Summit Legal", time_zone="America/New_York",
                          phones=(("work", "+1 212 555 0199"), ("mobile", "+1 917 555 0123")))
    follow_up(db, clock, ids["dana"], MONDAY, dt.time(11, 0), "promised", "Confirm the demo date")
    ids["erik"] = contact(db, clock, "Erik", "Anytime", "Cedar Print")
    follow_up(db, clock, ids["erik"], MONDAY, None, "check-in", "Check the proposal arrived")
    ids["frank"] = contact(db, clock, "Frank", "Middle", "Atlas Motors")
    for n in range(3):
        logged(db, clock, ids["frank"], 20 - n, f"Call {n + 1}", outcome="left voicemail")
    logged(db, clock, ids["frank"], 2, "Wants pricing for 20 seats before Friday.")
    follow_up(db, clock, ids["frank"], MONDAY, dt.time(14, 0), "planned", "Send pricing")
    ids["gina"] = contact(db, clock, "Gina", "Lead", "Beacon Labs", stage="lead", source="website")
    ids["hugo"] = contact(db, clock, "Hugo", "Thursday", "Delta Farms")
    follow_up(db, clock, ids["hugo"], dt.date(2026, 11, 26), dt.time(10, 0), "planned", "Thursday call")
    return ids


def big_day(db, clock, count: int, day=MONDAY) -> None:
    """`count` calls on `day` from 10:15, two minutes apart: Person 001, Reason 001, ..."""
    start = dt.datetime.combine(day, dt.time(10, 15))
    with db.atomic():
        for n in range(1, count + 1):
            cid = contact(db, clock, "Person", f"{n:03d}", f"Company {n:03d}",
                          phones=(("mobile", f"+1 415 555 {n:04d}"),))
            moment = start + dt.timedelta(minutes=2 * n)
            follow_up(db, clock, cid, moment.date(), moment.time(), "planned", f"Reason {n:03d}")


def local(clock, day, time) -> dt.datetime:
    return dt.datetime.combine(day, time).replace(tzinfo=zone(clock.zone_name))
