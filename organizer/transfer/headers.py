"""Which column means what: Google (current and legacy), Outlook (desktop, Outlook.com,
German and French), LinkedIn Connections, and a guess for anything else.

A column's meaning is a short spec string: a field ("company"), a field with a fixed
label ("phone/mobile"), or a member of a numbered group ("email#2", "email_label#2").
"""

from __future__ import annotations

import re

FIELDS = ("first_name", "middle_name", "last_name", "full_name", "company", "job_title",
          "email", "phone", "street", "city", "region", "postal_code", "country", "notes",
          "tags", "stage", "source")

_FIXED = {
    # Outlook desktop and Outlook.com, and Google's "Outlook CSV" layout.
    "first name": "first_name", "middle name": "middle_name", "last name": "last_name",
    "company": "company", "job title": "job_title", "notes": "notes", "categories": "tags",
    "e-mail address": "email/", "e-mail 2 address": "email/", "e-mail 3 address": "email/",
    "mobile phone": "phone/mobile", "business phone": "phone/work", "business phone 2": "phone/work",
    "home phone": "phone/home", "home phone 2": "phone/home", "primary phone": "phone/",
    "company main phone": "phone/work", "other phone": "phone/other", "car phone": "phone/car",
    "business street": "street/1business", "business city": "city/1business",
    "business state": "region/1business", "business postal code": "postal_code/1business",
    "business country/region": "country/1business", "business country": "country/1business",
    "home street": "street/2home", "home city": "city/2home", "home state": "region/2home",
    "home postal code": "postal_code/2home", "home country/region": "country/2home",
    "home country": "country/2home",
    "other street": "street/3other", "other city": "city/3other", "other state": "region/3other",
    "other postal code": "postal_code/3other", "other country/region": "country/3other",
    # Google current.
    "organization name": "company", "organization title": "job_title", "labels": "tags",
    # Google legacy.
    "name": "full_name", "given name": "first_name", "additional name": "middle_name",
    "family name": "last_name", "group membership": "tags",
    # LinkedIn Connections.
    "email address": "email/", "position": "job_title",
    # Outlook, German.
    "vorname": "first_name", "weitere vornamen": "middle_name", "nachname": "last_name",
    "firma": "company", "notizen": "notes", "kategorien": "tags",
    "e-mail-adresse": "email/", "e-mail 2: adresse": "email/", "e-mail 3: adresse": "email/",
    "mobiltelefon": "phone/mobile", "telefon geschäftlich": "phone/work",
    "telefon geschäftlich 2": "phone/work", "telefon privat": "phone/home",
    "straße geschäftlich": "street/1business", "ort geschäftlich": "city/1business",
    "region geschäftlich": "region/1business", "postleitzahl geschäftlich": "postal_code/1business",
    "land/region geschäftlich": "country/1business", "straße privat": "street/2home",
    "ort privat": "city/2home", "postleitzahl privat": "postal_code/2home",
    "land/region privat": "country/2home",
    # Outlook, French.
    "prénom": "first_name", "deuxième prénom": "middle_name", "nom": "last_name",
    "société": "company", "fonction": "job_title", "catégories": "tags",
    "adresse de messagerie": "email/", "adresse de messagerie 2": "email/",
    "adresse de messagerie 3": "email/", "téléphone mobile": "phone/mobile",
    "tél. mobile": "phone/mobile", "téléphone (bureau)": "phone/work",
    "téléphone bureau": "phone/work", "téléphone (domicile)": "phone/home",
    "téléphone domicile": "phone/home", "rue (bureau)": "street/1business",
    "ville (bureau)": "city/1business", "dép/région (bureau)": "region/1business",
    "code postal (bureau)": "postal_code/1business", "pays/région (bureau)": "country/1business",
    # Our own export's extras.
    "stage": "stage", "source": "source",
}

# Numbered groups: "E-mail 1 - Value", "Phone 2 - Type", "Address 1 - City", ...
_GROUP = re.compile(r"^(e-mail|phone|address|organization|custom field) (\d+) - (.+)$")
_GROUP_PARTS = {
    ("e-mail", "value"): "email", ("e-mail", "label"): "email_label", ("e-mail", "type"): "email_label",
    ("phone", "value"): "phone", ("phone", "label"): "phone_label", ("phone", "type"): "phone_label",
    ("address", "street"): "street", ("address", "city"): "city", ("address", "region"): "region",
    ("address", "postal code"): "postal_code", ("address", "country"): "country",
    ("organization", "name"): "company", ("organization", "title"): "job_title",
    ("custom field", "label"): "custom_label", ("custom field", "value"): "custom",
}

# Words that let the generic step guess a column of an unknown layout.
_GUESSES = (
    ("email", ("e-mail", "email", "mail")), ("phone", ("phone", "mobile", "tel", "cell")),
    ("company", ("company", "organi", "firm", "employer", "account")),
    ("first_name", ("first", "given", "forename")), ("last_name", ("last", "surname", "family")),
    ("full_name", ("name", "contact")), ("job_title", ("title", "position", "role")),
    ("notes", ("note", "comment")), ("city", ("city", "town")),
)


def normalise_header(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").strip().lower().split())


def spec_for(header: str) -> str | None:
    key = normalise_header(header)
    if key in _FIXED:
        return _FIXED[key]
    match = _GROUP.match(key)
    if match:
        kind, number, part = match.groups()
        field = _GROUP_PARTS.get((kind, part))
        if field:
            return f"{field}#{number}"
    return None


def guess_spec(header: str) -> str | None:
    """A generic guess for a column of an unknown layout (the rep confirms it)."""
    key = normalise_header(header)
    for field, words in _GUESSES:
        if any(word in key for word in words):
            return field
    return None


def detect_layout(headers: list[str]) -> str:
    keys = {normalise_header(h) for h in headers}
    if "organization name" in keys or "labels" in keys:
        return "Google Contacts"
    if "group membership" in keys or "given name" in keys:
        return "Google Contacts (legacy)"
    if "connected on" in keys:
        return "LinkedIn Connections"
    if "given yomi" in keys:
        return "Outlook.com"
    if "vorname" in keys or "nachname" in keys:
        return "Outlook (German)"
    if "prénom" in keys:
        return "Outlook (French)"
    if "first name" in keys and ("e-mail address" in keys or "business phone" in keys
                                 or "mobile phone" in keys):
        return "Outlook"
    return "Other CSV"


def map_headers(headers: list[str]) -> tuple[str, list[str | None]]:
    """(layout name, one spec or None per column); unknown layouts get guesses."""
    layout = detect_layout(headers)
    specs = [spec_for(h) for h in headers]
    if layout == "Other CSV":
        specs = [spec or guess_spec(h) for spec, h in zip(specs, headers, strict=True)]
    return layout, specs


def looks_like_header(cells: list[str]) -> bool:
    """A row of column names we recognise (LinkedIn puts a notes block above its header)."""
    known = sum(1 for c in cells if spec_for(c))
    return known >= 2
