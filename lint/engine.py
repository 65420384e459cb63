"""Run the pipeline on one document: read → outline → match → rules."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

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
    #: Why this checklist was used, when it was chosen automatically.
    checklist_reason: str | None = None


@dataclass
class Options:
    #: The checklist; None chooses one per document among ``candidates`` (falling back to ``fallback``).
    checklist: Checklist | None
    lang: str = "zh"
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    #: Severity per rule, overriding the rules' own (from the configuration).
    severity: dict[str, str] = field(default_factory=dict)
    #: Out-of-band acceptance: (path, rule, section) → True to drop a finding (from the configuration).
    accepts: Callable[[str, str, str | None], bool] | None = None
    candidates: tuple[Checklist, ...] = ()
    fallback: Checklist | None = None
    #: The layout profile .docx files are checked against (built-in id or file); None: the default.
    layout_profile: str | None = None

    def enabled(self, rule_id: str) -> bool:
        if self.select and rule_id not in self.select:
            return False
        return rule_id not in self.ignore


def choose_checklist(outline: Outline, options: Options) -> tuple[Checklist, str]:
    """Pick the checklist a document is written to, from its title and first headings.

    When neither tells, the opening lines (「现公布…2023年政府信息公开工作年度报告」) do, and then the
    headings that match a checklist's sections on their own words (「一、总体情况」).
    """
    en = options.lang == "en"
    title = outline.title.text if outline.title else ""
    heads = " ".join(h.text for h in outline.top_level()[:3])
    opening = " ".join(ln.text for ln in outline.document.lines[:20] if ln.text)[:600]
    best: tuple[int, Checklist, str] | None = None
    for candidate in options.candidates:
        detect = candidate.detect
        in_title = [p for p in detect.get("title", []) if p in title]
        in_heads = [p for p in detect.get("headings", []) if p in heads]
        score = 2 * len(in_title) + len(in_heads)
        if score and (best is None or score > best[0]):
            if in_title:
                why = f"title contains “{in_title[0]}”" if en else f"标题含「{in_title[0]}」"
            else:
                why = f"headings contain “{in_heads[0]}”" if en else f"一级标题含「{in_heads[0]}」"
            best = (score, candidate, why)
    if best is None:
        for candidate in options.candidates:
            said = next(
                (p for p in candidate.detect.get("title", []) if re.search(re.escape(p) + "[^。]{0,20}报告", opening)),
                None,
            )
            if said:
                why = f"the opening names a “{said}” report" if en else f"开头称「{said}」报告"
                best = (1, candidate, why)
                break
    if best is None:
        positive = [
            (sum(m.reason.kind != "position" for m in match(outline, c).mappings.values()), c)
            for c in options.candidates
        ]
        hits, chosen = max(positive, key=lambda p: p[0], default=(0, None))
        if chosen is not None and hits and [n for n, _ in positive].count(hits) == 1:
            why = "headings match its sections" if en else "一级标题与其各部分相符"
            best = (1, chosen, why)
    if best is not None:
        return best[1], ("chosen automatically: " if en else "自动选择：") + best[2]
    fallback = options.fallback or options.candidates[0]
    return fallback, (
        "default: the report type could not be told from the title and headings"
        if en
        else "默认清单：无法从标题和一级标题判断报告类型"
    )


def rule_failure(rule_id: str, exc: BaseException, lang: str) -> Finding:
    """A rule that failed on this document, reported as an error of that rule (the run goes on)."""
    what = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"
    return Finding(
        rule_id,
        "error",
        None,
        None,
        f"internal error: rule {rule_id} could not check this document ({what})"
        if lang == "en"
        else f"内部错误：规则 {rule_id} 无法检查本文件（{what}）",
        hint="Please report this with the file (REPORTLINT_DEBUG=1 shows details)."
        if lang == "en"
        else "请将此文件反馈给 reportlint 维护者（设置 REPORTLINT_DEBUG=1 可查看详情）。",
    )


def report_types(checklist: Checklist, options: Options) -> tuple[tuple[str, str], ...]:
    """Names (zh, en) of the report types a document could be: the checklist's and the built-in candidates'."""
    names = [
        (c.name.split("（")[0], (c.name_en or c.name).split(" (")[0]) for c in (checklist, *options.candidates)
    ]
    return tuple(dict.fromkeys(names))


@lru_cache(maxsize=1)
def _not_report_titles() -> re.Pattern[str]:
    data = (Path(__file__).parent / "data" / "not_report_titles.txt").read_text("utf-8")
    patterns = [ln.strip() for ln in data.splitlines() if ln.strip() and not ln.startswith("#")]
    return re.compile("|".join(patterns))


def not_a_report(outline: Outline, result: MatchResult, checklist: Checklist, options: Options) -> str | None:
    """Why a document is not a report, or None when it is one.

    The title names another kind of page (a 解读, a 工作指引, a 政府工作报告): the words that tell; no heading
    positively matches a section of the checklist or of any other candidate: "".
    """
    title = outline.title.text if outline.title else ""
    found = _not_report_titles().search(title)
    if found:
        return found.group(0)
    # A title that names a supported report (「…法治政府建设情况报告」) makes it one, even when a partial copy
    # stops before any heading that matches a section.
    types = (checklist, *options.candidates)
    if _REPORT_TITLE.search(title) and any(p in title for c in types for p in c.detect.get("title", [])):
        return None
    # So does a top-level heading with a report type's words (「一、加强党对法治政府建设的领导」), or an opening
    # that says what it reports (「现将2022年度法治政府建设情况报告如下」).
    heads = " ".join(h.text for h in outline.top_level())
    if any(p in heads for c in types for p in c.detect.get("headings", [])):
        return None
    opening = [ln.text for ln in outline.document.lines if ln.text][:3]
    if any(_REPORT_OPENING.search(text) for text in opening):
        return None
    if result.positive() or any(match(outline, c).positive() for c in options.candidates if c is not checklist):
        return None
    return ""


_REPORT_TITLE = re.compile(r"报告|总结|情况$")
_REPORT_OPENING = re.compile(
    r"现将.{0,40}报告如下|关于.{0,30}(?:法治政府建设|政府信息公开).{0,12}的报告"
    r"|^[^，,。]{0,60}?(?:法治政府建设|政府信息公开)[^，,。]{0,20}?(?:报告|总结)"
)

#: Rule families that describe a report's structure; a document that is not a report gets none of them.
_STRUCTURAL = frozenset({"structure", "tables", "content", "document"})
#: Rule families that need the headings: a document on one line (MatchResult.flat) gets none of them.
_UNSTRUCTURED = _STRUCTURAL | {"numbering"}


def lint_document(doc: Document, options: Options) -> FileResult:
    layout = getattr(doc, "layout", None)
    if layout is not None and options.layout_profile:
        layout.profile = options.layout_profile
    outline = build_outline(doc)
    checklist, reason = options.checklist, None
    if checklist is None:
        checklist, reason = choose_checklist(outline, options)
    result = match(outline, checklist)
    flat = outline.flattened()
    why = None if flat else not_a_report(outline, result, checklist, options)
    if why is not None:
        result = MatchResult(not_report=report_types(checklist, options), not_report_title=why)
    if flat:
        # No headings to check: one finding says so instead of every section reported missing.
        result = MatchResult(flat=flat)
    ctx = Context(outline, result, checklist, options.lang)
    findings: list[Finding] = []
    for rule in all_rules().values():
        if not options.enabled(rule.id) or rule.check is None:
            continue
        if result.not_report and rule.family in _STRUCTURAL and rule.id != "not-a-report":
            continue
        if result.flat and rule.family in _UNSTRUCTURED and rule.id != "no-paragraphs":
            continue
        try:
            findings.extend(rule.check(ctx))
        except (Exception, RecursionError) as exc:  # noqa: BLE001 - one rule must not stop the others
            if os.environ.get("REPORTLINT_DEBUG"):
                raise
            findings.append(rule_failure(rule.id, exc, options.lang))
    # An empty section lacks its elements as a matter of course: empty-section says it.  (A missing statistics
    # table stays reported: it is the content evaluators look for first.)
    empty = {f.section for f in findings if f.rule == "empty-section" and f.section}
    findings = [
        f
        for f in findings
        if not doc.suppressed(f.rule, f.line)
        and not (options.accepts and options.accepts(doc.path, f.rule, f.section))
        and not (f.rule == "missing-element" and f.section in empty)
    ]
    for f in findings:
        f.severity = options.severity.get(f.rule, f.severity)
    from lint.fixer import drop_unfixable  # a hint names reportlint fix only where fix repairs

    drop_unfixable(doc, findings, options)
    findings.sort(key=lambda f: (f.line or 0, f.column or 0, -SEVERITY_RANK[f.severity], f.rule))
    return FileResult(doc.path, checklist, doc, outline, result, findings, checklist_reason=reason)


def lint_file(path: str, options: Options, data: bytes | None = None) -> FileResult:
    """Lint one file (or the given bytes under that name); read errors become ``FileResult.error``."""
    try:
        doc = read_bytes(data, path) if data is not None else read_path(path)
    except ReadError as exc:
        return FileResult(path, options.checklist, error=exc.render(options.lang))
    return lint_document(doc, options)
