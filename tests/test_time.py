"""Instants and wall-clock promises (RELIABILITY.md DB-12, REM-5, REM-6)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from organizer.agenda import missed_promises
from organizer.clock import UTC
from organizer.contacts import ContactData, create_contact
from organizer.followups import schedule_follow_up
from organizer.models import FollowUp, Interaction
from organizer.schedule import due_instants, resolve_local
from organizer.when import When

NY = "America/New_York"


def test_db12_mixed_offsets_sort_by_instant(db, clock):
    cid = create_contact(db, clock, ContactData(first_name="Ann")).value
    minus5 = dt.datetime(2026, 11, 20, 6, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # 11:00Z
    plus0 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    plus2 = dt.datetime(2026, 11, 20, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))  # 10:30Z
    for moment in (minus5, plus0, plus2):
        Interaction.create(contact=cid, happened_at=moment, created_at=moment)
    rows = list(Interaction.select(Interaction.happened_at).order_by(Interaction.happened_at).tuples())
    assert [r[0] for r in rows] == [plus0, plus2, minus5]
    assert all(isinstance(r[0], dt.datetime) and r[0].tzinfo is not None for r in rows)
    early = list(Interaction.select().where(Interaction.happened_at < minus5))
    assert len(early) == 2


def test_rem5_daily_nine_oclock_new_york_across_both_dst_changes():
    for day in (dt.date(2025, 3, 8), dt.date(2025, 3, 9), dt.date(2025, 3, 10),
                dt.date(2025, 11, 1), dt.date(2025, 11, 2), dt.date(2025, 11, 3)):
        inst = due_instants(day, dt.time(9, 0), NY)
        local = inst.due_at.astimezone(ZoneInfo(NY))
        assert (local.date(), local.time()) == (day, dt.time(9, 0))
        assert inst.warning is None
    # 09:00 EST is 14:00Z, 09:00 EDT is 13:00Z: the UTC instant moves, the wall time not.
    assert due_instants(dt.date(2025, 3, 8), dt.time(9), NY).due_at.hour == 14
    assert due_instants(dt.date(2025, 3, 10), dt.time(9), NY).due_at.hour == 13


def test_rem6_nonexistent_time_moves_forward_with_a_warning():
    at = resolve_local(dt.date(2025, 3, 9), dt.time(2, 30), NY)
    assert at.local.time() == dt.time(3, 30)
    assert at.utc == dt.datetime(2025, 3, 9, 7, 30, tzinfo=UTC)
    assert "does not exist" in at.warning and "03:30" in at.warning


def test_rem6_ambiguous_time_takes_the_first_and_says_its_offset():
    at = resolve_local(dt.date(2025, 11, 2), dt.time(1, 30), NY)
    assert at.utc == dt.datetime(2025, 11, 2, 5, 30, tzinfo=UTC)
    assert "happens twice" in at.warning and "UTC-04:00" in at.warning


def test_rem6_service_passes_the_warning_to_the_rep(db, clock, prefs):
    cid = create_contact(db, clock, ContactData(first_name="Ann")).value
    outcome = schedule_follow_up(db, clock, prefs, cid, When(dt.date(2025, 3, 9), dt.time(2, 30)),
                                 zone_name=NY)
    assert outcome.warning and "does not exist" in outcome.warning
    row = FollowUp.get_by_id(outcome.value)
    assert row.due_time == dt.time(2, 30)  # what the rep typed is kept
    assert row.due_at == dt.datetime(2025, 3, 9, 7, 30, tzinfo=UTC)


def test_all_day_follow_up_is_due_all_day_and_reminds_at_day_start(clock):
    inst = due_instants(dt.date(2026, 11, 24), None, "Europe/Berlin", day_start=dt.time(8, 30))
    assert inst.due_at == dt.datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
    assert inst.late_at == dt.datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    assert inst.remind_at == dt.datetime(2026, 11, 24, 7, 30, tzinfo=UTC)


def test_their_time_uses_the_contacts_zone(db, clock, prefs):
    cid = create_contact(db, clock, ContactData(first_name="Ann", time_zone=NY)).value
    outcome = schedule_follow_up(db, clock, prefs, cid, When(dt.date(2026, 11, 24), dt.time(15)),
                                 kind="promised", their_time=True)
    row = FollowUp.get_by_id(outcome.value)
    assert row.time_zone == NY
    assert row.due_at == dt.datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    clock.set(dt.datetime(2026, 11, 24, 21, 30, tzinfo=UTC))
    assert [i.follow_up_id for i in missed_promises(db, clock.now())] == [outcome.value]


def test_the_local_zone_shortcut_agrees_with_tzlocal(monkeypatch):
    import tzlocal

    from organizer.clock import _linked_zone_name, local_zone_name

    linked = _linked_zone_name()
    if linked is not None:  # /etc/localtime links into a zoneinfo folder (systemd Linux)
        assert linked == tzlocal.get_localzone_name()
    assert local_zone_name() == (tzlocal.get_localzone_name() or "UTC")
    monkeypatch.setenv("TZ", "America/New_York")
    assert _linked_zone_name() is None  # TZ wins: tzlocal reads it
