"""The format-independent document model every reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Artifact:
    """Conversion junk found (and removed) in a line, at a column of the original line."""

    kind: str  # "pinyin" | "lost-chars" | "html-fragment" | "word-bookmark" | "pipe-line"
    column: int
    sample: str
    count: int = 1  # occurrences of this kind in the line


@dataclass
class Line:
    """One logical line (a paragraph) of a document.

    ``text`` is what the outline builder and the matcher see: conversion junk
    removed, traditional script converted to simplified, surrounding blanks
    stripped.  ``lineno`` and ``column`` point into the original file: the line
    of a text or HTML file, the paragraph of a .docx, the running line of a PDF
    (whose page and line on the page are ``page`` and ``page_line``).
    """

    lineno: int
    column: int
    raw: str
    text: str
    #: A heading level the format itself declares: Markdown ``#``, Word heading
    #: styles and outline levels. 0 marks a document title (Word's Title style).
    heading_level: int | None = None
    page: int | None = None
    page_line: int | None = None
    artifacts: list[Artifact] = field(default_factory=list)
    #: A row of a table (Word, HTML): body text, never a heading.
    table: bool = False
    #: For each character of ``text``, its 0-based index in ``raw`` (when the reader kept it).
    positions: list[int] | None = field(default=None, repr=False)

    def column_of(self, index: int) -> int:
        """1-based column in the original line of the character at ``index`` in ``text``."""
        if (
            self.positions is not None
            and len(self.positions) == len(self.text)
            and 0 <= index < len(self.positions)
        ):
            return self.positions[index] + 1
        return self.column + index


@dataclass
class Suppression:
    """An inline comment that turns rules off: ``<!-- reportlint-disable RULE -->`` and friends."""

    kind: str  # "disable" | "enable" | "disable-next-line"
    lineno: int
    rules: frozenset[str]  # empty: all rules


@dataclass
class Document:
    """A report as read from one file."""

    path: str
    format: str
    lines: list[Line]
    encoding: str | None = None
    traditional: bool = False
    location_unit: str = "line"
    suppressions: list[Suppression] = field(default_factory=list)
    #: Whether bytes that do not decode were read as U+FFFD (False: any U+FFFD was in the file as written).
    undecodable: bool = False
    #: A web page's publication date shown outside the article text or in its metadata: (line, 「发布时间：…」).
    published: tuple[int, str] | None = None
    #: Page layout of a .docx (a ``lint.layout.LayoutModel``); None for other formats.
    layout: object | None = None

    def suppressed(self, rule: str, lineno: int | None) -> bool:
        """Whether inline comments turn ``rule`` off at ``lineno`` (a finding without a line counts as line 1)."""
        at = lineno or 1
        off = False
        for s in sorted(self.suppressions, key=lambda s: s.lineno):
            applies = not s.rules or rule in s.rules
            if not applies:
                continue
            if s.kind == "disable-next-line":
                if s.lineno + 1 == at:
                    return True
                continue
            if s.lineno > at:
                break
            off = s.kind == "disable"
        return off

    def line_at(self, lineno: int) -> Line | None:
        """The line with this ``lineno`` (line numbers are unique within a document)."""
        index = self._index().get(lineno)
        return self.lines[index] if index is not None else None

    def _index(self) -> dict[int, int]:
        cached = getattr(self, "_by_lineno", None)
        if cached is None or len(cached) != len(self.lines):
            cached = {ln.lineno: i for i, ln in enumerate(self.lines)}
            self._by_lineno = cached
        return cached

    def snippet(self, lineno: int, column: int | None = None, width: int = 16) -> str:
        """The place quoted as it stands in the file, to find it with Ctrl+F: 「上一年度推进法治政府建设的主要举…」.

        From ``column`` (1-based, in the original line) when given, else from the
        paragraph's first character; at most ``width`` characters, 「…」 marking a cut.
        Empty when the line is unknown or blank.
        """
        line = self.line_at(lineno)
        if line is None:
            return ""
        raw = line.raw.replace("\t", " ").replace("\n", " ")
        start = column - 1 if column and 0 < column <= len(raw) else 0
        text = raw[start:].strip(" \u3000\u00a0\ufeff\u200b\r")
        if not text:
            return ""
        return f"「{text[:width]}{'…' if len(text) > width else ''}」"

    def describe(self, lineno: int, lang: str) -> str:
        """A location in words: 「第6行」, 「第6段」, 「第2页第3行」 / "line 6", "¶6", "p. 2, line 3"."""
        line = self.line_at(lineno)
        en = lang == "en"
        if self.location_unit == "page" and line is not None and line.page is not None:
            return f"p. {line.page}, line {line.page_line}" if en else f"第{line.page}页第{line.page_line}行"
        if self.location_unit == "paragraph":
            return f"¶{lineno}" if en else f"第{lineno}段"
        return f"line {lineno}" if en else f"第{lineno}行"
