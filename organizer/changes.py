"""What a service changed, so the UI can broadcast it once and each view decides
whether to redraw (the idea of Anki's OpChanges)."""

from __future__ import annotations

from typing import NamedTuple


class Changes(NamedTuple):
    contact_ids: frozenset[int] = frozenset()
    contacts: bool = False  # contact fields, membership or list order
    interactions: bool = False
    follow_ups: bool = False
    preferences: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.contact_ids | other.contact_ids,
            self.contacts or other.contacts,
            self.interactions or other.interactions,
            self.follow_ups or other.follow_ups,
            self.preferences or other.preferences,
        )

    @property
    def everything(self) -> bool:
        return self.contacts and self.interactions and self.follow_ups

    @classmethod
    def all(cls) -> Changes:
        return cls(frozenset(), True, True, True, True)


class Outcome(NamedTuple):
    """A mutating service's answer: its value, what changed, and a note for the rep."""

    changes: Changes
    value: object = None
    warning: str | None = None
