"""vCard 2.1, 3.0 and 4.0 contacts, one card at a time through vobject.

Before vobject sees a card its line ends are normalised (an iPhone export with CR CR LF
breaks unfolding), tab folding becomes space folding, and photos are dropped (a 2.1
base64 photo ended by an empty line breaks vobject's decoder). Quoted-printable soft
line breaks are vobject's job with allowQP=True. Cards are split here, so each
problem carries the line its card starts on and a card without END:VCARD is refused.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from pathlib import Path

import vobject

from .records import Problem, Record, build
from .textfile import Decoded, detect_encoding

_DROPPED = re.compile(r"^(?:[\w-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_TEL_TYPES = ("cell", "mobile", "work", "home", "fax", "pager", "main", "iphone", "voice")


def _lines(path: Path, decoded: Decoded) -> Iterator[tuple[int, str]]:
    """(physical line number, text) with CR CR LF, CR LF and lone CR all ending a line once."""
    with open(path, encoding=decoded.codec, newline="") as handle:
        number = 0
        pending_cr = False
        for raw in handle:
            # newline="" splits on \r, \n and \r\n; an extra \r of "\r\r\n" comes alone.
            text = raw.rstrip("\r\n")
            if raw == "\r\n" and pending_cr:
                pending_cr = False
                continue
            number += 1
            pending_cr = raw.endswith("\r") and not raw.endswith("\r\n")
            yield number, text


def _decode_qp(line: str) -> str:
    """A whole quoted-printable property as plain vCard text.

    Decoded here rather than by vobject so that a card with a broken byte sequence
    still imports (with a replacement character) instead of failing.
    """
    head, _, value = line.partition(":")
    params = head.split(";")
    charset = "utf-8"
    kept = []
    for param in params:
        key, _, val = param.partition("=")
        if key.upper() == "CHARSET":
            charset = val or charset
        elif param.upper() not in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE"):
            kept.append(param)
    try:
        text = quopri.decodestring(value.encode("latin-1", "replace")).decode(charset, "replace")
    except LookupError:
        text = quopri.decodestring(value.encode("latin-1", "replace")).decode("utf-8", "replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return ";".join(kept) + ":" + text


def split_cards(path: Path, decoded: Decoded) -> Iterator[tuple[int, str] | Problem]:
    """Each card's text with its first line number, or a Problem for a broken structure."""
    start = None
    body: list[str] = []
    dropping = qp_continues = False
    last = 0
    for number, text in _lines(path, decoded):
        last = number
        upper = text.strip().upper()
        if start is None:
            if upper == "BEGIN:VCARD":
                start, body, dropping = number, [text.strip()], False
            elif upper:
                yield Problem(number, "text outside a vCard (expected BEGIN:VCARD)", text[:40])
                return
            continue
        if upper == "BEGIN:VCARD":
            yield Problem(start, "the card that begins here has no END:VCARD")
            return
        if qp_continues:
            # A quoted-printable soft line break: the next line belongs to the value as is.
            body[-1] = body[-1][:-1] + text
            qp_continues = text.endswith("=")
            if not qp_continues:
                body[-1] = _decode_qp(body[-1])
            continue
        if text[:1] in (" ", "\t"):
            if not dropping:
                body.append(" " + text[1:])
            continue
        if dropping and not text.strip():
            continue  # the empty line that ends a 2.1 base64 body
        dropping = bool(_DROPPED.match(text))
        if dropping or not text.strip():
            continue
        body.append(text)
        if "QUOTED-PRINTABLE" in upper.split(":", 1)[0]:
            qp_continues = text.endswith("=")
            if not qp_continues:
                body[-1] = _decode_qp(text)
        if upper == "END:VCARD":
            yield start, "\r\n".join(body) + "\r\n"
            start = None
    if start is not None:
        yield Problem(start, "the card that begins here has no END:VCARD")
    elif last == 0:
        yield Problem(1, "the file is empty")


def _values(card, name: str) -> list:
    return card.contents.get(name, [])


def _label(prop) -> str:
    types = [t.lower() for v in prop.params.get("TYPE", []) for t in v.split(",")]
    # vCard 2.1 writes bare types ("TEL;CELL;PREF"), which vobject keeps as singletons.
    types += [t.lower() for t in getattr(prop, "singletonparams", [])]
    for wanted in _TEL_TYPES:
        if wanted in types:
            return "mobile" if wanted in ("cell", "iphone") else wanted
    return types[0] if types and types[0] not in ("internet", "pref", "x400") else ""


def _text(value) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value if v)
    return str(value or "")


def card_to_record(line: int, card) -> Record | Problem | None:
    first = last = middle = full = ""
    names = _values(card, "n")
    if names:
        n = names[0].value
        first, middle, last = _text(n.given), _text(n.additional), _text(n.family)
    if _values(card, "fn"):
        full = _text(card.fn.value)
    company = job_title = ""
    orgs = _values(card, "org")
    if orgs:
        value = orgs[0].value
        company = value[0] if isinstance(value, list) and value else _text(value)
    if _values(card, "title"):
        job_title = _text(card.title.value)
    emails = [(_label(p), _text(p.value)) for p in _values(card, "email")]
    phones = [(_label(p), _text(p.value).removeprefix("tel:")) for p in _values(card, "tel")]
    address = None
    for adr in _values(card, "adr"):
        value = adr.value
        if not hasattr(value, "street"):
            continue
        address = {"street": _text(value.street).strip(", "), "city": _text(value.city),
                   "region": _text(value.region), "postal_code": _text(value.code),
                   "country": _text(value.country)}
        break
    notes = "\n".join(_text(p.value) for p in _values(card, "note"))
    tags: list[str] = []
    for prop in _values(card, "categories"):
        tags += [t for t in (prop.value if isinstance(prop.value, list) else [prop.value]) if t]
    stage = source = ""
    if _values(card, "x-sales-stage"):
        stage = _text(card.contents["x-sales-stage"][0].value)
    if _values(card, "x-sales-source"):
        source = _text(card.contents["x-sales-source"][0].value)
    return build(line, first=first, middle=middle, last=last, full=full if not (first or last)
                 else "", company=company, job_title=job_title, emails=emails, phones=phones,
                 address=address, notes=notes, tags=tags, stage=stage, source=source)


def read_vcards(path: Path, decoded: Decoded | None = None) -> Iterator[Record | Problem]:
    decoded = decoded or detect_encoding(path)
    for item in split_cards(path, decoded):
        if isinstance(item, Problem):
            yield item
            return
        line, text = item
        try:
            card = vobject.readOne(text, allowQP=True)
            yield card_to_record(line, card)
        except Exception as exc:  # vobject raises many kinds; each means "this card is broken"
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            yield Problem(line, f"the card cannot be read ({message})")
