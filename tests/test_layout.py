"""Layout of .docx reports (GB/T 9704-2012): profiles, the model read from Word's XML, the layout-* rules,
and the repair behind ``fix --layout`` (lint.layout.apply).

The layout rules' explain examples describe a .docx, not text: ``test_explain_examples_as_docx`` builds
each one as a document laid out to the profile with the one property the example names changed, and
checks that exactly that rule fires on it and nothing fires on the laid-out document.
"""

from __future__ import annotations

import io
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import pytest

from lint import layout
from lint.checklist import ChecklistError, load_checklist
from lint.engine import Options, lint_document
from lint.outline import build_outline
from lint.readers import read_bytes
from lint.rules import all_rules
from lint.rules.examples import GOOD
from tests.conftest import SEEDS, STRUCTURAL, seed
from tests.fixtures import docx_bytes

LAYOUT_RULES = sorted(r.id for r in all_rules().values() if r.family == "layout")
CLOSING = ["某某镇人民政府", "2024年1月15日"]
W = layout._W


def lint_docx(data: bytes, lang: str = "zh", profile: str | None = None):
    doc = read_bytes(data, "r.docx")
    if profile is not None:
        doc.layout.profile = profile
    return lint_document(doc, Options(load_checklist("fazhi-2019"), lang))


def layout_findings(data: bytes, **kw):
    return [f for f in lint_docx(data, **kw).findings if f.rule.startswith("layout-")]


def roles_of(data: bytes) -> dict[int, layout.ParagraphRole]:
    return layout.roles_from_outline(build_outline(read_bytes(data, "r.docx")))


def laid_out(data: bytes, profile: str = "gbt9704-2012") -> bytes:
    """A .docx laid out to the profile: the code ``fix --layout`` runs."""
    return layout.fix_layout(data, "r.docx", profile)


def paragraph_texts(data: bytes) -> list[str]:
    import docx

    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def seed_lines(prefix: str) -> list[str]:
    return seed(prefix).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def good_docx() -> bytes:
    return laid_out(docx_bytes([*GOOD.split("\n"), *CLOSING]))


# --------------------------------------------------------------------------- profiles


def test_builtin_profile_is_found_and_holds_the_standards_figures():
    assert layout.builtin_profile_dir().name == "layout" and "gbt9704-2012" in layout.builtin_profile_ids()
    p = layout.load_profile()
    assert (p.paper["width_mm"], p.paper["height_mm"]) == (210, 297)
    # 版心 156 × 225 mm with 天头 37 mm and 订口 28 mm.
    m = p.margins
    assert (m["top_mm"], m["left_mm"]) == (37, 28)
    assert p.paper["width_mm"] - m["left_mm"] - m["right_mm"] == 156
    assert p.paper["height_mm"] - m["top_mm"] - m["bottom_mm"] == 225
    assert p.roles["title"].size_pt == 22 and p.roles["body"].size_pt == 16
    assert p.roles["heading1"].font_ok("黑体") and p.roles["heading2"].font_ok("楷体_GB2312")
    assert p.roles["body"].font_ok("仿宋_GB2312") and p.roles["body"].font_ok("仿宋")
    assert not p.roles["body"].font_ok("宋体") and not p.roles["title"].font_ok("黑体")
    # 22 lines on the 225 mm 版心.
    assert p.line_pitch["min_pt"] <= 225 / 25.4 * 72 / 22 <= p.line_pitch["max_pt"]


def test_builtin_profile_packaged_in_the_wheel():
    """checklists/ is force-included as lint/checklists: the layout profiles go along."""
    pyproject = (SEEDS.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"checklists" = "lint/checklists"' in pyproject.split("[tool.hatch.build.targets.wheel.force-include]")[1]
    assert (SEEDS.parent / "checklists" / "layout" / "gbt9704-2012.yaml").is_file()


def test_province_profile_extends_and_overrides(tmp_path):
    (tmp_path / "province.yaml").write_text(
        "id: province\nextends: gbt9704-2012\nmargins:\n  top_mm: 35\n"
        "roles:\n  body:\n    fonts: [方正仿宋_GBK]\n",
        encoding="utf-8",
    )
    (tmp_path / "city.yaml").write_text("id: city\nextends: province.yaml\n", encoding="utf-8")
    p = layout.load_profile_file(tmp_path / "city.yaml")
    assert p.id == "city" and p.margins["top_mm"] == 35 and p.margins["left_mm"] == 28
    assert p.roles["body"].fonts == ("方正仿宋_GBK",) and p.roles["body"].size_pt == 16
    assert p.roles["heading1"].font_ok("黑体")


def test_province_profile_changes_findings(tmp_path, good_docx):
    (tmp_path / "p.yaml").write_text(
        "id: p\nextends: gbt9704-2012\nmargins:\n  top_mm: 30\n", encoding="utf-8"
    )
    (f,) = layout_findings(good_docx, profile=str(tmp_path / "p.yaml"))
    assert f.rule == "layout-margins" and "上 37.0 mm" in f.message and "上 30 mm" in f.message


@pytest.mark.parametrize(
    "text, message",
    [
        ("id: x\nextends: gbt9704-2012\nmargin:\n  top_mm: 30\n", "did you mean 'margins'"),
        ("id: x\nextends: gbt9704-2012\nroles:\n  bodyy:\n    size_pt: 16\n", "did you mean 'body'"),
        ("id: x\nextends: gbt9704-2012\nroles:\n  body:\n    align: middle\n", "'align' of role 'body'"),
        ("id: x\nextends: gbt9704-2012\nmargins:\n  top_mm: wide\n", "'top_mm' in 'margins' must be a number"),
        ("id: x\nextends: gbt9704-2012\nmargins: 30\n", "'margins' must be a mapping"),
        ("id: x\nextends: ../outside.yaml\n", "names no built-in layout profile"),
        ("id: x\nextends: gbt9704\n", "names no built-in layout profile"),
        ("id: x\nextends: x.yaml\n", "cycle"),
        ("id: x\npaper:\n  width_mm: 210\n", "missing required key(s): paper.height_mm, margins, line_pitch, roles"),
        ("id: x\n  bad: [\n", "invalid YAML"),
        ("id: x\nextends: gbt9704-2012\npaper: true\n", "'paper' must be a mapping"),
        ("id: x\nextends: gbt9704-2012\nroles:\n  body: 16\n", "role 'body' must be a mapping"),
        ("id: x\nextends: gbt9704-2012\nroles:\n  body:\n    fonts: [仿宋, '']\n", "non-empty strings"),
        ("id: x\nextends: gbt9704-2012\nline_pitch:\n  pt: 35\n", "min_pt ≤ pt ≤ max_pt"),
    ],
)
def test_bad_profiles_name_file_and_problem(tmp_path, text, message):
    (tmp_path / "outside.yaml").write_text("id: o\nextends: gbt9704-2012\n", encoding="utf-8")
    sub = tmp_path / "profiles"
    sub.mkdir()
    (sub / "x.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError) as exc:
        layout.load_profile_file(sub / "x.yaml")
    assert message in str(exc.value) and "x.yaml" in str(exc.value)


def test_missing_profile_file(tmp_path):
    with pytest.raises(ChecklistError, match="no such layout profile file"):
        layout.load_profile(str(tmp_path / "none.yaml"))
    (tmp_path / "gbk.yaml").write_bytes("id: 某省公文格式\n".encode("gbk"))
    with pytest.raises(ChecklistError, match="must be UTF-8"):
        layout.load_profile_file(tmp_path / "gbk.yaml")


def test_unknown_builtin_profile():
    with pytest.raises(ChecklistError, match="did you mean 'gbt9704-2012'"):
        layout.load_profile("gbt9704-2021")


# --------------------------------------------------------------------------- the seeds as python-docx files


EXPECTED_DEFAULT_TEMPLATE = {
    "layout-paper",
    "layout-margins",
    "layout-body-font",
    "layout-heading-font",
    "layout-indent",
    "layout-alignment",
    "layout-line-spacing",
    "layout-page-number",
}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_in_python_docx_default_layout(prefix):
    """python-docx's template: Letter paper, 25.4/31.75 mm margins, 11 pt text in the theme font, 1.15 lines,
    no page number: each of these is found once, with the standard's figure beside the document's."""
    data = docx_bytes(seed_lines(prefix))
    result = lint_docx(data)
    found = [f for f in result.findings if f.rule.startswith("layout-")]
    rules = {f.rule for f in found}
    expected = set(EXPECTED_DEFAULT_TEMPLATE)
    if result.outline.title is not None:
        expected.add("layout-title-font")
    assert rules == expected
    by = {f.rule: f for f in found}
    assert "215.9 mm × 279.4 mm (Letter)" in by["layout-paper"].message
    assert "210 mm × 297 mm" in by["layout-paper"].message
    margins = by["layout-margins"].message
    assert "上 25.4 mm" in margins and "左 31.8 mm" in margins
    assert "上 37 mm、下 35 mm、左 28 mm、右 26 mm（±1 mm）" in margins
    sizes = [f.message for f in found if f.rule == "layout-body-font" and "字号" in f.message]
    assert sizes and all("「11磅」" in m and "三号（16磅）" in m for m in sizes)
    spacing = by["layout-line-spacing"].message
    assert "1.15倍行距" in spacing and "28–29.5磅" in spacing
    # One finding per problem kind: a count and the first places, never one per paragraph.
    kinds = [(f.rule, f.message.split("：")[0]) for f in found]
    assert len(kinds) == len(set(kinds))
    assert len(found) <= 20, "a handful of grouped findings, not one per paragraph"
    assert all(f.line is not None for f in found)


def test_grouped_finding_counts_and_places():
    data = docx_bytes(seed_lines("002"))
    (f,) = [f for f in layout_findings(data) if f.rule == "layout-line-spacing"]
    body_and_heads = [
        n for n, r in roles_of(data).items() if r.role == "body" or r.role.startswith("heading")
    ]
    assert f"共{len(body_and_heads)}段" in f.message
    first = sorted(body_and_heads)[:3]
    assert f.line == first[0] and f"（第{first[0]}段、第{first[1]}段、第{first[2]}段等）" in f.message
    (en,) = [f for f in layout_findings(data, lang="en") if f.rule == "layout-line-spacing"]
    assert f"{len(body_and_heads)} paragraphs (¶{first[0]}, ¶{first[1]}, ¶{first[2]}, …)" in en.message


def test_structural_findings_unchanged_by_layout():
    data = docx_bytes(seed_lines("000"))
    text = lint_document(read_bytes(seed("000").read_bytes(), "r.txt"), Options(load_checklist("fazhi-2019")))
    docx_rules = {f.rule for f in lint_docx(data).findings} & STRUCTURAL
    assert docx_rules == {f.rule for f in text.findings} & STRUCTURAL


def test_layout_rules_silent_on_text():
    for name in ("r.txt", "r.md"):
        doc = read_bytes(GOOD.encode("utf-8"), name)
        assert doc.layout is None
        assert not [f for f in lint_document(doc, Options(load_checklist("fazhi-2019"))).findings]


def test_select_and_ignore_switch_layout_rules_off():
    data = docx_bytes(seed_lines("004"))
    doc = read_bytes(data, "r.docx")
    found = lint_document(doc, Options(load_checklist("fazhi-2019"), ignore=frozenset(LAYOUT_RULES))).findings
    assert not [f for f in found if f.rule.startswith("layout-")]


# --------------------------------------------------------------------------- laid out to the profile


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_laid_out_to_profile_has_no_layout_findings_and_same_text(prefix):
    data = docx_bytes([*seed_lines(prefix), *CLOSING])
    fixed = laid_out(data)
    assert layout_findings(fixed) == []
    assert paragraph_texts(fixed) == paragraph_texts(data)
    before, after = read_bytes(data, "a.docx"), read_bytes(fixed, "b.docx")
    assert [ln.raw for ln in before.lines] == [ln.raw for ln in after.lines]
    # The structural findings do not move.
    opts = Options(load_checklist("fazhi-2019"))
    assert [(f.rule, f.line) for f in lint_document(before, opts).findings if not f.rule.startswith("layout-")] == [
        (f.rule, f.line) for f in lint_document(after, opts).findings if not f.rule.startswith("layout-")
    ]


def test_apply_leaves_tables_and_unroled_paragraphs_alone():
    import docx
    from lxml import etree

    data = docx_bytes(seed_lines("002"))
    fixed = laid_out(data)
    tables = [etree.tostring(t._tbl) for t in docx.Document(io.BytesIO(data)).tables]
    assert tables and tables == [etree.tostring(t._tbl) for t in docx.Document(io.BytesIO(fixed)).tables]
    empties = [
        etree.tostring(p._p) for p in docx.Document(io.BytesIO(data)).paragraphs if not p.text.strip()
    ]
    assert empties == [etree.tostring(p._p) for p in docx.Document(io.BytesIO(fixed)).paragraphs if not p.text.strip()]


def test_apply_writes_the_profiles_figures(good_docx):
    import docx

    d = docx.Document(io.BytesIO(good_docx))
    s = d.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
    assert (round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm)) == (
        37,
        35,
        28,
        26,
    )
    title = d.paragraphs[0]
    assert title.alignment == 1  # centre
    assert {r.font.size.pt for r in title.runs} == {22}
    assert {r._r.rPr.rFonts.get(f"{W}eastAsia") for r in title.runs} == {"方正小标宋简体"}
    footer = "".join(t.text or "" for t in s.footer._element.iter(f"{W}t"))
    assert footer.startswith("— ") and footer.endswith(" —")
    assert d.settings.odd_and_even_pages_header_footer
    even = "".join(t.text or "" for t in s.even_page_footer._element.iter(f"{W}t"))
    assert even.startswith("— ")


def test_signature_and_date_roles_and_indents(good_docx):
    roles = roles_of(good_docx)
    by_role = {r.role: n for n, r in roles.items()}
    assert {"title", "body", "heading1", "heading2", "signature", "date"} <= set(by_role)
    model = read_bytes(good_docx, "r.docx").layout
    sig, date = model.paragraphs[by_role["signature"]], model.paragraphs[by_role["date"]]
    assert sig.align == date.align == "right"
    # 7.3.5.2: the date 右空二字 (2024年1月15日 is 6.5 characters wide: half-width digits) starts two
    # characters right of the signature (某某镇人民政府, 7 characters): the signature 右空3.5字.
    assert date.right_indent_chars() == pytest.approx(2)
    assert sig.right_indent_chars() == pytest.approx(3.5)


def test_run_in_heading_split_between_heading_and_body_fonts():
    lines = ["2023年法治政府建设情况报告", "", "一、2023年主要举措和成效", "（一）加强组织领导。全年召开法治专题会议4次。"]
    data = docx_bytes(lines, table=False)
    roles = roles_of(data)
    (n,) = [n for n, r in roles.items() if r.role == "heading2"]
    assert roles[n].head_chars == len("（一）加强组织领导。")
    fixed = laid_out(data)
    para = read_bytes(fixed, "r.docx").layout.paragraphs[n]
    assert [(r.text, r.font) for r in para.runs] == [
        ("（一）加强组织领导。", "楷体_GB2312"),
        ("全年召开法治专题会议4次。", "仿宋_GB2312"),
    ]
    assert not [f for f in layout_findings(fixed) if f.rule == "layout-heading-font"]


# --------------------------------------------------------------------------- explain examples, as .docx


def _runs_of(document, numbers):
    body = {n: el for n, el in layout.iter_paragraphs(document.element.body) if el is not None}
    for n in numbers:
        yield from layout._runs(body[n])


def _paras_of(document, numbers):
    from docx.text.paragraph import Paragraph

    body = {n: el for n, el in layout.iter_paragraphs(document.element.body) if el is not None}
    return [Paragraph(body[n], document._body) for n in numbers]


def _set_font(document, numbers, font=None, size=None):
    from docx.shared import Pt
    from docx.text.run import Run

    for r in _runs_of(document, numbers):
        run = Run(r, None)
        if font:
            r.rPr.rFonts.set(f"{W}eastAsia", font)
        if size:
            run.font.size = Pt(size)


def _mutate_paper(d, roles):
    from docx.shared import Mm

    d.sections[0].page_width, d.sections[0].page_height = Mm(215.9), Mm(279.4)


def _mutate_margins(d, roles):
    from docx.shared import Mm

    s = d.sections[0]
    s.top_margin = s.bottom_margin = Mm(25.4)
    s.left_margin = s.right_margin = Mm(31.8)


def _role(roles, *names):
    return [n for n, r in roles.items() if r.role in names]


def _mutate_body_indent(d, roles):
    for p in _paras_of(d, _role(roles, "body")):
        ind = p._p.pPr.find(f"{W}ind")
        ind.set(f"{W}firstLine", "0")
        ind.set(f"{W}firstLineChars", "0")


def _mutate_body_align(d, roles):
    for p in _paras_of(d, _role(roles, "body")):
        p._p.pPr.find(f"{W}jc").set(f"{W}val", "left")


def _mutate_spacing(d, roles):
    for p in _paras_of(d, _role(roles, "body")):
        sp = p._p.pPr.find(f"{W}spacing")
        sp.set(f"{W}line", "276")
        sp.set(f"{W}lineRule", "auto")


def _mutate_page_number(d, roles):
    sect = d.sections[0]._sectPr
    for ref in list(sect.iterfind(f"{W}footerReference")):
        sect.remove(ref)


#: Each layout rule's explain ``bad`` example as a change to a laid-out document.
EXAMPLES = {
    "layout-paper": _mutate_paper,
    "layout-margins": _mutate_margins,
    "layout-title-font": lambda d, roles: _set_font(d, _role(roles, "title"), "宋体", 24),
    "layout-heading-font": lambda d, roles: _set_font(d, _role(roles, "heading1"), "仿宋_GB2312"),
    "layout-body-font": lambda d, roles: _set_font(d, _role(roles, "body"), "宋体", 12),
    "layout-indent": _mutate_body_indent,
    "layout-alignment": _mutate_body_align,
    "layout-line-spacing": _mutate_spacing,
    "layout-page-number": _mutate_page_number,
}


def test_every_layout_rule_has_a_docx_example():
    assert sorted(EXAMPLES) == LAYOUT_RULES


@pytest.mark.parametrize("rule_id", LAYOUT_RULES)
def test_explain_examples_as_docx(rule_id, good_docx):
    import docx

    rule = all_rules()[rule_id]
    assert ".docx" in rule.bad and "GB/T 9704-2012" in rule.basis
    assert rule_id not in {f.rule for f in layout_findings(good_docx)}, "passing example must not fire"
    d = docx.Document(io.BytesIO(good_docx))
    EXAMPLES[rule_id](d, roles_of(good_docx))
    out = io.BytesIO()
    d.save(out)
    fired = {f.rule for f in layout_findings(out.getvalue())}
    assert fired == {rule_id}, "failing example must fire this rule (and no other layout rule)"


def test_english_messages(good_docx):
    import docx

    d = docx.Document(io.BytesIO(good_docx))
    _set_font(d, _role(roles_of(good_docx), "body"), "宋体", 12)
    out = io.BytesIO()
    d.save(out)
    messages = [f.message for f in layout_findings(out.getvalue(), lang="en")]
    assert "Body text set in “宋体”, not 仿宋_GB2312" in messages[0]
    assert any("“12 pt (小四)”, not 16 pt (三号)" in m for m in messages)


# --------------------------------------------------------------------------- resolving formatting like Word


STYLES = """
<w:style xmlns:w="{ns}" w:type="paragraph" w:styleId="ZBase"><w:name w:val="ZBase"/>
  <w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:style>
<w:style xmlns:w="{ns}" w:type="paragraph" w:styleId="ZBody"><w:name w:val="ZBody"/><w:basedOn w:val="ZBase"/>
  <w:pPr><w:jc w:val="both"/><w:ind w:firstLineChars="200" w:firstLine="640"/>
  <w:spacing w:line="580" w:lineRule="exact"/></w:pPr></w:style>
<w:style xmlns:w="{ns}" w:type="character" w:styleId="ZHei"><w:name w:val="ZHei"/>
  <w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
<w:style xmlns:w="{ns}" w:type="paragraph" w:styleId="ZLoopA"><w:name w:val="ZLoopA"/><w:basedOn w:val="ZLoopB"/></w:style>
<w:style xmlns:w="{ns}" w:type="paragraph" w:styleId="ZLoopB"><w:name w:val="ZLoopB"/><w:basedOn w:val="ZLoopA"/>
  <w:rPr><w:sz w:val="28"/></w:rPr></w:style>
"""


def _styled_document(theme_lang: str | None = None):
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    styles = d.styles.element
    for chunk in STYLES.strip().split("</w:style>")[:-1]:
        styles.append(parse_xml(chunk.format(ns=layout._W_NS) + "</w:style>"))
    if theme_lang:
        d.settings.element.find(f"{W}themeFontLang").set(f"{W}eastAsia", theme_lang)
    return d


def _model(d):
    out = io.BytesIO()
    d.save(out)
    import docx

    return layout.extract(docx.Document(io.BytesIO(out.getvalue())))


def test_font_resolution_follows_word():
    d = _styled_document()
    d.add_paragraph("正文来自基准样式的仿宋。", style="ZBody")
    p = d.add_paragraph("", style="ZBody")
    run = p.add_run("黑体字")
    run._r.get_or_add_rPr().insert(0, __import__("docx.oxml", fromlist=["parse_xml"]).parse_xml(
        f'<w:rStyle xmlns:w="{layout._W_NS}" w:val="ZHei"/>'
    ))  # fmt: skip
    run2 = p.add_run("直接格式楷体")
    run2._r.get_or_add_rPr().get_or_add_rFonts().set(f"{W}eastAsia", "楷体")
    run3 = p.add_run("只改西文字体")
    run3._r.get_or_add_rPr().get_or_add_rFonts().set(f"{W}ascii", "Arial")
    m = _model(d)
    first, second = m.paragraphs[1], m.paragraphs[2]
    assert [(r.font, r.size_pt) for r in first.runs] == [("仿宋_GB2312", 16)]
    assert first.align == "justify" and first.first_indent_chars() == 2
    assert first.line_rule == "exact" and first.line == 580
    # Character style, then direct formatting; an ascii-only change keeps the East Asian font.
    assert [(r.text, r.font) for r in second.runs] == [
        ("黑体字", "黑体"),
        ("直接格式楷体", "楷体"),
        ("只改西文字体", "仿宋_GB2312"),
    ]


@pytest.mark.parametrize("lang, font", [("zh-CN", "宋体"), ("ja-JP", "ＭＳ 明朝"), ("zh-TW", "新細明體")])
def test_theme_fonts_by_east_asian_theme_language(lang, font):
    d = _styled_document(theme_lang=lang)
    d.add_paragraph("默认样式的文字")  # docDefaults: eastAsiaTheme="minorEastAsia"
    (run,) = _model(d).paragraphs[1].runs
    assert (run.font, run.size_pt) == (font, 11)


def test_based_on_cycle_is_cut_not_followed():
    d = _styled_document()
    d.add_paragraph("循环样式", style="ZLoopA")
    m = _model(d)
    assert m.paragraphs[1].runs[0].size_pt == 14
    assert any("cycle" in note for note in m.notes)


def test_each_style_resolved_once(monkeypatch):
    calls: list = []
    original = layout._Resolver._chain

    def counting(self, sid):
        calls.append(sid)
        return original(self, sid)

    monkeypatch.setattr(layout._Resolver, "_chain", counting)
    d = _styled_document()
    for i in range(200):
        d.add_paragraph(f"第{i}段", style="ZBody" if i % 2 else "ZBase")
    _model(d)
    assert sorted(calls) == ["ZBase", "ZBody"]


def test_line_grid_single_spacing_passes():
    import docx

    data = laid_out(docx_bytes([*GOOD.split("\n"), *CLOSING]))
    d = docx.Document(io.BytesIO(data))
    sect = d.sections[0]._sectPr
    grid = sect.find(f"{W}docGrid")
    grid.set(f"{W}type", "lines")
    grid.set(f"{W}linePitch", "579")
    for p in d.paragraphs:
        sp = p._p.pPr.find(f"{W}spacing") if p._p.pPr is not None else None
        if sp is not None:
            sp.set(f"{W}line", "240")
            sp.set(f"{W}lineRule", "auto")
    out = io.BytesIO()
    d.save(out)
    assert layout_findings(out.getvalue()) == []


def test_full_width_spaces_count_as_indent():
    lines = ["2023年法治政府建设情况报告", "", "　　2023年，我镇坚持依法行政。"]
    data = docx_bytes(lines, table=False)
    model = read_bytes(data, "r.docx").layout
    assert model.paragraphs[3].first_indent_chars() == 2


def test_page_number_without_dashes_or_wrong_size(good_docx):
    import docx

    d = docx.Document(io.BytesIO(good_docx))
    footer = d.sections[0].footer._element
    for t in footer.iter(f"{W}t"):
        if "—" in (t.text or ""):
            t.text = ""
    for sz in footer.iter(f"{W}sz"):
        sz.set(f"{W}val", "21")
    out = io.BytesIO()
    d.save(out)
    (f,) = layout_findings(out.getvalue())
    assert f.rule == "layout-page-number" and "五号（10.5磅）" in f.message and "一字线" in f.message
    # fix --layout restyles the existing number instead of adding a second one.
    fixed = laid_out(out.getvalue())
    assert layout_findings(fixed) == []
    footer = docx.Document(io.BytesIO(fixed)).sections[0].footer._element
    assert len([i for i in footer.iter(f"{W}instrText") if "PAGE" in (i.text or "")]) == 1


def test_page_number_size_from_the_footer_style(good_docx):
    import docx

    d = docx.Document(io.BytesIO(good_docx))
    footer = d.sections[0].footer._element
    for sz in list(footer.iter(f"{W}sz")):
        sz.getparent().remove(sz)
    d.styles["Footer"].font.size = __import__("docx.shared", fromlist=["Pt"]).Pt(9)
    out = io.BytesIO()
    d.save(out)
    assert read_bytes(out.getvalue(), "r.docx").layout.sections[0].page_number_size_pt == 9


def test_centred_body_line_is_taken_as_meant(good_docx):
    import docx

    d = docx.Document(io.BytesIO(good_docx))
    (p,) = _paras_of(d, _role(roles_of(good_docx), "body")[:1])
    p._p.pPr.find(f"{W}jc").set(f"{W}val", "center")
    ind = p._p.pPr.find(f"{W}ind")
    ind.set(f"{W}firstLine", "0")
    ind.set(f"{W}firstLineChars", "0")
    out = io.BytesIO()
    d.save(out)
    assert layout_findings(out.getvalue()) == []


def test_simple_page_field_recognised():
    import docx
    from docx.oxml import parse_xml

    d = docx.Document(io.BytesIO(docx_bytes(GOOD.split("\n"), table=False)))
    footer = d.sections[0].footer
    footer.is_linked_to_previous = False
    footer._element.append(
        parse_xml(
            f'<w:p xmlns:w="{layout._W_NS}"><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t>'
            '</w:r><w:fldSimple w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>1</w:t>'
            '</w:r></w:fldSimple><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>'
        )
    )
    out = io.BytesIO()
    d.save(out)
    section = read_bytes(out.getvalue(), "r.docx").layout.sections[0]
    assert (section.page_number, section.page_number_size_pt, section.page_number_dashes) == (True, 14, True)


def test_model_is_picklable_and_a_layout_failure_never_stops_reading(monkeypatch, good_docx):
    model = read_bytes(good_docx, "r.docx").layout
    assert pickle.loads(pickle.dumps(model)) == model

    def broken(document):
        raise ValueError("boom")

    monkeypatch.setattr(layout, "extract", broken)
    doc = read_bytes(good_docx, "r.docx")
    assert doc.layout is None and doc.lines
    assert not [f for f in lint_document(doc, Options(load_checklist("fazhi-2019"))).findings]


# --------------------------------------------------------------------------- LibreOffice conversions


@pytest.fixture(scope="module")
def libreoffice_seeds(tmp_path_factory) -> dict[str, bytes]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice is not installed (apt-get install -y libreoffice-writer-nogui)")
        pytest.skip("LibreOffice (soffice) not installed")
    tmp = tmp_path_factory.mktemp("lo")
    sources = []
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, tmp / path.name)
        sources.append(str(tmp / path.name))
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--convert-to", "docx",
         "--outdir", str(tmp / "out"), *sources],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    out = {Path(p).name[:3]: (tmp / "out" / (Path(p).stem + ".docx")) for p in sources}
    missing = [k for k, p in out.items() if not p.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return {k: p.read_bytes() for k, p in out.items()}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_libreoffice_converted_seeds(prefix, libreoffice_seeds):
    """A plain-text import: LibreOffice's own margins (2 cm), preformatted text in a monospace font at 10 pt,
    single spacing, no page number; then laid out to the profile, nothing is left."""
    data = libreoffice_seeds[prefix]
    result = lint_docx(data)
    rules = {f.rule for f in result.findings if f.rule.startswith("layout-")}
    assert {"layout-margins", "layout-body-font", "layout-line-spacing", "layout-page-number"} <= rules
    (margins,) = [f for f in result.findings if f.rule == "layout-margins"]
    assert "应为上 37 mm、下 35 mm、左 28 mm、右 26 mm" in margins.message
    text = lint_document(read_bytes(seed(prefix).read_bytes(), "r.txt"), Options(load_checklist("fazhi-2019")))
    assert {f.rule for f in result.findings} & STRUCTURAL == {f.rule for f in text.findings} & STRUCTURAL
    fixed = laid_out(data)
    assert layout_findings(fixed) == []
    assert paragraph_texts(fixed) == paragraph_texts(data)


def test_template_document_laid_out_through_styles_passes():
    """A template as drafters get it: the layout lives in the styles (Normal: 仿宋_GB2312 16 pt, exactly
    28 pt, 2-character indent, justified; heading styles 黑体/楷体), runs carry no formatting at all."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Mm

    ns = layout._W_NS
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    normal = d.styles["Normal"].element
    for tag in ("pPr", "rPr"):
        old = normal.find(f"{W}{tag}")
        if old is not None:
            normal.remove(old)
    normal.append(
        parse_xml(
            f'<w:pPr xmlns:w="{ns}"><w:spacing w:before="0" w:after="0" w:line="560" w:lineRule="exact"/>'
            '<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr>'
        )
    )
    normal.append(
        parse_xml(
            f'<w:rPr xmlns:w="{ns}"><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
            'w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>'
        )
    )
    styles = d.styles.element
    for sid, extra in (
        ("GWTitle", '<w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>'
         '</w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr>'),
        ("GW1", '<w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr>'),
        ("GW2", '<w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr>'),
    ):  # fmt: skip
        styles.append(
            parse_xml(
                f'<w:style xmlns:w="{ns}" w:type="paragraph" w:styleId="{sid}"><w:name w:val="{sid}"/>'
                f'<w:basedOn w:val="Normal"/>{extra}</w:style>'
            )
        )
    for line in GOOD.split("\n"):
        style = (
            "GWTitle" if line.endswith("报告") else "GW1" if line[:2] in ("一、", "二、", "三、", "四、") else None
        )
        if line.startswith("（一）"):
            p = d.add_paragraph(style="GW2")
            p.add_run("（一）加强组织领导。")
            body = p.add_run(line[len("（一）加强组织领导。") :])
            body._r.get_or_add_rPr().get_or_add_rFonts().set(f"{W}eastAsia", "仿宋_GB2312")
        else:
            d.add_paragraph(line, style=style)
    footer = d.sections[0].footer
    footer.is_linked_to_previous = False
    footer._element.append(layout._page_number_paragraph(layout.load_profile().page_number, "right", 1))
    out = io.BytesIO()
    d.save(out)
    assert {r.role for r in roles_of(out.getvalue()).values()} >= {"title", "heading1", "heading2", "body"}
    assert layout_findings(out.getvalue()) == []
    # The same template with its level-1 heading style in 宋体 is caught.
    styles.find(f"{W}style[@{W}styleId='GW1']/{W}rPr/{W}rFonts").set(f"{W}eastAsia", "宋体")
    out = io.BytesIO()
    d.save(out)
    (f,) = layout_findings(out.getvalue())
    assert f.rule == "layout-heading-font" and "一级标题字体为「宋体」" in f.message and "共4段" in f.message


def test_laid_out_document_prints_22_lines_a_page(libreoffice_seeds, tmp_path):
    """Printed by LibreOffice, a seed laid out to the profile is A4 with 「— n —」 page numbers and 22 lines
    on a full page: the standard's figures, measured on the output rather than read back from the XML."""
    import pypdf

    fixed = tmp_path / "r.docx"
    fixed.write_bytes(laid_out(docx_bytes(seed_lines("003"), table=False)))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(fixed)],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    reader = pypdf.PdfReader(tmp_path / "r.pdf")
    assert len(reader.pages) >= 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    for n, page in enumerate(reader.pages, start=1):
        lines = [ln for ln in page.extract_text().splitlines() if ln.strip()]
        assert lines[-1].strip() == f"— {n} —"
    # Widow and orphan control may move a line to the next page: no page holds more than 22, full ones 22.
    counts = [len([ln for ln in p.extract_text().splitlines() if ln.strip()]) - 1 for p in reader.pages[1:-1]]
    assert max(counts) == 22


def test_apply_keeps_comments_and_tracked_changes():
    import docx
    from docx.oxml import parse_xml

    d = docx.Document(io.BytesIO(docx_bytes(GOOD.split("\n"), table=False)))
    body = d.paragraphs[3]
    d.add_comment(body.runs, text="请核实次数", author="审核人", initials="SH")
    body._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{layout._W_NS}" w:id="91" w:author="审核人" w:date="2024-01-01T00:00:00Z">'
            '<w:r><w:t>（新增）</w:t></w:r></w:ins>'
        )
    )
    body._p.append(
        parse_xml(
            f'<w:del xmlns:w="{layout._W_NS}" w:id="92" w:author="审核人" w:date="2024-01-01T00:00:00Z">'
            '<w:r><w:delText>删去的字</w:delText></w:r></w:del>'
        )
    )
    out = io.BytesIO()
    d.save(out)
    fixed = docx.Document(io.BytesIO(laid_out(out.getvalue())))
    (comment,) = list(fixed.comments)
    assert comment.text == "请核实次数" and comment.author == "审核人"
    p = fixed.paragraphs[3]._p
    assert len(list(p.iter(f"{W}commentRangeStart"))) == 1
    (ins,) = p.iter(f"{W}ins")
    assert ins.get(f"{W}author") == "审核人" and ins.find(f"{W}r/{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
    (deleted,) = p.iter(f"{W}delText")
    assert deleted.text == "删去的字" and deleted.getparent().find(f"{W}rPr") is None


def test_landscape_table_section_is_allowed_after_the_first(good_docx):
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION

    d = docx.Document(io.BytesIO(good_docx))
    s = d.add_section(WD_SECTION.NEW_PAGE)
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = s.page_height, s.page_width
    s.top_margin, s.left_margin = s.left_margin, s.top_margin
    table = d.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "统计表"
    out = io.BytesIO()
    d.save(out)
    model = read_bytes(out.getvalue(), "r.docx").layout
    assert [sec.width_mm > sec.height_mm for sec in model.sections] == [False, True]
    assert layout_findings(out.getvalue()) == []
    # fix --layout keeps it landscape.
    model = read_bytes(laid_out(out.getvalue()), "r.docx").layout
    assert [(round(sec.width_mm), round(sec.height_mm)) for sec in model.sections] == [(210, 297), (297, 210)]
    # The whole report in landscape is reported.
    first = d.sections[0]
    first.page_width, first.page_height = first.page_height, first.page_width
    out = io.BytesIO()
    d.save(out)
    (f,) = [f for f in layout_findings(out.getvalue()) if f.rule == "layout-paper"]
    assert "横向" in f.message


def test_fix_layout_refuses_bad_input_with_the_readers_error():
    from lint.readers import ReadError

    with pytest.raises(ReadError):
        layout.fix_layout(b"not a zip", "r.docx")
    with pytest.raises(ChecklistError):
        layout.fix_layout(docx_bytes(GOOD.split("\n")), "r.docx", "no-such-profile")
