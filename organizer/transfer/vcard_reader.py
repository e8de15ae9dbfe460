"""vCard 2.1, 3.0 and 4.0 contacts, read by a small strict reader of content lines.

An import keeps N, FN, ORG, TITLE, EMAIL, TEL, ADR, NOTE, CATEGORIES, X-SALES-STAGE and
X-SALES-SOURCE; only those are decoded. Every other line is checked for the shape all
content lines have, `[group.]NAME[;param...]:value`, and otherwise passed over (vobject,
which read every card before, took 60% of an import's time building objects for them).

Physical lines: CR CR LF (iPhone), CR LF, LF and a lone CR each end one line. Logical
lines: a line starting with a space or tab continues the one before, less that first
character (RFC 6350 3.2, RFC 2425 5.8.1); a quoted-printable value ending in "=" goes on
with the next line as it stands (a vCard 2.1 soft line break). Photos, logos, sounds and
keys (and any other base64 property not kept) are dropped with their bodies, including a
2.1 base64 body ended by an empty line.

Values: quoted-printable and base64 are decoded in the CHARSET named (UTF-8 if none; a
broken byte becomes U+FFFD); in a file read as Windows-1252 a plain value marked
CHARSET=UTF-8 is re-read as UTF-8. Escapes \\n \\N \\, \\; \\: \\\\ are undone, any other
backslash stays. N and ADR split at ";" and their parts at "," (parts joined by a space);
ORG keeps its first ";" part, commas included; CATEGORIES split at ",".

Cards are split here, so each problem has a line: a card that is never closed its first
line, a malformed content line its own (where it starts).
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterator
from pathlib import Path

from .records import Problem, Record, build
from .textfile import Decoded, detect_encoding

_DROPPED = re.compile(r"^(?:[\w-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
# Any other base64 property (Outlook's X-MS-CARDPICTURE) is dropped like a photo.
_BINARY = re.compile(r"[^:]*;(?:ENCODING=)?(?:B|BASE64)[;:]", re.IGNORECASE)
_BASE64_BODY = re.compile(r"[A-Za-z0-9+/=]+")  # an unindented line of a 2.1 photo
_NAME = re.compile(r"(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)")
# [group.]NAME then parameters (a quoted value may hold ; and :) up to the value's colon.
_LINE = re.compile(r'(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)((?:;(?:[^";:]|"[^"]*")*)*):')
_PARAM = re.compile(r'(?:[^;"]|"[^"]*")+')
_ESCAPE = re.compile(r"\\([nN,;:\\])")
_KEPT = frozenset({"N", "FN", "ORG", "TITLE", "EMAIL", "TEL", "ADR", "NOTE", "CATEGORIES",
                   "X-SALES-STAGE", "X-SALES-SOURCE"})
_TEL_TYPES = ("cell", "mobile", "work", "home", "fax", "pager", "main", "iphone", "voice")
_NOT_TYPES = frozenset({"quoted-printable", "base64", "8bit", "7bit"})  # 2.1 bare encodings
_PLAIN = frozenset({"", "8BIT", "7BIT"})
_UTF8 = frozenset({"UTF-8", "UTF8"})

Card = tuple[int, list[list]]  # first line, [[line number, logical line], ...]


def _lines(path: Path, decoded: Decoded) -> Iterator[tuple[int, str]]:
    """(physical line number, text) with CR CR LF, CR LF and lone CR all ending a line once."""
    with open(path, encoding=decoded.codec, newline="") as handle:
        number = 0
        pending_cr = False
        for raw in handle:
            # newline="" splits on \r, \n and \r\n; an extra \r of "\r\r\n" comes alone.
            if pending_cr and raw == "\r\n":
                pending_cr = False
                continue
            number += 1
            if raw[-1:] == "\n":
                pending_cr = False
                yield number, raw[:-2] if raw[-2:-1] == "\r" else raw[:-1]
            elif raw[-1:] == "\r":
                pending_cr = True
                yield number, raw[:-1]
            else:
                pending_cr = False
                yield number, raw


def split_cards(path: Path, decoded: Decoded) -> Iterator[Card | Problem]:
    """Each card's logical lines (between BEGIN and END) with its first line number, or a
    Problem for a broken structure (after which nothing more is read)."""
    start = None
    body: list[list] = []
    dropping = qp_continues = False
    last = 0
    for number, text in _lines(path, decoded):
        last = number
        if start is None:
            stripped = text.strip()
            if stripped.upper() == "BEGIN:VCARD":
                start, body, dropping, qp_continues = number, [], False, False
            elif stripped:
                yield Problem(number, "text outside a vCard (expected BEGIN:VCARD)", text[:40])
                return
            continue
        if qp_continues:
            # A quoted-printable soft line break: the next line belongs to the value as is.
            body[-1][1] = body[-1][1][:-1] + text
            qp_continues = text[-1:] == "="
            continue
        first = text[:1]
        if first == " " or first == "\t":
            if dropping:
                continue
            if body:
                body[-1][1] += text[1:]
            else:  # folded onto BEGIN:VCARD: reported as a line without a field name
                body.append([number, text])
            continue
        if first in "BbEe":
            upper = text.rstrip().upper()
            if upper == "END:VCARD":
                yield start, body
                start = None
                continue
            if upper == "BEGIN:VCARD":
                yield Problem(start, "the card that begins here has no END:VCARD")
                return
        if not text or text.isspace():
            continue  # an empty line, such as the one ending a 2.1 base64 body
        if dropping and _BASE64_BODY.fullmatch(text):
            continue  # an unindented line of a 2.1 photo's base64 body
        dropping = bool(_DROPPED.match(text) or _BINARY.match(text) and _unkept(text))
        if dropping:
            continue
        body.append([number, text])
        if text[-1] == "=":
            colon = text.find(":")
            qp_continues = colon > 0 and "QUOTED-PRINTABLE" in text[:colon].upper()
    if start is not None:
        yield Problem(start, "the card that begins here has no END:VCARD")
    elif last == 0:
        yield Problem(1, "the file is empty")


def _unkept(text: str) -> bool:
    named = _NAME.match(text)
    return named is not None and named.group(1).upper() not in _KEPT


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _split(text: str, sep: str) -> list[str]:
    """`text` split at each `sep` not escaped by a backslash; escapes are kept."""
    if "\\" not in text:
        return text.split(sep)
    parts, begin, i, n = [], 0, 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == sep:
            parts.append(text[begin:i])
            begin = i + 1
        i += 1
    parts.append(text[begin:])
    return parts


def _structured(value: str) -> list[str]:
    """N and ADR: parts at ";", each part's own list (at ",") joined by a space."""
    if "\\" not in value and "," not in value:
        return value.split(";")
    return [" ".join(u for u in (_unescape(v) for v in _split(part, ",")) if u)
            for part in _split(value, ";")]


def _decode_qp(value: str, charset: str) -> str:
    """A quoted-printable value as text; a broken byte sequence becomes U+FFFD."""
    raw = quopri.decodestring(value.encode("latin-1", "replace"))
    try:
        text = raw.decode(charset, "replace")
    except LookupError:
        text = raw.decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _label(types: list[str]) -> str:
    for wanted in _TEL_TYPES:
        if wanted in types:
            return "mobile" if wanted in ("cell", "iphone") else wanted
    return types[0] if types and types[0] not in ("internet", "pref", "x400") else ""


class _Malformed(Exception):
    def __init__(self, line: int, message: str, value: str = "") -> None:
        super().__init__(message)
        self.problem = Problem(line, message, value)


def _property(number: int, text: str, codec: str) -> tuple[str, list[str], str] | None:
    """(NAME, types, value) of a kept property, None for any other well-formed line."""
    match = _LINE.match(text)
    if match is None:  # which of the three things a content line needs is missing
        named = _NAME.match(text)
        if named is None or text[named.end():named.end() + 1] not in ("", ";", ":"):
            raise _Malformed(number, "the line does not start with a field name", text[:40])
        name = named.group(1).upper()
        if text.count('"') % 2:
            raise _Malformed(number, f"the {name} field has a parameter with an unclosed quote",
                             text[:40])
        raise _Malformed(number, f"the {name} field has no ':' before its value", text[:40])
    name = match.group(1).upper()
    if name not in _KEPT:
        return None
    value = text[match.end():]
    types: list[str] = []
    params = match.group(2)
    if not params:
        return name, types, value
    params = params[1:]
    encoding = charset = ""
    for param in (_PARAM.findall(params) if '"' in params else params.split(";")):
        key, eq, val = param.partition("=")
        if not eq:
            bare = param.strip().upper()
            if bare in ("QUOTED-PRINTABLE", "BASE64"):
                encoding = bare
            elif bare and bare.lower() not in _NOT_TYPES:
                types.append(bare.lower())
            continue
        key = key.strip().upper()
        if key == "TYPE":
            types += [t.strip('" ').lower() for t in val.split(",")]
        elif key == "ENCODING":
            encoding = val.strip('" ').upper()
        elif key == "CHARSET":
            charset = val.strip('" ')
    if encoding in _PLAIN:
        if charset and codec == "cp1252" and charset.upper() in _UTF8 and not value.isascii():
            try:
                value = value.encode("cp1252").decode("utf-8")
            except UnicodeError:
                pass  # not UTF-8 after all: keep what Windows-1252 made of it
    elif encoding == "QUOTED-PRINTABLE":
        value = _decode_qp(value, charset or "utf-8")
    elif encoding in ("B", "BASE64"):
        try:
            raw = base64.b64decode("".join(value.split()), validate=True)
        except (binascii.Error, ValueError):
            raise _Malformed(number, f"the {name} field is not valid base64", value[:40]) from None
        try:
            value = raw.decode(charset or "utf-8", "replace")
        except LookupError:
            value = raw.decode("utf-8", "replace")
    else:
        raise _Malformed(number, f"the {name} field has an unknown encoding", encoding)
    return name, types, value


def parse_card(start: int, lines: list[list], codec: str = "utf-8") -> Record | Problem | None:
    """One card's logical lines as a Record (its line is `start`), or the first Problem."""
    props: dict[str, list[tuple[list[str], str]]] = {}
    try:
        for number, text in lines:
            found = _property(number, text, codec)
            if found is not None:
                name, types, value = found
                props.setdefault(name, []).append((types, value))
    except _Malformed as exc:
        return exc.problem

    def first(name: str) -> str:
        return _unescape(props[name][0][1]) if name in props else ""

    first_name = middle = last_name = ""
    if "N" in props:
        parts = _structured(props["N"][0][1]) + ["", "", ""]
        last_name, first_name, middle = parts[0], parts[1], parts[2]
    company = _unescape(_split(props["ORG"][0][1], ";")[0]) if "ORG" in props else ""
    emails = [(_label(types), _unescape(value)) for types, value in props.get("EMAIL", ())]
    phones = [(_label(types), _unescape(value).removeprefix("tel:"))
              for types, value in props.get("TEL", ())]
    address = None
    if "ADR" in props:
        parts = _structured(props["ADR"][0][1]) + [""] * 7
        address = {"street": parts[2].strip(", "), "city": parts[3], "region": parts[4],
                   "postal_code": parts[5], "country": parts[6]}
    notes = "\n".join(_unescape(value) for _types, value in props.get("NOTE", ()))
    tags = [t for _types, value in props.get("CATEGORIES", ())
            for t in (_unescape(v) for v in _split(value, ",")) if t]
    return build(start, first=first_name, middle=middle, last=last_name,
                 full="" if first_name or last_name else first("FN"), company=company,
                 job_title=first("TITLE"), emails=emails, phones=phones, address=address,
                 notes=notes, tags=tags, stage=first("X-SALES-STAGE"),
                 source=first("X-SALES-SOURCE"))


def read_vcards(path: Path, decoded: Decoded | None = None) -> Iterator[Record | Problem]:
    decoded = decoded or detect_encoding(path)
    for item in split_cards(path, decoded):
        if isinstance(item, Problem):
            yield item
            return
        yield parse_card(item[0], item[1], decoded.codec)
