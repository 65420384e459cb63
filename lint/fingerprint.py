"""Stable fingerprints of findings: the same finding keeps its fingerprint when the text around it changes.

A fingerprint hashes the rule, the file path (relative to a base folder: the
baseline file's, or the current directory), the checklist section and the
text the finding is about — the first quoted phrase of its message (「…」 or
“…”), else the normalised text of its line (blanks and digits removed) —
never the line number.  Used by baselines and by SARIF ``partialFingerprints``.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from lint.engine import FileResult
from lint.rules import Finding

_BLANKS = re.compile(r"\s+")
_QUOTED = re.compile(r"「([^」]{1,80})」|“([^”]{1,80})”")
#: Rules whose findings are about a phrase inside a paragraph (the quoted text identifies them).
_LINE_KEYED = {"missing-section", "section-order", "duplicate-section", "empty-section", "missing-element"}


def path_key(path: str, base: Path | None = None) -> str:
    """The same file gives the same key however it was named: ``seeds/a.txt``, ``./seeds/a.txt``, absolute."""
    p = Path(os.path.abspath(path))
    root = Path(os.path.abspath(base or Path.cwd()))
    try:
        return p.relative_to(root).as_posix()
    except ValueError:
        return p.as_posix()


def subject(result: FileResult, finding: Finding) -> str:
    """The text a finding is about, independent of where it sits and of edits elsewhere in its paragraph."""
    # Layout findings quote measurements worded per language (「10磅」 / “10 pt”): keyed by their paragraph.
    if finding.rule not in _LINE_KEYED and not finding.rule.startswith("layout-"):
        m = _QUOTED.search(finding.message)
        if m:
            return m.group(1) or m.group(2) or ""
    if result.document is not None and finding.line is not None:
        line = result.document.line_at(finding.line)
        if line is not None:
            return _BLANKS.sub("", line.text)
    return ""


def fingerprint(result: FileResult, finding: Finding, base: Path | None = None) -> str:
    key = "\x1f".join([finding.rule, path_key(result.path, base), finding.section or "", subject(result, finding)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
