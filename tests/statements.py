"""The SQL a piece of code runs, and SQLite's plan for each: for tests that check a
query walks an index instead of sorting or scanning."""

from __future__ import annotations


def statements(db, run) -> list[str]:
    """The SELECTs `run` makes on `db` (a peewee database), with their values in."""
    seen: list[str] = []
    db.connection().set_trace_callback(seen.append)
    try:
        run()
    finally:
        db.connection().set_trace_callback(None)
    return [sql for sql in seen if sql.lstrip().upper().startswith("SELECT")]


def plan(db, sql: str) -> str:
    """SQLite's plan for `sql` (values in), as one line."""
    return " ".join(row[3] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}"))


def plans(db, run) -> list[str]:
    """The plan of each statement `run` makes."""
    return [plan(db, sql) for sql in statements(db, run)]
