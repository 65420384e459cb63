"""Formatters turn lint results into output; they never compute findings."""

from __future__ import annotations

from lint.document import Document
from lint.engine import FileResult
from lint.rules import SEVERITY_RANK


def location(doc: Document | None, lineno: int | None, column: int | None) -> dict[str, int | None]:
    """A finding's location as the user counts it: page and line on the page for PDF,
    paragraph number for .docx (reported as ``line``), line and column otherwise."""
    if doc is not None and lineno is not None and doc.location_unit == "page":
        line = doc.line_at(lineno)
        if line is not None:
            return {"page": line.page, "line": line.page_line, "column": None}
    if doc is not None and doc.location_unit == "paragraph":
        return {"page": None, "line": lineno, "column": None}
    return {"page": None, "line": lineno, "column": column}


def location_text(doc: Document | None, lineno: int | None, column: int | None) -> str:
    """Short form for text output: 「12:3」, 「¶12」 (.docx), 「p3:12」 (PDF)."""
    loc = location(doc, lineno, column)
    if loc["line"] is None:
        return "-"
    if loc["page"] is not None:
        return f"p{loc['page']}:{loc['line']}"
    if doc is not None and doc.location_unit == "paragraph":
        return f"¶{loc['line']}"
    return f"{loc['line']}:{loc['column']}" if loc["column"] else str(loc["line"])


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
