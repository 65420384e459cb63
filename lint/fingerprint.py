"""Stable fingerprints of findings: the same finding keeps its fingerprint when text above it changes.

A fingerprint hashes the rule, the file path, the checklist section and the
normalised text of the line the finding is on (blanks removed) — never the
line number.  Used by baselines and by SARIF ``partialFingerprints``.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from lint.engine import FileResult
from lint.rules import Finding

_BLANKS = re.compile(r"\s+")


def _path_key(path: str) -> str:
    """The same file gives the same key however it was named: ``seeds/a.txt``, ``./seeds/a.txt``, absolute."""
    p = Path(os.path.normpath(path))
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            pass
    return p.as_posix()


def fingerprint(result: FileResult, finding: Finding) -> str:
    text = ""
    if result.document is not None and finding.line is not None:
        line = result.document.line_at(finding.line)
        if line is not None:
            text = _BLANKS.sub("", line.text)
    key = "\x1f".join([finding.rule, _path_key(result.path), finding.section or "", text])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
