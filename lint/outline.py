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
from lint.frontmatter import TITLE_WORDS, Title, compact, find_year, front_matter, is_chrome
from lint.memo import remember_short
from lint.tablerows import is_table_label

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
# A row of a statistics table: cells separated by │ | or tabs, or a label followed by several numbers.
# Rows such as 「一、本年新收政府信息公开申请数量│12│2│…」 are not headings.
_MD_HEADING = re.compile(r"^(#{1,6})\s*(?=\S)")
_CELLS = re.compile(r"[│┃|\t][^│┃|\t]*[│┃|\t]")
_TABLE_ROW = re.compile(r"[│┃|\t][^│┃|\t]*[│┃|\t]|(?:[\s　]+\d+(?:\.\d+)?){2,}[\s　]*$")
_NUMBERS_ONLY = re.compile(r"^[\s　]*-?\d+(?:\.\d+)?%?(?:[\s　]+-?\d+(?:\.\d+)?%?)*[\s　]*$")


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

    def flattened(self) -> int:
        """The length of the line holding the whole text when the document lost its paragraph breaks and no
        structure could be recovered from it (a scraped copy on one line: 「…报告2023年，…一、坚持…」), else 0.

        Such a line holds at least 150 characters and 80 % of the text, carries heading markers run into it
        (「一、」「（一）」), and fewer than two top-level headings came out of it.
        """
        texts = [ln.text for ln in self.document.lines if ln.text]
        longest = max(texts, key=len, default="")
        if len(longest) < _FLAT_TEXT or len(longest) * 5 < sum(map(len, texts)) * 4 or len(self.top_level()) >= 2:
            return 0
        return len(longest) if _INNER_CN.search(longest) or _INNER_CN_PAREN.search(longest) else 0

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


# Asked of each line several times (page unflattening, headings): short lines are remembered.
@remember_short(200, 4096)
def _match_marker(text: str) -> tuple[str, str, int, str] | None:
    """(kind, marker, number, rest) of a line starting with a heading marker, else None."""
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


def starts_with_ordinal(text: str) -> bool:
    """True when the text starts with a heading ordinal, even one standing alone (「三、」「（一）」).

    A number followed by a comma (「36，邮箱」) is the rest of a figure broken across printed lines."""
    stripped = text.strip()
    return any(
        (m := pattern.match(stripped)) and not (kind == "arabic" and m.group(1).rstrip()[-1] in ",，")
        for kind, pattern in _MARKERS
    )


def _split_run_in(rest: str) -> tuple[str, str]:
    m = _RUN_IN_END.search(rest)
    head, body = (rest.strip(), "") if not m else (rest[: m.start()].strip(), rest[m.end() :].strip())
    # 「总体情况 根据《条例》……」: a short heading, a space, then a long run-in sentence.
    space = re.search(r"[ \t　]+", head)
    if space and 2 <= space.start() <= 20 and len(head) - space.end() >= 20:
        return head[: space.start()], (rest.strip()[space.end() :]).strip()
    return head, body



def is_table_row(text: str) -> bool:
    """True for a row of a table written as text.

    Cells separated by │, | or tabs; a label followed by several numbers; a row of numbers alone; or an
    official row label of the statistics tables (a table a web page or PDF flattened into one cell a line).
    """
    return bool(_TABLE_ROW.search(text) or _NUMBERS_ONLY.match(text)) or is_table_label(text)


def _strip_md(text: str) -> tuple[str, int | None]:
    """Text without a Markdown heading marker, and the level the marker declares."""
    m = _MD_HEADING.match(text)
    if not m:
        return text, None
    return text[m.end() :], len(m.group(1))


def _find_heading(line: Line, index: int) -> Heading | None:
    if line.table or is_table_label(line.text):
        return None
    # Trailing figures make a short line a table row; a long one is a paragraph (or a flattened page).
    if is_table_row(line.text) if len(line.text) < _FLAT_MIN else _CELLS.search(line.text):
        return None
    text, md_level = _strip_md(line.text)
    declared = line.heading_level or md_level
    found = _match_marker(text)
    if found:
        kind, marker, number, rest = found
    elif declared and not is_chrome(text):
        # Declared by the format (Markdown #, Word heading style or outline level).
        kind, marker, number, rest = f"h{declared}", "", None, text
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



_INNER_CN = re.compile(rf"(?<=[。！？；!?;\s　])\s*([{CN_DIGITS}]{{1,3}})、")
_INNER_CN_PAREN = re.compile(rf"(?<=[。！？；!?;\s　])\s*[（(]([{CN_DIGITS}]{{1,3}})[）)]")
#: A line longer than this may be a whole page flattened onto one line.
_FLAT_MIN = 80
#: A whole document on one line (see Outline.flattened) holds at least this many characters ...
_FLAT_TEXT = 150
# ... and a heading marker run into its text after the end of a sentence (「。一、」「；（二）」): 「一、二季度」 or
# 「第十九条（一）项」 in prose is no lost heading (Outline.flattened uses _INNER_CN, _INNER_CN_PAREN).


def _chain(text: str, pattern: re.Pattern[str], expected: int) -> list[tuple[int, int]]:
    """Positions and numbers of inner markers that continue a sequence from ``expected``."""
    out = []
    for m in pattern.finditer(text):
        number = cn_number(m.group(1))
        if number == expected:
            out.append((m.start(1) - (1 if pattern is _INNER_CN_PAREN else 0), number))
            expected += 1
    return out


_INNER_FIRST = re.compile(r"(?:^|(?<=[。！？；!?;\s　]))\s*(1\s*[、.．]|一、)")


def _misstyled_first(text: str) -> list[tuple[int, int]]:
    """A chain 「二、」「三、」… whose first section is numbered 「1、」 (seed 004's style), from that 「1、」."""
    rest = _chain(text, _INNER_CN, 2)
    if not rest:
        return []
    firsts = [m.start(1) for m in _INNER_FIRST.finditer(text, 0, rest[0][0])]
    return [(firsts[-1], 1), *rest] if firsts else []


def _spaced(text: str, chain: list[tuple[int, int]]) -> bool:
    """Whether every marker of the chain follows a space: blocks of a page joined into one line."""
    return all(p > 0 and text[p - 1] in " \t　" for p, _ in chain)


def _cut(line: Line, at: list[int]) -> list[Line]:
    """The line cut at the given positions of its text, each piece keeping its place in the file."""
    bounds = [0, *at, len(line.text)]
    pieces = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        text = line.text[a:b].strip()
        if not text:
            continue
        start = a + (len(line.text[a:b]) - len(line.text[a:b].lstrip()))
        positions = line.positions[start : start + len(text)] if line.positions else None
        piece = Line(line.lineno, line.column_of(start), line.raw, text, page=line.page, positions=positions)
        piece.page_line, piece.table = line.page_line, line.table
        if a == 0:
            piece.heading_level, piece.artifacts = line.heading_level, line.artifacts
        pieces.append(piece)
    return pieces


def _spaces(text: str) -> list[int]:
    """Where a piece of a flattened page breaks into lines: after its heading (「一、总体情况 根据…」), or, before
    the first heading, at every space (「某县2022年…年度报告 来源：某县人民政府 发布时间：…」)."""
    found = _match_marker(text)
    if found is None:
        return [m.end() for m in re.finditer(r"[ \t　]+", text)]
    start = len(text) - len(found[3])
    m = re.search(r"[ \t　]+", text[start:])
    if m is None or not 2 <= m.start() <= 40 or _RUN_IN_END.search(text[start : start + m.start()]):
        return []
    return [start + m.end()]


def _unflatten(doc: Document) -> None:
    """Split lines that hold a whole page (「一、总体情况 根据…。二、主动公开政府信息情况 …」) at run-in headings.

    An inner 「二、」 counts only where it continues the document's sequence of top-level numbers at a
    sentence start; inside each piece, 「（一）」「（二）」… likewise from one.
    """
    out: list[Line] = []
    last = 0
    changed = False
    # Top-level numbers that start a line further down: an inner 「二、」 above a real 「二、」 is body text.
    last_start: dict[int, int] = {}  # number → the last line that starts with it
    for i, ln in enumerate(doc.lines):
        found = _match_marker(ln.text) if ln.text else None
        if found and found[0] == "cn" and not is_table_label(ln.text):
            last_start[found[2]] = i
    for i, ln in enumerate(doc.lines):
        found = _match_marker(ln.text) if ln.text else None
        if found and found[0] == "cn" and not is_table_label(ln.text):
            last = found[2]
        if len(ln.text) < _FLAT_MIN or ln.table or _CELLS.search(ln.text):
            out.append(ln)
            continue
        if last or (found and found[0] == "cn"):
            chain = _chain(ln.text, _INNER_CN, last + 1)
        else:  # no top-level heading yet: a whole page on one line shows 「一、」「二、」「三、」 in it
            chain = _chain(ln.text, _INNER_CN, 1) or _misstyled_first(ln.text)
            chain = chain if len(chain) >= 3 or (len(chain) == 2 and _spaced(ln.text, chain)) else []
        if chain:
            later = next((k for k, (_, n) in enumerate(chain) if last_start.get(n, -1) > i), len(chain))
            chain = chain[:later]
        if not chain:
            out.append(ln)
            continue
        last, changed = chain[-1][1], True
        for piece in _cut(ln, [p for p, _ in chain]):
            # Inside a flattened section, 「（一）」「（二）」… at sentence starts are its sub-headings.
            head = _match_marker(piece.text)
            first = 2 if head is not None and head[0] == "cn-paren" and head[2] == 1 else 1
            sub = _chain(piece.text, _INNER_CN_PAREN, first)
            for part in _cut(piece, [p for p, _ in sub]) if len(sub) + (first - 1) >= 2 else [piece]:
                out.extend(_cut(part, _spaces(part.text)))
    if changed:
        doc.lines = out


def _drop_captions(headings: list[Heading], doc: Document) -> list[Heading]:
    """A heading repeated right below itself (a table caption repeating it) is one heading."""
    out: list[Heading] = []
    for h in headings:
        prev = out[-1] if out else None
        if (
            prev is not None
            and (prev.marker, prev.text) == (h.marker, h.text)
            and not prev.inline_body
            and not any(ln.text for ln in doc.lines[prev.index + 1 : h.index])
        ):
            continue
        out.append(h)
    return out


# How a complete heading ends: one that ends so is not continued on the next line.
_HEADING_END = re.compile(r"(?:情况|成效|原因|安排|事项|措施|问题|计划|打算|不足|概况|思路|建议|结果)$")


def _join_split_headings(headings: list[Heading], doc: Document) -> None:
    """A heading the author broke over two lines: 「一、上一年度推进法治政府建设的主要举措」/「和成效」."""
    starts = {h.index for h in headings}
    for h in headings:
        nxt = h.index + 1
        if h.inline_body or nxt >= len(doc.lines) or nxt in starts or len(h.text) < 12:
            continue
        line = doc.lines[nxt]
        tail = compact(line.text)
        if (
            1 < len(tail) <= 12
            and not _HEADING_END.search(h.text)
            and not re.search(r"[。！？；：:!?;]", tail)
            and not re.search(r"\d", tail)
            and not re.match(r"[无（(]", tail)
            and len(h.text) + len(tail) <= 50
            and not line.table
            and not line.heading_level
            and not is_table_row(line.text)
            and not starts_with_marker(line.text)
            and not re.search(r"[。！？；，,、]$", h.text)
        ):
            h.text += tail


def build_outline(doc: Document) -> Outline:
    """Find the headings, their levels, and the front matter of a document."""
    _unflatten(doc)
    headings = [h for i, ln in enumerate(doc.lines) if ln.text and (h := _find_heading(ln, i))]
    headings = _drop_captions(headings, doc)
    _join_split_headings(headings, doc)
    # A declared heading ("# …报告") at the top is the title, not a section.
    body_heads = [
        h for h in headings if not (h.kind.startswith("h") and TITLE_WORDS.search(compact(h.text)))
    ]
    first = body_heads[0].index if body_heads else len(doc.lines)
    title, addressee, front = front_matter(doc, first)
    headings = [h for h in headings if h.index not in front]
    _promote_misstyled(headings)
    _assign_levels(headings)
    year = find_year(title, doc, headings[0].text if headings else None)
    return Outline(doc, title, year, addressee, headings, front)
