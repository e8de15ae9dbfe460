"""Instructions executed from process start to the first frame, app and bare window.

A start's wall time moves with this machine's speed of the moment (the same bare window
took 167 ms in one run and 277 in another); the instructions a start executes do not:
two runs of the same code agree within about 0.2%. So this tells whether a change to
start-up saves anything, where 21 timed starts each way cannot tell 5 ms from noise.
It is not the target's figure (that is bench_window.py's, in wall time) and it leaves
out what the CPU does not count as instructions: waiting on the X server or the disk,
cache misses. Threads are counted apart: fontconfig's warm-up thread
(ui/qt_check.py) runs beside the main thread, so the main thread's count is the one
that holds the window up.

Needs valgrind (Debian package valgrind); each start runs ~50x slower under it, about
20 s. Run: `.venv/bin/python tests/bench/instructions.py` (it is not part of `make bench`).
"""

from __future__ import annotations

import glob
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench import bench_window  # noqa: E402 (the path above first)
from tests.bench.display import bench_display  # noqa: E402


def count(kind: str, env: dict) -> list[int]:
    """Instructions of each thread of one start of `kind` ("app" or "bare"), main first."""
    out = Path(tempfile.mkdtemp(prefix="bench-instructions-"))
    args = [sys.executable, str(ROOT / "tests/bench/bench_window.py"), "--child", kind]
    if kind != "bare":
        args.append(str(bench_window.DB_PATH))
    subprocess.run(["valgrind", "--tool=callgrind", "--separate-threads=yes",
                    f"--callgrind-out-file={out}/cg.out", *args],
                   env={**env, "BENCH_END_AT_FIRST_FRAME": "1"}, cwd=ROOT,
                   capture_output=True, text=True, timeout=600)
    totals = []
    for name in sorted(glob.glob(f"{out}/cg.out*")):
        text = Path(name).read_text(errors="replace")
        found = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
        if found:
            totals.append(int(found.group(1)))
    shutil.rmtree(out, ignore_errors=True)
    if not totals:
        raise SystemExit(f"callgrind wrote no counts for the {kind} window")
    return totals


def main() -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian package valgrind)", file=sys.stderr)
        return 1
    bench_window.ensure_database()
    with bench_display() as (display, where):
        env = bench_window._env(display)
        for kind in ("bare", "app"):  # bytecode compiled, as bench_window's warm-up does
            bench_window._start_once(kind, env)
        bare, app = count("bare", env), count("app", env)
    print(f"windows shown on: {where}")
    for name, threads in (("bare", bare), ("app", app)):
        rest = ", ".join(f"{n / 1e6:.1f} M" for n in threads[1:]) or "none"
        print(f"{name:5} main thread {threads[0] / 1e6:7.1f} M instructions "
              f"(other threads: {rest}; all {sum(threads) / 1e6:.1f} M)")
    print(f"app / bare, main thread: {app[0] / bare[0]:.3f}; all threads: "
          f"{sum(app) / sum(bare):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
