"""What readers yield: a contact's data with the line it came from, or a problem."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..contacts import ContactData
from ..models import STAGES

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Record:
    line: int  # the file line the contact starts on (1-based)
    data: ContactData


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    value: str = ""
    fatal: bool = True  # a fatal problem refuses the whole file

    def describe(self, file_name: str) -> str:
        shown = f" ({self.value[:60]!r})" if self.value else ""
        return f"{file_name}, line {self.line}: {self.message}{shown}."


def clean(value: str | None) -> str:
    """Imported text without NUL and control characters (IMP-6); tabs/newlines stay."""
    return _CONTROL.sub("", value or "").strip()


def build(line: int, *, first: str = "", middle: str = "", last: str = "", full: str = "",
          company: str = "", job_title: str = "", emails=(), phones=(), address=None,
          notes: str = "", tags=(), stage: str = "", source: str = "") -> Record | Problem | None:
    """A Record from loose fields, a non-fatal Problem for an empty entry, or None."""
    first, middle, last, full = clean(first), clean(middle), clean(last), clean(full)
    company = clean(company)
    emails = tuple((clean(label), clean(a)) for label, a in emails if clean(a))
    phones = tuple((clean(label), clean(n)) for label, n in phones if clean(n))
    if middle:
        first = f"{first} {middle}".strip()
    if not (first or last) and full:
        parts = full.rsplit(" ", 1)
        first, last = (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")
    if not (first or last or company):
        if not emails and not phones:
            return Problem(line, "an empty entry was skipped", fatal=False)
        # An entry with only an address or number is named after it, never dropped.
        first = emails[0][1] if emails else phones[0][1]
    address = address or {}
    stage = clean(stage).lower()
    data = ContactData(
        first_name=first, last_name=last, company=company, job_title=clean(job_title),
        phones=phones, emails=emails, street=clean(address.get("street")),
        city=clean(address.get("city")), region=clean(address.get("region")),
        postal_code=clean(address.get("postal_code")), country=clean(address.get("country")),
        notes=clean(notes), tags=tuple(t for t in (clean(t) for t in tags) if t),
        stage=stage if stage in STAGES else "lead", source=clean(source),
    )
    return Record(line, data)
