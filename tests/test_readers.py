"""Every format gives the same outline and structural findings as the seed's text; bad input fails cleanly."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile

import pytest

from lint.checklist import load_checklist
from lint.engine import Options, lint_document, lint_file
from lint.readers import ReadError, read_bytes
from lint.rules.examples import GOOD
from tests.conftest import STRUCTURAL, seed
from tests.fixtures import docx_bytes, html_page, pdf_bytes

CLEAN_SEEDS = ["000", "001", "002", "003", "004"]
OPTIONS = Options(load_checklist("fazhi-2019"))


def seed_lines(prefix: str) -> list[str]:
    return seed(prefix).read_text(encoding="utf-8").split("\n")


def shape(result) -> tuple:
    """What must not depend on the format: title, year, top-level sections, structural findings."""
    outline = result.outline
    tops = [
        (h.text, result.match.section_of(h).section if result.match.section_of(h) else None)
        for h in outline.top_level()
    ]
    rules = sorted((f.rule, f.section) for f in result.findings if f.rule in STRUCTURAL)
    return outline.title.text if outline.title else None, outline.year, tops, rules


def lint_bytes(data: bytes, name: str):
    return lint_document(read_bytes(data, name), OPTIONS)


def reference(prefix: str) -> tuple:
    return shape(lint_file(str(seed(prefix)), OPTIONS))


FORMATS = {
    "docx": lambda lines: (docx_bytes(lines), "r.docx"),
    "docx-autonumber": lambda lines: (docx_bytes(lines, auto_numbering=True), "r.docx"),
    "docx-styles": lambda lines: (docx_bytes(lines, auto_numbering=True, heading_styles=True), "r.docx"),
    "pdf": lambda lines: (pdf_bytes(lines), "r.pdf"),
    "html": lambda lines: (html_page(lines).encode("utf-8"), "r.html"),
    "html-gbk": lambda lines: (html_page(lines, charset="gbk").encode("gbk"), "r.htm"),
    "gb18030": lambda lines: ("\n".join(lines).encode("gb18030"), "r.txt"),
    "utf-16": lambda lines: ("\n".join(lines).encode("utf-16"), "r.txt"),
    "utf-8-bom": lambda lines: ("\n".join(lines).encode("utf-8-sig"), "r.txt"),
    "crlf": lambda lines: ("\r\n".join(lines).encode("utf-8"), "r.txt"),
    "cr": lambda lines: ("\r".join(lines).encode("utf-8"), "r.md"),
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("prefix", CLEAN_SEEDS)
def test_same_results_in_every_format(prefix, fmt):
    data, name = FORMATS[fmt](seed_lines(prefix))
    assert shape(lint_bytes(data, name)) == reference(prefix)


def test_docx_auto_numbering_has_no_marker_in_text_but_is_level_one():
    data = docx_bytes(seed_lines("002"), auto_numbering=True)
    doc = read_bytes(data, "r.docx")
    heading = next(ln for ln in doc.lines if ln.text.startswith("一、") and not ln.table)
    assert not heading.raw.startswith("一、")  # Word's numbering, not text
    result = lint_document(doc, OPTIONS)
    first = result.outline.top_level()[0]
    assert (first.marker, first.number, first.level) == ("一、", 1, 1)


def test_docx_tables_stay_out_of_the_outline():
    result = lint_bytes(docx_bytes(seed_lines("002")), "r.docx")
    assert not any("表格" in h.text for h in result.outline.headings)


def test_docx_locations_are_paragraphs(run_json, tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes(seed_lines("000")))
    code, data = run_json(path)
    file = data["files"][0]
    assert file["location_unit"] == "paragraph" and file["format"] == "docx"
    missing = next(f for f in file["findings"] if f["rule"] == "missing-section")
    # ¶ counts body paragraphs and table rows: the fixture's 2-row table follows paragraph 7.
    assert missing["line"] == 16 and missing["column"] is None and "第6段" in missing["message"]


def test_docx_text_output_uses_pilcrow(run, tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes(seed_lines("000")))
    assert "¶16" in run("check", "--no-color", path).output


def test_pdf_pages_lines_and_spacing(run_json, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf_bytes(seed_lines("003")))
    doc = read_bytes(path.read_bytes(), "r.pdf")
    assert not any(re.search(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]", ln.text) for ln in doc.lines)
    assert not any("—" in ln.text and len(ln.text) < 8 for ln in doc.lines)  # page numbers dropped
    code, data = run_json(path)
    order = next(f for f in data["files"][0]["findings"] if f["rule"] == "section-order")
    assert order["page"] >= 2 and order["line"] >= 1


def test_html_title_is_the_articles_not_the_sites(tmp_path):
    lines = seed_lines("004")[2:]  # drop the title from the article body
    page = html_page(lines, title="2024年法治政府建设情况报告")
    result = lint_bytes(page.encode("utf-8"), "r.html")
    assert result.outline.title.text == "2024年法治政府建设情况报告"
    assert result.outline.year == 2024
    assert not any(
        "首页" in ln.text or "星期" in ln.text or "来源" in ln.text for ln in result.document.lines
    )


def test_html_locations_point_into_the_page():
    page = html_page(seed_lines("000"))
    result = lint_bytes(page.encode("utf-8"), "r.html")
    heading = result.outline.top_level()[0]
    assert page.split("\n")[heading.lineno - 1].lstrip().startswith("<p>一、2022年法治政府建设工作情况")


def test_big5_traditional_report():
    import opencc

    # Taiwan standard forms (為, 眾) are the ones Big5 can encode.
    traditional = opencc.OpenCC("s2tw").convert("\n".join(seed_lines("002")))
    result = lint_bytes(traditional.encode("big5", errors="strict"), "r.txt")
    assert result.document.encoding == "big5"
    assert "traditional-script" in {f.rule for f in result.findings}
    assert shape(result)[2:] == reference("002")[2:]


def test_seed_001_junk_reported_and_outline_equals_clean_copy():
    import opencc

    raw = seed("001").read_text(encoding="utf-8")
    clean = re.sub(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", raw)
    clean = re.sub(r"\?[,.]?[A-Za-z]?\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)|\?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", clean)
    clean = re.sub(r"\?{2,}", "", clean).replace("/span>", "")
    clean = opencc.OpenCC("t2s").convert("\n".join(ln for ln in clean.split("\n") if ln.strip() != "|"))
    ours = lint_file(str(seed("001")), OPTIONS)
    theirs = lint_bytes(clean.encode("utf-8"), "clean.txt")
    assert [(h.marker, h.level, h.text) for h in ours.outline.headings] == [
        (h.marker, h.level, h.text) for h in theirs.outline.headings
    ]
    kinds = {f.message.split("：")[0] for f in ours.findings if f.rule == "conversion-artifact"}
    assert kinds == {"只有竖线的行", "表示丢失字符的问号", "字后粘连的拼音", "网页标签残留", "转码乱码"}
    assert "conversion-artifact" not in {f.rule for f in theirs.findings}


def test_stdin_filename_picks_the_reader(run):
    data = docx_bytes(seed_lines("002"))
    result = run("check", "--format", "json", "--stdin-filename", "draft.docx", "-", input=data)
    file = json.loads(result.output)["files"][0]
    assert result.exit_code == 0 and file["path"] == "draft.docx" and file["format"] == "docx"


# --------------------------------------------------------------------------- bad input


def zip_with(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document>&lol3;</w:document>'
)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.txt", lambda: b"", "empty file"),
        ("binary.txt", lambda: bytes(range(256)) * 64, "binary data"),
        ("notzip.docx", lambda: b"this is not a zip archive at all", "not a valid .docx file"),
        ("pdf.docx", lambda: pdf_bytes(["一、测试"]), "is a PDF file, not a Word document"),
        ("old.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old binary Word"),
        ("bomb.docx", lambda: zip_with(b"<" * (120 * 1024 * 1024)), "word/document.xml expands to 120 MB"),
        ("entities.docx", lambda: zip_with(ENTITY_BOMB), "declares XML entities"),
        (
            "nodoc.docx",
            lambda: zip_with(b"x").replace(b"word/document.xml", b"word/somethin.xml"),
            "not a Word document",
        ),
        ("broken.docx", lambda: zip_with(b"<w:document><unclosed>"), "corrupt .docx"),
        ("scan.pdf", lambda: _scan_pdf(), "no text layer"),
        ("broken.pdf", lambda: b"%PDF-1.4\n garbage garbage", "corrupt PDF"),
        ("fake.pdf", lambda: b"hello", "not a PDF file"),
        ("huge.txt", lambda: b"a" * (60 * 1024 * 1024), "file too large (60 MB; limit 10 MB)"),
        (
            "empty.html",
            lambda: b"<html><body><div class='nav'>\xe9\xa6\x96\xe9\xa1\xb5</div></body></html>",
            "no article text",
        ),
    ],
)
def test_bad_input_one_line_exit_2_others_still_linted(script, tmp_path, name, make, message):
    path = tmp_path / name
    data = make()
    path.write_bytes(data)
    started = time.monotonic()
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    proc = script("check", "--lang", "en", "--format", "json", path, good)
    assert time.monotonic() - started < 30
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    files = json.loads(proc.stdout)["files"]
    assert message in files[0]["error"], files[0]["error"]
    assert "\n" not in files[0]["error"]
    assert files[1]["findings"] == []  # the good file was still linted
    assert path.read_bytes() == data


def _scan_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_read_error_in_chinese(run, tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a zip")
    result = run("check", "--no-color", path)
    assert result.exit_code == 2 and "不是有效的 .docx 文件" in result.output


def test_reader_errors_are_read_errors():
    with pytest.raises(ReadError):
        read_bytes(b"", "x.md")
