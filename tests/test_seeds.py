"""The five real reports, under the default checklist: the table of issue #2."""

from __future__ import annotations

import pytest

from lint.checklist import load_checklist
from lint.engine import Options, lint_file
from tests.conftest import STRUCTURAL, seed

TABLE = {
    # seed: (level-1 sections in order, must report, must not report)
    "000": (
        ["measures", "shortcomings", "plans"],
        {"missing-section", "missing-element"},
        {"section-order", "missing-title"},
    ),
    "001": (
        ["measures", "shortcomings", "plans"],
        {"missing-section", "missing-title"},
        {"section-order", "missing-element"},  # 「主要原因是：一是……」 analyses causes
    ),
    "002": (
        ["measures", "shortcomings", "duty", "plans"],
        # 「存在的不足和原因」 only lists problems (缺乏……认识不足……意识不强) and gives no cause:
        # a list of problems is not an analysis of causes (issue #14).
        {"missing-element"},
        {"missing-section", "section-order", "missing-title"},
    ),
    "003": (
        ["measures", "duty", "shortcomings", "plans"],
        {"section-order"},
        {"missing-section", "missing-title"},
    ),
    "004": (
        ["measures", "shortcomings", "duty", "plans"],
        set(),
        {"missing-section", "section-order", "missing-title"},
    ),
}
TITLES = {
    "000": ("城口县高观镇2022年法治政府建设情况报告", 2022),
    "001": (None, 2023),
    "002": ("中共仲山镇委员会仲山镇人民政府2023年度法治政府建设报告", 2023),
    "003": ("关于报送2020年度法治政府建设工作情况的报告", 2020),
    "004": ("2024年法治政府建设情况报告", 2024),
}


def lint_seed(prefix: str, checklist: str = "fazhi-2019"):
    return lint_file(str(seed(prefix)), Options(load_checklist(checklist)))


@pytest.mark.parametrize("prefix", sorted(TABLE))
def test_seed_sections_in_order(prefix):
    result = lint_seed(prefix)
    tops = [result.match.section_of(h) for h in result.outline.top_level()]
    assert [m.section if m else None for m in tops] == TABLE[prefix][0]


@pytest.mark.parametrize("prefix", sorted(TABLE))
def test_seed_findings(prefix):
    rules = {f.rule for f in lint_seed(prefix).findings}
    _, must, must_not = TABLE[prefix]
    assert must <= rules, f"missing {must - rules}"
    assert not (must_not & rules), f"unexpected {must_not & rules}"
    if prefix in ("002", "004"):
        assert not (rules & STRUCTURAL - {"missing-element"}), "nothing structural expected"


@pytest.mark.parametrize("prefix", sorted(TITLES))
def test_seed_title_and_year(prefix):
    result = lint_seed(prefix)
    title, year = TITLES[prefix]
    assert (result.outline.title.text if result.outline.title else None) == title
    assert result.outline.year == year


def test_missing_duty_points_at_paragraph_mention():
    (finding,) = [f for f in lint_seed("000").findings if f.rule == "missing-section"]
    assert finding.section == "duty" and finding.severity == "error"
    assert "第6行" in finding.message and "一、（一）" in finding.message


def test_traditional_seed_001_outline():
    result = lint_seed("001")
    assert result.document.traditional
    texts = [h.text for h in result.outline.top_level()]
    assert texts == [
        "2023年度法治政府建设工作开展情况",
        "法治政府建设工作存在的问题及原因",
        "下一步法治政府建设工作的改进措施",
    ]
    # Pinyin and 「??」 junk do not leak into the outline.
    assert not any("(" in h.text or "?" in h.text for h in result.outline.headings)


def test_seed_003_order_finding_names_duty():
    (finding,) = [f for f in lint_seed("003").findings if f.rule == "section-order"]
    assert finding.section == "duty" and finding.line == 34


def test_seed_003_under_duty_second_has_no_order_finding():
    assert "section-order" not in {f.rule for f in lint_seed("003", "fazhi-duty-second").findings}


def test_seed_004_first_heading_is_top_level():
    heading = lint_seed("004").outline.headings[0]
    assert (heading.marker, heading.level, heading.promoted) == ("1、", 1, True)


def test_duty_first_reports_seed_002_order():
    findings = [f for f in lint_seed("002", "fazhi-duty-first").findings if f.rule == "section-order"]
    assert [f.section for f in findings] == ["duty"]
