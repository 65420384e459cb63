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
