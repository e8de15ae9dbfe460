"""Before Qt starts: say in one sentence what is missing, instead of an abort."""

from __future__ import annotations

import ctypes.util
import os
import sys

# Libraries Qt's xcb platform plugin loads, and the Debian package that has each.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
}


def problem_starting_qt() -> str | None:
    """None when a window can open, else the sentence to print."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "vnc")):
        return None
    wayland = bool(os.environ.get("WAYLAND_DISPLAY")) and not platform.startswith("xcb")
    if not wayland and not os.environ.get("DISPLAY"):
        return ("Sales Organizer needs a desktop session to show its window (no DISPLAY is set); "
                "the command-line verbs such as 'today' work without one.")
    if not wayland:
        for library, package in XCB_LIBRARIES.items():
            if ctypes.util.find_library(library) is None:
                return (f"Qt cannot open a window because the system library lib{library} is "
                        f"missing; install it with: sudo apt install {package}")
    try:
        import PySide6.QtWidgets  # noqa: F401
    except ImportError as exc:
        return f"Qt could not be loaded ({exc}); reinstall Sales Organizer or its PySide6 package."
    return None
