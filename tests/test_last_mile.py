"""Bugs a review of the wave-2 change found, each reproduced as the user met it."""

from __future__ import annotations

import json
import os
import stat

import pytest

from lint.rules.examples import GOOD
from tests.conftest import SEEDS, seed
from tests.fixtures import docx_bytes


def _docx(path, prefix="003"):
    path.write_bytes(docx_bytes(seed(prefix).read_text(encoding="utf-8").splitlines()))
    return path


def _rules(run, *args):
    data = json.loads(run("check", "--format", "json", *args).output)
    return [f["rule"] for f in data["files"][0]["findings"]]


def test_families_work_in_configured_severity_and_scoped_ignores(run, in_tmp):
    path = _docx(in_tmp / "d.docx")
    assert any(r.startswith("layout-") for r in _rules(run, path))
    (in_tmp / ".reportlint.yaml").write_text("ignore: [{path: '*.docx', rule: layout}]\n", encoding="utf-8")
    assert not any(r.startswith("layout-") for r in _rules(run, path))
    (in_tmp / ".reportlint.yaml").write_text("severity: {numbering: error}\n", encoding="utf-8")
    data = json.loads(run("check", "--format", "json", seed("003")).output)
    severities = {f["severity"] for f in data["files"][0]["findings"] if f["rule"].startswith("numbering-")}
    assert severities == {"error"}


def test_csv_is_the_same_with_jobs(run):
    serial = run("check", "--format", "csv", SEEDS).output
    assert "仲山镇" in serial
    assert run("check", "--format", "csv", "-j", "2", SEEDS).output == serial


def test_layout_hints_are_whole(run, in_tmp):
    path = _docx(in_tmp / "d.docx")
    data = json.loads(run("check", "--format", "json", path).output)
    hints = [f["hint"] for f in data["files"][0]["findings"] if f["rule"] == "layout-margins"]
    assert hints and all(h.endswith("（可用 reportlint fix --layout）。") for h in hints)


def test_outline_of_a_folder_says_to_name_a_file(run):
    result = run("outline", SEEDS)
    assert result.exit_code == 2 and "只显示一个文件" in result.output and "内部错误" not in result.output


def test_baseline_into_a_missing_folder_is_a_usage_error_before_linting(run, in_tmp):
    result = run("check", "--write-baseline", "nodir/b.json", SEEDS)
    assert result.exit_code == 2 and "不存在" in result.output and "检查了" not in result.output


def test_output_files_get_an_ordinary_mode(run, in_tmp):
    old = os.umask(0o022)
    try:
        run("check", "--format", "json", "-o", "out.json", SEEDS)
        run("check", "--write-baseline", "b.json", SEEDS)
    finally:
        os.umask(old)
    for name in ("out.json", "b.json"):
        assert stat.S_IMODE((in_tmp / name).stat().st_mode) == 0o644, name


def test_output_over_a_checked_file_is_refused(run, in_tmp):
    (in_tmp / "r.txt").write_text(GOOD, encoding="utf-8")
    result = run("check", "-o", "r.txt", "r.txt")
    assert result.exit_code == 2 and (in_tmp / "r.txt").read_text(encoding="utf-8") == GOOD


def test_fix_layout_leaves_a_conforming_document_alone(run, in_tmp):
    assert run("new", "-o", "sk.docx").exit_code == 0
    before = (in_tmp / "sk.docx").read_bytes()
    assert not any(r.startswith("layout-") for r in _rules(run, "sk.docx"))
    assert run("fix", "--layout", "--diff", "sk.docx").exit_code == 0
    run("fix", "--layout", "sk.docx")
    assert (in_tmp / "sk.docx").read_bytes() == before


def test_a_layout_profile_with_a_negative_size_is_refused(run, in_tmp):
    (in_tmp / "u.yaml").write_text("id: u\nextends: gbt9704-2012\nroles: {body: {size_pt: -3}}\n", encoding="utf-8")
    path = _docx(in_tmp / "d.docx")
    before = path.read_bytes()
    result = run("fix", "--layout", "--layout-profile", "u.yaml", path)
    assert result.exit_code == 2 and "u.yaml:3" in result.output
    assert path.read_bytes() == before


def test_english_tables_name_one_severity(run):
    out = run("check", "--lang", "en", "--format", "csv", seed("003")).output
    rows = out.splitlines()[1:]
    assert rows and all(",errors," not in r and ",warnings," not in r for r in rows)
    assert any(",warning," in r for r in rows)


def test_review_refuses_an_unknown_output_type(run, in_tmp):
    result = run("review", SEEDS, "-o", "r.pdf")
    assert result.exit_code == 2 and ".html" in result.output and not (in_tmp / "r.pdf").exists()


def test_a_malformed_pyproject_table_is_an_error(run, in_tmp):
    (in_tmp / "pyproject.toml").write_text("[tool.reportlint\nignore = [1]\n", encoding="utf-8")
    (in_tmp / "r.txt").write_text(GOOD, encoding="utf-8")
    result = run("check", "r.txt")
    assert result.exit_code == 2 and "pyproject.toml" in result.output


def test_files_all_excluded_pass_quietly(run, in_tmp):
    (in_tmp / ".reportlint.yaml").write_text("exclude: ['old/*']\n", encoding="utf-8")
    (in_tmp / "old").mkdir()
    (in_tmp / "old" / "r.txt").write_text("no title\n", encoding="utf-8")
    result = run("check", "old/r.txt")
    assert result.exit_code == 0 and result.output == ""


def test_messages_in_chinese_by_default(run, in_tmp):
    assert "基线文件不存在" in run("check", "--baseline", "nope.json", SEEDS).output
    assert "配置文件不存在" in run("check", "--config", "nope.yaml", SEEDS).output
    assert "文件不存在" in run("fix", "missing.txt").output
    assert "文件夹" in run("review", SEEDS, "-o", "nodir/r.html").output
    from tests.conftest import ROOT

    assert "通过（fazhi-2019" in run("checklists", "validate", ROOT / "checklists" / "fazhi-2019.yaml").output


@pytest.mark.parametrize("checklist", ["fazhi-2019", "xxgk-2021", "fazhi-thematic"])
@pytest.mark.parametrize("ext", ["docx", "md", "txt"])
def test_a_fresh_skeleton_reports_only_its_empty_sections(run, in_tmp, checklist, ext):
    assert run("new", "--checklist", checklist, "-o", f"sk.{ext}").exit_code == 0
    data = json.loads(run("check", "--format", "json", "--checklist", checklist, f"sk.{ext}").output)
    from lint.checklist import load_checklist

    tables = {s.id for s in load_checklist(checklist).sections.values() if s.requires_table}
    findings = data["files"][0]["findings"]
    assert {f["rule"] for f in findings} <= {"empty-section", "missing-table"}
    assert {f["section"] for f in findings if f["rule"] == "missing-table"} == tables  # the tables to fill in


def test_a_tab_after_the_heading_number_keeps_the_heading(run, in_tmp):
    text = (
        "2023年法治政府建设情况报告\n一、\t主要举措和成效\n全年召开会议。\n二、\t存在的不足和原因\n"
        "一是不够。究其原因，主要是重视不够。\n三、\t党政主要负责人履行推进法治建设第一责任人职责情况\n"
        "主要负责人带头学法。\n四、\t2024年工作安排\n1、加强学习\t法制宣传\n继续推进。\n"
    )
    (in_tmp / "r.txt").write_text(text, encoding="utf-8")
    rules = _rules(run, "r.txt")
    assert "missing-section" not in rules and "numbering-style" in rules  # 「1、」 is a heading too
    assert run("fix", "r.txt").exit_code == 0
    assert "1.加强学习\t法治宣传" in (in_tmp / "r.txt").read_text(encoding="utf-8")


def test_baselines_match_layout_findings_in_either_language(run, in_tmp):
    path = _docx(in_tmp / "d.docx")
    run("check", "--write-baseline", "b.json", path)
    data = json.loads(run("check", "--format", "json", "--lang", "en", "--baseline", "b.json", path).output)
    assert data["files"][0]["findings"] == []


def test_review_leaves_non_reports_out_of_the_section_columns(run, in_tmp):
    from tests.conftest import ROOT

    notice = ROOT / "tests" / "corpus"
    non_reports = sorted(notice.glob("nr-*"))
    assert non_reports
    result = run("review", non_reports[0], *sorted(SEEDS.glob("*.txt")), "-o", "r.csv")
    assert result.exit_code == 0
    rows = (in_tmp / "r.csv").read_text(encoding="utf-8-sig").splitlines()
    row = next(r for r in rows if non_reports[0].name in r)
    assert "缺失" not in row


def test_csv_written_to_a_file_opens_in_excel_as_utf8(run, in_tmp):
    run("check", "--format", "csv", "-o", "c.csv", SEEDS)
    assert (in_tmp / "c.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_init_leaves_the_language_to_the_environment(run, in_tmp, monkeypatch):
    run("init")
    monkeypatch.setenv("REPORTLINT_LANG", "en")
    (in_tmp / "r.txt").write_text(GOOD.replace("二、存在", "二、存 在", 1), encoding="utf-8")
    from lint.config import load_config

    assert load_config(in_tmp / ".reportlint.yaml").lang is None
