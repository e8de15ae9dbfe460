"""Phone numbers: stored as E.164 when they parse, matched by their digits, shown
formatted.

The formatted forms are worked out once, when a number is saved, and kept beside it
(phone.region/national/international): reading them back costs nothing, while the
phonenumbers library takes longer to import than `today` may take as a whole.
`display` uses the forms it was told about (`remember`) and falls back to the library.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_NOT_DIGITS = re.compile(r"\D+")


def digits_of(text: str) -> str:
    return _NOT_DIGITS.sub("", text or "")


def normalise(raw: str, region: str = "US") -> tuple[str, str]:
    """(stored number, search digits) for what the rep typed.

    Raises ValueError with a plain sentence when it cannot be a phone number.
    """
    import phonenumbers

    text = (raw or "").strip()
    if not digits_of(text):
        raise ValueError(f"'{raw}' is not a phone number (it has no digits)")
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and phonenumbers.is_possible_number(parsed):
        number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        _keep(number, _forms_of(phonenumbers, parsed))  # the writer asks for them next
        return number, str(parsed.national_number)
    if len(digits_of(text)) < 3:
        raise ValueError(f"'{raw}' is too short to be a phone number")
    # Extensions, short codes, foreign formats we cannot place: keep what was typed.
    return text, digits_of(text)


_FORMS: dict[str, tuple[str, str, str]] = {}
_FORMS_KEPT = 20_000  # a long day in the window views far fewer numbers


def _forms_of(phonenumbers, parsed) -> tuple[str, str, str]:
    return (phonenumbers.region_code_for_number(parsed) or "",
            phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL),
            phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def _keep(number: str, found: tuple[str, str, str]) -> None:
    if len(_FORMS) > _FORMS_KEPT:
        _FORMS.clear()
    _FORMS[number] = found


def forms(number: str) -> tuple[str, str, str]:
    """(region, national, international) of a stored number; empty for one kept as typed."""
    if not number.startswith("+"):
        return "", "", ""
    known = _FORMS.get(number)
    if known is not None:
        return known
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return "", "", ""
    found = _forms_of(phonenumbers, parsed)
    _keep(number, found)
    return found


def remember(rows: Iterable[tuple[str, str, str, str]]) -> None:
    """Stored (number, region, national, international) rows for `display` to use."""
    for number, region, national, international in rows:
        if national and international:
            _keep(number, (region, national, international))


def remember_stored(db, contact_ids: Iterable[int]) -> None:
    """Read the stored forms of these contacts' numbers (a page of contacts) in one
    query, through the phone table's contact index."""
    wanted = sorted(set(contact_ids))
    if wanted:
        marks = ",".join("?" * len(wanted))
        remember(db.execute_sql("SELECT number, region, national, international FROM phone "
                                f"WHERE contact_id IN ({marks})", wanted).fetchall())


def display(number: str, region: str = "US") -> str:
    """National format for numbers of the rep's country, international for the rest."""
    own_region, national, international = forms(number)
    if not national:
        return number
    return national if own_region == region else international


def tel_uri(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number)
