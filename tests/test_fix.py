"""``reportlint fix`` and ``check --fix``: safe, deterministic repairs of .txt and .md files."""

from __future__ import annotations

import codecs
import json
import os
import shutil

import pytest

from lint.rules.examples import GOOD
from tests.conftest import STRUCTURAL, seed
from tests.fixtures import docx_bytes

NUMBERING = {"numbering-sequence", "numbering-style"}


def copy_seed(tmp_path, prefix: str):
    target = tmp_path / seed(prefix).name
    shutil.copy(seed(prefix), target)
    return target


def rules_after(run, path) -> set[str]:
    data = json.loads(run("check", "--format", "json", path).output)
    return {f["rule"] for f in data["files"][0]["findings"]}


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_diff_shows_repairs_and_changes_nothing(run, tmp_path, prefix):
    path = copy_seed(tmp_path, prefix)
    before = path.read_bytes()
    result = run("fix", "--diff", path)
    assert result.exit_code == 1
    assert result.output.startswith(f"--- a/{path}\n+++ b/{path}\n")
    assert path.read_bytes() == before


def test_diff_content_for_seeds(run, tmp_path):
    out = run("fix", "--diff", copy_seed(tmp_path, "004")).output
    assert "-1、 上一年度推进法治政府建设的主要举措和成效。" in out
    assert "+一、上一年度推进法治政府建设的主要举措和成效。" in out
    out = run("fix", "--diff", copy_seed(tmp_path, "003")).output
    assert "+1.依法统筹推进疫情防控和经济社会发展方面" in out
    out = run("fix", "--diff", copy_seed(tmp_path, "001")).output
    assert (
        "+（四）廣泛宣傳" in out
        and "+（一）高度重視" in out
        and "(zhèn)" not in out.split("+++")[1].split("\n-")[0]
    )


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_fix_then_check_has_no_numbering_or_junk_finding(run, tmp_path, prefix):
    path = copy_seed(tmp_path, prefix)
    before = rules_after(run, path)
    result = run("fix", path)
    assert result.exit_code == 0 and "已修复" in result.output
    after = rules_after(run, path)
    assert not after & (NUMBERING | {"conversion-artifact"})
    # Structural findings are not "fixed" away.
    assert before & STRUCTURAL == after & STRUCTURAL
    assert run("fix", "--diff", path).exit_code == 0  # nothing left to repair


def test_seed_001_keeps_its_script_and_line_endings(run, tmp_path):
    path = copy_seed(tmp_path, "001")
    run("fix", path)
    text = path.read_text(encoding="utf-8")
    assert "蔡牛鎮黨委" in text and "??" not in text and "(zhèn)" not in text and "/span>" not in text
    assert text.count("\n") == seed("001").read_text(encoding="utf-8").count("\n")


def test_nothing_to_fix_leaves_file_untouched(run, tmp_path):
    path = tmp_path / "good.txt"
    path.write_bytes(GOOD.replace("\n", "\r\n").encode("gb18030"))
    stat = path.stat()
    result = run("fix", path)
    assert result.exit_code == 0 and result.output == ""
    assert path.read_bytes() == GOOD.replace("\n", "\r\n").encode("gb18030")
    assert path.stat().st_mtime_ns == stat.st_mtime_ns


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [
        ("gb18030", b"", "\r\n"),
        ("utf-8", codecs.BOM_UTF8, "\n"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\r"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n"),
        ("utf-8", b"", "\r"),
    ],
)
def test_encoding_bom_and_line_endings_are_kept(run, tmp_path, encoding, bom, newline):
    text = GOOD.replace("（一）加强", "(一)加强").replace("\n", newline)
    path = tmp_path / "r.txt"
    path.write_bytes(bom + text.encode(encoding))
    run("fix", path)
    data = path.read_bytes()
    assert data.startswith(bom)
    assert data == bom + text.replace("(一)加强", "（一）加强").encode(encoding)


def test_permissions_are_kept_and_no_temp_files_left(run, tmp_path):
    path = tmp_path / "r.md"
    path.write_text(GOOD.replace("（一）加强", "（一）、加强"), encoding="utf-8")
    os.chmod(path, 0o640)
    run("fix", path)
    assert (path.stat().st_mode & 0o777) == 0o640
    assert "（一）加强" in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


def test_other_formats_are_never_modified(run, tmp_path):
    path = tmp_path / "r.html"
    lines = seed("001").read_text(encoding="utf-8").split("\n")
    data = ("<html><body>" + "".join(f"<p>{ln}</p>" for ln in lines) + "</body></html>").encode()
    path.write_bytes(data)
    result = run("fix", path)
    assert result.exit_code == 0
    assert "fix 不修改 html 文件（只修复 .txt、.md 和 .docx）" in result.output
    assert path.read_bytes() == data


def test_check_fix_reports_what_is_left(run, tmp_path):
    path = copy_seed(tmp_path, "004")
    result = run("check", "--fix", "--format", "json", path)
    data = json.loads(result.output)
    assert result.exit_code == 0
    # What a repair cannot settle is still reported: the outdated 《信访条例》 reference.
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["outdated-reference"]
    assert path.read_text(encoding="utf-8").split("\n")[3].startswith("一、上一年度")


def test_select_limits_repairs(run, tmp_path):
    path = copy_seed(tmp_path, "001")
    run("fix", "--select", "numbering-sequence", path)
    text = path.read_text(encoding="utf-8")
    assert "??(四)廣泛宣傳" in text  # renumbered in its own style; junk and brackets left
    assert "(zhèn)" in text


def test_date_and_document_number_repairs(run, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(
        GOOD.replace("全年召开", "按照厅字[2019]28号召开") + "\n某镇人民政府\n2023.12.05\n", "utf-8"
    )
    run("fix", path)
    text = path.read_text(encoding="utf-8")
    assert "厅字〔2019〕28号" in text and text.endswith("2023年12月5日\n")


def test_fix_repairs_docx_inside_the_runs(run, tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes(seed("002").read_text(encoding="utf-8").split("\n")))
    before = path.read_bytes()
    diff = run("fix", "--diff", path)
    assert diff.exit_code == 1 and "+2023年" in diff.output and path.read_bytes() == before
    fixed = run("fix", path)
    assert fixed.exit_code == 0 and "term-variant ×1" in fixed.output and path.read_bytes() != before
    assert run("check", path).exit_code == 0


def test_gb2312_characters_opencc_converts_are_listed():
    """The script test skips GB2312 characters except these: OpenCC's t2s must convert no other."""
    from lint.fixer import _GB2312_CONVERTED
    from lint.normalize import to_simplified

    chars = []
    for first in range(0xB0, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                chars.append(bytes([first, second]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    converted = to_simplified("\n".join(chars)).split("\n")
    assert len(chars) > 6000 and len(converted) == len(chars)
    assert {a for a, b in zip(chars, converted, strict=True) if a != b} == _GB2312_CONVERTED
