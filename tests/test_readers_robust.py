"""Reproducers for the readers' crash, hang and misreading classes (issue #15, #10 item 7).

Each test feeds one damaged or unusual input the way ``check`` reads it and
asserts what a user sees: a one-line ``ReadError`` naming the problem, or the
text read right, within a time bound.
"""

from __future__ import annotations

import io
import threading
import time
import zipfile

import pytest

from lint.checklist import load_checklist
from lint.engine import Options, lint_document, lint_file
from lint.readers import ReadError, read_bytes
from tests.fixtures import docx_bytes
from tests.strategies import (
    document_xml,
    list_numbering,
    make_docx,
    numbering_xml,
    para,
    report_lines,
    run,
    styles_xml,
)

OPTIONS = Options(load_checklist("fazhi-2019"), lang="en")
TITLE, *BODY = report_lines()  # title, 一、…, （一）…, 二、…, …


def within(seconds: float, fn, *args):
    """Call ``fn`` in a daemon thread; fail (not hang) when it takes longer than ``seconds``."""
    box: dict = {}

    def target():
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # handed to the test below
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if "error" in box:
        raise box["error"]
    return box["value"], time.monotonic() - started


def read_error(data: bytes, name: str) -> str:
    """The one-line English message the reader gives for ``data``."""
    with pytest.raises(ReadError) as info:
        within(20, read_bytes, data, name)
    message = info.value.render("en")
    assert "\n" not in message and message == str(info.value)
    assert info.value.render("zh") and not message.startswith("internal error"), message
    return message


def texts(data: bytes, name: str = "r.docx") -> list[str]:
    doc, _ = within(20, read_bytes, data, name)
    return [line.text for line in doc.lines if line.text]


# --------------------------------------------------------------------------- .docx: numbers and levels


@pytest.mark.parametrize(
    ("ilvl", "start", "override", "para_ilvl"),
    [
        ("x", "1", None, "0"),  # non-integer w:ilvl on the level
        ("0", "one", None, "0"),  # non-integer w:start
        ("0", "1", "1.5", "0"),  # non-integer w:startOverride
        ("0", "1", None, "first"),  # non-integer paragraph ilvl
        ("0", "1", None, "10"),  # ilvl beyond Word's nine levels
        ("0", "-7", None, "0"),
        ("0", "99999999999999999999", None, "0"),
    ],
)
def test_docx_bad_numbering_values_are_read_not_crashed(ilvl, start, override, para_ilvl):
    numbering = list_numbering(start=start, override=override).replace('w:ilvl="0"><w:start', f'w:ilvl="{ilvl}"><w:start')
    body = para(TITLE) + para("主要举措和成效", num=("1", para_ilvl)) + "".join(para(t) for t in BODY[1:])
    got = texts(make_docx(document_xml(body), numbering=numbering))
    assert got[0] == TITLE and got[1].endswith("主要举措和成效")


def test_docx_list_starting_at_1000_in_chinese_counting():
    data = make_docx(
        document_xml(para(TITLE) + para("主要举措和成效", num=("1", "0"))), numbering=list_numbering(start="1000")
    )
    got = texts(data)
    assert got == [TITLE, "1000、主要举措和成效"]


def test_docx_roman_list_starting_at_a_trillion_is_bounded():
    numbering = list_numbering(fmt="upperRoman", text="%1.", start=str(10**12))
    data = make_docx(document_xml(para(TITLE) + para("主要举措", num=("1", "0"))), numbering=numbering)
    got = texts(data)
    assert got[1] == "32767.主要举措"  # Word's largest start value, in digits (no Roman numeral that long)


def test_docx_roman_and_letters_as_word_writes_them():
    numbering = numbering_xml(
        '<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="27"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    body = para(TITLE) + para("甲", num=("1", "0")) + para("乙", num=("1", "1")) + para("丙", num=("1", "0"))
    assert texts(make_docx(document_xml(body), numbering=numbering)) == [TITLE, "IV.甲", "aa)乙", "V.丙"]


# --------------------------------------------------------------------------- .docx: package and XML


def test_docx_document_without_body():
    data = make_docx('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    assert "no body" in read_error(data, "r.docx")


def test_docx_wrong_root_element():
    data = make_docx(document_xml(para(TITLE), root="w:styles"))
    assert "holds <styles>, not <w:document>" in read_error(data, "r.docx")


def test_docx_styles_missing_from_content_types_still_read_with_styles():
    styles = styles_xml('<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/></w:style>')
    body = para(TITLE) + para("主要举措和成效", style="H1") + "".join(para(t) for t in BODY[1:])
    data = make_docx(document_xml(body), styles=styles, types='<?xml version="1.0"?><Types xmlns="x"/>')
    doc, _ = within(20, read_bytes, data, "r.docx")
    assert [ln.heading_level for ln in doc.lines[:2]] == [None, 1]


def _damaged(kind: str) -> bytes:
    """An archive whose word/document.xml fails its CRC check, or whose deflate stream is corrupt."""
    if kind == "crc":  # a stored member with one character changed after the CRC was computed
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
            z.writestr("word/document.xml", document_xml(para(TITLE)))
        raw = bytearray(out.getvalue())
        at = raw.index("报告".encode())
        raw[at : at + 3] = "抱".encode()
        return bytes(raw)
    data = make_docx(document_xml("".join(para(t) for t in [TITLE, *BODY]) * 5))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw = bytearray(data)
    raw[start + info.compress_size // 2 : start + info.compress_size // 2 + 40] = b"\xff" * 40
    return bytes(raw)


@pytest.mark.parametrize("kind", ["crc", "deflate"])
def test_docx_member_with_bad_crc_or_corrupt_deflate(kind):
    message = read_error(_damaged(kind), "r.docx")
    assert message.startswith("corrupt .docx file: word/document.xml"), message


def test_docx_style_based_on_itself_and_cycles_terminate():
    styles = styles_xml(
        '<w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="A"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="C"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="C"><w:name w:val="heading 1"/><w:basedOn w:val="B"/></w:style>'
    )
    body = para(TITLE, style="A") + para("主要举措和成效", style="B") + para("正文。", style="A")
    doc, _ = within(20, read_bytes, make_docx(document_xml(body), styles=styles), "r.docx")
    assert [ln.heading_level for ln in doc.lines] == [None, 1, None]


def test_docx_100k_paragraphs_read_fast():
    styles = styles_xml(
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body"/><w:basedOn w:val="Normal"/></w:style>'
    )
    body = para(TITLE) + para("正文段落。", style="Body") * 100_000
    data = make_docx(document_xml(body), styles=styles)
    doc, seconds = within(60, read_bytes, data, "r.docx")
    assert len(doc.lines) == 100_001
    assert seconds < 20, seconds  # was 31 s on an idle machine


def test_long_document_linted_in_linear_time():
    """The whole pipeline, not only the reader (the addressee rule used to be quadratic in lines)."""
    data = make_docx(document_xml(para(TITLE) + "".join(para(t) for t in BODY) + para("正文段落。") * 20_000))
    result, seconds = within(120, lint_file, "r.docx", OPTIONS, data)
    assert result.error is None and seconds < 30, seconds


# --------------------------------------------------------------------------- .docx: Word as drafters use it


def _report(measures: str) -> bytes:
    body = para(TITLE) + measures + "".join(para(t) for t in BODY[1:])
    return make_docx(document_xml(body))


def test_docx_tracked_insertions_read_and_deletions_ignored():
    inner = (
        run("一、2023年主要")
        + '<w:del w:id="1" w:author="a"><w:r><w:delText>删掉的</w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="a">' + run("举措和成效") + "</w:ins>"
    )
    assert texts(_report(para("", inner=inner)))[1] == "一、2023年主要举措和成效"


def test_docx_content_controls_block_and_inline_read():
    inline = '<w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent>' + run("主要举措和成效") + "</w:sdtContent></w:sdt>"
    block = "<w:sdt><w:sdtContent>" + para("", inner=run("一、2023年") + inline) + "</w:sdtContent></w:sdt>"
    assert texts(_report(block))[1] == "一、2023年主要举措和成效"


def test_docx_fields_and_hyperlinks_read_but_not_field_codes():
    inner = (
        '<w:fldSimple w:instr=" DOCPROPERTY x ">' + run("一、") + "</w:fldSimple>"
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \\@ "yyyy" </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("2023年")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + '<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        + run("主要举措和成效") + "</w:hyperlink>"
    )
    assert texts(_report(para("", inner=inner)))[1] == "一、2023年主要举措和成效"


def test_docx_comments_never_read_as_text():
    inner = (
        '<w:commentRangeStart w:id="0"/>' + run("一、2023年主要举措和成效") + '<w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r>'
    )
    comments = (
        '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:comment w:id="0" w:author="审核"><w:p><w:r><w:t>三、缺少第一责任人部分</w:t></w:r></w:p></w:comment></w:comments>'
    )
    data = make_docx(
        document_xml(para(TITLE) + para("", inner=inner) + "".join(para(t) for t in BODY[1:])),
        extra={"word/comments.xml": comments},
    )
    got = texts(data)
    assert got[1] == "一、2023年主要举措和成效" and not any("缺少" in t for t in got)


def test_docx_table_of_contents_is_not_read_as_headings():
    styles = styles_xml('<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>')
    toc = "".join(para(f"{t}\t1", style="TOC1") for t in BODY if t[1] == "、")
    data = make_docx(document_xml(para(TITLE) + toc + "".join(para(t) for t in BODY)), styles=styles)
    result = lint_document(within(20, read_bytes, data, "r.docx")[0], OPTIONS)
    assert [f.rule for f in result.findings if f.rule in ("duplicate-section", "section-order")] == []


def test_docx_automatic_number_kept_apart_from_a_year():
    numbering = list_numbering(fmt="decimal", text="%1.")
    body = para(TITLE)
    for line in BODY:
        if line[1] == "、":  # 一、2023年主要举措和成效 → automatic 「1.」 + 「2023年主要举措和成效」
            body += para(line[2:], num=("1", "0"))
        else:
            body += para(line)
    data = make_docx(document_xml(body), numbering=numbering)
    result = lint_document(within(20, read_bytes, data, "r.docx")[0], OPTIONS)
    tops = [(h.marker, h.text) for h in result.outline.top_level()]
    assert tops[0] == ("1.", "2023年主要举措和成效"), tops
    assert len(tops) == 4
    assert not [f for f in result.findings if f.rule == "missing-section"]


def test_docx_every_failure_is_a_read_error_through_lint_file():
    result = lint_file("r.docx", OPTIONS, data=_damaged("deflate"))
    assert result.error and result.error.startswith("corrupt .docx file")


# --------------------------------------------------------------------------- HTML


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>某县人民政府</title></head><body>{body}</body></html>"


def report_page(wrap_depth: int = 0, tag: str = "div") -> str:
    article = "".join(f"<p>{t}</p>" for t in [TITLE, *BODY])
    return page(f"<{tag}>" * wrap_depth + article + f"</{tag}>" * wrap_depth)


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_html_nested_deeply_is_read(depth):
    got = texts(report_page(depth).encode("utf-8"), "r.html")
    assert got == [TITLE, *BODY]


def test_html_unclosed_tags_nested_deeply_are_read():
    data = page("<div><span>" * 20_000 + "".join(f"<p>{t}" for t in [TITLE, *BODY])).encode("utf-8")
    assert texts(data, "r.html") == [TITLE, *BODY]


@pytest.mark.parametrize("charset", ["undefined", "punycode", "base64", "x-no-such-charset", "utf-7"])
def test_html_meta_charset_that_is_no_text_charset_is_ignored(charset):
    data = report_page().replace("<head>", f'<head><meta charset="{charset}">').encode("utf-8")
    doc, _ = within(20, read_bytes, data, "r.html")
    assert [ln.text for ln in doc.lines] == [TITLE, *BODY]
    assert doc.encoding == f"utf-8 (declared {charset})"


def test_html_utf8_page_declaring_latin1_is_not_mojibake():
    data = report_page().replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    doc, _ = within(20, read_bytes, data.encode("utf-8"), "r.html")
    assert [ln.text for ln in doc.lines] == [TITLE, *BODY]
    assert doc.encoding == "utf-8 (declared iso-8859-1)"


def test_html_gbk_page_declaring_utf8_is_detected():
    data = report_page().replace("<head>", '<head><meta charset="utf-8">').encode("gb18030")
    doc, _ = within(20, read_bytes, data, "r.htm")
    assert [ln.text for ln in doc.lines] == [TITLE, *BODY]
    assert doc.encoding.endswith("(declared utf-8)")


def test_html_one_line_with_many_paragraphs_is_linear():
    data = page("<p>一、正文" * 150_000).encode("utf-8")
    doc, seconds = within(120, read_bytes, data, "r.html")
    assert len(doc.lines) == 150_000 and seconds < 40, seconds


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("r.txt", "一、正文\n".encode() * 250_000),
        ("r.html", page("<p>一、" * 600_000).encode("utf-8")),
    ],
)
def test_too_many_lines_refused_quickly(name, data):
    message = read_error(data, name)
    assert message.startswith("too many lines"), message


def test_html_pre_keeps_its_lines():
    text = "\n".join([TITLE, *BODY])
    data = page(f'<pre style="white-space: pre-wrap">{text}\n</pre>').encode("utf-8")
    doc, _ = within(20, read_bytes, data, "r.html")
    assert [ln.text for ln in doc.lines] == [TITLE, *BODY]
    assert [ln.lineno for ln in doc.lines] == list(range(1, len(BODY) + 2))
    result = lint_document(doc, OPTIONS)
    assert len(result.outline.top_level()) == 4 and result.findings == []


# --------------------------------------------------------------------------- text


def damage_findings(data: bytes, name: str = "r.txt"):
    result = lint_file(name, OPTIONS, data=data)
    assert result.error is None, result.error
    return result, [f for f in result.findings if f.rule == "encoding-damage"]


def test_text_with_one_bad_byte_is_read_with_one_warning():
    good = "\n".join([TITLE, *BODY]).encode("utf-8")
    at = good.index("召开".encode())
    result, (finding,) = damage_findings(good[:at] + b"\xe5\x8f" + good[at + 3 :])
    lineno = [TITLE, *BODY].index(next(t for t in BODY if "召开" in t)) + 1
    assert (finding.line, finding.column) == (lineno, BODY[lineno - 2].index("召开") + 1)
    assert finding.severity == "warning"
    assert finding.message.startswith(f"1 character could not be decoded and read as \ufffd ({lineno}:")
    assert result.document.encoding == "utf-8"
    assert not [f for f in result.findings if f.rule == "missing-section"]


def test_text_cut_inside_its_last_character():
    data = ("\n".join([TITLE, *BODY]) + "。").encode("utf-8")[:-1]
    _, (finding,) = damage_findings(data)
    assert finding.line == len(BODY) + 1 and "1 character" in finding.message


def test_text_many_places_named_with_a_count():
    lines = [TITLE, *BODY]
    data = "\n".join(lines).encode("utf-8").replace("法治".encode(), "法".encode() + b"\xe6\xb2")
    _, (finding,) = damage_findings(data)
    count = "\n".join(lines).count("法治")
    assert finding.message.startswith(f"{count} characters could not be decoded")
    assert finding.message.count(":") >= 3 and "…" in finding.message


def test_gb18030_text_with_a_bad_byte():
    data = "\n".join([TITLE, *BODY]).encode("gb18030")
    at = data.index("召开".encode("gb18030"))
    result, (finding,) = damage_findings(data[:at] + b"\xff" + data[at + 2 :])
    assert result.document.encoding == "gb18030"
    assert "read as gb18030" in finding.message


def test_big5_text_with_a_bad_byte_is_not_read_as_gb18030():
    from lint.rules.examples import GOOD_TRADITIONAL

    data = GOOD_TRADITIONAL.encode("big5")
    at = data.index("召開".encode("big5"))
    result, (finding,) = damage_findings(data[:at] + b"\xff" + data[at + 2 :])
    assert result.document.encoding == "big5" and "read as big5" in finding.message
    assert not [f for f in result.findings if f.rule == "missing-section"]


def test_text_mostly_undecodable_is_still_refused():
    data = bytes(range(0x80, 0x100)) * 40
    result = lint_file("r.txt", OPTIONS, data=data)
    assert result.error and "cannot detect the text encoding" in result.error


def test_encoding_damage_in_chinese():
    data = "\n".join([TITLE, *BODY]).encode("utf-8")[:-1]
    result = lint_file("r.txt", Options(OPTIONS.checklist), data=data)
    (finding,) = [f for f in result.findings if f.rule == "encoding-damage"]
    assert finding.message.startswith("1 处字符无法解码")


def test_replacement_characters_written_in_the_file_are_not_called_undecodable():
    """A U+FFFD in valid UTF-8 (or in a .docx) was lost by an earlier conversion: nothing failed to decode now."""
    text = "\n".join([TITLE, *BODY]).replace("召开", "召\ufffd", 1)
    result, (finding,) = damage_findings(text.encode("utf-8"))
    assert not result.document.undecodable
    assert finding.message.startswith("The file holds 1 replacement character \ufffd (")
    assert "could not be decoded" not in finding.message and "earlier conversion" in finding.message
    result = lint_file("r.txt", Options(OPTIONS.checklist), data=text.encode("utf-8"))
    (finding,) = [f for f in result.findings if f.rule == "encoding-damage"]
    assert finding.message.startswith("文件中有 1 个替换字符") and "无法解码" not in finding.message
    _, (finding,) = damage_findings(docx_bytes(text.split("\n")), "r.docx")
    assert finding.message.startswith("The file holds 1 replacement character")


def test_replacement_characters_in_a_pdf_are_glyphs_extraction_could_not_map():
    text = "\n".join([TITLE, *BODY]).replace("召开", "召\ufffd", 1)
    doc = read_bytes(text.encode("utf-8"), "r.txt")
    doc.format = "pdf"  # what the PDF reader gives for a glyph without a text mapping
    (finding,) = [f for f in lint_document(doc, Options(OPTIONS.checklist)).findings if f.rule == "encoding-damage"]
    assert finding.message.startswith("PDF 中有 1 个字符提取为「\ufffd」") and "转换" not in finding.message


def test_docx_only_the_paragraphs_own_toc_style_hides_it():
    styles = styles_xml(
        '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="Mine"/><w:basedOn w:val="TOC1"/></w:style>'
    )
    body = para(TITLE, style="TOC1") + para("一、主要举措", style="Mine")
    assert texts(make_docx(document_xml(body), styles=styles)) == ["一、主要举措"]
