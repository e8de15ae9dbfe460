"""`sales-organizer call-sheet [--date YYYY-MM-DD] --out FILE.pdf`, with no display needed."""

from __future__ import annotations

import datetime as dt
import re

from organizer.errors import UserError

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(text: str | None) -> dt.date | None:
    """None for "today"; a strict YYYY-MM-DD otherwise, else one plain sentence."""
    if text is None:
        return None
    value = text.strip()
    try:
        if not _DAY.match(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--date '{text}' is not a day; use YYYY-MM-DD, like 2026-11-23.") from None


def cmd_call_sheet(args) -> int:
    from organizer.callsheet import build_call_sheet
    from organizer.clock import Clock
    from organizer.database import open_database
    from organizer.preferences import load_preferences

    day = parse_day(args.date)
    if not args.out:
        raise UserError("Say where to write the call sheet with --out FILE.pdf.")
    db = open_database(args.db)
    prefs = load_preferences(db)
    clock = Clock(prefs.time_zone)
    sheet = build_call_sheet(db, clock, prefs, day)
    from .export import save_call_sheet_pdf

    path, pages = save_call_sheet_pdf(sheet, args.out, prefs.paper_size)
    entries = sheet.entry_count
    print(f"Wrote the call sheet for {sheet.day.isoformat()} ({entries} "
          f"{'entry' if entries == 1 else 'entries'}, {pages} page{'s' if pages != 1 else ''}) "
          f"to {path}.")
    return 0
