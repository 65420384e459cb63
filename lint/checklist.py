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

from lint.terms import TermSet, load_terms
from lint.yamlspec import (
    Map,
    SpecError,
    check_entries,
    check_keys,
    check_severity,
    confined,
    entries,
    is_type,
    plain,
    read_text,
)
from lint.yamlspec import parse as parse_yaml

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


class ChecklistError(SpecError):
    """A checklist could not be loaded; ``problems`` holds ``(path, line, message)``."""


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

    def __reduce__(self):
        # Sent between processes by reference: the receiver loads (and caches) the same file.
        if self.path:
            return (load_checklist, (self.path,))
        return super().__reduce__()

    def top_sections(self) -> list[Section]:
        """Sections matched against top-level headings (not required sub-sections)."""
        return [s for s in self.ordered() if s.within is None]

    def ordered(self) -> list[Section]:
        return [self.sections[sid] for sid in self.order]


# --------------------------------------------------------------------------- validation


def _validate_raw(data: Map, path: str) -> list:
    problems: list = []
    check_keys(data, TOP_KEYS, "the checklist", path, problems, lists_of_mappings=_LISTS_OF_MAPPINGS)
    if "id" not in data:
        problems.append((path, data.line, "missing required key 'id'"))
    if "extends" not in data:
        for key in ("name", "sections", "order"):
            if key not in data:
                problems.append(
                    (path, data.line, f"missing required key '{key}' (or 'extends' another checklist)")
                )
    threshold = data.get("threshold")
    if is_type(threshold, (int, float)) and not 0 < threshold <= 100:
        problems.append((path, data.key_lines["threshold"], "'threshold' must be between 0 and 100"))
    for key, keys, required in (
        ("outdated_formats", OUTDATED_FORMAT_KEYS, ("name", "markers")),
        ("table_checks", TABLE_CHECK_KEYS, ("name", "left", "right")),
        ("examples", EXAMPLE_KEYS, ("name", "text", "expect")),
    ):
        for entry in check_entries(data, key, keys, path, problems, required):
            if key == "table_checks" and entry.get("kind", "rows") not in TABLE_CHECK_KINDS:
                problems.append((path, entry.line, f"'kind' must be one of {', '.join(TABLE_CHECK_KINDS)}"))
    for example in entries(data, "examples", path, []):
        if isinstance(example.get("text"), str) and not example["text"].strip():
            problems.append((path, example.line_of("text"), "an example's 'text' must not be empty"))
    if isinstance(data.get("detect"), Map):
        check_keys(data["detect"], DETECT_KEYS, "'detect'", path, problems)
    coverage = data.get("coverage")
    if isinstance(coverage, Map):
        check_keys(coverage, COVERAGE_KEYS, "'coverage'", path, problems, lists_of_mappings={"areas"})
        check_entries(coverage, "areas", AREA_KEYS, path, problems, ("name", "keywords"), "a coverage area")
    for item in entries(data, "sections", path, problems):
        where = f"section '{item.get('id', '?')}'"
        check_keys(item, SECTION_KEYS, where, path, problems, lists_of_mappings={"elements"})
        if "id" not in item:
            problems.append((path, item.line, "section without 'id'"))
        check_severity(item, "severity", path, problems)
        for el in check_entries(
            item, "elements", ELEMENT_KEYS, path, problems, ("id", "name", "patterns"), f"an element of {where}"
        ):
            check_severity(el, "severity", path, problems)
    return problems


# --------------------------------------------------------------------------- loading and extends


def builtin_dir() -> Path:
    """Directory of the built-in checklists (inside the wheel, or the source tree)."""
    here = Path(__file__).resolve().parent
    packaged = here / "checklists"
    return packaged if packaged.is_dir() else here.parent / "checklists"


def builtin_ids() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def is_file_ref(ref: str) -> bool:
    """Whether a checklist reference names a file (rather than a built-in id)."""
    return ref.endswith((".yaml", ".yml")) or os.sep in ref or "/" in ref


def _resolve_ref(ref: str, relative_to: Path | None) -> Path | None:
    if is_file_ref(ref):
        p = Path(ref)
        if not p.is_absolute() and relative_to is not None:
            p = relative_to / p
        return p
    if len(ref) > 200 or "\0" in ref:
        return None
    candidate = builtin_dir() / f"{ref}.yaml"
    try:
        return candidate if candidate.is_file() else None
    except OSError:
        return None


def _build_section(raw: Map, base: Section | None) -> Section:
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
    data = parse_yaml(read_text(path, "checklist file", ChecklistError), str(path), "checklist file", ChecklistError)
    problems = _validate_raw(data, str(path))
    if problems:
        raise ChecklistError(problems)
    parent: Checklist | None = None
    if "extends" in data:
        ref = data["extends"]
        if is_file_ref(ref):
            # Only files beside (or below) the checklist that names them, or the built-ins.
            parent_path = confined(ref, path.parent, builtin_dir())
            if parent_path is None:
                raise ChecklistError(
                    [
                        (
                            str(path),
                            data.key_lines["extends"],
                            f"'extends: {ref}' must name a built-in checklist or a file in the checklist's"
                            " own directory (or below it)",
                        )
                    ]
                )
        else:
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
            try:
                terms = load_terms(terms_path)
            except SpecError as exc:
                problems.extend(exc.problems)
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
        coverage=plain(data["coverage"]) if "coverage" in data else base.coverage,
        outdated_formats=plain(data["outdated_formats"])
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


# --------------------------------------------------------------------------- start-up cache of the built-ins


def _cache_file() -> Path | None:
    """Where the parsed built-in checklists are kept between runs, keyed by the files' sizes and times."""
    import hashlib

    from lint import __version__

    root = os.environ.get("REPORTLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "reportlint"
    )
    try:
        stamp = [
            f"{p.relative_to(builtin_dir())}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
            for p in sorted(builtin_dir().rglob("*.yaml"))
        ]
    except OSError:
        return None
    key = hashlib.sha256("\n".join([__version__, str(builtin_dir()), *stamp]).encode()).hexdigest()[:20]
    return Path(root) / f"checklists-{key}.pickle"


@lru_cache(maxsize=1)
def _builtin_cache() -> dict[str, Checklist]:
    """The built-in checklists by id: from the cache when it matches the files, else parsed and cached.
    A cache that cannot be read or written is simply not used (``REPORTLINT_CACHE_DIR=`` off)."""
    import pickle

    if os.environ.get("REPORTLINT_CACHE_DIR", None) == "":
        return {}
    path = _cache_file()
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        if isinstance(data, dict) and all(isinstance(v, Checklist) for v in data.values()):
            return data
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    try:
        data = {cid: load_file(builtin_dir() / f"{cid}.yaml") for cid in builtin_ids()}
    except ChecklistError:
        return {}
    try:
        import io
        import tempfile

        buffer = io.BytesIO()
        _CachePickler(buffer).dump(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".checklists-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(buffer.getvalue())
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is not used
        pass
    return data


def _restore_checklist(state: dict) -> Checklist:
    obj = Checklist.__new__(Checklist)
    obj.__dict__.update(state)
    return obj


class _CachePickler:
    """Pickles checklists by value (between processes they travel by reference, see ``__reduce__``)."""

    def __init__(self, fh) -> None:
        import pickle

        class Pickler(pickle.Pickler):
            def reducer_override(self, obj):
                if isinstance(obj, Checklist):
                    return _restore_checklist, (dict(obj.__dict__),)
                return NotImplemented

        self.pickler = Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)

    def dump(self, obj) -> None:
        self.pickler.dump(obj)


def load_file(path: str | os.PathLike[str]) -> Checklist:
    """Load and validate a checklist file (resolving ``extends``)."""
    return _load(Path(path), ())


@lru_cache(maxsize=32)
def load_checklist(ref: str) -> Checklist:
    """Load a checklist by built-in id or by file path (built-ins through a start-up cache)."""
    if not is_file_ref(ref):
        cached = _builtin_cache().get(ref)
        if cached is not None:
            return cached
    path = _resolve_ref(ref, Path.cwd())
    if path is None:
        close = difflib.get_close_matches(ref, builtin_ids(), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; built-in: {', '.join(builtin_ids())}"
        raise ChecklistError([(ref, None, f"unknown checklist{hint}")])
    return load_file(path)
