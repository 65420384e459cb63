"""Checklists: declarative YAML descriptions of a mandated report structure.

A checklist lists the sections a report must contain, in order, with the
canonical heading, real-world variants (aliases), keywords and required
elements of each.  A variant ``extends`` another checklist and overrides only
what differs.  Files are validated on load; every problem is reported with the
file and line it comes from, and a misspelt key is an error, never ignored.
See docs/checklists.md for the format.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from lint.terms import TermSet, load_terms

SEVERITIES = ("error", "warning", "info")
DEFAULT_CHECKLIST = "fazhi-2019"
DEFAULT_THRESHOLD = 70.0

TOP_KEYS = {
    "id": str,
    "name": str,
    "name_en": str,
    "source": str,
    "description": str,
    "extends": str,
    "threshold": (int, float),
    "sections": list,
    "order": list,
    "terms": str,
    "detect": dict,
    "preamble": bool,
    "coverage": dict,
    "outdated_formats": list,
    "table_checks": list,
    "examples": list,
}
DETECT_KEYS = {"title": list, "headings": list}
COVERAGE_KEYS = {"name": str, "name_en": str, "areas": list}
AREA_KEYS = {"name": str, "keywords": list}
OUTDATED_FORMAT_KEYS = {"name": str, "name_en": str, "markers": list, "note": str}
TABLE_CHECK_KEYS = {"name": str, "section": str, "left": list, "right": list, "kind": str}
TABLE_CHECK_KINDS = ("rows", "items", "columns")
EXAMPLE_KEYS = {"name": str, "text": str, "expect": list}
SECTION_KEYS = {
    "id": str,
    "title": str,
    "title_en": str,
    "label": str,
    "aliases": list,
    "keywords": list,
    "mentions": list,
    "required": bool,
    "severity": str,
    "repeatable": bool,
    "collect_unmatched": bool,
    "year_offset": int,
    "requires_table": bool,
    "unordered": bool,
    "subsection_ok": bool,
    "within": str,
    "elements": list,
}
ELEMENT_KEYS = {"id": str, "name": str, "name_en": str, "patterns": list, "severity": str}
#: Keys whose value is a list of mappings (validated entry by entry elsewhere).
_LISTS_OF_MAPPINGS = {
    "sections",
    "elements",
    "canonical",
    "outdated",
    "wording",
    "ignore",
    "overrides",
    "areas",
    "outdated_formats",
    "table_checks",
    "examples",
}
_TYPE_NAMES = {
    str: "a string",
    list: "a list",
    bool: "true or false",
    (int, float): "a number",
    int: "a whole number",
}


class ChecklistError(Exception):
    """A checklist could not be loaded; ``problems`` holds ``(path, line, message)``."""

    def __init__(self, problems: list[tuple[str, int | None, str]]):
        self.problems = problems
        super().__init__("\n".join(self.format_lines()))

    def format_lines(self) -> list[str]:
        return [f"{path}:{line}: {msg}" if line else f"{path}: {msg}" for path, line, msg in self.problems]


@dataclass
class Element:
    id: str
    name: str
    patterns: list[str]
    name_en: str = ""
    severity: str = "warning"


@dataclass(eq=False)
class Section:
    id: str
    title: str
    title_en: str = ""
    label: str = ""  # short name used in messages; defaults to the title
    aliases: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    required: bool = True
    severity: str = "error"
    repeatable: bool = False
    collect_unmatched: bool = False
    #: Year a heading of this section may name, relative to the report year (0: the year
    #: reported on, 1: the next year); None: not checked.
    year_offset: int | None = None
    #: The section must contain a statistics table (`missing-table`).
    requires_table: bool = False
    #: Left out of the order check (its place is free).
    unordered: bool = False
    #: A sub-heading carrying the section is enough (no `missing-section`).
    subsection_ok: bool = False
    #: The id of the section this one is a required sub-section of.
    within: str | None = None
    elements: list[Element] = field(default_factory=list)

    def display(self, lang: str) -> str:
        """Short name of the section for messages."""
        return (self.title_en or self.id) if lang == "en" else (self.label or self.title)


@dataclass
class Example:
    name: str
    text: str
    expect: list[str]


@dataclass
class TableCheck:
    name: str
    section: str | None
    left: list[str]
    right: list[str]
    #: "rows": left rows add up to right rows; "items": the rows from left[0] up to right[0] add up to it;
    #: "columns": in every row, each group of len(left) numbers adds up to the len(right) number after it.
    kind: str = "rows"


@dataclass
class Checklist:
    id: str
    name: str
    sections: dict[str, Section]
    order: list[str]
    name_en: str = ""
    source: str = ""
    description: str = ""
    extends: str | None = None
    threshold: float = DEFAULT_THRESHOLD
    path: str = ""
    terms: TermSet | None = None
    #: How to recognise a report of this kind: patterns in the title and in the first headings.
    detect: dict[str, list[str]] = field(default_factory=dict)
    preamble: bool = False
    coverage: dict | None = None
    outdated_formats: list[dict] = field(default_factory=list)
    table_checks: list[TableCheck] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)

    def top_sections(self) -> list[Section]:
        """Sections matched against top-level headings (not required sub-sections)."""
        return [s for s in self.ordered() if s.within is None]

    def ordered(self) -> list[Section]:
        return [self.sections[sid] for sid in self.order]


# --------------------------------------------------------------------------- YAML with line numbers


class _Map(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class _List(list):
    line: int = 0
    item_lines: list[int]


def _loader():
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _to_py(node: yaml.Node, path: str, problems: list) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = _Map()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _to_py(key_node, path, problems)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                problems.append((path, line, f"key {key!r} must be a string"))
                continue
            if key in out:
                problems.append((path, line, f"duplicate key '{key}' (first at line {out.key_lines[key]})"))
                continue
            out[key] = _to_py(value_node, path, problems)
            out.key_lines[key] = line
        return out
    if isinstance(node, yaml.SequenceNode):
        items = _List(_to_py(v, path, problems) for v in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [v.start_mark.line + 1 for v in node.value]
        return items
    value = node.value
    tag = node.tag
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() in ("true", "yes", "on")
    if tag.endswith(":int"):
        try:
            return int(value.replace("_", ""))
        except ValueError:
            return int(value.replace("_", ""), 0)
    if tag.endswith(":float"):
        return float(value)
    return value


def _parse_yaml(text: str, path: str) -> _Map:
    problems: list = []
    try:
        node = yaml.compose(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ChecklistError([(path, line, f"invalid YAML: {exc.problem or exc}")]) from None
    except yaml.YAMLError as exc:
        raise ChecklistError([(path, None, f"invalid YAML: {exc}")]) from None
    if node is None:
        raise ChecklistError([(path, None, "empty checklist file")])
    data = _to_py(node, path, problems)
    if problems:
        raise ChecklistError(problems)
    if not isinstance(data, _Map):
        raise ChecklistError([(path, 1, "a checklist must be a mapping of keys (id, name, sections, …)")])
    return data


# --------------------------------------------------------------------------- validation


def _suggest(key: str, allowed: dict) -> str:
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(sorted(allowed))})"


def _check_keys(data: _Map, allowed: dict, where: str, path: str, problems: list) -> None:
    for key, value in data.items():
        line = data.key_lines.get(key, data.line)
        if key not in allowed:
            problems.append((path, line, f"unknown key '{key}' in {where}{_suggest(key, allowed)}"))
            continue
        expected = allowed[key]
        ok = isinstance(value, expected) and not (expected is not bool and isinstance(value, bool))
        if not ok:
            problems.append((path, line, f"'{key}' in {where} must be {_TYPE_NAMES[expected]}"))
        elif expected is list and key not in _LISTS_OF_MAPPINGS:
            for item, item_line in zip(value, value.item_lines, strict=True):
                if not isinstance(item, str) or not item.strip():
                    problems.append(
                        (path, item_line, f"'{key}' in {where} must be a list of non-empty strings")
                    )


def _validate_raw(data: _Map, path: str) -> list:
    problems: list = []
    _check_keys(data, TOP_KEYS, "the checklist", path, problems)
    if "id" not in data:
        problems.append((path, data.line, "missing required key 'id'"))
    if "extends" not in data:
        for key in ("name", "sections", "order"):
            if key not in data:
                problems.append(
                    (path, data.line, f"missing required key '{key}' (or 'extends' another checklist)")
                )
    threshold = data.get("threshold")
    if isinstance(threshold, (int, float)) and not isinstance(threshold, bool) and not 0 < threshold <= 100:
        problems.append((path, data.key_lines["threshold"], "'threshold' must be between 0 and 100"))
    for key, keys, required in (
        ("outdated_formats", OUTDATED_FORMAT_KEYS, ("name", "markers")),
        ("table_checks", TABLE_CHECK_KEYS, ("name", "left", "right")),
        ("examples", EXAMPLE_KEYS, ("name", "text", "expect")),
    ):
        entries = data.get(key)
        if isinstance(entries, list):
            for entry, line in zip(entries, entries.item_lines, strict=True):
                if not isinstance(entry, _Map):
                    problems.append((path, line, f"each entry of '{key}' must be a mapping"))
                    continue
                _check_keys(entry, keys, f"an entry of '{key}'", path, problems)
                for k in required:
                    if k not in entry:
                        problems.append((path, entry.line, f"an entry of '{key}' lacks '{k}'"))
                if key == "table_checks" and entry.get("kind", "rows") not in TABLE_CHECK_KINDS:
                    problems.append((path, entry.line, f"'kind' must be one of {', '.join(TABLE_CHECK_KINDS)}"))
    if isinstance(data.get("detect"), _Map):
        _check_keys(data["detect"], DETECT_KEYS, "'detect'", path, problems)
    coverage = data.get("coverage")
    if isinstance(coverage, _Map):
        _check_keys(coverage, COVERAGE_KEYS, "'coverage'", path, problems)
        areas = coverage.get("areas")
        if isinstance(areas, list):
            for area, line in zip(areas, areas.item_lines, strict=True):
                if not isinstance(area, _Map) or "name" not in area or "keywords" not in area:
                    problems.append((path, line, "each coverage area needs 'name' and 'keywords'"))
                    continue
                _check_keys(area, AREA_KEYS, "a coverage area", path, problems)
    sections = data.get("sections")
    if isinstance(sections, list):
        for item, line in zip(sections, sections.item_lines, strict=True):
            if not isinstance(item, _Map):
                problems.append((path, line, "each entry of 'sections' must be a mapping with an 'id'"))
                continue
            where = f"section '{item.get('id', '?')}'"
            _check_keys(item, SECTION_KEYS, where, path, problems)
            if "id" not in item:
                problems.append((path, item.line, "section without 'id'"))
            sev = item.get("severity")
            if isinstance(sev, str) and sev not in SEVERITIES:
                problems.append(
                    (
                        path,
                        item.key_lines["severity"],
                        f"severity '{sev}' must be one of {', '.join(SEVERITIES)}",
                    )
                )
            elements = item.get("elements")
            if isinstance(elements, list):
                for el, el_line in zip(elements, elements.item_lines, strict=True):
                    if not isinstance(el, _Map):
                        problems.append((path, el_line, f"each element of {where} must be a mapping"))
                        continue
                    _check_keys(el, ELEMENT_KEYS, f"an element of {where}", path, problems)
                    for key in ("id", "name", "patterns"):
                        if key not in el:
                            problems.append((path, el.line, f"element of {where} lacks '{key}'"))
                    esev = el.get("severity")
                    if isinstance(esev, str) and esev not in SEVERITIES:
                        problems.append(
                            (
                                path,
                                el.key_lines["severity"],
                                f"severity '{esev}' must be one of {', '.join(SEVERITIES)}",
                            )
                        )
    return problems


# --------------------------------------------------------------------------- loading and extends


def builtin_dir() -> Path:
    """Directory of the built-in checklists (inside the wheel, or the source tree)."""
    here = Path(__file__).resolve().parent
    packaged = here / "checklists"
    return packaged if packaged.is_dir() else here.parent / "checklists"


def builtin_ids() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def _resolve_ref(ref: str, relative_to: Path | None) -> Path | None:
    if ref.endswith((".yaml", ".yml")) or os.sep in ref or "/" in ref:
        p = Path(ref)
        if not p.is_absolute() and relative_to is not None:
            p = relative_to / p
        return p
    candidate = builtin_dir() / f"{ref}.yaml"
    return candidate if candidate.is_file() else None


def _read_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ChecklistError([(str(path), None, "no such checklist file")]) from None
    except IsADirectoryError:
        raise ChecklistError([(str(path), None, "is a directory, not a checklist file")]) from None
    except OSError as exc:
        raise ChecklistError([(str(path), None, f"cannot read: {exc.strerror or exc}")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ChecklistError([(str(path), None, "checklist files must be UTF-8 text")]) from None


def _build_section(raw: _Map, base: Section | None) -> Section:
    values: dict[str, Any] = {}
    if base is not None:
        values = {k: getattr(base, k) for k in SECTION_KEYS}
    for key, value in raw.items():
        if key == "elements":
            value = [
                Element(
                    id=el["id"],
                    name=el["name"],
                    patterns=list(el["patterns"]),
                    name_en=el.get("name_en", ""),
                    severity=el.get("severity", "warning"),
                )
                for el in value
            ]
        elif isinstance(value, list):
            value = list(value)
        values[key] = value
    return Section(**values)


def _load(path: Path, chain: tuple[str, ...]) -> Checklist:
    key = str(path.resolve())
    if key in chain:
        raise ChecklistError([(str(path), None, "'extends' forms a cycle: " + " → ".join((*chain, key)))])
    data = _parse_yaml(_read_file(path), str(path))
    problems = _validate_raw(data, str(path))
    if problems:
        raise ChecklistError(problems)
    parent: Checklist | None = None
    if "extends" in data:
        ref = data["extends"]
        parent_path = _resolve_ref(ref, path.parent)
        if parent_path is None:
            raise ChecklistError(
                [
                    (
                        str(path),
                        data.key_lines["extends"],
                        f"'extends: {ref}' names no built-in checklist"
                        f" ({', '.join(builtin_ids())}) and no file",
                    )
                ]
            )
        parent = _load(parent_path, (*chain, key))
    sections: dict[str, Section] = dict(parent.sections) if parent else {}
    added: list[str] = []
    for raw in data.get("sections", []):
        sid = raw["id"]
        if sid in sections and parent is None:
            problems.append((str(path), raw.line, f"duplicate section id '{sid}'"))
            continue
        if sid not in sections and "title" not in raw:
            problems.append((str(path), raw.line, f"new section '{sid}' needs a 'title'"))
            continue
        if sid not in sections:
            added.append(sid)
        sections[sid] = _build_section(raw, sections.get(sid))
    order = list(data["order"]) if "order" in data else (parent.order if parent else []) + added
    if "order" in data:
        lines = data["order"].item_lines
        seen: set[str] = set()
        for sid, line in zip(order, lines, strict=True):
            if sid not in sections:
                close = difflib.get_close_matches(sid, list(sections), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.append((str(path), line, f"'order' names unknown section '{sid}'{hint}"))
            elif sid in seen:
                problems.append((str(path), line, f"'order' lists section '{sid}' twice"))
            seen.add(sid)
        for sid in sections:
            if sid not in seen:
                problems.append(
                    (str(path), data.key_lines["order"], f"'order' does not list section '{sid}'")
                )
    if not sections:
        problems.append((str(path), data.line, "a checklist needs at least one section"))
    terms = parent.terms if parent else None
    if "terms" in data:
        terms_path = Path(data["terms"])
        if not terms_path.is_absolute():
            terms_path = path.parent / terms_path
        if not terms_path.is_file():
            problems.append((str(path), data.key_lines["terms"], f"'terms' file not found: {terms_path}"))
        else:
            terms = load_terms(terms_path)
    for sid, section in sections.items():
        if section.within is not None and section.within not in sections:
            problems.append(
                (str(path), data.line, f"section '{sid}' is 'within' unknown section '{section.within}'")
            )
    for entry in data.get("table_checks", []) or []:
        if entry.get("section") and entry["section"] not in sections:
            problems.append(
                (str(path), entry.line, f"table check names unknown section '{entry['section']}'")
            )
    if problems:
        raise ChecklistError(problems)
    base = parent or Checklist(id="", name="", sections={}, order=[])
    return Checklist(
        id=data["id"],
        name=data.get("name", base.name),
        name_en=data.get("name_en", base.name_en),
        source=data.get("source", base.source),
        description=data.get("description", base.description),
        extends=data.get("extends"),
        threshold=float(data.get("threshold", base.threshold if parent else DEFAULT_THRESHOLD)),
        sections=sections,
        order=order,
        path=str(path),
        terms=terms,
        # Not inherited: a variant is chosen explicitly, never detected.
        detect={k: list(v) for k, v in data["detect"].items()} if "detect" in data else {},
        preamble=data.get("preamble", base.preamble),
        coverage=_plain(data["coverage"]) if "coverage" in data else base.coverage,
        outdated_formats=_plain(data["outdated_formats"])
        if "outdated_formats" in data
        else list(base.outdated_formats),
        table_checks=[
            TableCheck(e["name"], e.get("section"), list(e["left"]), list(e["right"]), e.get("kind", "rows"))
            for e in data["table_checks"]
        ]
        if "table_checks" in data
        else list(base.table_checks),
        examples=[Example(e["name"], e["text"], list(e["expect"])) for e in data.get("examples", [])],
    )


def _plain(value: Any) -> Any:
    """Plain dicts and lists from the line-tracking YAML containers."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_file(path: str | os.PathLike[str]) -> Checklist:
    """Load and validate a checklist file (resolving ``extends``)."""
    return _load(Path(path), ())


@lru_cache(maxsize=32)
def load_checklist(ref: str) -> Checklist:
    """Load a checklist by built-in id or by file path."""
    path = _resolve_ref(ref, Path.cwd())
    if path is None:
        close = difflib.get_close_matches(ref, builtin_ids(), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; built-in: {', '.join(builtin_ids())}"
        raise ChecklistError([(ref, None, f"unknown checklist{hint}")])
    return load_file(path)
