"""What drafters read: messages in their language, hints on every finding, causes that are causes."""

from __future__ import annotations

import pytest

from lint.checklist import load_checklist
from lint.engine import Options, lint_document
from lint.readers import read_bytes
from lint.rules import all_rules
from lint.rules.examples import DUTY, MEASURES, PLANS, TITLE

RULES = all_rules()


def findings(text: str, checklist: str = "fazhi-2019", name: str = "r.txt", lang: str = "zh"):
    return lint_document(read_bytes(text.encode("utf-8"), name), Options(load_checklist(checklist), lang)).findings


def test_a_list_of_problems_is_not_an_analysis_of_causes():
    problems_only = "二、存在的不足和原因\n一是缺乏法律专业人才。二是执法人员意识不强。\n"
    found = [f for f in findings(TITLE + MEASURES + problems_only + DUTY + PLANS) if f.rule == "missing-element"]
    assert found and "原因" in found[0].hint and "不要只列举问题" in found[0].hint
    with_cause = problems_only + "究其原因，主要是培训不够系统。\n"
    assert not [f for f in findings(TITLE + MEASURES + with_cause + DUTY + PLANS) if f.rule == "missing-element"]


# copied-report compares two reports: tests/test_evaluator.py runs it as a pair.
# layout-* rules fire on .docx only: tests/test_layout.py checks their findings.
@pytest.mark.parametrize("rule_id", sorted(r for r in set(RULES) - {"copied-report"} if not r.startswith("layout-")))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_finding_has_a_hint(rule_id, lang):
    rule = RULES[rule_id]
    fired = [f for f in findings(rule.bad, rule.checklist, rule.example_name, lang) if f.rule == rule_id]
    assert fired and all(f.hint for f in fired), f"{rule_id} has no hint"


def test_messages_name_the_checklist_not_its_id():
    from lint.rules.examples import SHORTCOMINGS

    out_of_order = TITLE + MEASURES + DUTY + SHORTCOMINGS + PLANS
    for f in findings(out_of_order):
        assert "fazhi-2019" not in f.message and "fazhi-2019" not in (f.hint or "")


def test_missing_title_hint_follows_the_checklist():
    from tests.test_more_checklists import XXGK

    body = XXGK.split("\n", 1)[1]
    (f,) = [f for f in findings(body, "xxgk-2021") if f.rule == "missing-title"]
    assert "政府信息公开工作年度报告" in f.hint and "法治政府" not in f.hint


def test_help_is_chinese_by_default_and_english_on_request(script, monkeypatch):
    monkeypatch.delenv("REPORTLINT_LANG", raising=False)
    zh = script("check", "--help").stdout.decode("utf-8")
    assert "检查报告文件或目录" in zh and "默认：按标题和一级标题自动选择" in zh
    monkeypatch.setenv("REPORTLINT_LANG", "en")
    en = script("check", "--help").stdout.decode("utf-8")
    assert "Lint report files" in en and "default: automatic" in en
    assert "Lint report files" in script("check", "--help").stdout.decode("utf-8")


def test_usage_errors_are_chinese_by_default_and_english_on_request(script, monkeypatch, tmp_path):
    """click's own messages (a mistyped option, a bad choice, a missing argument) follow the language too."""
    monkeypatch.delenv("REPORTLINT_LANG", raising=False)
    bad_choice = script("check", "--format", "foo", tmp_path)
    err = bad_choice.stderr.decode("utf-8")
    assert bad_choice.returncode == 2 and bad_choice.stdout == b""
    assert "错误：'--format' 的值无效：'foo' 不是可选的值" in err and "运行 'reportlint check --help' 查看帮助。" in err
    assert "Error" not in err and "Try" not in err
    assert "没有 'chek' 这个命令。 是否想用 'check'？" in script("chek").stderr.decode("utf-8")
    assert "没有 '--nope' 这个选项。" in script("check", "--nope", tmp_path).stderr.decode("utf-8")
    assert "选项 '--jobs' 需要一个值。" in script("check", "--jobs").stderr.decode("utf-8")
    assert "缺少参数 'PATHS...'" in script("check").stderr.decode("utf-8")
    help_text = script("--help").stdout.decode("utf-8")
    assert "用法: reportlint" in help_text and "显示本帮助并退出。" in help_text and "显示版本并退出。" in help_text
    # --lang en anywhere on the line, even after the mistake, or REPORTLINT_LANG=en
    en = script("check", "--format", "foo", "--lang", "en", tmp_path)
    assert en.returncode == 2 and "Error: Invalid value for '--format': 'foo' is not one of" in en.stderr.decode()
    monkeypatch.setenv("REPORTLINT_LANG", "en")
    assert "Error: No such option '--nope'" in script("check", "--nope", tmp_path).stderr.decode("utf-8")
    assert script("--version").stdout.decode().startswith("reportlint, version ")


def test_checklists_show_speaks_chinese(run):
    out = run("checklists", "show", "fazhi-2019").output
    assert "常见写法" in out and "aliases" not in out
    assert "aliases" in run("checklists", "show", "fazhi-2019", "--lang", "en").output


@pytest.mark.parametrize(
    "line, junk",
    [("三是加强燃?xì)獍踩?管理。", True), ("?,F(xiàn)场检查发现问题。", True), ("是否合规?", False), ("F(x)函数", False)],
)
def test_mojibake_from_a_wrong_re_encoding_is_reported(line, junk):
    from lint.rules.examples import GOOD

    text = GOOD.replace("加强执法培训。", "加强执法培训。" + line, 1)
    found = [f for f in findings(text) if f.rule == "conversion-artifact"]
    assert bool(found) is junk
    if junk:
        assert "乱码" in found[0].message and found[0].fix is None and "正式文本" in found[0].hint


def test_explain_names_the_family_in_the_output_language(run):
    from lint.messages_zh import FAMILIES
    from lint.rules import all_rules

    assert {r.family for r in all_rules().values()} <= FAMILIES.keys()
    assert run("explain", "term-variant").output.startswith("term-variant（警告，术语类规则 terms）— 规范表述写错")
    en = run("explain", "--lang", "en", "term-variant").output
    assert en.startswith("term-variant (warning, family terms) — A mandated formulation is garbled")
