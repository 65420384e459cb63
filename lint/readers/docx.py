"""Word (.docx) reader: paragraphs in order, heading styles, automatic list numbering.

The package is read with lxml directly (python-docx's object model costs a
style lookup per paragraph and trusts the file too much): the main document
part, its styles and its numbering, each parsed once with entity resolution
and network access off.  Text is read as Word shows it to a drafter: tracked
insertions count and tracked deletions do not; content controls (block and
inline), hyperlinks, simple fields and the result of complex fields are read;
field codes, comments, drawings and text boxes are not; a table of contents
(paragraphs in the TOC styles) is not part of the outline.

Tables are kept out of the outline: each row becomes a line of tab-separated
cells, which the outline treats as body text.  A heading numbered by Word's
automatic list numbering has no 「一、」 in its text: the label is rebuilt from
numbering.xml (``chineseCounting`` with ``%1、`` gives 「一、」) and put in
front of the text, kept apart from text that starts with a digit
(「1. 2023年…」, not 「1.2023年…」).  Locations are paragraph numbers (¶).

Everything is bounded: the archive is checked before anything is inflated
(zip bombs, XML entity declarations), numbers are clamped to what Word
allows, style chains are followed with cycle detection, and the element tree
is walked with explicit stacks, never by recursion.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator

from lint.document import Document, Line
from lint.normalize import BLANKS, clean_line, finish_lines
from lint.outline import cn_numeral
from lint.readers import MAX_LINES, ReadError, too_many_lines

#: Largest uncompressed size accepted for one part of the archive, and for all of it.
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
#: Word's own limits: list levels 0–8, list start values 0–32767.
MAX_LEVEL = 8
MAX_START = 32767
#: Longest style inheritance chain followed (Word documents rarely go beyond 5).
MAX_STYLE_CHAIN = 32
_NS = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO strict
}
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*[1-9]$", re.IGNORECASE)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CORRUPT = ("corrupt .docx file: {}", ".docx 文件已损坏：{}")


def _corrupt(reason: str) -> ReadError:
    reason = " ".join(reason.split())[:160] or "unreadable"
    return ReadError(_CORRUPT[0].format(reason), _CORRUPT[1].format(reason))


def _int(value: str | None, default: int | None, low: int, high: int) -> int | None:
    """An integer attribute, clamped to [low, high]; ``default`` when absent or not a number."""
    if value is None:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        return default
    return min(max(number, low), high)


# --------------------------------------------------------------------------- the package


class _Package:
    """The parts of a .docx archive that the reader needs, parsed safely."""

    def __init__(self, data: bytes) -> None:
        if data.startswith(b"%PDF"):
            raise ReadError("is a PDF file, not a Word document", "是 PDF 文件，不是 Word 文档")
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise ReadError(
                "is an old binary Word (.doc) file; save it as .docx", "是旧版 Word（.doc）文件，请另存为 .docx"
            )
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
            raise ReadError(
                "not a valid .docx file (not a zip archive)", "不是有效的 .docx 文件（不是 zip 压缩包）"
            ) from None
        self.names = set(self.archive.namelist())
        total = 0
        for info in self.archive.infolist():
            total += info.file_size
            if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
                mb = info.file_size // (1024 * 1024)
                raise ReadError(
                    f"{info.filename} expands to {mb} MB (limit {MAX_PART_BYTES // (1024 * 1024)} MB); refused",
                    f"{info.filename} 解压后 {mb} MB（上限 {MAX_PART_BYTES // (1024 * 1024)} MB），拒绝读取",
                )

    def read(self, name: str) -> bytes | None:
        """The bytes of a member, or None when there is no such member."""
        if name not in self.names:
            return None
        try:
            return self.archive.read(name)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise _corrupt(f"{name}: {exc or type(exc).__name__}") from None
        except RuntimeError as exc:  # encrypted member
            raise _corrupt(f"{name}: {exc}") from None

    def xml(self, name: str):
        """A member parsed as XML (None when absent); entity declarations are refused."""
        data = self.read(name)
        if data is None:
            return None
        if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
            raise ReadError(
                f"{name} declares XML entities (refused: possible entity bomb)",
                f"{name} 含有 XML 实体声明（可能是实体炸弹），拒绝读取",
            )
        from lxml import etree  # lazy: only .docx files pay for lxml

        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
        )
        try:
            root = etree.fromstring(data, parser)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise _corrupt(f"{name}: {str(exc).splitlines()[0] if str(exc) else 'not XML'}") from None
        if root is None:
            raise _corrupt(f"{name}: empty")
        return root

    def related(self, source: str, kind: str, fallback: str | None) -> str | None:
        """The member a relationship of ``source`` of the given type points to."""
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels")) if source else self.xml("_rels/.rels")
        if rels is not None:
            for rel in rels.iter(f"{_REL}Relationship"):
                if (rel.get("Type") or "").rsplit("/", 1)[-1] != kind or rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target") or ""
                path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                path = posixpath.normpath(path)
                if path in self.names:
                    return path
        return fallback if fallback in self.names else None


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
        return cn_numeral(value) if 0 < value < 1000 else str(value)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[value - 1] if 0 < value <= len(_CIRCLED) else str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        if value <= 0:
            return str(value)
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # Word: a … z, aa … zz
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        if not 0 < value < 4000:
            return str(value)
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
        count, value = divmod(value, n)
        out += s * count
    return out


class _Numbering:
    """Computes the labels Word shows for automatically numbered paragraphs."""

    def __init__(self, root, w: str) -> None:
        self.w = w
        # abstractNumId → ilvl → (start, fmt, text)
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.nums: dict[str, str] = {}  # numId → abstractNumId
        self.starts: dict[tuple[str, int], int] = {}  # (numId, ilvl) → start override
        self.counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for absnum in root.iter(f"{w}abstractNum"):
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in absnum.iter(f"{w}lvl"):
                ilvl = _int(lvl.get(f"{w}ilvl"), 0, -1, MAX_LEVEL + 1)
                if ilvl is None or not 0 <= ilvl <= MAX_LEVEL or ilvl in levels:
                    continue
                start = lvl.find(f"{w}start")
                fmt = lvl.find(f"{w}numFmt")
                text = lvl.find(f"{w}lvlText")
                levels[ilvl] = (
                    _int(start.get(f"{w}val"), 1, 0, MAX_START) if start is not None else 1,  # type: ignore[arg-type]
                    (fmt.get(f"{w}val") or "decimal") if fmt is not None else "decimal",
                    (text.get(f"{w}val") or "") if text is not None else "",
                )
            self.levels[absnum.get(f"{w}abstractNumId") or ""] = levels
        for num in root.iter(f"{w}num"):
            abs_id = num.find(f"{w}abstractNumId")
            if abs_id is None:
                continue
            num_id = num.get(f"{w}numId") or ""
            self.nums[num_id] = abs_id.get(f"{w}val") or ""
            for override in num.iter(f"{w}lvlOverride"):
                start = override.find(f"{w}startOverride")
                ilvl = _int(override.get(f"{w}ilvl"), 0, -1, MAX_LEVEL + 1)
                if start is not None and ilvl is not None and 0 <= ilvl <= MAX_LEVEL:
                    self.starts[(num_id, ilvl)] = _int(start.get(f"{w}val"), 1, 0, MAX_START)  # type: ignore[assignment]

    def label(self, num_id: str, ilvl: int) -> str | None:
        abs_id = self.nums.get(num_id)
        levels = self.levels.get(abs_id) if abs_id is not None else None
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(abs_id, [None] * (MAX_LEVEL + 1))  # type: ignore[arg-type]
        start = self.starts.get((num_id, ilvl), levels[ilvl][0])
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        _, fmt, text = levels[ilvl]
        if _format_number(1, fmt) is None:
            return None

        def repl(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            value = counters[k]
            if value is None:
                value = levels.get(k, (1, fmt, ""))[0]
            return _format_number(value, levels.get(k, (1, fmt, ""))[1]) or ""

        return re.sub(r"%([1-9])", repl, text[:64])


# --------------------------------------------------------------------------- styles


class _Styles:
    """Paragraph styles, each resolved once along its ``basedOn`` chain (cycles stop the chain)."""

    def __init__(self, root, w: str) -> None:
        self.w = w
        self.raw: dict[str, tuple[str, str | None, object]] = {}  # id → (name, basedOn, pPr)
        self.default: str | None = None
        self.cache: dict[str | None, tuple[int | None, int | None, tuple[str, int] | None, bool]] = {}
        if root is None:
            return
        for style in root.iter(f"{w}style"):
            if style.get(f"{w}type", "paragraph") != "paragraph":
                continue
            style_id = style.get(f"{w}styleId") or ""
            name = style.find(f"{w}name")
            based = style.find(f"{w}basedOn")
            self.raw.setdefault(
                style_id,
                (
                    (name.get(f"{w}val") or "") if name is not None else "",
                    based.get(f"{w}val") if based is not None else None,
                    style.find(f"{w}pPr"),
                ),
            )
            if style.get(f"{w}default") in ("1", "true", "on") and self.default is None:
                self.default = style_id

    def chain(self, style_id: str | None) -> Iterator[tuple[str, object]]:
        """(name, pPr) of the style and the styles it is based on, each at most once."""
        seen: set[str] = set()
        current = style_id if style_id in self.raw else self.default
        while current is not None and current in self.raw and current not in seen and len(seen) < MAX_STYLE_CHAIN:
            seen.add(current)
            name, based, ppr = self.raw[current]
            yield name, ppr
            current = based

    def resolve(self, style_id: str | None) -> tuple[int | None, int | None, tuple[str, int] | None, bool]:
        """(level of a heading or title style name in the chain, outline level of the style itself,
        (numId, ilvl) of the style's numbering, whether it is a table-of-contents style)."""
        if style_id not in self.cache:
            self.cache[style_id] = self._resolve(style_id)
        return self.cache[style_id]

    def _resolve(self, style_id: str | None) -> tuple[int | None, int | None, tuple[str, int] | None, bool]:
        level: int | None = None
        num: tuple[str, int] | None = None
        chain = list(self.chain(style_id))
        toc = bool(chain) and bool(_TOC_STYLE.match(chain[0][0]))  # the paragraph's own style, not a base
        for name, ppr in chain:
            m = _HEADING_STYLE.match(name)
            if level is None and (_TITLE_STYLE.match(name) or m):
                level = int(m.group(1)) if m else 0
            num = num or _num_pr(ppr, self.w)
        outline = _outline_level(chain[0][1], self.w) if chain else None
        return level, outline, num, toc


def _outline_level(ppr, w: str) -> int | None:
    if ppr is None:
        return None
    outline = ppr.find(f"{w}outlineLvl")
    if outline is None:
        return None
    value = _int(outline.get(f"{w}val"), 9, 0, 9)
    return value + 1 if value is not None and value < 9 else None


def _num_pr(ppr, w: str) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph's (or style's) numbering properties; ilvl -1 when out of range."""
    if ppr is None:
        return None
    num_pr = ppr.find(f"{w}numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{w}numId")
    if num_id is None:
        return None
    ilvl = num_pr.find(f"{w}ilvl")
    level = _int(ilvl.get(f"{w}val"), 0, -1, MAX_LEVEL + 1) if ilvl is not None else 0
    return num_id.get(f"{w}val") or "", level if level is not None and 0 <= level <= MAX_LEVEL else -1


# --------------------------------------------------------------------------- text


#: Elements whose text Word does not show (tracked deletions, properties, drawings, field data, nested
#: paragraphs and tables, …): the reader never reads them, and nothing edits the runs inside them.
HIDDEN_NAMES = (
    "del moveFrom pPr rPr drawing pict object sdtPr sdtEndPr instrText delText delInstrText "
    "footnoteReference endnoteReference commentReference annotationRef fldData p tbl txbxContent"
).split()


class _Text:
    """Text of paragraphs as Word shows it, walked without recursion."""

    def __init__(self, w: str) -> None:
        self.w = w
        self.skip = {f"{w}{name}" for name in HIDDEN_NAMES} | {f"{_MC}AlternateContent"}
        self.t = f"{w}t"
        self.tabs = {f"{w}tab", f"{w}ptab"}
        self.breaks = {f"{w}br", f"{w}cr"}
        self.hyphen = f"{w}noBreakHyphen"
        self.type = f"{w}type"

    def of(self, paragraph) -> str:
        out: list[str] = []
        stack = [iter(paragraph)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            tag = child.tag
            if not isinstance(tag, str) or tag in self.skip:
                continue  # processing instructions, and parts Word does not show as text
            if tag == self.t:
                out.append(child.text or "")
            elif tag in self.tabs:
                out.append("\t")
            elif tag in self.breaks:
                if child.get(self.type) not in ("page", "column"):
                    out.append("\n")
            elif tag == self.hyphen:
                out.append("-")
            elif len(child):
                stack.append(iter(child))
        return "".join(out)


def _blocks(body, w: str) -> Iterator:
    """The paragraphs and tables of the body in order, through content controls and custom XML."""
    wrappers = {f"{w}sdt", f"{w}sdtContent", f"{w}customXml", f"{w}ins", f"{w}moveTo", f"{w}smartTag"}
    wanted = {f"{w}p", f"{w}tbl"}
    stack = [iter(body)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in wanted:
            yield child
        elif child.tag in wrappers:
            stack.append(iter(child))


def _rows(table, w: str) -> Iterator:
    """The rows of a table (not of the tables nested in its cells) that are not tracked deletions."""
    for row in _children(table, f"{w}tr", w):
        props = row.find(f"{w}trPr")
        if props is not None and props.find(f"{w}del") is not None:
            continue
        yield row


def _children(element, tag: str, w: str) -> Iterator:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    wrappers = {f"{w}sdt", f"{w}sdtContent", f"{w}customXml"}
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == tag:
            yield child
        elif child.tag in wrappers:
            stack.append(iter(child))


def numbered_blocks(body, w: str = _W) -> Iterator[tuple[int, object, bool]]:
    """(¶ number, element, is a table row) for the body: one number per paragraph (also inside content
    controls) and one per table row, in order.  Locations of .docx findings are these numbers; anything
    else that points into a .docx (the layout model) must number paragraphs the same way."""
    number = 0
    for block in _blocks(body, w):
        if block.tag == f"{w}tbl":
            for row in _rows(block, w):
                number += 1
                yield number, row, True
        else:
            number += 1
            yield number, block, False


def _layout(data: bytes):
    """The page layout model (``lint.layout``) when that module is present and python-docx reads the file."""
    try:
        from lint import layout  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        import docx

        return layout.extract(docx.Document(io.BytesIO(data)))
    except Exception:  # a layout the model cannot read never stops the text checks
        return None


# --------------------------------------------------------------------------- reading


def read(data: bytes, name: str) -> Document:
    package = _Package(data)
    main = package.related("", "officeDocument", "word/document.xml")
    if main is None:
        raise ReadError("not a Word document (no word/document.xml)", "不是 Word 文档（缺少 word/document.xml）")
    root = package.xml(main)
    tag = root.tag if isinstance(root.tag, str) else ""
    ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if local != "document" or ns not in _NS:
        raise ReadError(
            f"not a Word document ({main} holds <{local or '?'}>, not <w:document>)",
            f"不是 Word 文档（{main} 的根元素是 <{local or '?'}>，不是 <w:document>）",
        )
    w = "{" + ns + "}"
    body = root.find(f"{w}body")
    if body is None:
        raise ReadError("no text in the document (it has no body)", "文档中没有文字（没有正文部分）")
    styles = _Styles(package.xml(package.related(main, "styles", "word/styles.xml") or ""), w)
    numbering = _Numbering(package.xml(package.related(main, "numbering", "word/numbering.xml") or ""), w)
    text_of = _Text(w)
    lines: list[Line] = []
    texts: list[str] = []
    p_style, p_pr, val = f"{w}pStyle", f"{w}pPr", f"{w}val"
    for number, element, row in numbered_blocks(body, w):
        if number > MAX_LINES:
            raise too_many_lines(number)
        if row:
            # A table becomes one line per row, cells separated by tabs: body text, never headings.
            cells = [
                "".join(text_of.of(p) for p in cell.iter(f"{w}p")).strip() for cell in _children(element, f"{w}tc", w)
            ]
            raw = "\t".join(cells)
            cleaned, artifacts, _ = clean_line(raw)
            lines.append(Line(number, 1, raw, cleaned, artifacts=artifacts, table=True))
            texts.append(lines[-1].text)
            continue
        ppr = element.find(p_pr)
        style_el = ppr.find(p_style) if ppr is not None else None
        level, style_outline, num, toc = styles.resolve(style_el.get(val) if style_el is not None else None)
        if ppr is not None:
            if level is None:
                level = _outline_level(ppr, w)
            num = _num_pr(ppr, w) or num
        if level is None:
            level = style_outline
        raw = text_of.of(element)
        label = numbering.label(*num) if num else None
        cleaned, artifacts, _ = clean_line(raw)
        if toc:
            cleaned, artifacts = "", []  # a table of contents repeats the headings
        if label and cleaned:
            cleaned = label + (" " if cleaned[0].isdigit() else "") + cleaned
        column = len(raw) - len(raw.lstrip(BLANKS)) + 1 if cleaned else 1
        lines.append(Line(number, column, raw, cleaned, heading_level=level, artifacts=artifacts))
        texts.append(cleaned)
    if not any(texts):
        raise ReadError("no text in the document", "文档中没有文字")
    traditional = finish_lines(lines, texts)
    doc = Document(name, "docx", lines, encoding=None, traditional=traditional, location_unit="paragraph")
    doc.layout = _layout(data)
    return doc
