"""A second line of defence for PySide6 6.12.0 on CPython 3.11, where calls into Qt
drop references to None without taking them; a few thousand calls free None and the
process aborts ("none_dealloc: deallocating None"). Printing a sheet makes tens of
thousands of calls. pyproject.toml pins PySide6 below 6.12 on 3.11; this guard covers
an environment installed before that pin. None is immortal from 3.12 on.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40  # about 10^12 calls
_applied = False


def affected() -> bool:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import shiboken6

    return shiboken6.__version__.startswith("6.12.")


def protect_none() -> bool:
    """Top up None's reference count once per process where needed; True if it was."""
    global _applied
    if _applied or not affected():
        return False
    # ob_refcnt is the first field of every CPython object in release builds.
    ctypes.c_ssize_t.from_address(id(None)).value += RESERVE
    _applied = True
    return True
