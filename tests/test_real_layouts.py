"""Reports as governments really publish them (issue #10): site chrome, split titles, flattened pages,
statistics tables written as text, competing headings, and pages that are not reports at all."""

from __future__ import annotations

import pytest

from lint.checklist import builtin_ids, load_checklist
from lint.engine import FileResult, Options, lint_document
from lint.fixer import plan
from lint.readers import read_bytes
from tests.fixtures import pdf_bytes

AUTO = Options(
    None,
    candidates=tuple(c for c in (load_checklist(i) for i in builtin_ids()) if c.detect),
    fallback=load_checklist("fazhi-2019"),
)


def lint(text: str, name: str = "r.txt", options: Options = AUTO) -> FileResult:
    return lint_document(read_bytes(text.encode("utf-8"), name), options)


def rules(result: FileResult) -> list[str]:
    return [f.rule for f in result.findings]


BODY = (
    "一、主要举措和成效\n（一）加强组织领导。召开会议4次。\n"
    "二、存在的不足和原因\n一是队伍不强。原因是培训不够。\n"
    "三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人带头学法。\n"
    "四、下一年度工作安排\n继续深化法治政府建设。\n"
)

# A web copy: date widget, breadcrumb, page tools, the unit on the line above the title, a metadata line,
# a page number, and an opening paragraph citing the 2021—2025 纲要.
WEB_COPY = (
    "今天是：2026年3月2日 星期一\n"
    "您当前所在位置：首页>政务公开>法治政府建设>年度报告\n"
    "字体大小：【大 中 小】 浏览次数：1024\n"
    "某某县某某局\n"
    "2025年法治政府建设报告\n"
    "发布时间：2026-01-15 信息来源：某某县某某局\n"
    "- 1 -\n"
    "2025年，我局深入学习贯彻《法治政府建设实施纲要(2021—2025年)》，现将有关情况报告如下：\n" + BODY
)


# --- 1. Title and year ---------------------------------------------------------------------------------


def test_web_copy_title_skips_chrome_and_joins_the_unit_line():
    result = lint(WEB_COPY)
    assert result.outline.title.text == "某某县某某局2025年法治政府建设报告"
    assert result.outline.title.line.lineno == 4
    assert result.outline.year == 2025
    assert rules(result) == []


@pytest.mark.parametrize(
    "chrome",
    [
        "您现在的位置：首页 > 信息公开 > 法定主动公开内容",
        "2024年1月5日 星期五",
        "索引号：11500229MB1234567Q/2024-00012",
        "发布机构：某某县司法局",
        "点击查看解读",
        "— 2 —",
        "#",
    ],
)
def test_chrome_line_is_never_the_title(chrome):
    result = lint(chrome + "\n某某县2023年法治政府建设情况报告\n\n" + BODY)
    assert result.outline.title.text == "某某县2023年法治政府建设情况报告"


def test_metadata_block_with_values_on_their_own_lines():
    text = "索引号\n11500229MB1234567Q/2024-00012\n发布机构\n某某县司法局\n某某县2023年法治政府建设情况报告\n" + BODY
    assert lint(text).outline.title.text == "某某县2023年法治政府建设情况报告"


def test_markdown_title_in_a_txt_file():
    result = lint("# 某某县2023年法治政府建设情况报告\n\n" + BODY)
    assert result.outline.title.text == "某某县2023年法治政府建设情况报告"
    assert [h.text for h in result.outline.top_level()][0] == "主要举措和成效"


def test_title_split_by_the_author_is_joined():
    result = lint("某某县2023年度法治政府建设工作\n情况报告\n\n" + BODY)
    assert result.outline.title.text == "某某县2023年度法治政府建设工作情况报告"


def test_party_and_government_unit_line_is_joined():
    result = lint("中共某某乡委员会 某某乡人民政府\n关于2023年度法治政府建设工作情况的报告\n县委、县政府：\n" + BODY)
    assert result.outline.title.text == "中共某某乡委员会某某乡人民政府关于2023年度法治政府建设工作情况的报告"
    assert result.outline.addressee.text == "县委、县政府："


def test_signature_under_the_title_is_not_an_addressee():
    text = "某某县2023年法治政府建设情况报告\n某某县司法局\n2024年1月20日\n" + BODY
    result = lint(text)
    assert "addressee" not in rules(result)
    assert result.outline.year == 2023


def test_year_never_from_a_cited_range_or_document():
    opening = "我县深入学习《全面深化法治领域改革纲要(2023—2027年)》，现将2023年法治政府建设情况报告如下：\n"
    assert lint("法治政府建设情况报告\n" + opening + BODY).outline.year == 2023
    cited = "深入贯彻《法治政府建设实施纲要（2021—2025年）》，扎实推进各项工作。\n"
    assert lint("法治政府建设情况报告\n" + cited + "一、2023年主要举措和成效\n正文。\n").outline.year == 2023


def test_year_from_the_statistics_period_not_the_publication_date():
    text = (
        "某县政府信息公开工作年度报告\n发布日期：2021-01-20\n"
        "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n正文。\n"
    )
    assert lint(text).outline.year == 2020


# --- 2. Headings in every layout -----------------------------------------------------------------------


def test_markdown_headings_in_txt_and_md_alike():
    text = "某某县2023年法治政府建设情况报告\n\n" + "".join(
        ("## " + ln if ln[:2] in ("一、", "二、", "三、", "四、") else ln) + "\n" for ln in BODY.splitlines()
    )
    for name in ("r.txt", "r.md"):
        result = lint(text, name)
        assert [h.marker for h in result.outline.top_level()] == ["一、", "二、", "三、", "四、"], name
        assert rules(result) == [], name


def test_markdown_heading_without_marker_in_txt():
    text = "某某县2023年法治政府建设情况报告\n\n## 主要举措和成效\n正文。\n## 存在的不足和原因\n不足。原因是培训不够。\n"
    result = lint(text)
    assert [h.text for h in result.outline.top_level()] == ["主要举措和成效", "存在的不足和原因"]


def test_heading_split_over_two_lines():
    text = "某某县2023年法治政府建设情况报告\n\n" + BODY.replace(
        "三、党政主要负责人履行推进法治建设第一责任人职责情况", "三、党政主要负责人履行推进法治建设第一责任人\n职责情况"
    )
    result = lint(text)
    assert result.outline.top_level()[2].text == "党政主要负责人履行推进法治建设第一责任人职责情况"
    assert rules(result) == []


FLAT_PAGE = (
    "某某县人民政府2022年政府信息公开工作年度报告 来源：某某县人民政府 发布时间：2023-01-20 "
    "本报告依据《中华人民共和国政府信息公开条例》编制。一、总体情况 2022年，县政府全面推进政务公开。"
    "（一）主动公开。全年主动公开信息1200条。（二）依申请公开。全年收到申请15件。"
    "二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 0 0 0 "
    "行政规范性文件 5 1 23 三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量 12 2 0 0 1 0 15 "
    "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1 三、本年度办理结果 （一）予以公开 8 1 0 0 1 0 10 "
    "四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 0 0 0 0 0 0 "
    "五、存在的主要问题及改进情况 主要问题是公开不够及时。下一步将建立提醒机制。"
    "六、其他需要报告的事项 本年度未收取信息处理费。\n"
)


def test_flattened_page_yields_its_sections():
    result = lint(FLAT_PAGE)
    assert result.checklist.id == "xxgk-2021"
    assert result.outline.title.text == "某某县人民政府2022年政府信息公开工作年度报告"
    assert [h.marker for h in result.outline.top_level()] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert [h.marker for h in result.outline.headings if h.level == 2] == ["（一）", "（二）"]
    assert {m.section for m in result.match.mappings.values()} >= {"overview", "requests", "other_matters"}
    assert rules(result) == []
    # Locations still point into the one line of the file.
    assert {h.lineno for h in result.outline.headings} == {1}
    assert result.outline.top_level()[1].column == FLAT_PAGE.index("二、主动公开") + 1


def test_inline_enumeration_in_a_paragraph_is_not_a_heading():
    para = "全年开展培训活动，主要包括：一、集中学法。" + "组织干部集中学习法律法规。" * 6 + "二、以案释法。"
    result = lint("某某县2023年法治政府建设情况报告\n\n" + BODY.replace("召开会议4次。", para))
    assert [h.marker for h in result.outline.top_level()] == ["一、", "二、", "三、", "四、"]


# --- 3. Tables are tables ------------------------------------------------------------------------------

XXGK_TEXT_TABLES = """某某市某某区人民政府2020年政府信息公开工作年度报告
本报告中所列数据统计期限自2020年1月1日起至2020年12月31日止。
一、总体情况
2020年，区政府全面推进政务公开。
二、主动公开政府信息情况
第二十条第（一）项
信息内容
本年新制作数量
规章
0
规范性文件
5
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况
自然人
一、本年新收政府信息公开申请数量
12
二、上年结转政府信息公开申请数量
1
三、本年度办理结果
（一）予以公开
8
（二）部分公开（区分处理的，只计这
一情形，不计其他情形）
（三）不予公开
1.属于国家秘密
2.其他法律行政法规禁止公开
3.危及“三安全一稳定”
（四）无法提供
1.本机关不掌握相关政府信息
（五）不予处理
1.信访举报投诉类申请
（六）其他处理
（七）总计 13
四、结转下年度继续办理 0
四、政府信息公开行政复议、行政诉讼情况
行政复议
结果维持 0 0 0
五、存在的主要问题及改进情况
公开不够及时。已建立提醒机制。
六、其他需要报告的事项
无。
"""


@pytest.mark.parametrize("name", ["r.txt", "r.md"])
def test_statistics_table_rows_are_never_headings(name):
    result = lint(XXGK_TEXT_TABLES, name)
    assert [h.marker for h in result.outline.headings] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert rules(result) == []  # no numbering finding, and the tables are found
    assert result.outline.year == 2020


def test_table_rows_in_pdf_are_never_headings():
    data = pdf_bytes(XXGK_TEXT_TABLES.splitlines())
    result = lint_document(read_bytes(data, "r.pdf"), AUTO)
    assert [h.marker for h in result.outline.top_level()] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert not [r for r in rules(result) if r.startswith("numbering")]


def test_table_label_rows_still_feed_table_arithmetic():
    text = XXGK_TEXT_TABLES.replace("（七）总计 13", "（七）总计 12 1 0 0 0 0 13").replace(
        "一、本年新收政府信息公开申请数量\n12\n", "一、本年新收政府信息公开申请数量 11 1 0 0 0 0 12\n"
    ).replace("二、上年结转政府信息公开申请数量\n1\n", "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1\n").replace(
        "四、结转下年度继续办理 0", "四、结转下年度继续办理 1 0 0 0 0 0 1"
    )
    assert "table-arithmetic" in rules(lint(text))
    balanced = text.replace("（七）总计 12 1 0 0 0 0 13", "（七）总计 11 1 0 0 0 0 12")
    assert "table-arithmetic" not in rules(lint(balanced))


def test_a_real_heading_that_shares_words_with_a_table_label_stays_a_heading():
    text = "某某县2023年法治政府建设情况报告\n\n" + BODY.replace(
        "（一）加强组织领导。召开会议4次。", "（一）加强组织领导。召开会议4次。\n（二）行政复议\n办理复议案件12件。"
    )
    assert [h.text for h in lint(text).outline.headings if h.level == 2] == ["加强组织领导", "行政复议"]


def test_pdf_never_glues_a_line_starting_with_an_ordinal_onto_a_cell():
    from lint.readers.pdf import read

    data = pdf_bytes(
        ["某县2023年政府信息公开工作年度报告", "一、总体情况", "全年主动公开政府信息一千二百三十四条，" * 4, "（七）总计"]
        + ["四、", "结转下年度继续办理"],
        chars_per_line=20,
    )
    texts = [ln.text for ln in read(data, "r.pdf").lines]
    assert "（七）总计" in texts
    assert any(t.startswith("四、") for t in texts)


# --- 4. Numbering: once per discontinuity ----------------------------------------------------------------


def test_one_finding_per_discontinuity_and_fix_renumbers_the_rest():
    text = "某某县2023年法治政府建设情况报告\n\n" + BODY.replace(
        "（一）加强组织领导。召开会议4次。",
        "（一）加强组织领导。召开会议4次。\n（二）甲。正文。\n（二）乙。正文。\n（三）丙。正文。\n（四）丁。正文。",
    )
    result = lint(text)
    findings = [f for f in result.findings if f.rule == "numbering-sequence"]
    assert [(f.line, "序号重复" in f.message) for f in findings] == [(6, True)]
    outcome = plan(result, text.encode("utf-8"))
    fixed = outcome.after.splitlines()
    assert fixed[5:8] == ["（三）乙。正文。", "（四）丙。正文。", "（五）丁。正文。"]
    assert not [f for f in lint(outcome.after).findings if f.rule == "numbering-sequence"]


# --- 5. Section mapping that holds -------------------------------------------------------------------------


def test_thematic_heading_with_lv_xing_zhi_ze_is_not_the_duty_section():
    text = (
        "某某市2023年法治政府建设情况报告\n\n"
        "一、坚持党的领导，统筹推进法治政府建设\n正文。\n"
        "二、强化统筹协调，依法全面履行部门职责\n正文。\n"
        "三、存在的不足和原因\n不足。原因是培训不够。\n"
        "四、党政主要负责人履行推进法治建设第一责任人职责情况\n正文。\n"
        "五、2024年工作安排\n正文。\n"
    )
    result = lint(text)
    duty = result.match.by_section["duty"]
    assert [h.marker for h in duty] == ["四、"]
    assert rules(result) == []


def test_duty_heading_needs_first_responsible_person_words():
    text = "某某县2023年法治政府建设情况报告\n\n" + BODY.replace(
        "三、党政主要负责人履行推进法治建设第一责任人职责情况", "三、落实第一责任人制度"
    )
    assert [h.marker for h in lint(text).match.by_section["duty"]] == ["三、"]


def test_competing_headings_prefer_the_one_with_the_table():
    text = XXGK_TEXT_TABLES.replace(
        "二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n全年主动公开信息1200条。\n三、主动公开政府信息情况\n"
    )
    # Whichever comes first, the heading that holds the table is the section; the other is the duplicate.
    result = lint(text)
    (kept,) = result.match.by_section["proactive"]
    assert kept.marker == "三、"
    assert "missing-table" not in rules(result)
    assert [f.line for f in result.findings if f.rule == "duplicate-section"] == [5]


def test_old_format_headings_map_where_they_belong():
    text = (
        "某县人民政府2018年政府信息公开工作年度报告\n\n一、基本情况\n正文。\n二、主动公开政府信息情况\n正文。\n"
        "三、依申请公开政府信息情况\n正文。\n四、政府信息公开的收费及减免情况\n无。\n"
    )
    result = lint(text)
    sections = {h.marker: m.section for h in result.outline.top_level() if (m := result.match.section_of(h))}
    assert sections == {"一、": "overview", "二、": "proactive", "三、": "requests"}
    assert "outdated-format" in rules(result)


# --- 6. Not a report ------------------------------------------------------------------------------------------

NOT_REPORTS = {
    "explainer": (
        "您当前所在位置：首页>政务公开>政策解读\n图解：某某市2023年政府信息公开工作年度报告\n"
        "一、主动公开情况\n全年主动公开政府信息5000余条。\n二、依申请公开情况\n全年收到申请120件。\n"
    ),
    "guide": (
        "某某省法治政府建设年度报告工作指引\n为规范年度报告工作，制定本指引。\n一、报告主体\n县级以上政府。\n"
        "二、报告内容\n（一）上一年度推进法治政府建设的主要举措和成效。\n（二）下一年度推进法治政府建设的主要安排。\n"
    ),
    "government work report": (
        "政府工作报告\n——2024年1月10日在某某县第十八届人民代表大会第四次会议上\n各位代表：\n"
        "一、2023年工作回顾\n过去一年，全县经济稳中向好。\n二、2024年重点工作\n（一）坚持稳中求进。\n"
    ),
    "english": "Annual Report on Government Information Disclosure 2023\nI. Overview\nIn 2023 the county disclosed.\n",
    "no headings": "某某县2023年度工作总结\n今年以来，我县各项工作稳步推进。\n",
}


@pytest.mark.parametrize("kind", sorted(NOT_REPORTS))
def test_not_a_report_gets_one_finding_and_no_section(kind):
    result = lint(NOT_REPORTS[kind])
    assert rules(result) == ["not-a-report"]
    assert not result.match.mappings and not result.match.duplicates
    message = result.findings[0].message
    assert "《法治政府建设年度报告》" in message and "《政府信息公开工作年度报告》" in message


def test_not_a_report_in_english_and_with_a_named_checklist():
    result = lint(NOT_REPORTS["government work report"], options=Options(load_checklist("fazhi-2019"), "en"))
    (finding,) = result.findings
    assert finding.rule == "not-a-report" and "政府工作报告" in finding.message
    assert "Annual report on building a law-based government" in finding.message


def test_not_a_report_exits_1_and_explain_page(run, tmp_path):
    path = tmp_path / "jiedu.txt"
    path.write_text(NOT_REPORTS["explainer"], encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1 and "not-a-report" in result.output and "missing-section" not in result.output
    page = run("explain", "not-a-report")
    assert page.exit_code == 0 and "法治政府建设年度报告" in page.output


# --- Cases found in the labelled corpus (tests/corpus/) -------------------------------------------------------


def test_metadata_table_breadcrumb_tail_and_column_name_are_chrome():
    text = (
        "今天是:2019年10月31日 星期三 农历十月初七\n工作报告\n\n您所在的位置:政务公开 > 工作报告\n"
        "您现在的位置:首页\n > 信息公开年报 > 市级部门单位 > 2024\n"
        "索 引 号 | 01425845-9/2021-00012 | 分 类 | 综合政务/其他 / 报告 |\n"
        "标   题 县政府办2022年度政府信息公开工作年度报告\n发布机构 县政府办公室 公文时效 有效\n"
        "分享:\n||||||||||||||||\n"
        "县政府办2022年度政府信息公开工作年度报告 |\n一、总体情况\n正文。\n"
    )
    result = lint(text)
    assert result.outline.title.text == "县政府办2022年度政府信息公开工作年度报告"
    assert result.outline.addressee is None
    assert "addressee" not in rules(result)


def test_a_short_title_stands_when_no_fuller_one_follows():
    assert lint("政府工作报告\n各位代表：\n一、工作回顾\n正文。\n").outline.title.text == "政府工作报告"


def test_run_in_heading_followed_by_a_space_and_a_long_sentence():
    text = (
        "某县2022年政府信息公开工作年度报告\n"
        "一、总体情况 根据《中华人民共和国政府信息公开条例》的规定及上级通知要求,现将本县2022年度政府信息公开工作情况报告如下\n"
        "二、主动公开政府信息情况\n│规章│0│\n"
    )
    heads = lint(text).outline.top_level()
    assert [h.text for h in heads] == ["总体情况", "主动公开政府信息情况"]
    assert heads[0].inline_body.startswith("根据《中华人民共和国政府信息公开条例》")


def test_arabic_items_running_on_across_parents_are_one_sequence():
    text = "某某县2023年法治政府建设情况报告\n\n" + BODY.replace(
        "（一）加强组织领导。召开会议4次。",
        "（一）深化改革\n1.精简审批。正文。\n2.优化服务。正文。\n（二）严格执法\n3.规范执法。正文。\n4.强化监督。正文。",
    )
    assert "numbering-sequence" not in rules(lint(text))
    restarted = text.replace("3.规范执法", "5.规范执法")
    assert "numbering-sequence" in rules(lint(restarted))


@pytest.mark.parametrize(
    ("opening", "checklist"),
    [
        ("根据《条例》规定,现公布某市人民政府2023年政府信息公开工作年度报告。\n一、总体情况\n正文。\n", "xxgk-2021"),
        ("本年报说明如下。\n一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n", "xxgk-2021"),
        ("根据督察工作规定,现将某县2022年度法治政府建设情况报告如下。\n一、2022年主要工作\n正文。\n", "fazhi-2019"),
    ],
)
def test_checklist_told_from_the_opening_or_the_matching_headings(opening, checklist):
    result = lint(opening)
    assert result.checklist.id == checklist
    assert "not-a-report" not in rules(result)


def test_untitled_partial_report_is_still_a_report():
    text = "根据要求,现将省政府2022年度法治政府建设情况报告如下。\n一、2022年主要工作\n(一)深入学习贯彻习近平法治思想\n正文。\n"
    assert "not-a-report" not in rules(lint(text))


def test_a_notice_is_not_a_report():
    text = (
        "西平县人民政府办公室\n关于印发西平县2020年度法治政府建设\n工作安排的通知\n各乡镇人民政府:\n"
        "现印发给你们,请认真贯彻执行。\n一、工作目标\n正文。\n"
    )
    # Only format findings that hold for any official document (the half-width colon) remain.
    assert rules(lint(text)) == ["addressee", "not-a-report"]


def test_pdf_joins_the_rest_of_a_figure_broken_at_a_printed_line():
    from lint.readers.pdf import read

    lines = [
        "某乡2023年政府信息公开工作年度报告",
        "如对本报告有疑问或意见建议,请与乡人民政府党政办公室联系(地址:某乡某街1号,电话:0875-28900",
        "36,邮箱:example@126.com)。",
        "一、总体情况",
        "全年主动公开政府信息86条。",
    ]
    data = pdf_bytes(lines, chars_per_line=40)
    texts = [ln.text for ln in read(data, "r.pdf").lines]
    assert not any(t.startswith("36") for t in texts)
    assert [h.marker for h in lint_document(read_bytes(data, "r.pdf"), AUTO).outline.headings] == ["一、"]


def test_vertical_single_character_cells_are_not_joined_to_a_heading():
    text = XXGK_TEXT_TABLES.replace("申请人情况\n", "申\n请\n人\n情\n况\n")
    result = lint(text)
    assert [h.text for h in result.outline.top_level()][2] == "收到和处理政府信息公开申请情况"
    assert rules(result) == []


def test_metadata_as_a_markdown_list_is_chrome():
    text = (
        "2025年\n- 索引号: kysrmzf/2026-00017\n- 发布机构: 开远市人民政府\n- 文号:\n- 发布日期: 2026-02-09\n"
        "- 时效性: 有效\n开远市2025年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
    )
    result = lint(text)
    assert result.outline.title.text == "开远市2025年政府信息公开工作年度报告"
    assert result.outline.addressee is None and "addressee" not in rules(result)


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_seed_flattened_onto_one_line_reads_like_the_seed(prefix):
    from tests.conftest import STRUCTURAL, seed

    text = seed(prefix).read_text(encoding="utf-8")
    flat = " ".join(ln.strip() for ln in text.split("\n") if ln.strip()) + "\n"

    def shape(result):
        return (
            result.outline.title.text if result.outline.title else None,
            result.outline.year,
            [h.marker for h in result.outline.top_level()],
            sorted((f.rule, f.section) for f in result.findings if f.rule in STRUCTURAL | {"not-a-report"}),
        )

    assert shape(lint(flat)) == shape(lint(text))


@pytest.mark.parametrize(
    "lines",
    ["（二）坚持党的领导，统筹推进法治政府建设\n全年召开会议4次", "（二）其他需要报告的事项\n暂无其他事项"],
)
def test_a_short_body_line_is_not_taken_for_the_rest_of_a_heading(lines):
    text = "某某县2023年法治政府建设情况报告\n\n" + BODY.replace(
        "（一）加强组织领导。召开会议4次。", "（一）加强组织领导。召开会议4次。\n" + lines
    )
    heading, body = lines.split("\n")
    assert [h.text for h in lint(text).outline.headings if h.level == 2][1] == heading[3:]


def test_a_stray_top_level_line_that_maps_to_nothing_does_not_shift_the_numbering():
    text = XXGK_TEXT_TABLES.replace(
        "四、政府信息公开行政复议、行政诉讼情况\n", "一、本年度无新增复议诉讼案件备注说明\n四、政府信息公开行政复议、行政诉讼情况\n"
    )
    result = lint(text)
    assert "unknown-section" in rules(result)
    assert "numbering-sequence" not in rules(result)
    skipped = XXGK_TEXT_TABLES.replace("四、政府信息公开行政复议", "五、政府信息公开行政复议")
    # 「一二三五五」: only the first 「五、」 is out of place; the second stands where it belongs.
    (finding,) = [f for f in lint(skipped).findings if f.rule == "numbering-sequence"]
    assert finding.line == 37 and "「四、」" in finding.message


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("附件2\n某县2023年法治政府建设情况报告", "某县2023年法治政府建设情况报告"),
        ("某某县人民政府关于2023年度\n法治政府建设情况的报告", "某某县人民政府关于2023年度法治政府建设情况的报告"),
        ("县委依法治县办\n某县2023年法治政府建设情况报告", "县委依法治县办某县2023年法治政府建设情况报告"),
    ],
)
def test_what_joins_the_title_from_above(head, title):
    assert lint(head + "\n\n" + BODY).outline.title.text == title


def test_a_cell_cut_right_after_its_number_is_still_a_table_row():
    text = XXGK_TEXT_TABLES.replace("3.危及“三安全一稳定”", "3.危及\n“三安全一稳定”").replace(
        "（三）不予公开", "（三）不予\n公开"
    )
    result = lint(text)
    assert [h.marker for h in result.outline.headings] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert rules(result) == []


def test_competing_headings_table_first_and_canonical_title():
    text = XXGK_TEXT_TABLES.replace(
        "三、收到和处理政府信息公开申请情况\n", "三、主动公开政府信息情况\n说明见上表。\n三、收到和处理政府信息公开申请情况\n"
    )
    result = lint(text)
    assert [h.lineno for h in result.match.by_section["proactive"]] == [5]
    assert "missing-table" not in rules(result)
    canonical = XXGK_TEXT_TABLES.replace("一、总体情况\n", "一、概述\n全年公开信息。\n一、总体情况\n")
    result = lint(canonical)
    assert [h.text for h in result.match.by_section["overview"]] == ["总体情况"]
    (dup,) = [f for f in result.findings if f.rule == "duplicate-section"]
    assert dup.line == 3 and "以第5行的标题为准" in dup.message
