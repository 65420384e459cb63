"""``reportlint annotate``: one Word comment (批注) per finding, anchored on what it concerns."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from lint.checklist import load_checklist
from lint.engine import Options, lint_file
from lint.rules.examples import GOOD
from tests.conftest import seed
from tests.docx_parts import TEXT_RULES, W, anchored, by_text, comments, paragraphs, rich_docx, text_rules
from tests.fixtures import docx_bytes


def seed_docx(tmp_path, prefix: str, name: str = "报告.docx", **kw):
    path = tmp_path / name
    path.write_bytes(docx_bytes(seed(prefix).read_text(encoding="utf-8").split("\n"), **kw))
    return path


def findings_of(path) -> list:
    return lint_file(str(path), Options(load_checklist("fazhi-2019"), select=frozenset(text_rules()))).findings


def test_one_comment_per_finding_beside_the_original(run, tmp_path):
    path = seed_docx(tmp_path, "000")
    original = path.read_bytes()
    result = run("annotate", path, "--checklist", "fazhi-2019", "--select", TEXT_RULES)
    out = tmp_path / "报告.reportlint.docx"
    assert result.exit_code == 0, result.output
    n = len(findings_of(path))
    assert f"已写入 {out}：{n} 条批注" in result.output and n >= 5
    assert path.read_bytes() == original  # the original is never touched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx", "报告.reportlint.docx"]  # no temp file left
    found = comments(out.read_bytes())
    assert len(found) == n
    assert {(c.author, c.initials) for c in found} == {("reportlint", "RL")}
    assert all(c.timestamp is not None for c in found)
    # The copy still reads as the same report: same findings.
    assert [(f.rule, f.line) for f in findings_of(out)] == [(f.rule, f.line) for f in findings_of(path)]


def test_comments_sit_on_the_text_they_concern(run, tmp_path):
    path = seed_docx(tmp_path, "000")
    assert run("annotate", path, "--select", TEXT_RULES).exit_code == 0
    anchors = by_text((tmp_path / "报告.reportlint.docx").read_bytes())

    def anchor(prefix: str) -> str:
        (hit,) = [v for k, v in anchors.items() if k.startswith(prefix)]
        return hit

    # Exact characters for junk and wording; message and hint are both in the comment.
    assert anchor("[警告] conversion-artifact：Word 书签标记") == "[bookmark: _GoBack]"
    assert anchor("[提示] wording：「法制宣传」") == "法制宣传"
    hints = [f.hint for f in findings_of(path) if f.hint]
    assert hints and all(any(k.endswith("\n" + h) for k in anchors) for h in hints)
    # The heading for a section finding.
    assert anchor("[警告] missing-element") == "二、存在的问题"
    # The heading before which a missing section belongs.
    assert anchor("[错误] missing-section") == "三、下一步打算"


def test_exact_characters_across_formatted_runs(run, tmp_path):
    lines = GOOD.replace("继续深化法治政府建设", "继续深化法政府治建设").rstrip("\n").split("\n")
    path = tmp_path / "r.docx"
    path.write_bytes(rich_docx(lines, split={"法政府治建设": 2}))
    assert run("annotate", path, "-o", tmp_path / "out.docx", "--select", TEXT_RULES).exit_code == 0
    data = (tmp_path / "out.docx").read_bytes()
    assert list(anchored(data).values()) == ["法政府治建设"]
    # The runs were split at the comment's edges, each part keeping its formatting.
    (p,) = [p for p in paragraphs(data) if "法政" in "".join(t.text or "" for t in p.iter(f"{W}t"))]
    runs = [
        ("".join(t.text or "" for t in r.iter(f"{W}t")), r.find(f"{W}rPr/{W}b") is not None)
        for r in p.iter(f"{W}r")
        if r.find(f"{W}t") is not None
    ]
    assert runs == [("继续深化", True), ("法政", True), ("府治建设", False), ("，加强执法培训。", False)]


def test_section_finding_in_english(run, tmp_path):
    path = seed_docx(tmp_path, "003")
    assert run("annotate", path, "--lang", "en", "--select", TEXT_RULES).exit_code == 0
    texts = [c.text for c in comments((tmp_path / "报告.reportlint.docx").read_bytes())]
    order = [t for t in texts if "section-order" in t]
    assert order and order[0].startswith("[error] section-order: ") and "out of order" in order[0]


def test_select_and_baseline_apply(run, tmp_path):
    path = seed_docx(tmp_path, "000")
    assert run("annotate", path, "--select", "wording").exit_code == 0
    texts = [c.text for c in comments((tmp_path / "报告.reportlint.docx").read_bytes())]
    assert len(texts) == 3 and all("wording" in t for t in texts)
    baseline = tmp_path / "baseline.json"
    assert run("check", path, "--write-baseline", baseline).exit_code == 0
    (tmp_path / "报告.reportlint.docx").unlink()
    result = run("annotate", path, "--baseline", baseline, "--select", TEXT_RULES)
    assert result.exit_code == 0 and "未发现问题，未生成批注副本" in result.output
    assert not (tmp_path / "报告.reportlint.docx").exists()


def test_no_findings_no_copy(run, tmp_path):
    path = tmp_path / "ok.docx"
    path.write_bytes(docx_bytes(GOOD.rstrip("\n").split("\n")))
    result = run("annotate", path, "--lang", "en", "--select", TEXT_RULES)
    assert result.exit_code == 0 and "no findings; no annotated copy written" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["ok.docx"]


@pytest.mark.parametrize("name", ["r.txt", "r.md", "r.pdf", "r.html"])
def test_other_formats_get_one_line_and_exit_2(script, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(seed("002").read_bytes())
    result = script("annotate", path)
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and "annotate 只能为 Word 文件（.docx）添加批注" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_bad_input_and_output(script, tmp_path):
    path = seed_docx(tmp_path, "000")
    cases = [
        ((tmp_path / "missing.docx",), "文件不存在"),
        ((path, "-o", path), "会覆盖原文件"),
        ((path, "-o", tmp_path / "out.txt"), "输出文件必须是 .docx"),
    ]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    cases.append(((broken,), "不是有效的 .docx 文件"))
    for args, message in cases:
        result = script("annotate", *args)
        err = result.stderr.decode()
        assert result.returncode == 2 and message in err and err.count("\n") == 1, (args, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.docx", "报告.docx"]


def test_table_row_findings_sit_in_the_row(run, tmp_path):
    # An xxgk report whose application table does not add up: the comment sits in the total's row.
    from tests.test_more_checklists import XXGK, _docx_with_tables

    text = XXGK.replace("│（七）总计│12│2│0│0│1│0│15│", "│（七）总计│12│2│0│0│1│0│14│")
    path = tmp_path / "gk.docx"
    path.write_bytes(_docx_with_tables(text))
    result = run("annotate", path, "--checklist", "xxgk-2021", "--select", "table-arithmetic")
    assert result.exit_code == 0, result.output
    assert list(anchored((tmp_path / "gk.reportlint.docx").read_bytes()).values()) == ["（七）总计"]


def test_libreoffice_opens_the_copy_with_its_comments(run, tmp_path):
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = seed_docx(tmp_path, "002", name="r.docx")
    assert run("annotate", path, "--select", TEXT_RULES).exit_code == 0
    out_dir = tmp_path / "pdf"
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", export,
         "--outdir", str(out_dir), str(tmp_path / "r.reportlint.docx")],
        capture_output=True,
        timeout=180,
        check=True,
    )
    from pypdf import PdfReader

    reader = PdfReader(str(out_dir / "r.reportlint.pdf"))
    notes = [
        (str(a.get_object().get("/T")), str(a.get_object().get("/Contents")))
        for page in reader.pages
        for a in page.get("/Annots") or []
        if a.get_object().get("/Subtype") == "/Text"
    ]
    assert len(notes) == len(findings_of(path)) >= 2
    assert all(author.startswith("reportlint") for author, _ in notes)
    assert any("「法政府治建设」应为规范表述「法治政府建设」" in text for _, text in notes)
    assert any("「汇报如下」应为「报告如下」" in text for _, text in notes)


def test_json_and_annotate_agree_on_the_count(run, run_json, tmp_path):
    path = seed_docx(tmp_path, "001")
    # Every finding check reports, layout ones included where the layout rules exist, becomes a comment.
    _, report = run_json(path)
    assert run("annotate", path).exit_code == 0
    assert len(comments((tmp_path / "报告.reportlint.docx").read_bytes())) == len(report["files"][0]["findings"])


def test_a_section_missing_at_the_end_sits_on_the_last_paragraph(run, tmp_path):
    from lint.rules.examples import DUTY, MEASURES, SHORTCOMINGS, TITLE

    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes((TITLE + MEASURES + SHORTCOMINGS + DUTY).rstrip("\n").split("\n")))
    assert run("annotate", path, "--select", "missing-section").exit_code == 0
    notes = by_text((tmp_path / "r.reportlint.docx").read_bytes())
    assert list(notes.values()) == ["主要负责人带头学法，亲自部署重要工作。"]
    assert "下一年度主要安排" in next(iter(notes))


def test_existing_comments_and_tracked_changes_are_kept(run, tmp_path):
    from tests.test_docx_fix import _reviewed_docx

    path = tmp_path / "r.docx"
    path.write_bytes(_reviewed_docx())
    assert run("annotate", path, "--select", TEXT_RULES).exit_code == 0
    data = (tmp_path / "r.reportlint.docx").read_bytes()
    found = comments(data)
    assert sorted(c.author for c in found) == ["reportlint", "张三", "李四"]
    assert anchored(data)[str(next(c for c in found if c.author == "reportlint").comment_id)] == "法政府治建设"
    (p,) = [p for p in paragraphs(data) if p.find(f"{W}ins") is not None]
    assert p.find(f"{W}del") is not None and "".join(t.text for t in p.iter(f"{W}t")).endswith("（新增内容）")


def test_outdated_reference_and_marker_sit_on_their_characters(run, tmp_path):
    path = seed_docx(tmp_path, "004")
    assert run("annotate", path, "--select", TEXT_RULES).exit_code == 0
    notes = by_text((tmp_path / "报告.reportlint.docx").read_bytes())
    assert sorted(notes.values()) == ["1、", "《信访条例》", "汇报如下"]


def test_configuration_applies(run, tmp_path):
    path = seed_docx(tmp_path, "000")
    config = tmp_path / "rl.yaml"
    config.write_text("ignore: [wording]\nseverity:\n  conversion-artifact: info\n", encoding="utf-8")
    assert run("annotate", path, "--config", config, "--select", TEXT_RULES).exit_code == 0
    texts = [c.text for c in comments((tmp_path / "报告.reportlint.docx").read_bytes())]
    assert texts and not any("wording" in t for t in texts)
    assert any(t.startswith("[提示] conversion-artifact") for t in texts)


def test_traditional_script_replacements_sit_on_the_characters_as_written(run, tmp_path):
    # Seed 001 is traditional with pinyin glued on: the finding is about the simplified text, the comment
    # covers the same characters as they stand in the paragraph.
    path = seed_docx(tmp_path, "001")
    assert run("annotate", path, "--select", "term-variant").exit_code == 0
    notes = by_text((tmp_path / "报告.reportlint.docx").read_bytes())
    assert list(notes.values()) == ["推行法治建設(shè)第一責(zé)任人"]


def _soffice() -> str | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None and os.environ.get("CI") == "true":
        pytest.fail("soffice (LibreOffice) is required in CI: apt-get install -y libreoffice-writer-nogui")
    return soffice


def test_a_docx_saved_by_libreoffice(run, tmp_path):
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    from lint.docx_fix import plan

    source = tmp_path / "s.txt"
    source.write_bytes(seed("002").read_bytes())
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        timeout=180,
        check=True,
    )
    path = tmp_path / "s.docx"
    assert run("annotate", path, "--select", TEXT_RULES).exit_code == 0
    notes = by_text((tmp_path / "s.reportlint.docx").read_bytes())
    assert {"法政府治建设", "汇报如下"} <= set(notes.values())
    data = path.read_bytes()
    outcome = plan(lint_file(str(path), Options(load_checklist("fazhi-2019")), data=data), data)
    assert outcome.applied == {"term-variant": 1, "wording": 1} and not outcome.skipped
    # LibreOffice spells its XML its own way (「<w:rPr></w:rPr>」): untouched paragraphs keep their bytes.
    from lint.docx_fix import _p_spans
    from tests.docx_parts import part

    old, new = part(data), part(outcome.data)
    spans = zip(_p_spans(old), _p_spans(new), strict=True)
    assert [old[a:b] == new[c:d] for (a, b), (c, d) in spans].count(False) == 1


def test_hyperlinks_tabs_and_content_controls(run, tmp_path):
    from tests.test_docx_fix import _odd_docx

    path = tmp_path / "r.docx"
    path.write_bytes(_odd_docx())
    assert run("annotate", path, "--select", TEXT_RULES).exit_code == 0
    notes = by_text((tmp_path / "r.reportlint.docx").read_bytes())
    assert sorted(notes.values()) == sorted(["截止目前", "法政府治建设", "[bookmark: _GoBack]"])
