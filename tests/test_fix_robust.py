"""``reportlint fix`` under hostile input and a hostile file system (issues #14 and #15)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys

import pytest

from lint import fixer
from lint.checklist import load_checklist
from lint.engine import Options, lint_file
from lint.fixer import FixError, fix_file, plan, write_atomic
from lint.readers.text import decode
from lint.rules.examples import GOOD, GOOD_TRADITIONAL
from tests.conftest import ROOT, seed
from tests.fixtures import docx_bytes

FAZHI = load_checklist("fazhi-2019")
#: A report that starts with a 「（一）」 line and then numbers its parts 一、二、三、: the marker repairs
#: change the outline they were computed from (a first run gave two 「一、」, a second run fixed them).
SHIFTING = "（一）" + GOOD
#: A UTF-8 report in traditional script with too few traditional-only characters for the reader to
#: convert it: the term rule sees 「法治政府建設」 as one character off 「法治政府建设」.
FEW_TRADITIONAL = GOOD.replace("继续深化法治政府建设，加强执法培训", "繼續深化法治政府建設，加強執法培訓")


def lint_bytes(path, data: bytes, options: Options | None = None):
    return lint_file(str(path), options or Options(FAZHI), data=data)


def fixed(path, options: Options | None = None) -> fixer.FixOutcome:
    """Plan and write the repairs of ``path`` as the ``fix`` command does."""
    data = path.read_bytes()
    return fix_file(str(path), lint_bytes(path, data, options), data, options or Options(FAZHI))


def hints(run, path) -> list[str]:
    out = json.loads(run("check", "--format", "json", "--checklist", "fazhi-2019", path).output)
    return [f["hint"] or "" for f in out["files"][0]["findings"]]


# --- Idempotence -------------------------------------------------------------------------------


def test_second_run_changes_nothing_when_repairs_shift_the_outline(run, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(SHIFTING, encoding="utf-8")
    run("fix", path)
    once = path.read_bytes()
    assert once.decode("utf-8").count("\n一、") <= 1  # never two 「一、」 at the top level
    run("fix", path)
    assert path.read_bytes() == once
    assert run("fix", "--diff", path).exit_code == 0


def test_repairs_that_do_not_settle_are_not_promised(run, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(SHIFTING, encoding="utf-8")
    found = hints(run, path)
    assert found and not any("reportlint fix" in h for h in found)


@pytest.mark.parametrize("name", ["fix-reshuffled.txt", "fix-reshuffled-gb18030.txt"])
def test_a_reshuffled_report_settles_in_one_run(run, tmp_path, name):
    """Sections moved around so that renumbering re-levels the outline: the repair takes several rounds of
    planning, and one ``fix`` makes them all — a second changes nothing, and check promises no more fixes."""
    path = tmp_path / name
    shutil.copy(ROOT / "tests" / "data" / name, path)
    promised = [h for h in hints(run, path) if "reportlint fix" in h]
    first = run("fix", path)
    assert first.exit_code == 0 and "已修复" in first.output and promised
    once = path.read_bytes()
    assert decode(once)[1] == decode((ROOT / "tests" / "data" / name).read_bytes())[1]  # same encoding
    second = run("fix", path)
    assert path.read_bytes() == once and "已修复" not in second.output
    assert not [h for h in hints(run, path) if "reportlint fix" in h]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_settle_in_one_run(run, tmp_path, prefix):
    path = tmp_path / seed(prefix).name
    shutil.copy(seed(prefix), path)
    run("fix", path)
    once = path.read_bytes()
    run("fix", path)
    assert path.read_bytes() == once


# --- Encodings ---------------------------------------------------------------------------------


def big5_with_unencodable_repair() -> bytes:
    """A Big5 report whose eleventh circled item repeats ⑩: its repair ⑪ does not exist in Big5."""
    items = "".join(f"{c}第{i + 1}項工作。\n" for i, c in enumerate("①②③④⑤⑥⑦⑧⑨⑩⑩"))
    lead = "（一）加強組織領導。全年召開法治專題會議4次。\n"
    return GOOD_TRADITIONAL.replace(lead, lead + items).encode("big5")


def test_big5_repair_it_cannot_hold_is_left_out_and_the_run_goes_on(run, tmp_path):
    big5 = tmp_path / "a.txt"
    big5.write_bytes(big5_with_unencodable_repair())
    other = tmp_path / "b.txt"
    other.write_text(GOOD.replace("（一）加强", "(一)加强"), encoding="utf-8")
    result = run("fix", tmp_path)
    assert result.exit_code == 0
    assert big5.read_bytes() == big5_with_unencodable_repair()
    assert "（一）加强" in other.read_text(encoding="utf-8")
    assert f"已修复 {big5}" not in result.output
    outcome = fixed(big5)
    assert not outcome.changed and outcome.skipped == {"numbering-sequence": 1}
    assert outcome.summary("en") == f"{big5}: not repaired: numbering-sequence ×1"
    # …and check does not promise that repair.
    out = json.loads(run("check", "--format", "json", big5).output)
    duplicate = [f for f in out["files"][0]["findings"] if f["rule"] == "numbering-sequence"]
    assert duplicate and not any("reportlint fix" in (f["hint"] or "") for f in duplicate)


def test_big5_repairs_are_written_in_big5(tmp_path):
    path = tmp_path / "r.txt"
    text = GOOD_TRADITIONAL.replace("（一）加強", "(一)加強").replace("推進法治建設", "推行法治建設")
    path.write_bytes(text.encode("big5"))
    outcome = fixed(path)
    assert outcome.applied == {"numbering-style": 1, "term-variant": 1}
    assert decode(path.read_bytes()) == (text.replace("(一)", "（一）").replace("推行", "推進"), "big5")


def test_output_that_would_read_back_as_another_encoding_is_not_written(tmp_path, monkeypatch):
    path = tmp_path / "r.txt"
    original = GOOD.replace("（一）加强", "(一)加强").encode("gb18030")
    path.write_bytes(original)
    result = lint_bytes(path, original)
    real = decode

    def detect(data: bytes, declared=None):  # the repaired bytes are "detected" as Big5
        text, encoding = real(data, declared)
        return (text, "big5") if data != original else (text, encoding)

    monkeypatch.setattr("lint.readers.text.decode", detect)
    outcome = plan(result, original, Options(FAZHI))
    assert not outcome.changed and outcome.skipped == {"numbering-style": 1}


# --- Script ------------------------------------------------------------------------------------


def test_few_traditional_characters_keep_their_script(run, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(FEW_TRADITIONAL, encoding="utf-8")
    result = run("fix", path)
    assert result.exit_code == 0 and result.output == ""
    assert path.read_text(encoding="utf-8") == FEW_TRADITIONAL
    assert not any("reportlint fix" in h for h in hints(run, path))


def test_traditional_seed_repairs_are_real_and_traditional(run, tmp_path):
    path = tmp_path / seed("001").name
    shutil.copy(seed("001"), path)
    result = run("fix", path)
    assert "term-variant ×1" in result.output and "wording ×3" in result.output
    text = path.read_text(encoding="utf-8")
    assert "推進法治建設第一責任人" in text and "推行法治建設" not in text
    assert "法制宣傳" not in text.split("\n")[16] and "推进" not in text and "宣传" not in text
    assert run("fix", "--diff", path).exit_code == 0


def test_replacement_in_a_simplified_line_with_junk_inside(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(GOOD.replace("加强执法培训", "加强法制宣(xuān)传"), encoding="utf-8")
    outcome = fixed(path)
    assert outcome.applied == {"wording": 1, "conversion-artifact": 1}
    assert "加强法治宣传" in path.read_text(encoding="utf-8")


# --- What fix promises -------------------------------------------------------------------------


def test_counts_only_repairs_made(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(FEW_TRADITIONAL.replace("（一）加强", "(一)加强"), encoding="utf-8")
    outcome = fixed(path)
    assert outcome.applied == {"numbering-style": 1}
    assert outcome.skipped == {"term-variant": 1}  # 「建設」 → 「建设」 is no repair
    assert outcome.summary("en") == f"fixed {path}: numbering-style ×1 (not repaired: term-variant ×1)"


def test_hints_name_fix_only_where_it_repairs(run, tmp_path):
    md = tmp_path / "r.md"
    md.write_text(GOOD.replace("（一）加强", "(一)加强"), encoding="utf-8")
    assert any("reportlint fix" in h for h in hints(run, md))
    docx = tmp_path / "r.docx"
    docx.write_bytes(docx_bytes(seed("001").read_text(encoding="utf-8").split("\n")))
    found = [h for h in hints(run, docx) if "fix --layout" not in h]  # layout hints: fix --layout repairs them
    assert found and not any("reportlint fix" in h for h in found)
    # The rest of the hint stays: 「改写编号（reportlint fix 可自动改正）。」 → 「改写编号。」
    assert "改写编号。" in found


# --- Writing -----------------------------------------------------------------------------------


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(GOOD.replace("（一）加强", "(一)加强"), encoding="utf-8")
    return path


def repaired(path) -> bool:
    return "（一）加强" in path.read_text(encoding="utf-8")


def test_read_only_file_is_refused(report):
    os.chmod(report, 0o444)
    before = report.read_bytes()
    with pytest.raises(FixError) as info:
        fixed(report)
    assert info.value.render("zh") == "文件只读，未修复"
    assert info.value.render("en") == "the file is read-only; not fixed"
    assert report.read_bytes() == before


@pytest.mark.parametrize(
    ("error", "zh"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足，文件未修改"),
        (PermissionError(errno.EACCES, "Permission denied"), "没有写入权限，文件未修改"),
    ],
)
def test_write_errors_are_one_line_and_leave_nothing_behind(report, monkeypatch, error, zh):
    before = report.read_bytes()

    def fail(*args):
        raise error

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(FixError) as info:
        fixed(report)
    assert info.value.render("zh") == zh and not info.value.fatal
    assert report.read_bytes() == before
    assert [p.name for p in report.parent.iterdir()] == ["r.txt"]


def test_ctrl_c_while_writing_is_fatal_and_leaves_the_file(report, monkeypatch):
    before = report.read_bytes()

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(FixError) as info:
        fixed(report)
    assert info.value.fatal and info.value.render("en") == "interrupted; file left unchanged"
    assert report.read_bytes() == before
    assert [p.name for p in report.parent.iterdir()] == ["r.txt"]


def test_file_synced_then_renamed_then_directory_synced(report, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append("fsync-dir" if os.path.isdir(f"/proc/self/fd/{fd}") else "fsync-file")
        real_fsync(fd)

    def replace(src, dst):
        calls.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    fixed(report)
    assert calls == ["fsync-file", "rename", "fsync-dir"] and repaired(report)


def test_stale_temporary_files_of_ours_are_removed(report):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    stale = report.parent / f".r.txt.reportlint-{int(dead.stdout)}-x1y2.tmp"
    alive = report.parent / f".r.txt.reportlint-{os.getppid()}-a1b2.tmp"  # a fix running right now
    theirs = report.parent / ".r.txt.swp"
    for p in (stale, alive, theirs):
        p.write_bytes(b"x")
    fixed(report)
    assert sorted(p.name for p in report.parent.iterdir()) == sorted([alive.name, theirs.name, "r.txt"])


def test_symlink_is_followed(report):
    link = report.parent / "link.txt"
    link.symlink_to(report.name)
    fixed(link)
    assert link.is_symlink() and repaired(report)


def test_owner_and_mode_are_kept(report):
    if os.geteuid() != 0:
        pytest.skip("changing a file's owner needs root")
    os.chown(report, 1234, 5678)
    os.chmod(report, 0o604)
    fixed(report)
    st = report.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (1234, 5678, 0o604) and repaired(report)


def test_hard_links_keep_sharing_the_repaired_content(report):
    other = report.parent / "other.txt"
    os.link(report, other)
    fixed(report)
    assert repaired(other) and os.path.samefile(report, other)
    assert sorted(p.name for p in report.parent.iterdir()) == ["other.txt", "r.txt"]


def test_file_changed_meanwhile_is_left_alone(report):
    data = report.read_bytes()
    result = lint_bytes(report, data)
    outcome = plan(result, data, Options(FAZHI))
    report.write_text("someone else's edit\n", encoding="utf-8")
    with pytest.raises(FixError, match="changed while"):
        write_atomic(report, outcome.data, original=data)
    assert report.read_text(encoding="utf-8") == "someone else's edit\n"


def test_kill_9_mid_write_leaves_the_file_and_the_next_run_cleans_up(report):
    before = report.read_bytes()
    data = before.decode("utf-8").replace("(一)加强", "（一）加强").encode("utf-8")
    code = (
        "import os, sys, time\n"
        "from lint import fixer\n"
        "def stall(fd):\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        "os.fsync = stall\n"
        f"fixer.write_atomic({str(report)!r}, {data!r})\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "writing\n"
    finally:
        child.kill()  # SIGKILL: no clean-up code runs
        child.wait()
    left = [p.name for p in report.parent.iterdir() if p.name != "r.txt"]
    assert len(left) == 1 and left[0].startswith(f".r.txt.reportlint-{child.pid}-")
    assert report.read_bytes() == before
    fixed(report)
    assert [p.name for p in report.parent.iterdir()] == ["r.txt"] and repaired(report)
