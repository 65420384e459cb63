"""``copied-report``: a report that repeats last year's report of the same unit.

It compares two reports, so it is not a per-document rule: :func:`digest` keeps what the comparison needs of
one lint result (its body paragraphs with the figures masked, and its table figures), and :func:`compare`
turns a pair of digests into ordinary findings.  ``review`` pairs the reports of a folder by unit and year;
``--previous FILE`` names last year's report explicitly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lint.outline import is_table_row
from lint.reportinfo import report_kind, report_unit, unit_key
from lint.rules import Finding

if TYPE_CHECKING:
    from lint.engine import FileResult

_DIGITS = re.compile(r"[0-9０-９〇○零一二三四五六七八九十百千万]+(?=[年月日件条个次项人场期届])|[0-9０-９.．%％]+")
_BLANKS = re.compile(r"[\s\u3000]+")
_CELL_SPLIT = re.compile(r"[│┃|\t]+")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

COPY_RULE_ID = "copied-report"
#: Paragraphs shorter than this are boilerplate (「现将有关情况报告如下：」) and never count.
COPY_MIN_PARAGRAPH = 30
#: Two paragraphs at least this similar (rapidfuzz ratio, figures masked) are "nearly the same".
COPY_SIMILARITY = 90
#: The share of the body that must be copied before the report is called copied.
COPY_MIN_SHARE = 0.3
#: At most this many paragraphs of a report are compared (bounded time on a runaway file).
COPY_MAX_PARAGRAPHS = 2000
#: Separates last year's report from this year's in the rule's explain examples.
COPY_EXAMPLE_SEPARATOR = "=====（以上为上一年度报告 / above: last year's report）====="


def split_example(text: str) -> tuple[str, str]:
    """An explain example as (last year's report, this year's report)."""
    previous, _, current = text.partition(COPY_EXAMPLE_SEPARATOR + "\n")
    return previous, current


@dataclass
class Digest:
    """What the comparison needs of one report; small enough to keep for every report of a folder."""

    path: str
    kind: str
    unit: str | None
    unit_key: str | None
    year: int | None
    #: (line number, location in words, masked text) of each body paragraph long enough to count.
    paragraphs: list[tuple[int, str, str]]
    #: The figures of the table rows, in order.
    tables: tuple[tuple[str, ...], ...]


def mask(text: str) -> str:
    """Text with figures and blanks removed, so that a copy with the year changed still compares equal."""
    return _DIGITS.sub("#", _BLANKS.sub("", text))


def digest(result: FileResult, lang: str = "zh") -> Digest | None:
    """The digest of a lint result, or None for an unreadable file."""
    outline, doc = result.outline, result.document
    if outline is None or doc is None or result.checklist is None:
        return None
    heads = {h.index: h for h in outline.headings}
    paragraphs = []
    tables = []
    for i, line in enumerate(doc.lines):
        if not line.text or i in outline.front:
            continue
        if line.table or is_table_row(line.text):
            cells = [c.strip() for c in _CELL_SPLIT.split(line.text) if c.strip()]
            figures = tuple(c for c in cells if _NUMBER.fullmatch(c))
            if figures:
                tables.append(figures)
            continue
        text = mask(heads[i].inline_body if i in heads else line.text)  # a run-in heading's body counts
        if len(text) >= COPY_MIN_PARAGRAPH and len(paragraphs) < COPY_MAX_PARAGRAPHS:
            paragraphs.append((line.lineno, doc.describe(line.lineno, lang), text))
    unit = report_unit(outline)
    return Digest(
        result.path,
        report_kind(result.checklist.id),
        unit,
        unit_key(unit),
        outline.year,
        paragraphs,
        tuple(tables),
    )


def same_unit(a: Digest, b: Digest) -> bool:
    """Whether two digests are of the same unit: equal keys, or one the other with its county in front."""
    if not a.unit_key or not b.unit_key:
        return False
    short, long = sorted((a.unit_key, b.unit_key), key=len)
    return len(short) >= 2 and long.endswith(short)


def find_previous(current: Digest, pool: Iterable[Digest]) -> Digest | None:
    """Last year's report of the same unit and kind among ``pool``."""
    if current.year is None:
        return None
    for other in pool:
        if (
            other is not current
            and other.kind == current.kind
            and other.year == current.year - 1
            and same_unit(current, other)
        ):
            return other
    return None


def compare(current: Digest, previous: Digest, lang: str = "zh") -> list[Finding]:
    """Findings of ``copied-report`` for ``current`` against last year's ``previous``."""
    from rapidfuzz import fuzz, process

    en = lang == "en"
    findings: list[Finding] = []
    earlier = [text for _, _, text in previous.paragraphs]
    exact = set(earlier)
    copied = []
    total = sum(len(text) for _, _, text in current.paragraphs)
    for lineno, where, text in current.paragraphs:
        if text in exact or (
            earlier and process.extractOne(text, earlier, scorer=fuzz.ratio, score_cutoff=COPY_SIMILARITY)
        ):
            copied.append((lineno, where, len(text)))
    share = sum(n for _, _, n in copied) / total if total else 0.0
    name = previous.path
    if copied and share >= COPY_MIN_SHARE:
        places = "、".join(w for _, w, _ in copied[:5]) if not en else ", ".join(w for _, w, _ in copied[:5])
        more = ("等" if not en else " and others") if len(copied) > 5 else ""
        findings.append(
            Finding(
                COPY_RULE_ID,
                "warning",
                copied[0][0],
                None,
                f"{share:.0%} of the body repeats last year's report {name}: {len(copied)} of "
                f"{len(current.paragraphs)} paragraphs the same or nearly the same ({places}{more})"
                if en
                else f"正文的{share:.0%}与上一年度报告 {name} 雷同：{len(current.paragraphs)}段中{len(copied)}段相同或"
                f"几乎相同（{places}{more}）",
                None,
                "Rewrite these paragraphs from this year's work." if en else "按本年度实际工作重写这些段落。",
            )
        )
    if (
        current.kind == "xxgk"
        and len(current.tables) >= 3
        and current.tables == previous.tables
        and any(float(c) != 0 for row in current.tables for c in row)
    ):
        findings.append(
            Finding(
                COPY_RULE_ID,
                "warning",
                None,
                None,
                f"The statistics tables repeat last year's report {name} figure for figure ({len(current.tables)} rows)"
                if en
                else f"统计表数据与上一年度报告 {name} 完全相同（{len(current.tables)}行）",
                None,
                "Check the table figures against this year's records."
                if en
                else "按本年度台账核对统计表数据。",
            )
        )
    return findings


def add_copied(results: Iterable[FileResult], previous: FileResult, lang: str, options_for) -> None:
    """``check --previous FILE``: compare every result with ``previous`` and add the findings to it.

    ``options_for(path)`` gives each file's options, so --select/--ignore and configured severities apply.
    """
    before = digest(previous, lang)
    if before is None:
        return
    for result in results:
        options = options_for(result.path)
        current = digest(result, lang)
        if current is None or not options.enabled(COPY_RULE_ID):
            continue
        for f in compare(current, before, lang):
            f.severity = options.severity.get(f.rule, f.severity)
            result.findings.append(f)
