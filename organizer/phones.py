"""Phone numbers: stored as E.164 when they parse, matched by their digits."""

from __future__ import annotations

import re

import phonenumbers

_NOT_DIGITS = re.compile(r"\D+")


def digits_of(text: str) -> str:
    return _NOT_DIGITS.sub("", text or "")


def normalise(raw: str, region: str = "US") -> tuple[str, str]:
    """(stored number, search digits) for what the rep typed.

    Raises ValueError with a plain sentence when it cannot be a phone number.
    """
    text = (raw or "").strip()
    if not digits_of(text):
        raise ValueError(f"'{raw}' is not a phone number (it has no digits)")
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and phonenumbers.is_possible_number(parsed):
        number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        return number, str(parsed.national_number)
    if len(digits_of(text)) < 3:
        raise ValueError(f"'{raw}' is too short to be a phone number")
    # Extensions, short codes, foreign formats we cannot place: keep what was typed.
    return text, digits_of(text)


def display(number: str, region: str = "US") -> str:
    """National format for numbers of the rep's country, international for the rest."""
    if not number.startswith("+"):
        return number
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return number
    if phonenumbers.region_code_for_number(parsed) == region:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def tel_uri(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number)
