"""Layout from the command line: `fix --layout`, `--layout-profile`, the `layout` family selector."""

from __future__ import annotations

import json

from tests.conftest import seed
from tests.fixtures import docx_bytes


def _seed_docx(tmp_path, prefix="002"):
    path = tmp_path / "报告.docx"
    path.write_bytes(docx_bytes(seed(prefix).read_text(encoding="utf-8").splitlines()))
    return path


def _layout_rules(run, path, *extra):
    data = json.loads(run("check", "--format", "json", *extra, path).output)
    return {f["rule"] for f in data["files"][0]["findings"] if f["rule"].startswith("layout-")}


def test_fix_layout_lays_a_word_draft_out_and_keeps_its_text(run, tmp_path):
    path = _seed_docx(tmp_path)
    before = _layout_rules(run, path)
    assert {"layout-paper", "layout-margins", "layout-body-font"} <= before
    text_before = json.loads(run("outline", "--format", "json", path).output)["outline"]
    result = run("fix", "--layout", path)
    assert result.exit_code == 0 and "已按版式配置重排" in result.output
    assert _layout_rules(run, path) == set()
    assert json.loads(run("outline", "--format", "json", path).output)["outline"] == text_before
    assert run("fix", "--layout", path).output == ""  # laid out already: nothing to do


def test_fix_layout_diff_changes_nothing(run, tmp_path):
    path = _seed_docx(tmp_path)
    data = path.read_bytes()
    result = run("fix", "--layout", "--diff", path)
    assert result.exit_code == 1 and "将按版式配置重排" in result.output
    assert path.read_bytes() == data


def test_layout_family_can_be_switched_off_by_name(run, tmp_path):
    path = _seed_docx(tmp_path)
    assert _layout_rules(run, path, "--ignore", "layout") == set()
    assert _layout_rules(run, path, "--ignore", "layout-*") == set()
    (tmp_path / ".reportlint.yaml").write_text("ignore: [layout]\n", encoding="utf-8")
    data = json.loads(run("check", "--format", "json", "--config", tmp_path / ".reportlint.yaml", path).output)
    assert not [f for f in data["files"][0]["findings"] if f["rule"].startswith("layout-")]


def test_layout_profile_option_and_a_bad_profile(run, tmp_path):
    path = _seed_docx(tmp_path)
    wide = tmp_path / "wide.yaml"
    wide.write_text(
        "id: wide\nextends: gbt9704-2012\nname: 宽边距\n"
        "margins: {top_mm: 25.4, bottom_mm: 25.4, left_mm: 31.8, right_mm: 31.8, tolerance_mm: 1}\n",
        encoding="utf-8",
    )
    default = _layout_rules(run, path)
    assert "layout-margins" in default
    # python-docx's template has Word's default margins, which this profile accepts
    assert "layout-margins" not in _layout_rules(run, path, "--layout-profile", wide)
    bad = run("check", "--layout-profile", "nope", path)
    assert bad.exit_code == 2 and "nope" in bad.output
