"""Where the window benchmark shows its windows.

The rep's own desktop when there is one. Otherwise a private Xvfb: an X server like a
laptop's, so that the window goes the way it goes there (the xcb platform plugin, its
input-method and style plugins, the fontconfig warm-up of ui/qt_check.py, the frame
sent to the server). Qt's offscreen platform only when Xvfb cannot run, or when asked
(`--offscreen`): it skips most of that, for the bare window and the app alike.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from tests.xvfb import free_display, qt_problem, start_xvfb, stop

SCREEN = "1920x1080x24"  # a common laptop screen: Today reads what its height can show
OFFSCREEN = {"QT_QPA_PLATFORM": "offscreen"}


@contextmanager
def bench_display(offscreen: bool = False) -> Iterator[tuple[dict, str]]:
    """(environment variables to set, what they stand for) for the time of the block."""
    if not offscreen and (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        yield {}, "this session's display"
        return
    if offscreen or shutil.which("Xvfb") is None:
        yield OFFSCREEN, "Qt offscreen" + ("" if offscreen else " (no Xvfb: Debian package xvfb)")
        return
    number = free_display()
    server = start_xvfb(number, SCREEN)
    try:
        problem = qt_problem(f":{number}")
        if problem:
            yield OFFSCREEN, f"Qt offscreen ({problem})"
        else:
            yield {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}, f"Xvfb {SCREEN}"
    finally:
        stop(server)
