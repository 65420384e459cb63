"""The runner and the check flow: what a user sees when inputs are many, odd or hostile."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET

import pytest

from lint.rules.examples import DUTY, GOOD, MEASURES, PLANS, SHORTCOMINGS, TITLE
from tests.conftest import SEEDS, copy_seeds, seed

MISSING_DUTY = TITLE + MEASURES + SHORTCOMINGS + PLANS.replace("四、", "三、")


# --------------------------------------------------------------------------- inputs


def test_same_file_named_twice_is_linted_once(run_json):
    code, data = run_json(SEEDS, seed("004"), f"{SEEDS}/./{seed('004').name}")
    assert code == 1
    assert len(data["files"]) == 5 and data["summary"]["files"] == 5


def test_nothing_to_lint_is_exit_2_with_a_reason(run, in_tmp):
    (in_tmp / "empty").mkdir()
    (in_tmp / "empty" / "notes.xlsx").write_bytes(b"PK")
    result = run("check", "empty")
    assert result.exit_code == 2
    assert "没有找到报告文件" in result.output and "empty" in result.output


def test_old_word_files_are_named_with_what_to_do(run, in_tmp, monkeypatch):
    (in_tmp / "d").mkdir()
    (in_tmp / "d" / "报告.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    (in_tmp / "d" / "ok.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("PATH", "/nonexistent")  # no soffice: the message says to save as .docx
    result = run("check", "--format", "json", "d")
    data = json.loads(result.output)
    assert result.exit_code == 2
    bad = next(f for f in data["files"] if f["path"].endswith(".doc"))
    assert "另存为 .docx" in bad["error"]
    assert data["summary"]["unreadable"] == 1 and data["summary"]["files"] == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fifo_and_device_are_refused_unopened_and_the_others_linted(run, in_tmp, jobs):
    d = in_tmp / "d"
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    (d / "c.txt").write_text(MISSING_DUTY, encoding="utf-8")
    os.mkfifo(d / "b.txt")  # opening it would block forever
    os.symlink("/dev/zero", d / "zero.txt")  # reading it would never end
    result = run("check", "--format", "json", "-j", jobs, "d", str(d / "b.txt"))
    data = json.loads(result.output)
    paths = [f["path"] for f in data["files"]]
    assert result.exit_code == 2
    errors = {os.path.basename(f["path"]): f.get("error") for f in data["files"]}
    assert "FIFO" in errors["b.txt"]
    assert errors["zero.txt"] and "未跟随" in errors["zero.txt"]  # a link out of the folder
    assert errors["a.txt"] is None and errors["c.txt"] is None
    assert len(paths) == 4  # b.txt named twice, listed once


def test_symlink_inside_the_tree_is_followed(run_json, in_tmp):
    d = in_tmp / "d"
    d.mkdir()
    (d / "real.txt").write_text(MISSING_DUTY, encoding="utf-8")
    os.symlink(d / "real.txt", d / "link.txt")
    code, data = run_json("d")
    assert code == 1 and len(data["files"]) == 1  # the same file once, through either name


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_crashing_file_does_not_stop_the_run(run, in_tmp, monkeypatch, jobs):
    import lint.engine as engine

    real = engine.read_path

    def flaky(path):
        if str(path).endswith("bad.txt"):
            raise RuntimeError("boom")
        return real(path)

    monkeypatch.setattr(engine, "read_path", flaky)
    for name in ("a.txt", "bad.txt", "c.txt"):
        (in_tmp / name).write_text(MISSING_DUTY, encoding="utf-8")
    result = run("check", "-j", jobs, "a.txt", "bad.txt", "c.txt")
    assert result.exit_code == 2
    assert "bad.txt: 内部错误：RuntimeError: boom" in result.output
    assert result.output.count("missing-section") == 2  # a.txt and c.txt still reported


def test_a_failing_rule_is_a_finding_and_the_other_rules_run(run_json, in_tmp, monkeypatch):
    from lint.rules import all_rules

    rule = all_rules()["date-format"]

    def broken(ctx):
        raise ValueError("bad state")
        yield

    monkeypatch.setattr(rule, "check", broken)
    (in_tmp / "r.txt").write_text(MISSING_DUTY, encoding="utf-8")
    code, data = run_json("r.txt")
    rules = [f["rule"] for f in data["files"][0]["findings"]]
    assert code == 1 and "missing-section" in rules
    failure = next(f for f in data["files"][0]["findings"] if f["rule"] == "date-format")
    assert failure["severity"] == "error" and "ValueError" in failure["message"]


# --------------------------------------------------------------------------- output


def test_jsonl_streams_one_object_per_file_then_the_summary(run, in_tmp):
    copy_seeds(in_tmp / "s")
    lines = run("check", "--format", "jsonl", "s").output.splitlines()
    objects = [json.loads(ln) for ln in lines]
    assert len(objects) == 6 and objects[-1]["summary"]["files"] == 5
    assert [o["path"] for o in objects[:-1]] == sorted(o["path"] for o in objects[:-1])


def test_severity_filters_what_is_shown_and_counted(run, in_tmp):
    copy_seeds(in_tmp / "s")
    data = json.loads(run("check", "--format", "json", "--severity", "error", "s").output)
    severities = {f["severity"] for file in data["files"] for f in file["findings"]}
    assert severities == {"error"} and data["summary"]["warnings"] == 0
    text = run("check", "--severity", "error", "s").output
    assert "警告" not in text.split("检查了")[0] and "错误" in text


def test_summary_lists_every_file_clean_ones_too(run, in_tmp):
    (in_tmp / "clean.txt").write_text(GOOD, encoding="utf-8")
    (in_tmp / "bad.txt").write_text(MISSING_DUTY, encoding="utf-8")
    out = run("check", "--summary", "clean.txt", "bad.txt").output
    table = out.split("检查的文件：")[1]
    assert "通过" in table and "clean.txt" in table
    assert "有错误" in table and "bad.txt" in table


def test_repeated_findings_are_grouped_in_text_but_kept_in_json(run, run_json):
    out = run("check", "--select", "numbering-style", seed("003")).output
    _, data = run_json("--select", "numbering-style", seed("003"))
    count = len(data["files"][0]["findings"])
    assert count >= 10
    assert out.count("numbering-style") < count
    assert f"共 {count} 处" in out or "共" in out


def test_control_characters_never_reach_the_terminal(run, in_tmp):
    (in_tmp / "r.txt").write_text(MISSING_DUTY.replace("总体", "总\x1b[2J体", 1), encoding="utf-8")
    for fmt in ("text", "github"):
        out = run("check", "--format", fmt, "r.txt").output
        assert "\x1b" not in out
    root = run("check", "--format", "junit", "r.txt").output
    ET.fromstring(root)  # well-formed XML


def test_no_color_env_and_flag(in_tmp, script, monkeypatch):
    (in_tmp / "r.txt").write_text(MISSING_DUTY, encoding="utf-8")
    env_out = script("check", "r.txt", cwd=in_tmp)
    assert b"\x1b[" not in env_out.stdout  # a pipe: no colour
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert b"\x1b[" in script("check", "r.txt", cwd=in_tmp).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert b"\x1b[" not in script("check", "r.txt", cwd=in_tmp).stdout
    monkeypatch.delenv("NO_COLOR")
    assert b"\x1b[" not in script("check", "--no-color", "r.txt", cwd=in_tmp).stdout


def test_wrapping_at_80_columns_keeps_indent_and_words(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run("check", "--lang", "en", seed("001")).output
    lines = [ln for ln in out.splitlines() if ln.strip()]
    from lint.formatters.text import cells

    assert all(cells(ln) <= 80 for ln in lines)
    # continuation lines are indented under the message, never at column 0
    body = [ln for ln in lines if not ln.startswith("seeds") and "checked:" not in ln and not ln.startswith("/")]
    assert all(ln.startswith(" ") for ln in body)
    from lint.rules import all_rules

    ids = set(all_rules())
    heads = tuple({rid.split("-")[0] + "-" for rid in ids})
    for ln in body:
        for token in ln.split():
            if token.startswith(heads):
                assert token.rstrip(",.") in ids  # a rule id is never split over two lines


def test_junit_failures_follow_fail_on(run, in_tmp):
    (in_tmp / "r.txt").write_text(GOOD.replace("一、", "一.", 1), encoding="utf-8")
    result = run("check", "--format", "junit", "r.txt")
    root = ET.fromstring(result.output)
    assert result.exit_code == 0 and root.get("failures") == "0"
    assert root.find(".//system-out") is not None  # the warning is still listed
    result = run("check", "--format", "junit", "--fail-on", "warning", "r.txt")
    root = ET.fromstring(result.output)
    assert result.exit_code == 1 and int(root.get("failures")) >= 1


def test_stdin_word_file_needs_a_name(run):
    from tests.fixtures import docx_bytes

    result = run("check", "-", input=docx_bytes(GOOD))
    assert result.exit_code == 2 and "--stdin-filename" in result.output


def test_output_file_is_written_whole(run, in_tmp):
    copy_seeds(in_tmp / "s")
    result = run("check", "--format", "json", "-o", "out.json", "s")
    assert result.exit_code == 1
    assert json.loads((in_tmp / "out.json").read_text(encoding="utf-8"))["summary"]["files"] == 5
    assert not [p for p in os.listdir(in_tmp) if p.endswith(".tmp")]


# --------------------------------------------------------------------------- configuration


def test_no_config_ignores_the_configuration(run, in_tmp):
    (in_tmp / ".reportlint.yaml").write_text("ignore: [missing-section]\n", encoding="utf-8")
    (in_tmp / "r.txt").write_text(MISSING_DUTY, encoding="utf-8")
    assert "missing-section" not in run("check", "r.txt").output
    assert "missing-section" in run("check", "--no-config", "r.txt").output


def test_configuration_errors_are_chinese_by_default(run, in_tmp):
    (in_tmp / ".reportlint.yaml").write_text("selct: [wording]\nseverity: [a]\n", encoding="utf-8")
    (in_tmp / "r.txt").write_text(GOOD, encoding="utf-8")
    out = run("check", "r.txt").output
    assert ".reportlint.yaml:1: 配置中有未知的键「selct」（是否应为「select」？）" in out
    assert ".reportlint.yaml:2: 配置中的「severity」必须是映射（键: 值）" in out


def test_starter_config_keeps_automatic_choice(run, in_tmp):
    from tests.test_more_checklists import XXGK

    assert run("init").exit_code == 0
    (in_tmp / "gk.txt").write_text(XXGK, encoding="utf-8")
    data = json.loads(run("check", "--format", "json", "gk.txt").output)["files"][0]
    assert data["checklist"] == "xxgk-2021" and data["checklist_reason"].startswith("自动选择")
    assert not [f for f in data["findings"] if f["rule"] == "missing-section"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", None),  # an empty file is an empty configuration
        ("- a\n- b\n", ".reportlint.yaml:1: a configuration file must be a mapping"),
        ("severity: [a]\n", ".reportlint.yaml:1: 'severity' in the configuration must be a mapping"),
        ("severity: error\n", ".reportlint.yaml:1: 'severity' in the configuration must be a mapping"),
        ("overrides:\n  - files: 5\n    checklist: x\n", ".reportlint.yaml:2: 'files' in an 'overrides' entry"),
        ("lang: [zh]\n", ".reportlint.yaml:1: 'lang' in the configuration must be a string"),
        ("a: &x [1]\nb: *x\n", "anchors and aliases"),
        ("checklist: ../../etc/x.yaml\n", "must be a file in the configuration's directory"),
    ],
)
def test_malformed_configurations_get_a_file_line_message(run, in_tmp, text, message):
    (in_tmp / ".reportlint.yaml").write_text(text, encoding="utf-8")
    (in_tmp / "r.txt").write_text(GOOD, encoding="utf-8")
    result = run("check", "--lang", "en", "r.txt")
    if message is None:
        assert result.exit_code == 0
        return
    assert result.exit_code == 2, result.output
    assert message in result.output and "internal error" not in result.output


def test_fuzzed_configurations_and_checklists_never_cause_an_internal_error(run, in_tmp):
    import random

    rng = random.Random(7)
    pieces = [
        "checklist:", "severity:", "overrides:", "ignore:", "select:", "exclude:", "fail-on:", "lang:",
        " [a]", " 5", " error", " {x: 1}", " - files: 5", " 1:30", " 0x_", " .inf", " .nan", " ~", " [[[",
        " &a [1]", " *a", "\n  - ", "\n", "  ", " 'q'", " |-\n  t", " {files: [1], checklist: 3}",
    ]
    (in_tmp / "r.txt").write_text(GOOD, encoding="utf-8")
    for _ in range(150):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        (in_tmp / ".reportlint.yaml").write_text(text, encoding="utf-8")
        result = run("check", "r.txt")
        assert result.exit_code in (0, 1, 2), text
        assert "internal error" not in result.output, (text, result.output)
    base = "id: x\nname: n\nsections:\n  - id: a\n    title: t\norder: [a]\n"
    extras = [
        "detect: [a]\n", "detect: 5\n", "threshold: .nan\n", "threshold: .inf\n", "threshold: 1:30\n",
        "examples:\n  - {name: e, text: '', expect: []}\n", "extends: /dev/zero\n", "extends: ../../x.yaml\n",
        "coverage: {areas: [1]}\n", "table_checks: [5]\n", "sections: 5\n", "a: &x 1\n",
    ]
    for extra in extras:
        path = in_tmp / "c.yaml"
        path.write_text(base + extra, encoding="utf-8")
        result = run("checklists", "validate", str(path))
        assert "internal error" not in result.output and "内部错误" not in result.output, (extra, result.output)
        assert result.exit_code == 1, (extra, result.output)


def test_deep_yaml_and_oversized_yaml_are_refused(run, in_tmp):
    path = in_tmp / "c.yaml"
    path.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = run("checklists", "validate", "--lang", "en", str(path))
    assert result.exit_code == 1 and "nested more than" in result.output
    path.write_text("a: '" + "x" * 1_100_000 + "'\n", encoding="utf-8")
    result = run("checklists", "validate", str(path))
    assert result.exit_code == 1 and "过大" in result.output  # Chinese by default


# --------------------------------------------------------------------------- baselines


def test_baseline_written_inside_a_folder_matches_from_the_parent(run, in_tmp, monkeypatch):
    copy_seeds(in_tmp / "reports")
    monkeypatch.chdir(in_tmp / "reports")
    assert run("check", "--write-baseline", "baseline.json", ".").exit_code == 0
    monkeypatch.chdir(in_tmp)
    assert run("check", "--baseline", "reports/baseline.json", "reports").exit_code == 0


def test_baseline_survives_an_edit_elsewhere_in_the_paragraph(run, in_tmp):
    copy_seeds(in_tmp / "s")
    run("check", "--write-baseline", "b.json", "s")
    path = in_tmp / "s" / seed("003").name
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    target = next(i for i, ln in enumerate(lines) if "法制建设" in ln)
    lines[target] = lines[target] + "另行补充。"
    path.write_text("\n".join(lines), encoding="utf-8")
    data = json.loads(run("check", "--format", "json", "--baseline", "b.json", "s").output)
    assert all(f["findings"] == [] for f in data["files"])


def test_unknown_rule_in_an_inline_comment_is_reported(run, in_tmp):
    (in_tmp / "r.md").write_text(
        "<!-- reportlint-disable missing-sectoin -->\n" + TITLE + MEASURES + SHORTCOMINGS + DUTY + PLANS,
        encoding="utf-8",
    )
    result = run("check", "r.md")
    assert "missing-sectoin" in result.output and "missing-section" in result.output


def test_fix_names_encoding_damage_and_leaves_the_file(run, tmp_path):
    data = seed("004").read_bytes()
    i = data.index("多巴镇".encode())
    path = tmp_path / "r.txt"
    path.write_bytes(data[:i] + b"\xff" + data[i:])
    result = run("fix", path)
    assert "encoding-damage" in result.output and "UTF-8" in result.output
    assert path.read_bytes() == data[:i] + b"\xff" + data[i:]


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv", "sarif", "github", "junit"])
def test_jobs_give_the_same_bytes_in_every_format(script, tmp_path, fmt):
    corpus = copy_seeds(tmp_path / "c")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "extra.txt").write_text(MISSING_DUTY, encoding="utf-8")
    args = ("check", "--format", fmt, "--summary", "--severity", "warning", corpus)
    serial = script(*args, "-j", "1", cwd=tmp_path)
    parallel = script(*args, "-j", "2", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 2
    assert serial.stdout == parallel.stdout and serial.stderr == parallel.stderr
