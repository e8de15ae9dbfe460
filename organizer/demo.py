"""Realistic, deterministic sample data: the same people every time, with histories
and follow-ups placed around "now" (missed promises, today's calls, fresh leads).

Rows go in through executemany in one transaction, so 100,000 contacts take seconds.
"""

from __future__ import annotations

import datetime as dt
import functools
import random

from peewee import SqliteDatabase

from . import phones
from .clock import Clock
from .migrations import ensure_search_index, has_search_index
from .models import CHANNELS
from .preferences import load_preferences
from .schedule import due_instants
from .workdays import next_working_day

FIRST = ("Ann Ben Carla David Elena Frank Grace Hiro Irene Jamal Kate Luis Maria Nils Olga "
         "Peter Quinn Rosa Sam Tara Umar Vera Will Xena Yusuf Zoe Amir Bianca Chen Dana "
         "Erik Fatima Greg Hana Ivan Julia Kofi Lena Marco Nora").split()
LAST = ("Lee Smith Garcia Müller Rossi Tanaka Novak Okafor Larsen Dubois Kowalski Silva "
        "Brown Nguyen Patel Cohen O'Brien Jensen Schmidt Ivanova Costa Haddad Moreau Berg "
        "Fischer Walsh Romero Sato Kim Ortiz").split()
COMPANY_A = ("Acme Blue Summit Harbor Pioneer Granite Maple Northwind Silver Redwood Atlas "
             "Beacon Cedar Delta Evergreen Falcon Horizon Keystone Lakeside Meridian").split()
COMPANY_B = ("Logistics Dental Roofing Bakery Print Works Legal Partners Motors Foods Labs "
             "Systems Farms Builders Insurance Realty Clinic Hotels Tooling Supply").split()
CITIES = (("Springfield", "IL", "62701"), ("Portland", "OR", "97201"), ("Austin", "TX", "73301"),
          ("Denver", "CO", "80202"), ("Madison", "WI", "53703"), ("Raleigh", "NC", "27601"))
SOURCES = ("referral", "website", "trade show", "cold call", "LinkedIn", "walk-in")
ZONES = (None, None, None, None, "America/New_York", "America/Chicago", "America/Los_Angeles",
         "Europe/London")
NOTES = ("Asked for a quote for 20 seats.", "Left a voicemail about the spring promotion.",
         "Interested, but budget opens next quarter.", "Wants a demo with their partner.",
         "Sent the revised proposal.", "Discussed delivery times; happy with the sample.",
         "Gatekeeper says call back after lunch.", "Price is the sticking point (-5% asked).",
         "Referred us to their sister company.", "Holiday card sent.")
REASONS = ("Call back as promised", "Chase the quote", "Check the proposal was received",
           "Book the demo", "Ask about budget", "Confirm the order", "Send the case study")
OUTCOME_BY_CHANNEL = {"phone": ("reached", "left voicemail", "no answer"),
                      "email": ("sent", "replied"), "text": ("sent", "replied"),
                      "meeting": ("meeting held",), "postcard": ("sent",), "card": ("sent",),
                      "other": ("other",)}
STAGE_WEIGHTS = (("lead", 3), ("contacted", 4), ("qualified", 3), ("proposal", 2),
                 ("negotiation", 1), ("won", 2), ("lost", 1), ("dormant", 1))


def _pick_stage(rng: random.Random) -> str:
    stages, weights = zip(*STAGE_WEIGHTS, strict=True)
    return rng.choices(stages, weights)[0]


@functools.cache
def _area_forms(area: str) -> tuple[str, str, str]:
    return phones.forms(f"+1{area}5550000")


def demo_phone_forms(area: str, last4: str) -> tuple[str, str, str]:
    """The stored forms of +1 AAA 555 last4. North American numbers are formatted the same
    whatever their last four digits, so the library formats one number per area code
    (100,000 contacts would otherwise spend seconds in it)."""
    region, national, international = _area_forms(area)
    return region, national[:-4] + last4, international[:-4] + last4


def build_demo(db: SqliteDatabase, clock: Clock, contacts: int = 200, *, seed: int = 7,
               interactions_per_contact: float = 5.0) -> dict[str, int]:
    """Add `contacts` sample contacts with histories and follow-ups; return counts."""
    rng = random.Random(seed)
    prefs = load_preferences(db)
    now = clock.now()
    now_s = int(now.timestamp())
    today = clock.today()
    conn = db.connection()
    counts = {"contacts": 0, "interactions": 0, "follow_ups": 0}
    with db.atomic("IMMEDIATE"):
        start_id = (conn.execute("SELECT coalesce(max(id), 0) FROM contact").fetchone()[0]) + 1
        contact_rows, phone_rows, email_rows, inter_rows, fu_rows = [], [], [], [], []
        for n in range(contacts):
            cid = start_id + n
            first, last = rng.choice(FIRST), rng.choice(LAST)
            company = f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"
            city, region, postal = rng.choice(CITIES)
            fresh_lead = rng.random() < 0.04
            stage = "lead" if fresh_lead else _pick_stage(rng)
            if stage == "lead" and not fresh_lead:  # only fresh leads are still waiting for a first touch
                stage = "contacted"
            created = now_s - (rng.randint(1, 47) * 3600 if fresh_lead else rng.randint(3, 400) * 86400)
            area = rng.choice(("415", "312", "512", "303", "608", "919"))
            last4 = f"{rng.randint(0, 9999):04d}"
            number = f"+1{area}555{last4}"
            email = f"{first.lower()}.{last.lower().replace(chr(39), '')}{cid}@example.com"
            history = [] if fresh_lead or stage == "lead" else sorted(
                rng.randint(created, now_s - 3600)
                for _ in range(max(1, int(rng.expovariate(1 / interactions_per_contact)))))
            touches = reached = last_touch = last_reached = last_any = 0
            for when in history:
                channel = rng.choice(("phone", "phone", "phone", "email", "email", "text", "meeting"))
                direction = "in" if rng.random() < 0.15 else "out"
                outcome = rng.choice(OUTCOME_BY_CHANNEL[channel])
                if direction == "in":
                    outcome = "replied" if channel in ("email", "text") else "reached"
                inter_rows.append((cid, when, channel, direction, outcome, rng.choice(NOTES), when))
                last_any = max(last_any, when)
                if direction == "out":
                    touches += 1
                    last_touch = max(last_touch, when)
                    if outcome in ("reached", "replied", "meeting held"):
                        reached += 1
                        last_reached = max(last_reached, when)
            next_due = None
            if stage not in ("won", "lost", "dormant") and not fresh_lead and rng.random() < 0.85:
                offset_days = rng.choice((-9, -3, -1, -1, 0, 0, 0, 1, 1, 2, 3, 5, 8, 14, 30, 45))
                day = next_working_day(today + dt.timedelta(days=offset_days), prefs)
                time = None if rng.random() < 0.25 else dt.time(rng.randint(8, 17), rng.choice((0, 15, 30, 45)))
                kind = rng.choice(("promised", "planned", "planned", "check-in"))
                zone_name = prefs.time_zone or clock.zone_name
                inst = due_instants(day, time, zone_name, lead_minutes=prefs.reminder_lead_minutes,
                                    day_start=prefs.day_start)
                due_s, late_s = int(inst.due_at.timestamp()), int(inst.late_at.timestamp())
                remind_s = int(inst.remind_at.timestamp())
                # What came due before now was already reminded about; keep the demo quiet.
                notified = min(remind_s, now_s) if remind_s < now_s else None
                fu_rows.append((cid, kind, rng.choice(REASONS), day.isoformat(),
                                time.isoformat() if time else None, zone_name, due_s, late_s,
                                remind_s, notified, "open", created))
                next_due = due_s
            search = " | ".join(s.lower() for s in (f"{first} {last}", company, email, number[1:]))
            contact_rows.append((cid, first, last, f"{first} {last}", company, "",
                                 f"{rng.randint(1, 999)} Main Street", city, region, postal, "US",
                                 rng.choice(SOURCES), stage, rng.choice(CHANNELS[:3]),
                                 rng.choice(ZONES), "", created, created, touches,
                                 last_touch or None, last_reached or None, last_any or None,
                                 next_due, search))
            phone_rows.append((cid, "mobile" if n % 3 else "work", number, number[2:],
                               *demo_phone_forms(area, last4)))
            email_rows.append((cid, "work", email, email.lower()))
        # Per-row trigram triggers are slow in bulk: index everything once at the end.
        conn.execute("DROP TRIGGER IF EXISTS contact_fts_ai")
        conn.executemany(
            "INSERT INTO contact (id, first_name, last_name, name, company, job_title, street, city,"
            " region, postal_code, country, source, stage, preferred_channel, time_zone, notes,"
            " created_at, updated_at, touch_count, last_touch_at, last_reached_at,"
            " last_interaction_at, next_due_at, search_text)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", contact_rows)
        conn.executemany("INSERT INTO phone (contact_id, label, number, digits, region, national,"
                         " international) VALUES (?,?,?,?,?,?,?)", phone_rows)
        conn.executemany("INSERT INTO email (contact_id, label, address, address_key)"
                         " VALUES (?,?,?,?)", email_rows)
        conn.executemany("INSERT INTO interaction (contact_id, happened_at, channel, direction,"
                         " outcome, notes, created_at) VALUES (?,?,?,?,?,?,?)", inter_rows)
        conn.executemany("INSERT INTO follow_up (contact_id, kind, reason, due_date, due_time,"
                         " time_zone, due_at, late_at, remind_at, notified_at, status, created_at)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", fu_rows)
        if has_search_index(db):
            conn.execute("INSERT INTO contact_fts(contact_fts) VALUES ('rebuild')")
        ensure_search_index(db)
        counts.update(contacts=len(contact_rows), interactions=len(inter_rows),
                      follow_ups=len(fu_rows))
    db.execute_sql("PRAGMA optimize")
    return counts
