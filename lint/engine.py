"""Run the pipeline on one document: read → outline → match → rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lint.checklist import Checklist
from lint.document import Document
from lint.matcher import MatchResult, match
from lint.outline import Outline, build_outline
from lint.readers import ReadError, read_bytes, read_path
from lint.rules import SEVERITY_RANK, Context, Finding, all_rules


@dataclass
class FileResult:
    path: str
    checklist: Checklist | None = None
    document: Document | None = None
    outline: Outline | None = None
    match: MatchResult | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None


@dataclass
class Options:
    checklist: Checklist
    lang: str = "zh"
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    #: Severity per rule, overriding the rules' own (from the configuration).
    severity: dict[str, str] = field(default_factory=dict)
    #: Out-of-band acceptance: (path, rule, section) → True to drop a finding (from the configuration).
    accepts: Callable[[str, str, str | None], bool] | None = None

    def enabled(self, rule_id: str) -> bool:
        if self.select and rule_id not in self.select:
            return False
        return rule_id not in self.ignore


def lint_document(doc: Document, options: Options) -> FileResult:
    outline = build_outline(doc)
    result = match(outline, options.checklist)
    ctx = Context(outline, result, options.checklist, options.lang)
    findings: list[Finding] = []
    for rule in all_rules().values():
        if options.enabled(rule.id) and rule.check is not None:
            findings.extend(rule.check(ctx))
    findings = [
        f
        for f in findings
        if not doc.suppressed(f.rule, f.line)
        and not (options.accepts and options.accepts(doc.path, f.rule, f.section))
    ]
    for f in findings:
        f.severity = options.severity.get(f.rule, f.severity)
    findings.sort(key=lambda f: (f.line or 0, f.column or 0, -SEVERITY_RANK[f.severity], f.rule))
    return FileResult(doc.path, options.checklist, doc, outline, result, findings)


def lint_file(path: str, options: Options, data: bytes | None = None) -> FileResult:
    """Lint one file (or the given bytes under that name); read errors become ``FileResult.error``."""
    try:
        doc = read_bytes(data, path) if data is not None else read_path(path)
    except ReadError as exc:
        return FileResult(path, options.checklist, error=exc.render(options.lang))
    return lint_document(doc, options)
