"""Plain text and Markdown reader: decoding, line splitting, clean-up."""

from __future__ import annotations

import codecs
import re

from lint.document import Document, Line, Suppression
from lint.normalize import clean_line, finish_lines, is_comment_line, parse_suppression
from lint.readers import MAX_LINES, ReadError, too_many_lines

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
# A heading marker, then one tab in the line followed by words (Word's automatic numbers saved as text put a
# tab after the number; drafts put one inside a heading): a heading, not a table row — a row has more cells,
# or figures after its label.  Official table labels are still told apart by lint/tablerows.py.
_MARKER = r"^\s*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d+[.．、]|[（(]\d+[）)])"
_MARKER_TAB = re.compile(
    _MARKER + r"(?:[ ]*\t[ ]*[^\t│┃|\s][^\t│┃|]*|[^\t│┃|]*\t\s*[^\t│┃|\d\s][^\t│┃|]*)$"
)


#: Charsets a page may declare, as Python codec names: gb2312 and gbk pages are read as their superset gb18030;
#: a page whose markup declares UTF-16 or UTF-32 in ASCII cannot be either (HTML's rule: read it as UTF-8).
_WEB_CHARSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030"} | {
    name: "utf-8" for name in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")
}
_KNOWN_CHARSET = re.compile(
    r"^(?:utf-8|gb18030|big5|big5hkscs|cp950|iso8859-\d+|cp12\d\d|ascii|"
    r"latin-1|koi8-[ru]|euc_jp|shift_jis|cp932|iso2022_jp|euc_kr|cp949|mac-roman)$"
)
_SINGLE_BYTE = re.compile(r"^(?:iso8859-\d+|cp12\d\d|ascii|latin-1|koi8-[ru]|mac-roman)$")
#: A text with more undecodable bytes than this (or more than 1 in 20 characters) is refused, not repaired.
MAX_DAMAGE = 64


def charset(declared: str | None) -> str | None:
    """The Python codec for a declared charset, or None when it is unknown or not a text charset."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.strip().lower()).name
    except (LookupError, ValueError):
        return None
    name = _WEB_CHARSETS.get(name, name)
    return name if _KNOWN_CHARSET.match(name) else None


def _utf8_with_multibyte(data: bytes) -> str | None:
    """The text when the bytes are valid UTF-8 and not plain ASCII (then they are UTF-8, whatever is declared)."""
    if data.isascii():
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text: BOM, then a declared charset, then strict UTF-8, then detection.

    Never falls back blindly to GB18030: it decodes Big5 bytes into garbage
    without an error, so the choice between them is left to charset-normalizer.
    A declared charset that contradicts the bytes (UTF-8 bytes declared as
    ``iso-8859-1``, GBK bytes declared as UTF-8) is overridden by what the bytes
    are; the encoding returned then notes the declaration: ``utf-8 (declared iso-8859-1)``.
    Raises :class:`ReadError` when the bytes are not text in a known encoding;
    :func:`decode_damaged` reads such bytes with replacement characters.
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
    name = charset(declared)
    if declared and name != "utf-8":
        utf8 = _utf8_with_multibyte(data)
        if utf8 is not None:
            return utf8, f"utf-8 (declared {declared})"
    if name:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            pass
        else:
            if not (_SINGLE_BYTE.match(name) and not data.isascii()):
                return text, name
            try:  # Chinese bytes declared as a Western charset: trust the bytes
                found, enc = _detect(data)
                return found, f"{enc} (declared {declared})"
            except ReadError:
                return text, name
    if b"\x00" in data[:4096]:
        raise ReadError("binary data, not a text document", "二进制数据，不是文本文档")
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = _detect(data)
    if declared and enc != name:
        enc = f"{enc} (declared {declared})"
    return text, enc


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 files

    sample = data
    if len(data) > MAX_DETECT_BYTES:  # cut at a line end, never inside a character
        end = data.rfind(b"\n", 0, MAX_DETECT_BYTES)
        sample = data[: end + 1] if end > 0 else data
    best = from_bytes(sample, cp_isolation=_CJK_ENCODINGS).best()
    if best is None:
        raise ReadError(
            "cannot detect the text encoding (not UTF-8, GB18030 or Big5)",
            "无法识别文本编码（不是 UTF-8、GB18030 或 Big5）",
        )
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        raise ReadError(
            "cannot detect the text encoding (not UTF-8, GB18030 or Big5)",
            "无法识别文本编码（不是 UTF-8、GB18030 或 Big5）",
        ) from None


#: Detection looks at this much of a file (it is slow on megabytes; a report's encoding shows early).
MAX_DETECT_BYTES = 256 * 1024


def decode_damaged(data: bytes, declared: str | None = None) -> tuple[str, str, bool]:
    """Like :func:`decode`, but a text with a few undecodable bytes is read with U+FFFD in their place.

    A single bad byte, or a file cut inside its last character, should not make
    a whole report unreadable.  The encoding is the one under which the bytes
    are valid but for at most :data:`MAX_DAMAGE` places (and 1 in 20
    characters); the ``encoding-damage`` rule reports the places.  The third value says whether
    bytes were replaced (False: the text decoded cleanly, any U+FFFD in it was in the file).
    """
    try:
        return (*decode(data, declared), False)
    except ReadError as exc:
        error = exc
    blank = not data.strip(b" \t\r\n\x00")
    if blank or (b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))):
        raise error
    candidates: list[str] = []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            candidates = [enc]
            break
    else:
        name = charset(declared)
        candidates = ([name] if name and not _SINGLE_BYTE.match(name) else []) + ["utf-8", "gb18030", "big5"]
    usable: list[tuple[str, str]] = []
    for enc in dict.fromkeys(candidates):
        text = data.decode(enc, errors="replace")
        damage = text.count("\ufffd")
        if damage <= MAX_DAMAGE and damage * 20 <= len(text):
            usable.append((enc, text))
    if not usable:
        raise error
    enc, text = usable[0]
    if len(usable) > 1 and enc != "utf-8":
        # gb18030 and big5 both read almost anything: let detection choose on the bytes without the damage.
        clean = b"".join(
            part.encode(enc, errors="ignore") for part in text.split("\ufffd")
        )
        try:
            _, found = _detect(clean)
        except ReadError:
            raise error from None
        match = [u for u in usable if codecs.lookup(u[0]).name == codecs.lookup(found).name]
        if not match:
            raise error
        enc, text = match[0]
    return text, enc, True


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF (and nothing else: form feeds stay inside a line)."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    return lines


def read(data: bytes, name: str, fmt: str = "txt") -> Document:
    """Read a .txt or .md document."""
    text, encoding, damaged = decode_damaged(data)
    if len(_CONTROL.findall(text[:20000])) > 8:
        raise ReadError("binary data, not a text document", "二进制数据，不是文本文档")
    lines: list[Line] = []
    texts: list[str] = []
    suppressions: list[Suppression] = []
    raws = split_lines(text)
    if len(raws) > MAX_LINES:
        raise too_many_lines(len(raws))
    for lineno, raw in enumerate(raws, start=1):
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
        line.table = (
            bool(cleaned) and bool(_CELL.search(raw)) and bool(_TEXT_ROW.search(raw)) and not _MARKER_TAB.match(raw)
        )
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
        undecodable=damaged,
    )
