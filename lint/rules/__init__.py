"""Rule registry.

Rules are small generators of findings over (outline, match result,
checklist).  One module per rule family; each rule has an id (part of the
public contract), a default severity and an ``explain`` page with a failing
and a passing example that the test suite runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lint.checklist import Checklist
from lint.matcher import MatchResult
from lint.outline import Heading, Outline

SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Fix:
    """A safe, deterministic repair of one line of a text file.

    ``kind`` is "marker" (renumber and/or restyle the heading marker ``old``),
    "junk" (remove the conversion junk of the line) or "replace" (replace
    ``old`` by ``new`` near ``column``).  For "marker", ``style`` is the marker
    kind to write (None: keep) and ``number`` the number (None: keep).
    """

    kind: str
    lineno: int
    old: str = ""
    new: str = ""
    column: int | None = None
    style: str | None = None
    number: int | None = None


@dataclass
class Finding:
    rule: str
    severity: str
    line: int | None
    column: int | None
    message: str
    section: str | None = None
    hint: str | None = None
    fix: Fix | None = None
    #: Further repairs the same finding implies (renumbering the headings after a wrong number).
    more_fixes: tuple[Fix, ...] = ()


@dataclass
class Context:
    """What a rule sees: never the file itself, only the model built from it."""

    outline: Outline
    match: MatchResult
    checklist: Checklist
    lang: str = "zh"

    def t(self, zh: str, en: str) -> str:
        """Pick the message in the output language."""
        return en if self.lang == "en" else zh

    def checklist_title(self) -> str:
        """The checklist as a drafter knows it: 「《法治政府建设年度报告》的要求」 — never an internal id (zh)."""
        name = self.checklist.name.split("（")[0] or self.checklist.id
        return f"《{name}》的要求"

    def label(self, section_id: str) -> str:
        section = self.checklist.sections[section_id]
        return f"“{section.display('en')}”" if self.lang == "en" else f"「{section.display('zh')}」"

    def at(self, lineno: int, lang: str) -> str:
        """A location in words in ``lang``: 「第6行」/「第6段」/「第2页第3行」, "line 6"/"¶6"/"p. 2, line 3"."""
        return self.outline.document.describe(lineno, lang)

    def where(self, heading: Heading | None) -> str:
        """Human path of a heading: 「一、（三）」."""
        if heading is None:
            return ""
        parts = []
        h: Heading | None = heading
        while h is not None:
            parts.append(h.marker)
            h = h.parent
        return "".join(reversed(parts))


@dataclass
class Rule:
    id: str
    severity: str
    family: str
    summary: dict[str, str]
    explain: dict[str, str] = field(default_factory=dict)  # what/why/fix per language: "what_zh", ...
    basis: str = ""
    bad: str = ""  # a document that makes the rule fire
    good: str = ""  # the same document, fixed
    checklist: str = "fazhi-2019"  # the checklist the examples are checked with
    example_name: str = "r.txt"  # the file name the examples are read as (its extension picks the reader)
    #: Whether the rule's findings can carry a repair (``Finding.fix``) that ``reportlint fix`` makes.
    repairs: bool = False
    check: Callable[[Context], Iterator[Finding]] | None = None


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Callable[[Callable[[Context], Iterator[Finding]]], Callable]:
    """Decorator: attach a check function to a rule definition and register it."""

    def wrap(fn: Callable[[Context], Iterator[Finding]]) -> Callable[[Context], Iterator[Finding]]:
        rule.check = fn
        RULES[rule.id] = rule
        return fn

    return wrap


def expand(pattern: str) -> list[str]:
    """Rule ids a selector names: an id, a family name (``layout``, ``terms``) or a glob (``layout-*``)."""
    import fnmatch

    rules = all_rules()
    if pattern in rules:
        return [pattern]
    families = [rid for rid, r in rules.items() if r.family == pattern]
    if families:
        return families
    if any(ch in pattern for ch in "*?["):
        return [rid for rid in rules if fnmatch.fnmatchcase(rid, pattern)]
    return []


def all_rules() -> dict[str, Rule]:
    """Every rule, importing the rule families on first use."""
    if not RULES:
        from lint.rules import (  # noqa: F401
            content,
            document,
            encoding,
            evaluator,
            format,
            layout,
            numbering,
            source,
            structure,
            tables,
            terms,
        )

    return RULES
