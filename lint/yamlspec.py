"""Position-aware YAML loading and shape validation for every YAML file reportlint reads.

Checklists, term lists, configuration files and layout profiles are all read
here: ``read_text`` (size-limited, regular files only, UTF-8), ``parse``
(safe, aliases refused, depth-limited, every value remembers its line) and
``check_keys`` / ``check_entries`` (allowed and required keys, types,
did-you-mean).  Every problem is a ``(path, line, message)`` triple collected
into a ``SpecError``; nothing else escapes.
"""

from __future__ import annotations

import difflib
import math
import os
import stat
from pathlib import Path
from typing import Any

#: Largest YAML file read (checklists are a few KiB; configuration files smaller).
MAX_BYTES = 1_000_000
#: Deepest nesting of mappings and lists accepted.
MAX_DEPTH = 40
SEVERITIES = ("error", "warning", "info")

TYPE_NAMES = {
    str: "a string",
    list: "a list",
    dict: "a mapping",
    bool: "true or false",
    (int, float): "a number",
    int: "a whole number",
    (str, list): "a string or a list of strings",
}


class SpecError(Exception):
    """A YAML file could not be used; ``problems`` holds ``(path, line, message)``."""

    def __init__(self, problems: list[tuple[str, int | None, str]]):
        self.problems = problems
        super().__init__("\n".join(self.format_lines()))

    def format_lines(self, lang: str = "en") -> list[str]:
        """``file:line: problem`` lines; in Chinese with ``lang="zh"`` (as the command line shows them)."""
        if lang == "zh":
            from lint.messages_zh import zh

            return [f"{path}:{line}: {zh(msg)}" if line else f"{path}: {zh(msg)}" for path, line, msg in self.problems]
        return [f"{path}:{line}: {msg}" if line else f"{path}: {msg}" for path, line, msg in self.problems]


class Map(dict):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class List(list):
    """A list that remembers its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


def new_map(line: int) -> Map:
    out = Map()
    out.line = line
    out.key_lines = {}
    return out


def new_list(items: list, line: int, item_lines: list[int] | None = None) -> List:
    out = List(items)
    out.line = line
    out.item_lines = item_lines if item_lines is not None else [line] * len(items)
    return out


# --------------------------------------------------------------------------- reading


def read_text(path: Path, what: str = "file", error: type[SpecError] = SpecError) -> str:
    """The UTF-8 text of a regular file of at most MAX_BYTES; devices and FIFOs are refused unopened."""
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error([(name, None, f"no such {what}")]) from None
    except OSError as exc:
        raise error([(name, None, f"cannot read: {exc.strerror or exc}")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise error([(name, None, f"is a directory, not a {what}")]) from None
    if not stat.S_ISREG(info.st_mode):
        raise error([(name, None, f"not a regular file (a device, FIFO or socket), not a {what}")])
    if info.st_size > MAX_BYTES:
        raise error([(name, None, f"too large for a {what} ({info.st_size} bytes; at most {MAX_BYTES})")])
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise error([(name, None, f"cannot read: {exc.strerror or exc}")]) from None
    if len(data) > MAX_BYTES:
        raise error([(name, None, f"too large for a {what} (at most {MAX_BYTES} bytes)")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error([(name, None, f"a {what} must be UTF-8 text")]) from None


# --------------------------------------------------------------------------- parsing


def _loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _scalar(node) -> Any:
    value, tag = node.value, node.tag
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() in ("true", "yes", "on", "y")
    if tag.endswith(":int"):
        digits = value.replace("_", "")
        for base in (10, 0):
            try:
                return int(digits, base)
            except ValueError:
                continue
        return value  # sexagesimal (1:30) and other YAML 1.1 oddities stay text
    if tag.endswith(":float"):
        low = value.lower().replace("_", "")
        if low in (".inf", "+.inf"):
            return math.inf
        if low == "-.inf":
            return -math.inf
        if low == ".nan":
            return math.nan
        try:
            return float(low)
        except ValueError:
            return value
    return value


def _check_events(text: str, path: str, error: type[SpecError]) -> None:
    """Refuse anchors/aliases and deep nesting before any tree is built (no bombs, no recursion)."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + 1 if event.start_mark else None
            raise error([(path, line, "YAML anchors and aliases (& and *) are not supported here; write the values out")])
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise error([(path, line, f"nested more than {MAX_DEPTH} levels deep")])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _to_py(node, path: str, problems: list) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        out = new_map(node.start_mark.line + 1)
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
        return new_list(
            [_to_py(v, path, problems) for v in node.value],
            node.start_mark.line + 1,
            [v.start_mark.line + 1 for v in node.value],
        )
    return _scalar(node)


def parse(
    text: str, path: str, what: str = "file", error: type[SpecError] = SpecError, empty_ok: bool = False
) -> Map:
    """Parse YAML into ``Map``/``List`` values with lines; the document must be a mapping.

    An empty document is an empty mapping when ``empty_ok``, else an error.
    """
    import yaml

    if len(text) > MAX_BYTES:
        raise error([(path, None, f"too large for a {what} (at most {MAX_BYTES} characters)")])
    try:
        _check_events(text, path, error)
        node = yaml.compose(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise error([(path, line, f"invalid YAML: {exc.problem or exc}")]) from None
    except yaml.YAMLError as exc:
        raise error([(path, None, f"invalid YAML: {exc}")]) from None
    if node is None:
        if empty_ok:
            return new_map(1)
        raise error([(path, None, f"empty {what}")])
    problems: list = []
    data = _to_py(node, path, problems)
    if problems:
        raise error(problems)
    if not isinstance(data, Map):
        raise error([(path, node.start_mark.line + 1, f"a {what} must be a mapping of keys (key: value)")])
    return data


def load(
    path: Path, what: str = "file", error: type[SpecError] = SpecError, empty_ok: bool = False
) -> Map:
    """``read_text`` then ``parse``."""
    return parse(read_text(path, what, error), str(path), what, error, empty_ok)


# --------------------------------------------------------------------------- validation


def suggest(key: str, allowed) -> str:
    """「 (did you mean 'x'?)」 or the allowed names."""
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(sorted(allowed))})"


def is_type(value: Any, expected) -> bool:
    """isinstance that keeps booleans out of numbers and NaN/inf out of whole numbers."""
    if expected is dict:
        return isinstance(value, dict)
    if not isinstance(value, expected):
        return False
    if isinstance(value, bool) and expected is not bool:
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return True


def check_keys(
    data: Any,
    allowed: dict,
    where: str,
    path: str,
    problems: list,
    required: tuple[str, ...] = (),
    lists_of_mappings: frozenset[str] | set[str] = frozenset(),
) -> bool:
    """Check a mapping's keys and value types; list values are lists of non-empty strings unless named
    in ``lists_of_mappings`` (validated by the caller).  Returns False when ``data`` is not a mapping."""
    if not isinstance(data, Map):
        problems.append((path, getattr(data, "line", None), f"{where} must be a mapping of keys"))
        return False
    for key, value in data.items():
        line = data.line_of(key)
        if key not in allowed:
            problems.append((path, line, f"unknown key '{key}' in {where}{suggest(key, allowed)}"))
            continue
        expected = allowed[key]
        if not is_type(value, expected):
            problems.append((path, line, f"'{key}' in {where} must be {TYPE_NAMES.get(expected, expected)}"))
        elif isinstance(value, List) and key not in lists_of_mappings:
            for item, item_line in zip(value, value.item_lines, strict=True):
                if not isinstance(item, str) or not item.strip():
                    problems.append((path, item_line, f"'{key}' in {where} must be a list of non-empty strings"))
    for key in required:
        if key not in data:
            problems.append((path, data.line, f"{where} lacks '{key}'"))
    return True


def entries(data: Map, key: str, path: str, problems: list) -> list[Map]:
    """The mapping entries of the list ``data[key]``; other entries are reported and skipped."""
    items = data.get(key)
    if not isinstance(items, List):
        return []
    out = []
    for item, line in zip(items, items.item_lines, strict=True):
        if isinstance(item, Map):
            out.append(item)
        else:
            problems.append((path, line, f"each entry of '{key}' must be a mapping"))
    return out


def check_entries(
    data: Map,
    key: str,
    allowed: dict,
    path: str,
    problems: list,
    required: tuple[str, ...] = (),
    where: str | None = None,
    lists_of_mappings: frozenset[str] | set[str] = frozenset(),
) -> list[Map]:
    """Validate every entry of the list of mappings ``data[key]``; return the entries that have every required key."""
    good = []
    for entry in entries(data, key, path, problems):
        check_keys(
            entry, allowed, where or f"an entry of '{key}'", path, problems, required, lists_of_mappings
        )
        if all(k in entry for k in required):
            good.append(entry)
    return good


def check_severity(data: Map, key: str, path: str, problems: list) -> None:
    """``data[key]``, when a string, must be a severity."""
    sev = data.get(key)
    if isinstance(sev, str) and sev not in SEVERITIES:
        problems.append((path, data.line_of(key), f"severity '{sev}' must be one of {', '.join(SEVERITIES)}"))


def plain(value: Any) -> Any:
    """Plain dicts and lists from the line-tracking containers."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def confined(ref: str, base: Path, builtin: Path | None) -> Path | None:
    """``ref`` resolved against ``base``, if it stays under ``base`` (or under ``builtin``); else None."""
    target = (base / ref).resolve() if not Path(ref).is_absolute() else Path(ref).resolve()
    for root in (base, builtin):
        if root is None:
            continue
        try:
            target.relative_to(root.resolve())
            return target
        except ValueError:
            continue
    return None
