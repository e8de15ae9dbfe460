"""`import FILE [--dry-run]` and `export FILE` through main.py: the error contract."""

from __future__ import annotations

import csv

from main import main
from organizer.database import open_database
from organizer.models import Contact

from .helpers import OWN_FIXTURES, write


def _count(path) -> int:
    db = open_database(path)
    try:
        return Contact.select().count()
    finally:
        db.close()


def test_import_dry_run_then_import_then_again(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    fixture = str(OWN_FIXTURES / "csv_google_outlookcsv_export.csv")
    assert main(["--db", db, "import", fixture, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Would import: 5 new, 0 updated, 0 duplicate, 0 skipped, 0 failed." in out
    assert _count(db) == 0
    assert main(["--db", db, "import", fixture]) == 0
    assert "5 new" in capsys.readouterr().out
    assert main(["--db", db, "import", fixture]) == 0
    assert "0 new, 0 updated, 5 duplicate" in capsys.readouterr().out
    assert _count(db) == 5
    assert list((tmp_path / "backups").glob("s-before-import-*.db"))


def test_a_bad_file_gives_one_line_and_leaves_the_database_untouched(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    path = write(tmp_path, "bad.csv", "First Name,Last Name,E-mail Address\nAnn,Lee,a@b.cd\n"
                 'Bo,"Kim,b@c.de\nCy,Ng,c@d.ef\n')
    for extra in ([], ["--dry-run"]):
        assert main(["--db", db, "import", str(path), *extra]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert err == ["sales-organizer: bad.csv, line 3: unterminated quote: a quoted field "
                       "never ends."]
    assert _count(db) == 0


def test_a_missing_file_is_one_plain_line(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "s.db"), "import", str(tmp_path / "nope.vcf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err and "Traceback" not in err


def test_export_by_suffix(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    assert main(["--db", db, "demo", "--contacts", "12"]) == 0
    for suffix in ("csv", "vcf", "ics", "json"):
        assert main(["--db", db, "export", str(tmp_path / f"all.{suffix}")]) == 0
    out = capsys.readouterr().out
    assert "Exported 12 contacts to" in out and "open follow-ups" in out
    rows = list(csv.reader((tmp_path / "all.csv").open(encoding="utf-8-sig", newline="")))
    assert len(rows) == 13
    assert main(["--db", db, "export", str(tmp_path / "all.txt")]) == 1
    assert "export needs a file ending in" in capsys.readouterr().err
