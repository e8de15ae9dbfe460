"""`sales-organizer call-sheet`: placeholder until the call-sheet issue lands."""

from __future__ import annotations

import sys


def cmd_call_sheet(args) -> int:
    print("sales-organizer: 'call-sheet' is not available in this version yet.", file=sys.stderr)
    return 1
