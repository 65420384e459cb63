"""Benchmark reportlint: cold start on one seed, and batch throughput on a generated corpus.

    python benchmarks/bench.py [--reports 2000] [--runs 10]

(a) times the cold start of ``reportlint check --format json`` on one seed
    (a fresh process each run, as a pre-commit hook does);
(b) builds a corpus of reports from the seeds by shuffling, dropping and
    duplicating whole top-level sections, lints it in one process and prints
    reports/s and peak memory after a quarter and after all of the corpus
    (flat memory means the two are close);
(c) times the CLI on the whole corpus directory, with --jobs 1 and --jobs 2;
(d) times all rules on one long report (the seeds' text joined, ≥ 10,000 characters),
    the bound that matters for the term rules' near-miss search.
Not a test: the figures depend on the machine. Record them in the README.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.checklist import load_checklist  # noqa: E402
from lint.engine import Options, lint_file  # noqa: E402
from lint.outline import build_outline  # noqa: E402
from lint.readers import read_path  # noqa: E402


def cli() -> list[str]:
    script = Path(sys.executable).parent / "reportlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "lint"]


def cold_start(runs: int) -> list[float]:
    target = next((ROOT / "seeds").glob("002_*.txt"))
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([*cli(), "check", "--format", "json", str(target)], capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
    return times


def split_sections(path: Path) -> tuple[list[str], list[list[str]]]:
    """Front matter lines and the lines of each top-level section of a seed."""
    doc = read_path(path)
    outline = build_outline(doc)
    starts = [h.index for h in outline.top_level()]
    raws = [ln.raw for ln in doc.lines]
    front = raws[: starts[0]]
    sections = [raws[a:b] for a, b in zip(starts, [*starts[1:], len(raws)], strict=True)]
    return front, sections


def make_corpus(directory: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    sources = [split_sections(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for n in range(count):
        front, sections = rng.choice(sources)
        parts = list(sections)
        op = rng.randrange(4)
        if op == 0 and len(parts) > 1:
            parts.pop(rng.randrange(len(parts)))
        elif op == 1:
            i, j = rng.randrange(len(parts)), rng.randrange(len(parts))
            parts[i], parts[j] = parts[j], parts[i]
        elif op == 2:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(parts))
        text = "\n".join(front + [line for part in parts for line in part])
        (directory / f"r{n:05d}.txt").write_text(text, encoding="utf-8")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()

    times = cold_start(args.runs)
    print(
        f"cold start, check --format json on one seed: median {statistics.median(times):.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s ({args.runs} runs)"
    )

    tmp = Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    try:
        make_corpus(tmp, args.reports)
        files = sorted(tmp.glob("*.txt"))
        options = Options(load_checklist("fazhi-2019"))
        lint_file(str(files[0]), options)  # warm the caches once, as any batch run does
        quarter = len(files) // 4
        t0 = time.perf_counter()
        findings = 0
        mem_quarter = 0.0
        for i, f in enumerate(files, start=1):
            findings += len(lint_file(str(f), options).findings)
            if i == quarter:
                mem_quarter = peak_mb()
        elapsed = time.perf_counter() - t0
        print(
            f"batch, in one process: {len(files)} reports in {elapsed:.2f} s = {len(files) / elapsed:.0f} reports/s "
            f"(one core), {findings} findings"
        )
        print(
            f"peak memory: {mem_quarter:.0f} MB after {quarter} reports, {peak_mb():.0f} MB after {len(files)}"
        )
        t0 = time.perf_counter()
        subprocess.run([*cli(), "check", "--format", "json", str(tmp)], capture_output=True, check=False)
        elapsed = time.perf_counter() - t0
        print(f"CLI on the corpus directory: {elapsed:.2f} s = {len(files) / elapsed:.0f} reports/s")
        t0 = time.perf_counter()
        subprocess.run(
            [*cli(), "check", "--format", "json", "--jobs", "2", str(tmp)], capture_output=True, check=False
        )
        elapsed = time.perf_counter() - t0
        print(
            f"CLI on the corpus directory, --jobs 2: {elapsed:.2f} s = {len(files) / elapsed:.0f} reports/s"
        )
        long_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
        long_file = tmp / "long.txt"
        long_file.write_text(long_text, encoding="utf-8")
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            lint_file(str(long_file), options)
            runs.append(time.perf_counter() - t0)
        print(f"one {len(long_text):,}-character report, all rules: {statistics.median(runs) * 1000:.0f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
