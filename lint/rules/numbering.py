"""Numbering rules: heading markers count up by one and fit their level (GB/T 9704-2012)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from lint.outline import CANONICAL_RANK, Heading, format_marker, rank
from lint.rules import Context, Finding, Fix, Rule, register

BASIS = "GB/T 9704-2012《党政机关公文格式》7.3.3：结构层次序数依次用「一、」「（一）」「1.」「（1）」标注"
_CORRECT = {
    "cn": re.compile(r"^[一二三四五六七八九十百零〇两]+、$"),
    "cn-paren": re.compile(r"^（[一二三四五六七八九十百零〇两]+）$"),
    "arabic": re.compile(r"^\d+[.．]$"),
    "arabic-paren": re.compile(r"^（\d+）$"),
}
_SEQ_GOOD = (
    "2023年法治政府建设情况报告\n\n一、主要举措和成效\n（一）加强组织领导。召开会议4次。\n（二）规范执法。办案12件。\n"
    "二、存在的不足和原因\n一是队伍不强。原因是培训不够。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
    "主要负责人带头学法。\n四、下一年度工作安排\n继续深化法治政府建设。\n"
)


def _numbered(group: list[Heading]) -> list[Heading]:
    return [h for h in group if h.number is not None and h.kind in CANONICAL_RANK]


@register(
    Rule(
        id="numbering-sequence",
        repairs=True,
        severity="error",
        family="numbering",
        summary={"zh": "标题序号不连续", "en": "Heading numbers do not count up by one"},
        explain={
            "what_zh": "同一上级标题下、同一层级的标题序号必须从一开始逐一递增：跳号（一、三、）、重号（两个「（三）」）、"
            "中途重新从一开始、不从一开始，都会报告，并给出应有的序号。",
            "what_en": "Within one parent, headings of one level must count up by one from one: gaps (一、 三、), "
            "repeats (two 「（三）」), restarts and sequences not starting at one are reported with the expected number.",
            "why_zh": "序号错误是审核退回的常见原因，也往往说明合并稿件时漏掉或重复了内容。",
            "why_en": "Misnumbering is a common reason for a reviewer to send a report back, and often shows content "
            "lost or duplicated while merging drafts.",
            "fix_zh": "按提示改正序号；reportlint fix 可重新编号整个层级。",
            "fix_en": "Correct the numbers as suggested; reportlint fix renumbers the whole level.",
        },
        basis=BASIS,
        bad=_SEQ_GOOD.replace("（二）规范执法", "（三）规范执法"),
        good=_SEQ_GOOD,
    )
)
def numbering_sequence(ctx: Context) -> Iterator[Finding]:
    last: dict[tuple[int, str], int] = {}  # the last number of each level and kind, in document order
    for group in ctx.outline.sibling_groups():
        numbered = _numbered(group)
        if not numbered:
            continue
        # Items that run on across their parents on purpose (「（一）1. 2.」「（二）3.」) continue a sequence.
        key = (numbered[0].level, numbered[0].kind)
        first = numbered[0].number or 0
        start = first if first > 1 and last.get(key) == first - 1 and numbered[0].parent is not None else 1
        last[key] = numbered[-1].number or 0
        # A top-level heading that maps to no section and breaks the sequence (a stray line numbered like a
        # heading) does not shift the expectation; unknown-section reports it.
        unknown = {id(h) for h in ctx.match.unknown}
        kept: list[Heading] = []
        for h in numbered:
            if id(h) in unknown and h.number != ((kept[-1].number or 0) + 1 if kept else start):
                continue
            kept.append(h)
        numbered = kept
        # One finding per discontinuity: after a wrong number the next heading is expected to follow the
        # number actually written.  The finding's fixes renumber the whole run up to the next discontinuity.
        # A heading that stands where it belongs counting from the start is not a break either (「一二三五五」:
        # only the first 「五、」 is wrong).
        breaks = [
            i
            for i, h in enumerate(numbered)
            if h.number != ((numbered[i - 1].number or 0) + 1 if i else start) and h.number != i + start
        ]
        for n, i in enumerate(breaks):
            h, position = numbered[i], i + start
            kind = ctx.outline.effective_kind(h)
            expected = format_marker(kind, position) if kind in _CORRECT else str(position)
            previous = numbered[i - 1] if i else None
            if previous is not None and previous.number == h.number:
                what = ctx.t("序号重复", "repeated number")
            elif previous is None:
                what = ctx.t("没有从一开始", "does not start at one")
            elif h.number < (previous.number or 0):
                what = ctx.t("序号重新开始", "numbering restarts")
            else:
                what = ctx.t("跳号", "number skipped")
            end = breaks[n + 1] if n + 1 < len(breaks) else len(numbered)
            fixes = [
                Fix("marker", o.lineno, old=o.marker, number=p)
                for p, o in enumerate(numbered[i:end], start=position)
                if o.number != p
            ]
            follow = len(fixes) - 1 if fixes and fixes[0].lineno == h.lineno else len(fixes)
            hint = ctx.t("改正序号（reportlint fix 可自动重新编号）。", "Fix the number (reportlint fix renumbers).")
            if follow > 0:
                hint = ctx.t(
                    f"改正序号，其后{follow}个同级标题随之顺延（reportlint fix 可自动重新编号）。",
                    f"Fix the number and the {follow} sibling(s) after it (reportlint fix renumbers).",
                )
            yield Finding(
                "numbering-sequence",
                "error",
                h.lineno,
                h.column,
                ctx.t(
                    f"标题「{h.marker}{h.text}」{what}：此处应为第{position}个，即「{expected}」",
                    f"Heading “{h.marker}{h.text}”: {what}; it is number {position} here (“{expected}”)",
                ),
                None,
                hint,
                fixes[0] if fixes else None,
                tuple(fixes[1:]),
            )


def _style_problem(marker: str, kind: str, lang: str) -> str | None:
    if kind not in _CORRECT or _CORRECT[kind].match(marker):
        return None
    en = lang == "en"
    if "(" in marker or ")" in marker:
        return "half-width brackets" if en else "使用了半角括号"
    if kind in ("cn-paren", "arabic-paren"):
        return "punctuation after a bracketed number" if en else "括号序号后不应再加标点"
    if kind == "arabic":
        return "Arabic numerals take a full stop 「.」" if en else "阿拉伯数字后应用下脚点「.」"
    return "Chinese numerals take 「、」" if en else "汉字数字后应用顿号「、」"


@register(
    Rule(
        id="numbering-style",
        repairs=True,
        severity="warning",
        family="numbering",
        summary={"zh": "标题编号样式不符合层级", "en": "A heading marker does not fit its level"},
        explain={
            "what_zh": "各层级编号依次为「一、」「（一）」「1.」「（1）」。报告「1、」（阿拉伯数字后用了顿号）、半角括号「(一)」、"
            "括号后加标点「（一）、」、同级标题混用两种样式（如「1、」与「二、」并列），以及跳过层级（「一、」下直接用「1.」，仅提示）。"
            "层级由上下文判断，本规则只报告样式，不改变提纲。",
            "what_en": "Levels are numbered 「一、」「（一）」「1.」「（1）」. Reports 「1、」 (Arabic numeral with 、), "
            "half-width 「(一)」, punctuation after brackets 「（一）、」, two styles on one level (「1、」 beside 「二、」), "
            "and skipped levels (「1.」 right under 「一、」, info only). Levels come from context; this rule reports "
            "the style and does not change the outline.",
            "why_zh": "GB/T 9704-2012 规定了结构层次序数；样式错误是最常见的格式退改原因之一。",
            "why_en": "GB/T 9704-2012 fixes the markers of each level; wrong markers are among the most common "
            "formatting corrections.",
            "fix_zh": "按提示改写编号；reportlint fix 可自动改正。",
            "fix_en": "Rewrite the marker as suggested; reportlint fix does it automatically.",
        },
        basis=BASIS,
        bad=_SEQ_GOOD.replace("（一）加强", "(一)加强").replace("（二）规范", "(二)规范"),
        good=_SEQ_GOOD,
    )
)
def numbering_style(ctx: Context) -> Iterator[Finding]:
    outline = ctx.outline
    for group in outline.sibling_groups():
        numbered = _numbered(group)
        if not numbered:
            continue
        kinds = Counter(outline.effective_kind(h) for h in numbered)
        majority = max(
            kinds, key=lambda k: (kinds[k], -[outline.effective_kind(h) for h in numbered].index(k))
        )
        parent = numbered[0].parent
        parent_rank = (
            rank(outline.effective_kind(parent))
            if parent is not None and parent.kind in CANONICAL_RANK
            else 0
        )
        target = majority
        if parent is None and majority in _CORRECT and rank(majority) > 1:
            target = "cn"  # top-level headings are numbered 「一、」
        elif parent is not None and majority in _CORRECT and rank(majority) > parent_rank + 1:
            first = numbered[0]
            missing = [
                k for k, r in CANONICAL_RANK.items() if parent_rank < r < rank(majority) and k != "cn-part"
            ]
            example = "、".join(f"「{format_marker(k, 1)}」" for k in missing)
            yield Finding(
                "numbering-style",
                "info",
                first.lineno,
                first.column,
                ctx.t(
                    f"「{parent.marker}{parent.text}」下直接使用「{first.marker}」，跳过了{example}层级",
                    f"“{first.marker}” directly under “{parent.marker}{parent.text}” skips the level of {example}",
                ),
                None,
                ctx.t(
                    "可以跳级，但请确认不是漏写了上一层级。",
                    "Skipping is allowed; check no level is missing.",
                ),
            )
        others = [o.marker for o in numbered if o.kind == target][:1]
        for h in numbered:
            if h.kind == target:
                problem = _style_problem(h.marker, h.kind, ctx.lang)
            elif target in _CORRECT:
                problem = (
                    (ctx.t(f"与同级标题「{others[0]}」样式不一致", f"differs from its sibling “{others[0]}”"))
                    if others
                    else ctx.t("一级标题应使用「一、」", "top-level headings are numbered 「一、」")
                )
            else:
                problem = None
            if problem is None:
                continue
            expected = format_marker(target, h.number or 1)
            yield Finding(
                "numbering-style",
                "warning",
                h.lineno,
                h.column,
                ctx.t(
                    f"标题编号「{h.marker}」应写作「{expected}」：{problem}",
                    f"Heading marker “{h.marker}” should be “{expected}”: {problem}",
                ),
                None,
                ctx.t(
                    "改写编号（reportlint fix 可自动改正）。", "Rewrite the marker (reportlint fix does it)."
                ),
                Fix("marker", h.lineno, old=h.marker, style=target),
            )
