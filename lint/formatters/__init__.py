"""Formatters turn lint results into output; they never compute findings.

Every formatter streams: ``start()``, then ``file(result)`` once per file as
soon as its result is final, then ``end(tally)``.  Nothing but a small tally
is kept between files, so memory stays flat however many files are checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TextIO

from lint.document import Document
from lint.engine import FileResult
from lint.rules import SEVERITY_RANK

FORMATS = ["text", "json", "jsonl", "sarif", "github", "junit", "csv"]

#: C0/C1 control characters other than tab and newline, and DEL: shown escaped, never sent to a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text safe for a terminal or a CI log: control and escape characters shown as ``\\x1b``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


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


def snippet(doc: Document | None, lineno: int | None, width: int = 16) -> str | None:
    """The first characters of the finding's paragraph as they stand in the file (``Document.snippet`` without
    its quotes), to find the place with Ctrl+F in Word."""
    if doc is None or lineno is None:
        return None
    quoted = doc.snippet(lineno, width=width)
    return quoted[1:-1] if quoted else None


@dataclass
class FileRow:
    """What the end-of-run summary needs of one file."""

    path: str
    checklist: str | None
    errors: int
    warnings: int
    info: int
    error: str | None = None


def row_of(result: FileResult) -> FileRow:
    """A file's line in the summary: its checklist and counts, or its error."""
    if result.error is not None:
        return FileRow(result.path, None, 0, 0, 0, result.error)
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in result.findings:
        counts[f.severity] += 1
    cid = result.checklist.id if result.checklist else None
    return FileRow(result.path, cid, counts["error"], counts["warning"], counts["info"])


@dataclass
class Tally:
    """Counts over the run, added to file by file."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    info: int = 0
    unreadable: int = 0
    worst: int = 0
    rows: list[FileRow] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        self.add_row(row_of(result))

    def add_row(self, row: FileRow) -> None:
        """Count one file from its row (what a ``--jobs`` worker sends back instead of the result)."""
        self.files += 1
        self.rows.append(row)
        if row.error is not None:
            self.unreadable += 1
            return
        self.errors += row.errors
        self.warnings += row.warnings
        self.info += row.info
        for sev, n in (("error", row.errors), ("warning", row.warnings), ("info", row.info)):
            if n:
                self.worst = max(self.worst, SEVERITY_RANK[sev])

    def as_dict(self) -> dict[str, int]:
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "info": self.info,
            "unreadable": self.unreadable,
        }

    def exit_code(self, fail_on: str) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 when a file could not be read."""
        if self.unreadable:
            return 2
        if fail_on == "never":
            return 0
        return int(self.worst >= SEVERITY_RANK[fail_on])


def fails(severity: str, fail_on: str) -> bool:
    """Whether a finding of this severity makes the run fail under ``fail_on``."""
    return fail_on != "never" and SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on]


class Formatter:
    """Base of the streaming formatters."""

    def __init__(self, out: TextIO, lang: str = "zh", **options) -> None:
        self.out, self.lang, self.options = out, lang, options

    def start(self) -> None:
        """Called once before the first file."""

    def file(self, result: FileResult) -> None:
        """Called once per file, in input order."""

    def end(self, tally: Tally) -> None:
        """Called once after the last file."""

    def render(self, result: FileResult) -> tuple[str, str]:
        """One file's output as (stdout text, stderr text), without writing it: what a ``--jobs`` worker
        computes so that the parent only writes.  Formatters that keep state across files return ("", "")
        and are fed whole results instead (see ``renders_in_workers``)."""
        return "", ""

    #: Whether ``render`` can run in a worker process (the output of a file depends on nothing else).
    renders_in_workers = False

    def emit(self, rendered: tuple[str, str]) -> None:
        """Write what ``render`` produced (in input order)."""
        out, err = rendered
        if out:
            self.out.write(out)
        if err:
            errs = self.options.get("err") or self.out
            errs.write(err)


def make(fmt: str, out: TextIO, lang: str, **options) -> Formatter:
    """The formatter for ``fmt``; heavy modules are imported only for the format asked for."""
    if fmt == "text":
        from lint.formatters.text import TextFormatter

        return TextFormatter(out, lang, **options)
    if fmt in ("json", "jsonl"):
        from lint.formatters.json import JsonFormatter, JsonLinesFormatter

        return (JsonFormatter if fmt == "json" else JsonLinesFormatter)(out, lang, **options)
    if fmt == "sarif":
        from lint.formatters.sarif import SarifFormatter

        return SarifFormatter(out, lang, **options)
    if fmt == "github":
        from lint.formatters.github import GithubFormatter

        return GithubFormatter(out, lang, **options)
    if fmt == "junit":
        from lint.formatters.junit import JunitFormatter

        return JunitFormatter(out, lang, **options)
    if fmt == "csv":
        from lint.formatters.csv import CsvFormatter

        return CsvFormatter(out, lang, **options)
    raise ValueError(fmt)
