"""Term lists: canonical formulations, outdated references and wordings, and how they are found.

A term file (YAML, see docs/checklists.md) is included by a checklist with
``terms: terms/fazhi.yaml``.  Searching is exact and multi-pattern (one
compiled alternation per list) on a normalised copy of each line that keeps
character positions (full-width forms folded, dashes and quotes unified), so
findings still point at the original column.  Near misses of canonical
phrases are found from anchors (a prefix and a suffix of the phrase, one of
which survives any single edit) and verified with rapidfuzz, which keeps the
search bounded on long reports.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import partial_ratio as _partial_ratio

_distance = Levenshtein.distance

_DASHES = "—–－‐‑‒―~～"
_QUOTES = "“”「」\"'‘’"
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_DOCUMENT_TITLE = re.compile(r"《[^《》]{1,60}》")


_FORM_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII → ASCII
_FORM_TABLE.update({0x3000: " "} | {ord(ch): "-" for ch in _DASHES} | {ord(ch): '"' for ch in _QUOTES})


def search_form(text: str) -> str:
    """A copy of ``text`` of the same length for matching: full-width forms folded, dashes and quotes unified."""
    # Each line is searched by several rules.  Long lines get a small cache of their own so
    # that a batch of large files does not keep thousands of them alive.
    return _cached_form(text) if len(text) <= 2000 else _cached_long_form(text)


@lru_cache(maxsize=8192)
def _cached_form(text: str) -> str:
    return text.translate(_FORM_TABLE)


@lru_cache(maxsize=4)
def _cached_long_form(text: str) -> str:
    return text.translate(_FORM_TABLE)


@dataclass
class Canonical:
    phrase: str
    variants: list[str] = field(default_factory=list)
    near_miss: bool = True
    note: str = ""


@dataclass
class Outdated:
    phrase: str
    since: int | None = None  # first report year it may appear in
    until: int | None = None  # last report year it may appear in
    use: str = ""
    note: str = ""
    severity: str = "warning"


@dataclass
class Wording:
    wrong: str
    right: str
    note: str = ""


@dataclass
class Hit:
    start: int
    end: int
    text: str  # as written in the line
    item: object


@dataclass
class TermSet:
    path: str
    canonical: list[Canonical] = field(default_factory=list)
    outdated: list[Outdated] = field(default_factory=list)
    wording: list[Wording] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._patterns: dict[str, tuple[re.Pattern[str] | None, dict[str, object]]] = {}

    # -- exact multi-pattern search ---------------------------------------------------------
    def _pattern(
        self, name: str, pairs: list[tuple[str, object]]
    ) -> tuple[re.Pattern[str] | None, dict[str, object]]:
        if name not in self._patterns:
            table = {search_form(k): v for k, v in pairs}
            keys = sorted(table, key=len, reverse=True)
            regex = re.compile("|".join(re.escape(k) for k in keys)) if keys else None
            self._patterns[name] = (regex, table)
        return self._patterns[name]

    def _compiled(
        self, name: str, pairs: Callable[[], list[tuple[str, object]]]
    ) -> tuple[re.Pattern[str] | None, dict[str, object]]:
        entry = self._patterns.get(name)
        return entry if entry is not None else self._pattern(name, pairs())

    def _find(self, name: str, pairs: Callable[[], list[tuple[str, object]]], text: str) -> list[Hit]:
        regex, table = self._compiled(name, pairs)
        if regex is None:
            return []
        hits = []
        for m in regex.finditer(search_form(text)):
            start, end = m.span()
            hits.append(Hit(start, end, text[start:end], table[m.group(0)]))
        return hits

    def protected(self, text: str) -> list[tuple[int, int]]:
        """Spans where wording and variant rules stay silent: exceptions and 《document titles》."""
        spans = [
            (h.start, h.end)
            for h in self._find("exceptions", lambda: [(e, e) for e in self.exceptions], text)
        ]
        spans += [m.span() for m in _DOCUMENT_TITLE.finditer(text)]
        return spans

    def known_variants(self, text: str) -> list[Hit]:
        return self._find("variants", lambda: [(v, c) for c in self.canonical for v in c.variants], text)

    def outdated_hits(self, text: str) -> list[Hit]:
        return self._find("outdated", lambda: [(o.phrase, o) for o in self.outdated], text)

    def wording_hits(self, text: str) -> list[Hit]:
        return self._find("wording", lambda: [(w.wrong, w) for w in self.wording], text)

    def exact(self, text: str) -> list[Hit]:
        return self._find("canonical", lambda: [(c.phrase, c) for c in self.canonical], text)

    # -- near misses ------------------------------------------------------------------------
    @cached_property
    def _near_plan(self) -> list[tuple[Canonical, str, tuple[tuple[str, int], ...], float]]:
        """Per canonical phrase checked for near misses: its search form, its two anchors, and
        the lowest partial-ratio score a line holding a near miss of it can have."""
        plan = []
        for canon in self.canonical:
            phrase = search_form(canon.phrase)
            n = len(phrase)
            if not canon.near_miss or n < 4:
                continue
            k = max(1, (n - 2) // 2)
            # In a line at least as long as the phrase, a near miss leaves a window of the
            # phrase's length at most two insertions/deletions from it: the line's partial
            # ratio is at least 100 * (n - 1) / n.  (rapidfuzz's partial ratio is exact for
            # needles of up to 64 characters.)
            floor = 100.0 * (n - 1) / n - 1e-6 if n <= 64 else 0.0
            plan.append((canon, phrase, ((phrase[:k], 0), (phrase[-k:], n - k)), floor))
        return plan

    def near_misses(self, text: str) -> list[Hit]:
        """Windows one edit away from a canonical phrase (substitution, adjacent swap, one
        character moved, one dropped or added), not overlapping a correct occurrence.

        Linear in the length of the line: candidate windows come only from anchor
        occurrences, and the spans already covered (correct occurrences and earlier hits,
        which never overlap each other) are kept sorted for a binary-search overlap test.
        Hits of one phrase come in order of position and are merged in once it is done.
        """
        plan = self._near_plan
        if not plan:
            return []
        form = search_form(text)
        size = len(form)
        # Disjoint covered spans, sorted: their ends are sorted too.  They start as the
        # correct occurrences (what exact() finds, without building hits).
        begins: list[int] = []
        ends: list[int] = []
        correct, _ = self._compiled("canonical", lambda: [(c.phrase, c) for c in self.canonical])
        for m in correct.finditer(form) if correct is not None else ():
            start, end = m.span()
            begins.append(start)
            ends.append(end)
        masked: str | None = None  # the line with correct occurrences blanked out, built when needed
        hits: list[Hit] = []
        runs: tuple[list[int], list[int]] | None = None  # runs of Han characters: starts, ends
        for canon, phrase, anchors, floor in plan:
            n = len(phrase)
            # Cheap tests first: candidate windows come only from anchors (and there is no
            # window without enough characters); the partial ratio rules out most lines holding one.
            if size < n - 1 or (anchors[0][0] not in form and anchors[1][0] not in form):
                continue
            if floor and size >= n:
                # A quick test whether the phrase can have a near miss at all, before looking
                # at windows one by one.
                if masked is None:
                    masked = _blank_out(form, begins, ends)
                if _partial_ratio(phrase, masked, score_cutoff=floor) < floor:
                    continue
            starts: set[int] = set()
            for anchor, offset in anchors:
                at = form.find(anchor)
                while at >= 0:
                    base = at - offset
                    starts.update((base - 1, base, base + 1))
                    at = form.find(anchor, at + 1)
            if not starts:
                continue
            if runs is None:
                found = [m.span() for m in _HAN_RUN.finditer(form)]
                runs = ([a for a, _ in found], [b for _, b in found])
            taken_begins: list[int] = []  # this phrase's hits, in order (windows are tried by start)
            taken_ends: list[int] = []
            for s in sorted(starts):
                if s < 0 or (taken_ends and taken_ends[-1] > s):
                    continue
                # Covered spans are disjoint and sorted, so their ends are sorted too: the span
                # starting last at or before s is the only one that can hold s, and a window
                # [s, e) is free when it also ends before the next span begins.
                pos = bisect_right(begins, s)
                if pos and ends[pos - 1] > s:
                    continue
                # A window is all Han when it lies inside the run of Han characters holding s.
                run = bisect_right(runs[0], s) - 1
                if run < 0 or runs[1][run] <= s:
                    continue
                limit = min(begins[pos] if pos < len(begins) else size, runs[1][run])
                for length in (n, n - 1, n + 1):
                    e = s + length
                    if e <= limit and _one_edit(form[s:e], phrase):
                        hits.append(Hit(s, e, text[s:e], canon))
                        taken_begins.append(s)
                        taken_ends.append(e)
                        break  # the window taken covers every longer window at s
            if taken_begins:
                # Merge two sorted runs (linear in Python's sort), keeping the spans disjoint and sorted.
                merged = sorted(zip(begins + taken_begins, ends + taken_ends, strict=True))
                begins = [b for b, _ in merged]
                ends = [e for _, e in merged]
        return hits


def _blank_out(form: str, begins: list[int], ends: list[int]) -> str:
    """``form`` with the spans replaced by NUL characters (same length)."""
    if not begins:
        return form
    out = io.StringIO()
    last = 0
    for start, end in zip(begins, ends, strict=True):
        out.write(form[last:start])
        out.write("\0" * (end - start))
        last = end
    out.write(form[last:])
    return out.getvalue()


def _one_edit(window: str, phrase: str) -> bool:
    if len(window) != len(phrase):
        return abs(len(window) - len(phrase)) == 1 and _distance(window, phrase, score_cutoff=1) <= 1
    distance = _distance(window, phrase, score_cutoff=2)
    if distance == 1:
        return True
    if distance == 2 and sorted(window) == sorted(phrase):
        # an adjacent swap or one character moved elsewhere
        for i, ch in enumerate(phrase):
            rest = phrase[:i] + phrase[i + 1 :]
            for j, wch in enumerate(window):
                if wch == ch and window[:j] + window[j + 1 :] == rest:
                    return True
    return False


# --------------------------------------------------------------------------- loading

GROUP_KEYS = {
    "canonical": {"phrase": str, "variants": list, "near_miss": bool, "note": str},
    "outdated": {"phrase": str, "from": int, "until": int, "use": str, "note": str, "severity": str},
    "wording": {"wrong": str, "right": str, "note": str},
}
REQUIRED = {"canonical": ("phrase",), "outdated": ("phrase",), "wording": ("wrong", "right")}


def load_terms(path: Path) -> TermSet:
    """Load and validate a term file; problems raise ``SpecError`` with file:line."""
    from lint.yamlspec import SpecError, check_entries, check_keys, check_severity, load

    data = load(path, "term file", SpecError)
    where = str(path)
    problems: list = []
    check_keys(
        data,
        {"canonical": list, "outdated": list, "wording": list, "exceptions": list},
        "the term file",
        where,
        problems,
        lists_of_mappings={"canonical", "outdated", "wording"},
    )
    terms = TermSet(where)
    for group, keys in GROUP_KEYS.items():
        for item in check_entries(data, group, keys, where, problems, REQUIRED[group], f"a '{group}' entry"):
            if group == "canonical":
                terms.canonical.append(
                    Canonical(
                        item["phrase"],
                        list(item.get("variants", [])),
                        item.get("near_miss", True),
                        item.get("note", ""),
                    )
                )
            elif group == "outdated":
                check_severity(item, "severity", where, problems)
                sev = item.get("severity", "warning")
                if "from" not in item and "until" not in item:
                    problems.append((where, item.line, "'outdated' entry needs 'from' or 'until'"))
                terms.outdated.append(
                    Outdated(
                        item["phrase"],
                        item.get("from"),
                        item.get("until"),
                        item.get("use", ""),
                        item.get("note", ""),
                        sev,
                    )
                )
            else:
                terms.wording.append(Wording(item["wrong"], item["right"], item.get("note", "")))
    terms.exceptions = list(data.get("exceptions", []) or [])
    if problems:
        raise SpecError(problems)
    return terms
