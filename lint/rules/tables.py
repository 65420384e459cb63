"""Table rules: sections that must carry a statistics table, and the arithmetic of their rows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lint.document import Line
from lint.outline import Heading, is_table_row
from lint.rules import Context, Finding, Rule, register

_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_CELL_SPLIT = re.compile(r"[│┃|\t]+")

XXGK_BASIS = (
    "《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2021〕30号 政府信息公开工作年度报告格式"
)
_TABLE_GOOD = (
    "某县2023年政府信息公开工作年度报告\n\n一、总体情况\n全年主动公开信息120条。\n二、主动公开政府信息情况\n"
    "│信息内容│本年制发件数│本年废止件数│现行有效件数│\n│规章│0│0│0│\n三、收到和处理政府信息公开申请情况\n"
    "│一、本年新收政府信息公开申请数量│3│\n│二、上年结转政府信息公开申请数量│1│\n│（七）总计│3│\n│四、结转下年度继续办理│1│\n"
    "四、政府信息公开行政复议、行政诉讼情况\n│0│0│0│0│0│\n五、存在的主要问题及改进情况\n公开不够及时。原因是人员不足。\n"
    "六、其他需要报告的事项\n无。\n"
)


def _section_lines(ctx: Context, heading: Heading) -> list[Line]:
    outline = ctx.outline
    return outline.document.lines[heading.index + 1 : outline.section_end(heading)]


def _is_row(line: Line) -> bool:
    return line.table or is_table_row(line.text)


@register(
    Rule(
        id="missing-table",
        severity="error",
        family="tables",
        summary={"zh": "部分缺少规定的统计表", "en": "A section lacks its mandated table"},
        explain={
            "what_zh": "清单标明须含统计表的部分（requires_table，如政府信息公开年度报告的第二至四部分）中找不到任何表格行。"
            "表格行是 Word/网页表格的行，或以「│」「|」、制表符分隔单元格的文本行。",
            "what_en": "A section the checklist marks requires_table (sections 二–四 of the government information "
            "disclosure report) holds no table row: a row of a Word or web table, or a text line whose cells are "
            "separated by │, | or tabs.",
            "why_zh": "年度报告格式规定这些部分以固定统计表报告数据，缺表即缺少法定内容。",
            "why_en": "The national format reports these figures in fixed tables; without the table the mandated "
            "content is missing.",
            "fix_zh": "按格式补上统计表。",
            "fix_en": "Add the table of the national format.",
        },
        basis=XXGK_BASIS,
        bad=_TABLE_GOOD.replace(
            "│信息内容│本年制发件数│本年废止件数│现行有效件数│\n│规章│0│0│0│\n", "全年制发规范性文件5件。\n"
        ),
        good=_TABLE_GOOD,
        checklist="xxgk-2021",
    )
)
def missing_table(ctx: Context) -> Iterator[Finding]:
    if ctx.match.outdated_format:
        return
    for sid, headings in ctx.match.by_section.items():
        section = ctx.checklist.sections[sid]
        if not section.requires_table:
            continue
        tops = [h for h in headings if h.level == 1] or headings[:1]
        if any(_is_row(line) for h in tops for line in _section_lines(ctx, h)):
            continue
        h = tops[0]
        yield Finding(
            "missing-table",
            "error",
            h.lineno,
            h.column,
            ctx.t(f"{ctx.label(sid)}缺少规定的统计表", f"{ctx.label(sid)} lacks its mandated table"),
            sid,
            ctx.t("按年度报告格式补上统计表。", "Add the table of the national format."),
        )


def _numbers(text: str) -> list[float]:
    cells = [c for c in _CELL_SPLIT.split(text) if c.strip()]
    values = []
    for cell in cells[1:] if len(cells) > 1 else [text]:
        m = _NUMBER.fullmatch(cell.strip()) if len(cells) > 1 else None
        if m:
            values.append(float(m.group(0)))
    if len(cells) <= 1:
        values = [float(v) for v in _NUMBER.findall(text.split(" ", 1)[-1])]
    return values


def _find_row(rows: list[Line], label: str) -> Line | None:
    return next((ln for ln in rows if label in _label(ln.text)), None)


def _label(text: str) -> str:
    """The text cells of a row (its labels), numbers left out: 「（三）不予公开 1.属于国家秘密」."""
    cells = [c.strip() for c in _CELL_SPLIT.split(text) if c.strip()]
    if len(cells) <= 1:
        return text
    return " ".join(c for c in cells if not _NUMBER.fullmatch(c) and not _NEGATIVE.fullmatch(c))


_NEGATIVE = re.compile(r"[-－−﹣]\s*\d+(?:\.\d+)?")
#: Rows that repeat other rows' sum: never an item of an "items" check.
_SUBTOTAL = re.compile(r"小计|合计")


def _fmt(value: float) -> str:
    return f"{value:g}"


@register(
    Rule(
        id="table-arithmetic",
        severity="warning",
        family="tables",
        summary={"zh": "统计表数据不平衡", "en": "A statistics table does not add up"},
        explain={
            "what_zh": "按清单的 table_checks 检查表格行的勾稽关系：例如依申请公开统计表中「本年新收」加「上年结转」应等于"
            "办理结果「总计」加「结转下年度继续办理」。逐列比较，只在这些行都有数字时检查。",
            "what_en": "Checks the checklist's table_checks on table rows: in the application table, new requests "
            "plus those carried over must equal the total handled plus those carried forward. Compared column by "
            "column, only where all these rows have numbers.",
            "why_zh": "格式要求表中注明的勾稽关系；数据不平衡是审核中最常见的统计错误。",
            "why_en": "The format states this relation in the table itself; unbalanced figures are the most common "
            "statistical error reviewers find.",
            "fix_zh": "核对各行数据。",
            "fix_en": "Check the figures of these rows.",
        },
        basis=XXGK_BASIS,
        bad=_TABLE_GOOD.replace("│（七）总计│3│", "│（七）总计│2│"),
        good=_TABLE_GOOD,
        checklist="xxgk-2021",
    )
)
def table_arithmetic(ctx: Context) -> Iterator[Finding]:
    if ctx.match.outdated_format:
        return
    reported: set[int] = set()  # one finding per row: a wrong total breaks several relations at once
    for check in ctx.checklist.table_checks:
        if check.section:
            headings = ctx.match.by_section.get(check.section, [])
            lines = [ln for h in headings if h.level == 1 for ln in _section_lines(ctx, h)]
        else:
            lines = ctx.outline.document.lines
        rows = [ln for ln in lines if _is_row(ln) and _numbers(ln.text)]
        compare = {"rows": _compare_rows, "items": _compare_items, "columns": _compare_columns}.get(check.kind)
        if compare is None:
            continue
        found = compare(check, rows)
        if found is None:
            continue
        anchor, left, right, left_sum, right_sum, bad = found
        if anchor.lineno in reported:
            continue
        reported.add(anchor.lineno)
        i = bad[-1]
        diff = _fmt(abs(left_sum[i] - right_sum[i]))
        more_zh = "等" if len(bad) > 1 else ""
        more_en = " and others" if len(bad) > 1 else ""
        yield Finding(
            "table-arithmetic",
            "warning",
            anchor.lineno,
            anchor.column,
            ctx.t(
                f"{check.name}：{'＋'.join(left)}（{_fmt(left_sum[i])}）不等于{'＋'.join(right)}"
                f"（{_fmt(right_sum[i])}），相差{diff}（第{i + 1}列{more_zh}）",
                f"{check.name}: {' + '.join(left)} ({_fmt(left_sum[i])}) ≠ {' + '.join(right)} "
                f"({_fmt(right_sum[i])}), a difference of {diff} (column {i + 1}{more_en})",
            ),
            check.section,
            ctx.t("核对这几行的数据。", "Check the figures of these rows."),
        )


#: What a comparison found: anchor row, left and right names, sums per column, the columns that differ.
_Found = tuple[Line, list[str], list[str], list[float], list[float], list[int]]


def _differing(left_sum: list[float], right_sum: list[float]) -> list[int]:
    return [i for i in range(len(left_sum)) if abs(left_sum[i] - right_sum[i]) > 1e-9]


def _compare_rows(check, rows: list[Line]) -> _Found | None:
    """The rows labelled ``left`` add up, column by column, to the rows labelled ``right``."""
    left = [_find_row(rows, label) for label in check.left]
    right = [_find_row(rows, label) for label in check.right]
    if any(r is None for r in left + right):
        return None
    columns = {len(_numbers(r.text)) for r in left + right}
    if len(columns) != 1:
        return None
    width = columns.pop()
    sums_l = [sum(_numbers(r.text)[i] for r in left) for i in range(width)]
    sums_r = [sum(_numbers(r.text)[i] for r in right) for i in range(width)]
    bad = _differing(sums_l, sums_r)
    return (right[0], check.left, check.right, sums_l, sums_r, bad) if bad else None


def _compare_items(check, rows: list[Line]) -> _Found | None:
    """The rows from the one labelled ``left[0]`` up to the one labelled ``right[0]`` add up to it."""
    first = next((i for i, r in enumerate(rows) if check.left[0] in _label(r.text)), None)
    if first is None:
        return None
    last = next((i for i in range(first + 1, len(rows)) if check.right[0] in _label(rows[i].text)), None)
    if last is None:
        return None
    items = [r for r in rows[first:last] if not _SUBTOTAL.search(_label(r.text))]
    total = _numbers(rows[last].text)
    if not items or any(len(_numbers(r.text)) != len(total) for r in items):
        return None  # a row with a missing or extra cell: the columns cannot be lined up safely
    sums = [sum(_numbers(r.text)[i] for r in items) for i in range(len(total))]
    bad = _differing(sums, total)
    names = [f"{check.left[0]}…（{len(items)}项）" if len(items) > 1 else check.left[0]]
    return (rows[last], names, check.right[:1], sums, total, bad) if bad else None


def _compare_columns(check, rows: list[Line]) -> _Found | None:
    """In each row, every group of len(left) numbers adds up to the number after it (表四's 总计 columns)."""
    group = len(check.left) + 1
    for row in rows:
        cells = [c.strip() for c in _CELL_SPLIT.split(row.text) if c.strip()]
        values = [float(c) for c in cells if _NUMBER.fullmatch(c)]
        if len(values) < group or len(values) % group:
            continue
        sums = [sum(values[g : g + group - 1]) for g in range(0, len(values), group)]
        totals = [values[g + group - 1] for g in range(0, len(values), group)]
        bad = [(g + 1) * group - 1 for g in _differing(sums, totals)]
        if bad:
            left_sum = [0.0] * len(values)
            right_sum = [0.0] * len(values)
            for g in range(len(sums)):
                left_sum[(g + 1) * group - 1], right_sum[(g + 1) * group - 1] = sums[g], totals[g]
            return (row, check.left, check.right[:1], left_sum, right_sum, bad)
    return None


@register(
    Rule(
        id="negative-count",
        severity="error",
        family="tables",
        summary={"zh": "统计表中出现负数", "en": "A statistics table holds a negative count"},
        explain={
            "what_zh": "须含统计表的部分（requires_table）的表格行中，单元格为负数（「-1」）。件数、条数不可能为负。",
            "what_en": "A cell of a table row in a section that requires a table (requires_table) holds a negative "
            "number (「-1」). Counts of documents or requests cannot be negative.",
            "why_zh": "负数是填报或公式错误，评估和督察时按数据错误扣分。",
            "why_en": "A negative count is a data-entry or formula error; evaluators mark it down as wrong data.",
            "fix_zh": "核对并改正该单元格。",
            "fix_en": "Check and correct the cell.",
        },
        basis=XXGK_BASIS,
        bad=_TABLE_GOOD.replace("│规章│0│0│0│", "│规章│0│-1│0│"),
        good=_TABLE_GOOD,
        checklist="xxgk-2021",
    )
)
def negative_count(ctx: Context) -> Iterator[Finding]:
    if ctx.match.outdated_format:
        return
    for sid, headings in ctx.match.by_section.items():
        if not ctx.checklist.sections[sid].requires_table:
            continue
        for h in headings:
            if h.level != 1:
                continue
            for line in _section_lines(ctx, h):
                if not _is_row(line):
                    continue
                cells = [c.strip() for c in _CELL_SPLIT.split(line.text) if c.strip()]
                negative = next((c for c in cells[1:] if _NEGATIVE.fullmatch(c)), None)
                if negative is None:
                    continue
                yield Finding(
                    "negative-count",
                    "error",
                    line.lineno,
                    line.column_of(max(0, line.text.find(negative))),
                    ctx.t(
                        f"{ctx.label(sid)}统计表「{_label(line.text)}」一行出现负数「{negative}」",
                        f"{ctx.label(sid)}: the table row “{_label(line.text)}” holds a negative count “{negative}”",
                    ),
                    sid,
                    ctx.t("件数不能为负，核对该单元格。", "A count cannot be negative; check the cell."),
                )
