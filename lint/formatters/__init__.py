"""Formatters turn lint results into output; they never compute findings."""

from __future__ import annotations

from lint.engine import FileResult
from lint.rules import SEVERITY_RANK


def summary(results: list[FileResult]) -> dict[str, int]:
    counts = {"files": len(results), "errors": 0, "warnings": 0, "info": 0}
    key = {"error": "errors", "warning": "warnings", "info": "info"}
    for r in results:
        for f in r.findings:
            counts[key[f.severity]] += 1
    return counts


def exit_code(results: list[FileResult], fail_on: str) -> int:
    """0 clean, 1 findings at or above ``fail_on``, 2 when a file could not be read."""
    if any(r.error for r in results):
        return 2
    if fail_on == "never":
        return 0
    floor = SEVERITY_RANK[fail_on]
    return int(any(SEVERITY_RANK[f.severity] >= floor for r in results for f in r.findings))
