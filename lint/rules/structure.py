"""Structure rules: which mandated sections are there, once, in order, and not empty."""

from __future__ import annotations

from collections.abc import Iterator

from lint.rules import Context, Finding, Rule, register
from lint.rules.examples import DUTY, GOOD, MEASURES, PLANS, SHORTCOMINGS, TITLE

BASIS = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）规定的年度报告内容及顺序"


_NOT_A_REPORT_BAD = (
    "关于《某县2023年法治政府建设情况报告》的政策解读\n\n"
    "一、出台背景\n根据上级要求，县政府按时公开了年度报告。\n"
    "二、解读要点\n报告回顾了全年工作，并对今后作出部署。\n"
    "三、解读机关及联系方式\n县司法局，联系电话：0000-1234567。\n"
)


@register(
    Rule(
        id="not-a-report",
        severity="error",
        family="structure",
        summary={"zh": "不是可检查的年度报告", "en": "Not a report reportlint can check"},
        explain={
            "what_zh": "没有任何标题对应所支持报告类型（法治政府建设年度报告、政府信息公开工作年度报告）的任何部分，"
            "或者文件没有标题结构：例如年度报告的政策解读、工作指引、政府工作报告、英文材料。此时不认定任何部分，"
            "只报告这一条，不再报告缺少的部分等结构问题。",
            "what_en": "No heading matches any section of the supported report types (the annual law-based "
            "government report and the government information disclosure report), or the file has no headings at "
            "all: a policy explainer of a report, a work guide, a government work report, an English text. No "
            "section is claimed, and this one finding replaces missing sections and the other structural findings.",
            "why_zh": "对不是年度报告的文件逐条报告缺少的部分只会误导；先确认检查的是正确的文件。",
            "why_en": "Listing missing sections for a file that is not a report at all only misleads; first make sure "
            "the right file is being checked.",
            "fix_zh": "检查报告正文本身（而不是解读、转载页面），或用 --checklist 指定与报告对应的清单。",
            "fix_en": "Check the report itself (not an explainer or a reposting page), or name the matching "
            "checklist with --checklist.",
        },
        basis=BASIS,
        bad=_NOT_A_REPORT_BAD,
        good=GOOD,
    )
)
def not_a_report(ctx: Context) -> Iterator[Finding]:
    types = ctx.match.not_report
    if not types:
        return
    first = ctx.outline.headings[0] if ctx.outline.headings else None
    line = first.line if first else next((ln for ln in ctx.outline.document.lines if ln.text), None)
    zh_types, en_types = "".join(f"《{zh}》" for zh, _ in types), "; ".join(en for _, en in types)
    word = ctx.match.not_report_title
    if word and ctx.outline.title:
        line = ctx.outline.title.line
    if word:
        message = ctx.t(
            f"未识别为年度报告：标题含「{word}」，不是报告本身（支持{zh_types}）",
            f"Not recognised as a report: the title says “{word}”, so this is not the report itself "
            f"(supported: {en_types})",
        )
    elif first:
        message = ctx.t(
            f"未识别为年度报告：没有任何标题对应{zh_types}的部分",
            f"Not recognised as a report: no heading matches a section of {en_types}",
        )
    else:
        message = ctx.t(
            f"未识别为年度报告：没有标题结构（支持{zh_types}）",
            f"Not recognised as a report: no headings (supported: {en_types})",
        )
    yield Finding(
        "not-a-report",
        "error",
        line.lineno if line else None,
        line.column if line else None,
        message,
        None,
        ctx.t(
            "确认检查的是报告正文；若是，用 --checklist 指定清单，或运行 reportlint outline 查看标题。",
            "Make sure this is the report itself; if it is, name the checklist with --checklist, "
            "or run reportlint outline to see its headings.",
        ),
    )


@register(
    Rule(
        id="missing-section",
        severity="error",
        family="structure",
        summary={"zh": "缺少清单要求的部分", "en": "A section the checklist requires is missing"},
        explain={
            "what_zh": "检查清单中每个必备部分是否作为一级标题出现。若该内容只以二级标题出现，降为警告并指出位置；"
            "若只在段落中提到，仍为错误，并指出提到的位置。",
            "what_en": "Checks that every required section of the checklist appears as a top-level heading. "
            "If the content only appears as a sub-heading the finding is downgraded to a warning and points at it; "
            "if it is only mentioned inside a paragraph it stays an error and says where.",
            "why_zh": "督察工作规定把年度报告内容逐项列明，缺少一项（最常见的是第一责任人履职情况）就是报告不合规。",
            "why_en": "The 2019 regulation lists the report's contents item by item; a report missing one — most "
            "often the first-responsible-person item — does not comply.",
            "fix_zh": "按清单补写该部分，作为独立的一级标题，放在清单规定的位置。",
            "fix_en": "Write the section as its own top-level heading, where the checklist puts it.",
        },
        basis=BASIS,
        bad=TITLE + MEASURES + SHORTCOMINGS + PLANS.replace("四、", "三、"),
        good=GOOD,
    )
)
def missing_section(ctx: Context) -> Iterator[Finding]:
    if ctx.match.outdated_format:
        return  # one outdated-format finding says it all
    present = ctx.match.by_section
    order = ctx.checklist.order
    for section in ctx.match.missing(ctx.checklist):
        if not section.required:
            continue
        if section.within is not None:
            parents = present.get(section.within)
            if parents:
                parent = parents[0]
                yield Finding(
                    "missing-section",
                    section.severity,
                    parent.lineno,
                    parent.column,
                    ctx.t(
                        f"{ctx.label(section.within)}下缺少必备的二级标题{ctx.label(section.id)}",
                        f"{ctx.label(section.within)} lacks its required sub-section {ctx.label(section.id)}",
                    ),
                    section.id,
                    ctx.t("在该部分下补写这一二级标题。", "Add the sub-section under it."),
                )
            continue
        if section.subsection_ok and section.id in ctx.match.sub_matches:
            continue
        label = ctx.label(section.id)
        # Point at the section it should precede, if there is one.
        later = [sid for sid in order[order.index(section.id) + 1 :] if sid in present]
        anchor = present[later[0]][0] if later else None
        sub = ctx.match.sub_matches.get(section.id)
        mention = ctx.match.mentions.get(section.id)
        if sub is not None:
            h = sub.heading
            yield Finding(
                "missing-section",
                "warning",
                h.lineno,
                h.column,
                ctx.t(
                    f"缺少一级标题{label}：该内容只作为二级标题出现在{ctx.where(h)}（{ctx.at(h.lineno, 'zh')}）",
                    f"No top-level section {label}: it only appears as sub-heading {ctx.where(h)} ({ctx.at(h.lineno, 'en')})",
                ),
                section.id,
                ctx.t("将其提升为独立的一级标题。", "Promote it to a top-level heading of its own."),
            )
            continue
        message = ctx.t(f"缺少{label}部分", f"Missing section {label}")
        if mention is not None:
            where = ctx.where(mention.heading)
            message += ctx.t(
                f"（「{mention.phrase}」仅在{where + '的' if where else ''}段落中提及，{ctx.at(mention.line.lineno, 'zh')}）",
                f" ({mention.phrase} is only mentioned in a paragraph{' of ' + where if where else ''}, "
                f"{ctx.at(mention.line.lineno, 'en')})",
            )
        hint = (
            ctx.t(f"在{ctx.label(later[0])}之前补写该部分。", f"Add it before {ctx.label(later[0])}.")
            if later
            else ctx.t("在报告中补写该部分。", "Add it to the report.")
        )
        yield Finding(
            "missing-section",
            section.severity,
            anchor.lineno if anchor else None,
            anchor.column if anchor else None,
            message,
            section.id,
            hint,
        )


def _lcs_keep(doc: list[str], ref: list[str]) -> set[int]:
    """Indices of ``doc`` in a longest common subsequence with ``ref``.

    On ties the document element that comes first is dropped, so a section
    moved up (seed 003's duty before shortcomings) is the one reported.
    """
    n, m = len(doc), len(ref)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = (
                table[i + 1][j + 1] + 1 if doc[i] == ref[j] else max(table[i + 1][j], table[i][j + 1])
            )
    keep: set[int] = set()
    i = j = 0
    while i < n and j < m:
        if doc[i] == ref[j]:
            keep.add(i)
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return keep


@register(
    Rule(
        id="section-order",
        severity="error",
        family="structure",
        summary={"zh": "部分顺序与清单不符", "en": "Sections are out of the checklist's order"},
        explain={
            "what_zh": "按清单顺序比较报告中各部分的先后（最长公共子序列对齐），对每一个错位的部分都报告，而不只报告第一个。",
            "what_en": "Aligns the report's sections with the checklist's order (longest common subsequence) and "
            "reports every section out of place, not only the first.",
            "why_zh": "督察工作规定按固定顺序列出报告内容；地方模板另有顺序时，请选用对应清单（如 fazhi-duty-second）。",
            "why_en": "The regulation lists the contents in a fixed order; where a local template orders them "
            "differently, select the matching checklist (e.g. fazhi-duty-second).",
            "fix_zh": "把该部分移到提示的位置，或选用与本地模板一致的清单。",
            "fix_en": "Move the section where the hint says, or select the checklist of your local template.",
        },
        basis=BASIS,
        bad=TITLE + MEASURES + DUTY.replace("三、", "二、") + SHORTCOMINGS.replace("二、", "三、") + PLANS,
        good=GOOD,
    )
)
def section_order(ctx: Context) -> Iterator[Finding]:
    if ctx.match.outdated_format:
        return
    sections = ctx.checklist.sections
    firsts = sorted(
        (hs[0].index, sid, hs[0])
        for sid, hs in ctx.match.by_section.items()
        if not sections[sid].unordered and sections[sid].within is None
    )
    doc = [sid for _, sid, _ in firsts]
    ref = [sid for sid in ctx.checklist.order if sid in doc]
    keep = _lcs_keep(doc, ref)
    kept = [(doc[i], firsts[i][2]) for i in sorted(keep)]
    for i, (_, sid, heading) in enumerate(firsts):
        if i in keep:
            continue
        pos = ref.index(sid)
        before = [(s, h) for s, h in kept if ref.index(s) < pos]
        after = [(s, h) for s, h in kept if ref.index(s) > pos]
        parts_zh, parts_en = [], []
        if before:
            s, h = before[-1]
            parts_zh.append(f"{ctx.label(s)}（{ctx.at(h.lineno, 'zh')}）之后")
            parts_en.append(f"after {ctx.label(s)} ({ctx.at(h.lineno, 'en')})")
        if after:
            s, h = after[0]
            parts_zh.append(f"{ctx.label(s)}（{ctx.at(h.lineno, 'zh')}）之前")
            parts_en.append(f"before {ctx.label(s)} ({ctx.at(h.lineno, 'en')})")
        yield Finding(
            "section-order",
            "error",
            heading.lineno,
            heading.column,
            ctx.t(
                f"{ctx.label(sid)}位置不对：按{ctx.checklist_title()}应在" + "、".join(parts_zh),
                f"{ctx.label(sid)} is out of order: checklist {ctx.checklist.id} puts it "
                + " and ".join(parts_en),
            ),
            sid,
            ctx.t(
                "移动该部分，或改用顺序不同的清单（reportlint checklists list）。",
                "Move the section, or use a checklist with another order (reportlint checklists list).",
            ),
        )


@register(
    Rule(
        id="duplicate-section",
        severity="error",
        family="structure",
        summary={"zh": "同一部分出现多次", "en": "A section appears more than once"},
        explain={
            "what_zh": "同一清单部分由两个一级标题承担（可重复的部分，如专题式的主要举措，除外）。",
            "what_en": "Two top-level headings map to the same checklist section (sections marked repeatable, "
            "such as thematic measures, are exempt).",
            "why_zh": "重复的部分通常是合并稿件时遗留的，或编号错误把二级内容提成了一级。",
            "why_en": "A duplicated section is usually left over from merging drafts, or a sub-section "
            "numbered as a top-level one.",
            "fix_zh": "合并两处内容，或修正编号。",
            "fix_en": "Merge the two parts, or fix the numbering.",
        },
        basis=BASIS,
        bad=GOOD + "五、存在的问题\n部分干部法治意识有待提升，原因是学习不够。\n",
        good=GOOD,
    )
)
def duplicate_section(ctx: Context) -> Iterator[Finding]:
    if ctx.match.outdated_format:
        return
    for dup in ctx.match.duplicates:
        first = ctx.match.by_section.get(dup.section, [None])[0]
        h = dup.heading
        if first is not None and first.index > h.index:
            # The later heading stands for the section (it holds the table, or it is the canonical title).
            message = ctx.t(
                f"{ctx.label(dup.section)}重复出现（该部分以{ctx.at(first.lineno, 'zh')}的标题为准）",
                f"{ctx.label(dup.section)} appears twice (the heading at {ctx.at(first.lineno, 'en')} stands for it)",
            )
        else:
            message = ctx.t(
                f"{ctx.label(dup.section)}重复出现（首次在{ctx.at(first.lineno, 'zh') if first else '前文'}）",
                f"{ctx.label(dup.section)} appears again (first at {ctx.at(first.lineno, 'en') if first else 'above'})",
            )
        yield Finding(
            "duplicate-section",
            "error",
            h.lineno,
            h.column,
            message,
            dup.section,
            ctx.t("合并两处内容或修正标题。", "Merge the two parts or fix the heading."),
        )


@register(
    Rule(
        id="empty-section",
        severity="error",
        family="structure",
        summary={"zh": "标题下没有内容", "en": "A heading has no content"},
        explain={
            "what_zh": "标题后、下一个同级或更高级标题前没有任何正文。对应清单必备部分时为错误，其他标题为警告。",
            "what_en": "A heading with no body before the next heading of the same or a higher level. An error for a "
            "required checklist section, a warning for other headings.",
            "why_zh": "空标题等于缺少该部分的内容，常见于套用模板后忘记填写。",
            "why_en": "An empty heading means the content is missing; it is typical of a template never filled in.",
            "fix_zh": "补写内容，或删去该标题。",
            "fix_en": "Write the content, or remove the heading.",
        },
        basis=BASIS,
        bad=TITLE + MEASURES + "二、存在的不足和原因\n" + DUTY + PLANS,
        good=GOOD,
    )
)
def empty_section(ctx: Context) -> Iterator[Finding]:
    outline = ctx.outline
    heads = outline.headings
    for i, h in enumerate(heads):
        if h.inline_body:
            continue
        nxt = heads[i + 1] if i + 1 < len(heads) else None
        if nxt is not None and nxt.level > h.level:
            continue
        end = nxt.index if nxt is not None else len(outline.document.lines)
        if outline.body_between(h.index + 1, end):
            continue
        mapping = ctx.match.section_of(h)
        required = mapping is not None and ctx.checklist.sections[mapping.section].required
        yield Finding(
            "empty-section",
            "error" if required else "warning",
            h.lineno,
            h.column,
            ctx.t(f"标题「{h.marker}{h.text}」下没有内容", f"Heading “{h.marker}{h.text}” has no content"),
            mapping.section if mapping else None,
            ctx.t("补写内容或删去该标题。", "Write the content or remove the heading."),
        )


@register(
    Rule(
        id="unknown-section",
        severity="info",
        family="structure",
        summary={
            "zh": "一级标题未对应清单中的任何部分",
            "en": "A top-level heading matches no checklist section",
        },
        explain={
            "what_zh": "一级标题与清单任何部分都不相近，且不在主要举措的位置（专题式标题会归入主要举措）。",
            "what_en": "A top-level heading close to no checklist section and not standing where the measures stand "
            "(thematic headings there count as measures).",
            "why_zh": "多出的一级部分可能是误把其他材料并入报告，也可能是清单缺少该写法的别名。",
            "why_en": "An extra top-level part may be material pasted in by mistake, or a wording the checklist "
            "does not know yet.",
            "fix_zh": "确认该部分是否应在报告中；若是常见写法，可在清单中为对应部分添加 aliases。",
            "fix_en": "Check the part belongs in the report; if it is a common wording, add it to the section's "
            "aliases in the checklist.",
        },
        basis=BASIS,
        bad=GOOD + "五、附件目录\n1.会议纪要\n",
        good=GOOD,
    )
)
def unknown_section(ctx: Context) -> Iterator[Finding]:
    if ctx.match.outdated_format:
        return
    for h in ctx.match.unknown:
        yield Finding(
            "unknown-section",
            "info",
            h.lineno,
            h.column,
            ctx.t(
                f"一级标题「{h.marker}{h.text}」未对应{ctx.checklist_title()}的任何部分",
                f"Top-level heading “{h.marker}{h.text}” matches no section of checklist {ctx.checklist.id}",
            ),
            None,
            ctx.t(
                "运行 reportlint outline 查看各部分的匹配得分。",
                "Run reportlint outline to see the match scores.",
            ),
        )
