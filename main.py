"""Sales Organizer: `python main.py` is the same as the `sales-organizer` command.

Text verbs run without loading Qt, so they start quickly; no verb opens the window.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from ui import skip_feature_scan

    # Where PySide is loaded already (a harness that embeds the app), its scan of each
    # module's source would read ours from here on; otherwise this does nothing yet.
    skip_feature_scan()
    from organizer.cli import EXIT_ERROR, VERBS, build_parser, run_verb, window_args

    args = window_args(argv) or build_parser().parse_args(argv)
    if args.verb is None:
        from ui.app import run_app

        return run_app(args.db, hidden=args.hidden)
    if args.verb == "call-sheet":
        from ui.printing.cli import cmd_call_sheet

        return run_verb(cmd_call_sheet, args)
    verb = VERBS.get(args.verb)
    if verb is None:
        print(f"sales-organizer: unknown command '{args.verb}'.", file=sys.stderr)
        return EXIT_ERROR
    return run_verb(verb, args)


if __name__ == "__main__":
    sys.exit(main())
