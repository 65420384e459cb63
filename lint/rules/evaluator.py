"""Evaluator rules: what third-party evaluators and 督察 check besides the structure.

A report made public after its deadline, an information-disclosure report whose 统计期限 is another year,
and figures in the prose that contradict the statistics table; and the rule entry of ``copied-report``, whose
comparison of two reports lives in ``lint.copied``.  A report's unit, date and deadline come from
``lint.reportinfo``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lint.document import Line
from lint.outline import is_table_row
from lint.reportinfo import deadline, report_date, report_kind, report_unit, title_year
from lint.rules import Context, Finding, Rule, register
from lint.rules.examples import GOOD

FAZHI_BASIS = "《法治政府建设与责任落实督察工作规定》（每年4月1日之前通过报刊、网站等新闻媒体向社会公开）"
XXGK_DEADLINE_BASIS = (
    "《中华人民共和国政府信息公开条例》第四十九条（部门每年1月31日前、县级以上地方人民政府每年3月31日前公布）"
)
XXGK_BASIS = "《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2021〕30号 政府信息公开工作年度报告格式"


@register(
    Rule(
        id="late-report",
        severity="warning",
        family="evaluator",
        summary={"zh": "报告日期晚于法定公开期限", "en": "The report is dated after its deadline"},
        explain={
            "what_zh": "报告自己的日期（落款处的成文日期，或页面标明的「发布时间」「成文日期」，网页正文外的「发布时间」"
            "或网页元数据 PubDate）晚于法定期限："
            "法治政府建设年度报告须在次年4月1日之前公开；政府信息公开工作年度报告，政府部门须在次年1月31日前、"
            "人民政府须在次年3月31日前公布（无法判断单位类别时按3月31日）。报告没有日期时不检查。",
            "what_en": "The report's own date (the 成文日期 under the signature, or a 「发布时间」/「成文日期」 the page "
            "shows, also beside a web page's article or in its PubDate metadata) is after the deadline: a 法治政府建设 report is made public before 1 April of the next year; a "
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
    r"(?:收到|受理|新收|接收)[^，。；;,\d]{0,14}?申请[^，。；;,\d]{0,3}?(\d+)\s*件"
)
#: A figure of another period just before the match: 「较上年收到申请12件」「2022年收到申请12件」.
_OTHER_PERIOD = re.compile(r"上年|去年|上一年|同期|同比|较|比|(?:19|20)\d{2}\s*年")
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
            "「本年新收＋上年结转」之和）；「被申请行政复议2件」与表四行政复议总计。只在表中找到对应行时检查；与上年比较等其他期间的数字不检查。",
            "what_en": "A count stated in the text contradicts the table: 「共收到政府信息公开申请15件」 against the 总计 "
            "of the 本年新收 row of table 3 (new plus carried-over requests is accepted too); 「被申请行政复议2件」 "
            "against the 行政复议 总计 of table 4. Checked only where the table row is found; figures of another period "
            "(「较上年…」, another year) are left alone.",
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
                if "结转" in m.group(0) or _other_period(line.text, m, ctx.outline.year):
                    continue
                stated = int(m.group(1))
                accepted = {totals["new"], totals["new"] + totals.get("carried", 0)}
                if stated not in accepted:
                    yield _mismatch(ctx, line, m, stated, totals["new"], "本年新收政府信息公开申请", "new requests")
        if "review" in totals:
            for m in _PROSE_REVIEWS.finditer(line.text):
                if _other_period(line.text, m, ctx.outline.year):
                    continue
                stated = int(m.group(1))
                if stated != totals["review"]:
                    yield _mismatch(ctx, line, m, stated, totals["review"], "行政复议总计", "administrative reconsiderations")


def _other_period(text: str, m: re.Match, year: int | None) -> bool:
    """Whether the figure is about another period (last year, a comparison) rather than the report year."""
    before = text[max(0, m.start() - 12) : m.start()] + m.group(0)
    for found in _OTHER_PERIOD.finditer(before):
        digits = re.match(r"(\d{4})", found.group(0))
        if digits is None or int(digits.group(1)) != year:
            return True
    return False


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


# --------------------------------------------------------------------------- copied-report
# It compares two reports: the comparison is lint/copied.py; here are its rule entry and explain page.

from lint.copied import (  # noqa: E402 - the comparison's constants, shared with its explain page
    COPY_EXAMPLE_SEPARATOR,
    COPY_MIN_PARAGRAPH,
    COPY_MIN_SHARE,
    COPY_RULE_ID,
    COPY_SIMILARITY,
)

_PREVIOUS = (
    "2022年法治政府建设情况报告\n\n"
    "一、2022年主要举措和成效\n（一）加强组织领导。镇党委、政府高度重视法治政府建设，全年召开专题会议4次，"
    "研究部署依法行政、执法监督和普法宣传等重点工作，形成了主要领导亲自抓、分管领导具体抓的工作格局。\n"
    "二、存在的不足和原因\n一是执法队伍专业化程度不高，部分执法人员对新修订的法律法规学习不够深入。"
    "主要原因是培训不够系统，考核机制不够健全。\n"
    "三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人带头学法，亲自部署重要工作，"
    "亲自过问重大问题，亲自协调重点环节，亲自督办重要任务。\n"
    "四、2023年工作安排\n继续深化法治政府建设，加强执法培训，完善考核机制，推动依法行政水平不断提升。\n"
)
_GOOD_CURRENT = (
    "2023年法治政府建设情况报告\n\n"
    "一、2023年主要举措和成效\n（一）健全制度机制。修订镇政府工作规则，把合法性审查作为重大行政决策的必经程序，"
    "全年审查合同和规范性文件27件，提出修改意见9条，均已采纳。\n"
    "二、存在的不足和原因\n一是基层矛盾纠纷调解的专业力量不足，村级调解员多为兼职。主要原因是经费保障不够，"
    "专职人员招录困难。\n"
    "三、党政主要负责人履行推进法治建设第一责任人职责情况\n镇党委书记主持召开法治建设专题会议3次，"
    "带头在全镇干部大会上讲法治课，把法治建设纳入班子成员年度述职内容。\n"
    "四、2024年工作安排\n建立专职调解员队伍，争取县级经费支持，推行村级法律顾问全覆盖。\n"
)


@register(
    Rule(
        id=COPY_RULE_ID,
        severity="warning",
        family="evaluator",
        summary={"zh": "报告照搬上一年度报告", "en": "The report copies last year's report"},
        explain={
            "what_zh": "把报告与同一单位上一年度的报告比较（review 按单位和年度在所审文件夹中自动配对，或用 --previous "
            f"指定）：正文中相同或几乎相同的段落（数字不计，相似度≥{COPY_SIMILARITY}%，{COPY_MIN_PARAGRAPH}字以上）占正文的"
            f"{COPY_MIN_SHARE:.0%}以上时报告，并给出雷同比例；政府信息公开工作年度报告的统计表数据与上年完全相同（且不全为0）"
            "时也报告。该规则比较两份报告，单独检查一份报告时不触发。",
            "what_en": "Compares the report with the same unit's report of the year before (review pairs them by "
            "unit and year in the folder it reads, or name it with --previous): paragraphs that are the same or "
            f"nearly the same (figures ignored, similarity ≥ {COPY_SIMILARITY}%, {COPY_MIN_PARAGRAPH}+ characters) making up "
            f"{COPY_MIN_SHARE:.0%} or more of the body are reported with the copied share; so are the statistics tables "
            "of an information disclosure report that repeat last year's figures exactly (unless all are 0). It "
            "needs two reports and never fires on one alone.",
            "why_zh": "照抄上年报告（雷同）是督察和评估中点名批评、追责的问题：年度报告应反映本年度的实际工作。",
            "why_en": "Copy-paste reports are singled out by 督察 and evaluators for accountability: the report must "
            "describe this year's work.",
            "fix_zh": "按本年度实际情况重写相同的段落，核对统计表数据。",
            "fix_en": "Rewrite the repeated paragraphs from this year's work and check the table figures.",
        },
        basis="《法治政府建设与责任落实督察工作规定》；《中华人民共和国政府信息公开条例》第五十条",
        bad=_PREVIOUS + COPY_EXAMPLE_SEPARATOR + "\n" + _PREVIOUS.replace("2023", "2024").replace("2022", "2023"),
        good=_PREVIOUS + COPY_EXAMPLE_SEPARATOR + "\n" + _GOOD_CURRENT,
    )
)
def copied_report(ctx: Context) -> Iterator[Finding]:
    """Per document there is nothing to compare with: the comparison runs in ``lint.copied.compare``."""
    return iter(())
