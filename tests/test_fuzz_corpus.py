"""Replay tests/fuzz-corpus/: every file there lints without an internal error, in bounded time.

The corpus holds the reproducers of issue #15 and whatever ``benchmarks/fuzz.py``
finds (``crash-*`` and ``hang-*`` files, named by the hash of their bytes;
the extension picks the reader).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from lint.checklist import load_checklist
from lint.engine import Options, lint_file
from lint.readers import INTERNAL_ERROR, supported

CORPUS = Path(__file__).resolve().parent / "fuzz-corpus"
FILES = sorted(p for p in CORPUS.iterdir() if supported(p))
OPTIONS = Options(load_checklist("fazhi-2019"), lang="en")
#: Generous for a loaded machine; a hang is what the fuzzer calls a case over 10 s.
SECONDS = 30


def test_corpus_is_not_empty():
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_lints_without_internal_error(path):
    data = path.read_bytes()
    box: dict = {}

    def target():
        try:
            box["result"] = lint_file(str(path), OPTIONS)
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(SECONDS)
    assert not thread.is_alive(), f"{path.name} still running after {SECONDS} s"
    if "error" in box:
        raise box["error"]
    error = box["result"].error
    assert error is None or (not error.startswith(INTERNAL_ERROR) and "\n" not in error), error
    assert path.read_bytes() == data  # never changed


def test_fuzzer_writes_reproducers_of_crashes_and_hangs(tmp_path, monkeypatch):
    """benchmarks/fuzz.py on readers broken on purpose: a crash is saved, a hang is killed and saved."""
    import importlib.util
    import time

    from lint.readers import html, text

    spec = importlib.util.spec_from_file_location("fuzz", CORPUS.parent.parent / "benchmarks" / "fuzz.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)

    def crashing(data, name):
        raise RecursionError("maximum recursion depth exceeded")

    def hanging(data, name, fmt="txt"):
        time.sleep(600)

    # A slow case is run again alone in a fresh process before it is called a hang; this one would not hang
    # there (the patch lives in this process only), so that check is switched off here.
    monkeypatch.setattr(fuzz, "_replays_in_time", lambda *args: False)
    monkeypatch.setattr(html, "read", crashing)  # the worker processes are forked: they see the patches
    monkeypatch.setattr(text, "read", hanging)
    for fmt, cases in (("html", "5"), ("txt", "1")):
        args = ["--cases", cases, "--minutes", "2", "--formats", fmt, "--timeout", "1", "--corpus", str(tmp_path)]
        assert fuzz.main(args) == 1
    crashes, hangs = sorted(tmp_path.glob("crash-*.htm*")), sorted(tmp_path.glob("hang-*.txt"))
    assert crashes and hangs
