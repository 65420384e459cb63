"""Evaluator rules: what third-party evaluators and 督察 check besides the structure.

A report made public after its deadline, an information-disclosure report whose 统计期限 is another year,
and figures in the prose that contradict the statistics table.  The helpers that find a report's unit and
date live here too: the review page and the copied-report comparison use them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from lint.document import Line
from lint.outline import Outline, cn_number, is_table_row
from lint.rules import Context, Finding, Rule, register
from lint.rules.examples import GOOD

FAZHI_BASIS = "《法治政府建设与责任落实督察工作规定》（每年4月1日之前通过报刊、网站等新闻媒体向社会公开）"
XXGK_DEADLINE_BASIS = (
    "《中华人民共和国政府信息公开条例》第四十九条（部门每年1月31日前、县级以上地方人民政府每年3月31日前公布）"
)
XXGK_BASIS = "《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2021〕30号 政府信息公开工作年度报告格式"

_CN_DIGITS = "〇○零一二三四五六七八九"
_DATE = re.compile(r"((?:19|20)\d{2})\s*[年.\-/．]\s*(\d{1,2})\s*[月.\-/．]\s*(\d{1,2})\s*日?")
_DATE_CN = re.compile(rf"([{_CN_DIGITS}]{{4}})年([一二三四五六七八九十]{{1,3}})月([一二三四五六七八九十]{{1,3}})日")
#: A line that is only a date (the 成文日期 under the signature).
_DATE_LINE = re.compile(rf"^(?:{_DATE.pattern}|{_DATE_CN.pattern})$")
#: A labelled date a web page or a form shows: 「发布时间：2024-02-05」, 「成文日期：2024年2月5日」.
_LABELLED = re.compile(r"^(?:发布时间|发布日期|成文日期|印发日期|公开日期)\s*[：:]\s*")

_ORG_TAIL = r"(?:人民政府|政府|委员会|党委|党工委|办公室|办事处|管委会|局|厅|委|办|中心|院|署)"
_ORG = re.compile(rf"^(?:中共)?[\u4e00-\u9fff]{{2,30}}?{_ORG_TAIL}$")
_GOVERNMENT = re.compile(r"(?:人民政府|政府|办事处|管委会|管理委员会)$")
_DEPARTMENT = re.compile(r"(?:局|厅|委员会|委|办公室|办|中心|院|署)$")
#: 「城口县高观镇2022年…」: the unit before the year in a title.
_TITLE_UNIT = re.compile(r"^(?:关于)?(?:报送)?([\u4e00-\u9fff（）]{2,30}?)(?:关于)?(?:19|20)\d{2}年")
#: 「2020年，太公镇党委、政府坚持…」: the unit at the start of the first paragraph.
_BODY_UNIT = re.compile(
    r"^(?:19|20)\d{2}年度?[，,]\s*(?:我)?([\u4e00-\u9fff]{2,12}?(?:镇|乡|街道|县|区|市|州|盟|旗|局|委|厅|办))"
)


def _parse(text: str) -> dt.date | None:
    m = _DATE.search(text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _DATE_CN.search(text)
        if m:
            year = int("".join("0" if ch in "〇○零" else str("一二三四五六七八九".index(ch) + 1) for ch in m.group(1)))
            return dt.date(year, cn_number(m.group(2)), cn_number(m.group(3)))
    except ValueError:
        return None
    return None


def report_date(outline: Outline) -> tuple[dt.date, Line, str] | None:
    """The report's own date: the 成文日期 under the signature, else a labelled publication date.

    Returns (date, line, kind) with kind "signature" or "published"; None when the report shows no date.
    """
    lines = [ln for ln in outline.document.lines if ln.text and not ln.table]
    for line in reversed(lines[-6:]):
        text = line.text.replace(" ", "").replace("\u3000", "")
        if _DATE_LINE.match(text):
            date = _parse(text)
            if date is not None:
                return date, line, "signature"
    for line in lines[:15] + lines[-10:]:
        m = _LABELLED.match(line.text)
        if m:
            date = _parse(line.text[m.end() :][:20])
            if date is not None:
                return date, line, "published"
    return None


def report_unit(outline: Outline) -> str | None:
    """The issuing unit: from the signature, the title, the lines above the title, or the first paragraph."""
    doc = outline.document
    lines = [ln for ln in doc.lines if ln.text and not ln.table]
    for line in reversed(lines[-6:]):
        text = line.text.replace(" ", "").replace("\u3000", "")
        if _ORG.match(text) and not text.endswith(("报告", "情况")):
            return text
    if outline.title:
        m = _TITLE_UNIT.match(outline.title.text.replace(" ", ""))
        if m and not re.search(r"年度|报告|情况|报送|关于|印发", m.group(1)):
            return m.group(1)
        above = [ln.text for ln in doc.lines[: outline.title.line.lineno] if ln.text][:3]
        for text in reversed(above):
            for token in reversed(re.split(r"[\s、，,]+", text)):
                if _ORG.match(token) and token != outline.title.text:
                    return token
    for line in lines[:8]:
        m = _BODY_UNIT.match(line.text)
        if m:
            return m.group(1)
    return None


def unit_key(unit: str | None) -> str | None:
    """A unit name reduced for pairing reports of the same unit: 「中共仲山镇委员会」 and 「仲山镇人民政府」 → 「仲山镇」."""
    if not unit:
        return None
    key = re.sub(r"^中共|人民政府$|政府$|党委$|党工委$|委员会$|[（）()\s]", "", unit)
    return key or None


def report_kind(checklist_id: str) -> str:
    """"xxgk" for information-disclosure checklists, "fazhi" otherwise."""
    return "xxgk" if checklist_id.startswith("xxgk") else "fazhi"


def deadline(kind: str, year: int, unit: str | None) -> tuple[dt.date, str, str]:
    """The last day to publish the report on ``year``, with the rule in words (zh, en)."""
    if kind == "xxgk" and unit and _DEPARTMENT.search(unit) and not _GOVERNMENT.search(unit):
        return (
            dt.date(year + 1, 1, 31),
            f"政府部门应于{year + 1}年1月31日前公布",
            f"a department publishes by 31 January {year + 1}",
        )
    if kind == "xxgk":
        return (
            dt.date(year + 1, 3, 31),
            f"人民政府应于{year + 1}年3月31日前公布",
            f"a government publishes by 31 March {year + 1}",
        )
    return (
        dt.date(year + 1, 3, 31),
        f"应于{year + 1}年4月1日之前向社会公开",
        f"it is made public before 1 April {year + 1}",
    )


def title_year(outline: Outline) -> int | None:
    """The report year, only when the title states it (the safest source for comparisons)."""
    if outline.title and outline.year and str(outline.year) in outline.title.text.replace(" ", ""):
        return outline.year
    return None


@register(
    Rule(
        id="late-report",
        severity="warning",
        family="evaluator",
        summary={"zh": "报告日期晚于法定公开期限", "en": "The report is dated after its deadline"},
        explain={
            "what_zh": "报告自己的日期（落款处的成文日期，或页面标明的「发布时间」「成文日期」）晚于法定期限："
            "法治政府建设年度报告须在次年4月1日之前公开；政府信息公开工作年度报告，政府部门须在次年1月31日前、"
            "人民政府须在次年3月31日前公布（无法判断单位类别时按3月31日）。报告没有日期时不检查。",
            "what_en": "The report's own date (the 成文日期 under the signature, or a 「发布时间」/「成文日期」 the page "
            "shows) is after the deadline: a 法治政府建设 report is made public before 1 April of the next year; a "
            "government information disclosure report by 31 January for a department and by 31 March for a "
            "government (31 March when the kind of unit cannot be told). Silent when the report shows no date.",
            "why_zh": "按时公开是督察和第三方评估的首要指标，逾期公开会被通报。",
            "why_en": "Publishing on time is the first thing 督察 and third-party evaluators score; late reports are "
            "named in their findings.",
            "fix_zh": "核对成文日期；确属逾期的，在说明中写明原因，今后提前安排起草和审核。",
            "fix_en": "Check the date; if the report really is late, say why and plan drafting earlier next year.",
        },
        basis=f"{FAZHI_BASIS}；{XXGK_DEADLINE_BASIS}",
        bad=GOOD + "\n某镇人民政府\n2024年5月6日\n",
        good=GOOD + "\n某镇人民政府\n2024年2月6日\n",
    )
)
def late_report(ctx: Context) -> Iterator[Finding]:
    year = ctx.outline.year
    found = report_date(ctx.outline)
    if year is None or found is None:
        return
    date, line, how = found
    if date.year < year or date.year > year + 3:
        return  # not a date of this report (a quoted date, a misread year)
    last, rule_zh, rule_en = deadline(report_kind(ctx.checklist.id), year, report_unit(ctx.outline))
    if date <= last:
        return
    days = (date - last).days
    what_zh = "成文日期" if how == "signature" else "发布日期"
    what_en = "dated" if how == "signature" else "published"
    yield Finding(
        "late-report",
        "warning",
        line.lineno,
        line.column,
        ctx.t(
            f"{what_zh}{date.year}年{date.month}月{date.day}日晚于法定期限（{year}年度报告{rule_zh}），逾期{days}天",
            f"The {year} report is {what_en} {date.isoformat()}, {days} days after its deadline ({rule_en})",
        ),
        None,
        ctx.t("核对日期；确属逾期的，说明原因。", "Check the date; if it is really late, say why."),
    )


_PERIOD = re.compile(r"统计(?:期限|期间|时限|时段|区间|周期)|数据(?:统计)?(?:期限|期间)")
_YEAR_IN = re.compile(r"((?:19|20)\d{2})\s*年")


@register(
    Rule(
        id="statistics-period",
        severity="warning",
        family="evaluator",
        summary={"zh": "统计期限与报告年度不符", "en": "The statistics period is not the report year"},
        explain={
            "what_zh": "政府信息公开工作年度报告中说明数据「统计期限」的句子（「本报告中所列数据的统计期限自2023年1月1日起至"
            "2023年12月31日止」）写的年份不是标题中的报告年度。只在标题写明年度时检查。",
            "what_en": "In a government information disclosure report, the sentence that gives the statistics "
            "period (「本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止」) names a year other than the "
            "report year in the title. Checked only when the title states the year.",
            "why_zh": "统计期限年份不符通常是照搬上年报告时漏改，评估时视为数据口径错误。",
            "why_en": "A wrong year here is usually left over from last year's report; evaluators count it as a "
            "data error.",
            "fix_zh": "把统计期限改为报告年度的1月1日至12月31日。",
            "fix_en": "Give the period as 1 January to 31 December of the report year.",
        },
        basis=XXGK_BASIS,
        bad="某县2023年政府信息公开工作年度报告\n\n本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n"
        "一、总体情况\n全年主动公开政府信息120条。\n",
        good="某县2023年政府信息公开工作年度报告\n\n本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
        "一、总体情况\n全年主动公开政府信息120条。\n",
        checklist="xxgk-2021",
    )
)
def statistics_period(ctx: Context) -> Iterator[Finding]:
    if report_kind(ctx.checklist.id) != "xxgk":
        return
    year = title_year(ctx.outline)
    if year is None:
        return
    for line in ctx.outline.document.lines:
        m = _PERIOD.search(line.text)
        if not m:
            continue
        years = [int(y) for y in _YEAR_IN.findall(line.text[m.start() : m.start() + 60])]
        wrong = sorted({y for y in years if y != year})
        if years and wrong:
            yield Finding(
                "statistics-period",
                "warning",
                line.lineno,
                line.column_of(m.start()),
                ctx.t(
                    f"统计期限写的是{'、'.join(f'{y}年' for y in wrong)}，报告年度是{year}年",
                    f"The statistics period names {', '.join(map(str, wrong))}; the report year is {year}",
                ),
                None,
                ctx.t(
                    f"改为「自{year}年1月1日起至{year}年12月31日止」。",
                    f"Write 「自{year}年1月1日起至{year}年12月31日止」.",
                ),
            )
            return


_CELL_SPLIT = re.compile(r"[│┃|\t]+")
_CELL_NUMBER = re.compile(r"\d+")
#: 「共收到政府信息公开申请15件」「受理依申请公开申请15件」.
_PROSE_REQUESTS = re.compile(
    r"(?:收到|受理|新收|接收|办理)[^，。；;,\d]{0,14}?申请[^，。；;,\d]{0,3}?(\d+)\s*件"
)
_PROSE_REVIEWS = re.compile(r"(?:被申请|发生|收到)[^，。；;,\d]{0,8}?行政复议[^，。；;,\d]{0,4}?(\d+)\s*件")


def _row_numbers(line: Line) -> tuple[str, list[int]]:
    cells = [c.strip() for c in _CELL_SPLIT.split(line.text) if c.strip()]
    label = "".join(c for c in cells if not _CELL_NUMBER.fullmatch(c))
    return label, [int(c) for c in cells if _CELL_NUMBER.fullmatch(c)]


def _table_totals(ctx: Context) -> dict[str, int]:
    """Totals read off the tables: new requests, requests carried over, administrative reconsiderations."""
    totals: dict[str, int] = {}
    for line in ctx.outline.document.lines:
        if not (line.table or is_table_row(line.text)):
            continue
        label, values = _row_numbers(line)
        if not values:
            continue
        if "本年新收" in label and "new" not in totals:
            totals["new"] = values[-1]
        elif "上年结转" in label and "carried" not in totals:
            totals["carried"] = values[-1]
        elif not label and len(values) in (10, 15) and "review" not in totals:
            totals["review"] = values[4]  # 表四: the first five columns are 行政复议, the fifth its 总计
    return totals


@register(
    Rule(
        id="prose-table-mismatch",
        severity="warning",
        family="evaluator",
        summary={"zh": "正文数字与统计表不一致", "en": "A figure in the text contradicts the table"},
        explain={
            "what_zh": "正文中写明的件数与统计表不一致：「共收到政府信息公开申请15件」与表三「本年新收」总计（也接受"
            "「本年新收＋上年结转」之和）；「被申请行政复议2件」与表四行政复议总计。只在表中找到对应行时检查。",
            "what_en": "A count stated in the text contradicts the table: 「共收到政府信息公开申请15件」 against the 总计 "
            "of the 本年新收 row of table 3 (new plus carried-over requests is accepted too); 「被申请行政复议2件」 "
            "against the 行政复议 总计 of table 4. Checked only where the table row is found.",
            "why_zh": "正文与表格数据打架，是评估机构核查数据真实性时最先发现的问题。",
            "why_en": "Text and table disagreeing is the first thing evaluators notice when they check the data.",
            "fix_zh": "核对正文和统计表，改正错误的一处。",
            "fix_en": "Check the text and the table and correct the wrong one.",
        },
        basis=XXGK_BASIS,
        bad="某县2023年政府信息公开工作年度报告\n\n一、总体情况\n全年共收到政府信息公开申请12件。\n"
        "三、收到和处理政府信息公开申请情况\n│一、本年新收政府信息公开申请数量│15│\n│二、上年结转政府信息公开申请数量│1│\n",
        good="某县2023年政府信息公开工作年度报告\n\n一、总体情况\n全年共收到政府信息公开申请15件。\n"
        "三、收到和处理政府信息公开申请情况\n│一、本年新收政府信息公开申请数量│15│\n│二、上年结转政府信息公开申请数量│1│\n",
        checklist="xxgk-2021",
    )
)
def prose_table_mismatch(ctx: Context) -> Iterator[Finding]:
    totals = _table_totals(ctx)
    if not totals:
        return
    for line in ctx.outline.document.lines:
        if not line.text or line.table or is_table_row(line.text):
            continue
        if "new" in totals:
            for m in _PROSE_REQUESTS.finditer(line.text):
                if "结转" in m.group(0):
                    continue
                stated = int(m.group(1))
                accepted = {totals["new"], totals["new"] + totals.get("carried", 0)}
                if stated not in accepted:
                    yield _mismatch(ctx, line, m, stated, totals["new"], "本年新收政府信息公开申请", "new requests")
        if "review" in totals:
            for m in _PROSE_REVIEWS.finditer(line.text):
                stated = int(m.group(1))
                if stated != totals["review"]:
                    yield _mismatch(ctx, line, m, stated, totals["review"], "行政复议总计", "administrative reconsiderations")


def _mismatch(ctx: Context, line: Line, m: re.Match, stated: int, table: int, zh: str, en: str) -> Finding:
    return Finding(
        "prose-table-mismatch",
        "warning",
        line.lineno,
        line.column_of(m.start()),
        ctx.t(
            f"正文「{m.group(0)}」与统计表不一致：表中{zh}为{table}件，相差{abs(stated - table)}",
            f"The text says “{m.group(0)}” but the table gives {table} {en}, a difference of {abs(stated - table)}",
        ),
        None,
        ctx.t("核对正文和统计表。", "Check the text against the table."),
    )
