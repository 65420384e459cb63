"""Word (.docx) reader: paragraphs in order, heading styles, automatic list numbering.

Tables are kept out of the outline: each row becomes a line of tab-separated
cells, which the outline treats as body text.  A heading numbered by Word's automatic
list numbering has no 「一、」 in its text: the label is rebuilt from
numbering.xml (``chineseCounting`` with ``%1、`` gives 「一、」) and put in
front of the text.  Locations are paragraph numbers (¶).  The archive is
checked before python-docx inflates it: members too large for a report
(zip bombs) and XML entity declarations are refused.
"""

from __future__ import annotations

import io
import re
import zipfile

from lint.document import Document, Line
from lint.normalize import BLANKS, clean_line, finish_lines
from lint.outline import cn_numeral
from lint.readers import ReadError

#: Largest uncompressed size accepted for one part of the archive, and for all of it.
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _check_archive(data: bytes) -> None:
    if data.startswith(b"%PDF"):
        raise ReadError("is a PDF file, not a Word document", "是 PDF 文件，不是 Word 文档")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError(
            "is an old binary Word (.doc) file; save it as .docx", "是旧版 Word（.doc）文件，请另存为 .docx"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError(
            "not a valid .docx file (not a zip archive)", "不是有效的 .docx 文件（不是 zip 压缩包）"
        ) from None
    with archive:
        names = archive.namelist()
        if "word/document.xml" not in names:
            raise ReadError(
                "not a Word document (no word/document.xml)", "不是 Word 文档（缺少 word/document.xml）"
            )
        total = 0
        for info in archive.infolist():
            total += info.file_size
            if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
                mb = info.file_size // (1024 * 1024)
                raise ReadError(
                    f"{info.filename} expands to {mb} MB (limit {MAX_PART_BYTES // (1024 * 1024)} MB); refused",
                    f"{info.filename} 解压后 {mb} MB（上限 {MAX_PART_BYTES // (1024 * 1024)} MB），拒绝读取",
                )
        for name in names:
            if name.endswith(".xml"):
                with archive.open(name) as fh:
                    head = fh.read(64 * 1024)
                if b"<!ENTITY" in head or b"<!DOCTYPE" in head:
                    raise ReadError(
                        f"{name} declares XML entities (refused: possible entity bomb)",
                        f"{name} 含有 XML 实体声明（可能是实体炸弹），拒绝读取",
                    )


# --------------------------------------------------------------------------- numbering


def _format_number(value: int, fmt: str) -> str | None:
    if fmt in ("decimal", "decimalZero", "decimalHalfWidth", "decimalFullWidth"):
        return str(value)
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "japaneseCounting",
        "ideographDigital",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return cn_numeral(value)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[value - 1] if 0 < value <= len(_CIRCLED) else str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return None  # bullets and unknown formats give no label


def _roman(value: int) -> str:
    out = ""
    for n, s in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= n:
            out += s
            value -= n
    return out


class _Numbering:
    """Computes the labels Word shows for automatically numbered paragraphs."""

    def __init__(self, document) -> None:
        self.levels: dict[
            str, dict[int, tuple[int, str, str]]
        ] = {}  # abstractNumId → ilvl → (start, fmt, text)
        self.nums: dict[str, str] = {}  # numId → abstractNumId
        self.starts: dict[tuple[str, int], int] = {}  # (numId, ilvl) → start override
        self.counters: dict[str, list[int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for absnum in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in absnum.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                start = lvl.find(f"{_W}start")
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                levels[ilvl] = (
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                )
            self.levels[absnum.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            abs_id = num.find(f"{_W}abstractNumId")
            if abs_id is None:
                continue
            num_id = num.get(f"{_W}numId")
            self.nums[num_id] = abs_id.get(f"{_W}val")
            for override in num.iter(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    self.starts[(num_id, int(override.get(f"{_W}ilvl", "0")))] = int(
                        start.get(f"{_W}val", "1")
                    )

    def label(self, num_id: str, ilvl: int) -> str | None:
        abs_id = self.nums.get(num_id)
        levels = self.levels.get(abs_id) if abs_id is not None else None
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(abs_id, [None] * 10)
        start = self.starts.get((num_id, ilvl), levels[ilvl][0])
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        _, fmt, text = levels[ilvl]
        if _format_number(1, fmt) is None:
            return None

        def repl(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            value = counters[k] if k < len(counters) and counters[k] is not None else levels.get(k, (1,))[0]
            return _format_number(value, levels.get(k, (1, fmt, ""))[1]) or ""

        return re.sub(r"%([1-9])", repl, text)


def _num_pr(paragraph) -> tuple[str, int] | None:
    """(numId, ilvl) from the paragraph's properties or its style chain."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        if ppr is None or ppr.numPr is None:
            continue
        num_id = ppr.numPr.numId
        if num_id is None:
            continue
        ilvl = ppr.numPr.ilvl
        return str(num_id.val), int(ilvl.val) if ilvl is not None else 0
    return None


def _heading_level(paragraph) -> int | None:
    """Level declared by a heading style or an outline level; 0 for the Title style."""
    style = paragraph.style
    while style is not None:
        name = style.name or ""
        if _TITLE_STYLE.match(name):
            return 0
        m = _HEADING_STYLE.match(name)
        if m:
            return int(m.group(1))
        style = style.base_style
    for ppr in (paragraph._p.pPr, paragraph.style.element.pPr if paragraph.style is not None else None):
        if ppr is None:
            continue
        outline = ppr.find(f"{_W}outlineLvl")
        if outline is not None:
            value = int(outline.get(f"{_W}val", "9"))
            if value < 9:
                return value + 1
    return None


def read(data: bytes, name: str) -> Document:
    _check_archive(data)
    import docx  # lazy: only .docx files pay for python-docx and lxml
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ReadError(f"corrupt .docx file: {reason}", f".docx 文件已损坏：{reason}") from None
    numbering = _Numbering(document)
    lines: list[Line] = []
    texts: list[str] = []
    body = document.element.body
    number = 0
    for child in body.iterchildren():
        if child.tag == f"{_W}tbl":
            # A table becomes one line per row, cells separated by tabs: body text, never headings.
            for row in child.iter(f"{_W}tr"):
                number += 1
                cells = [
                    "".join(t.text or "" for t in cell.iter(f"{_W}t")).strip() for cell in row.iter(f"{_W}tc")
                ]
                raw = "\t".join(cells)
                cleaned, artifacts, _ = clean_line(raw)
                lines.append(Line(number, 1, raw, cleaned, artifacts=artifacts, table=True))
                texts.append(lines[-1].text)
            continue
        if child.tag == f"{_W}p":
            elements = [child]
        elif child.tag == f"{_W}sdt":  # content controls hold paragraphs too
            elements = list(child.iter(f"{_W}p"))
        else:  # section properties and the like
            continue
        for element in elements:
            number += 1
            paragraph = Paragraph(element, document._body)
            raw = paragraph.text
            level = _heading_level(paragraph)
            num = _num_pr(paragraph)
            label = numbering.label(*num) if num else None
            cleaned, artifacts, _ = clean_line(raw)
            if label and cleaned:
                cleaned = label + cleaned
            column = len(raw) - len(raw.lstrip(BLANKS)) + 1 if cleaned else 1
            lines.append(Line(number, column, raw, cleaned, heading_level=level, artifacts=artifacts))
            texts.append(cleaned)
    if not any(texts):
        raise ReadError("no text in the document", "文档中没有文字")
    traditional = finish_lines(lines, texts)
    doc = Document(name, "docx", lines, encoding=None, traditional=traditional, location_unit="paragraph")
    try:
        from lint import layout

        doc.layout = layout.extract(document)
    except Exception:  # noqa: BLE001 - a layout the model cannot read never stops the text checks
        doc.layout = None
    return doc
