"""CSV in Google Contacts' current layout: UTF-8 with BOM (Excel reads Müller right),
no blank lines (newline=''), every cell guarded against formula injection."""

from __future__ import annotations

import csv
from pathlib import Path

from peewee import SqliteDatabase

from .exporting import active_contacts
from .safety import protect

GROUPS = 3  # e-mail and phone groups; further values join the last with " ::: "
ADDRESS = ("Street", "City", "Region", "Postal Code", "Country")


def header() -> list[str]:
    names = ["First Name", "Middle Name", "Last Name", "Organization Name", "Organization Title",
             "Notes", "Labels"]
    for kind in ("E-mail", "Phone"):
        for n in range(1, GROUPS + 1):
            names += [f"{kind} {n} - Label", f"{kind} {n} - Value"]
    names += ["Address 1 - Label"] + [f"Address 1 - {part}" for part in ADDRESS]
    names += ["Custom Field 1 - Label", "Custom Field 1 - Value",
              "Custom Field 2 - Label", "Custom Field 2 - Value"]
    return names


def _groups(pairs: tuple[tuple[str, str], ...]) -> list[str]:
    cells: list[str] = []
    pairs = list(pairs)
    for n in range(GROUPS):
        if n == GROUPS - 1 and len(pairs) > GROUPS:
            rest = pairs[n:]
            cells += [rest[0][0], " ::: ".join(v for _l, v in rest)]
        elif n < len(pairs):
            cells += [pairs[n][0], pairs[n][1]]
        else:
            cells += ["", ""]
    return cells


def write_csv(db: SqliteDatabase, path: Path, clock=None) -> int:
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header())
        for item in active_contacts(db):
            d = item.data
            has_address = any((d.street, d.city, d.region, d.postal_code, d.country))
            row = [d.first_name, "", d.last_name, d.company, d.job_title, d.notes,
                   " ::: ".join(d.tags)]
            row += _groups(d.emails) + _groups(d.phones)
            row += ["work" if has_address else "", d.street, d.city, d.region, d.postal_code,
                    d.country]
            row += ["Stage", d.stage, "Source" if d.source else "", d.source]
            writer.writerow([protect(cell) for cell in row])
            count += 1
    return count
