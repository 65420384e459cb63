"""Inputs for the readers' robustness tests and the fuzzer (benchmarks/fuzz.py).

``make_docx`` builds a .docx archive from raw XML parts, so a test can write
exactly the markup it needs.  The hypothesis strategies at the end generate
whole input files — ``(file name, bytes)`` — for every reader: text in many
encodings with damaged bytes, Markdown, HTML pages with odd nesting and
charsets, .docx archives built from mutated XML parts, and mutated PDFs.  The
normal test suite runs a few of each; the fuzzer runs them for minutes.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from hypothesis import strategies as st

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def content_types(styles: bool = True, numbering: bool = True) -> str:
    parts = [f'<Override PartName="/word/document.xml" ContentType="{_CT_MAIN}.document.main+xml"/>']
    if styles:
        parts.append(f'<Override PartName="/word/styles.xml" ContentType="{_CT_MAIN}.styles+xml"/>')
    if numbering:
        parts.append(f'<Override PartName="/word/numbering.xml" ContentType="{_CT_MAIN}.numbering+xml"/>')
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(parts) + "</Types>"
    )


def _rels(targets: dict[str, str]) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_OFFICE}/{kind}" Target="{target}"/>'
            for i, (kind, target) in enumerate(targets.items(), start=1)
        )
        + "</Relationships>"
    )


def document_xml(body: str, root: str = "w:document") -> str:
    """A main document part whose body holds ``body`` (WordprocessingML, ``w:`` prefix)."""
    return f'<?xml version="1.0" encoding="UTF-8"?><{root} xmlns:w="{W_NS}"><w:body>{body}</w:body></{root}>'


def styles_xml(styles: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">{styles}</w:styles>'


def numbering_xml(content: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">{content}</w:numbering>'


def make_docx(
    document: str | bytes,
    styles: str | bytes | None = None,
    numbering: str | bytes | None = None,
    types: str | bytes | None = None,
    extra: dict[str, str | bytes] | None = None,
) -> bytes:
    """A .docx archive from raw parts: ``document`` is the whole word/document.xml."""
    out = io.BytesIO()
    targets = {"styles": "styles.xml"} if styles is not None else {}
    if numbering is not None:
        targets["numbering"] = "numbering.xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            types if types is not None else content_types(styles is not None, numbering is not None),
        )
        z.writestr("_rels/.rels", _rels({"officeDocument": "word/document.xml"}))
        z.writestr("word/_rels/document.xml.rels", _rels(targets))
        z.writestr("word/document.xml", document)
        if styles is not None:
            z.writestr("word/styles.xml", styles)
        if numbering is not None:
            z.writestr("word/numbering.xml", numbering)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def para(text: str, style: str | None = None, num: tuple[str, str] | None = None, inner: str | None = None) -> str:
    """A paragraph: ``num`` is (numId, ilvl) as written in the file; ``inner`` replaces the plain run."""
    ppr = ""
    if style is not None or num is not None:
        ppr = "<w:pPr>"
        if style is not None:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num is not None:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}{inner if inner is not None else run(text)}</w:p>"


def run(text: str) -> str:
    from xml.sax.saxutils import escape

    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def list_numbering(fmt: str = "chineseCounting", text: str = "%1、", start: str = "1", override: str | None = None) -> str:
    """numbering.xml with one list (numId 1) of one level."""
    over = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{override}"/></w:lvlOverride>' if override else ""
    )
    return numbering_xml(
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{over}</w:num>'
    )


#: A short report that passes the default checklist's structure (from the rules' examples).
def report_lines() -> list[str]:
    from lint.rules.examples import GOOD

    return [line for line in GOOD.split("\n") if line.strip()]


# --------------------------------------------------------------------------- hypothesis strategies
#
# Every strategy below draws a whole input file: (file name, bytes).  They start from report-like
# content (so the outline and rules run too, not only the decoders) and damage it in the ways
# issue #15 found: odd numbers, cycles, deep nesting, bogus charsets, bad bytes, corrupt archives.

_LINES = [
    "2023年法治政府建设情况报告",
    "县委、县政府：",
    "一、2023年主要举措和成效",
    "（一）加强组织领导。全年召开法治专题会议4次。",
    "1.2023年完善制度",
    "二、存在的不足和原因",
    "一是执法队伍专业化程度不高。主要原因是培训不够系统。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "四、2024年工作安排",
    "二〇二四年一月五日",
    "鎮(zhèn)政府??法治",
    "[bookmark: _GoBack]",
    "一、本年新收申请数量\t12\t3",
]
_ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"]
_CHARSETS = [
    "utf-8", "gbk", "gb2312", "big5", "iso-8859-1", "windows-1252", "undefined", "punycode", "base64",
    "utf-7", "rot13", "idna", "x-user-defined", "", "utf-16", "zlib", "hex",
]  # fmt: skip

lines = st.lists(st.one_of(st.sampled_from(_LINES), st.text(max_size=40)), min_size=0, max_size=25)


@st.composite
def mutated(draw, data: bytes, max_ops: int = 4) -> bytes:
    """``data`` with a few bytes flipped, inserted or deleted, or cut short."""
    out = bytearray(data)
    for _ in range(draw(st.integers(0, max_ops))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        if op == "flip":
            out[at] = draw(st.integers(0, 255))
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del out[at : at + draw(st.integers(1, 16))]
        elif op == "truncate":
            del out[at:]
        else:
            out[at:at] = bytes(out[at : at + draw(st.integers(1, 64))]) * draw(st.integers(1, 50))
    return bytes(out)


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@st.composite
def text_files(draw, suffix: str = ".txt") -> tuple[str, bytes]:
    """Report-like text in any encoding, with line ends of any kind and damaged bytes."""
    content = draw(lines)
    if suffix == ".md":
        content = [
            draw(st.sampled_from(["", "# ", "## ", "**", "<!-- reportlint-disable -->\n", "####### "])) + ln
            for ln in content
        ]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(content)
    data = _encode(text, draw(st.sampled_from(_ENCODINGS)))
    return "r" + suffix, draw(mutated(data))


_TAGS = ["div", "p", "span", "table", "tr", "td", "pre", "h1", "br", "nav", "script", "font", "li", "ul", "b"]


@st.composite
def html_files(draw) -> tuple[str, bytes]:
    """Web pages: tag soup around report lines, deep or unclosed nesting, any declared charset."""
    parts: list[str] = []
    for line in draw(lines):
        tag = draw(st.sampled_from(_TAGS))
        attrs = draw(st.sampled_from(["", ' class="nav"', ' class="article-title"', ' id="content"', " x=<"]))
        closing = draw(st.sampled_from([f"</{tag}>", "", "</div>", "</p></p>"]))
        parts.append(f"<{tag}{attrs}>{line}{closing}")
    depth = draw(st.sampled_from([0, 0, 0, 10, 300, 3000]))
    wrap = draw(st.sampled_from(_TAGS))
    body = f"<{wrap}>" * depth + "".join(parts) + draw(st.sampled_from(["", f"</{wrap}>" * depth]))
    if draw(st.booleans()):
        body = "<pre>" + "\n".join(draw(lines)) + "</pre>" + body
    charset = draw(st.sampled_from(_CHARSETS))
    head = f'<meta charset="{charset}">' if charset else ""
    page = f"<!DOCTYPE html><html><head>{head}<title>某县人民政府</title></head><body>{body}</body></html>"
    data = _encode(page, draw(st.sampled_from(_ENCODINGS)))
    return draw(st.sampled_from(["r.html", "r.htm"])), draw(mutated(data))


_NUMBERS = ["0", "1", "2", "9", "10", "-1", "x", "", "1.5", "1000", str(10**12), "99999999999999999999", " 3 "]
_FORMATS = [
    "decimal", "chineseCounting", "upperRoman", "lowerRoman", "lowerLetter", "decimalEnclosedCircle",
    "bullet", "none", "ideographDigital", "garbage",
]  # fmt: skip
_LVL_TEXT = ["%1、", "（%1）", "%1.", "%1.%2.", "%9", "%0", "%%1", "第%1章", "", "%1%1%1%1%1%1%1%1"]
_STYLE_NAMES = ["heading 1", "Heading 2", "标题 3", "Title", "toc 1", "Normal", "heading 10", "x"]
_STYLE_IDS = ["S0", "S1", "S2", "S3", "Missing"]


@st.composite
def _run_markup(draw, text: str) -> str:
    from xml.sax.saxutils import escape

    t = escape(text)
    kind = draw(
        st.sampled_from(["plain", "ins", "del", "sdt", "fldSimple", "field", "hyperlink", "tab", "comment", "smart"])
    )
    r = f'<w:r><w:t xml:space="preserve">{t}</w:t></w:r>'
    return {
        "plain": r,
        "ins": f'<w:ins w:id="1" w:author="a">{r}</w:ins>',
        "del": f'<w:del w:id="2" w:author="a"><w:r><w:delText>{t}</w:delText></w:r></w:del>',
        "sdt": f"<w:sdt><w:sdtPr/><w:sdtContent>{r}</w:sdtContent></w:sdt>",
        "fldSimple": f'<w:fldSimple w:instr="PAGE">{r}</w:fldSimple>',
        "field": '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \\o</w:instrText></w:r>'
        + draw(st.sampled_from(['<w:r><w:fldChar w:fldCharType="separate"/></w:r>', ""]))
        + r
        + draw(st.sampled_from(['<w:r><w:fldChar w:fldCharType="end"/></w:r>', ""])),
        "hyperlink": f"<w:hyperlink>{r}</w:hyperlink>",
        "tab": f"<w:r><w:tab/><w:br/><w:br w:type=\"page\"/><w:cr/>{r[5:]}",
        "comment": f'<w:commentRangeStart w:id="0"/>{r}<w:r><w:commentReference w:id="0"/></w:r>',
        "smart": f'<w:smartTag w:uri="u" w:element="e">{r}</w:smartTag>',
    }[kind]


@st.composite
def _paragraph(draw) -> str:
    text = draw(st.one_of(st.sampled_from(_LINES), st.text(max_size=20)))
    text = "".join(ch for ch in text if ch in "\t\n\r" or (" " <= ch and ch not in "\ufffe\uffff" and not "\ud800" <= ch <= "\udfff"))
    ppr = ""
    if draw(st.booleans()):
        style = draw(st.sampled_from(_STYLE_IDS))
        num = (
            f'<w:numPr><w:ilvl w:val="{draw(st.sampled_from(_NUMBERS))}"/>'
            f'<w:numId w:val="{draw(st.sampled_from(["0", "1", "2", "7", "x"]))}"/></w:numPr>'
            if draw(st.booleans())
            else ""
        )
        outline = f'<w:outlineLvl w:val="{draw(st.sampled_from(_NUMBERS))}"/>' if draw(st.booleans()) else ""
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/>{num}{outline}</w:pPr>'
    split = draw(st.integers(0, len(text)))
    inner = draw(_run_markup(text[:split])) + draw(_run_markup(text[split:]))
    return f"<w:p>{ppr}{inner}</w:p>"


@st.composite
def docx_files(draw) -> tuple[str, bytes]:
    """.docx archives built from generated XML parts (numbering, styles with cycles, tracked changes,
    fields, content controls, tables), then possibly damaged: an XML part cut or the zip bytes mutated."""
    blocks = []
    for _ in range(draw(st.integers(0, 12))):
        block = draw(_paragraph())
        shape = draw(st.sampled_from(["p", "p", "p", "sdt", "tbl", "deep-sdt"]))
        if shape == "sdt":
            block = f"<w:sdt><w:sdtContent>{block}</w:sdtContent></w:sdt>"
        elif shape == "tbl":
            block = f"<w:tbl><w:tr><w:tc>{block}</w:tc><w:tc>{block}</w:tc></w:tr></w:tbl>"
        elif shape == "deep-sdt":
            block = "<w:sdt><w:sdtContent>" * 500 + block + "</w:sdtContent></w:sdt>" * 500
        blocks.append(block)
    root = draw(st.sampled_from(["w:document"] * 8 + ["w:styles", "w:body"]))
    document = document_xml("".join(blocks), root=root)
    if draw(st.integers(0, 9)) == 0:
        document = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"/>'
    styles = None
    if draw(st.booleans()):
        entries = []
        for style_id in _STYLE_IDS[:4]:
            based = draw(st.sampled_from(_STYLE_IDS + [None]))
            default = ' w:default="1"' if draw(st.integers(0, 4)) == 0 else ""
            entries.append(
                f'<w:style w:type="paragraph" w:styleId="{style_id}"{default}>'
                f'<w:name w:val="{draw(st.sampled_from(_STYLE_NAMES))}"/>'
                + (f'<w:basedOn w:val="{based}"/>' if based else "")
                + (
                    f'<w:pPr><w:numPr><w:ilvl w:val="{draw(st.sampled_from(_NUMBERS))}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                    if draw(st.booleans())
                    else ""
                )
                + "</w:style>"
            )
        styles = styles_xml("".join(entries))
    numbering = None
    if draw(st.booleans()):
        levels = "".join(
            f'<w:lvl w:ilvl="{draw(st.sampled_from(_NUMBERS))}"><w:start w:val="{draw(st.sampled_from(_NUMBERS))}"/>'
            f'<w:numFmt w:val="{draw(st.sampled_from(_FORMATS))}"/><w:lvlText w:val="{draw(st.sampled_from(_LVL_TEXT))}"/></w:lvl>'
            for _ in range(draw(st.integers(0, 4)))
        )
        override = (
            f'<w:lvlOverride w:ilvl="{draw(st.sampled_from(_NUMBERS))}"><w:startOverride w:val="{draw(st.sampled_from(_NUMBERS))}"/></w:lvlOverride>'
            if draw(st.booleans())
            else ""
        )
        numbering = numbering_xml(
            f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{override}</w:num>'
            f'<w:num w:numId="2"><w:abstractNumId w:val="9"/></w:num>'
        )
    types = None if draw(st.booleans()) else content_types(styles=False, numbering=False)
    parts = {"document": document, "styles": styles, "numbering": numbering}
    cut = draw(st.sampled_from([None] * 6 + ["document", "styles", "numbering"]))
    if cut and parts[cut]:
        text = parts[cut]
        at = draw(st.integers(0, len(text)))
        parts[cut] = text[:at] + text[at + draw(st.integers(1, 40)) :]
    data = make_docx(parts["document"], parts["styles"], parts["numbering"], types=types)
    if draw(st.integers(0, 4)) == 0:
        data = draw(mutated(data, max_ops=2))
    return "r.docx", data


@lru_cache(maxsize=1)
def _base_pdf() -> bytes:
    from tests.fixtures import pdf_bytes

    return pdf_bytes(_LINES[:9])


@st.composite
def pdf_files(draw) -> tuple[str, bytes]:
    """A small report as PDF, with bytes flipped, inserted, deleted or cut."""
    return "r.pdf", draw(mutated(_base_pdf(), max_ops=6))


#: Every reader's strategy, by the name the fuzzer and the tests use.
STRATEGIES = {
    "txt": text_files(".txt"),
    "md": text_files(".md"),
    "html": html_files(),
    "docx": docx_files(),
    "pdf": pdf_files(),
}
