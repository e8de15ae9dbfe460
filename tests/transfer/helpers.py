"""Small helpers shared by the transfer tests."""

from __future__ import annotations

from pathlib import Path

from organizer.contacts import ContactData, load_contact
from organizer.models import Contact

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]  # the repository, where main.py is
OWN_FIXTURES = HERE / "fixtures"
# The shared fixture set sits beside the repository: /work/shared/fixtures.
SHARED_FIXTURES = ROOT.parent / "shared" / "fixtures"


def write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def contact_named(db, name: str) -> ContactData:
    contact = Contact.get(Contact.name == name)
    return load_contact(db, contact.id)[1]


def contact_count() -> int:
    return Contact.select().count()


def all_data(db) -> list[ContactData]:
    return sorted((load_contact(db, c.id)[1] for c in Contact.select()),
                  key=lambda d: (d.display_name, d.company))
