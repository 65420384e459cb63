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

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

_DASHES = "—–－‐‑‒―~～"
_QUOTES = "“”「」\"'‘’"
_HAN_ONLY = re.compile(r"^[\u3400-\u9fff]+$")


_FORM_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII → ASCII
_FORM_TABLE.update({0x3000: " "} | {ord(ch): "-" for ch in _DASHES} | {ord(ch): '"' for ch in _QUOTES})


@lru_cache(maxsize=8192)
def search_form(text: str) -> str:
    """A copy of ``text`` of the same length for matching: full-width forms folded, dashes and quotes unified."""
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

    def _find(self, name: str, pairs: list[tuple[str, object]], text: str) -> list[Hit]:
        regex, table = self._pattern(name, pairs)
        if regex is None:
            return []
        form = search_form(text)
        return [
            Hit(m.start(), m.end(), text[m.start() : m.end()], table[m.group(0)])
            for m in regex.finditer(form)
        ]

    def protected(self, text: str) -> list[tuple[int, int]]:
        """Spans where wording and variant rules stay silent: exceptions and 《document titles》."""
        spans = [(h.start, h.end) for h in self._find("exceptions", [(e, e) for e in self.exceptions], text)]
        spans += [(m.start(), m.end()) for m in re.finditer(r"《[^《》]{1,60}》", text)]
        return spans

    def known_variants(self, text: str) -> list[Hit]:
        pairs = [(v, c) for c in self.canonical for v in c.variants]
        return self._find("variants", pairs, text)

    def outdated_hits(self, text: str) -> list[Hit]:
        return self._find("outdated", [(o.phrase, o) for o in self.outdated], text)

    def wording_hits(self, text: str) -> list[Hit]:
        return self._find("wording", [(w.wrong, w) for w in self.wording], text)

    def exact(self, text: str) -> list[Hit]:
        return self._find("canonical", [(c.phrase, c) for c in self.canonical], text)

    # -- near misses ------------------------------------------------------------------------
    def near_misses(self, text: str) -> list[Hit]:
        """Windows one edit away from a canonical phrase (substitution, adjacent swap, one
        character moved, one dropped or added), not overlapping a correct occurrence."""
        form = search_form(text)
        correct = [(h.start, h.end) for h in self.exact(text)]
        hits: list[Hit] = []
        taken: list[tuple[int, int]] = []
        for canon in self.canonical:
            phrase = search_form(canon.phrase)
            n = len(phrase)
            if not canon.near_miss or n < 4:
                continue
            k = max(1, (n - 2) // 2)
            starts: set[int] = set()
            for anchor, offset in ((phrase[:k], 0), (phrase[-k:], n - k)):
                at = form.find(anchor)
                while at >= 0:
                    base = at - offset
                    starts.update(range(base - 1, base + 2))
                    at = form.find(anchor, at + 1)
            for s in sorted(starts):
                for length in (n, n - 1, n + 1):
                    e = s + length
                    if s < 0 or e > len(form):
                        continue
                    window = form[s:e]
                    if not _HAN_ONLY.match(window) or not _one_edit(window, phrase):
                        continue
                    if any(s < ce and cs < e for cs, ce in correct + taken):
                        continue
                    hits.append(Hit(s, e, text[s:e], canon))
                    taken.append((s, e))
        return hits


def _one_edit(window: str, phrase: str) -> bool:
    if window == phrase:
        return False
    if abs(len(window) - len(phrase)) == 1:
        return Levenshtein.distance(window, phrase, score_cutoff=1) <= 1
    if len(window) != len(phrase):
        return False
    distance = Levenshtein.distance(window, phrase, score_cutoff=2)
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
