"""vCard 4.0 (RFC 6350): escaped text, lines folded at 75 octets without splitting a
UTF-8 character, CRLF line ends."""

from __future__ import annotations

import re
from pathlib import Path

from peewee import SqliteDatabase

from .exporting import ExportedContact, active_contacts

_LABEL = re.compile(r"[^a-z0-9-]")
_TEL_TYPES = {"mobile": "cell", "work": "work", "home": "home", "fax": "fax", "pager": "pager",
              "voice": "voice", "main": "main-number"}


def escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
            .replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;"))


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after one space."""
    out, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out) + "\r\n"


def _type(label: str, table: dict | None = None) -> str:
    label = label.lower().strip()
    if table and label in table:
        label = table[label]
    label = _LABEL.sub("", label)
    return f";TYPE={label}" if label else ""


def card(item: ExportedContact) -> str:
    d = item.data
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"UID:urn:x-sales-organizer:contact:{item.id}",
             f"FN:{escape(d.display_name)}",
             f"N:{escape(d.last_name)};{escape(d.first_name)};;;"]
    if d.company:
        lines.append(f"ORG:{escape(d.company)}")
    if d.job_title:
        lines.append(f"TITLE:{escape(d.job_title)}")
    for label, address in d.emails:
        lines.append(f"EMAIL{_type(label)}:{escape(address)}")
    for label, number in d.phones:
        if number.startswith("+"):
            lines.append(f"TEL;VALUE=uri{_type(label, _TEL_TYPES)}:tel:{number}")
        else:
            lines.append(f"TEL;VALUE=text{_type(label, _TEL_TYPES)}:{escape(number)}")
    if any((d.street, d.city, d.region, d.postal_code, d.country)):
        parts = ";".join(escape(p) for p in (d.street, d.city, d.region, d.postal_code, d.country))
        lines.append(f"ADR:;;{parts}")
    if d.notes:
        lines.append(f"NOTE:{escape(d.notes)}")
    if d.tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in d.tags))
    lines.append(f"X-SALES-STAGE:{escape(d.stage)}")
    if d.source:
        lines.append(f"X-SALES-SOURCE:{escape(d.source)}")
    if item.updated_at is not None:
        lines.append("REV:" + item.updated_at.strftime("%Y%m%dT%H%M%SZ"))
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def write_vcards(db: SqliteDatabase, path: Path, clock=None) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for item in active_contacts(db):
            handle.write(card(item))
            count += 1
    return count
