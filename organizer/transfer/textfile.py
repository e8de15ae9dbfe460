"""Reading a file's text: encoding detection and byte offsets turned into line numbers."""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Decoded:
    encoding: str  # what the preview shows: "UTF-8", "UTF-8 with BOM", "UTF-16", "Windows-1252"
    codec: str  # what Python opens the file with


def _line_of(path: Path, offset: int) -> int:
    count = 1
    with open(path, "rb") as handle:
        remaining = offset
        while remaining > 0:
            chunk = handle.read(min(_CHUNK, remaining))
            if not chunk:
                break
            count += chunk.count(b"\n")
            remaining -= len(chunk)
    return count


def detect_encoding(path: Path) -> Decoded:
    """UTF-16 by its BOM, UTF-8 (with or without BOM) if every byte decodes, else cp1252.

    The whole file is checked in chunks, so memory stays flat on large files.
    """
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    with handle:
        head = handle.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return Decoded("UTF-16", "utf-16")
        bom = head.startswith(codecs.BOM_UTF8)
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = 0
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            first_bad = offset + exc.start
            return _cp1252(path, first_bad)
    return Decoded("UTF-8 with BOM", "utf-8-sig") if bom else Decoded("UTF-8", "utf-8-sig")


def _cp1252(path: Path, first_bad: int) -> Decoded:
    # cp1252 leaves five bytes undefined; a file with one of them is neither encoding.
    with open(path, "rb") as handle:
        offset = 0
        while chunk := handle.read(_CHUNK):
            try:
                chunk.decode("cp1252")
            except UnicodeDecodeError as exc:
                line = _line_of(path, offset + exc.start)
                raise UserError(f"{path.name}, line {line}: the text is neither UTF-8 nor "
                                f"Windows-1252 (byte 0x{chunk[exc.start]:02x}); save it as UTF-8 "
                                "and import again.") from exc
            offset += len(chunk)
    return Decoded("Windows-1252", "cp1252")


def open_text(path: Path, decoded: Decoded) -> io.TextIOWrapper:
    """The file as text; universal newlines are left to the csv module (newline='')."""
    return open(path, encoding=decoded.codec, newline="")
