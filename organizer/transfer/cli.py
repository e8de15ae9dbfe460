"""`sales-organizer import FILE [--dry-run]` and `sales-organizer export FILE`.

A refused file gives one line on stderr naming the file, the line and the problem, a
non-zero exit, and an untouched database (the import is one rolled-back transaction).
"""

from __future__ import annotations

import sys

from ..errors import UserError

SHOWN_PROBLEMS = 20


def cmd_import(args) -> int:
    from ..cli import EXIT_ERROR, EXIT_OK, _open
    from .importer import import_file, preview_import

    db, clock, prefs = _open(args)
    if args.dry_run:
        plan = preview_import(db, clock, args.file, region=prefs.phone_region)
        print(f"{plan.source.path.name}: {plan.source.describe()}.")
        print(f"Would import: {plan.summary()}.")
        for problem in [p for p in plan.problems if not p.fatal][:SHOWN_PROBLEMS]:
            print(f"  {problem.describe(plan.source.path.name)}")
        error = plan.first_error()
        if error:
            print(f"sales-organizer: {error}", file=sys.stderr)
            return EXIT_ERROR
        return EXIT_OK
    outcome = import_file(db, clock, args.file, region=prefs.phone_region)
    plan = outcome.value
    print(f"Imported {plan.source.path.name} ({plan.source.describe()}): {plan.summary()}.")
    return EXIT_OK


def cmd_export(args) -> int:
    from ..cli import EXIT_OK, _open
    from .exporting import export_file

    db, clock, prefs = _open(args)
    kind, count = export_file(db, clock, args.file, prefs)
    what = "open follow-ups" if kind == "iCalendar" else "contacts"
    print(f"Exported {count} {what} to {args.file} ({kind}).")
    return EXIT_OK


__all__ = ["UserError", "cmd_export", "cmd_import"]
