"""Findings of the second review (review4) of no-paragraphs, late-report on web pages and fix settling."""

from __future__ import annotations

from tests.test_rules import rules_of

SHORT = (
    "某某乡人民政府2023年法治政府建设年度报告\n"
    "2023年，我乡在县委、县政府的正确领导下，深入学习贯彻习近平法治思想，全面推进依法行政。"
    "一是加强组织领导，乡党委书记切实履行推进法治建设第一责任人职责，全年召开专题会议研究法治建设工作4次；"
    "二是推进依法决策，重大行政决策全部经过合法性审查；三是严格规范执法，一、二季度开展执法案卷评查2次，"
    "行政执法“三项制度”全面落实；四是加强普法宣传，开展“八五”普法宣传活动12场次，发放宣传资料3000余份。"
    "同时，我乡法治建设仍存在法治队伍力量薄弱等不足。2024年，我乡将继续加强法治政府建设。\n"
    "某某乡人民政府\n"
    "2024年1月10日\n"
)


def test_a_short_report_in_one_paragraph_is_not_called_flat():
    """「一、二季度」 in prose is no run-in heading: the report keeps its missing-section errors."""
    rules = rules_of(SHORT)
    assert "no-paragraphs" not in rules
    assert rules.count("missing-section") >= 3


def test_a_flat_report_with_run_in_headings_still_gets_the_warning():
    body = SHORT.replace("\n", "").replace("2023年，", "2023年，现报告如下。一、主要举措。").replace(
        "同时，", "二、存在的不足。同时，"
    )
    assert "no-paragraphs" in rules_of(body)


def _page(info: str = "", before: str = "") -> str:
    from lint.rules.examples import GOOD

    paragraphs = "".join(f"<p>{line}</p>\n" for line in GOOD.split("\n") if line.strip())
    return (
        '<html><head><meta charset="utf-8"><title>报告</title></head><body>\n'
        f'<div class="header">首页 政务公开</div>\n{before}'
        f'<div class="article">\n<div class="info">{info}</div>\n{paragraphs}</div></body></html>'
    )


#: A column of other articles above the report (class names that are not chrome: 「left」).
SIDEBAR = (
    '<div class="left"><ul>'
    + "".join(f"<li><a>某县2024年工作动态{i}</a> 发布时间：2024-06-0{i}</li>" for i in range(1, 4))
    + "</ul></div>\n"
)


def test_another_articles_date_in_a_column_above_is_not_the_reports():
    from tests.test_evaluator import found

    assert not found(_page(before=SIDEBAR), "late-report", name="r.html")
    (f,) = found(_page(before=SIDEBAR, info="发布时间：2024-04-20"), "late-report", name="r.html")
    assert "2024年4月20日" in f.message
    assert not found(_page(before=SIDEBAR, info="发布时间：2024-03-20"), "late-report", name="r.html")


def test_fix_does_not_break_a_sequence_while_renumbering_a_reshuffled_report():
    """Sections moved (「四、」 first): renumbering the whole report over left 「（一）（一）（五）（六）」,
    a numbering-sequence error fix made and does not repair; fix makes the other repairs only."""
    from lint.checklist import load_checklist
    from lint.engine import Options, lint_file
    from lint.fixer import plan
    from tests.conftest import ROOT

    options = Options(load_checklist("fazhi-2019"))
    path = ROOT / "tests" / "data" / "fix-reshuffled.txt"
    data = path.read_bytes()
    before = lint_file(str(path), options, data)
    outcome = plan(before, data, options)
    assert outcome.data is not None and "法治建设议事协调机构" in outcome.after  # 法制 → 法治 still made
    after = lint_file(str(path), options, outcome.data)
    old_lines, new_lines = outcome.before.split("\n"), outcome.after.split("\n")
    broken_before = {old_lines[f.line - 1] for f in before.findings if f.rule == "numbering-sequence"}
    broken_after = {new_lines[f.line - 1] for f in after.findings if f.rule == "numbering-sequence"}
    assert not broken_after - broken_before
