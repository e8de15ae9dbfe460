"""The command line as a rep uses it: real processes, real files, plain errors."""

from __future__ import annotations

import datetime as dt
import pathlib
import re
import sqlite3
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def run(*args, db=None):
    argv = [sys.executable, str(ROOT / "main.py")]
    if db is not None:
        argv += ["--db", str(db)]
    return subprocess.run(argv + list(args), capture_output=True, text=True, cwd=ROOT, timeout=120)


def dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    result = run("demo", "--contacts", "150", db=path)
    assert result.returncode == 0, result.stderr
    assert re.match(r"Added 150 contacts, \d+ interactions and \d+ follow-ups", result.stdout)
    return path


def test_today_prints_a_readable_agenda_missed_promises_first(demo_db):
    result = run("today", db=demo_db)
    assert result.returncode == 0, result.stderr
    heads = [line.split(" (")[0] for line in result.stdout.splitlines() if re.match(r"^[A-Z ]+ \(\d+\)", line)]
    assert heads == ["MISSED PROMISES", "OVERDUE", "DUE TODAY", "NEW LEADS WAITING", "WAITING ON THEM"]
    assert result.stderr == ""


def unique_name_from_today(db) -> str:
    names = re.findall(r"^  [!-] .*?\d\d  (.+?), ", run("today", db=db).stdout, re.MULTILINE)
    for name in names:
        if run("log", name, "--channel", "email", "--outcome", "sent", db=db).returncode == 0:
            return name
    raise AssertionError("no unambiguous name in the agenda")


def test_log_moves_the_contact_to_tuesday(demo_db):
    name = unique_name_from_today(demo_db)
    result = run("log", name, "--note", "asked for a quote", "--next", "next tue 3pm",
                 "--kind", "promised", db=demo_db)
    assert result.returncode == 0, result.stderr
    assert f"with {name}." in result.stdout and "Next (promised): Tue" in result.stdout
    conn = sqlite3.connect(demo_db)
    due_date, due_time, kind, reason = conn.execute(
        "SELECT f.due_date, f.due_time, f.kind, f.reason FROM follow_up f JOIN contact c"
        " ON c.id = f.contact_id WHERE c.name = ? AND f.status = 'open'"
        " ORDER BY f.created_at DESC, f.id DESC LIMIT 1", (name,)).fetchone()
    conn.close()
    assert dt.date.fromisoformat(due_date).weekday() == 1  # Tuesday
    assert (due_time, kind, reason) == ("15:00:00", "promised", "asked for a quote")


@pytest.mark.parametrize("args, message", [
    (["log", "Nobody Atall"], "No contact matches 'Nobody Atall'."),
    (["log", "a"], "matches"),
    (["log", "Nobody", "--next", "whenever it suits"], "is not a date I can read"),
    (["backup", "{db}/copy.db"], "Cannot write the backup"),  # a file as folder
    (["demo", "--contacts", "0"], "--contacts must be at least 1."),
])
def test_bad_input_is_one_plain_line_and_leaves_the_database_alone(demo_db, args, message):
    before = dump(demo_db)
    result = run(*[a.format(db=demo_db) for a in args], db=demo_db)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("sales-organizer: ")
    assert dump(demo_db) == before


def test_ambiguous_contact_lists_candidates(tmp_path):
    db = tmp_path / "two.db"
    run("demo", "--contacts", "5", db=db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE contact SET name = 'Sam Lee' WHERE id IN (1, 2)")
    conn.commit()
    conn.close()
    result = run("log", "Sam Lee", db=db)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "sales-organizer: 'Sam Lee' matches 2 contacts; say which one."
    assert len(lines) == 3 and all(line.startswith("  Sam Lee") for line in lines[1:])


def test_not_a_database_file_is_refused_and_kept(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("name,phone\nAnn,555\n")
    result = run("today", db=path)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"sales-organizer: {path} is not a database (file is not a "
                                      "database); it was left as it is.")
    assert path.read_text() == "name,phone\nAnn,555\n"


def test_unwritable_database_location(tmp_path):
    result = run("today", db=tmp_path / "missing" / "x.db")
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_text_verbs_do_not_load_qt(demo_db):
    code = ("import sys; sys.argv=['x']; from main import main; "
            f"main(['--db', {str(demo_db)!r}, 'today']); "
            "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NO-QT', "
            "'phonenumbers' in sys.modules, 'peewee' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    # Stored phone forms spare `today` the phonenumbers import (about 25 ms) and the
    # read-only path the peewee import (about 40 ms).
    assert result.stdout.strip().endswith("NO-QT False False"), result.stdout + result.stderr


def test_backup_verb_writes_a_verified_copy(demo_db, tmp_path):
    result = run("backup", str(tmp_path / "copy.db"), db=demo_db)
    assert result.returncode == 0, result.stderr
    assert "Backed up 150 contacts" in result.stdout
    conn = sqlite3.connect(tmp_path / "copy.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_db6_damaged_database_is_one_sentence_and_left_alone(tmp_path):
    from tests.damage import damage_pages

    path = tmp_path / "sales.db"
    assert run("demo", "--contacts", "40", db=path).returncode == 0
    damage_pages(path)
    before = path.read_bytes()
    for verb in (["today"], ["log", "Ann", "--note", "x"], ["backup", str(tmp_path / "b.db")]):
        result = run(*verb, db=path)
        assert result.returncode == 1, verb
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "damaged" in result.stderr and "malformed" in result.stderr, result.stderr
    assert path.read_bytes() == before
    others = [p.name for p in tmp_path.iterdir() if p.name not in ("sales.db", "sales.db-wal", "sales.db-shm")]
    assert others == []  # no backup, no .partial left behind


def test_opening_the_window_skips_building_every_verb():
    from organizer.cli import window_args

    assert vars(window_args(["--db", "x.db", "--hidden"])) == {"db": "x.db", "hidden": True,
                                                               "verb": None}
    assert vars(window_args([])) == {"db": None, "hidden": False, "verb": None}
    assert vars(window_args(["--hidden", "--db=a b.db"])) == {"db": "a b.db", "hidden": True,
                                                              "verb": None}
    for argv in (["today"], ["--db", "x.db", "today"], ["--help"], ["--db"], ["--bogus"],
                 ["--db", "--hidden"], ["--hid"], ["--", "today"]):
        assert window_args(argv) is None, argv  # the full parser decides
    from organizer.cli import build_parser

    for argv in (["--db", "x.db", "--hidden"], [], ["--hidden", "--db=a b.db"], ["--db="],
                 ["--db", "a", "--db", "b"]):  # read as the full parser reads them
        full = build_parser().parse_args(argv)
        assert vars(window_args(argv)) == {"db": full.db, "hidden": full.hidden, "verb": None}
