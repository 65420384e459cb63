"""Helpers for tests that look inside .docx packages: comments, their anchors, paragraphs."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def text_rules() -> list[str]:
    """Every rule but the page-layout ones: the test documents here are about text, not about layout."""
    from lint.rules import all_rules

    return sorted(r for r in all_rules() if not r.startswith("layout-"))


#: ``--select`` value for the CLI: the text rules.
TEXT_RULES = ",".join(text_rules())


def part(data: bytes, name: str = "word/document.xml") -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def paragraphs(data: bytes) -> list:
    return list(etree.fromstring(part(data)).iter(f"{W}p"))


def anchored(data: bytes) -> dict[str, str]:
    """Comment id → the document text between its commentRangeStart and commentRangeEnd."""
    root = etree.fromstring(part(data))
    out: dict[str, str] = {}
    open_: dict[str, list[str]] = {}
    for el in root.iter():
        if el.tag == f"{W}commentRangeStart":
            open_[el.get(f"{W}id")] = []
        elif el.tag == f"{W}commentRangeEnd":
            out[el.get(f"{W}id")] = "".join(open_.pop(el.get(f"{W}id")))
        elif el.tag == f"{W}t":
            for pieces in open_.values():
                pieces.append(el.text or "")
    return out


def comments(data: bytes) -> list:
    """The comments as python-docx reads them back."""
    import docx

    return list(docx.Document(io.BytesIO(data)).comments)


def by_text(data: bytes) -> dict[str, str]:
    """Comment text → anchored text (the first line of each comment is unique enough in tests)."""
    anchors = anchored(data)
    return {c.text: anchors.get(str(c.comment_id), "") for c in comments(data)}


def rich_docx(lines: list[str], split: dict[str, int] | None = None) -> bytes:
    """A .docx with one paragraph per line; a line containing a key of ``split`` is cut into two runs
    after that many characters of the key: the first bold, the second in 楷体 and red."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    document = docx.Document()
    for line in lines:
        p = document.add_paragraph()
        cut = None
        for key, k in (split or {}).items():
            at = line.find(key)
            if at >= 0:
                cut = at + k
                break
        if cut is None:
            p.add_run(line)
            continue
        first = p.add_run(line[:cut])
        first.bold = True
        second = p.add_run(line[cut:])
        second.font.color.rgb = RGBColor(0xC0, 0, 0)
        second._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "楷体")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
