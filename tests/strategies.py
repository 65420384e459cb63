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
