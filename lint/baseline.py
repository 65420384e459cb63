"""Baselines: accept the findings an archive already has, report only new ones.

``check --write-baseline FILE`` records every current finding by fingerprint
(rule, file path relative to the baseline file, section, and the text the
finding is about — not its line number); ``check --baseline FILE`` drops
findings recorded there, counting duplicates, so editing text above a finding
or elsewhere in its paragraph does not bring it back, and the baseline works
from whichever folder the check is run.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from lint.engine import FileResult
from lint.fingerprint import fingerprint, path_key

VERSION = 2
#: Largest baseline file read.
MAX_BYTES = 50 * 1024 * 1024


class BaselineError(Exception):
    """The baseline file cannot be used."""


def _base(path: str) -> Path:
    return Path(os.path.abspath(path)).parent


class Recorder:
    """Collects the fingerprints of a run (small entries only) and writes them atomically."""

    def __init__(self, path: str) -> None:
        self.path, self.base = path, _base(path)
        self.entries: list[dict] = []

    def add(self, r: FileResult) -> None:
        for f in r.findings:
            self.entries.append(
                {
                    "fingerprint": fingerprint(r, f, self.base),
                    "rule": f.rule,
                    "path": path_key(r.path, self.base),
                    "section": f.section,
                    "message": f.message,
                }
            )

    def write(self) -> int:
        self.entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
        from lint.atomic import OutputError, write_text

        text = json.dumps({"version": VERSION, "findings": self.entries}, ensure_ascii=False, indent=2) + "\n"
        try:
            write_text(self.path, text)
        except OutputError as exc:
            raise BaselineError(str(exc)) from None
        return len(self.entries)


class Baseline:
    def __init__(self, path: str, known: Counter) -> None:
        self.path, self.base, self.known = path, _base(path), known

    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            p = Path(path)
            if p.stat().st_size > MAX_BYTES:
                raise BaselineError(f"baseline too large (at most {MAX_BYTES // (1024 * 1024)} MB)")
            data = json.loads(p.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
                raise BaselineError("not a reportlint baseline (no 'findings' list)")
            version = data.get("version")
            if version == 1:
                raise BaselineError("written by an older reportlint (version 1): write it again with --write-baseline")
            if version != VERSION:
                raise BaselineError(f"unsupported baseline version {version!r}")
            known = Counter(
                entry["fingerprint"] for entry in data["findings"] if isinstance(entry.get("fingerprint"), str)
            )
        except FileNotFoundError:
            raise BaselineError("no such baseline file") from None
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise BaselineError(f"not a reportlint baseline ({type(exc).__name__})") from None
        return cls(path, known)

    def filter(self, r: FileResult) -> None:
        """Remove from ``r`` the findings recorded in the baseline."""
        kept = []
        for f in r.findings:
            key = fingerprint(r, f, self.base)
            if self.known[key] > 0:
                self.known[key] -= 1
            else:
                kept.append(f)
        r.findings = kept


def apply(path: str, results: list[FileResult]) -> None:
    baseline = Baseline.load(path)
    for r in results:
        baseline.filter(r)
