"""Reading "when" the way a rep types it: "tomorrow 9am", "in a week", "next tue 3pm",
"in 3 days", or ISO 8601. Relative to an injected local "now".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .errors import UserError

# Words that may sit between the parts parsedatetime understands.
_FILLER = {"at", "on", "the", "by", "around", "about", "@"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$")


@dataclass(frozen=True)
class When:
    date: dt.date
    time: dt.time | None  # None: any time that day

    def describe(self) -> str:
        day = self.date.strftime("%a %d %b %Y")
        if self.time is None:
            return f"{day}, any time"
        return f"{day} at {self.time.strftime('%H:%M')}"


def _iso(text: str, local_now: dt.datetime) -> When:
    value = text.replace("Z", "+00:00")
    if len(value) == 10:
        return When(dt.date.fromisoformat(value), None)
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(local_now.tzinfo)
    return When(moment.date(), moment.time().replace(second=0, microsecond=0))


def parse_when(text: str, local_now: dt.datetime) -> When:
    """Parse `text` relative to `local_now` (aware, in the rep's zone).

    Raises UserError naming the text when any part of it is not understood.
    """
    text = (text or "").strip()
    if not text:
        raise UserError("No date was given for the next step.")
    if _ISO.match(text):
        try:
            return _iso(text, local_now)
        except ValueError as exc:
            raise UserError(f"'{text}' is not a valid date: {exc}.") from exc
    import parsedatetime  # imported on use: the command line stays quick to start

    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    base = local_now.replace(tzinfo=None)
    found = calendar.nlp(text, sourceTime=base)
    if not found:
        raise UserError(f"'{text}' is not a date I can read; try \"tomorrow 9am\", \"in a week\" or 2026-12-01 15:00.")
    covered = [False] * len(text)
    for _moment, _context, start, end, _matched in found:
        covered[start:end] = [True] * (end - start)
    leftover = "".join(ch if not covered[i] else " " for i, ch in enumerate(text)).split()
    extra = [word for word in leftover if word.lower().strip(",.") not in _FILLER]
    if extra:
        raise UserError(f"'{text}' is not a date I can read (I do not understand '{' '.join(extra)}').")
    moment, context = calendar.parseDT(text, sourceTime=base)
    if not context.hasDateOrTime:
        raise UserError(f"'{text}' is not a date I can read.")
    if not context.hasTime:
        return When(moment.date(), None)
    time = moment.time().replace(second=0, microsecond=0)
    if not context.hasDate and moment < base - dt.timedelta(minutes=1):
        # "3pm" typed at 4pm means tomorrow at 3.
        return When(moment.date() + dt.timedelta(days=1), time)
    return When(moment.date(), time)
