"""`make bench`: run every tests/bench/bench_*.py and collect their JSON figures.

Each bench script prints a readable table and writes bench-results/<name>.json.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def main() -> int:
    failed = 0
    only = sys.argv[1:]
    for script in sorted(HERE.glob("bench_*.py")):
        if only and script.stem not in only:
            continue
        print(f"== {script.stem}", flush=True)
        failed |= subprocess.call([sys.executable, str(script)], cwd=HERE.parent.parent) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
