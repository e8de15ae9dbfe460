"""Import benchmark: 10,000 vCards (target under 5 s) and a 100,000-row CSV with
bounded memory. Each phase runs in its own process so its peak RSS is its own.

    .venv/bin/python tests/bench/bench_import.py

Writes bench-results/bench_import.json.
"""

from __future__ import annotations

import json
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
VCARDS, CSV_ROWS = 10_000, 100_000
VCARD_TARGET_S = 5.0


def make_vcards(path: pathlib.Path, n: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for i in range(n):
            handle.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"N:Müller{i};Anna;;;\r\nFN:Anna Müller{i}\r\nORG:Firma {i % 500}\r\n"
                f"TITLE:Buyer\r\nEMAIL;TYPE=WORK:anna{i}@example.com\r\n"
                f"TEL;TYPE=CELL:+49 170 {1000000 + i}\r\n"
                f"ADR;TYPE=WORK:;;Hauptstraße {i};Berlin;;10115;Germany\r\n"
                f"NOTE:Met at fair {i}\\, wants a quote\r\nEND:VCARD\r\n")


def make_csv(path: pathlib.Path, n: int) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write("First Name,Last Name,Company,Job Title,E-mail Address,Mobile Phone,"
                     "Business City,Notes\r\n")
        for i in range(n):
            handle.write(f"Ann{i},Lee,Acme {i % 1000},Buyer,ann{i}@example.com,"
                         f"+49 30 {10000000 + i},Springfield,\"note {i}, hello\"\r\n")


def phase(kind: str) -> dict:
    """Generate, preview and import one file in a fresh database; report time and RSS."""
    sys.path.insert(0, str(ROOT))
    from organizer.clock import Clock
    from organizer.database import open_database
    from organizer.transfer.importer import import_file, preview_import

    folder = pathlib.Path(tempfile.mkdtemp(prefix="bench-import-"))
    path = folder / ("contacts.vcf" if kind == "vcard" else "contacts.csv")
    count = VCARDS if kind == "vcard" else CSV_ROWS
    (make_vcards if kind == "vcard" else make_csv)(path, count)
    db = open_database(folder / "bench.db")
    clock = Clock("Europe/Berlin")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    plan = preview_import(db, clock, path)
    preview_s = time.perf_counter() - started
    started = time.perf_counter()
    outcome = import_file(db, clock, path)
    import_s = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert plan.new == count and outcome.value.new == count, (plan.summary(), outcome.value.summary())
    return {"kind": kind, "entries": count, "file_mb": round(path.stat().st_size / 1e6, 1),
            "preview_s": round(preview_s, 2), "import_s": round(import_s, 2),
            "peak_rss_mb": round(rss_after / 1024, 1),
            "rss_before_import_mb": round(rss_before / 1024, 1)}


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--phase":
        print(json.dumps(phase(sys.argv[2])))
        return 0
    results = {}
    for kind in ("vcard", "csv"):
        out = subprocess.run([sys.executable, __file__, "--phase", kind], capture_output=True,
                             text=True, cwd=ROOT)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return 1
        results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
    results["vcard"]["target_s"] = VCARD_TARGET_S
    results["vcard"]["met"] = results["vcard"]["import_s"] < VCARD_TARGET_S
    for r in results.values():
        print(f"{r['kind']:>5}: {r['entries']:>7} entries, {r['file_mb']:>5} MB, preview "
              f"{r['preview_s']:>6.2f} s, import {r['import_s']:>6.2f} s, peak RSS "
              f"{r['peak_rss_mb']} MB (before reading: {r['rss_before_import_mb']} MB)")
    target = ROOT / "bench-results"
    target.mkdir(exist_ok=True)
    (target / "bench_import.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0 if results["vcard"]["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
