"""CSV contacts: delimiter and header detection, then one Record or Problem per row.

The csv module forgives too much (an unclosed quote silently swallows the following
rows), so every row is checked against the header's field count and a short row with a
line break inside a field is reported as the unterminated quote it almost always is.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from .headers import looks_like_header, map_headers
from .records import Problem, Record, build
from .safety import unprotect
from .textfile import Decoded, detect_encoding, open_text

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_HEAD_LINES = 20
# The most one field may hold, in characters (Python's csv stops at 128 KB: a CRM's
# long notes). A quote left open runs on to here, or to the end of the file, and is
# reported; so a broken file costs at most this much memory.
FIELD_LIMIT = 16 * 1024 * 1024


@dataclass
class CsvInfo:
    decoded: Decoded
    delimiter: str
    header_line: int  # 1-based line of the column names
    headers: list[str]
    layout: str
    specs: list[str | None] = field(default_factory=list)

    @property
    def delimiter_name(self) -> str:
        return DELIMITER_NAMES[self.delimiter]


def _pick_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def inspect_csv(path: Path, decoded: Decoded | None = None) -> CsvInfo:
    """Encoding, delimiter, header row and column meanings of a CSV file."""
    decoded = decoded or detect_encoding(path)
    with open_text(path, decoded) as handle:
        head = [handle.readline() for _ in range(_HEAD_LINES)]
    head = [line for line in head if line]
    if not head:
        raise UserError(f"{path.name} is empty: there is nothing to import.")
    header_index = 0
    for index, line in enumerate(head):
        cells = next(csv.reader([line], delimiter=_pick_delimiter(line)), [])
        if looks_like_header(cells):
            header_index = index
            break
    delimiter = _pick_delimiter(head[header_index])
    headers = next(csv.reader([head[header_index]], delimiter=delimiter), [])
    headers = [h.replace("\ufeff", "").strip() for h in headers]
    layout, specs = map_headers(headers)
    if not any(s and s.split("#")[0].split("/")[0] in ("first_name", "last_name", "full_name",
                                                        "company", "email", "phone")
               for s in specs):
        raise UserError(f"{path.name}, line {header_index + 1}: no column holds a name, company, "
                        "e-mail or phone; choose what each column means and import again.")
    return CsvInfo(decoded, delimiter, header_index + 1, headers, layout, specs)


def _spec_parts(spec: str) -> tuple[str, str, str]:
    """A column's spec "field/label#group" (headers.map_headers) as (field, label, group)."""
    name, _, group = spec.partition("#")
    name, _, label = name.partition("/")
    return name, label, group


def row_to_record(line: int, cells: list[str], specs: list[str | None]) -> Record | Problem | None:
    fields: dict[str, str] = {}
    emails: list[tuple[str, str]] = []
    phones: list[tuple[str, str]] = []
    groups: dict[str, dict[str, str]] = {}
    addresses: dict[str, dict[str, str]] = {}
    tags: list[str] = []
    for cell, spec in zip(cells, specs, strict=False):
        value = unprotect(cell.strip())
        if not spec or not value:
            continue
        name, label, group = _spec_parts(spec)
        if group:
            groups.setdefault(group, {})[name] = value
        elif name == "email":
            emails += [(label, v) for v in _split(value)]
        elif name == "phone":
            phones += [(label, v) for v in _split(value)]
        elif name in ("street", "city", "region", "postal_code", "country"):
            addresses.setdefault(label, {})[name] = value
        elif name == "tags":
            tags += _tags(value)
        elif name in fields and name == "notes":
            fields[name] += "\n" + value
        else:
            fields.setdefault(name, value)
    for number in sorted(groups, key=int):
        group = groups[number]
        emails += [(group.get("email_label", ""), v) for v in _split(group.get("email", ""))]
        phones += [(group.get("phone_label", ""), v) for v in _split(group.get("phone", ""))]
        for key in ("company", "job_title"):
            if group.get(key):
                fields.setdefault(key, group[key])
        custom = group.get("custom_label", "").lower()
        if custom in ("stage", "source") and group.get("custom"):
            fields.setdefault(custom, group["custom"])
        address = {k: v for k, v in group.items()
                   if k in ("street", "city", "region", "postal_code", "country")}
        if address:
            addresses.setdefault(f"4{int(number):04d}", address)
    address = addresses[min(addresses)] if addresses else None
    return build(line, first=fields.get("first_name", ""), middle=fields.get("middle_name", ""),
                 last=fields.get("last_name", ""), full=fields.get("full_name", ""),
                 company=fields.get("company", ""), job_title=fields.get("job_title", ""),
                 emails=[(_label(lb), v) for lb, v in emails],
                 phones=[(_label(lb), v) for lb, v in phones], address=address,
                 notes=fields.get("notes", ""), tags=tags, stage=fields.get("stage", ""),
                 source=fields.get("source", ""))


def _split(value: str) -> list[str]:
    """Google joins several values of one label with ' ::: ' (IMP-9)."""
    return [part.strip() for part in value.split(":::") if part.strip()]


def _label(label: str) -> str:
    return label.lstrip("* ").strip().lower()


def _tags(value: str) -> list[str]:
    separators = ":::" if ":::" in value else ";"
    tags = [t.strip().lstrip("* ").strip() for t in value.split(separators)]
    # Google's system groups say nothing about the person.
    return [t for t in tags if t and t.lower() not in ("mycontacts", "my contacts", "starred")]


def read_csv(path: Path, info: CsvInfo) -> Iterator[Record | Problem]:
    """Each data row as a Record, or a Problem naming its line (fatal ones stop nothing
    here: the plan decides; a broken quote ends the reading)."""
    width = len(info.headers)
    with open_text(path, info.decoded) as handle:
        for _ in range(info.header_line):
            handle.readline()
        if csv.field_size_limit() < FIELD_LIMIT:  # the module's own setting, process-wide
            csv.field_size_limit(FIELD_LIMIT)
        reader = csv.reader(handle, delimiter=info.delimiter, strict=True)
        consumed = 0
        while True:
            start = info.header_line + consumed + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                text = str(exc)
                if "end of data" in text:
                    yield Problem(start, "unterminated quote: a quoted field never ends")
                elif "field larger" in text:
                    yield Problem(start, "unterminated quote: a quoted field runs on for more "
                                  f"than {FIELD_LIMIT // 2**20} MB")
                else:
                    yield Problem(start, f"the CSV is malformed ({text})")
                return
            consumed = reader.line_num
            if not cells or not any(c.strip() for c in cells):
                continue
            if len(cells) > width and not any(c.strip() for c in cells[width:]):
                cells = cells[:width]
            if len(cells) != width:
                if any("\n" in c or "\r" in c for c in cells):
                    yield Problem(start, "unterminated quote: a quoted field runs on over the "
                                  "following lines", _first_broken(cells))
                else:
                    yield Problem(start, f"the row has {len(cells)} fields but the header has "
                                  f"{width}", info.delimiter.join(cells)[:80])
                continue
            swallowed = _swallowed_row(cells, info.delimiter, width, info.specs)
            if swallowed is not None:
                yield Problem(start, "unterminated quote: a quoted field runs on over the "
                              "following lines", swallowed)
                continue
            yield row_to_record(start, cells, info.specs)


_MULTI_LINE = ("notes", "street")  # the columns whose values have lines of their own


def _swallowed_row(cells: list[str], delimiter: str, width: int,
                   specs: list[str | None]) -> str | None:
    """A line inside a field that looks like a whole row of its own: the sign of a quote
    left open whose damage happens to keep the field count (a multi-line address has a
    comma or two, not half a row's worth). Notes and streets are left out: their lines
    are the rep's sentences, commas and all, and in a file of three columns a sentence
    with two commas is "half a row"."""
    enough = max(2, (width - 1) // 2)
    for cell, spec in zip(cells, specs, strict=False):
        if "\n" not in cell and "\r" not in cell:
            continue
        if spec and _spec_parts(spec)[0] in _MULTI_LINE:
            continue
        for inner in cell.splitlines()[1:]:
            if inner.count(delimiter) >= enough:
                return cell.splitlines()[0]
    return None


def _first_broken(cells: list[str]) -> str:
    for cell in cells:
        if "\n" in cell or "\r" in cell:
            return cell.splitlines()[0]
    return ""
