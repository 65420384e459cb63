"""The command line as a user sees it: output, exit codes, the JSON contract, bad input."""

from __future__ import annotations

import json

import jsonschema
import pytest

from lint.rules.examples import GOOD, MEASURES, PLANS, SHORTCOMINGS, TITLE
from tests.conftest import ROOT, SEEDS, seed

SCHEMA = json.loads((ROOT / "docs" / "json-output.schema.json").read_text(encoding="utf-8"))


def test_seeds_text_output(run, write):
    clean = write(GOOD, "clean.txt")
    result = run("check", "--no-color", SEEDS, clean)
    assert result.exit_code == 1
    out = result.output
    assert "missing-section" in out and "section-order" in out and "missing-title" in out
    assert "检查了 6 个文件：4 个错误，71 个警告，12 个提示" in out
    assert "clean.txt" not in out  # clean files are not listed


def test_json_contract_on_seeds(run_json):
    code, data = run_json(SEEDS)
    jsonschema.validate(data, SCHEMA)
    assert code == 1 and data["version"] == 1
    assert [f["path"] for f in data["files"]] == [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    first = data["files"][0]
    assert first["title"] == {"text": "城口县高观镇2022年法治政府建设情况报告", "line": 2, "page": None}
    assert first["location_unit"] == "line"
    assert first["year"] == 2022 and first["checklist"] == "fazhi-2019" and first["format"] == "txt"
    assert first["outline"][0] | {"score": None, "reason": None} == {
        "page": None,
        "line": 5,
        "level": 1,
        "marker": "一、",
        "text": "2022年法治政府建设工作情况",
        "section": "measures",
        "score": None,
        "reason": None,
    }
    assert first["outline"][1]["section"] is None and first["outline"][1]["level"] == 2
    duty = [f for f in first["findings"] if f["rule"] == "missing-section"]
    assert duty and duty[0]["section"] == "duty" and duty[0]["severity"] == "error"
    assert data["summary"] == {"files": 5, "errors": 4, "warnings": 71, "info": 12, "unreadable": 0}


def test_clean_report_exits_zero(run, write):
    result = run("check", write(GOOD))
    assert result.exit_code == 0
    assert "0 个错误" in result.output


@pytest.mark.parametrize(
    ("fail_on", "clean", "warnings_only", "with_error"),
    [("error", 0, 0, 1), ("warning", 0, 1, 1), ("info", 0, 1, 1), ("never", 0, 0, 0)],
)
def test_fail_on(run, write, fail_on, clean, warnings_only, with_error):
    # A clean report; seed 000 without its error and infos (warnings only); seed 000 as it is.
    assert run("check", "--fail-on", fail_on, write(GOOD)).exit_code == clean
    args = ("--ignore", "missing-section", "--ignore", "wording")
    assert run("check", "--fail-on", fail_on, *args, seed("000")).exit_code == warnings_only
    assert run("check", "--fail-on", fail_on, seed("000")).exit_code == with_error


def test_select_and_ignore(run_json):
    _, data = run_json("--select", "missing-title", SEEDS)
    assert {f["rule"] for file in data["files"] for f in file["findings"]} == {"missing-title"}
    _, data = run_json("--ignore", "missing-section,missing-element", SEEDS)
    rules = {f["rule"] for file in data["files"] for f in file["findings"]}
    assert rules == {
        "missing-title",
        "section-order",
        "conversion-artifact",
        "traditional-script",
        "numbering-sequence",
        "numbering-style",
        "term-variant",
        "outdated-reference",
        "wording",
    }


def test_unknown_rule_id_is_a_usage_error(run):
    result = run("check", "--lang", "en", "--ignore", "missing-sections", SEEDS)
    assert result.exit_code == 2
    assert "unknown rule id 'missing-sections' (did you mean 'missing-section'?)" in result.output
    result = run("check", "--ignore", "missing-sections", SEEDS)  # Chinese by default
    assert result.exit_code == 2 and "未知的规则 id「missing-sections」（是否应为「missing-section」？）" in result.output


def test_english_messages(run_json):
    _, data = run_json("--lang", "en", seed("000"))
    messages = [f["message"] for f in data["files"][0]["findings"]]
    assert any(m.startswith("Missing section") for m in messages)
    assert not any("缺少" in m for m in messages)


def test_checklist_option(run_json, tmp_path):
    _, data = run_json("--checklist", "fazhi-duty-second", seed("003"))
    assert "section-order" not in {f["rule"] for f in data["files"][0]["findings"]}
    custom = tmp_path / "mine.yaml"
    custom.write_text(
        "id: mine\nextends: fazhi-2019\norder: [measures, duty, shortcomings, plans, other]\n", "utf-8"
    )
    _, data = run_json("--checklist", custom, seed("003"))
    assert data["files"][0]["checklist"] == "mine"
    assert "section-order" not in {f["rule"] for f in data["files"][0]["findings"]}


def test_bad_checklist_is_exit_2_with_location(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nextends: fazhi-2019\nordr: []\n", "utf-8")
    result = run("check", "--lang", "en", "--checklist", bad, seed("000"))
    assert result.exit_code == 2
    assert f"{bad}:3: unknown key 'ordr'" in result.output
    result = run("check", "--lang", "en", "--checklist", "nope", seed("000"))
    assert result.exit_code == 2 and "unknown checklist" in result.output


def test_stdin(run):
    text = TITLE + MEASURES + SHORTCOMINGS + PLANS.replace("四、", "三、")
    result = run("check", "--format", "json", "-", input=text.encode())
    data = json.loads(result.output)
    assert result.exit_code == 1 and data["files"][0]["path"] == "<stdin>"
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["missing-section"]


def test_directory_recursion_skips_other_files(run_json, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "r.md").write_text(GOOD, "utf-8")
    (tmp_path / "a" / "r.txt").write_text(GOOD, "utf-8")
    (tmp_path / "a" / "notes.json").write_text("{}", "utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("junk", "utf-8")
    code, data = run_json(tmp_path)
    assert code == 0
    assert [f["path"] for f in data["files"]] == [
        str(tmp_path / "a" / "b" / "r.md"),
        str(tmp_path / "a" / "r.txt"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty file"), (b"\x00\x01\x02binary\x00" * 50, "binary data"), (b"   \n\n", "empty file")],
)
def test_bad_files_exit_2_and_others_still_linted(run_json, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, data = run_json("--lang", "en", bad, seed("000"))
    assert code == 2
    assert data["files"][0] == {"path": str(bad), "error": data["files"][0]["error"]}
    assert message in data["files"][0]["error"]
    assert data["files"][1]["findings"]
    assert bad.read_bytes() == content  # never changed


def test_unsupported_and_oversized_files(run_json, tmp_path):
    doc = tmp_path / "report.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    big = tmp_path / "big.txt"
    big.write_bytes(GOOD.encode() * (11 * 1024 * 1024 // len(GOOD.encode()) + 1))
    code, data = run_json("--lang", "en", doc, big)
    assert code == 2
    assert data["files"][0]["error"].startswith("old Word")  # named, with what to do: save as .docx
    assert ".docx" in data["files"][0]["error"]
    assert data["files"][1]["error"].startswith("file too large (11 MB; limit 10 MB)")


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "lint", "--version"], capture_output=True, cwd=ROOT, timeout=60
    )
    assert proc.returncode == 0 and proc.stdout.decode().startswith("reportlint, version")


def test_missing_path_text_output(run, tmp_path):
    result = run("check", "--no-color", tmp_path / "nope.txt")
    assert result.exit_code == 2
    assert "nope.txt: 文件不存在" in result.output


def test_gb18030_file(run_json, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(GOOD.encode("gb18030"))
    code, data = run_json(path)
    assert code == 0 and data["files"][0]["encoding"] == "gb18030"
    assert data["files"][0]["title"]["text"] == "2023年法治政府建设情况报告"


def test_outline_command(run):
    result = run("outline", "--no-color", seed("004"))
    assert result.exit_code == 0
    out = result.output
    assert "2024年法治政府建设情况报告（第1行）" in out
    assert "1、上一年度推进法治政府建设的主要举措和成效" in out and "层级由上下文推断" in out
    assert "→ duty" in out and "得分 100" in out


def test_outline_json_and_missing(run):
    result = run("outline", "--format", "json", seed("000"))
    data = json.loads(result.output)
    assert data["year"] == 2022 and "findings" not in data
    assert run("outline", "--no-color", seed("000")).output.rstrip().endswith("缺少: 第一责任人职责履行情况")


def test_checklists_commands(run, tmp_path):
    listing = run("checklists", "list").output
    assert "fazhi-2019" in listing and "fazhi-duty-first" in listing and "(extends fazhi-2019)" in listing
    shown = run("checklists", "show", "fazhi-duty-second").output
    assert shown.index("1. measures") < shown.index("2. duty") < shown.index("3. shortcomings")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: y\nsections:\n  - id: a\n    titel: z\norder: [a]\n", "utf-8")
    result = run("checklists", "validate", "--lang", "en", bad)
    assert result.exit_code == 1
    assert f"{bad}:5: unknown key 'titel' in section 'a' (did you mean 'title'?)" in result.output
    good = tmp_path / "good.yaml"
    good.write_text(
        "id: g\nextends: fazhi-2019\norder: [duty, measures, shortcomings, plans, other]\n", "utf-8"
    )
    result = run("checklists", "validate", "--lang", "en", good)
    assert result.exit_code == 0 and "ok" in result.output


def test_explain(run):
    result = run("explain", "missing-section")
    assert result.exit_code == 0
    assert "不合格示例" in result.output and "厅字〔2019〕28号" in result.output
    assert "How to fix" in run("explain", "--lang", "en", "section-order").output
    listing = run("explain").output
    assert "missing-section" in listing and "empty-section" in listing
    bad = run("explain", "--lang", "en", "missing-sectoin")
    assert bad.exit_code == 2 and "did you mean 'missing-section'" in bad.output


def test_console_script_end_to_end(script, tmp_path):
    """The installed entry point: exit codes, JSON on stdout, one-line errors on stderr, no traceback."""
    proc = script("check", "--format", "json", SEEDS)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["summary"]["files"] == 5
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = script("check", empty)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr and "empty.txt: 文件为空" in proc.stderr.decode()
    proc = script("check", "--checklist", tmp_path / "missing.yaml", SEEDS)
    assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1
    assert script("--version").stdout.decode().startswith("reportlint")


def test_unreadable_file_is_one_line(run, tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(GOOD, encoding="utf-8")
    original = type(path).read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(type(path), "read_bytes", deny)
    result = run("check", "--no-color", path)
    assert result.exit_code == 2
    assert "locked.txt: 没有读取权限" in result.output


def test_empty_stdin(run):
    result = run("check", "--format", "json", "-", input=b"")
    assert result.exit_code == 2
    assert json.loads(result.output)["files"][0]["error"] == "文件为空"
