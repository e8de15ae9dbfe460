"""`import FILE [--dry-run]` and `export FILE` through main.py: the error contract, and an
import killed midway (RELIABILITY DB-3)."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from main import main
from organizer.database import open_database
from organizer.models import Contact

from .helpers import OWN_FIXTURES, ROOT, write


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



def _import_process(db: Path, source: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db), "import",
                             str(source)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def test_db3_an_import_killed_midway_leaves_all_or_nothing(tmp_path):
    # RELIABILITY DB-3, scaled down: kill -9 at points late in a 1,000-row import (the
    # rows are most of its time), then look at the file as the next start would.
    source = tmp_path / "big.csv"
    with source.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["First Name", "Last Name", "Company", "E-mail Address", "Mobile Phone"])
        for n in range(1000):
            out.writerow([f"Ann{n}", f"Lee{n}", f"Acme {n % 97}", f"ann{n}@example.com",
                          f"+1 415 555 {n:04d}"])
    started = time.monotonic()
    assert _import_process(tmp_path / "whole.db", source).wait(60) == 0
    whole = time.monotonic() - started
    assert _count(str(tmp_path / "whole.db")) == 1000
    for number, fraction in enumerate((0.6, 0.8, 0.95)):
        db = tmp_path / f"killed{number}.db"
        process = _import_process(db, source)
        time.sleep(whole * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        if not db.exists():
            continue  # killed before the file was made: nothing to look at
        conn = sqlite3.connect(db)  # what is on disk, the WAL replayed as at a restart
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
            count = conn.execute("SELECT count(*) FROM contact").fetchone()[0] \
                if "contact" in tables else 0
        finally:
            conn.close()
        assert count in (0, 1000), (fraction, count)
