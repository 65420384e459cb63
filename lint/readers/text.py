"""Plain text and Markdown reader: decoding, line splitting, clean-up."""

from __future__ import annotations

import codecs
import re

from lint.document import Document, Line
from lint.normalize import BLANKS, clean_line, looks_traditional, to_simplified
from lint.readers import ReadError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Encodings worth considering for Chinese text when the bytes are not UTF-8.
_CJK_ENCODINGS = ["gb18030", "big5", "utf-16"]


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text; return ``(text, encoding)`` or raise :class:`ReadError`."""
    if not data.strip():
        raise ReadError("empty file", "文件为空")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise ReadError(
                    f"invalid {enc} data after byte-order mark", f"字节顺序标记后的 {enc} 数据无效"
                ) from None
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


def read(data: bytes, name: str, fmt: str = "txt") -> Document:
    """Read a .txt or .md document."""
    text, encoding = decode(data)
    if any(ch in text for ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"):
        raise ReadError("binary data, not a text document", "二进制数据，不是文本文档")
    raws = _LINE_BREAK.split(text)
    if raws and raws[0].startswith("\ufeff"):
        raws[0] = raws[0][1:]
    cleaned = [clean_line(raw) for raw in raws]
    traditional = looks_traditional(text)
    if traditional:
        cleaned = to_simplified("\n".join(cleaned)).split("\n")
    lines = []
    for i, (raw, txt) in enumerate(zip(raws, cleaned, strict=True), start=1):
        stripped = raw.lstrip(BLANKS + "?")
        column = len(raw) - len(stripped) + 1 if txt else 1
        lines.append(Line(lineno=i, column=column, raw=raw, text=txt))
    if not any(ln.text for ln in lines):
        raise ReadError("no text in file", "文件中没有文字")
    return Document(path=name, format=fmt, lines=lines, encoding=encoding, traditional=traditional)
