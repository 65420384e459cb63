"""Every rule: its explain page's failing example fires it, its passing example does not."""

from __future__ import annotations

import pytest

from lint.checklist import load_checklist
from lint.engine import Options, lint_document
from lint.readers import read_bytes
from lint.rules import SEVERITY_RANK, all_rules
from lint.rules.examples import DUTY, GOOD, MEASURES, PLANS, SHORTCOMINGS, TITLE
from tests.conftest import SEEDS

RULES = all_rules()


def lint_text(text: str, checklist: str = "fazhi-2019", name: str = "r.txt", lang: str = "zh"):
    doc = read_bytes(text.encode("utf-8"), name)
    return lint_document(doc, Options(load_checklist(checklist), lang)).findings


def rules_of(text: str, **kw) -> list[str]:
    return [f.rule for f in lint_text(text, **kw)]


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_metadata(rule_id):
    rule = RULES[rule_id]
    assert rule.severity in SEVERITY_RANK
    for key in ("what", "why", "fix"):
        assert rule.explain[f"{key}_zh"] and rule.explain[f"{key}_en"]
    assert rule.summary["zh"] and rule.summary["en"] and rule.bad and rule.good


# copied-report compares two reports: tests/test_evaluator.py runs its examples as a pair.
@pytest.mark.parametrize("rule_id", sorted(set(RULES) - {"copied-report"}))
def test_explain_examples(rule_id):
    rule = RULES[rule_id]
    if rule.family == "layout":  # .docx only: tests/test_layout.py builds its examples as .docx files
        assert rule_id not in rules_of(rule.bad, checklist=rule.checklist), "layout rules never fire on text"
        return
    assert rule_id in rules_of(rule.bad, checklist=rule.checklist, name=rule.example_name), (
        "failing example must fire the rule"
    )
    assert rule_id not in rules_of(rule.good, checklist=rule.checklist, name=rule.example_name), (
        "passing example must not fire the rule"
    )


def test_good_example_is_clean():
    assert lint_text(GOOD) == []


def test_missing_section_subheading_is_a_warning():
    text = (
        TITLE
        + MEASURES
        + "（二）党政主要负责人履行推进法治建设第一责任人职责情况。主要负责人带头学法。\n"
        + SHORTCOMINGS
        + PLANS
    )
    (f,) = [f for f in lint_text(text) if f.rule == "missing-section"]
    assert f.severity == "warning" and f.section == "duty" and f.line == 5
    assert "一、（二）" in f.message


def test_missing_section_english_message():
    text = TITLE + MEASURES + SHORTCOMINGS + PLANS
    (f,) = [f for f in lint_text(text, lang="en") if f.rule == "missing-section"]
    assert f.message.startswith("Missing section") and "first persons responsible" in f.message


def test_optional_section_absent_is_fine():
    assert "missing-section" not in rules_of(GOOD)


def test_section_order_reports_every_section_out_of_place():
    text = (
        TITLE
        + PLANS.replace("四、", "一、")
        + DUTY.replace("三、", "二、")
        + SHORTCOMINGS.replace("二、", "三、")
        + MEASURES.replace("一、", "四、")
    )
    findings = [f for f in lint_text(text) if f.rule == "section-order"]
    assert len(findings) == 3  # four sections fully reversed: only one can stay


def test_thematic_headings_count_as_measures():
    text = (
        TITLE
        + "一、坚持党的领导，统筹推进法治政府建设\n全年召开会议4次。\n"
        + "二、依法全面履行政府职能\n深化放管服改革。\n"
        + "三、严格规范公正文明执法\n开展执法检查。\n"
        + SHORTCOMINGS.replace("二、", "四、")
        + DUTY.replace("三、", "五、")
        + PLANS.replace("四、", "六、")
    )
    findings = lint_text(text)
    assert not [f for f in findings if f.rule in ("missing-section", "unknown-section", "section-order")]


def test_duplicate_section_names_first_line():
    text = GOOD + "五、存在的问题\n部分干部法治意识有待提升，原因是学习不够。\n"
    (f,) = [f for f in lint_text(text) if f.rule == "duplicate-section"]
    assert f.section == "shortcomings" and f.line == 11 and "第5行" in f.message


def test_empty_subheading_is_a_warning_and_run_in_body_counts():
    text = (
        TITLE
        + "一、2023年主要举措和成效\n（一）加强组织领导\n（二）规范执法。全年办案12件。\n"
        + SHORTCOMINGS
        + DUTY
        + PLANS
    )
    (f,) = [f for f in lint_text(text) if f.rule == "empty-section"]
    assert f.severity == "warning" and f.line == 4


def test_empty_required_section_is_an_error():
    text = TITLE + MEASURES + SHORTCOMINGS + DUTY + "四、2024年工作安排\n"
    (f,) = [f for f in lint_text(text) if f.rule == "empty-section"]
    assert f.severity == "error" and f.section == "plans"


def test_missing_element_looks_at_body_not_heading():
    text = TITLE + MEASURES + "二、存在的不足和原因\n一是执法队伍专业化程度不高。\n" + DUTY + PLANS
    assert "missing-element" in rules_of(text)


def test_missing_element_accepts_causes_in_subsections():
    text = TITLE + MEASURES + "二、存在的问题\n（一）执法力量不足。究其原因，编制偏紧。\n" + DUTY + PLANS
    assert "missing-element" not in rules_of(text)


def test_missing_title_when_body_starts_at_once():
    assert "missing-title" in rules_of(
        "2023年，我镇坚持依法行政，取得成效。\n" + MEASURES + SHORTCOMINGS + DUTY + PLANS
    )


def test_conversion_artifacts_one_per_kind_per_line_with_original_columns():
    text = (
        "2023年法治政府建设情况报告\n|\n??蔡牛鎮(zhèn)黨委、鎮(zhèn)政府</span>[bookmark: _GoBack]\n"
        + GOOD[len(TITLE) :]
    )
    findings = [f for f in lint_text(text) if f.rule == "conversion-artifact"]
    assert [(f.line, f.column) for f in findings] == [(2, 1), (3, 1), (3, 6), (3, 24), (3, 31)]
    assert "等2处" in findings[2].message  # two pinyin glued on line 3, one finding


def test_brackets_and_plain_question_marks_are_not_junk():
    text = GOOD.replace("全年召开", "（一）(一)(2021-2025年)全年召开？")
    assert "conversion-artifact" not in rules_of(text)


def test_traditional_report_matches_like_simplified():
    from lint.rules.examples import GOOD_TRADITIONAL

    findings = lint_text(GOOD_TRADITIONAL)
    assert [f.rule for f in findings] == ["traditional-script"]


def test_rules_that_offer_repairs_say_so():
    """The run that checks a repair settles lints with the ``repairs`` rules only: a rule offering a
    repair without the flag would go unchecked there (and its hint would promise too much)."""
    offering = set()
    texts = [(r.bad, r.checklist, r.example_name) for r in RULES.values() if r.family != "layout"]
    texts += [(p.read_text(encoding="utf-8"), "fazhi-2019", p.name) for p in sorted(SEEDS.glob("*.txt"))]
    for text, checklist, name in texts:
        doc = read_bytes(text.encode("utf-8"), name)
        findings = lint_document(doc, Options(load_checklist(checklist))).findings
        offering |= {f.rule for f in findings if f.fix is not None}
    marked = {rid for rid, rule in RULES.items() if rule.repairs}
    assert offering, "the examples offer repairs"
    assert offering <= marked, f"offer repairs without repairs=True: {sorted(offering - marked)}"
    assert marked <= offering, f"repairs=True but no example offers one: {sorted(marked - offering)}"


@pytest.mark.parametrize("prefix", ["001", "002", "004"])
def test_a_seed_on_one_line_gets_one_warning_not_false_structure_errors(prefix):
    """A scraped copy that lost every line break: no heading can be found, so none is reported missing."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    flat = "".join(line.strip() for line in path.read_text(encoding="utf-8").split("\n"))
    found = lint_text(flat)
    (warning,) = [f for f in found if f.rule == "no-paragraphs"]
    assert warning.severity == "warning" and warning.line == 1 and "全文没有分段" in warning.message
    families = {RULES[f.rule].family for f in found}
    assert not families & {"structure", "content", "tables", "numbering"}
    assert {f.rule for f in found} - {"no-paragraphs"} <= {
        "term-variant", "wording", "outdated-reference", "conversion-artifact", "traditional-script"
    }


def test_one_paragraph_without_heading_markers_is_not_called_flat():
    """A notice written as one paragraph (no 「一、」 run into it) is judged as it is: not a report."""
    text = "关于开展法治宣传活动的通知" + "为进一步增强群众法治意识，营造良好法治氛围，经研究决定开展法治宣传活动，请各村认真组织。" * 4
    rules = rules_of(text)
    assert "no-paragraphs" not in rules and "not-a-report" in rules
