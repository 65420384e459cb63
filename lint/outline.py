"""Build the outline of a document: title, year, addressee and headings.

Headings are found from numbering markers (GB/T 9704: 「一、」「（一）」「1.」
「（1）」 and their common mis-stylings) and from the heading levels a format
declares (Markdown ``#``, Word heading styles and outline levels).  Levels
come from context, not from the marker alone: a top-level heading numbered
「1、」 among 「二、」「三、」 is still a top-level heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from lint.document import Document, Line

CN_DIGITS = "一二三四五六七八九十百零〇两"
_CN_VALUE = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}

#: Marker kinds in GB/T 9704 order; the rank is the canonical level.
CANONICAL_RANK = {"cn-part": 0, "cn": 1, "cn-paren": 2, "arabic": 3, "arabic-paren": 4, "circled": 5}

_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("cn-part", re.compile(rf"^(第([{CN_DIGITS}]{{1,3}})(?:部分|章|节))[、，,：:.．\s]*")),
    ("cn-paren", re.compile(rf"^([（(]\s*([{CN_DIGITS}]{{1,3}})\s*[）)][、，,.．]?)\s*")),
    ("cn", re.compile(rf"^(([{CN_DIGITS}]{{1,3}})\s*[、，,.．])\s*")),
    ("arabic-paren", re.compile(r"^([（(]\s*(\d{1,2})\s*[）)][、，,.．]?)\s*")),
    ("arabic", re.compile(r"^((\d{1,2})\s*[、，,.．](?!\d))\s*")),
    ("circled", re.compile(r"^(([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))\s*")),
]
# A heading ends at the first sentence-ending mark; what follows is run-in body text.
_RUN_IN_END = re.compile(r"[。！？；!?;]|[：:](?=.)")
_TITLE_WORDS = re.compile(r"报告|总结|情况$")
# A row of a statistics table: cells separated by │ | or tabs, or a label followed by several numbers.
# Rows such as 「一、本年新收政府信息公开申请数量│12│2│…」 are not headings.
_TABLE_ROW = re.compile(r"[│┃|\t][^│┃|\t]*[│┃|\t]|(?:[\s　]+\d+(?:\.\d+)?){2,}[\s　]*$")
_CELL_SEPARATOR = re.compile(r"[│┃|\t]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SPACES = re.compile(r"\s+")


def cn_number(text: str) -> int:
    """Value of a Chinese numeral (「十二」 → 12, 「二十」 → 20, 「一千零一」 → 1001, 「一万二千」 → 12000)."""
    if text.isdigit():
        return int(text)
    total, section, current = 0, 0, 0
    for ch in text:
        unit = _CN_UNIT.get(ch)
        if unit is None:
            current = _CN_VALUE.get(ch, 0)
        elif unit >= 10000:
            total += (section + current or 1) * unit
            section = current = 0
        else:
            section += (current or 1) * unit
            current = 0
    return total + section + current


def _cn_below_10000(value: int, leading: bool) -> str:
    """1–9999 in Chinese; ``leading`` when nothing stands before it (「十二」, not 「一十二」)."""
    digits = "零一二三四五六七八九"
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if digit:
            if zero:
                out += "零"
            if not (unit == 10 and digit == 1 and leading and not out):
                out += digits[digit]
            out += name
            zero = False
        elif out:
            zero = True
        if not value:
            break
    return out


def cn_numeral(value: int) -> str:
    """Chinese numeral as used in headings: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 110 → 一百一十,
    1001 → 一千零一, 10010 → 一万零一十; 0 and negative numbers as Arabic numerals."""
    if value <= 0:
        return str(value)
    groups: list[int] = []
    while value:
        value, group = divmod(value, 10000)
        groups.append(group)
    out = ""
    for power in range(len(groups) - 1, -1, -1):
        group = groups[power]
        if not group:
            continue
        if out and (group < 1000 or not groups[power + 1]):
            out += "零"  # a gap before this group: 一万零五, 十万零三百, 一亿零一千
        out += _cn_below_10000(group, not out) + ("万" * (power % 2) + "亿" * (power // 2))
    return out


def format_marker(kind: str, number: int) -> str:
    """The GB/T 9704 marker of a kind and number: 「一、」「（一）」「1.」「（1）」「①」."""
    if kind == "cn":
        return f"{cn_numeral(number)}、"
    if kind == "cn-paren":
        return f"（{cn_numeral(number)}）"
    if kind == "arabic":
        return f"{number}."
    if kind == "arabic-paren":
        return f"（{number}）"
    if kind == "circled":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[number - 1] if 0 < number <= 20 else f"（{number}）"
    if kind == "cn-part":
        return f"第{cn_numeral(number)}部分"
    raise ValueError(kind)


def renumber_marker(marker: str, number: int) -> str:
    """The same marker with another number, in the same numeral system: 「(三)」 → 「(四)」."""
    if re.search(r"\d", marker):
        return re.sub(r"\d+", str(number), marker, count=1)
    if marker and marker[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return format_marker("circled", number) + marker[1:]
    return re.sub(f"[{CN_DIGITS}]+", cn_numeral(number), marker, count=1)


def compact(text: str) -> str:
    """Remove all whitespace (titles are often letter-spaced: 「报     告」)."""
    return _SPACES.sub("", text)


@dataclass
class Heading:
    """One heading of the outline."""

    line: Line
    index: int  # position in Document.lines
    kind: str  # marker kind, e.g. "cn" for 「一、」, or "h2" for a declared level-2 heading (Markdown ##)
    marker: str  # the marker as written, e.g. 「一、」, 「(三)」, 「1、」
    number: int | None
    text: str  # heading text without marker and without run-in body
    inline_body: str = ""
    level: int = 0
    promoted: bool = False  # level inferred from context (e.g. 「1、」 standing for 「一、」)
    parent: Heading | None = field(default=None, repr=False)

    @property
    def lineno(self) -> int:
        return self.line.lineno

    @property
    def column(self) -> int:
        return self.line.column


@dataclass
class Title:
    text: str
    line: Line


@dataclass
class Outline:
    document: Document
    title: Title | None
    year: int | None
    addressee: Line | None
    headings: list[Heading]
    #: Indices of lines that belong to the front matter (title, addressee, issuing body).
    front: set[int] = field(default_factory=set)

    def top_level(self) -> list[Heading]:
        return [h for h in self.headings if h.level == 1]

    def top_kind(self) -> str | None:
        """The marker kind of the top level (the lowest-ranked kind present)."""
        return min((h.kind for h in self.headings), key=rank) if self.headings else None

    def effective_kind(self, heading: Heading) -> str:
        """The kind a heading stands for: a promoted 「1、」 stands for the top level's 「一、」."""
        return (self.top_kind() or heading.kind) if heading.promoted else heading.kind

    def sibling_groups(self) -> list[list[Heading]]:
        """Headings grouped by parent and level, in document order."""
        groups: dict[tuple[int, int], list[Heading]] = {}
        for h in self.headings:
            groups.setdefault((id(h.parent), h.level), []).append(h)
        return list(groups.values())

    def body_between(self, start: int, end: int) -> list[Line]:
        """Non-empty, non-heading lines with index in [start, end)."""
        heads = self._heading_ends
        return [
            ln
            for i, ln in enumerate(self.document.lines[start:end], start=start)
            if ln.text and i not in heads and i not in self.front
        ]

    @cached_property
    def _heading_ends(self) -> dict[int, int]:
        """Line index of each heading → index of the line where its section ends (one pass)."""
        ends: dict[int, int] = {}
        open_heads: list[Heading] = []  # headings whose section is still open, levels increasing
        for h in self.headings:
            while open_heads and open_heads[-1].level >= h.level:
                ends[open_heads.pop().index] = h.index
            open_heads.append(h)
        for h in open_heads:
            ends[h.index] = len(self.document.lines)
        return ends

    def section_end(self, heading: Heading) -> int:
        """Index of the line where the heading's section ends (next heading of same or higher level)."""
        if self._by_index.get(heading.index) is heading:
            return self._heading_ends[heading.index]
        return len(self.document.lines)

    @cached_property
    def _by_index(self) -> dict[int, Heading]:
        return {h.index: h for h in self.headings}

    def section_text(self, heading: Heading) -> str:
        """All text of the heading's section, sub-headings included, without the heading itself."""
        end = self.section_end(heading)
        parts = [heading.inline_body]
        heads = {h.index: h for h in self.headings}
        for i in range(heading.index + 1, end):
            ln = self.document.lines[i]
            if i in heads:
                parts.append(heads[i].text + heads[i].inline_body)
            elif ln.text:
                parts.append(ln.text)
        return "\n".join(p for p in parts if p)


def _match_marker(text: str) -> tuple[str, str, int, str] | None:
    for kind, pattern in _MARKERS:
        m = pattern.match(text)
        if m and m.end() < len(text):
            number = (
                cn_number(m.group(2)) if kind != "circled" else "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(m.group(2)) + 1
            )
            return kind, m.group(1).strip(), number, text[m.end() :]
    return None


def starts_with_marker(text: str) -> bool:
    """True when the text starts with a heading number marker (「一、」「（一）」「1.」 …)."""
    return _match_marker(text.strip()) is not None


def _split_run_in(rest: str) -> tuple[str, str]:
    m = _RUN_IN_END.search(rest)
    if not m:
        return rest.strip(), ""
    return rest[: m.start()].strip(), rest[m.end() :].strip()


def is_table_row(text: str) -> bool:
    """True for a row of a table written as text (cells separated by │, | or tabs, or trailing numbers)."""
    # Quick test first: a row has a cell separator or ends with a number.
    if not (text.rstrip()[-1:].isdigit() or _CELL_SEPARATOR.search(text)):
        return False
    return bool(_TABLE_ROW.search(text))


def _find_heading(line: Line, index: int) -> Heading | None:
    if line.table or is_table_row(line.text):
        return None
    found = _match_marker(line.text)
    if found:
        kind, marker, number, rest = found
    elif line.heading_level:
        # Declared by the format (Markdown #, Word heading style or outline level).
        kind, marker, number, rest = f"h{line.heading_level}", "", None, line.text
    else:
        return None
    head, body = _split_run_in(rest)
    if not head:
        return None
    return Heading(line, index, kind, marker, number, head, body)


def rank(kind: str) -> int:
    """Canonical level of a marker kind (「一、」 1, 「（一）」 2, 「1.」 3, 「（1）」 4; declared hN: N)."""
    if kind.startswith("h"):
        return int(kind[1:])
    return CANONICAL_RANK[kind]


def _promote_misstyled(headings: list[Heading]) -> None:
    """Let a heading of another style fill a gap in the top-level sequence.

    Seed 004 numbers its first section 「1、」 and the others 「二、」「三、」「四、」:
    the 「1、」 stands where 「一、」 belongs and is a top-level heading.
    """
    if not headings:
        return
    top_kind = min((h.kind for h in headings), key=rank)
    expected, prev = 1, -1
    for i, h in enumerate(headings):
        if h.kind != top_kind or h.number is None:
            continue
        if h.number == expected + 1 and i > prev + 1:
            candidate = headings[prev + 1]
            if candidate.kind != top_kind and candidate.number == expected:
                candidate.promoted = True
        expected, prev = h.number + 1, i


def _assign_levels(headings: list[Heading]) -> None:
    """Levels by nesting: each style gets its depth from the first time it appears."""
    if not headings:
        return
    top_kind = min((h.kind for h in headings), key=rank)
    order: dict[str, int] = {}
    stack: list[tuple[str, Heading]] = []
    for h in headings:
        kind = top_kind if h.promoted else h.kind
        order.setdefault(kind, len(order))
        kinds = [k for k, _ in stack]
        if kind in kinds:
            del stack[kinds.index(kind) :]
        else:
            while stack and order[stack[-1][0]] >= order[kind]:
                stack.pop()
        h.level = len(stack) + 1
        h.parent = stack[-1][1] if stack else None
        stack.append((kind, h))


def _is_front_candidate(text: str) -> bool:
    return len(compact(text)) <= 40 and "。" not in text


def _front_matter(doc: Document, first_heading: int) -> tuple[Title | None, Line | None, set[int]]:
    """Find title, addressee and issuing-body lines before the first heading or paragraph."""
    lines = doc.lines
    groups: list[list[tuple[int, Line]]] = [[]]
    addressee: Line | None = None
    front: set[int] = set()
    for i, ln in enumerate(lines[:first_heading]):
        text = ln.text
        if not text:
            groups.append([])
            continue
        if ln.heading_level == 0:  # the format says this is the title
            front.add(i)
            groups.append([(i, ln)])
            groups.append([])
            continue
        if not _is_front_candidate(text):
            break
        if text.endswith(("：", ":")):
            addressee = ln
            front.add(i)
            break
        groups[-1].append((i, ln))
    title: Title | None = None
    for group in groups:
        for j, (i, ln) in enumerate(group):
            text = compact(ln.text)
            if _TITLE_WORDS.search(text) or ln.heading_level == 0:
                title = Title(text, ln)
                front.add(i)
                break
            if j + 1 < len(group):
                nxt = compact(group[j + 1][1].text)
                if len(nxt) <= 6 and _TITLE_WORDS.search(text + nxt):
                    title = Title(text + nxt, ln)
                    front.update({i, group[j + 1][0]})
                    break
        if title:
            # Short lines above the title (issuing body) are front matter too.
            front.update(i for i, _ in group if i < title.line.lineno - 1)
            break
    return title, addressee, front


def _find_year(title: Title | None, doc: Document, headings: list[Heading]) -> int | None:
    if title:
        m = _YEAR.search(title.text)
        if m:
            return int(m.group(1))
    probe = [ln.text for ln in doc.lines if ln.text][:4] + [h.text for h in headings[:1]]
    for text in probe:
        m = _YEAR.search(text)
        if m:
            return int(m.group(1))
    return None


def build_outline(doc: Document) -> Outline:
    """Find the headings, their levels, and the front matter of a document."""
    headings = [h for i, ln in enumerate(doc.lines) if ln.text and (h := _find_heading(ln, i))]
    # A declared heading ("# …报告") at the top is the title, not a section.
    body_heads = [
        h for h in headings if not (h.kind.startswith("h") and _TITLE_WORDS.search(compact(h.text)))
    ]
    first = body_heads[0].index if body_heads else len(doc.lines)
    title, addressee, front = _front_matter(doc, first)
    headings = [h for h in headings if h.index not in front]
    _promote_misstyled(headings)
    _assign_levels(headings)
    year = _find_year(title, doc, headings)
    return Outline(doc, title, year, addressee, headings, front)
