"""Baselines: accept the findings an archive already has, report only new ones.

``check --write-baseline FILE`` records every current finding by fingerprint
(rule, file, section, normalised text of its line — not its line number);
``check --baseline FILE`` drops findings recorded there, counting duplicates,
so editing text above a finding does not bring it back.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from lint.engine import FileResult
from lint.fingerprint import fingerprint

VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be used."""


def write(path: str, results: list[FileResult]) -> int:
    entries = [
        {
            "fingerprint": fingerprint(r, f),
            "rule": f.rule,
            "path": r.path,
            "section": f.section,
            "message": f.message,
        }
        for r in results
        for f in r.findings
    ]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    Path(path).write_text(
        json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    return len(entries)


def apply(path: str, results: list[FileResult]) -> None:
    """Remove from ``results`` the findings recorded in the baseline."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        known = Counter(entry["fingerprint"] for entry in data["findings"])
        if data.get("version") != VERSION:
            raise BaselineError(f"unsupported baseline version {data.get('version')!r}")
    except FileNotFoundError:
        raise BaselineError("no such baseline file") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise BaselineError(f"not a reportlint baseline ({type(exc).__name__})") from None
    for r in results:
        kept = []
        for f in r.findings:
            key = fingerprint(r, f)
            if known[key] > 0:
                known[key] -= 1
            else:
                kept.append(f)
        r.findings = kept
