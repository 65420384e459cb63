"""Benchmark reportlint against yamllint and against the floor, with whole processes.

    python benchmarks/bench.py            # the full run (10,000-report corpus; 10–20 minutes)
    python benchmarks/bench.py --quick    # 1,000 reports, fewer runs (a few minutes)

Builds its own corpora in a temporary directory:
  * reports made from the seeds with random edits (sections dropped, swapped or
    repeated; characters changed, swapped, dropped or added, sometimes in headings);
  * one report of each length from 1,000 to 1,000,000 characters (the seeds repeated);
  * .docx and .pdf versions of the seeds (python-docx and reportlab, from the test extra).
Then measures, each as the median of several runs of a fresh process:
  (1) cold start: ``reportlint check`` on one small report, against ``yamllint`` on a YAML
      file of the same size and against the floor (a Python process that reads the file,
      decodes it and runs one regular expression over it);
  (2) throughput: reports/s of the CLI on 1,000 and 10,000 reports, text and JSON output,
      and the ``--jobs 2`` speed-up; yamllint on as many YAML files for comparison;
  (3) in one process, per core: lint_file + JSON rendering, reports/s;
  (4) time against report length, and the ratio 1M / 100k (linear would be 10);
  (5) .docx and .pdf reading;
  (6) peak memory (maximum resident set size of each child process, from wait4).
Prints the machine (cores, CPU model, Python) first.  Not a test: figures depend on the
machine and on its load; run it on an idle machine and record the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR = (
    "import re, sys\n"
    "text = open(sys.argv[1], 'rb').read().decode('utf-8')\n"
    "print(len(re.findall(r'[一二三四五六七八九十]+、', text)))\n"
)
EDIT_CHARS = "的和了在法治政府建设工作推进"


# --------------------------------------------------------------------------- corpora


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def split_sections(text: str) -> tuple[list[str], list[list[str]]]:
    """Front matter lines and the lines of each top-level section (「一、」 … at the line start)."""
    lines = text.split("\n")
    starts = [i for i, ln in enumerate(lines) if re.match(r"\s*[一二三四五六七八九十]+、|\s*1、", ln)]
    if not starts:
        return lines, []
    bounds = [*starts, len(lines)]
    return lines[: starts[0]], [lines[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def edit_line(rng: random.Random, line: str) -> str:
    if len(line) < 4:
        return line
    chars = list(line)
    i = rng.randrange(len(chars) - 1)
    op = rng.randrange(4)
    if op == 0:
        chars[i] = rng.choice(EDIT_CHARS)
    elif op == 1:
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    elif op == 2:
        del chars[i]
    else:
        chars.insert(i, rng.choice(EDIT_CHARS))
    return "".join(chars)


def make_corpus(directory: Path, count: int, seed: int = 7) -> list[Path]:
    """Reports from the seeds: whole sections dropped, swapped or repeated, then a few character edits."""
    rng = random.Random(seed)
    sources = [split_sections(t) for t in seed_texts()]
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        front, sections = rng.choice(sources)
        parts = [list(s) for s in sections]
        op = rng.randrange(4)
        if op == 0 and len(parts) > 1:
            parts.pop(rng.randrange(len(parts)))
        elif op == 1 and parts:
            i, j = rng.randrange(len(parts)), rng.randrange(len(parts))
            parts[i], parts[j] = parts[j], parts[i]
        elif op == 2 and parts:
            parts.insert(rng.randrange(len(parts) + 1), list(rng.choice(parts)))
        lines = front + [ln for part in parts for ln in part]
        for _ in range(rng.randrange(1, 6)):
            k = rng.randrange(len(lines))
            lines[k] = edit_line(rng, lines[k])
        path = directory / f"r{n:05d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def long_report(path: Path, chars: int) -> Path:
    base = "\n".join(seed_texts())
    text = (base * (chars // len(base) + 1))[:chars]
    path.write_text(text, encoding="utf-8")
    return path


def yaml_like(path: Path, size: int) -> Path:
    """A valid YAML file of about ``size`` bytes (a checklist-like list of mappings)."""
    items, n = [], 0
    while sum(map(len, items)) < size:
        items.append(f"- id: section{n}\n  title: 第{n}部分的标题\n  keywords: [举措, 成效, 问题]\n")
        n += 1
    path.write_text("---\n" + "".join(items), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- running


def reportlint_cmd() -> list[str]:
    script = Path(sys.executable).parent / "reportlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "lint"]


def yamllint_cmd() -> list[str] | None:
    script = Path(sys.executable).parent / "yamllint"
    if script.exists():
        return [str(script)]
    found = shutil.which("yamllint")
    return [found] if found else None


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with bytecode caches, as users run it
    return env


def run(cmd: list[str], timeout: float = 1800) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env())
    deadline = t0 + timeout
    while True:
        pid, _status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, _status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.002)
    proc.returncode = 0  # reaped by wait4
    code = os.waitstatus_to_exitcode(_status)
    if code not in (0, 1):  # reportlint: 1 = findings; anything else failed, and its time means nothing
        print(f"  !! exit code {code}: {' '.join(cmd[-4:])}", flush=True)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024


def median_run(cmd: list[str], runs: int) -> tuple[float, float]:
    results = [run(cmd) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    return (
        f"machine: {os.cpu_count()} cores, {model}; Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.release()}{load}"
    )


def line(label: str, seconds: float, extra: str = "") -> None:
    print(f"  {label:<46} {seconds * 1000:9.1f} ms{extra}")


# --------------------------------------------------------------------------- sections


def cold_start(tmp: Path, runs: int) -> None:
    print("(1) cold start, median of", runs, "processes")
    report = next((ROOT / "seeds").glob("002_*.txt"))
    size = report.stat().st_size
    rl, rl_mem = median_run([*reportlint_cmd(), "check", "--format", "json", str(report)], runs)
    line(f"reportlint check --format json ({size:,} B)", rl, f"   peak {rl_mem:.0f} MB")
    rl_text, _ = median_run([*reportlint_cmd(), "check", str(report)], runs)
    line("reportlint check (text)", rl_text)
    floor, floor_mem = median_run([sys.executable, "-c", FLOOR, str(report)], runs)
    line("floor: python read + decode + one regex", floor, f"   peak {floor_mem:.0f} MB")
    yl = yamllint_cmd()
    if yl:
        yml = yaml_like(tmp / "similar.yaml", size)
        ymed, ymem = median_run([*yl, str(yml)], runs)
        line(f"yamllint ({yml.stat().st_size:,} B)", ymed, f"   peak {ymem:.0f} MB")
        small = tmp / "small.yaml"
        small.write_text("---\nrepos:\n  - repo: local\n    hooks: []\n", encoding="utf-8")
        ysmall, _ = median_run([*yl, str(small)], runs)
        line(f"yamllint, small file ({small.stat().st_size} B)", ysmall)
        print(
            f"  ratio reportlint / yamllint: {rl / ymed:.2f}× (same size), {rl / ysmall:.2f}× (small file);"
            f"  reportlint / floor: {rl / floor:.2f}×"
        )
    else:
        print("  yamllint not installed (pip install yamllint): no comparison")
        print(f"  ratio reportlint / floor: {rl / floor:.2f}×")


def throughput(tmp: Path, sizes: list[int], runs: int) -> None:
    print("(2) batch throughput of whole processes, median of", runs)
    yl = yamllint_cmd()
    for count in sizes:
        corpus = tmp / f"corpus{count}"
        make_corpus(corpus, count)
        figures = {}
        for fmt in ("text", "json"):
            t, mem = median_run([*reportlint_cmd(), "check", "--format", fmt, "--no-color", str(corpus)], runs)
            figures[fmt] = t
            print(f"  {count:>6} reports, {fmt:<4}: {t:7.2f} s = {count / t:7.0f} reports/s   peak {mem:.0f} MB")
        if count == max(sizes):  # memory of every other format, on the largest corpus
            others = []
            for fmt in ("jsonl", "sarif", "github", "junit", "csv"):
                t, mem = run([*reportlint_cmd(), "check", "--format", fmt, str(corpus)])
                others.append(f"{fmt} {count / t:.0f}/s {mem:.0f} MB")
            print(f"  {count:>6} reports, other formats (one run each): " + "; ".join(others))
        t2, mem2 = median_run(
            [*reportlint_cmd(), "check", "--format", "json", "--jobs", "2", str(corpus)], runs
        )
        print(
            f"  {count:>6} reports, json, --jobs 2: {t2:7.2f} s = {count / t2:7.0f} reports/s, "
            f"speed-up {figures['json'] / t2:.2f}×   peak {mem2:.0f} MB (parent)"
        )
        if yl:
            # yamllint is slow on files of this size: 100 files give its rate.
            ycount = min(count, 100)
            ydir = tmp / f"yaml{count}"
            ydir.mkdir(exist_ok=True)
            size = int(statistics.median(p.stat().st_size for p in list(corpus.glob("*.txt"))[:200]))
            template = yaml_like(tmp / "template.yaml", size).read_text(encoding="utf-8")
            for n in range(ycount):
                (ydir / f"y{n:05d}.yaml").write_text(template, encoding="utf-8")
            ty, _ = median_run([*yl, str(ydir)], runs)
            print(
                f"  {ycount:>6} YAML files of {size:,} B, yamllint: {ycount / ty:7.0f} files/s "
                f"(reportlint json: {count / figures['json']:.0f} reports/s)"
            )


def in_process(tmp: Path, count: int) -> None:
    from lint.checklist import builtin_ids, load_checklist
    from lint.engine import Options, lint_file
    from lint.formatters.json import file_json

    def render(result) -> str:  # what --format json writes for one file
        return json.dumps(file_json(result), ensure_ascii=False)

    print("(3) in one process, one core: lint_file + JSON rendering")
    paths = make_corpus(tmp / f"inproc{count}", count, seed=11)
    candidates = tuple(load_checklist(c) for c in builtin_ids())
    options = Options(None, candidates=candidates, fallback=load_checklist("fazhi-2019"))
    render(lint_file(str(paths[0]), options))  # warm the caches once, as any batch does
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for p in paths:
            render(lint_file(str(p), options))
        best = min(best, time.process_time() - t0)
    print(f"  {count} reports: best of 3 {best:.2f} s CPU = {count / best:.0f} reports/s per core")


def scaling(tmp: Path, lengths: list[int], runs: int) -> None:
    print("(4) time against report length (whole process, json), median of", runs)
    base, _ = median_run([*reportlint_cmd(), "--help"], runs)
    times = {}
    for n in lengths:
        path = long_report(tmp / f"long{n}.txt", n)
        t, mem = median_run([*reportlint_cmd(), "check", "--format", "json", str(path)], runs)
        times[n] = t
        print(f"  {n:>9,} characters: {t:7.2f} s (linting ≈ {max(t - base, 0):.2f} s)   peak {mem:.0f} MB")
    if 100_000 in times and 1_000_000 in times:
        lint_small = max(times[100_000] - base, 1e-3)
        print(
            f"  1M / 100k: {times[1_000_000] / times[100_000]:.1f}× whole process, "
            f"{(times[1_000_000] - base) / lint_small:.1f}× linting only (linear: 10×)"
        )


def readers(tmp: Path, runs: int) -> None:
    try:
        from tests.fixtures import docx_bytes, pdf_bytes
    except ImportError as exc:  # python-docx / reportlab come with the test extra
        print(f"(5) .docx/.pdf: skipped ({exc})")
        return
    from lint.readers import read_bytes

    print("(5) reading .docx and .pdf (in process, median per file over the seeds)")
    seeds = [t.split("\n") for t in seed_texts()]
    for ext, build in (("docx", docx_bytes), ("pdf", pdf_bytes)):
        blobs = [build(lines) for lines in seeds]
        for n, blob in enumerate(blobs):
            (tmp / f"seed{n}.{ext}").write_bytes(blob)
        per_file = []
        for blob in blobs:
            samples = []
            for _ in range(runs):
                t0 = time.perf_counter()
                read_bytes(blob, f"r.{ext}")
                samples.append(time.perf_counter() - t0)
            per_file.append(statistics.median(samples))
        line(f".{ext} read", statistics.median(per_file))
        t, mem = median_run([*reportlint_cmd(), "check", "--format", "json", str(tmp / f"seed0.{ext}")], runs)
        line(f".{ext} whole process (check --format json)", t, f"   peak {mem:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller corpora and fewer runs (about 2 minutes)")
    ap.add_argument("--runs", type=int, help="processes per measurement (default 7, --quick 3)")
    args = ap.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    sizes = [1000] if args.quick else [1000, 10000]
    lengths = [1_000, 10_000, 100_000, 1_000_000]
    print(machine())
    tmp = Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    started = time.perf_counter()
    try:
        run([*reportlint_cmd(), "--help"])  # write bytecode caches before timing anything
        cold_start(tmp, runs)
        throughput(tmp, sizes, 1)
        in_process(tmp, 300 if args.quick else 1000)
        scaling(tmp, lengths, 1 if args.quick else 3)
        readers(tmp, runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"total benchmark time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
