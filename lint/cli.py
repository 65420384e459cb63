"""Command-line interface: ``reportlint check | outline | checklists | explain``.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings at or above it;
2 usage error, bad checklist, or a file that could not be read.
"""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path

import click

from lint import __version__

FORMATS = ["text", "json"]
FAIL_ON = ["error", "warning", "info", "never"]
LANGS = ["zh", "en"]
EXIT_USAGE = 2


def _fail(message: str) -> None:
    """Print a one-line error and exit 2."""
    click.echo(f"reportlint: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _fail_problems(exc) -> None:
    """Print each ``file:line: problem`` of a checklist or configuration error and exit 2."""
    for line in exc.format_lines():
        click.echo(f"reportlint: {line}", err=True)
    sys.exit(EXIT_USAGE)


def _load_checklist(ref: str):
    from lint.checklist import ChecklistError, load_checklist

    try:
        return load_checklist(ref)
    except ChecklistError as exc:
        _fail_problems(exc)


def _rule_ids(values: tuple[str, ...]) -> frozenset[str]:
    from lint.rules import all_rules

    rules = all_rules()
    ids = {part.strip() for value in values for part in value.split(",") if part.strip()}
    for rid in sorted(ids):
        if rid not in rules:
            close = difflib.get_close_matches(rid, list(rules), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (see 'reportlint explain')"
            _fail(f"unknown rule id '{rid}'{hint}")
    return frozenset(ids)


def _collect(paths: tuple[str, ...]) -> list[str]:
    """Expand directories recursively to the report files they hold, in a stable order."""
    from lint.readers import supported

    out: list[str] = []
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            out.append(p)
            continue
        found = []
        for root, dirs, files in os.walk(p):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found.extend(os.path.join(root, f) for f in files if supported(f) and not f.startswith("."))
        out.extend(sorted(found))
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
def main() -> None:
    """reportlint — 检查法治政府建设年度报告的结构是否符合规定。

    Lint Chinese government annual reports against the structure the rules mandate.
    """


FORMATS_CHECK = ["text", "json", "sarif", "github", "junit", "auto"]


def _config(config_path: str | None):
    """The project configuration: --config FILE, else the nearest one upwards, else defaults."""
    from lint.config import Config, ConfigError, find_config, load_config

    path = Path(config_path) if config_path else find_config()
    if path is None:
        return Config()
    if config_path and not path.is_file():
        _fail(f"{config_path}: no such configuration file")
    try:
        return load_config(path)
    except ConfigError as exc:
        _fail_problems(exc)


class _Planner:
    """Options per file: the checklist may differ by folder (configuration ``overrides``)."""

    def __init__(self, config, checklist_ref: str | None, lang: str, select, ignore) -> None:
        self.config, self.checklist_ref, self.lang = config, checklist_ref, lang
        self.select, self.ignore = select, ignore
        self.cache: dict[str, object] = {}

    def options_for(self, path: str):
        from lint.checklist import DEFAULT_CHECKLIST, builtin_ids
        from lint.engine import Options

        ref = self.checklist_ref or self.config.checklist_for(path)
        if ref is None:
            # No checklist given: choose per document among the built-ins that say how to recognise them.
            if "<auto>" not in self.cache:
                candidates = tuple(c for c in (_load_checklist(i) for i in builtin_ids()) if c.detect)
                self.cache["<auto>"] = Options(
                    None,
                    self.lang,
                    self.select,
                    self.ignore,
                    severity=dict(self.config.severity),
                    accepts=self.config.accepts if self.config.scoped_ignores else None,
                    candidates=candidates,
                    fallback=_load_checklist(DEFAULT_CHECKLIST),
                )
            return self.cache["<auto>"]
        if ref not in self.cache:
            # Checklist paths in the configuration are relative to its directory.
            resolved = ref
            if not self.checklist_ref and ref.endswith((".yaml", ".yml")) and not Path(ref).is_absolute():
                resolved = str(self.config.base / ref)
            self.cache[ref] = Options(
                _load_checklist(resolved),
                self.lang,
                self.select,
                self.ignore,
                severity=dict(self.config.severity),
                accepts=self.config.accepts if self.config.scoped_ignores else None,
            )
        return self.cache[ref]


_WORKER_PLANNER: _Planner | None = None


def _init_worker(planner: _Planner) -> None:
    global _WORKER_PLANNER
    _WORKER_PLANNER = planner


def _lint_one(path: str):
    from lint.engine import lint_file

    assert _WORKER_PLANNER is not None
    return lint_file(path, _WORKER_PLANNER.options_for(path))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--checklist",
    "checklist_ref",
    default=None,
    help="Built-in checklist id or path to a checklist YAML file.  [default: fazhi-2019]",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS_CHECK),
    default="text",
    show_default=True,
    help="Output format; 'auto' is 'github' under GitHub Actions, else 'text'.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the report to FILE; the summary is still printed.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Lowest severity that makes the exit code 1.  [default: error]",
)
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of messages.  [default: zh]")
@click.option(
    "--select", multiple=True, metavar="RULE", help="Only run these rules (repeatable, or comma-separated)."
)
@click.option(
    "--ignore", multiple=True, metavar="RULE", help="Do not run these rules (repeatable, or comma-separated)."
)
@click.option(
    "--config",
    "config_path",
    default=None,
    metavar="FILE",
    help="Configuration file (default: nearest .reportlint.yaml or pyproject.toml [tool.reportlint]).",
)
@click.option(
    "--baseline", default=None, metavar="FILE", help="Report only findings not recorded in this baseline."
)
@click.option(
    "--write-baseline",
    default=None,
    metavar="FILE",
    help="Record the current findings as a baseline and exit 0.",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Lint files in parallel."
)
@click.option("--no-color", is_flag=True, help="Never colour the output.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no hints, no summary.")
@click.option(
    "--stdin-filename", metavar="NAME", help="Name for '-' (standard input); its extension picks the reader."
)
@click.option(
    "--fix",
    "apply_fixes",
    is_flag=True,
    help="Repair .txt/.md files first (as 'reportlint fix'), then report.",
)
def check(
    paths,
    checklist_ref,
    fmt,
    output,
    fail_on,
    lang,
    select,
    ignore,
    config_path,
    baseline,
    write_baseline,
    jobs,
    no_color,
    quiet,
    stdin_filename,
    apply_fixes,
) -> None:
    """Lint report files or directories (PATHS; '-' reads standard input)."""
    from lint.engine import lint_file
    from lint.formatters import exit_code

    config = _config(config_path)
    lang = lang or config.lang or "zh"
    fail_on = fail_on or config.fail_on or "error"
    planner = _Planner(
        config,
        checklist_ref,
        lang,
        _rule_ids(select) or frozenset(config.select),
        _rule_ids(ignore) | frozenset(config.ignore),
    )
    if checklist_ref:
        planner.options_for("")  # a bad --checklist is a usage error before anything is read
    files = [f for f in _collect(paths) if f == "-" or not config.excluded(f)]
    if apply_fixes:
        for f in files:
            if f != "-":
                _fix_files(
                    [f],
                    planner.options_for(f),
                    lang,
                    diff=False,
                    quiet=quiet or fmt != "text",
                    report_errors=False,
                )
    disk = [f for f in files if f != "-"]
    if jobs > 1 and len(disk) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(min(jobs, len(disk)), initializer=_init_worker, initargs=(planner,)) as pool:
            linted = dict(
                zip(disk, pool.map(_lint_one, disk, chunksize=max(1, len(disk) // (jobs * 4))), strict=True)
            )
    else:
        linted = {f: lint_file(f, planner.options_for(f)) for f in disk}
    results = []
    for path in files:
        if path == "-":
            name = stdin_filename or "<stdin>"
            results.append(lint_file(name, planner.options_for(name), data=sys.stdin.buffer.read()))
        else:
            results.append(linted[path])

    if write_baseline:
        from lint.baseline import write

        count = write(write_baseline, results)
        click.echo(
            f"已将 {count} 条结果写入基线 {write_baseline}"
            if lang == "zh"
            else f"wrote {count} findings to baseline {write_baseline}"
        )
        sys.exit(2 if any(r.error for r in results) else 0)
    if baseline:
        from lint.baseline import BaselineError, apply

        try:
            apply(baseline, results)
        except BaselineError as exc:
            _fail(f"{baseline}: {exc}")

    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    report = None
    if fmt == "json":
        from lint.formatters import json as json_fmt

        report = json_fmt.render(results) + "\n"
    elif fmt == "sarif":
        from lint.formatters import sarif

        report = sarif.render(results, lang) + "\n"
    elif fmt == "github":
        from lint.formatters import github

        report = github.render(results)
    elif fmt == "junit":
        from lint.formatters import junit

        report = junit.render(results)
    if report is not None and output is None:
        click.echo(report, nl=False)
    elif report is not None or output is not None:
        from lint.formatters import text as text_fmt

        if report is None:  # text written to a file: plain, no colour
            from io import StringIO

            from rich.console import Console

            buffer = StringIO()
            quiet_console = Console(file=buffer, no_color=True, highlight=False, soft_wrap=True, width=200)
            text_fmt.render(results, quiet_console, quiet_console, lang, quiet)
            report = buffer.getvalue()
        try:
            Path(output).write_text(report, encoding="utf-8")
        except OSError as exc:
            _fail(f"{output}: {exc.strerror or exc}")
        if not quiet:
            click.echo(text_fmt.summary_line(results, lang), err=fmt in ("json", "sarif", "junit", "github"))
    else:
        from rich.console import Console

        from lint.formatters import text
        from lint.readers import READERS

        console = Console(no_color=no_color, highlight=False, soft_wrap=True)
        err_console = Console(stderr=True, no_color=no_color, highlight=False, soft_wrap=True)
        if not files:
            known = " ".join(sorted(READERS))
            err_console.print(
                f"没有找到报告文件（{known}）" if lang == "zh" else f"no report files found ({known})"
            )
        text.render(results, console, err_console, lang, quiet)
    sys.exit(exit_code(results, fail_on))


def _fix_files(
    files: list[str], options, lang: str, diff: bool, quiet: bool, report_errors: bool = True
) -> tuple[bool, bool]:
    """Repair the files (or print diffs); return (any change, any error).

    ``report_errors=False`` leaves unreadable files to the lint run that follows (``check --fix``).
    """
    from lint.engine import lint_file
    from lint.fixer import FixError, plan, write_atomic

    changed = failed = False
    for path in files:
        if path == "-":
            _fail("fix does not read standard input; name the files")
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            if report_errors:
                click.echo(f"reportlint: {path}: {exc.strerror or exc}", err=True)
            failed = True
            continue
        result = lint_file(path, options, data=data)
        if result.error is not None:
            if report_errors:
                click.echo(f"reportlint: {path}: {result.error}", err=True)
            failed = True
            continue
        try:
            outcome = plan(result, data)
        except FixError as exc:
            click.echo(f"reportlint: {path}: {exc.render(lang)}", err=True)
            continue
        if not outcome.changed:
            continue
        changed = True
        if diff:
            click.echo(outcome.diff(), nl=False)
            continue
        write_atomic(path, outcome.data)
        if not quiet:
            detail = ", ".join(f"{rule} ×{n}" for rule, n in sorted(outcome.applied.items()))
            n = sum(outcome.applied.values())
            click.echo(
                f"已修复 {path}：{detail}" if lang == "zh" else f"fixed {path}: {detail}" if n else path
            )
    return changed, failed


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--checklist", "checklist_ref", default="fazhi-2019", show_default=True)
@click.option(
    "--diff", is_flag=True, help="Print a unified diff of the repairs and change nothing (exit 1 if any)."
)
@click.option("--select", multiple=True, metavar="RULE", help="Only apply these rules' repairs.")
@click.option("--ignore", multiple=True, metavar="RULE", help="Do not apply these rules' repairs.")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
@click.option("--quiet", "-q", is_flag=True, help="Do not list the repaired files.")
def fix(paths, checklist_ref, diff, select, ignore, lang, quiet) -> None:
    """Repair .txt/.md reports in place: heading markers and numbering, conversion junk, dates, terms.

    Word, PDF and HTML files are never modified.
    """
    config = _config(None)
    planner = _Planner(
        config, checklist_ref, lang, _rule_ids(select), _rule_ids(ignore) | frozenset(config.ignore)
    )
    changed = failed = False
    for f in _collect(paths):
        if config.excluded(f):
            continue
        c, e = _fix_files([f], planner.options_for(f), lang, diff, quiet)
        changed, failed = changed or c, failed or e
    sys.exit(2 if failed else 1 if diff and changed else 0)


@main.command()
@click.argument("path")
@click.option(
    "--checklist", "checklist_ref", default=None, help="Checklist id or file.  [default: fazhi-2019]"
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language.  [default: zh]")
@click.option("--no-color", is_flag=True)
@click.option(
    "--stdin-filename", metavar="NAME", help="Name for '-' (standard input); its extension picks the reader."
)
def outline(path, checklist_ref, fmt, lang, no_color, stdin_filename) -> None:
    """Show the outline reportlint sees in PATH and how headings map to sections."""
    from lint.engine import lint_file

    config = _config(None)
    lang = lang or config.lang or "zh"
    options = _Planner(config, checklist_ref, lang, frozenset(), frozenset()).options_for(path)
    if path == "-":
        result = lint_file(stdin_filename or "<stdin>", options, data=sys.stdin.buffer.read())
    else:
        result = lint_file(path, options)
    if result.error is not None:
        _fail(f"{path}: {result.error}")
    if fmt == "json":
        import json

        from lint.formatters.json import file_json

        data = file_json(result)
        data.pop("findings")
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    from lint.formatters.outline import render

    render(result, Console(no_color=no_color, highlight=False, soft_wrap=True), lang)


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .reportlint.yaml.")
def init(force) -> None:
    """Write a commented starter configuration, .reportlint.yaml, in the current directory."""
    from lint.config import STARTER

    target = Path(".reportlint.yaml")
    if target.exists() and not force:
        _fail(f"{target}: already exists (use --force to overwrite)")
    target.write_text(STARTER, encoding="utf-8")
    click.echo(f"wrote {target}")


@main.group()
def checklists() -> None:
    """List, show and validate checklists."""


@checklists.command("list")
def checklists_list() -> None:
    """List the built-in checklists."""
    from lint.checklist import builtin_ids

    for cid in builtin_ids():
        cl = _load_checklist(cid)
        base = f"  (extends {cl.extends})" if cl.extends else ""
        click.echo(f"{cid:<22} {cl.name}{base}")


@checklists.command("show")
@click.argument("ref")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def checklists_show(ref, lang) -> None:
    """Show a checklist (built-in id or file) with extends resolved."""
    cl = _load_checklist(ref)
    en = lang == "en"
    click.echo(f"{cl.id}: {cl.name_en if en and cl.name_en else cl.name}")
    if cl.extends:
        click.echo(f"  extends: {cl.extends}")
    if cl.source:
        click.echo(f"  source: {cl.source}")
    click.echo(f"  threshold: {cl.threshold:g}")
    for n, s in enumerate(cl.ordered(), start=1):
        req = ("required" if en else "必备") if s.required else ("optional" if en else "可选")
        click.echo(f"\n{n}. {s.id}  [{req}, {s.severity}]")
        click.echo(f"   {s.title}")
        if s.title_en:
            click.echo(f"   {s.title_en}")
        if s.aliases:
            click.echo(f"   aliases: {'、'.join(s.aliases)}")
        if s.keywords:
            click.echo(f"   keywords: {'、'.join(s.keywords)}")
        for el in s.elements:
            click.echo(f"   element {el.id} ({el.name}): {'、'.join(el.patterns)}")


@checklists.command("validate")
@click.argument("files", nargs=-1, required=True)
def checklists_validate(files) -> None:
    """Validate checklist files; print every problem with file:line. Exit 1 if any is invalid."""
    from lint.checklist import ChecklistError, load_file
    from lint.examples import run_examples

    bad = False
    for f in files:
        try:
            cl = load_file(f)
        except ChecklistError as exc:
            bad = True
            for line in exc.format_lines():
                click.echo(line)
            continue
        results = run_examples(cl)
        failed = [r for r in results if not r.ok]
        for r in failed:
            bad = True
            want = ", ".join(r.example.expect) or "no finding"
            got = ", ".join(r.got) or "no finding"
            click.echo(f"{f}: example '{r.example.name}' expected {want}, got {got}")
        examples = f", {len(results) - len(failed)}/{len(results)} examples pass" if results else ""
        if not failed:
            click.echo(f"{f}: ok ({cl.id}, {len(cl.sections)} sections{examples})")
    sys.exit(1 if bad else 0)


@main.command()
@click.argument("rule", required=False)
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def explain(rule, lang) -> None:
    """Explain RULE: what it checks, why, an example, how to fix. Without RULE, list all rules."""
    from lint.rules import all_rules

    rules = all_rules()
    en = lang == "en"
    if rule is None:
        for r in rules.values():
            click.echo(f"{r.id:<20} {r.severity:<8} {r.summary['en' if en else 'zh']}")
        return
    if rule not in rules:
        close = difflib.get_close_matches(rule, list(rules), n=1)
        _fail(f"unknown rule id '{rule}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    r = rules[rule]
    k = "en" if en else "zh"
    heads = (
        {
            "what": "What it checks",
            "why": "Why",
            "basis": "Basis",
            "bad": "Fails",
            "good": "Passes",
            "fix": "How to fix",
        }
        if en
        else {
            "what": "检查内容",
            "why": "原因",
            "basis": "依据",
            "bad": "不合格示例",
            "good": "合格示例",
            "fix": "修改方法",
        }
    )
    click.echo(f"{r.id} ({r.severity}, {r.family}) — {r.summary[k]}\n")
    if r.checklist != "fazhi-2019":
        click.echo(f"{'Examples checked with' if en else '示例所用清单'}: --checklist {r.checklist}\n")
    click.echo(f"{heads['what']}:\n  {r.explain[f'what_{k}']}\n")
    click.echo(f"{heads['why']}:\n  {r.explain[f'why_{k}']}\n")
    if r.basis:
        click.echo(f"{heads['basis']}:\n  {r.basis}\n")
    for key in ("bad", "good"):
        body = "\n".join("  │ " + ln for ln in getattr(r, key).rstrip("\n").split("\n"))
        click.echo(f"{heads[key]}:\n{body}\n")
    click.echo(f"{heads['fix']}:\n  {r.explain[f'fix_{k}']}")


# --------------------------------------------------------------------------- Word: annotate, new


@main.command()
@click.argument("path")
@click.option("--output", "-o", default=None, metavar="FILE", help="Annotated copy.  [default: NAME.reportlint.docx]")
@click.option("--checklist", "checklist_ref", default=None, help="Built-in checklist id or checklist YAML file.")
@click.option("--config", "config_path", default=None, metavar="FILE", help="Configuration file.")
@click.option("--select", multiple=True, metavar="RULE", help="Only these rules (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Not these rules (repeatable, or comma-separated).")
@click.option("--baseline", default=None, metavar="FILE", help="Leave out findings recorded in this baseline.")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of the comments.  [default: zh]")
def annotate(path, output, checklist_ref, config_path, select, ignore, baseline, lang) -> None:
    """Write a copy of a .docx report with one Word comment (批注) per finding; the original is not changed."""
    from lint.annotate import AnnotateError, annotate_file

    config = _config(config_path)
    lang = lang or config.lang or "zh"
    planner = _Planner(
        config,
        checklist_ref,
        lang,
        _rule_ids(select) or frozenset(config.select),
        _rule_ids(ignore) | frozenset(config.ignore),
    )
    try:
        click.echo(annotate_file(path, output, planner.options_for(path), baseline))
    except AnnotateError as exc:
        _fail(exc.render(lang))


@main.command("new")
@click.option("--checklist", "checklist_ref", default="fazhi-2019", show_default=True, help="Checklist id or file.")
@click.option("--unit", default="某某单位", show_default=True, help="The reporting body (title and signature).")
@click.option("--year", type=click.IntRange(1990, 2100), default=None, help="Year reported on.  [default: last year]")
@click.option("--addressee", default=None, help="Addressee line (主送机关); empty for none.")
@click.option("--output", "-o", required=True, metavar="FILE", help="Output file: .docx, .md or .txt.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def new(checklist_ref, unit, year, addressee, output, force, lang) -> None:
    """Write a report skeleton for a checklist: title, every mandated heading in order, notes, signature."""
    import datetime

    from lint.skeleton import SkeletonError, write_skeleton

    checklist = _load_checklist(checklist_ref)
    year = year or datetime.date.today().year - 1
    try:
        click.echo(write_skeleton(checklist, unit, year, output, force, addressee, lang))
    except SkeletonError as exc:
        _fail(exc.render(lang))


def entry() -> None:
    """Console entry point: any unexpected error becomes one line and exit 2, never a traceback.

    Set REPORTLINT_DEBUG=1 to see the traceback.
    """
    try:
        main()
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        if os.environ.get("REPORTLINT_DEBUG"):
            raise
        click.echo(
            f"reportlint: internal error: {type(exc).__name__}: {exc} (REPORTLINT_DEBUG=1 shows details)",
            err=True,
        )
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":  # pragma: no cover
    entry()
