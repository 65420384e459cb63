"""``reportlint fix``: apply the deterministic repairs findings carry, to .txt and .md files.

Repairs: heading marker style and numbering, conversion junk, and the
single replacements some rules offer (dates, document numbers, addressee).
The file keeps its encoding, byte-order mark and line endings; a file with
nothing to repair is left byte-identical (it is not even rewritten); writes
are atomic (temporary file in the same directory, then rename).  Word, PDF
and HTML files are never modified.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lint.engine import FileResult
from lint.normalize import BLANKS, strip_junk
from lint.outline import CN_DIGITS, cn_number, format_marker, renumber_marker
from lint.readers.text import decode
from lint.rules import Finding, Fix

FIXABLE_FORMATS = ("txt", "md")
_SPLIT = re.compile(r"(\r\n|\r|\n)")
_BOM_CODECS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


class FixError(Exception):
    """The file cannot be repaired safely; the message says why."""

    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.en, self.zh = en, zh

    def render(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class FixOutcome:
    path: str
    before: str = ""
    after: str = ""
    data: bytes | None = None  # the repaired bytes, None when nothing changed
    applied: Counter = field(default_factory=Counter)  # rule id → repairs applied

    @property
    def changed(self) -> bool:
        return self.data is not None

    def diff(self) -> str:
        """A unified diff like ``diff -u`` prints (with its 「No newline at end of file」 marks)."""
        out = []
        for line in difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        ):
            out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
        return "".join(out)


def _codec(data: bytes, encoding: str) -> tuple[bytes, str]:
    for bom, name in _BOM_CODECS:
        if data.startswith(bom):
            return bom, name
    return b"", encoding


def _number_of(marker: str) -> int | None:
    m = re.search(rf"\d+|[{CN_DIGITS}]+", marker)
    return cn_number(m.group(0)) if m else None


def _apply_marker(raw: str, fixes: list[Fix]) -> str:
    old = fixes[0].old
    style = next((f.style for f in fixes if f.style), None)
    number = next((f.number for f in fixes if f.number is not None), None) or _number_of(old) or 1
    new = format_marker(style, number) if style else renumber_marker(old, number)
    start = len(raw) - len(raw.lstrip(BLANKS + "#?"))
    at = raw.find(old, start)
    if at < 0 or raw[start:at].strip(BLANKS + "#*_?"):
        return raw  # the marker is not where it should be: leave the line alone
    end = at + len(old)
    # A half-width marker followed by a space keeps no space after a full-width one.
    if style and raw[end : end + 1] == " " and new.endswith(("、", "）")):
        end += 1
    return raw[:at] + new + raw[end:]


def _apply_replace(raw: str, fix: Fix, shift: int) -> str:
    """Replace ``fix.old`` at its column, moved left by the ``shift`` characters of junk already removed."""
    at = raw.find(fix.old, max(0, (fix.column or 1) - 1 - shift))
    if at < 0:
        at = raw.find(fix.old)
    if at < 0:
        return raw
    return raw[:at] + fix.new + raw[at + len(fix.old) :]


def plan(result: FileResult, data: bytes) -> FixOutcome:
    """Compute the repaired file for a lint result of ``data`` (nothing is written)."""
    doc = result.document
    outcome = FixOutcome(result.path)
    if doc is None:
        return outcome
    if doc.format not in FIXABLE_FORMATS:
        raise FixError(
            f"{doc.format} files are never modified by fix (only .txt and .md)",
            f"fix 不修改 {doc.format} 文件（只修复 .txt 和 .md）",
        )
    text, encoding = decode(data)
    bom, codec = _codec(data, encoding)
    if bom and text.startswith("\ufeff"):
        text = text[1:]
    try:
        roundtrip = bom + text.encode(codec)
    except (UnicodeEncodeError, LookupError):
        roundtrip = b""
    if roundtrip != data:
        raise FixError(
            f"cannot re-encode the file as {encoding} without changing it; not fixed",
            f"无法按 {encoding} 原样写回该文件，未修复",
        )
    parts = _SPLIT.split(text)
    lines, seps = parts[0::2], parts[1::2]
    by_line: dict[int, list[tuple[Finding, Fix]]] = {}
    for finding in result.findings:
        for fix in (finding.fix, *finding.more_fixes) if finding.fix is not None else ():
            by_line.setdefault(fix.lineno, []).append((finding, fix))
    for lineno, items in sorted(by_line.items()):
        if not 1 <= lineno <= len(lines):
            continue
        raw = lines[lineno - 1]
        fixes = [fx for _, fx in items]
        if any(fx.kind == "junk" for fx in fixes):
            raw = strip_junk(raw)
        markers = [fx for fx in fixes if fx.kind == "marker"]
        if markers:
            raw = _apply_marker(raw, markers)
        for fx in fixes:
            if fx.kind == "replace":
                raw = _apply_replace(raw, fx, len(lines[lineno - 1]) - len(raw))
        if raw != lines[lineno - 1]:
            lines[lineno - 1] = raw
            outcome.applied.update(f.rule for f, _ in items)
    after = "".join(line + (seps[i] if i < len(seps) else "") for i, line in enumerate(lines))
    outcome.before, outcome.after = text, after
    if after != text:
        outcome.data = bom + after.encode(codec)
    return outcome


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file's content atomically, keeping its permissions."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, target.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
