"""The day's questions, answered from the database with a fixed clock."""

from __future__ import annotations

import datetime as dt

from organizer import agenda
from organizer.contacts import ContactData, archive_contacts, create_contact
from organizer.followups import schedule_follow_up
from organizer.interactions import log_interaction
from organizer.report import today_text
from organizer.schedule import day_bounds
from organizer.when import When
from tests.statements import plan, statements


def person(db, clock, name, **extra) -> int:
    return create_contact(db, clock, ContactData(first_name=name, **extra)).value


def test_sections(db, clock, prefs):
    today = clock.today()
    yesterday = today - dt.timedelta(days=1)
    ann, ben, cat, dan, eve = (person(db, clock, n) for n in ("Ann", "Ben", "Cat", "Dan", "Eve"))
    missed = schedule_follow_up(db, clock, prefs, ann, When(yesterday, dt.time(15)), kind="promised").value
    old = schedule_follow_up(db, clock, prefs, ben, When(yesterday, None)).value
    morning = schedule_follow_up(db, clock, prefs, cat, When(today, dt.time(9)), kind="promised").value
    afternoon = schedule_follow_up(db, clock, prefs, cat, When(today, dt.time(16))).value
    anytime = schedule_follow_up(db, clock, prefs, dan, When(today, None)).value
    quote = schedule_follow_up(db, clock, prefs, dan, When(today + dt.timedelta(days=7), None),
                               kind="check-in").value
    hidden = schedule_follow_up(db, clock, prefs, eve, When(yesterday, None), kind="promised").value
    archive_contacts(db, clock, [eve])
    now = clock.now()

    assert [i.follow_up_id for i in agenda.missed_promises(db, now)] == [missed, morning]
    assert [i.follow_up_id for i in agenda.overdue(db, now)] == [old]
    missed_count = agenda.count_missed_promises(db, now)
    assert agenda.count_overdue(db, now, missed_count) == agenda.count_overdue(db, now) == 1
    start, end = day_bounds(today, clock.zone_name)
    assert [i.follow_up_id for i in agenda.due_between(db, start, end, now)] == [anytime, afternoon]
    assert agenda.count_due_between(db, start, end) == 3  # 09:00, 16:00 and any time
    assert [i.follow_up_id for i in agenda.waiting_on(db)] == [quote]
    assert hidden not in [i.follow_up_id for i in agenda.missed_promises(db, now, None)]
    assert agenda.count_missed_promises(db, now) == 2
    assert agenda.missed_promises(db, now)[0].lateness(now) == dt.timedelta(hours=19)


def test_roll_over_keeps_overdue_until_handled(db, clock, prefs):
    ann = person(db, clock, "Ann")
    fid = schedule_follow_up(db, clock, prefs, ann, When(clock.today(), None)).value
    for _ in range(3):
        clock.advance(days=1)
        assert [i.follow_up_id for i in agenda.overdue(db, clock.now())] == [fid]


def test_new_leads_quiet_and_no_next_step(db, clock, prefs):
    lead = person(db, clock, "Lead")
    clock.advance(hours=5)
    newer = person(db, clock, "Newer")
    worked = person(db, clock, "Worked")
    log_interaction(db, clock, worked, outcome="reached")
    rows = agenda.new_leads(db)
    assert [r.contact_id for r in rows] == [lead, newer]
    assert rows[0].age(clock.now()) == dt.timedelta(hours=5)
    assert [r.contact_id for r in agenda.no_next_step(db)] == [worked]
    clock.advance(days=8)
    quiet = agenda.quiet_contacts(db, clock.now(), prefs.quiet_days)
    assert [r.contact_id for r in quiet] == [worked]
    schedule_follow_up(db, clock, prefs, worked, When(clock.today(), None))
    assert agenda.no_next_step(db) == []


def test_today_text_puts_missed_promises_first(db, clock, prefs):
    ann = person(db, clock, "Ann", company="Acme", phones=(("", "+1 415 555 0142"),))
    log_interaction(db, clock, ann, notes="asked for a quote")
    schedule_follow_up(db, clock, prefs, ann, When(clock.today(), dt.time(8)), kind="promised",
                       reason="call back with price")
    text = today_text(db, clock, prefs)
    lines = text.splitlines()
    assert lines[0].startswith("Today — Monday 23 November 2026")
    assert lines.index("MISSED PROMISES (1) — apologise first, then ask whether now is a good time") \
        < lines.index("OVERDUE (0)") < lines.index("DUE TODAY (0)")
    assert "Ann, Acme" in text and "(2 h late)" in text and "asked for a quote" in text
    assert "(415) 555-0142" in text  # the rep's own country: national format


def test_a_page_of_the_day_is_read_off_an_index_without_sorting(db, clock, prefs):
    ann = person(db, clock, "Ann")
    schedule_follow_up(db, clock, prefs, ann, When(clock.today() - dt.timedelta(days=2), None))
    now = clock.now()
    start, end = day_bounds(clock.today(), clock.zone_name)
    overdue: list = []

    def read_pages() -> None:
        overdue.extend(agenda.overdue(db, now, 25))
        agenda.missed_promises(db, now, 25)
        agenda.due_between(db, start, end, now, 25)
        agenda.waiting_on(db, 25)

    pages = [sql for sql in statements(db, read_pages) if "LIMIT 25" in sql]
    assert len(overdue) == 1
    assert len(pages) == 4
    for sql in pages:  # 20,000 overdue: sorting them all took 4 ms, the walk 0.2
        plan_of_page = plan(db, sql)
        assert "TEMP B-TREE" not in plan_of_page, (sql, plan_of_page)
