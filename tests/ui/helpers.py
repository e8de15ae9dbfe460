"""Small builders shared by the widget tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from organizer.contacts import ContactData, create_contact
from organizer.followups import schedule_follow_up
from organizer.when import When
from ui.reminders.notifier import Notifier

ROOT = Path(__file__).resolve().parents[2]


def probe(script: str, *args: str, **env: str) -> str:
    """What a fresh interpreter prints (stripped) running `script` with `args` from the
    repository's root, on Qt's offscreen platform with `env` added; its errors if it
    fails. For what only a new process shows: imports, and the start-up path."""
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                         cwd=ROOT, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def person(ctx, name, **extra) -> int:
    return create_contact(ctx.db, ctx.clock, ContactData(first_name=name, **extra)).value


def follow(ctx, contact_id, day, time=None, **options) -> int:
    return schedule_follow_up(ctx.db, ctx.clock, ctx.prefs, contact_id, When(day, time),
                              **options).value


class RecordingNotifier(Notifier):
    """A notifier that keeps what it was asked to show, and says it was delivered."""

    name = "recorder"

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, str]] = []

    def notify(self, title: str, body: str) -> None:
        self.shown.append((title, body))
        self.delivered.emit(self.name)
