"""Fuzz the readers: run the test suite's input strategies for minutes, in several processes.

    python benchmarks/fuzz.py --minutes 10 --jobs 1 [--formats txt,md,html,docx,pdf] [--timeout 10]

Each worker process draws inputs from ``tests/strategies.py`` (the strategies
``tests/test_fuzz_readers.py`` runs a few of) with hypothesis and lints each
one as ``check`` does (``lint.engine.lint_file``).  A case fails when an
exception escapes, when the reader reports an internal error, or when it runs
longer than ``--timeout`` seconds (a hang: the parent process kills the worker
and starts another).  Workers run under a memory limit, so unbounded growth
shows up as a failure too.

A crash is shrunk by hypothesis to a minimal input; a hang is kept as it was
drawn.  Each new failure is written to ``tests/fuzz-corpus/`` as
``crash-<hash>.<ext>`` or ``hang-<hash>.<ext>``, which
``tests/test_fuzz_corpus.py`` replays in the normal test suite.  Prints the
number of cases run per format and the failures found.  Not a test: it runs
for as long as it is told to.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import multiprocessing as mp
import os
import resource
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fuzz-corpus"
#: Examples per hypothesis run; a worker starts run after run until its time is up.
BATCH = 50
#: Address-space limit of a worker, so that unbounded memory growth fails instead of swapping.
MEMORY_LIMIT = 2 * 1024**3


class Failure(Exception):
    """A case that did not end in a result or a clean read error."""


def _signature(exc: BaseException) -> str:
    """Where a failure comes from: the exception type and the innermost frame in lint/."""
    while getattr(exc, "exceptions", None):  # an exception group (a flaky failure) wraps the real one
        exc = exc.exceptions[0]  # type: ignore[attr-defined]
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/lint/" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}: {str(exc)[:160]}"


def _save(kind: str, name: str, data: bytes, corpus: Path) -> Path:
    digest = hashlib.sha1(data).hexdigest()[:12]
    path = corpus / f"{kind}-{digest}{Path(name).suffix}"
    path.write_bytes(data)
    return path


def worker(
    fmt_list: list[str], deadline: float, max_cases: int, beat, count, case_dir: str, results, corpus: str
) -> None:
    """Run hypothesis batches until ``deadline`` (or ``max_cases``); ``beat`` holds the running case's start."""
    sys.path.insert(0, str(ROOT))
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)  # pypdf logs every damaged object it meets
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):
        pass
    from hypothesis import HealthCheck, given, settings

    from lint.checklist import load_checklist
    from lint.engine import Options, lint_file
    from lint.readers import INTERNAL_ERROR
    from tests.strategies import STRATEGIES

    options = Options(load_checklist("fazhi-2019"), lang="en")
    current = Path(case_dir) / f"{os.getpid()}.case"
    seen: set[str] = set()
    last: dict[str, object] = {}
    turn = 0
    def done() -> bool:
        return time.time() > deadline or bool(max_cases and count.value >= max_cases)

    while not done():
        fmt = fmt_list[turn % len(fmt_list)]
        turn += 1

        @settings(
            max_examples=BATCH,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,  # one minimal failing case per run: the one saved
        )
        @given(case=STRATEGIES[fmt])
        def probe(case):
            if done():
                return
            name, data = case
            current.write_bytes(name.encode() + b"\0" + data)  # for the parent, if this case hangs
            beat.value = time.time()
            try:
                result = lint_file(name, options, data=data)
                if result.error is not None and (result.error.startswith(INTERNAL_ERROR) or "\n" in result.error):
                    raise Failure(result.error)
            except Exception:
                last["case"] = case  # while shrinking: the smallest failing case so far
                raise
            finally:
                beat.value = 0.0
                with count.get_lock():
                    count.value += 1

        try:
            probe()
        except Exception as exc:  # the minimal failing case was the last one run
            signature = _signature(exc)
            if "case" not in last:
                continue
            name, data = last.pop("case")  # type: ignore[misc]
            if signature not in seen:
                seen.add(signature)
                path = _save("crash", name, data, Path(corpus))
                results.put(("crash", fmt, signature, str(path)))


def _replays_in_time(name: str, data: bytes, timeout: float, case_dir: str) -> bool:
    """Whether the case, run again alone in a fresh process, ends within ``timeout`` (a load spike, not a hang)."""
    path = Path(case_dir) / f"replay{Path(name).suffix}"
    path.write_bytes(data)
    try:
        subprocess.run([sys.executable, __file__, "--replay", str(path)], timeout=timeout, capture_output=True)
    except subprocess.TimeoutExpired:
        return False
    return True


def replay(path: str) -> int:
    """Lint one file as the workers do (for --replay)."""
    sys.path.insert(0, str(ROOT))
    from lint.checklist import load_checklist
    from lint.engine import Options, lint_file

    result = lint_file(path, Options(load_checklist("fazhi-2019"), lang="en"))
    print(result.error or f"{len(result.findings)} findings")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--formats", default="txt,md,html,docx,pdf", help="comma-separated (default all)")
    parser.add_argument("--cases", type=int, default=0, help="stop each worker after this many cases (0: no limit)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds after which a case is a hang")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="where reproducers are written")
    parser.add_argument("--replay", metavar="FILE", help="lint one file as the workers do, and exit")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay)
    formats = [f for f in args.formats.split(",") if f]
    args.corpus.mkdir(parents=True, exist_ok=True)
    deadline = time.time() + args.minutes * 60
    ctx = mp.get_context("fork")
    results = ctx.Queue()
    case_dir = tempfile.mkdtemp(prefix="reportlint-fuzz-")
    workers: list[tuple] = []

    def start(i: int, count=None):
        """Start worker ``i``; a restarted worker goes on counting where the killed one stopped."""
        beat, count = ctx.Value("d", 0.0), count if count is not None else ctx.Value("q", 0)
        order = formats[i % len(formats) :] + formats[: i % len(formats)]
        proc = ctx.Process(
            target=worker,
            args=(order, deadline, args.cases, beat, count, case_dir, results, str(args.corpus)),
            daemon=True,
        )
        proc.start()
        return proc, beat, count

    for i in range(args.jobs):
        workers.append(start(i))
    failures: list[tuple[str, str, str, str]] = []
    started = time.time()
    while True:
        time.sleep(0.5)
        while not results.empty():
            failures.append(results.get())
            print("found:", *failures[-1], flush=True)
        alive = False
        for i, (proc, beat, count) in enumerate(workers):
            if proc.is_alive():
                alive = True
                if beat.value and time.time() - beat.value > args.timeout:
                    proc.kill()
                    proc.join()
                    case = Path(case_dir) / f"{proc.pid}.case"
                    name, _, data = case.read_bytes().partition(b"\0")
                    with count.get_lock():
                        count.value += 1
                    if _replays_in_time(name.decode(), data, args.timeout, case_dir):
                        print(f"slow once, not a hang: a {Path(name.decode()).suffix} case (machine busy?)", flush=True)
                    else:
                        path = _save("hang", name.decode(), data, args.corpus)
                        failures.append(("hang", Path(name.decode()).suffix, f"> {args.timeout:g} s", str(path)))
                        print("found:", *failures[-1], flush=True)
                    if time.time() < deadline and not (args.cases and count.value >= args.cases):
                        workers[i] = start(i, count)
                        alive = True
            elif proc.exitcode not in (0, None) and time.time() < deadline:
                # killed by the memory limit or a crash of the interpreter itself
                failures.append(("died", "?", f"exit code {proc.exitcode}", ""))
                workers[i] = start(i, count)
                alive = True
        if not alive:
            break
    total = sum(count.value for _, _, count in workers)
    while not results.empty():
        failures.append(results.get())
    minutes = (time.time() - started) / 60
    print(f"{total} cases in {minutes:.1f} min with {args.jobs} job(s), formats {','.join(formats)}")
    print(f"{len(failures)} failure(s)" + ("" if not failures else ":"))
    for failure in failures:
        print("  ", *failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
