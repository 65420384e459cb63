"""Map outline headings to checklist sections.

Each top-level heading is normalised (marker, years, filler words and
punctuation removed) and scored against every section's canonical title and
aliases with rapidfuzz, on characters and on jieba words (so that swapped
words still match), plus keyword evidence.  Sections are then assigned
globally — each section at most once, maximising the total score — so that the
order rule can see what is out of place.  Every mapping carries its score and
the reason for it.
"""

from __future__ import annotations

import importlib
import re
import sys
import types
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from lint.checklist import Checklist, Section
from lint.document import Line
from lint.normalize import fold_width
from lint.outline import Heading, Outline, is_table_row

_PUNCT = re.compile(r"[\s，,。.、；;：:！!？?“”\"'‘’（）()《》〈〉【】\[\]—\-－·…]+")
_YEARS = re.compile(r"(?:19|20)\d{2}\s*年度?|[本上下今去明次]一?年度")
# Words too common in the genre to tell sections apart.
_FILLER = re.compile(
    r"推进法治政府建设|加强法治政府建设|法治政府建设|有关|工作|情况|方面|我[镇县市区局乡街委]|的"
)
_LEADING = re.compile(r"^关于")
_PHRASE = 5


@dataclass
class Reason:
    kind: str  # "title" | "alias" | "keywords" | "position"
    detail: str  # the alias or keywords that matched

    def render(self, lang: str) -> str:
        if self.kind == "position":
            return (
                "position: unmatched top-level heading before the next section"
                if lang == "en"
                else "位置：未匹配的一级标题位于后续部分之前（专题式写法）"
            )
        if self.kind == "title":
            return "canonical title" if lang == "en" else "标准标题"
        zh, en = {"alias": ("别名", "alias"), "keywords": ("关键词", "keywords")}[self.kind]
        return f"{en} “{self.detail}”" if lang == "en" else f"{zh}「{self.detail}」"


@dataclass
class Mapping:
    heading: Heading
    section: str
    score: float | None
    reason: Reason


@dataclass
class Mention:
    line: Line
    heading: Heading | None  # the heading whose section holds the line
    phrase: str


@dataclass
class MatchResult:
    mappings: dict[int, Mapping] = field(default_factory=dict)  # heading line index → mapping
    by_section: dict[str, list[Heading]] = field(default_factory=dict)
    duplicates: list[Mapping] = field(default_factory=list)
    unknown: list[Heading] = field(default_factory=list)
    sub_matches: dict[str, Mapping] = field(default_factory=dict)  # missing section → sub-heading
    mentions: dict[str, Mention] = field(default_factory=dict)  # missing section → paragraph mention
    #: An outdated report format recognised from its headings: (format entry, heading).
    outdated_format: tuple[dict, Heading] | None = None
    #: Not a report: no heading matches a section of any supported report type (whose names, zh and en, these are).
    not_report: tuple[tuple[str, str], ...] = ()
    #: The words of the title that show it is not a report (「解读」「工作指引」), when the title told.
    not_report_title: str = ""
    #: A document on one line whose structure could not be recovered: that line's length (Outline.flattened).
    flat: int = 0

    def section_of(self, heading: Heading) -> Mapping | None:
        return self.mappings.get(heading.index)

    def missing(self, checklist: Checklist) -> list[Section]:
        if self.not_report:
            return []
        return [s for s in checklist.ordered() if s.id not in self.by_section]

    def positive(self) -> bool:
        """Whether some heading matches a section on its own words (not only by its position)."""
        found = [*self.mappings.values(), *self.duplicates, *self.sub_matches.values()]
        return self.outdated_format is not None or any(m.reason.kind != "position" for m in found)


@lru_cache(maxsize=4096)
def light_normalize(text: str) -> str:
    """Width-folded text without punctuation, spaces and a leading 关于."""
    return _LEADING.sub("", _PUNCT.sub("", fold_width(text)))


@lru_cache(maxsize=4096)
def core_normalize(text: str) -> str:
    """The distinctive part of a heading: no years, no filler words."""
    dated = _YEARS.sub("", light_normalize(text))
    return _FILLER.sub("", dated) or dated


class _LazyModule(types.ModuleType):
    """Stands for a submodule that is imported only when one of its names is first used."""

    def __getattr__(self, name: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)  # also rebinds the parent's name


def _import_jieba() -> types.ModuleType:
    """Import jieba without the two slow parts the matcher never uses.

    ``jieba._compat`` tries ``pkg_resources`` first (about 50 ms, most of jieba's import
    time) and falls back to plain file access when it is missing; ``jieba.finalseg`` loads
    the HMM model that ``lcut(HMM=False)`` never touches.  pkg_resources is hidden during
    the import only, and finalseg is loaded on first use, so jieba works as usual for any
    other code in the process.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hide = "pkg_resources" not in sys.modules
    defer = "jieba.finalseg" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
    if defer:
        sys.modules["jieba.finalseg"] = _LazyModule("jieba.finalseg")
    try:
        import jieba
    finally:
        if hide and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
        if defer and isinstance(sys.modules.get("jieba.finalseg"), _LazyModule):
            del sys.modules["jieba.finalseg"]
    return jieba


@lru_cache(maxsize=1)
def _tokenizer():
    import io

    jieba = _import_jieba()  # lazy: only the matcher needs word boundaries

    tk = jieba.Tokenizer()
    # A small domain dictionary instead of jieba's 5 MB default: no cache file,
    # no 0.7 s dictionary load.
    data = resources.files("lint").joinpath("data/words.txt").read_bytes()
    tk.FREQ, tk.total = tk.gen_pfdict(io.BytesIO(data))
    tk.initialized = True
    return tk


@lru_cache(maxsize=4096)
def words(text: str) -> str:
    """Space-separated jieba words of a normalised heading."""
    return " ".join(_tokenizer().lcut(text, HMM=False))


@dataclass
class _Variant:
    kind: str
    text: str
    core: str
    words: str
    light_len: int


@lru_cache(maxsize=64)
def _variants(section: Section) -> list[_Variant]:
    texts = [("title", section.title)] + [("alias", a) for a in section.aliases]
    return [
        _Variant(kind, text, core, words(core), len(light_normalize(text)))
        for kind, text in texts
        for core in (core_normalize(text),)
    ]


@lru_cache(maxsize=16384)
def score_heading(text: str, section: Section) -> tuple[float, Reason]:
    """Similarity (0–100) of a heading text to a section, with the reason.

    Cached: headings repeat from report to report, and the matcher scores a heading
    against the same section several times.  The returned reason is shared; do not change it.
    """
    light = light_normalize(text)
    core = core_normalize(text)
    core_words = words(core)
    best, best_gap, reason = 0.0, 0, Reason("title", section.title)
    for v in _variants(section):
        score = max(fuzz.ratio(core, v.core), 0.95 * fuzz.token_sort_ratio(core_words, v.words))
        if len(v.core) >= 3 and v.core in core:
            score = max(score, 85 + 15 * len(v.core) / len(core))
        # On equal scores prefer the variant closest in length to the heading as written.
        gap = abs(v.light_len - len(light))
        if score > best or (score == best and gap < best_gap):
            best, best_gap, reason = score, gap, Reason(v.kind, v.text)
    hits = [k for k in section.keywords if k in light]
    if hits:
        # A keyword of five or more characters is a phrase (「第一责任人」「主要负责人」): evidence enough alone.
        strong = 10.0 if any(len(k) >= _PHRASE for k in hits) else 0.0
        kw_score = min(90.0, 45.0 + 20.0 * len(hits) + strong)
        if kw_score > best:
            best, reason = kw_score, Reason("keywords", "、".join(hits))
    return round(best, 1), reason


def _assign(scores: list[list[float]], threshold: float) -> list[tuple[int, int]]:
    """Each section at most once, maximising the total score (min-cost assignment, polynomial).

    Pairs below the threshold are never made.  On equal totals the earlier headings win
    (fewer, earlier heading positions), then earlier sections: the weights are integers
    that order the three criteria lexicographically, so the optimum is exact.
    """
    rows = [i for i, row in enumerate(scores) if any(sc >= threshold for sc in row)]
    if not rows:
        return []
    k = len(scores[0])
    spread = len(scores) * k + 1  # more than any sum of heading positions over a matching
    cost: list[list[int]] = []  # one row per section; columns: candidate headings, then "none"
    for j in range(k):
        row = []
        for i in rows:
            sc = scores[i][j]
            weight = ((round(sc * 10) * spread - i) * (k + 1) + k - j) if sc >= threshold else 0
            row.append(-weight)
        cost.append(row + [0] * k)
    pairs = [(rows[col], j) for j, col in enumerate(_min_cost_assignment(cost)) if col < len(rows)]
    return sorted((i, j) for i, j in pairs if scores[i][j] >= threshold)


def _min_cost_assignment(cost: list[list[int]]) -> list[int]:
    """Column of each row in a minimum-cost assignment (rows ≤ columns, each column at most once).

    The Hungarian algorithm with potentials, O(rows² · columns).
    """
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    owner = [0] * (m + 1)  # row (1-based) assigned to each column; column 0 is the free slot
    way = [0] * (m + 1)
    for r in range(1, n + 1):
        owner[0] = r
        col = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[col] = True
            row, delta, nxt = owner[col], inf, 0
            line, ur = cost[row - 1], u[row]
            for c in range(1, m + 1):
                if not used[c]:
                    cur = line[c - 1] - ur - v[c]
                    if cur < minv[c]:
                        minv[c], way[c] = cur, col
                    if minv[c] < delta:
                        delta, nxt = minv[c], c
            for c in range(m + 1):
                if used[c]:
                    u[owner[c]] += delta
                    v[c] -= delta
                else:
                    minv[c] -= delta
            col = nxt
            if owner[col] == 0:
                break
        while col:
            prev = way[col]
            owner[col] = owner[prev]
            col = prev
    result = [0] * n
    for c in range(1, m + 1):
        if owner[c]:
            result[owner[c] - 1] = c - 1
    return result


def _owner(outline: Outline, line_index: int) -> Heading | None:
    owner = None
    for h in outline.headings:
        if h.index <= line_index:
            owner = h
        else:
            break
    return owner


def _holds_table(outline: Outline, heading: Heading) -> bool:
    lines = outline.document.lines[heading.index + 1 : outline.section_end(heading)]
    return any(ln.table or is_table_row(ln.text) for ln in lines if ln.text)


def _prefer_between_competitors(outline: Outline, checklist: Checklist, result: MatchResult) -> None:
    """When two top-level headings compete for one section, keep the better one, whatever their order.

    A section that needs a table goes to the heading that holds one; otherwise a heading that is the
    canonical title wins over an alias or keywords at an equal score.
    """
    for n, dup in enumerate(result.duplicates):
        kept = next(
            (m for m in result.mappings.values() if m.section == dup.section and m.heading.level == 1), None
        )
        if kept is None:
            continue
        section = checklist.sections[dup.section]
        tables = (_holds_table(outline, dup.heading), _holds_table(outline, kept.heading))
        if section.requires_table and tables[0] != tables[1]:
            better = tables[0]
        else:
            better = (
                dup.reason.kind == "title"
                and kept.reason.kind != "title"
                and (dup.score or 0) >= (kept.score or 0)
            )
        if better:
            del result.mappings[kept.heading.index]
            result.mappings[dup.heading.index] = dup
            result.duplicates[n] = kept


def match(outline: Outline, checklist: Checklist) -> MatchResult:
    """Map the outline's headings to the checklist's sections."""
    sections = checklist.top_sections()
    threshold = checklist.threshold
    result = MatchResult()
    tops = outline.top_level()
    table = [[score_heading(h.text, s) for s in sections] for h in tops]
    scores = [[sc for sc, _ in row] for row in table]
    assigned: dict[int, int] = dict(_assign(scores, threshold))  # heading position → section position

    for i, h in enumerate(tops):
        if i in assigned:
            j = assigned[i]
        else:
            j = max(range(len(sections)), key=lambda jj: scores[i][jj]) if sections else -1
            if j < 0 or scores[i][j] < threshold:
                continue
        sc, reason = table[i][j]
        mapping = Mapping(h, sections[j].id, sc, reason)
        if i in assigned or sections[j].repeatable:
            result.mappings[h.index] = mapping
        else:
            result.duplicates.append(mapping)

    _prefer_between_competitors(outline, checklist, result)

    # Unmatched top-level headings standing before any later section belong to
    # a collecting section (thematic achievements → measures).
    order = {s.id: n for n, s in enumerate(sections)}
    duplicated = {id(d.heading) for d in result.duplicates}
    for s in sections:
        if not s.collect_unmatched:
            continue
        for h in tops:
            m = result.mappings.get(h.index)
            if m is not None and order[m.section] > order[s.id]:
                break
            if m is None and id(h) not in duplicated:
                result.mappings[h.index] = Mapping(h, s.id, None, Reason("position", ""))

    # Required sub-sections: the best sub-heading under their parent section.
    starts = [h.index for h in outline.headings]  # in document order
    for s in checklist.ordered():
        if s.within is None:
            continue
        parents = [h for h in tops if (m := result.mappings.get(h.index)) and m.section == s.within]
        best: Mapping | None = None
        for parent in parents:
            end = outline.section_end(parent)
            for h in outline.headings[bisect_right(starts, parent.index) : bisect_left(starts, end)]:
                if h.level > 1:
                    sc, reason = score_heading(h.text, s)
                    if sc >= threshold and (best is None or sc > (best.score or 0)):
                        best = Mapping(h, s.id, sc, reason)
        if best is not None:
            result.mappings[best.heading.index] = best

    for h in outline.headings:
        m = result.mappings.get(h.index)
        if m is not None:
            result.by_section.setdefault(m.section, []).append(h)
    result.unknown = [h for h in tops if h.index not in result.mappings and id(h) not in duplicated]

    for fmt in checklist.outdated_formats:
        hit = next((h for m in fmt["markers"] for h in outline.headings if m in h.text), None)
        if hit is not None:
            result.outdated_format = (fmt, hit)
            break

    for s in result.missing(checklist):
        if s.within is not None:
            continue
        subs = [h for h in outline.headings if h.level > 1]
        best: Mapping | None = None
        for h in subs:
            sc, reason = score_heading(h.text, s)
            if sc >= threshold and (best is None or sc > (best.score or 0)):
                best = Mapping(h, s.id, sc, reason)
        if best is not None:
            result.sub_matches[s.id] = best
        elif s.mentions:
            for idx, ln in enumerate(outline.document.lines):
                phrase = next((p for p in s.mentions if p in ln.text), None)
                if phrase and idx not in outline.front:
                    result.mentions[s.id] = Mention(ln, _owner(outline, idx), phrase)
                    break
    return result
