"""Plain text and Markdown reader: decoding, line splitting, clean-up."""

from __future__ import annotations

import codecs
import re

from lint.document import Document, Line, Suppression
from lint.normalize import clean_line, finish_lines, is_comment_line, parse_suppression
from lint.readers import ReadError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_MD_EMPHASIS = re.compile(r"^(\*\*|__)(.+)\1$")
# Encodings worth considering for Chinese text when the bytes are not UTF-8.
_CJK_ENCODINGS = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# A table row exported as text: a cell separator inside the line, or several after its only cell
# (「三、本年度办理结果\t\t\t」). Leading tabs are indentation, not cells.
_CELL = re.compile(r"[\t│┃|]")  # quick test before _TEXT_ROW
_TEXT_ROW = re.compile(r"\S[ ]*[\t│┃|][ \t]*\S|\S[ ]*[\t│┃|][ \t]*[\t│┃|]")


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text: BOM, then a declared charset, then strict UTF-8, then detection.

    Never falls back blindly to GB18030: it decodes Big5 bytes into garbage
    without an error, so the choice between them is left to charset-normalizer.
    """
    if not data.strip(b" \t\r\n\x00"):
        raise ReadError("empty file", "文件为空")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise ReadError(
                    f"invalid {enc} data after byte-order mark", f"字节顺序标记后的 {enc} 数据无效"
                ) from None
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass
    if b"\x00" in data[:4096]:
        raise ReadError("binary data, not a text document", "二进制数据，不是文本文档")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 files

    best = from_bytes(data, cp_isolation=_CJK_ENCODINGS).best()
    if best is None:
        raise ReadError(
            "cannot detect the text encoding (not UTF-8, GB18030 or Big5)",
            "无法识别文本编码（不是 UTF-8、GB18030 或 Big5）",
        )
    return str(best), best.encoding


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF (and nothing else: form feeds stay inside a line)."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    return lines


def read(data: bytes, name: str, fmt: str = "txt") -> Document:
    """Read a .txt or .md document."""
    text, encoding = decode(data)
    if len(_CONTROL.findall(text[:20000])) > 8:
        raise ReadError("binary data, not a text document", "二进制数据，不是文本文档")
    lines: list[Line] = []
    texts: list[str] = []
    suppressions: list[Suppression] = []
    for lineno, raw in enumerate(split_lines(text), start=1):
        if fmt == "md" and is_comment_line(raw):
            found = parse_suppression(raw)
            if found:
                suppressions.append(Suppression(found[0], lineno, found[1]))
            lines.append(Line(lineno, 1, raw, ""))
            texts.append("")
            continue
        cleaned, artifacts, positions = clean_line(raw)
        level = None
        if fmt == "md":
            m = _MD_HEADING.match(cleaned)
            if m:
                level, cleaned, positions = len(m.group(1)), m.group(2), positions[m.start(2) : m.end(2)]
            emphasis = _MD_EMPHASIS.match(cleaned)
            if emphasis:
                cleaned, positions = emphasis.group(2), positions[emphasis.start(2) : emphasis.end(2)]
        column = positions[0] + 1 if positions else 1
        line = Line(
            lineno, column, raw, cleaned, heading_level=level, artifacts=artifacts, positions=positions
        )
        line.table = bool(cleaned) and bool(_CELL.search(raw)) and bool(_TEXT_ROW.search(raw))
        lines.append(line)
        texts.append(cleaned)
    if not any(texts):
        raise ReadError("no text in file", "文件中没有文字")
    traditional = finish_lines(lines, texts)
    return Document(
        path=name,
        format=fmt,
        lines=lines,
        encoding=encoding,
        traditional=traditional,
        suppressions=suppressions,
    )
