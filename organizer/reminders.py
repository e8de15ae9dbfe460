"""Reminders: which follow-ups must be announced now, and the words of the announcement.

A reminder is announced at most once: `mark_notified` records it in the database
*before* anything is shown, so a crash, a restart or a clock jump never repeats it
(RELIABILITY.md REM-4). Snoozing clears the mark and moves `remind_at`.
Pure Python; ui/reminders/ turns these rows into notifications, the tray and a window.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass

from peewee import SQL, SqliteDatabase

from . import phones
from .changes import Changes, Outcome
from .clock import Clock, from_utc_seconds, zone
from .models import Contact, FollowUp, utc_seconds
from .preferences import Preferences
from .schedule import resolve_local
from .workdays import add_working_days

# Windows balloons refuse a title of 64 or a message of 256 UTF-16 units, including the
# final NUL (RELIABILITY.md REM-15); Linux servers accept more, but a notification is
# a glance, not a letter.
LIMITS = {"win32": (63, 255), "default": (120, 400)}
SUMMARY_THRESHOLD = 3  # this many at once: one summary instead of a flood
SNOOZE_PRESETS = ("10 minutes", "1 hour", "tomorrow morning")
VERBS = {"phone": "Call", "email": "E-mail", "text": "Text", "meeting": "Meet",
         "postcard": "Send a postcard to", "card": "Send a card to"}

_PHONE = SQL("(SELECT p.number FROM phone p WHERE p.contact_id = t2.id ORDER BY p.id LIMIT 1)")
_LAST_NOTE = SQL("(SELECT i.notes FROM interaction i WHERE i.contact_id = t2.id AND i.notes != '' "
                 "ORDER BY i.happened_at DESC, i.id DESC LIMIT 1)")


@dataclass(frozen=True)
class Reminder:
    follow_up_id: int
    contact_id: int
    name: str
    company: str
    phone: str | None
    channel: str
    kind: str
    reason: str
    due_date: dt.date
    due_time: dt.time | None
    time_zone: str
    due_at: dt.datetime
    remind_at: dt.datetime
    notified_at: dt.datetime | None
    last_note: str | None


def _rows(where, limit: int | None = None) -> list[Reminder]:
    query = (FollowUp.select(FollowUp.id, Contact.id, Contact.name, Contact.company, _PHONE,
                             Contact.preferred_channel, FollowUp.kind, FollowUp.reason,
                             FollowUp.due_date, FollowUp.due_time, FollowUp.time_zone,
                             FollowUp.due_at, FollowUp.remind_at, FollowUp.notified_at, _LAST_NOTE)
             .join(Contact)
             .where(where & (FollowUp.status == "open") & Contact.archived_at.is_null())
             .order_by(FollowUp.remind_at, FollowUp.id))
    if limit is not None:
        query = query.limit(limit)
    return [Reminder(*row) for row in query.tuples()]


def due_reminders(db: SqliteDatabase, now: dt.datetime, limit: int | None = None) -> list[Reminder]:
    """Open follow-ups whose reminder time has come and that were not announced yet."""
    return _rows(FollowUp.notified_at.is_null() & (FollowUp.remind_at <= utc_seconds(now)), limit)


def due_reminder_ids(db: SqliteDatabase, now: dt.datetime) -> list[int]:
    """The ids of due_reminders, in the same order, without reading their details (a
    catch-up after a holiday can find thousands; only a few are shown one by one)."""
    return [fid for (fid,) in db.execute_sql(
        "SELECT id FROM follow_up WHERE status = 'open' AND notified_at IS NULL "
        "AND remind_at <= ? ORDER BY remind_at, id", (utc_seconds(now),)).fetchall()]


def reminders_by_id(db: SqliteDatabase, ids: list[int]) -> list[Reminder]:
    """The reminders for `ids` (a few hundred at most), in the order given."""
    if not ids:
        return []
    by_id = {r.follow_up_id: r for r in _rows(FollowUp.id.in_(ids))}
    return [by_id[i] for i in ids if i in by_id]


def unhandled(db: SqliteDatabase, now: dt.datetime, limit: int | None = 200) -> list[Reminder]:
    """Everything the reminder window lists: reminded (or due for it) and still open.
    A follow-up snoozed into the future leaves the list until it reminds again."""
    return _rows(FollowUp.remind_at <= utc_seconds(now), limit)


def count_due(db: SqliteDatabase, now: dt.datetime) -> int:
    """Due + overdue open follow-ups: the number drawn on the tray icon. (Archived
    contacts' follow-ups are parked, so the status alone leaves them out: an index
    count, no join.)"""
    return db.execute_sql("SELECT count(*) FROM follow_up WHERE status = 'open' AND due_at <= ?",
                          (utc_seconds(now),)).fetchone()[0]


def upcoming(db: SqliteDatabase, now: dt.datetime, limit: int = 5) -> list[Reminder]:
    """The next open follow-ups by due time, overdue first (the tray menu)."""
    rows = (FollowUp.select(FollowUp.id).join(Contact)
            .where((FollowUp.status == "open") & Contact.archived_at.is_null())
            .order_by(FollowUp.due_at, FollowUp.id).limit(limit).tuples())
    return reminders_by_id(db, [fid for (fid,) in rows])


def next_reminder_at(db: SqliteDatabase) -> dt.datetime | None:
    """When the next not-yet-announced reminder fires (the scheduler arms for it)."""
    # Archived contacts' follow-ups are parked: the status leaves them out, and the
    # (status, remind_at) index answers without reading a row.
    value = db.execute_sql("SELECT min(remind_at) FROM follow_up WHERE status = 'open' "
                           "AND notified_at IS NULL AND remind_at IS NOT NULL").fetchone()[0]
    return from_utc_seconds(value)


_MARK_CHUNK = 500  # ids per statement, well within SQLite's limit on parameters


def mark_notified(db: SqliteDatabase, ids: list[int], now: dt.datetime) -> Outcome:
    """Record the announcement before it is made. The value is the ids this call
    marked: an id another caller marked first is left out, so it is shown once."""
    marked: set[int] = set()
    with db.atomic("IMMEDIATE"):
        # Statements per 500, not per id (a catch-up after a holiday can mark thousands);
        # the write lock, taken first, keeps another process from marking in between.
        for start in range(0, len(ids), _MARK_CHUNK):
            chunk = ids[start:start + _MARK_CHUNK]
            marks = ",".join("?" * len(chunk))
            fresh = [fid for (fid,) in db.execute_sql(
                f"SELECT id FROM follow_up WHERE notified_at IS NULL AND id IN ({marks})",
                chunk).fetchall()]
            if fresh:
                db.execute_sql(f"UPDATE follow_up SET notified_at = ? WHERE id IN "
                               f"({','.join('?' * len(fresh))})", [utc_seconds(now), *fresh])
                marked.update(fresh)
    return Outcome(Changes(follow_ups=True), [fid for fid in ids if fid in marked])


def snooze_until(preset: str, clock: Clock, prefs: Preferences) -> dt.datetime:
    """The instant a snooze preset means: 10 minutes, 1 hour, or the start of the next
    working day (prefs.day_start) in the rep's zone."""
    now = clock.now()
    if preset == "10 minutes":
        return now + dt.timedelta(minutes=10)
    if preset == "1 hour":
        return now + dt.timedelta(hours=1)
    if preset == "tomorrow morning":
        day = add_working_days(clock.today(), 1, prefs)
        return resolve_local(day, prefs.day_start, clock.zone_name).utc
    raise ValueError(f"unknown snooze preset {preset!r}")


def snooze_many(db: SqliteDatabase, ids: list[int], until: dt.datetime) -> Outcome:
    """Snooze several open follow-ups in one transaction ("Snooze all 10 min")."""
    if until.tzinfo is None:
        raise ValueError("snooze needs an aware datetime")
    with db.atomic("IMMEDIATE"):
        contact_ids = {c for (c,) in FollowUp.select(FollowUp.contact)
                       .where(FollowUp.id.in_(ids) & (FollowUp.status == "open")).tuples()}
        count = (FollowUp.update(remind_at=until, snoozed_until=until, notified_at=None)
                 .where(FollowUp.id.in_(ids) & (FollowUp.status == "open")).execute())
    return Outcome(Changes(frozenset(contact_ids), contacts=True, follow_ups=True), count)


# --- words ---------------------------------------------------------------------------

def format_time(moment: dt.time) -> str:
    """3:00 PM (no leading zero, on every platform)."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def _when_words(rem: Reminder, rep_zone: str, now: dt.datetime) -> str:
    local_today = now.astimezone(zone(rep_zone)).date()
    if rem.due_time is None:
        day = "today" if rem.due_date == local_today else rem.due_date.strftime("%a %d %b")
        return day
    text = format_time(rem.due_time)
    if rem.due_date != local_today and rem.time_zone == rep_zone:
        text = f"{rem.due_date.strftime('%a %d %b')} {text}"
    if rem.time_zone != rep_zone:
        mine = rem.due_at.astimezone(zone(rep_zone))
        text = f"{text} their time ({format_time(mine.time())} yours)"
    return text


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def title_for(rem: Reminder, rep_zone: str, now: dt.datetime) -> str:
    """"Call Ann Lee — promised 3:00 PM"."""
    verb = VERBS.get(rem.channel, "Contact")
    word = {"promised": "promised", "check-in": "check in"}.get(rem.kind, "planned")
    if rem.due_time is None:
        late = rem.due_date < now.astimezone(zone(rep_zone)).date()
    else:
        late = now - rem.due_at > dt.timedelta(minutes=5)
    late = " (late)" if late else ""
    return f"{verb} {_one_line(rem.name)} — {word} {_when_words(rem, rep_zone, now)}{late}"


def body_for(rem: Reminder, region: str = "US") -> str:
    phone = phones.display(rem.phone, region) if rem.phone else ""
    lines = [_one_line(rem.company), phone, _one_line(rem.reason)]
    if rem.last_note:
        lines.append("Last: " + _one_line(rem.last_note))
    return "\n".join(line for line in lines if line)


def summary_text(count: int, while_closed: bool) -> tuple[str, str]:
    noun = "callback" if count == 1 else "callbacks"
    if while_closed:
        return (f"{count} {noun} came due while Sales Organizer was closed",
                "Open the reminder window to work through them.")
    verb = "is" if count == 1 else "are"
    return f"{count} {noun} {verb} due", "Open the reminder window to work through them."


def notification_text(rem: Reminder, rep_zone: str, now: dt.datetime,
                      platform: str = sys.platform, region: str = "US") -> tuple[str, str]:
    """Title and body, cut to what the platform's notifications allow."""
    title_max, body_max = LIMITS.get(platform, LIMITS["default"])
    return (truncate(title_for(rem, rep_zone, now), title_max),
            truncate(body_for(rem, region), body_max))


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def truncate(text: str, limit: int) -> str:
    """At most `limit` UTF-16 units (Windows counts those), ending in "…" when cut."""
    if _utf16_len(text) <= limit:
        return text
    out = []
    used = 1  # the ellipsis
    for char in text:
        size = _utf16_len(char)
        if used + size > limit:
            break
        out.append(char)
        used += size
    return "".join(out).rstrip() + "…"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
WORD_JOINER = "\u2060"


def sanitise(text: str, markup: bool, portal: bool = False) -> str:
    """Text that reaches a notification server as the rep typed it.

    A leading '-' would be read as an option by notify-send (plyer passes no '--',
    REM-13), so an invisible word joiner goes first. Servers with `body-markup`
    interpret <b> and &amp;, so the text is escaped for them (QT-8). Control and bidi
    override characters are dropped. plyer's Flatpak path pastes the text into a
    quoted GVariant, where ' or \\ would lose the notification (REM-14): in `portal`
    mode they become look-alikes.
    """
    text = _CONTROL.sub("", text)
    if portal:
        text = text.replace("'", "\u2019").replace("\\", "\u29f5")
    if markup:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text.startswith("-"):
        text = WORD_JOINER + text
    return text
