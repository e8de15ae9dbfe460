"""`today` on a 100,000-contact database, timed as a whole command (process start to
exit), beside `python -c` running one SQLite query on the same file.

Target (issue 2): under 0.15 s. Prints a table and writes bench-results/bench_today.json.
"""

from __future__ import annotations

import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONTACTS = int(os.environ.get("BENCH_CONTACTS", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))


# An installed app runs from bytecode (pip compiles it at install); a development shell
# with PYTHONDONTWRITEBYTECODE would compile every module on every run instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    return time.perf_counter() - started


def series(argv: list[str]) -> dict[str, float]:
    timed(argv)  # warm the page cache and write the bytecode
    samples = sorted(timed(argv) for _ in range(RUNS))
    return {"median_s": round(statistics.median(samples), 4),
            "p95_s": round(samples[max(0, int(len(samples) * 0.95) - 1)], 4),
            "min_s": round(samples[0], 4)}


def main() -> int:
    folder = pathlib.Path(tempfile.gettempdir()) / "sales-organizer-bench"
    folder.mkdir(exist_ok=True)
    db = folder / f"today-{CONTACTS}.db"
    build_s = None
    if not db.exists():
        started = time.perf_counter()
        subprocess.run([sys.executable, "main.py", "--db", str(db), "demo", "--contacts",
                        str(CONTACTS)], check=True, cwd=ROOT)
        build_s = round(time.perf_counter() - started, 2)
    today = series([sys.executable, "main.py", "--db", str(db), "today"])
    bare = series([sys.executable, "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
                   " print(c.execute('select count(*) from follow_up where status=\"open\"')"
                   ".fetchone())", str(db)])
    result = {"contacts": CONTACTS, "runs": RUNS, "demo_build_s": build_s,
              "today": today, "python_one_query": bare, "target_s": 0.15,
              "meets_target": today["median_s"] < 0.15}
    print(f"{'command':<28}{'median':>10}{'p95':>10}{'min':>10}")
    for name, figures in (("sales-organizer today", today), ("python -c one query", bare)):
        print(f"{name:<28}{figures['median_s']:>10.3f}{figures['p95_s']:>10.3f}{figures['min_s']:>10.3f}")
    if build_s is not None:
        print(f"demo --contacts {CONTACTS}: {build_s} s")
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "bench_today.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
