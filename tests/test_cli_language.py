"""The language of usage errors and help, and the memory of the fix planner's line cache (review follow-ups)."""

from __future__ import annotations

import random
import tracemalloc

from lint.fixer import _positions


def test_click_language_follows_each_invocation_not_the_previous_one(run):
    """In one process (CliRunner, embedding), an earlier ``--lang en`` must not make later errors English."""
    assert "没有 'chek' 这个命令" in run("chek").output
    run("check", "--lang", "en", "--nope")
    assert "没有 'chek' 这个命令" in run("chek").output
    assert "Error: No such option '--nope'" in run("check", "--nope", "--lang", "en").output
    assert "错误：没有 '--nope' 这个选项。" in run("check", "--lang", "zh", "--nope").output


def test_path_option_errors_and_help_in_one_language(run, tmp_path):
    """click.Path's name ("file") is fixed when the option is declared: it must not be Chinese in English."""
    en = run("review", "--lang", "en", "-o", tmp_path, tmp_path).output
    assert "Error: Invalid value for '--output' / '-o': File '" in en and "文件" not in en
    zh = run("review", "-o", tmp_path, tmp_path).output
    assert "错误：'--output' / '-o' 的值无效：'" in zh and "是目录。" in zh and "File" not in zh
    assert "-o, --output FILE " in run("check", "--help").output


def test_remembered_line_positions_stay_small():
    """The fix planner remembers the cleaning of up to 1024 lines of up to 2000 characters: a few MB, not ~75."""
    _positions.cache_clear()
    rng = random.Random(1)
    tracemalloc.start()
    try:
        for i in range(1100):
            body = "".join(rng.choice("法治政府建设年度报告") for _ in range(1980))
            positions = _positions(f"{body[:990]}&nbsp;{body[990:]}{i}")
            assert positions[990] == 996 and len(positions) == 1980 + len(str(i))
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
        _positions.cache_clear()
    assert held < 25_000_000, f"{held / 1e6:.0f} MB kept"


def test_usage_errors_after_the_configuration_follow_its_lang(run, tmp_path, monkeypatch):
    """A ``lang: en`` configuration makes reportlint's own usage errors English (they come after it is read)."""
    monkeypatch.delenv("REPORTLINT_LANG", raising=False)
    (tmp_path / ".reportlint.yaml").write_text("lang: en\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("2022年度法治政府建设情况报告\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "--select", "nosuch-rule", "r.txt")
    assert result.exit_code == 2 and "unknown rule id 'nosuch-rule'" in result.output
    assert "未知的规则" in run("check", "--lang", "zh", "--select", "nosuch-rule", "r.txt").output


def test_help_follows_lang_on_the_command_line(script, monkeypatch):
    """``--lang en`` on the line makes --help English throughout (headings and option texts alike)."""
    monkeypatch.delenv("REPORTLINT_LANG", raising=False)
    en = script("check", "--lang", "en", "--help").stdout.decode("utf-8")
    assert "Usage: reportlint check" in en and "Lint report files" in en and "检查报告文件或目录" not in en
    zh = script("check", "--help").stdout.decode("utf-8")
    assert "用法: reportlint check" in zh and "检查报告文件或目录" in zh
