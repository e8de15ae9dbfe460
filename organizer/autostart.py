"""Start at login: an XDG autostart entry on Linux (Windows and macOS: see the README).

The entry lives in $XDG_CONFIG_HOME/autostart (default ~/.config/autostart) and starts
the app hidden in the tray, on the same database it was enabled for.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

ENTRY_NAME = "sales-organizer.desktop"


def autostart_dir(environ: dict | None = None) -> Path:
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "autostart"


def supported(platform: str = sys.platform) -> bool:
    return platform.startswith("linux") or "bsd" in platform


def launch_command(db_path: Path | None = None) -> list[str]:
    """How to start this very installation again."""
    main = Path(__file__).resolve().parent.parent / "main.py"
    command = [sys.executable, str(main)] if main.exists() else ["sales-organizer"]
    if db_path is not None:
        command += ["--db", str(Path(db_path).resolve())]
    return command


def entry_text(command: list[str]) -> str:
    # Exec follows the desktop-entry quoting rules; shlex quoting is a subset of them
    # for paths without backslashes, and '%' must be doubled.
    exec_line = " ".join(shlex.quote(part).replace("%", "%%") for part in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Sales Organizer\n"
        "Comment=Reminders for promised callbacks\n"
        f"Exec=env SALES_ORGANIZER_START_HIDDEN=1 {exec_line}\n"
        "Icon=sales-organizer\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def is_enabled(directory: Path | None = None) -> bool:
    return ((directory or autostart_dir()) / ENTRY_NAME).exists()


def set_enabled(enabled: bool, command: list[str], directory: Path | None = None) -> Path:
    """Write or remove the entry (atomically); returns its path."""
    directory = directory or autostart_dir()
    path = directory / ENTRY_NAME
    if not enabled:
        path.unlink(missing_ok=True)
        return path
    directory.mkdir(parents=True, exist_ok=True)
    text = entry_text(command)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return path
    temp = path.with_suffix(".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)
    return path
