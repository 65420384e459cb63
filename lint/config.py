"""Project configuration: ``.reportlint.yaml`` or ``[tool.reportlint]`` in ``pyproject.toml``.

Found by walking up from the current directory; ``--config FILE`` overrides.
Command-line options win over the file.  Unknown keys and unknown rule ids are
errors that name the file and line.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from lint.yamlspec import SEVERITIES, Map, SpecError, check_keys, load, new_list, new_map, read_text

CONFIG_NAMES = (".reportlint.yaml", ".reportlint.yml")
KEYS = {
    "checklist": str,
    "overrides": list,
    "select": list,
    "ignore": list,
    "severity": dict,
    "fail-on": str,
    "lang": str,
    "exclude": list,
    "layout": str,
}
OVERRIDE_KEYS = {"files": (str, list), "checklist": str}
IGNORE_KEYS = {"path": str, "rule": str, "section": str}
FAIL_ON = ("error", "warning", "info", "never")

STARTER = """\
# reportlint configuration (README, "CI, pre-commit and configuration")
# Paths and globs are relative to this file. Command-line options win over these values.

# Checklist for reports. Left out (the default), reportlint chooses one per report from its
# title and first headings: fazhi-2019 (法治政府建设年度报告), fazhi-thematic (专题式法治报告),
# xxgk-2021 (政府信息公开工作年度报告). Set it only to force one checklist for every report:
# a built-in id (reportlint checklists list) or a YAML file beside this one.
# checklist: fazhi-2019

# Other checklists for some folders, e.g. the 政府信息公开 reports:
# overrides:
#   - files: "信息公开/*"
#     checklist: xxgk-2021

# Rules to run (default: all) and rules never to run.
# select: [missing-section, section-order]
# ignore: [wording]

# Accept known findings out of band (for .txt and .docx, which have no comments):
# ignore:
#   - {path: "archive/2021/*", rule: missing-section, section: duty}

# Severity per rule: error, warning or info.
# severity:
#   missing-element: error

# Lowest severity that fails the run: error, warning, info or never.
fail-on: error

# Language of messages: zh or en (default: zh, or the REPORTLINT_LANG environment variable).
# lang: zh

# Files never linted.
exclude:
  - "drafts/old/*"
"""


STARTER_ZH = """\
# reportlint 配置文件（说明见 README「CI, pre-commit and configuration」）
# 路径和通配符相对于本文件所在目录。命令行选项优先于这里的设置。

# 清单。不写（默认）时，reportlint 按每份报告的标题和一级标题自动选择：
#   fazhi-2019（法治政府建设年度报告）、fazhi-thematic（专题式法治报告）、
#   xxgk-2021（政府信息公开工作年度报告）。
# 只有要所有报告都用同一份清单时才设置：内置 id（reportlint checklists list）或本目录下的 YAML 文件。
# checklist: fazhi-2019

# 某些文件夹用另一份清单，例如政府信息公开年报：
# overrides:
#   - files: "信息公开/*"
#     checklist: xxgk-2021

# 只运行这些规则（默认全部）/ 不运行这些规则：
# select: [missing-section, section-order]
# ignore: [wording]

# 在配置中接受已知问题（.txt 和 .docx 没有注释可写）：
# ignore:
#   - {path: "archive/2021/*", rule: missing-section, section: duty}

# 按规则调整严重程度：error、warning 或 info。
# severity:
#   missing-element: error

# 达到哪一级严重程度时检查不通过：error、warning、info 或 never。
fail-on: error

# 消息语言：zh 或 en（默认 zh，或环境变量 REPORTLINT_LANG）。
# lang: zh

# 不检查的文件。
exclude:
  - "drafts/old/*"
"""


def starter(lang: str = "zh") -> str:
    """The commented starter configuration ``reportlint init`` writes, in the user's language."""
    return STARTER if lang == "en" else STARTER_ZH


class ConfigError(SpecError):
    """A configuration problem; ``problems`` holds ``(path, line, message)``."""


@dataclass
class ScopedIgnore:
    path: str
    rule: str
    section: str | None = None


@dataclass
class Config:
    path: Path | None = None
    checklist: str | None = None
    overrides: list[tuple[list[str], str]] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    scoped_ignores: list[ScopedIgnore] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    lang: str | None = None
    exclude: list[str] = field(default_factory=list)
    #: Layout profile for .docx files (built-in id or a file relative to the configuration).
    layout: str | None = None

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def relative(self, file: str) -> str:
        """The file's path relative to the configuration's directory, with forward slashes."""
        p = Path(file).resolve()
        try:
            return PurePosixPath(p.relative_to(self.base.resolve())).as_posix()
        except ValueError:
            return PurePosixPath(p).as_posix()

    def matches(self, file: str, pattern: str) -> bool:
        rel = self.relative(file)
        return fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern.rstrip("/") + "/*")

    def excluded(self, file: str) -> bool:
        return any(self.matches(file, pattern) for pattern in self.exclude)

    def checklist_for(self, file: str) -> str | None:
        for patterns, checklist in self.overrides:
            if any(self.matches(file, p) for p in patterns):
                return checklist
        return self.checklist

    def accepts(self, file: str, rule: str, section: str | None) -> bool:
        """True when a scoped ``ignore`` entry accepts this finding."""
        return any(
            i.rule == rule and (i.section is None or i.section == section) and self.matches(file, i.path)
            for i in self.scoped_ignores
        )


def find_config(start: Path | None = None) -> Path | None:
    """The nearest .reportlint.yaml, or pyproject.toml with a [tool.reportlint] table, upwards from start."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[\s*tool\.reportlint\b", text, re.MULTILINE):
                return pyproject
    return None


def _toml_table(path: Path) -> tuple[Map, list[str]]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    text = read_text(path, "configuration file", ConfigError)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([(str(path), None, f"invalid TOML: {exc}")]) from None
    table = data.get("tool", {}).get("reportlint", {})
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.strip() == "[tool.reportlint]"), 0)

    def line_of(key: str) -> int:
        for i in range(start, len(lines)):
            if re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", lines[i]):
                return i + 1
        return start + 1

    def wrap(value: Any, line: int) -> Any:
        if isinstance(value, dict):
            out = new_map(line)
            for k, v in value.items():
                out[k] = wrap(v, line_of(k) if line == start + 1 else line)
                out.key_lines[k] = line_of(k) if line == start + 1 else line
            return out
        if isinstance(value, list):
            return new_list([wrap(v, line) for v in value], line)
        return value

    if not isinstance(table, dict):
        raise ConfigError([(str(path), start + 1, "[tool.reportlint] must be a table of keys")])
    return wrap(table, start + 1), lines


def load_config(path: Path) -> Config:
    """Load and validate a configuration file."""
    from lint.rules import all_rules

    if path.name == "pyproject.toml":
        data, _ = _toml_table(path)
    else:
        data = load(path, "configuration file", ConfigError, empty_ok=True)
    where = str(path)
    problems: list = []
    check_keys(data, KEYS, "the configuration", where, problems, lists_of_mappings={"overrides", "ignore"})
    rules = all_rules()

    from lint.rules import expand

    def check_rule(rule: Any, line: int) -> bool:
        if isinstance(rule, str) and rule in rules:
            return True
        if isinstance(rule, str) and expand(rule):
            return True
        close = difflib.get_close_matches(str(rule), list(rules), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        problems.append((where, line, f"unknown rule id '{rule}'{hint}"))
        return False

    config = Config(path=path)
    if isinstance(data.get("checklist"), str):
        config.checklist = data["checklist"]
    if isinstance(data.get("layout"), str):
        ref = data["layout"]
        if ref.endswith((".yaml", ".yml")) and not Path(ref).is_absolute():
            ref = str(config.base / ref)
        config.layout = ref
    for key in ("select", "exclude"):
        values = data.get(key)
        if isinstance(values, list):
            for value, line in zip(values, values.item_lines, strict=True):
                if not isinstance(value, str):
                    problems.append((where, line, f"'{key}' entries must be strings"))
                elif key == "select" and check_rule(value, line):
                    config.select.extend(expand(value))
                elif key == "exclude":
                    config.exclude.append(value)
    ignores = data.get("ignore")
    if isinstance(ignores, list):
        for value, line in zip(ignores, ignores.item_lines, strict=True):
            if isinstance(value, str):
                if check_rule(value, line):
                    config.ignore.extend(expand(value))
            elif isinstance(value, Map):
                check_keys(value, IGNORE_KEYS, "an 'ignore' entry", where, problems)
                missing = [k for k in ("path", "rule") if k not in value]
                if missing:
                    problems.append((where, line, f"an 'ignore' entry needs '{missing[0]}'"))
                elif check_rule(value["rule"], line):
                    for rid in expand(value["rule"]) or [value["rule"]]:
                        config.scoped_ignores.append(ScopedIgnore(value["path"], rid, value.get("section")))
            else:
                problems.append(
                    (where, line, "'ignore' entries are rule ids or {path, rule, section} mappings")
                )
    overrides = data.get("overrides")
    if isinstance(overrides, list):
        for value, line in zip(overrides, overrides.item_lines, strict=True):
            if not isinstance(value, Map):
                problems.append((where, line, "'overrides' entries are {files, checklist} mappings"))
                continue
            before = len(problems)
            check_keys(value, OVERRIDE_KEYS, "an 'overrides' entry", where, problems)
            if "files" not in value or "checklist" not in value:
                problems.append((where, line, "an 'overrides' entry needs 'files' and 'checklist'"))
                continue
            if len(problems) > before:
                continue
            files = [value["files"]] if isinstance(value["files"], str) else [str(f) for f in value["files"]]
            config.overrides.append((files, value["checklist"]))
    severity = data.get("severity")
    if isinstance(severity, Map):
        for rule, level in severity.items():
            line = severity.line_of(rule)
            if check_rule(rule, line):
                if not isinstance(level, str) or level not in SEVERITIES:
                    problems.append(
                        (where, line, f"severity of '{rule}' must be one of {', '.join(SEVERITIES)}")
                    )
                else:
                    for rid in expand(rule) or [rule]:
                        config.severity[rid] = level
    fail_on = data.get("fail-on")
    if fail_on is not None:
        if not isinstance(fail_on, str) or fail_on not in FAIL_ON:
            problems.append(
                (where, data.key_lines.get("fail-on"), f"'fail-on' must be one of {', '.join(FAIL_ON)}")
            )
        else:
            config.fail_on = fail_on
    lang = data.get("lang")
    if lang is not None:
        if not isinstance(lang, str) or lang not in ("zh", "en"):
            problems.append((where, data.key_lines.get("lang"), "'lang' must be zh or en"))
        else:
            config.lang = lang
    if problems:
        raise ConfigError(problems)
    return config
