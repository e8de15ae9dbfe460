"""Before Qt starts: say in one sentence what is missing, instead of an abort."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded only where fontconfig is warmed
    import threading

# Libraries Qt's xcb platform plugin loads (by these names), and the Debian package
# that has each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
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
            if not _loads(library):
                return (f"Qt cannot open a window because the system library {library} is "
                        f"missing; install it with: sudo apt install {package}")
    try:
        import PySide6.QtWidgets  # noqa: F401
    except ImportError as exc:
        return f"Qt could not be loaded ({exc}); reinstall Sales Organizer or its PySide6 package."
    return None


def _loads(library: str) -> bool:
    """Whether the dynamic loader finds `library`, as Qt's plugin will ask it (a dlopen
    is quick; ctypes.util.find_library would run ldconfig once per library)."""
    import ctypes  # here: the offscreen and Wayland starts do not need it

    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def warm_fontconfig() -> threading.Thread | None:
    """Start fontconfig's set-up (reading its configuration and font caches, ~7 ms) on
    another thread while the window's modules are imported: Qt's first text measure
    then finds it done (9 ms -> 4.7 ms). A ctypes call releases the GIL, so it runs
    beside the imports; fontconfig's set-up is safe to race (the loser's copy is
    dropped). Only where ctypes is loaded already (the xcb check above, on X11):
    importing it costs about what the warm-up saves. Returns the thread, or None."""
    ctypes = sys.modules.get("ctypes")
    if ctypes is None or not sys.platform.startswith("linux"):
        return None
    import threading

    try:
        fontconfig = ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        return None
    thread = threading.Thread(target=fontconfig.FcInit, name="fontconfig", daemon=True)
    thread.start()
    return thread
