"""JSON output: a versioned contract read by tests and CI tools."""

from __future__ import annotations

import json
from typing import Any

from lint.engine import FileResult
from lint.formatters import Formatter, Tally, location, snippet
from lint.outline import Outline

VERSION = 1


def _no_column(loc: dict[str, int | None]) -> dict[str, int | None]:
    return {k: v for k, v in loc.items() if k != "column"}


def outline_json(result: FileResult) -> list[dict[str, Any]]:
    outline: Outline | None = result.outline
    if outline is None or result.match is None:
        return []
    items = []
    for h in outline.headings:
        m = result.match.section_of(h)
        items.append(
            {
                **_no_column(location(outline.document, h.lineno, None)),
                "level": h.level,
                "marker": h.marker,
                "text": h.text,
                "section": m.section if m else None,
                "score": m.score if m else None,
                "reason": m.reason.render("en") if m else None,
            }
        )
    return items


def file_json(result: FileResult) -> dict[str, Any]:
    if result.error is not None:
        return {"path": result.path, "error": result.error}
    doc, outline = result.document, result.outline
    assert doc is not None and outline is not None
    return {
        "path": result.path,
        "format": doc.format,
        "encoding": doc.encoding,
        "location_unit": doc.location_unit,
        "checklist": result.checklist.id if result.checklist else None,
        "checklist_reason": result.checklist_reason,
        "title": {"text": outline.title.text, **_no_column(location(doc, outline.title.line.lineno, None))}
        if outline.title
        else None,
        "year": outline.year,
        "outline": outline_json(result),
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                **location(doc, f.line, f.column),
                "section": f.section,
                "message": f.message,
                "hint": f.hint,
                **({"snippet": snippet(doc, f.line)} if doc.location_unit != "line" else {}),
            }
            for f in result.findings
        ],
    }


def _indented(data: dict, prefix: str) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "\n".join(prefix + line for line in text.split("\n"))


class JsonFormatter(Formatter):
    """``{"version", "files": [...], "summary"}``, the files array written as results arrive."""

    def start(self) -> None:
        self.first = True
        self.out.write(f'{{\n  "version": {VERSION},\n  "files": [')

    def file(self, result: FileResult) -> None:
        self.emit(self.render(result))

    renders_in_workers = True

    def render(self, result: FileResult) -> tuple[str, str]:
        return _indented(file_json(result), "    "), ""

    def emit(self, rendered: tuple[str, str]) -> None:
        self.out.write(("\n" if self.first else ",\n") + rendered[0])
        self.first = False

    def worker_options(self) -> dict:
        return {}

    def end(self, tally: Tally) -> None:
        closing = "\n  ]" if not self.first else "]"
        summary_text = json.dumps(tally.as_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self.out.write(f'{closing},\n  "summary": {summary_text}\n}}\n')
        self.out.flush()


class JsonLinesFormatter(Formatter):
    """One JSON object per line and file (``file_json``), then a last line ``{"summary": …}``."""

    def file(self, result: FileResult) -> None:
        self.emit(self.render(result))

    renders_in_workers = True

    def render(self, result: FileResult) -> tuple[str, str]:
        return json.dumps(file_json(result), ensure_ascii=False) + "\n", ""

    def worker_options(self) -> dict:
        return {}

    def end(self, tally: Tally) -> None:
        self.out.write(json.dumps({"summary": tally.as_dict()}, ensure_ascii=False) + "\n")
        self.out.flush()
