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
from functools import lru_cache
from importlib import resources

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
_CELLS = re.compile(r"[│┃|\t][^│┃|\t]*[│┃|\t]")
_TABLE_ROW = re.compile(r"[│┃|\t][^│┃|\t]*[│┃|\t]|(?:[\s　]+\d+(?:\.\d+)?){2,}[\s　]*$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SPACES = re.compile(r"\s+")
# Site chrome around a published report: breadcrumbs, date widgets, page tools, metadata blocks.
_CHROME = re.compile(
    r"^(?:您|你)?(?:当前|现在)?(?:所在)?(?:的)?位置[：:]|首页\s*[>＞›»/→]|[>＞›»]\s*正文"
    r"|今天是|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]"
    r"|^(?:星期|周)[一二三四五六日天]$"
    r"|字体|字号|浏览次数|阅读次数|浏览量|访问量|点击数|点击量|阅读量|打印本页|关闭窗口|【打印】|【关闭】|分享到|^分享[：:]|扫一扫"
    r"|^(?:信息)?来源[：:]|发布时间|发布日期|更新时间|^作者[：:]|^责任编辑|^编辑[：:]"
    r"|^[|｜\s]+$|^[>＞›»]"
    r"|点击查看|查看解读|相关解读|政策解读[：:]|^【?(?:图解|解读)】?$|门户网站$"
    r"|^[-—–－\s]*\d{1,3}[-—–－\s]*$|^#+$|^(?:19|20)\d{2}\s*年$"
)
# The labels of a page's metadata block, often letter-spaced (「索 引 号」「标   题」), then a value.
_META_LABELS = (
    "索引号 发布机构 发文机关 成文日期 发文日期 发文字号 文号 主题分类 主题词 公开方式 公开范围 公开时限 有效性 信息分类 "
    "体裁分类 所属机构 生成日期 组配分类 信息名称 文件编号 公开形式 生效日期 标题 分类 内容概述 时效 时效性 公文时效 发文机构 公开目录"
).split()
_META = re.compile(
    "^(?:" + "|".join(r"\s*".join(label) for label in _META_LABELS) + r")\s*(?:[\s　：:|｜]|$)"
)
# A value with the next label glued to its end (「01525772-2/2024-00001发文机构」): another value follows.
_META_TAIL = re.compile("(?:" + "|".join(r"\s*".join(label) for label in _META_LABELS) + r")\s*[：:]?$")
# A metadata label standing alone on its line: its value is on the next line.
_META_LABEL = re.compile(
    r"^(?:索引号|发布机构|发文机构|发文机关|成文日期|发文字号|文号|主题分类|公开方式|公开范围|有效性|信息分类|所属机构"
    r"|生成日期|公开目录|信息来源|来源|发布时间|发布日期)\s*[：:]?$"
)
_TITLE_MIN = 8
_MD_MARK = re.compile(r"^#{1,6}\s*|^[-*+•·]\s+|^[*_]{2}(?=.+[*_]{2}$)|(?<=.)[*_]{2}$")
_MD_HEADING = re.compile(r"^(#{1,6})\s*(?=\S)")
# The name of an issuing body standing on its own line above the title or above a date.
_UNIT = re.compile(
    r"(?:局|委员会|委|人民政府|政府|办公室|办公厅|厅|院|中心|街道办事处|街道|乡|镇|县|市|区|部|署|处|所|站|队|管委会|公司)$"
)
_DATE_LINE = re.compile(
    r"^(?:(?:19|20)\d{2}|[二〇○零一三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$"
)
# Year ranges and cited documents never give the report's year.
_RANGE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[—–\-－~～至到]+\s*(?:19|20)\d{2}\s*年?")
_CITED = re.compile(r"《[^》]*》|〈[^〉]*〉")
_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_PERIOD = re.compile(
    r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~)\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日"
)
_REPORTING = re.compile(r"现将[^。；]{0,20}?((?:19|20)\d{2})\s*年")
_TABLE_MARK = re.compile(rf"^(?:[（(]\s*[{CN_DIGITS}\d]{{1,3}}\s*[）)]|[{CN_DIGITS}]{{1,3}}\s*[、.．]|\d{{1,2}}\s*[、.．])\s*")
_TABLE_TAIL = re.compile(r"(?:[\s　]+-?\d+(?:\.\d+)?%?)+[\s　]*$")
_NUMBERS_ONLY = re.compile(r"^[\s　]*-?\d+(?:\.\d+)?%?(?:[\s　]+-?\d+(?:\.\d+)?%?)*[\s　]*$")
_LABEL_PUNCT = re.compile(r"[\s　“”\"'‘’（）()，,、：:;；|｜]")


def cn_number(text: str) -> int:
    """Value of a Chinese numeral up to 999 (「十二」 → 12, 「二十」 → 20)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_VALUE.get(ch, 0)
    return total + current


def cn_numeral(value: int) -> str:
    """Chinese numeral for 1–999 as used in headings: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一."""
    digits = "零一二三四五六七八九"
    if value <= 0:
        return str(value)
    hundreds, rest = divmod(value, 100)
    tens, ones = divmod(rest, 10)
    out = digits[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (digits[ones] if ones else "")


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
        heads = {h.index for h in self.headings}
        return [
            ln
            for i, ln in enumerate(self.document.lines[start:end], start=start)
            if ln.text and i not in heads and i not in self.front
        ]

    def section_end(self, heading: Heading) -> int:
        """Index of the line where the heading's section ends (next heading of same or higher level)."""
        found = False
        for h in self.headings:
            if h is heading:
                found = True
            elif found and h.level <= heading.level:
                return h.index
        return len(self.document.lines)

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


@lru_cache(maxsize=1)
def _table_labels() -> tuple[frozenset[str], frozenset[str]]:
    """Row labels of the statistics tables (lint/data/table_rows.txt): (numbered labels, all labels), normalised."""
    data = resources.files("lint").joinpath("data/table_rows.txt").read_text("utf-8")
    entries = [ln.strip() for ln in data.splitlines() if ln.strip() and not ln.startswith("#")]
    numbered = {_label_key(_TABLE_MARK.sub("", e)) for e in entries if _TABLE_MARK.match(e)}
    return frozenset(numbered), frozenset(_label_key(_TABLE_MARK.sub("", e)) for e in entries)


def _label_key(text: str) -> str:
    return _LABEL_PUNCT.sub("", text)


def is_table_label(text: str) -> bool:
    """True for a line that is a row label of a statistics table (「（一）予以公开」「1.属于国家秘密」 …).

    A numbered line is a label only when the official table numbers that label too; it may carry
    trailing figures or be a fragment a conversion split off a cell (six or more characters of a
    label's beginning).  An unnumbered line must be a label exactly.
    """
    numbered_labels, all_labels = _table_labels()
    text = text.strip()
    m = _TABLE_MARK.match(text)
    # The first cell: a row label followed by its figures (「一、本年新收…数量 12 2 0 …」, 「（七）总计13」).
    first = re.split(r"(?<=[^\d\s　.．])[\s　]*(?=-?\d)", text[m.end() :] if m else text, maxsplit=1)[0]
    key = _label_key(first)
    if not key:
        return False
    if not m:
        return key in all_labels
    if key in numbered_labels:
        return True
    return len(key) >= 6 and any(label.startswith(key) for label in numbered_labels)


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


def _is_front_candidate(text: str) -> bool:
    return len(compact(text)) <= 60 and "。" not in text


def _strip_md_marks(text: str) -> str:
    """A line without Markdown heading and emphasis markers (「# 标题」, 「**标题**」) and stray cell bars."""
    return _MD_MARK.sub("", text).strip().strip("|｜ \t")


def is_chrome(text: str) -> bool:
    """True for a line of site chrome: breadcrumb, date widget, page tools, metadata, page number."""
    return bool(_CHROME.search(text) or _META.match(text) or re.fullmatch(r"[\d\s\-/:.：]+", text))


def _is_unit(text: str) -> bool:
    """A line that is only the name of an issuing body: 「某某县司法局」「中共某某乡委员会 某某乡人民政府」."""
    flat = compact(text)
    return 2 < len(flat) <= 30 and bool(_UNIT.search(flat)) and not _TITLE_WORDS.search(flat)


def _is_date(text: str) -> bool:
    return bool(_DATE_LINE.match(compact(text)))


def _front_matter(doc: Document, first_heading: int) -> tuple[Title | None, Line | None, set[int]]:
    """Find title, addressee and issuing-body lines before the first heading or paragraph.

    Site chrome (breadcrumbs, date widgets, page tools, metadata blocks, page numbers) is skipped and
    counted as front matter.  A unit name on the line above the title and the first half of a title the
    author split over two lines are joined with it.  A unit line above a date is a signature.
    """
    lines = doc.lines
    # Candidate lines in order; None marks a blank line.
    cands: list[tuple[int, str] | None] = []
    addressee: Line | None = None
    front: set[int] = set()
    value_follows = False
    declared_title: int | None = None
    for i, ln in enumerate(lines[:first_heading]):
        text = ln.text
        if not text:
            cands.append(None)
            continue
        clean = _strip_md_marks(text)
        if value_follows:  # the value of a metadata label standing alone on the line above
            value_follows = bool(_META_TAIL.search(clean))
            front.add(i)
            continue
        if not clean or is_chrome(clean):
            front.add(i)
            value_follows = bool(_META_LABEL.match(clean))
            continue
        if ln.heading_level == 0 and declared_title is None:  # the format says this is the title
            declared_title = len(cands)
        elif not _is_front_candidate(clean):
            break
        if clean.endswith(("：", ":")) and not _TITLE_WORDS.search(clean):
            addressee = ln
            front.add(i)
            break
        cands.append((i, clean))

    title: Title | None = None
    k = declared_title
    if k is None:
        # A site's column name (「工作报告」) is not the title when a fuller one follows.
        found = [n for n, c in enumerate(cands) if c is not None and _TITLE_WORDS.search(compact(c[1]))]
        k = next((n for n in found if len(compact(cands[n][1])) >= _TITLE_MIN), found[0] if found else None)
    if k is None:
        # A title the author split so that no line alone reads as one: 「关于报送…情况的」/「报     告」.
        for n in range(len(cands) - 1):
            cur, nxt = cands[n], cands[n + 1]
            if cur and nxt and len(compact(nxt[1])) <= 6 and _TITLE_WORDS.search(compact(cur[1] + nxt[1])):
                k = n
                break
    if k is not None:
        start, end = k, k + 1
        # Up to two lines above: unit names (「某某县某某局」, also across a blank line) or the first
        # half of a title the author split (adjacent only).
        joined_above = 0
        while start > 0 and joined_above < 2:
            above = start - 1
            if above > 0 and cands[above] is None and (unit_line := cands[above - 1]) and _is_unit(unit_line[1]):
                above -= 1  # a unit name across one blank line
            prev = cands[above]
            if prev is None or _is_date(prev[1]) or _TITLE_WORDS.search(compact(prev[1])):
                break
            if compact(prev[1]) in compact(cands[k][1]):
                break
            unit = _is_unit(prev[1])
            if not unit and (
                joined_above or above != start - 1 or len(compact(prev[1])) > 30 or re.search(r"[：:|｜]", prev[1])
            ):
                break
            start, joined_above = above, joined_above + 1
        # One short line below that ends the title: 「报     告」, 「的报告」.
        nxt = cands[end] if end < len(cands) else None
        if nxt is not None and len(compact(nxt[1])) <= 6 and not _is_date(nxt[1]):
            joined = compact(cands[k][1] + nxt[1])
            if _TITLE_WORDS.search(compact(nxt[1])) or not _TITLE_WORDS.search(compact(cands[k][1])):
                if _TITLE_WORDS.search(joined):
                    end += 1
        parts = [c for c in cands[start:end] if c is not None]
        title = Title(compact("".join(t for _, t in parts)), lines[parts[0][0]])
        front.update(i for i, _ in parts)
        # Short lines above the title (issuing body) are front matter too.
        front.update(c[0] for c in cands[:start] if c is not None)
        # Below the title: a unit line above a date, or a date alone, is a signature.
        after = [c for c in cands[end:] if c is not None]
        for n, (i, text) in enumerate(after):
            if _is_date(text):
                front.add(i)
            elif _is_unit(text) and n + 1 < len(after) and _is_date(after[n + 1][1]):
                front.add(i)
    return title, addressee, front


def _year_text(text: str) -> str:
    """Text with cited documents (《…》) and year ranges (「2021—2025年」) blanked out."""
    return _RANGE.sub(" ", _CITED.sub(" ", text))


def _find_year(title: Title | None, doc: Document, headings: list[Heading]) -> int | None:
    """The year reported on: title, statistics period, year-led first heading, 「现将2023年…」, opening."""
    if title:
        m = _YEAR.search(_year_text(title.text))
        if m:
            return int(m.group(1))
    texts = [ln.text for ln in doc.lines[:80] if ln.text]
    for text in texts:
        m = _PERIOD.search(text)
        if m and m.group(1) == m.group(2):
            return int(m.group(1))
    if headings:
        m = re.match(r"\s*((?:19|20)\d{2})\s*年", headings[0].text)
        if m:
            return int(m.group(1))
    for text in texts[:30]:
        m = _REPORTING.search(_year_text(text))
        if m:
            return int(m.group(1))
    probe = [ln for ln in texts if not is_chrome(_strip_md_marks(ln))][:4] + [h.text for h in headings[:1]]
    for text in probe:
        m = _YEAR.search(_FULL_DATE.sub(" ", _year_text(text)))
        if m:
            return int(m.group(1))
    return None


_INNER_CN = re.compile(rf"(?<=[。！？；!?;\s　])\s*([{CN_DIGITS}]{{1,3}})、")
_INNER_CN_PAREN = re.compile(rf"(?<=[。！？；!?;\s　])\s*[（(]([{CN_DIGITS}]{{1,3}})[）)]")
#: A line longer than this may be a whole page flattened onto one line.
_FLAT_MIN = 80


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
    starts: list[tuple[int, int]] = []
    for i, ln in enumerate(doc.lines):
        found = _match_marker(ln.text) if ln.text else None
        if found and found[0] == "cn" and not is_table_label(ln.text):
            starts.append((i, found[2]))
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
            later = {n for j, n in starts if j > i}
            chain = chain[: next((k for k, (_, n) in enumerate(chain) if n in later), len(chain))]
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
            and not re.match(r"[\d无（(]", tail)
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
        h for h in headings if not (h.kind.startswith("h") and _TITLE_WORDS.search(compact(h.text)))
    ]
    first = body_heads[0].index if body_heads else len(doc.lines)
    title, addressee, front = _front_matter(doc, first)
    headings = [h for h in headings if h.index not in front]
    _promote_misstyled(headings)
    _assign_levels(headings)
    year = _find_year(title, doc, headings)
    return Outline(doc, title, year, addressee, headings, front)
