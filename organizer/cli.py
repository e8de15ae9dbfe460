"""The command line's text verbs. No Qt is imported here: `today` must answer fast.

Each verb returns an exit code; errors reach the rep as one line on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING

from .errors import Ambiguous, UserError, is_database_error

if TYPE_CHECKING:  # argparse loads when a verb is parsed: the window does without it
    import argparse

EXIT_OK, EXIT_USAGE, EXIT_ERROR = 0, 2, 1


def _window_parser(**kwargs) -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="sales-organizer",
        description="Sales Organizer: no promised callback slips through the cracks.", **kwargs)
    parser.add_argument("--db", metavar="PATH", help="the database file (default: your data folder)")
    parser.add_argument("--hidden", action="store_true",
                        help="open in the system tray without showing the window")
    return parser


def window_args(argv: list[str] | None) -> SimpleNamespace | None:
    """The arguments when they only open the window (`--db PATH`, `--db=PATH`,
    `--hidden`), else None and the full parser decides (a verb, --help, a mistake).
    Read by hand: argparse, with the gettext and locale it loads, and every verb's
    parser would cost the window's start ~15 ms."""
    args = sys.argv[1:] if argv is None else list(argv)
    db, hidden, i = None, False, 0
    while i < len(args):
        arg = args[i]
        if arg == "--hidden":
            hidden = True
        elif arg == "--db" and i + 1 < len(args) and not args[i + 1].startswith("-"):
            i += 1
            db = args[i]
        elif arg.startswith("--db="):
            db = arg.removeprefix("--db=")
        else:
            return None
        i += 1
    return SimpleNamespace(db=db, hidden=hidden, verb=None)


def build_parser() -> argparse.ArgumentParser:
    parser = _window_parser()
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")
    verbs.add_parser("today", help="print today's agenda")
    log = verbs.add_parser("log", help="log what happened and set the next follow-up")
    log.add_argument("contact", help="a name, e-mail or phone that matches one contact")
    log.add_argument("--channel", default="phone")
    log.add_argument("--outcome", default="reached")
    log.add_argument("--direction", default="out", choices=("out", "in"))
    log.add_argument("--note", default="")
    log.add_argument("--next", dest="next_when", metavar="WHEN",
                     help='"tomorrow 9am", "in a week", "next tue 3pm" or ISO 8601')
    log.add_argument("--kind", default="planned", choices=("promised", "planned", "check-in"))
    sheet = verbs.add_parser("call-sheet", help="print the call sheet for a day to PDF")
    sheet.add_argument("--date", metavar="YYYY-MM-DD")
    sheet.add_argument("--out", required=True, metavar="FILE.pdf")
    imp = verbs.add_parser("import", help="import contacts from CSV or vCard")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true")
    exp = verbs.add_parser("export", help="export to .csv .vcf .ics or .json")
    exp.add_argument("file")
    bak = verbs.add_parser("backup", help="write a consistent copy of the database")
    bak.add_argument("file")
    demo = verbs.add_parser("demo", help="fill the database with sample data")
    demo.add_argument("--contacts", type=int, default=200)
    demo.add_argument("--interactions-per-contact", type=float, default=5.0)
    return parser


def _open(args):
    from .clock import Clock
    from .database import open_database
    from .preferences import load_preferences

    db = open_database(args.db)
    prefs = load_preferences(db)
    return db, Clock(prefs.time_zone), prefs


def cmd_today(args) -> int:
    from .location import default_db_path
    from .reader import open_reader
    from .report import today_text

    # Reading needs no peewee (about 40 ms of a 0.15 s budget); a file that needs more
    # than reading (creating, migrating, refusing) goes the full way.
    db = open_reader(default_db_path(args.db))
    if db is None:
        db, clock, prefs = _open(args)
    else:
        from .clock import Clock
        from .preferences import load_preferences

        prefs = load_preferences(db)
        clock = Clock(prefs.time_zone)
    try:
        sys.stdout.write(today_text(db, clock, prefs))
    finally:
        db.close()
    return EXIT_OK


def cmd_log(args) -> int:
    from .contacts import find_contact
    from .followups import quick_log
    from .when import parse_when

    db, clock, prefs = _open(args)
    when = parse_when(args.next_when, clock.local_now()) if args.next_when else None
    contact_id = find_contact(db, args.contact)
    outcome = quick_log(db, clock, prefs, contact_id, channel=args.channel,
                        direction=args.direction, outcome=args.outcome, notes=args.note,
                        next_when=when, next_kind=args.kind)
    from .models import Contact

    name = Contact.get_by_id(contact_id).name
    line = f"Logged {args.channel} ({args.outcome}) with {name}."
    if outcome.value.closed_follow_up_id:
        line += " Closed the follow-up it fulfils."
    if when is not None:
        line += f" Next ({args.kind}): {when.describe()}."
    print(line)
    if outcome.warning:
        print(f"Note: {outcome.warning}")
    return EXIT_OK


def cmd_demo(args) -> int:
    import time

    from .demo import build_demo

    if args.contacts < 1:
        raise UserError("--contacts must be at least 1.")
    db, clock, _prefs = _open(args)
    started = time.perf_counter()
    counts = build_demo(db, clock, args.contacts,
                        interactions_per_contact=args.interactions_per_contact)
    took = time.perf_counter() - started
    seconds = f"{took:.1f}" if took >= 1 else f"{took:.2f}"  # never "in 0.0 s"
    print(f"Added {counts['contacts']} contacts, {counts['interactions']} interactions and "
          f"{counts['follow_ups']} follow-ups in {seconds} s.")
    return EXIT_OK


def cmd_backup(args) -> int:
    from .backup import backup_database

    db, _clock, _prefs = _open(args)
    report = backup_database(db, args.file)
    print(f"Backed up {report.counts['contact']} contacts to {report.path} (verified).")
    return EXIT_OK


def cmd_import(args) -> int:
    from .transfer.cli import cmd_import as run  # imported here: `today` stays fast

    return run(args)


def cmd_export(args) -> int:
    from .transfer.cli import cmd_export as run

    return run(args)


# Verbs that need more than the domain (call-sheet needs Qt) are looked up by main.py.
VERBS: dict[str, Callable] = {
    "today": cmd_today,
    "log": cmd_log,
    "demo": cmd_demo,
    "backup": cmd_backup,
    "import": cmd_import,
    "export": cmd_export,
}


def warn_about_placement(args) -> None:
    """A warning line (the verb still runs) for a database on a network drive or in a
    synced folder (organizer.placement)."""
    from .location import default_db_path
    from .placement import placement_problem

    problem = placement_problem(default_db_path(args.db))
    if problem:
        print(f"sales-organizer: warning: {problem}", file=sys.stderr)


def run_verb(verb: Callable, args) -> int:
    """Run a verb; a UserError becomes one line on stderr and a non-zero exit."""
    try:
        warn_about_placement(args)
        return verb(args)
    except Ambiguous as exc:
        print(f"sales-organizer: {exc.message}", file=sys.stderr)
        for name in exc.candidates:
            print(f"  {name}", file=sys.stderr)
        return EXIT_ERROR
    except UserError as exc:
        print(f"sales-organizer: {exc.message}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        if not is_database_error(exc):
            raise
        from .backups import database_problem
        from .database import default_db_path

        print(f"sales-organizer: {database_problem(default_db_path(args.db), exc)}",
              file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
