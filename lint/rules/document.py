"""Document rules: title and front matter."""

from __future__ import annotations

from collections.abc import Iterator

from lint.rules import Context, Finding, Rule, register
from lint.rules.examples import GOOD, TITLE


@register(
    Rule(
        id="missing-title",
        severity="warning",
        family="document",
        summary={"zh": "报告没有标题", "en": "The report has no title"},
        explain={
            "what_zh": "在第一个标题或正文段落之前找不到含「报告」「总结」或以「情况」结尾的标题行（可跨行，如「……的」/「报告」）。",
            "what_en": "No title line (containing 报告 or 总结, or ending in 情况; split titles are joined) before "
            "the first heading or paragraph.",
            "why_zh": "公文须有标题（GB/T 9704-2012 7.3.1）；网上转载件常丢失标题，报送前应补齐，报告年度也从标题读取。",
            "why_en": "An official document needs a title (GB/T 9704-2012 §7.3.1); web copies often lose it, and "
            "the report's year is read from it.",
            "fix_zh": "在正文前加标题，如「XX镇2023年法治政府建设情况报告」。",
            "fix_en": "Add a title before the body, e.g. 「XX镇2023年法治政府建设情况报告」.",
        },
        basis="GB/T 9704-2012《党政机关公文格式》7.3.1 标题",
        bad=GOOD[len(TITLE) :],
        good=GOOD,
    )
)
def missing_title(ctx: Context) -> Iterator[Finding]:
    if ctx.outline.title is None:
        first = next((ln for ln in ctx.outline.document.lines if ln.text), None)
        yield Finding(
            "missing-title",
            "warning",
            first.lineno if first else 1,
            1,
            ctx.t("报告没有标题", "The report has no title"),
            None,
            ctx.t(
                f"在正文前加上标题，写明单位、年度和「{_report_kind(ctx)}」。",
                f"Add a title naming the body, the year and {_report_kind(ctx)}.",
            ),
        )


_FLAT = "".join(line.strip() for line in GOOD.split("\n"))


@register(
    Rule(
        id="no-paragraphs",
        severity="warning",
        family="document",
        summary={"zh": "全文没有分段，无法检查结构", "en": "The text has no paragraph breaks; structure not checked"},
        explain={
            "what_zh": "整篇报告挤在一行里（至少150字、占全文八成以上，行内夹着「一、」「（一）」等标题序号），"
            "分不出标题和段落。网上转载件、从某些网页或阅读器复制的文本常常这样。此时不再逐项报告缺少的部分、"
            "顺序、标题编号等（那些都会是误报），只报告这一条。",
            "what_en": "The whole report sits on one line (at least 150 characters and 80 % of the text, with heading "
            "markers such as 「一、」「（一）」 run into it), so headings and paragraphs cannot be told apart — typical "
            "of copies on document-sharing sites and of text copied from some viewers. The sections, their order "
            "and their numbering are then not checked (every such finding would be false); this one is reported.",
            "why_zh": "报告须分段、有层次标题（GB/T 9704-2012）；丢失分段的文本既不便阅读，也无法核对结构。",
            "why_en": "A report is written in paragraphs under numbered headings (GB/T 9704-2012); text that lost its "
            "breaks is hard to read and its structure cannot be checked.",
            "fix_zh": "改用保留分段的原稿（.docx 或原网页）检查；转载或整理时按原文分段。",
            "fix_en": "Check the original with its paragraphs (the .docx or the original page); keep the paragraph "
            "breaks when copying.",
        },
        basis="GB/T 9704-2012《党政机关公文格式》7.3.3 正文：分段、结构层次序数",
        bad=_FLAT,
        good=GOOD,
    )
)
def no_paragraphs(ctx: Context) -> Iterator[Finding]:
    if ctx.match.flat:
        line = max((ln for ln in ctx.outline.document.lines if ln.text), key=lambda ln: len(ln.text))
        yield Finding(
            "no-paragraphs",
            "warning",
            line.lineno,
            line.column,
            ctx.t(
                f"全文没有分段：{ctx.match.flat}字在同一行中，分不出标题和段落，未检查报告结构",
                f"No paragraph breaks: {ctx.match.flat} characters on one line, headings cannot be told apart; "
                "the structure was not checked",
            ),
            None,
            ctx.t(
                "改用保留分段的原稿（.docx 或原网页）检查，或按原文分段后再检查。",
                "Check the original with its paragraphs (.docx or the original page), or restore the breaks first.",
            ),
        )


def _report_kind(ctx: Context) -> str:
    """What the title should call the report, after the checklist: 「法治政府建设情况报告」, 「政府信息公开工作年度报告」."""
    name = ctx.checklist.name.split("（")[0]
    if "信息公开" in name:
        return "政府信息公开工作年度报告"
    if "法治政府" in name:
        return "法治政府建设情况报告"
    return name


@register(
    Rule(
        id="missing-preamble",
        severity="warning",
        family="document",
        summary={"zh": "缺少开头段落", "en": "The report has no opening paragraph"},
        explain={
            "what_zh": "清单要求开头段落（preamble: true）时，标题后、第一个标题前应有概述全年情况的正文段落。",
            "what_en": "When the checklist asks for one (preamble: true), a paragraph summing up the year stands "
            "between the title and the first heading.",
            "why_zh": "专题式报告以开头段落概述全年工作和指导思想，再分专题展开。",
            "why_en": "A thematic report opens with a paragraph on the year's work and guiding principles before "
            "its themes.",
            "fix_zh": "在第一个标题前补写开头段落。",
            "fix_en": "Write an opening paragraph before the first heading.",
        },
        basis="专题式法治政府建设年度报告的通行结构",
        bad=GOOD,
        good=TITLE + "2023年，我镇全面推进法治政府建设，取得新成效。\n" + GOOD[len(TITLE) :],
        checklist="fazhi-thematic",
    )
)
def missing_preamble(ctx: Context) -> Iterator[Finding]:
    if not ctx.checklist.preamble:
        return
    outline = ctx.outline
    first = outline.headings[0] if outline.headings else None
    end = first.index if first else len(outline.document.lines)
    if outline.body_between(0, end):
        return
    yield Finding(
        "missing-preamble",
        "warning",
        first.lineno if first else None,
        first.column if first else None,
        ctx.t("第一个标题前没有开头段落", "No opening paragraph before the first heading"),
        None,
        ctx.t("补写概述全年工作的开头段落。", "Write an opening paragraph on the year's work."),
    )


@register(
    Rule(
        id="outdated-format",
        severity="error",
        family="document",
        summary={"zh": "报告采用已废止的格式", "en": "The report follows an outdated format"},
        explain={
            "what_zh": "报告的标题出现了清单列为旧格式标志的写法（outdated_formats，如政府信息公开年度报告2019年修订前的"
            "「收费及减免情况」），说明整份报告沿用了旧格式。只报告这一条，不再逐项报告结构问题。",
            "what_en": "A heading carries a marker the checklist lists for an outdated format (outdated_formats, such "
            "as the pre-2019 「收费及减免情况」 section of the disclosure report): the whole report follows the old "
            "format. This one finding replaces the section-by-section ones.",
            "why_zh": "旧格式的内容与现行格式不同，逐项比对只会得到一串无关的结果。",
            "why_en": "The old format's contents differ from the current one; comparing section by section would only "
            "give a list of unrelated findings.",
            "fix_zh": "按现行格式重写报告。",
            "fix_en": "Rewrite the report in the current format.",
        },
        basis="《中华人民共和国政府信息公开条例》（2019年修订）；国办公开办函〔2021〕30号",
        bad=(
            "某县2018年政府信息公开工作年度报告\n\n一、概述\n全年主动公开信息。\n二、主动公开政府信息情况\n公开856条。\n"
            "三、依申请公开政府信息情况\n收到申请8件。\n四、政府信息公开的收费及减免情况\n未收费。\n"
        ),
        good=GOOD,
        checklist="xxgk-2021",
    )
)
def outdated_format(ctx: Context) -> Iterator[Finding]:
    found = ctx.match.outdated_format
    if found is None:
        return
    fmt, heading = found
    marker = next(m for m in fmt["markers"] if m in heading.text)
    name = fmt.get("name_en", fmt["name"]) if ctx.lang == "en" else fmt["name"]
    yield Finding(
        "outdated-format",
        "error",
        heading.lineno,
        heading.column,
        ctx.t(
            f"报告采用已废止的{name}（「{marker}」），不符合{ctx.checklist_title()}",
            f"The report follows the outdated {name} (“{marker}”), not checklist {ctx.checklist.id}",
        ),
        None,
        ctx.t(fmt.get("note") or "按现行格式重写报告。", "Rewrite the report in the current format."),
    )
