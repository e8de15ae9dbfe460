"""The words of the domain: stages, channels, outcomes, follow-up kinds and statuses.

Plain constants, apart from the tables (organizer/models.py) so that read-only code
can use them without loading peewee.
"""

STAGES = ("lead", "contacted", "qualified", "proposal", "negotiation", "won", "lost", "dormant")
# Relationships still being worked: quiet-prospect checks and "no next step" apply to these.
OPEN_STAGES = ("lead", "contacted", "qualified", "proposal", "negotiation")
CHANNELS = ("phone", "email", "text", "meeting", "postcard", "card", "other")
DIRECTIONS = ("out", "in")
OUTCOMES = (
    "reached",
    "left voicemail",
    "no answer",
    "sent",
    "replied",
    "meeting held",
    "not interested",
    "other",
)
# Outcomes of an outbound touch that count as having reached the person.
REACHED_OUTCOMES = ("reached", "replied", "meeting held", "not interested")
FOLLOWUP_KINDS = ("promised", "planned", "check-in")
# "parked": open, but its contact is archived; restoring the contact reopens it. Keeping
# this in the status lets every agenda query filter on one indexed column, no join.
FOLLOWUP_STATUSES = ("open", "done", "cancelled", "parked")
