"""Numbering and format rules (GB/T 9704) on the seeds and on small documents."""

from __future__ import annotations

import pytest

from lint.rules.examples import GOOD
from tests.test_rules import lint_text, rules_of
from tests.test_seeds import lint_seed

NUMBERING = {"numbering-sequence", "numbering-style"}


def numbering_findings(prefix: str):
    return [f for f in lint_seed(prefix).findings if f.rule in NUMBERING]


def test_seed_001_repeat_and_half_width_brackets():
    findings = numbering_findings("001")
    (seq,) = [f for f in findings if f.rule == "numbering-sequence"]
    assert seq.line == 7 and "序号重复" in seq.message and "「（四）」" in seq.message
    styles = [f for f in findings if f.rule == "numbering-style"]
    assert {f.line for f in styles} == {4, 5, 6, 7, 12, 14, 16}
    assert all("半角括号" in f.message for f in styles)


def test_seed_003_third_level_arabic_with_dunhao():
    styles = [f for f in numbering_findings("003") if f.rule == "numbering-style"]
    assert len(styles) == 15 and all("「.」" in f.message for f in styles)
    assert not [f for f in numbering_findings("003") if f.rule == "numbering-sequence"]


def test_seed_004_first_top_level_heading():
    (f,) = numbering_findings("004")
    assert (
        f.rule == "numbering-style"
        and f.line == 4
        and "应写作「一、」" in f.message
        and "「二、」" in f.message
    )


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_clean_seeds_have_no_numbering_finding(prefix):
    assert numbering_findings(prefix) == []


BASE = "2023年法治政府建设情况报告\n\n{}\n二、存在的不足和原因\n原因是培训不够。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n带头学法。\n四、下一年度工作安排\n继续深化。\n"


@pytest.mark.parametrize(
    ("subs", "message"),
    [
        ("一、主要举措和成效\n（一）甲。正文\n（三）乙。正文", "跳号：此处应为第2个，即「（二）」"),
        ("一、主要举措和成效\n（二）甲。正文\n（三）乙。正文", "没有从一开始"),
        ("一、主要举措和成效\n（一）甲。正文\n（二）乙。正文\n（一）丙。正文", "序号重新开始"),
    ],
)
def test_sequence_gaps_starts_and_restarts(subs, message):
    findings = [f for f in lint_text(BASE.format(subs)) if f.rule == "numbering-sequence"]
    assert findings and message in findings[0].message


def test_top_level_gap_reported_once_and_fix_renumbers_the_rest():
    text = (
        BASE.format("一、主要举措和成效\n正文。")
        .replace("三、党政", "四、党政")
        .replace("四、下一年度", "五、下一年度")
    )
    (finding,) = [f for f in lint_text(text) if f.rule == "numbering-sequence"]
    assert finding.line == 7 and "跳号" in finding.message and "其后1个同级标题" in finding.hint
    assert [(f.lineno, f.number) for f in (finding.fix, *finding.more_fixes)] == [(7, 3), (9, 4)]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("（一）、甲。正文", "括号序号后不应再加标点"),
        ("(一)甲。正文", "使用了半角括号"),
        ("（一）甲。正文\n1、乙。正文", "阿拉伯数字后应用下脚点"),
    ],
)
def test_style_problems(heading, expected):
    text = BASE.format("一、主要举措和成效\n" + heading)
    messages = [f.message for f in lint_text(text) if f.rule == "numbering-style"]
    assert any(expected in m for m in messages), messages


def test_skipped_level_is_info():
    text = BASE.format("一、主要举措和成效\n1.甲。正文\n2.乙。正文")
    (f,) = [f for f in lint_text(text) if f.rule == "numbering-style"]
    assert f.severity == "info" and "跳过了「（一）」层级" in f.message


def test_full_width_period_and_correct_markers_pass():
    text = BASE.format("一、主要举措和成效\n（一）甲\n1．乙。正文\n（1）丙。正文")
    assert not NUMBERING & set(rules_of(text))


def test_top_level_arabic_document_is_told_to_use_chinese_numerals():
    text = "2023年法治政府建设情况报告\n\n1.主要举措和成效\n正文。\n2.存在的不足和原因\n原因是培训不够。\n"
    messages = [f.message for f in lint_text(text) if f.rule == "numbering-style"]
    assert len(messages) == 2 and "「一、」" in messages[0] and "一级标题应使用「一、」" in messages[0]


# --------------------------------------------------------------------------- format rules


@pytest.mark.parametrize(
    ("date", "canonical"),
    [
        ("2023.12.15", "2023年12月15日"),
        ("2023-12-15", "2023年12月15日"),
        ("2023/1/5", "2023年1月5日"),
        ("2023年09月05日", "2023年9月5日"),
        ("二〇二三年十二月十五日", "2023年12月15日"),
    ],
)
def test_date_format(date, canonical):
    findings = [f for f in lint_text(GOOD + f"\n某镇人民政府\n{date}\n") if f.rule == "date-format"]
    assert len(findings) == 1 and f"应写作「{canonical}」" in findings[0].message
    assert findings[0].fix.new == canonical


def test_good_date_and_body_dates_are_silent():
    assert "date-format" not in rules_of(GOOD + "\n某镇人民政府\n2023年12月15日\n")
    assert "date-format" not in rules_of(GOOD.replace("全年召开", "2023-03-01召开"))


@pytest.mark.parametrize(
    "number",
    ["厅字[2019]28号", "厅字（2019）28号", "厅字(2019)28号", "厅字【2019】28号", "国办发﹝2021﹞5号"],
)
def test_document_number_brackets(number):
    findings = [
        f for f in lint_text(GOOD.replace("全年召开", f"按照{number}要求召开")) if f.rule == "document-number"
    ]
    assert len(findings) == 1 and "〔" in findings[0].fix.new


def test_document_number_correct_and_non_numbers_silent():
    text = GOOD.replace("全年召开", "按照厅字〔2019〕28号和《纲要（2021-2025年）》要求召开")
    assert "document-number" not in rules_of(text)


def test_addressee_colon():
    head = "2023年法治政府建设情况报告\n"
    body = GOOD.split("\n", 2)[2]
    assert "addressee" in rules_of(head + "县委、县政府:\n" + body)
    assert "addressee" in rules_of(head + "县委、县政府\n" + body)
    assert "addressee" not in rules_of(head + "县委、县政府：\n" + body)
    assert "addressee" not in rules_of(GOOD)


def test_seed_addressees_are_fine():
    for prefix in ("002", "003"):
        assert "addressee" not in {f.rule for f in lint_seed(prefix).findings}
