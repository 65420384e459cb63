"""Benchmark ``reportlint review`` on a folder of 500 reports.

    python benchmarks/review_bench.py [--reports 500] [--keep DIR]

Builds the folder from the seeds and the information-disclosure test report: 100 units, each with reports
for several years (every fifth unit's latest report copies the year before, so copied-report pairs and
compares), then times ``reportlint review DIR -o review.html`` (--jobs 1 and 2) and ``-o review.xlsx`` in a fresh
process each,
and prints the wall time and the peak memory of the child (ru_maxrss).  Not a test: the figures depend on the
machine. Record them in the README.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_YEAR = re.compile(r"20\d{2}")


def cli() -> list[str]:
    script = Path(sys.executable).parent / "reportlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "lint"]


def corpus(target: Path, count: int) -> None:
    """``count`` reports: the seeds and the xxgk report under 100 unit names and consecutive years."""
    bases = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    bases.append((ROOT / "tests" / "data" / "xxgk_2023.txt").read_text(encoding="utf-8"))
    units = 100
    for i in range(count):
        unit, n = i % units, i // units
        text = bases[(unit + n) % len(bases)]
        if unit % 5 == 0 and n > 0:
            text = bases[(unit + n - 1) % len(bases)]  # this year's report copies last year's
        year = 2019 + n
        body = _YEAR.sub(lambda m, y=year: str(y + int(m.group(0)) - 2023), text)
        (target / f"unit{unit:03d}_{year}.txt").write_text(f"第{unit}号镇{year}年年度报告\n" + body, encoding="utf-8")


def timed(args: list[str]) -> tuple[float, int, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before), proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--keep", type=Path, default=None, help="Build the folder here and keep it.")
    ns = parser.parse_args()
    work = ns.keep or Path(tempfile.mkdtemp(prefix="review-bench-"))
    folder = work / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    corpus(folder, ns.reports)
    try:
        for out, jobs in (("review.html", "1"), ("review.html", "2"), ("review.xlsx", "1")):
            elapsed, peak, rc = timed([*cli(), "review", str(folder), "-o", str(work / out), "--jobs", jobs])
            size = (work / out).stat().st_size / 1e6 if (work / out).exists() else 0
            print(
                f"review of {ns.reports} reports -> {out}, --jobs {jobs}: {elapsed:.1f} s "
                f"({ns.reports / elapsed:.0f} reports/s), peak RSS {peak / 1024:.0f} MB, "
                f"output {size:.1f} MB, exit {rc}"
            )
    finally:
        if ns.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
