"""Outline building: markers, levels from context, run-in headings, front matter."""

from __future__ import annotations

import pytest

from lint.outline import build_outline, cn_number
from lint.readers import read_bytes


def outline_of(text: str, name: str = "r.txt"):
    return build_outline(read_bytes(text.encode("utf-8"), name))


@pytest.mark.parametrize(
    ("text", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("12", 12)]
)
def test_cn_number(text, value):
    assert cn_number(text) == value


def test_markers_and_levels():
    o = outline_of(
        "标题报告\n一、甲\n正文。\n（一）乙\n正文。\n1.丙\n正文。\n（1）丁\n正文。\n二、戊\n正文。\n"
    )
    assert [(h.marker, h.level, h.number) for h in o.headings] == [
        ("一、", 1, 1),
        ("（一）", 2, 1),
        ("1.", 3, 1),
        ("（1）", 4, 1),
        ("二、", 1, 2),
    ]
    assert o.headings[3].parent is o.headings[2]


def test_half_width_and_missstyled_markers_are_headings():
    o = outline_of("一、甲\n(一)乙。正文\n1、丙。正文\n（一）、丁。正文\n")
    assert [(h.kind, h.level) for h in o.headings] == [
        ("cn", 1),
        ("cn-paren", 2),
        ("arabic", 3),
        ("cn-paren", 2),
    ]


def test_not_headings():
    o = outline_of("一是加强学习。\n2023年，我镇坚持依法行政。\n1.5亿元投入民生。\n二〇二三年十二月十五日\n")
    assert o.headings == []


def test_run_in_heading_split_at_first_full_stop():
    (h,) = outline_of("（一）加强组织领导。镇党委把法治工作列入议程。\n").headings
    assert h.text == "加强组织领导" and h.inline_body == "镇党委把法治工作列入议程。"


def test_misstyled_first_top_level_heading_is_promoted():
    o = outline_of(
        "1、主要举措和成效\n（一）甲。正文\n二、存在的不足和原因\n正文。\n三、下一步打算\n正文。\n"
    )
    assert [(h.marker, h.level) for h in o.headings] == [("1、", 1), ("（一）", 2), ("二、", 1), ("三、", 1)]
    assert o.headings[0].promoted


def test_arabic_children_are_not_promoted():
    o = outline_of("一、甲\n1、乙。正文\n2、丙。正文\n二、丁\n正文。\n")
    assert [h.level for h in o.headings] == [1, 2, 2, 1]
    assert not any(h.promoted for h in o.headings)


def test_arabic_top_level_document():
    o = outline_of("1.主要举措\n（一）甲。正文\n（二）乙。正文\n2.存在问题\n（一）丙。正文\n")
    assert [h.level for h in o.headings] == [1, 2, 2, 1, 2]


def test_title_split_over_two_lines_and_addressee():
    o = outline_of(
        " 关于报送2020年度法治政府建设工作情况的\n报     告\n\n区委、区政府：\n2020年，我镇……。\n一、主要举措\n正文。\n"
    )
    assert o.title.text == "关于报送2020年度法治政府建设工作情况的报告"
    assert o.title.line.lineno == 1
    assert o.addressee.text == "区委、区政府："
    assert o.year == 2020


def test_issuing_body_above_title_is_joined_with_it():
    o = outline_of("中共某镇委员会 某镇人民政府\n\n2023年度法治政府建设报告\n正文。\n")
    assert o.title.text == "中共某镇委员会某镇人民政府2023年度法治政府建设报告"


def test_no_title_year_from_opening_paragraph():
    o = outline_of(
        "2023年，我镇坚持依法行政，全面推进法治政府建设，现将有关情况报告如下。\n一、主要举措\n正文。\n"
    )
    assert o.title is None and o.year == 2023


def test_markdown_headings():
    o = outline_of(
        "# 2023年法治政府建设情况报告\n\n## 一、主要举措和成效\n正文。\n\n### 加强领导\n正文。\n", name="r.md"
    )
    assert o.title.text == "2023年法治政府建设情况报告"
    assert [(h.kind, h.marker, h.text, h.level) for h in o.headings] == [
        ("cn", "一、", "主要举措和成效", 1),
        ("h3", "", "加强领导", 2),
    ]


def test_crlf_and_cr_line_ends_keep_line_numbers():
    for sep in ("\r\n", "\r"):
        o = outline_of(sep.join(["2023年法治政府建设情况报告", "", "一、主要举措", "正文。"]))
        assert [h.lineno for h in o.headings] == [3]
