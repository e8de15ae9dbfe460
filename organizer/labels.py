"""Mailing labels: address lines for a selection of contacts, and the label sheets
they print on, as plain geometry in millimetres (ui/printing paints them).

Contacts without a usable postal address are skipped and counted, so the rep knows
how many cards still need an address.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import SqliteDatabase

from .models import Contact, ContactTag, Tag

MAX_LINES = 5  # what fits a one-inch label at a readable size


@dataclass(frozen=True)
class LabelLayout:
    key: str
    name: str
    paper: str  # "letter" or "a4"
    page_width: float  # all lengths in millimetres
    page_height: float
    columns: int
    rows: int
    label_width: float
    label_height: float
    top: float  # paper edge to the first label
    left: float
    column_pitch: float  # left edge of one label to the left edge of the next
    row_pitch: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def position(self, index: int) -> tuple[int, float, float]:
        """(sheet number from 0, x, y) of label `index`, filled row by row."""
        sheet, slot = divmod(index, self.per_sheet)
        row, column = divmod(slot, self.columns)
        return sheet, self.left + column * self.column_pitch, self.top + row * self.row_pitch

    def sheets_for(self, count: int) -> int:
        return max(1, -(-count // self.per_sheet))


# Avery's published templates: 5160 is 2 5/8" x 1" on Letter, L7160 is 63.5 x 38.1 mm on A4.
AVERY_5160 = LabelLayout("avery-5160", "Avery 5160 (Letter, 3 × 10)", "letter", 215.9, 279.4,
                         3, 10, 66.675, 25.4, 12.7, 4.7625, 69.85, 25.4)
AVERY_L7160 = LabelLayout("avery-l7160", "Avery L7160 (A4, 3 × 7)", "a4", 210.0, 297.0,
                          3, 7, 63.5, 38.1, 15.15, 7.25, 66.04, 38.1)
LAYOUTS = {layout.key: layout for layout in (AVERY_5160, AVERY_L7160)}


def layout_for_paper(paper: str) -> LabelLayout:
    """The common sheet for a paper size: 5160 on Letter, L7160 on A4."""
    return AVERY_5160 if (paper or "").lower() == "letter" else AVERY_L7160


@dataclass(frozen=True)
class MailingLabel:
    contact_id: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class LabelBatch:
    labels: tuple[MailingLabel, ...]
    skipped: int  # selected contacts without a usable address
    skipped_names: tuple[str, ...]

    def summary(self) -> str:
        n = len(self.labels)
        text = f"{n} label{'s' if n != 1 else ''}"
        if self.skipped:
            text += (f"; {self.skipped} contact{'s' if self.skipped != 1 else ''} skipped "
                     "(no postal address)")
        return text + "."


_COUNTRY_ALIASES = {
    "US": {"us", "usa", "u.s.", "u.s.a.", "united states", "united states of america"},
    "GB": {"gb", "uk", "united kingdom", "great britain", "england", "scotland", "wales"},
    "DE": {"de", "germany", "deutschland"},
    "CA": {"ca", "canada"},
    "FR": {"fr", "france"},
}
# Countries that write "City, REGION POSTCODE" on one line; most others put the code first.
_CITY_FIRST = {"US", "CA", "AU"}


def _country_code(country: str) -> str:
    key = country.strip().lower()
    for code, names in _COUNTRY_ALIASES.items():
        if key in names:
            return code
    return key.upper()


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def address_lines(name: str, person: str, company: str, street: str, city: str, region: str,
                  postal_code: str, country: str, home_country: str = "US") -> tuple[str, ...]:
    """The lines of one address label, or () when the address is not usable."""
    street_lines = [_clean(line) for line in (street or "").splitlines() if _clean(line)]
    city, region, postal = _clean(city), _clean(region), _clean(postal_code)
    if not street_lines or not (city or postal):
        return ()
    code = _country_code(country) if country.strip() else home_country.upper()
    if code in _CITY_FIRST:
        place = ", ".join(p for p in (city, " ".join(p for p in (region, postal) if p)) if p)
    elif code == "GB":
        place = " ".join(p for p in (city, postal) if p)
    else:
        place = " ".join(p for p in (postal, city) if p)
    head = [_clean(name)]
    if company.strip() and _clean(person):  # the company goes under a person's name
        head.append(_clean(company))
    tail = [place] + ([_clean(country).upper()] if code != home_country.upper() else [])
    room = MAX_LINES - len(head) - len(tail)
    if len(street_lines) > room:  # a long street address is joined, never dropped
        street_lines = street_lines[:room - 1] + [", ".join(street_lines[room - 1:])]
    lines = head + street_lines + tail
    return tuple(lines)


def mailing_labels(db: SqliteDatabase, contact_ids: list[int], home_country: str = "US") -> LabelBatch:
    """Labels for the selected contacts in selection order; the rest are counted as skipped."""
    wanted = list(dict.fromkeys(contact_ids))
    rows = {}
    for chunk in range(0, len(wanted), 500):
        query = (Contact.select(Contact.id, Contact.name, Contact.first_name, Contact.last_name,
                                Contact.company, Contact.street, Contact.city, Contact.region,
                                Contact.postal_code, Contact.country)
                 .where(Contact.id.in_(wanted[chunk:chunk + 500]) & Contact.archived_at.is_null()))
        for row in query.tuples():
            rows[row[0]] = row
    labels, skipped = [], []
    for cid in wanted:
        row = rows.get(cid)
        if row is None:
            skipped.append(f"#{cid}")
            continue
        _id, name, first, last, company, street, city, region, postal, country = row
        lines = address_lines(name, f"{first} {last}", company, street, city, region, postal,
                              country, home_country)
        if lines:
            labels.append(MailingLabel(cid, lines))
        else:
            skipped.append(name)
    return LabelBatch(tuple(labels), len(skipped), tuple(skipped))


def contacts_tagged(db: SqliteDatabase, tag: str) -> list[int]:
    """Active contacts with a tag (say "holiday card"), by name: a ready-made selection."""
    query = (Contact.select(Contact.id).join(ContactTag).join(Tag)
             .where((Tag.name == tag) & Contact.archived_at.is_null())
             .order_by(Contact.name, Contact.id).tuples())
    return [cid for (cid,) in query]
