"""Static files shipped with the app: icons and the .desktop entry (no Qt here)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent
ICONS = ROOT / "icons"
APP_ICON = ICONS / "sales-organizer.svg"
DESKTOP_FILE = ROOT / "sales-organizer.desktop"
