"""Small builders shared by the widget tests."""

from __future__ import annotations

from organizer.contacts import ContactData, create_contact
from organizer.followups import schedule_follow_up
from organizer.when import When
from ui.reminders.notifier import Notifier


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
