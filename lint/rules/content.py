"""Content rules: elements a section must contain (e.g. causes of the shortcomings)."""

from __future__ import annotations

from collections.abc import Iterator

from lint.rules import Context, Finding, Rule, register
from lint.rules.examples import DUTY, GOOD, MEASURES, PLANS, TITLE
from lint.rules.structure import BASIS


def _element_hint(ctx: Context, element) -> str:
    if element.id == "causes":
        return ctx.t(
            "分析问题产生的原因（如「究其原因，主要是……」「由于……」），不要只列举问题。",
            "Analyse why the problems arose (e.g. 「究其原因，主要是……」), not only list them.",
        )
    return ctx.t(
        f"补写{element.name}（如：" + "、".join(element.patterns[:3]) + "）。",
        f"Add {element.name_en or element.name} (e.g. " + ", ".join(element.patterns[:3]) + ").",
    )


@register(
    Rule(
        id="missing-element",
        severity="warning",
        family="content",
        summary={"zh": "部分缺少必备要素", "en": "A section lacks a required element"},
        explain={
            "what_zh": "清单为部分规定了必备要素（elements）及其识别词，例如「存在的不足和原因」须写明原因"
            "（原因、究其、根源、由于、导致……；「认识不足」「缺乏」之类只是问题本身，不算原因）。只检查正文，不检查标题本身。",
            "what_en": "A checklist section may list required elements with the phrases that show them, e.g. the "
            "shortcomings must give causes (原因, 究其, 根源, 由于, 导致 …; problem words such as 认识不足 or 缺乏 describe the problem, not its cause). Only the body is searched, not "
            "the heading.",
            "why_zh": "规定要求写明「不足和原因」，只罗列问题不分析原因是最常见的内容缺陷之一。",
            "why_en": "The regulation asks for shortcomings and their causes; listing problems without causes is "
            "one of the most common defects.",
            "fix_zh": "在该部分补写要素，例如「究其原因，一是……」。",
            "fix_en": "Add the element to the section, e.g. 「究其原因，一是……」.",
        },
        basis=BASIS,
        bad=TITLE
        + MEASURES
        + "二、存在的问题\n一是执法队伍专业化程度不高。二是普法形式单一。\n"
        + DUTY
        + PLANS,
        good=GOOD,
    )
)
def missing_element(ctx: Context) -> Iterator[Finding]:
    outline = ctx.outline
    for sid, headings in ctx.match.by_section.items():
        section = ctx.checklist.sections[sid]
        if not section.elements:
            continue
        top = [h for h in headings if h.level == 1] or headings[:1]
        text = "\n".join(outline.section_text(h) for h in top)
        for element in section.elements:
            if any(p in text for p in element.patterns):
                continue
            h = top[0]
            name = element.name_en or element.name if ctx.lang == "en" else element.name
            yield Finding(
                "missing-element",
                element.severity,
                h.lineno,
                h.column,
                ctx.t(f"{ctx.label(sid)}缺少{name}", f"{ctx.label(sid)} lacks {name}"),
                sid,
                _element_hint(ctx, element),
            )


@register(
    Rule(
        id="coverage",
        severity="info",
        family="content",
        summary={"zh": "报告未提及部分任务领域", "en": "The report never mentions some task areas"},
        explain={
            "what_zh": "清单列出应当覆盖的任务领域（coverage，如《法治政府建设实施纲要（2021—2025年）》的八个方面）及其关键词，"
            "报告全文一个关键词都没有出现的领域列为提示。",
            "what_en": "The checklist lists task areas the report should cover (coverage, e.g. the eight areas of the "
            "2021—2025 outline) with their keywords; areas whose keywords never appear are listed as info.",
            "why_zh": "年度报告应全面反映纲要各项任务的落实情况，遗漏的领域往往是工作短板。",
            "why_en": "The report should cover every task of the outline; an area never mentioned is often a gap.",
            "fix_zh": "补充这些领域的工作情况，或说明未开展的原因。",
            "fix_en": "Report on these areas, or say why nothing was done.",
        },
        basis="《法治政府建设实施纲要（2021—2025年）》",
        bad=GOOD,
        good=GOOD.replace(
            "全年召开",
            "健全政府机构职能体系，完善依法行政制度体系，推进行政决策科学化，严格行政执法，"
            "提高突发事件应对能力，化解矛盾纠纷，强化权力制约监督，建设数字法治政府，全年召开",
        ),
        checklist="fazhi-thematic",
    )
)
def coverage(ctx: Context) -> Iterator[Finding]:
    spec = ctx.checklist.coverage
    if not spec:
        return
    text = "\n".join(ln.text for ln in ctx.outline.document.lines)
    missing = [a["name"] for a in spec.get("areas", []) if not any(k in text for k in a["keywords"])]
    if not missing:
        return
    name = spec.get("name_en", spec.get("name", "")) if ctx.lang == "en" else spec.get("name", "")
    first = next((ln for ln in ctx.outline.document.lines if ln.text), None)
    yield Finding(
        "coverage",
        "info",
        first.lineno if first else None,
        None,
        ctx.t(
            f"报告未提及{name}的任务领域：{'、'.join(missing)}",
            f"The report never mentions these {name} areas: " + ", ".join(missing),
        ),
        None,
        ctx.t("补充这些领域的情况。", "Report on these areas."),
    )
