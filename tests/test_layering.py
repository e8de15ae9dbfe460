"""The architecture's two rules: organizer/ never loads Qt; ui/ never builds SQL."""

from __future__ import annotations

import ast
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def organizer_modules() -> list[str]:
    names = []
    for path in sorted((ROOT / "organizer").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def test_every_organizer_module_imports_without_pyside6():
    modules = organizer_modules()
    assert "organizer.models" in modules and len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"organizer/ loaded Qt or ui/: {result.stdout}"


PEEWEE_IMPORT = re.compile(r"^\s*(from|import)\s+(peewee|playhouse)\b", re.MULTILINE)
# Query-building calls; .update()/.delete() are left out: dicts, sets and QWidget have them.
QUERY_CALL = re.compile(r"\.(select|insert|insert_many|where|execute_sql|raw|atomic)\(")


def imported_tables(text: str) -> list[str]:
    from organizer.models import TABLES

    names = {table.__name__ for table in TABLES}
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and node.module == "organizer.models":
            found += [alias.name for alias in node.names if alias.name in names]
    return found


def test_ui_builds_no_queries():
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if PEEWEE_IMPORT.search(text):
            offenders.append(f"{path.relative_to(ROOT)} imports peewee")
        for table in imported_tables(text):
            offenders.append(f"{path.relative_to(ROOT)} imports the table {table}")
        for match in QUERY_CALL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            offenders.append(f"{path.relative_to(ROOT)}:{line} calls .{match.group(1)}(")
    assert offenders == []


def test_the_checks_catch_a_violation(tmp_path):
    # The pattern must be able to fail: it flags a peewee query written in a UI module.
    sample = "from peewee import fn\nfrom organizer.models import STAGES, Contact\nrows = Contact.select().where(x)\n"
    assert PEEWEE_IMPORT.search(sample)
    assert QUERY_CALL.search(sample)
    assert imported_tables(sample) == ["Contact"]
    assert not QUERY_CALL.search("self._rows.update(rows); self.update()")
