"""Terminology rules: mandated wordings, outdated references, year consistency, wording."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from lint.document import Line
from lint.rules import Context, Finding, Fix, Rule, register
from lint.rules.examples import GOOD
from lint.terms import Hit

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


class _Spans:
    """Spans of a line, merged and sorted, for a binary-search overlap test (long lines stay linear)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, hit: Hit) -> bool:
        # The merged span starting last before the hit's end is the only one that can overlap it.
        pos = bisect_left(self.starts, hit.end)
        return pos > 0 and self.ends[pos - 1] > hit.start


def _finding(
    ctx: Context,
    rule: str,
    severity: str,
    line: Line,
    hit: Hit,
    zh: str,
    en: str,
    hint: tuple[str, str] | None = None,
    new: str | None = None,
) -> Finding:
    column = line.column_of(hit.start)
    fix = Fix("replace", line.lineno, old=hit.text, new=new, column=column) if new is not None else None
    return Finding(
        rule, severity, line.lineno, column, ctx.t(zh, en), None, ctx.t(*hint) if hint else None, fix
    )


def _body_lines(ctx: Context) -> list[Line]:
    return [ln for ln in ctx.outline.document.lines if ln.text]


@register(
    Rule(
        id="term-variant",
        repairs=True,
        severity="warning",
        family="terms",
        summary={"zh": "规范表述写错", "en": "A mandated formulation is garbled"},
        explain={
            "what_zh": "清单术语表中的规范表述（如「法治政府建设」「中央全面依法治国工作会议」「推进法治建设第一责任人」）"
            "写成了已知的错误写法，或与规范表述只差一个字：换字、相邻两字颠倒或一个字挪位、漏字、多字（只检查四个字以上的表述）。"
            "正确的规范表述、书名号《》内的文件名和例外词不报告。",
            "what_en": "A canonical phrase of the checklist's term list (法治政府建设, 中央全面依法治国工作会议, "
            "推进法治建设第一责任人 …) written in a known wrong form, or one character off: swapped, transposed or moved, "
            "dropped or added (phrases of four or more characters). Correct phrases, 《document titles》 and exceptions "
            "are never flagged.",
            "why_zh": "规范表述写错与缺少章节一样醒目，却最容易被人工审核漏掉。",
            "why_en": "A garbled mandated formulation is as embarrassing as a missing section, and it is what human "
            "reviewers catch last.",
            "fix_zh": "改为规范表述；reportlint fix 会替换唯一确定的写法。",
            "fix_en": "Use the canonical wording; reportlint fix applies single, unambiguous replacements.",
        },
        basis="党中央、国务院文件的规范表述（见清单术语表）",
        bad=GOOD.replace("继续深化法治政府建设", "继续深化法政府治建设"),
        good=GOOD,
    )
)
def term_variant(ctx: Context) -> Iterator[Finding]:
    terms = ctx.checklist.terms
    if terms is None:
        return
    for line in _body_lines(ctx):
        variants = terms.known_variants(line.text)
        near = terms.near_misses(line.text)
        if not variants and not near:
            continue
        protected = terms.protected(line.text)
        silent = _Spans(protected)
        known = [h for h in variants if not silent.overlaps(h)]
        silent = _Spans(protected + [(k.start, k.end) for k in known])
        near = [h for h in near if not silent.overlaps(h)]
        for hit in sorted(known + near, key=lambda h: h.start):
            phrase = hit.item.phrase
            yield _finding(
                ctx,
                "term-variant",
                "warning",
                line,
                hit,
                f"「{hit.text}」应为规范表述「{phrase}」",
                f"“{hit.text}” should be the canonical “{phrase}”",
                ("reportlint fix 可自动替换。", "reportlint fix replaces it."),
                phrase,
            )


@register(
    Rule(
        id="outdated-reference",
        severity="warning",
        family="terms",
        summary={
            "zh": "引用与报告年度不符（过时或超前）",
            "en": "A reference does not fit the report's year",
        },
        explain={
            "what_zh": "术语表为表述标明了适用年度：例如2021年及以后的报告不应再引用《法治政府建设实施纲要（2015—2020年）》、"
            "「七五」普法或国务院《信访条例》（2022年起为《信访工作条例》）；「习近平法治思想」「中央全面依法治国工作会议」"
            "自2020年起使用；晚于报告年度的全会（如2024年报告中的二十届四中全会）也会报告。报告年度取自标题。",
            "what_en": "The term list gives the years a phrase is valid for: reports for 2021 and later should not cite "
            "the 2015—2020 outline, the 七五 legal-education plan or the State Council's 《信访条例》 (replaced by "
            "《信访工作条例》 in 2022); 习近平法治思想 and 中央全面依法治国工作会议 date from 2020; a plenum later than the "
            "report year is flagged too. The report year comes from the title.",
            "why_zh": "沿用旧文件、旧提法说明报告照搬了往年文本，是督察中的典型问题。",
            "why_en": "An outdated reference shows the report was copied from an earlier year's text, a typical "
            "finding of inspections.",
            "fix_zh": "改用现行文件和提法（提示中给出）。",
            "fix_en": "Cite the document or wording in force (the hint names it).",
        },
        basis="《法治政府建设实施纲要（2021—2025年）》；《信访工作条例》（2022年5月1日起施行）",
        bad=GOOD.replace("全年召开", "认真落实国务院《信访条例》，全年召开"),
        good=GOOD.replace("全年召开", "认真落实《信访工作条例》，全年召开"),
    )
)
def outdated_reference(ctx: Context) -> Iterator[Finding]:
    terms, year = ctx.checklist.terms, ctx.outline.year
    if terms is None or year is None:
        return
    for line in _body_lines(ctx):
        for hit in terms.outdated_hits(line.text):
            item = hit.item
            if item.until is not None and year > item.until:
                zh = f"「{hit.text}」已不适用于{year}年度的报告（适用至{item.until}年度）"
                en = f"“{hit.text}” is outdated in a report for {year} (valid up to {item.until})"
            elif item.since is not None and year < item.since:
                zh = f"「{hit.text}」晚于报告年度{year}年（{item.since}年起才有）"
                en = f"“{hit.text}” is later than the report year {year} (from {item.since})"
            else:
                continue
            hint = (
                f"改用{item.use}。" if item.use else item.note or "核对引用。",
                f"Use {item.use}." if item.use else "Check the reference.",
            )
            yield _finding(ctx, "outdated-reference", item.severity, line, hit, zh, en, hint)


@register(
    Rule(
        id="year-mismatch",
        severity="warning",
        family="terms",
        summary={
            "zh": "标题、章节和计划部分的年份不一致",
            "en": "The years of title, headings and plans disagree",
        },
        explain={
            "what_zh": "报告年度取自标题（没有标题时取开头）。清单为各部分标明年份（year_offset）：总结部分的标题只应写报告年度"
            "（2024年报告中的「2023年主要举措」有误），计划部分的标题应写下一年度。",
            "what_en": "The report year comes from the title (or the opening). The checklist gives each section its "
            "year (year_offset): headings of the review sections name the report year (「2023年主要举措」 in a 2024 "
            "report is wrong), the plans section names the next year.",
            "why_zh": "年份不一致通常是套用往年报告时漏改，报告年度是被报告的年度（2024年初写的是2023年度报告）。",
            "why_en": "Disagreeing years usually come from reusing last year's report; the report year is the year "
            "reported on (a report written early in 2024 covers 2023).",
            "fix_zh": "统一年份。",
            "fix_en": "Make the years agree.",
        },
        basis="《法治政府建设与责任落实督察工作规定》：报告上一年度情况和下一年度安排",
        bad=GOOD.replace("一、2023年主要举措和成效", "一、2022年主要举措和成效"),
        good=GOOD,
    )
)
def year_mismatch(ctx: Context) -> Iterator[Finding]:
    year = ctx.outline.year
    if year is None:
        return
    source = ctx.t("标题", "the title") if ctx.outline.title else ctx.t("开头", "the opening")
    for sid, headings in ctx.match.by_section.items():
        offset = ctx.checklist.sections[sid].year_offset
        if offset is None:
            continue
        for h in headings:
            if h.level != 1:
                continue
            m = _YEAR.search(h.text)
            if not m or int(m.group(1)) == year + offset:
                continue
            expected = year + offset
            column = h.line.column_of(h.line.text.find(m.group(0))) if m.group(0) in h.line.text else h.column
            yield Finding(
                "year-mismatch",
                "warning",
                h.lineno,
                column,
                ctx.t(
                    f"{ctx.label(sid)}的标题写「{m.group(1)}年」，按{source}的{year}年度应为「{expected}年」",
                    f"The heading of {ctx.label(sid)} says {m.group(1)}; with {year} from {source} it should be {expected}",
                ),
                sid,
                ctx.t(
                    f"核对年份：标题中的年度与报告年度应一致（改为「{expected}年」，或更正报告标题的年度）。",
                    f"Check the year: write {expected}, or correct the report's year in its title.",
                ),
            )


@register(
    Rule(
        id="wording",
        repairs=True,
        severity="info",
        family="terms",
        summary={"zh": "用词不规范", "en": "Non-standard wording"},
        explain={
            "what_zh": "术语表列出的不规范用词：「截止目前」→「截至目前」、报告中的「汇报如下」→「报告如下」、"
            "该用「法治」的固定搭配写成「法制」（法制宣传教育、科学化、民主化、法制化、法制建设……）。"
            "「法制审核」等例外词、「学法制度」这类「学法+制度」的组合、书名号内的文件名不报告。",
            "what_en": "Wordings the term list marks as non-standard: 「截止目前」→「截至目前」, 「汇报如下」 in a 报告 → "
            "「报告如下」, 法制 in collocations that take 法治 (法制宣传教育, 科学化、民主化、法制化, 法制建设 …). "
            "Exceptions such as 法制审核, word pairs like 学法+制度, and 《document titles》 are not flagged.",
            "why_zh": "「法治」与「法制」含义不同，党的十五大以来相关固定搭配使用「法治」；「截至」表示到某时为止。",
            "why_en": "法治 (rule of law) and 法制 (legal system) differ; the collocations listed take 法治. 截至 means "
            "'up to', 截止 'to end'.",
            "fix_zh": "按提示替换；reportlint fix 可自动替换。",
            "fix_en": "Replace as suggested; reportlint fix does it.",
        },
        basis="《法治政府建设实施纲要（2021—2025年）》等文件的规范用语",
        bad=GOOD.replace("全年召开", "截止目前召开"),
        good=GOOD.replace("全年召开", "截至目前召开"),
    )
)
def wording(ctx: Context) -> Iterator[Finding]:
    terms = ctx.checklist.terms
    if terms is None:
        return
    for line in _body_lines(ctx):
        hits = terms.wording_hits(line.text)
        silent = _Spans(terms.protected(line.text)) if hits else None
        for hit in hits:
            if silent.overlaps(hit):
                continue
            item = hit.item
            new = hit.text.replace(item.wrong, item.right) if item.wrong in hit.text else item.right
            yield _finding(
                ctx,
                "wording",
                "info",
                line,
                hit,
                f"「{hit.text}」应为「{new}」" + (f"（{item.note}）" if item.note else ""),
                f"“{hit.text}” should be “{new}”",
                ("reportlint fix 可自动替换。", "reportlint fix replaces it."),
                new,
            )
