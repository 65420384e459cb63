"""``reportlint new``: a skeleton that ``check`` finds complete apart from the sections to write."""

from __future__ import annotations

import datetime
import io
import json

import pytest

from lint.checklist import builtin_ids, load_checklist
from tests.docx_parts import W, anchored, comments, part

#: What an unwritten section may get besides empty-section: the element or table it must still contain.
CONTENT_RULES = {"empty-section", "missing-element", "missing-table"}


@pytest.mark.parametrize("ext", [".docx", ".md", ".txt"])
@pytest.mark.parametrize("checklist", builtin_ids())
def test_new_then_check_reports_only_the_empty_sections(run, tmp_path, checklist, ext):
    out = tmp_path / f"报告{ext}"
    result = run("new", "--checklist", checklist, "--unit", "某某县人民政府", "--year", "2025", "-o", out)
    assert result.exit_code == 0, result.output
    assert str(out) in result.output and checklist in result.output
    check = run("check", "--format", "json", "--checklist", checklist, out)
    report = json.loads(check.output)["files"][0]
    findings = report["findings"]
    empty = {f["line"] for f in findings if f["rule"] == "empty-section"}
    assert empty
    # Nothing but the unwritten sections: every finding is one of them, at one of their headings.
    assert {f["rule"] for f in findings} <= CONTENT_RULES
    assert all(f["line"] in empty for f in findings)
    # Every section of the checklist is there, in the checklist's order, numbered 一、二、三…
    cl = load_checklist(checklist)
    tops = [h for h in report["outline"] if h["level"] == 1]
    assert [h["section"] for h in tops] == [s.id for s in cl.top_sections()]
    assert [h["marker"] for h in tops] == ["一、", "二、", "三、", "四、", "五、", "六、"][: len(tops)]
    assert all(h["score"] == 100 for h in tops)
    assert report["year"] == 2025 and "某某县人民政府2025年" in report["title"]["text"]


def test_docx_layout_follows_gbt_9704(run, tmp_path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    out = tmp_path / "报告.docx"
    assert run("new", "--unit", "某某县人民政府", "--year", "2025", "-o", out).exit_code == 0
    data = out.read_bytes()
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]

    def mm(*lengths) -> list[float]:
        return [round(v.mm, 1) for v in lengths]

    assert mm(section.page_width, section.page_height) == [210, 297]
    assert mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == [
        37,
        35,
        28,
        26,
    ]
    paragraphs = [p for p in document.paragraphs if p.text]
    title = paragraphs[0]
    assert title.text == "某某县人民政府2025年法治政府建设情况报告"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].font.size == Pt(22)

    def east_asian(p) -> str:
        return p.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia")

    assert east_asian(title) == "方正小标宋简体"
    heading = next(p for p in paragraphs if p.text.startswith("一、"))
    assert east_asian(heading) == "黑体" and heading.runs[0].font.size == Pt(16)
    body = next(p for p in paragraphs if p.text.startswith("现将"))
    assert east_asian(body) == "仿宋_GB2312"
    for p in (heading, body):
        fmt = p.paragraph_format
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing == Pt(28.95)
        assert p._p.pPr.ind.get(f"{W}firstLineChars") == "200"
    assert [p.text for p in paragraphs[-3:]] == ["特此报告。", "某某县人民政府", "2026年  月  日"]
    # Page numbers 「— 1 —」 in the footers: a PAGE field between dashes, odd right and even left.
    footer = part(data, "word/footer1.xml").decode() + part(data, "word/footer2.xml").decode()
    assert footer.count(" PAGE ") == 2 and footer.count("— ") == 2 and footer.count(" —") == 2
    assert 'w:val="right"' in footer and 'w:val="left"' in footer
    assert "evenAndOddHeaders" in part(data, "word/settings.xml").decode()


def test_docx_notes_are_comments_on_the_headings(run, tmp_path):
    out = tmp_path / "报告.docx"
    assert run("new", "--checklist", "fazhi-2019", "--year", "2025", "-o", out).exit_code == 0
    data = out.read_bytes()
    notes = {c.text: anchored(data)[str(c.comment_id)] for c in comments(data)}
    assert len(notes) == 5 and {c.author for c in comments(data)} == {"reportlint"}
    (causes,) = [k for k in notes if "原因" in k]
    assert notes[causes] == "二、上一年度推进法治政府建设存在的不足和原因"
    (plans,) = [k for k in notes if "2026年" in k]
    assert notes[plans].startswith("四、下一年度")


def test_markdown_notes_are_html_comments_and_text_has_none(run, tmp_path):
    md, txt = tmp_path / "r.md", tmp_path / "r.txt"
    assert run("new", "--checklist", "xxgk-2021", "--unit", "某某局", "--year", "2024", "-o", md).exit_code == 0
    assert run("new", "--checklist", "xxgk-2021", "--unit", "某某局", "--year", "2024", "-o", txt).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# 某某局2024年政府信息公开工作年度报告\n")
    assert "## 三、收到和处理政府信息公开申请情况\n<!-- 说明：" in text
    assert "<!--" not in txt.read_text(encoding="utf-8")
    assert "统计期限自2024年1月1日起至2024年12月31日止" in txt.read_text(encoding="utf-8")


def test_thematic_skeleton_covers_the_outline_areas(run, tmp_path):
    out = tmp_path / "r.md"
    assert run("new", "--checklist", "fazhi-thematic", "--year", "2024", "-o", out).exit_code == 0
    check = json.loads(run("check", "--format", "json", "--checklist", "fazhi-thematic", out).output)
    rules = {f["rule"] for f in check["files"][0]["findings"]}
    assert "coverage" not in rules and "missing-preamble" not in rules
    assert out.read_text(encoding="utf-8").count("### （") == 8


def test_addressee_option_and_default_year(run, tmp_path):
    out = tmp_path / "r.txt"
    assert run("new", "--addressee", "市委、市政府", "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").split("\n")
    last_year = datetime.date.today().year - 1
    assert lines[0] == f"某某单位{last_year}年法治政府建设情况报告" and lines[2] == "市委、市政府："


def test_refuses_to_overwrite_and_unknown_extension(script, tmp_path):
    out = tmp_path / "r.docx"
    out.write_bytes(b"mine")
    result = script("new", "-o", out)
    assert result.returncode == 2 and "文件已存在（用 --force 覆盖）" in result.stderr.decode()
    assert out.read_bytes() == b"mine"
    assert script("new", "-o", out, "--force").returncode == 0 and out.read_bytes() != b"mine"
    bad = script("new", "-o", tmp_path / "r.pdf")
    err = bad.stderr.decode()
    assert bad.returncode == 2 and "请用 .docx、.md 或 .txt" in err and err.count("\n") == 1
    unknown = script("new", "--checklist", "no-such", "-o", tmp_path / "x.md")
    assert unknown.returncode == 2 and not (tmp_path / "x.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]


def test_a_provincial_checklist_inherits_the_notes(run, tmp_path):
    province = tmp_path / "my-province.yaml"
    province.write_text(
        "id: my-province\nextends: fazhi-2019\nname: XX省法治政府建设年度报告\n"
        "order: [duty, measures, shortcomings, plans, other]\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.md"
    assert run("new", "--checklist", province, "--year", "2025", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.index("## 一、上一年度党政主要负责人") < text.index("## 二、上一年度推进法治政府建设的主要举措和成效")
    assert text.count("<!-- 说明：") == 5 and "逐条分析原因" in text
    report = json.loads(run("check", "--format", "json", "--checklist", province, out).output)["files"][0]
    assert {f["rule"] for f in report["findings"]} <= CONTENT_RULES
