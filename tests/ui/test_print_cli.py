"""`python main.py --db F call-sheet --date D --out FILE.pdf`: headless, one-line errors."""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from ..test_callsheet_support import contact, follow_up

ROOT = pathlib.Path(__file__).resolve().parents[2]
DAY = dt.date(2030, 1, 7)  # a Monday safely after the real clock's today


def run(db_path, *args):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "main.py", "--db", str(db_path), "call-sheet", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def filled(db, db_path, clock):
    cid = contact(db, clock, "Cli", "Customer", "Terminal Co")
    follow_up(db, clock, cid, DAY, dt.time(9, 30), "promised", "Printed from a terminal")
    db.close()
    return db_path


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_writes_the_sheet_without_a_display(filled, tmp_path):
    out = tmp_path / "sheet.pdf"
    result = run(filled, "--date", DAY.isoformat(), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Wrote the call sheet for 2030-01-07 (1 entry, 1 page)" in result.stdout
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Cli Customer" in text and "Printed from a terminal" in text and "09:30" in text


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "23.11.2026", "2026-11-31"])
def test_a_bad_date_is_one_line_and_a_non_zero_exit(filled, tmp_path, bad):
    out = tmp_path / "sheet.pdf"
    result = run(filled, "--date", bad, "--out", str(out))
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert f"--date '{bad}' is not a day; use YYYY-MM-DD" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("where", ["no/such/folder/sheet.pdf", "."])
def test_an_unwritable_path_is_one_line_and_a_non_zero_exit(filled, tmp_path, where):
    target = tmp_path / where
    result = run(filled, "--date", DAY.isoformat(), "--out", str(target))
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stderr.startswith("sales-organizer: Cannot write ")
    assert "Traceback" not in result.stderr
