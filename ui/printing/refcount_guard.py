"""Work around PySide6 6.12 on CPython 3.11: every call to a Qt method that returns
nothing (setPen, drawLine, setObjectName, ...) drops one reference to None without
taking one. None is immortal from 3.12 on, so nothing happens there; on 3.11 a few
thousand such calls free None and the process aborts ("none_dealloc: deallocating
None"). Printing a sheet makes tens of thousands of those calls.

The guard gives None a reserve of references no run can use up. It belongs at the
start of every Qt process (see the printing report); ui.printing applies it on import.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40  # about 10^12 calls
_applied = False


def protect_none() -> bool:
    """Top up None's reference count once per process; True if it was needed."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    # ob_refcnt is the first field of every CPython object in release builds.
    ctypes.c_ssize_t.from_address(id(None)).value += RESERVE
    _applied = True
    return True
