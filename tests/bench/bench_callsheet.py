"""The call sheet for a 200-entry day: building the content, painting the PDF, and the
whole `call-sheet` command from process start to exit.

Target (issue 6): under 2 s for the command. Prints a table and writes
bench-results/bench_callsheet.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ENTRIES = int(os.environ.get("BENCH_ENTRIES", "200"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
DAY = dt.date(2030, 1, 7)  # after the real clock's today, so every call is "that day"
TARGET_S = 2.0


def build(path: pathlib.Path) -> None:
    from organizer.clock import FixedClock
    from organizer.database import open_database
    from tests.test_callsheet_support import big_day, logged

    db = open_database(path)
    clock = FixedClock(dt.datetime(2026, 11, 23, 10, 0), "Europe/Berlin")
    big_day(db, clock, ENTRIES, DAY)
    with db.atomic():
        for cid in range(1, ENTRIES + 1):
            for days in (30, 12, 3):
                logged(db, clock, cid, days, f"Talked about the order, round {days}.")
    db.close()


def stats(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {"median_s": round(statistics.median(samples), 4), "max_s": round(samples[-1], 4),
            "min_s": round(samples[0], 4)}


def in_process(path: pathlib.Path) -> tuple[dict, dict, int, int]:
    from organizer.callsheet import build_call_sheet
    from organizer.clock import Clock
    from organizer.database import open_database
    from organizer.preferences import load_preferences
    from ui.printing.export import call_sheet_pdf_bytes
    from ui.printing.pdf import ensure_gui_app

    ensure_gui_app()
    db = open_database(path)
    prefs = load_preferences(db)
    clock = Clock("Europe/Berlin")
    content, paint = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        sheet = build_call_sheet(db, clock, prefs, DAY)
        content.append(time.perf_counter() - started)
        started = time.perf_counter()
        data, pages = call_sheet_pdf_bytes(sheet, "a4")
        paint.append(time.perf_counter() - started)
    return stats(content), stats(paint), sheet.entry_count, pages


def command(path: pathlib.Path, out: pathlib.Path) -> dict:
    argv = [sys.executable, "main.py", "--db", str(path), "call-sheet", "--date", DAY.isoformat(),
            "--out", str(out)]
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(argv, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - started)
    return stats(samples)


def main() -> int:
    folder = pathlib.Path(tempfile.mkdtemp(prefix="bench-callsheet-"))
    path = folder / "sheet.db"
    started = time.perf_counter()
    build(path)
    build_s = round(time.perf_counter() - started, 2)
    content, paint, entries, pages = in_process(path)
    whole = command(path, folder / "sheet.pdf")
    size = (folder / "sheet.pdf").stat().st_size
    result = {"entries": entries, "pages": pages, "runs": RUNS, "pdf_bytes": size,
              "build_db_s": build_s, "content": content, "paint_pdf": paint, "command": whole,
              "target_s": TARGET_S, "meets_target": whole["median_s"] < TARGET_S}
    print(f"call sheet: {entries} entries, {pages} pages, {size // 1024} KiB PDF")
    print(f"{'step':<34}{'median':>10}{'max':>10}{'min':>10}")
    for name, figures in (("build the sheet (queries)", content), ("paint the PDF", paint),
                          ("call-sheet command, end to end", whole)):
        print(f"{name:<34}{figures['median_s']:>10.3f}{figures['max_s']:>10.3f}{figures['min_s']:>10.3f}")
    print(f"target < {TARGET_S} s: {'met' if result['meets_target'] else 'MISSED'}")
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "bench_callsheet.json").write_text(json.dumps(result, indent=2))
    return 0 if entries == ENTRIES else 1


if __name__ == "__main__":
    sys.exit(main())
