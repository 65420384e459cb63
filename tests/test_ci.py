"""CI gate and pre-commit: SARIF, GitHub annotations, JUnit, --output, config, suppressions, baseline, --jobs."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from lint.config import STARTER, STARTER_ZH, load_config
from lint.rules.examples import DUTY, GOOD, MEASURES, PLANS, SHORTCOMINGS, TITLE
from tests.conftest import ROOT, copy_seeds, seed
from tests.fixtures import docx_bytes

SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
MISSING_DUTY = TITLE + MEASURES + SHORTCOMINGS + PLANS.replace("四、", "三、")


# --------------------------------------------------------------------------- SARIF


def test_sarif_validates_and_carries_rules_and_results(run, in_tmp):
    copy_seeds(in_tmp / "seeds")
    result = run("check", "--format", "sarif", "seeds")
    assert result.exit_code == 1
    sarif = json.loads(result.output)
    jsonschema.validate(sarif, SARIF_SCHEMA)
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert {"missing-section", "numbering-style", "term-variant"} <= {r["id"] for r in rules}
    missing = next(r for r in rules if r["id"] == "missing-section")
    assert missing["defaultConfiguration"]["level"] == "error" and "修改方法" in missing["help"]["text"]
    duty = next(
        r
        for r in run_["results"]
        if r["ruleId"] == "missing-section"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("seeds/000")
    )
    location = duty["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "seeds/000_483c4875cc33e971.txt"
    assert location["region"] == {"startLine": 14, "startColumn": 1}
    assert duty["level"] == "error" and rules[duty["ruleIndex"]]["id"] == "missing-section"
    assert len(duty["partialFingerprints"]["reportlint/v1"]) == 32
    infos = [r for r in run_["results"] if r["ruleId"] == "wording"]
    assert infos and all(r["level"] == "note" for r in infos)


def test_sarif_fingerprints_survive_edits_above(run, in_tmp):
    path = in_tmp / "r.txt"
    path.write_text(MISSING_DUTY, encoding="utf-8")
    before = json.loads(run("check", "--format", "sarif", "r.txt").output)["runs"][0]["results"]
    path.write_text(
        MISSING_DUTY.replace("\n\n", "\n\n2023年，我镇全面推进依法行政。\n前言第二段。\n", 1),
        encoding="utf-8",
    )
    after = json.loads(run("check", "--format", "sarif", "r.txt").output)["runs"][0]["results"]
    fp = {r["ruleId"]: r["partialFingerprints"]["reportlint/v1"] for r in before}
    assert fp == {r["ruleId"]: r["partialFingerprints"]["reportlint/v1"] for r in after}
    assert (
        before[0]["locations"][0]["physicalLocation"]["region"]["startLine"] + 2
        == after[0]["locations"][0]["physicalLocation"]["region"]["startLine"]
    )


def test_sarif_docx_regions_are_paragraphs(run, in_tmp):
    (in_tmp / "r.docx").write_bytes(docx_bytes(seed("000").read_text(encoding="utf-8").split("\n")))
    sarif = json.loads(run("check", "--format", "sarif", "r.docx").output)
    jsonschema.validate(sarif, SARIF_SCHEMA)
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "missing-section")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 16 and "startColumn" not in region
    assert region["snippet"]["text"] == "三、下一步打算"  # Word-friendly: the paragraph's first characters
    assert result["properties"]["locationUnit"] == "paragraph"


def test_sarif_unreadable_file_is_a_notification(run, in_tmp):
    (in_tmp / "empty.txt").write_bytes(b"")
    result = run("check", "--format", "sarif", "empty.txt")
    sarif = json.loads(result.output)
    jsonschema.validate(sarif, SARIF_SCHEMA)
    invocation = sarif["runs"][0]["invocations"][0]
    assert result.exit_code == 2 and not invocation["executionSuccessful"]
    assert "empty.txt" in invocation["toolExecutionNotifications"][0]["message"]["text"]


# --------------------------------------------------------------------------- GitHub, JUnit, --output


def test_github_annotations_and_escaping(run, in_tmp):
    (in_tmp / "a,b:c%.txt").write_text(MISSING_DUTY, encoding="utf-8")
    out = run("check", "--format", "github", "a,b:c%.txt").output
    (line,) = [ln for ln in out.splitlines() if "missing-section" in ln]
    assert line.startswith("::error file=a%2Cb%3Ac%25.txt,line=")
    assert ",title=reportlint missing-section::缺少「第一责任人职责履行情况」部分" in line
    assert "%0A" in line  # the hint follows on a new line, escaped


def test_auto_format_picks_github_under_actions(run, in_tmp):
    (in_tmp / "r.txt").write_text(MISSING_DUTY, encoding="utf-8")
    from click.testing import CliRunner

    from lint.cli import main

    result = CliRunner(env={"GITHUB_ACTIONS": "true"}).invoke(main, ["check", "--format", "auto", "r.txt"])
    assert result.output.startswith("::error file=r.txt,line=")
    result = CliRunner(env={"GITHUB_ACTIONS": ""}).invoke(
        main, ["check", "--format", "auto", "--no-color", "r.txt"]
    )
    assert "missing-section" in result.output and "::error" not in result.output


def test_junit_one_case_per_file_and_section(run, in_tmp):
    copy_seeds(in_tmp / "seeds")
    root = ET.fromstring(run("check", "--format", "junit", "seeds").output)
    suites = root.findall("testsuite")
    assert len(suites) == 5
    cases = {c.get("name"): c for c in suites[0].findall("testcase")}
    assert list(cases) == ["measures", "shortcomings", "duty", "plans", "other", "document"]
    assert "missing-section" in cases["duty"].find("failure").get("message")
    assert cases["measures"].find("failure") is None
    assert root.get("failures") == str(sum(int(s.get("failures")) for s in suites))


def test_output_file_and_summary(run, in_tmp):
    copy_seeds(in_tmp / "seeds")
    result = run("check", "--format", "sarif", "--output", "out.sarif", "seeds")
    assert result.exit_code == 1
    assert "检查了 5 个文件" in result.output
    jsonschema.validate(json.loads((in_tmp / "out.sarif").read_text(encoding="utf-8")), SARIF_SCHEMA)
    run("check", "--output", "out.txt", "seeds")
    assert "missing-section" in (in_tmp / "out.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- configuration


def test_config_found_upwards_sets_checklist_overrides_severity_and_exclude(run, in_tmp, monkeypatch):
    (in_tmp / ".reportlint.yaml").write_text(
        "checklist: fazhi-duty-second\n"
        "overrides:\n  - files: 'strict/*'\n    checklist: fazhi-2019\n"
        "severity:\n  missing-element: error\n"
        "ignore: [wording, numbering-style]\n"
        "exclude: ['old/*']\n",
        encoding="utf-8",
    )
    for folder in ("reports", "strict", "old"):
        (in_tmp / folder).mkdir()
        shutil.copy(seed("003"), in_tmp / folder / "r.txt")
    monkeypatch.chdir(in_tmp / "reports")
    data = json.loads(run("check", "--format", "json", "..").output)
    files = {f["path"].replace("\\\\", "/").split("../")[-1]: f for f in data["files"]}
    assert set(files) == {"reports/r.txt", "strict/r.txt"}  # old/ excluded
    rules = {k: {(x["rule"], x["severity"]) for x in v["findings"]} for k, v in files.items()}
    assert ("section-order", "error") not in rules["reports/r.txt"]  # duty second is fine here
    assert ("section-order", "error") in rules["strict/r.txt"]  # the override checklist
    assert ("missing-element", "error") in rules["reports/r.txt"]  # severity raised
    assert not {r for r, _ in rules["reports/r.txt"]} & {"wording", "numbering-style"}


def test_config_fail_on_and_lang(run, in_tmp):
    (in_tmp / ".reportlint.yaml").write_text("fail-on: never\nlang: en\n", encoding="utf-8")
    (in_tmp / "r.txt").write_text(MISSING_DUTY, encoding="utf-8")
    result = run("check", "--no-color", "r.txt")
    assert result.exit_code == 0 and "Missing section" in result.output
    assert run("check", "--fail-on", "error", "r.txt").exit_code == 1  # the command line wins


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "checklist: fazhi-2019\nselct: [wording]\n",
            ":2: unknown key 'selct' in the configuration (did you mean 'select'?)",
        ),
        ("ignore:\n  - wordin\n", ":2: unknown rule id 'wordin' (did you mean 'wording'?)"),
        (
            "severity:\n  missing-element: fatal\n",
            ":2: severity of 'missing-element' must be one of error, warning, info",
        ),
        ("fail-on: sometimes\n", ":1: 'fail-on' must be one of error, warning, info, never"),
        ("ignore:\n  - {path: 'a/*', rul: wording}\n", ":2: unknown key 'rul' in an 'ignore' entry"),
    ],
)
def test_config_errors_exit_2_with_file_and_line(run, in_tmp, text, message):
    (in_tmp / ".reportlint.yaml").write_text(text, encoding="utf-8")
    (in_tmp / "r.txt").write_text(GOOD, encoding="utf-8")
    result = run("check", "--lang", "en", "r.txt")
    assert result.exit_code == 2
    assert f".reportlint.yaml{message}" in result.output


def test_pyproject_table_and_config_option(run, in_tmp):
    (in_tmp / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.reportlint]\nignore = ["missing-section"]\n', "utf-8"
    )
    (in_tmp / "r.txt").write_text(MISSING_DUTY, encoding="utf-8")
    assert run("check", "r.txt").exit_code == 0
    (in_tmp / "strict.yaml").write_text("fail-on: info\n", encoding="utf-8")
    assert run("check", "--config", "strict.yaml", "r.txt").exit_code == 1
    (in_tmp / "pyproject.toml").write_text('[tool.reportlint]\nignor = ["x"]\n', "utf-8")
    result = run("check", "--lang", "en", "r.txt")
    assert result.exit_code == 2 and "pyproject.toml:2: unknown key 'ignor'" in result.output


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(run, in_tmp):
    assert run("init").exit_code == 0
    assert (in_tmp / ".reportlint.yaml").read_text(encoding="utf-8") == STARTER_ZH  # Chinese by default
    load_config(in_tmp / ".reportlint.yaml")
    result = run("init")
    assert result.exit_code == 2 and "已存在" in result.output
    assert run("init", "--force", "--lang", "en").exit_code == 0
    assert (in_tmp / ".reportlint.yaml").read_text(encoding="utf-8") == STARTER
    load_config(in_tmp / ".reportlint.yaml")


def test_every_documented_key_loads(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(
        "checklist: fazhi-2019\n"
        "overrides:\n  - files: ['信息公开/*', 'gk/*']\n    checklist: fazhi-duty-first\n"
        "select: [missing-section, wording]\n"
        "ignore:\n  - numbering-style\n  - {path: 'archive/*', rule: missing-section, section: duty}\n"
        "severity:\n  missing-element: error\n"
        "fail-on: warning\nlang: en\nexclude: ['drafts/*']\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.overrides == [(["信息公开/*", "gk/*"], "fazhi-duty-first")]
    assert config.ignore == ["numbering-style"] and config.scoped_ignores[0].section == "duty"
    assert (config.fail_on, config.lang, config.severity) == ("warning", "en", {"missing-element": "error"})


# --------------------------------------------------------------------------- accepting findings


def test_markdown_inline_suppressions(run, in_tmp):
    body = MISSING_DUTY.replace("全年召开", "截止目前召开")
    (in_tmp / "r.md").write_text(body, encoding="utf-8")
    rules = {
        f["rule"] for f in json.loads(run("check", "--format", "json", "r.md").output)["files"][0]["findings"]
    }
    assert {"missing-section", "wording"} <= rules
    text = "<!-- reportlint-disable missing-section -->\n" + body.replace(
        "（一）加强", "<!-- reportlint-disable-next-line wording -->\n（一）加强"
    )
    (in_tmp / "r.md").write_text(text, encoding="utf-8")
    rules = {
        f["rule"] for f in json.loads(run("check", "--format", "json", "r.md").output)["files"][0]["findings"]
    }
    assert not {"missing-section", "wording"} & rules


def test_markdown_disable_enable_range(run, in_tmp):
    text = (
        "2023年法治政府建设情况报告\n\n<!-- reportlint-disable wording -->\n"
        + MEASURES.replace("全年召开", "截止目前召开")
        + "<!-- reportlint-enable wording -->\n"
        + SHORTCOMINGS.replace("一是", "截止目前，一是")
        + DUTY
        + PLANS
    )
    (in_tmp / "r.md").write_text(text, encoding="utf-8")
    findings = json.loads(run("check", "--format", "json", "r.md").output)["files"][0]["findings"]
    assert [f["line"] for f in findings if f["rule"] == "wording"] == [8]


def test_html_inline_suppression(run, in_tmp):
    from tests.fixtures import html_page

    lines = MISSING_DUTY.split("\n")
    page = html_page(lines).replace(
        '<div class="article-content">',
        '<div class="article-content">\n<!-- reportlint-disable missing-section -->',
    )
    (in_tmp / "r.html").write_text(page, encoding="utf-8")
    assert json.loads(run("check", "--format", "json", "r.html").output)["files"][0]["findings"] == []
    (in_tmp / "r.html").write_text(html_page(lines), encoding="utf-8")
    assert json.loads(run("check", "--format", "json", "r.html").output)["files"][0]["findings"]


def test_scoped_ignore_in_config_for_txt_and_docx(run, in_tmp):
    (in_tmp / "archive").mkdir()
    (in_tmp / "archive" / "r.txt").write_text(MISSING_DUTY, encoding="utf-8")
    (in_tmp / "archive" / "r.docx").write_bytes(docx_bytes(MISSING_DUTY.split("\n")))
    (in_tmp / "new.txt").write_text(MISSING_DUTY, encoding="utf-8")
    (in_tmp / ".reportlint.yaml").write_text(
        "ignore:\n  - {path: 'archive/*', rule: missing-section, section: duty}\n", encoding="utf-8"
    )
    data = json.loads(run("check", "--format", "json", ".").output)
    by_path = {f["path"].replace("\\\\", "/").removeprefix("./"): f["findings"] for f in data["files"]}
    docx_text_findings = [f for f in by_path["archive/r.docx"] if not f["rule"].startswith("layout-")]
    assert by_path["archive/r.txt"] == [] and docx_text_findings == []
    assert [f["rule"] for f in by_path["new.txt"]] == ["missing-section"]
    (in_tmp / ".reportlint.yaml").write_text(
        "ignore:\n  - {path: 'archive/*', rule: missing-section, section: plans}\n", encoding="utf-8"
    )
    data = json.loads(run("check", "--format", "json", "archive").output)
    assert all(f["findings"] for f in data["files"])  # another section: not accepted


def test_baseline_accepts_old_findings_only(run, in_tmp):
    copy_seeds(in_tmp / "seeds")
    result = run("check", "--write-baseline", "baseline.json", "seeds")
    assert result.exit_code == 0 and "写入基线" in result.output
    assert run("check", "--baseline", "baseline.json", "seeds").exit_code == 0
    # Editing text above a finding does not bring it back …
    path = in_tmp / "seeds" / seed("000").name
    path.write_text(
        path.read_text(encoding="utf-8").replace("\n\n", "\n\n新增的开头段落。\n另一段。\n", 1),
        encoding="utf-8",
    )
    data = json.loads(run("check", "--format", "json", "--baseline", "baseline.json", "seeds").output)
    assert all(f.get("findings") == [] for f in data["files"])
    # … but a new problem is reported.
    path.write_text(
        path.read_text(encoding="utf-8").replace("三、下一步打算", "三、下一步打算\n四、其他\n"),
        encoding="utf-8",
    )
    data = json.loads(run("check", "--format", "json", "--baseline", "baseline.json", "seeds").output)
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["empty-section"]


def test_baseline_matches_however_the_path_is_written(run, in_tmp):
    copy_seeds(in_tmp / "seeds")
    run("check", "--write-baseline", "b.json", "seeds")
    assert run("check", "--baseline", "b.json", "./seeds/").exit_code == 0
    assert run("check", "--baseline", "b.json", str(in_tmp / "seeds")).exit_code == 0


def test_bad_baseline_is_exit_2(run, in_tmp):
    (in_tmp / "r.txt").write_text(GOOD, encoding="utf-8")
    (in_tmp / "b.json").write_text("[1, 2]", encoding="utf-8")
    result = run("check", "--lang", "en", "--baseline", "b.json", "r.txt")
    assert result.exit_code == 2 and "not a reportlint baseline" in result.output
    assert run("check", "--baseline", "nope.json", "r.txt").exit_code == 2


# --------------------------------------------------------------------------- --jobs


def test_jobs_output_identical_to_serial(script, tmp_path):
    corpus = copy_seeds(tmp_path / "c")
    for n in range(4):
        (corpus / f"extra{n}.txt").write_text(MISSING_DUTY, encoding="utf-8")
    serial = script("check", "--format", "json", "--jobs", "1", corpus)
    parallel = script("check", "--format", "json", "--jobs", "2", corpus)
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
