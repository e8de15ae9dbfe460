"""An import file recognised by its content (not its suffix): vCard or CSV."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from .csv_reader import CsvInfo, inspect_csv, read_csv
from .records import Problem, Record
from .textfile import Decoded, detect_encoding, open_text
from .vcard_reader import read_vcards


@dataclass
class ImportSource:
    path: Path
    kind: str  # "vCard" or "CSV"
    decoded: Decoded
    total_lines: int
    csv: CsvInfo | None = None

    @property
    def format_name(self) -> str:
        return self.csv.layout if self.csv else "vCard"

    def describe(self) -> str:
        """One line for the preview: what was recognised and how it was read."""
        text = f"{self.format_name}, {self.decoded.encoding}"
        if self.csv:
            text += f", {self.csv.delimiter_name}-separated, columns on line {self.csv.header_line}"
        return text

    def records(self) -> Iterator[Record | Problem]:
        if self.csv:
            return read_csv(self.path, self.csv)
        return read_vcards(self.path, self.decoded)


def _count_lines(path: Path) -> int:
    count = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
    return max(count, 1)


def open_source(path: str | Path, specs: list[str | None] | None = None) -> ImportSource:
    """Recognise `path`; `specs` overrides the column meanings of a CSV (the mapping step)."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path} does not exist or is not a file.")
    decoded = detect_encoding(path)
    with open_text(path, decoded) as handle:
        head = handle.read(4096).lstrip("\ufeff \t\r\n")
    if not head:
        raise UserError(f"{path.name} is empty: there is nothing to import.")
    lines = _count_lines(path)
    if head[:11].upper() == "BEGIN:VCARD":
        return ImportSource(path, "vCard", decoded, lines)
    info = inspect_csv(path, decoded)
    if specs is not None:
        if len(specs) != len(info.headers):
            raise UserError(f"{path.name}: the column choices do not match its "
                            f"{len(info.headers)} columns.")
        info.specs = list(specs)
    return ImportSource(path, "CSV", decoded, lines, info)
