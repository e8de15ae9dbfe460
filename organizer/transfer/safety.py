"""Spreadsheet formula injection: the symmetric rule of RELIABILITY.md §3.

Export prefixes one apostrophe when the value, with its leading apostrophes removed,
starts with a trigger; import strips one apostrophe under the same condition, so a
rep who literally typed `'=x` gets `'=x` back.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _triggers(value: str) -> bool:
    return value.lstrip("'").startswith(TRIGGERS)


def protect(value: str) -> str:
    """The cell to write for `value`."""
    return "'" + value if value and _triggers(value) else value


def unprotect(value: str) -> str:
    """The value a cell written by `protect` stood for."""
    if value.startswith("'") and _triggers(value[1:]):
        return value[1:]
    return value
