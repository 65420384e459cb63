"""Command-line interface: ``reportlint check | outline | checklists | explain``.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings at or above it;
2 usage error, bad checklist, or a file that could not be read.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from lint import __version__
from lint import clickzh as _clickzh

FORMATS = ["text", "json"]
FAIL_ON = ["error", "warning", "info", "never"]
LANGS = ["zh", "en"]
EXIT_USAGE = 2


def _fail(message: str) -> None:
    """Print a one-line error and exit 2."""
    click.echo(f"reportlint: {message}", err=True)
    sys.exit(EXIT_USAGE)


#: The language of usage errors, known once the options are read (``--lang``, else REPORTLINT_LANG).
_LANG = {"now": None}


def _fail_problems(exc) -> None:
    """Print each ``file:line: problem`` of a checklist or configuration error and exit 2."""
    for line in exc.format_lines(_LANG["now"] or _env_lang()):
        click.echo(f"reportlint: {line}", err=True)
    sys.exit(EXIT_USAGE)


def _load_checklist(ref: str):
    from lint.checklist import ChecklistError, load_checklist

    try:
        return load_checklist(ref)
    except ChecklistError as exc:
        _fail_problems(exc)


def _rule_ids(values: tuple[str, ...]) -> frozenset[str]:
    from lint.rules import all_rules, expand

    rules = all_rules()
    names = {part.strip() for value in values for part in value.split(",") if part.strip()}
    ids: set[str] = set()
    for name in sorted(names):
        found = expand(name)
        if not found:
            import difflib

            close = difflib.get_close_matches(name, list(rules), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (see 'reportlint explain')"
            if (_LANG["now"] or _env_lang()) == "en":
                _fail(f"unknown rule id '{name}'{hint}")
            from lint.messages_zh import zh

            _fail(zh(f"unknown rule id '{name}'{hint if close else ''}") + ("" if close else "（见 reportlint explain）"))
        ids.update(found)
    return frozenset(ids)


def _config(config_path: str | None, no_config: bool = False):
    """The project configuration: --config FILE, else the nearest one upwards, else defaults."""
    from lint.config import Config, ConfigError, find_config, load_config

    if no_config:
        return Config()
    path = Path(config_path) if config_path else find_config()
    if path is None:
        return Config()
    if config_path and not path.exists():
        if not path.exists():
            _fail(
                f"{config_path}: no such configuration file"
                if (_LANG["now"] or _env_lang()) == "en"
                else f"{config_path}：配置文件不存在"
            )
    try:
        return load_config(path)
    except ConfigError as exc:
        _fail_problems(exc)


def _lang_in(argv: list[str]) -> str | None:
    """The ``--lang`` given on the command line, read before click parses it (for its usage errors)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


#: Help texts are in English with REPORTLINT_LANG=en or --lang en on the command line (zh otherwise).
_EN = os.environ.get("REPORTLINT_LANG", "").lower().startswith("en") or _lang_in(sys.argv[1:]) == "en"


def _h(zh: str, en: str) -> str:
    return en if _EN else zh


class _Group(click.Group):
    """The command group; it learns the ``--lang`` of each invocation before click parses (and may reject) it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        lang = _lang_in(args)
        _LANG["now"] = lang if lang in ("zh", "en") else None  # not the previous invocation's (CliRunner, embedding)
        return super().parse_args(ctx, args)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, help=_h(
    "reportlint — 检查法治政府建设年度报告、政府信息公开工作年度报告的结构是否符合规定。",
    "reportlint — lint Chinese government annual reports against the structure the rules mandate.",
))
@click.version_option(__version__, prog_name="reportlint", help=_h("显示版本并退出。", "Show the version and exit."))
def main() -> None:
    pass


FORMATS_CHECK = ["text", "json", "jsonl", "sarif", "github", "junit", "csv", "auto"]


def shared_options(fn):
    """Options every linting command takes, declared once so they cannot drift apart."""
    options = [
        click.option(
            "--checklist",
            "checklist_ref",
            default=None,
            help=_h(
                "内置清单 id 或清单 YAML 文件。  [默认：按标题和一级标题自动选择]",
                "Built-in checklist id or checklist YAML file.  [default: automatic, from the title and headings]",
            ),
        ),
        click.option(
            "--lang",
            type=click.Choice(LANGS),
            default=None,
            help=_h("消息语言。  [默认：zh，或 REPORTLINT_LANG]", "Language of messages.  [default: zh, or REPORTLINT_LANG]"),
        ),
        click.option(
            "--select",
            multiple=True,
            metavar="RULE",
            help=_h("只运行这些规则（可重复，或用逗号分隔）。", "Only run these rules (repeatable, or comma-separated)."),
        ),
        click.option(
            "--ignore",
            multiple=True,
            metavar="RULE",
            help=_h("不运行这些规则（可重复，或用逗号分隔）。", "Do not run these rules (repeatable, or comma-separated)."),
        ),
        click.option(
            "--config",
            "config_path",
            default=None,
            metavar="FILE",
            help=_h(
                "配置文件（默认：向上查找最近的 .reportlint.yaml 或 pyproject.toml [tool.reportlint]）。",
                "Configuration file (default: nearest .reportlint.yaml or pyproject.toml [tool.reportlint]).",
            ),
        ),
        click.option(
            "--no-config", is_flag=True, help=_h("不读取任何配置文件。", "Ignore every configuration file.")
        ),
        click.option(
            "--layout-profile",
            metavar="ID|FILE",
            default=None,
            help=_h(
                "检查 .docx 版式所用的版式配置（内置 id 或 YAML 文件）。  [默认：gbt9704-2012]",
                "Layout profile .docx files are checked against (built-in id or YAML file).  [default: gbt9704-2012]",
            ),
        ),
        click.option(
            "--stdin-filename",
            metavar="NAME",
            help=_h("「-」（标准输入）的文件名，其扩展名决定读取方式。", "Name for '-' (standard input); its extension picks the reader."),
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _settings(
    checklist_ref, lang, select, ignore, config_path, no_config, layout_profile=None, use_config_rules: bool = True
):
    """The configuration and the per-file planner from the shared options; usage errors exit 2."""
    from lint.checklist import ChecklistError
    from lint.runner import Planner

    _LANG["now"] = lang
    config = _config(config_path, no_config)
    lang = lang or config.lang or _env_lang()
    _LANG["now"] = lang  # the configuration's lang speaks in the usage errors that follow (unknown rule id…)
    sel = _rule_ids(select) or (frozenset(config.select) if use_config_rules else frozenset())
    ign = _rule_ids(ignore) | frozenset(config.ignore)
    layout_profile = layout_profile or config.layout
    if layout_profile:
        from lint.layout import load_profile

        try:
            load_profile(layout_profile)  # a bad profile is a usage error before anything is read
        except ChecklistError as exc:
            _fail_problems(exc)
    planner = Planner(config, checklist_ref, lang, sel, ign, layout_profile)
    if checklist_ref:
        try:
            planner.options_for("")  # a bad --checklist is a usage error before anything is read
        except ChecklistError as exc:
            _fail_problems(exc)
    return config, planner


def _env_lang() -> str:
    return "en" if _EN else "zh"


def _items(paths, config, lang: str):
    """Paths → items to lint; nothing to lint is a usage error."""
    from lint.readers import READERS
    from lint.runner import collect

    items = collect(paths, config.excluded)
    if not items and paths and all(os.path.isfile(p) and config.excluded(p) for p in paths):
        sys.exit(0)  # every file named is excluded by the configuration (pre-commit passes such lists)
    if not items:
        known = " ".join(sorted(READERS))
        _fail(
            f"no report files found in {' '.join(paths)} (looked for {known})"
            if lang == "en"
            else f"在 {' '.join(paths)} 中没有找到报告文件（支持 {known}）"
        )
    return items


def _output_folder(output: str | None, lang: str) -> None:
    """An output file whose folder does not exist is a usage error before any work is done."""
    if output:
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder):
            _fail(f"{output}: no such folder {folder}" if lang == "en" else f"{output}：文件夹 {folder} 不存在")


def _guard(fn, *args, **kwargs):
    """Run a command's flow; usage and checklist errors become one line and exit 2."""
    from lint.baseline import BaselineError
    from lint.checklist import ChecklistError
    from lint.runner import UsageError

    try:
        return fn(*args, **kwargs)
    except UsageError as exc:
        _fail(str(exc))
    except ChecklistError as exc:
        _fail_problems(exc)
    except BaselineError as exc:
        _fail(str(exc))


@main.command(help=_h("检查报告文件或目录（PATHS；「-」读取标准输入）。", "Lint report files or directories (PATHS; '-' reads standard input)."))
@click.argument("paths", nargs=-1, required=True)
@shared_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS_CHECK),
    default="text",
    show_default=True,
    help=_h("输出格式；auto 在 GitHub Actions 中为 github，否则为 text。", "Output format; 'auto' is 'github' under GitHub Actions, else 'text'."),
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help=_h("把报告写入文件（仍打印汇总行）。", "Write the report to FILE; the summary is still printed."),
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help=_h("达到此严重程度即以 1 退出。  [默认：error]", "Lowest severity that makes the exit code 1.  [default: error]"),
)
@click.option(
    "--severity",
    "min_severity",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help=_h("只显示（并只计入）不低于此严重程度的结果。", "Show (and count) only findings at or above this severity."),
)
@click.option("--baseline", default=None, metavar="FILE", help=_h("只报告基线中没有的结果。", "Report only findings not recorded in this baseline."))
@click.option(
    "--write-baseline",
    default=None,
    metavar="FILE",
    help=_h("把当前结果记入基线文件，以 0 退出。", "Record the current findings as a baseline and exit 0."),
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help=_h("并行检查的进程数（0 = 全部 CPU 核）。", "Lint files in parallel (0 = all cores)."),
)
@click.option("--no-color", is_flag=True, help=_h("不使用颜色和粗体。", "Never colour or embolden the output."))
@click.option("--quiet", "-q", is_flag=True, help=_h("只打印结果：不打印提示和汇总。", "Print findings only: no hints, no summary."))
@click.option(
    "--summary",
    "show_summary",
    is_flag=True,
    help=_h("最后列出每个文件（含无问题的文件）的清单和错误/警告数。", "End with every file checked (clean ones too), its checklist and counts."),
)
@click.option(
    "--fix",
    "apply_fixes",
    is_flag=True,
    help=_h("先修复 .txt/.md/.docx 文件（同 reportlint fix），再报告。", "Repair .txt/.md/.docx files first (as 'reportlint fix'), then report."),
)
@click.option(
    "--previous",
    default=None,
    metavar="FILE",
    help=_h("去年的同一单位报告：报告照搬的段落（copied-report）。", "Last year's report: find what is copied from it (copied-report)."),
)
def check(
    paths,
    checklist_ref,
    lang,
    select,
    ignore,
    config_path,
    no_config,
    stdin_filename,
    layout_profile,
    fmt,
    output,
    fail_on,
    min_severity,
    baseline,
    write_baseline,
    jobs,
    no_color,
    quiet,
    show_summary,
    apply_fixes,
    previous,
) -> None:
    from lint.check import CheckOptions, run
    from lint.fixing import fix_items

    config, planner = _settings(checklist_ref, lang, select, ignore, config_path, no_config, layout_profile)
    items = _items(paths, config, planner.lang)
    if apply_fixes:
        disk = [i for i in items if i.path != "-"]
        _guard(fix_items, disk, planner, sys.stdout, sys.stderr, quiet=quiet or fmt != "text", report_errors=False)
    opts = CheckOptions(
        fmt=fmt,
        output=output,
        fail_on=fail_on or config.fail_on or "error",
        min_severity=min_severity,
        baseline=baseline,
        write_baseline=write_baseline,
        jobs=jobs,
        no_color=no_color,
        quiet=quiet,
        summary=show_summary,
        stdin_filename=stdin_filename,
        previous=previous,
    )
    sys.exit(_guard(run, items, planner, opts, sys.stdout, sys.stderr))


@main.command(
    help=_h(
        "就地修复 .txt/.md/.docx 报告：标题编号、转换残留、日期、术语（--layout 还按 GB/T 9704 重排 .docx 版式）。PDF、网页文件不会被修改。",
        "Repair .txt/.md/.docx reports in place: heading markers and numbering, conversion junk, dates, terms "
        "(--layout also lays .docx out per GB/T 9704). "
        "PDF and HTML files are never modified.",
    )
)
@click.argument("paths", nargs=-1, required=True)
@shared_options
@click.option(
    "--diff", is_flag=True, help=_h("打印修复的统一差异，不修改文件（有修复时以 1 退出）。", "Print a unified diff of the repairs and change nothing (exit 1 if any).")
)
@click.option("--quiet", "-q", is_flag=True, help=_h("不列出修复的文件。", "Do not list the repaired files."))
@click.option(
    "--layout",
    "apply_layout",
    is_flag=True,
    help=_h(
        "同时按版式配置（GB/T 9704）重排 .docx：页边距、字体、字号、缩进、行距、页码；文字不变。",
        "Also lay .docx files out to the layout profile (GB/T 9704): margins, fonts, sizes, indents, spacing, page numbers; text unchanged.",
    ),
)
def fix(
    paths, checklist_ref, lang, select, ignore, config_path, no_config, stdin_filename, layout_profile, diff, quiet, apply_layout
) -> None:
    from lint.fixing import fix_items

    if "-" in paths:
        _fail(
            "fix does not read standard input; name the files"
            if (lang or _env_lang()) == "en"
            else "fix 不读取标准输入，请给出文件"
        )
    config, planner = _settings(
        checklist_ref, lang, select, ignore, config_path, no_config, layout_profile, use_config_rules=False
    )
    items = _items(paths, config, planner.lang)
    run = _guard(fix_items, items, planner, sys.stdout, sys.stderr, diff=diff, quiet=quiet, layout=apply_layout)
    sys.exit(2 if run.failed else 1 if diff and run.changed else 0)


@main.command(help=_h("显示 reportlint 看到的大纲，以及标题与清单章节的对应。", "Show the outline reportlint sees in PATH and how headings map to sections."))
@click.argument("path")
@shared_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--no-color", is_flag=True)
def outline(
    path, checklist_ref, lang, select, ignore, config_path, no_config, stdin_filename, layout_profile, fmt, no_color
) -> None:
    from lint.check import read_stdin
    from lint.runner import collect, safe_lint

    config, planner = _settings(checklist_ref, lang, select, ignore, config_path, no_config, layout_profile)
    if path == "-":
        data = _guard(read_stdin, stdin_filename, planner.lang)
        result = _guard(safe_lint, stdin_filename or "<stdin>", planner, data)
    else:
        if os.path.isdir(path):
            _fail(
                f"{path}: outline shows one file; name a report file"
                if planner.lang == "en"
                else f"{path}：outline 只显示一个文件的大纲，请指定报告文件"
            )
        for item in collect([path]):
            if item.error_en is not None:
                _fail(f"{path}: {item.error(planner.lang)}")
        result = _guard(safe_lint, path, planner)
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

    no_color = no_color or "NO_COLOR" in os.environ
    render(result, Console(no_color=no_color, highlight=False, soft_wrap=True), planner.lang)


@main.command(help=_h("在当前目录写入带注释的配置文件 .reportlint.yaml。", "Write a commented starter configuration, .reportlint.yaml, in the current directory."))
@click.option("--force", is_flag=True, help=_h("覆盖已有的 .reportlint.yaml。", "Overwrite an existing .reportlint.yaml."))
@click.option("--lang", type=click.Choice(LANGS), default=None, help=_h("注释的语言。", "Language of the comments."))
def init(force, lang) -> None:
    from lint.config import starter

    lang = lang or _env_lang()
    target = Path(".reportlint.yaml")
    if target.exists() and not force:
        _fail(
            f"{target}: already exists (use --force to overwrite)"
            if lang == "en"
            else f"{target}：已存在（用 --force 覆盖）"
        )
    target.write_text(starter(lang), encoding="utf-8")
    click.echo(f"wrote {target}" if lang == "en" else f"已写入 {target}")


@main.group(help=_h("列出、显示和校验清单。", "List, show and validate checklists."))
def checklists() -> None:
    pass


@checklists.command("list", help=_h("列出内置清单。", "List the built-in checklists."))
def checklists_list() -> None:
    from lint.checklist import builtin_ids

    for cid in builtin_ids():
        cl = _load_checklist(cid)
        base = f"  (extends {cl.extends})" if cl.extends else ""
        click.echo(f"{cid:<22} {cl.name}{base}")


@checklists.command("show", help=_h("显示清单（内置 id 或文件），已展开 extends。", "Show a checklist (built-in id or file) with extends resolved."))
@click.argument("ref")
@click.option("--lang", type=click.Choice(LANGS), default=None, help=_h("语言。  [默认：zh]", "Language.  [default: zh]"))
def checklists_show(ref, lang) -> None:
    cl = _load_checklist(ref)
    en = (lang or _env_lang()) == "en"
    f = (
        {"extends": "extends", "source": "source", "threshold": "threshold", "aliases": "aliases",
         "keywords": "keywords", "element": "element"}
        if en
        else {"extends": "继承", "source": "依据", "threshold": "匹配阈值", "aliases": "常见写法",
              "keywords": "关键词", "element": "要素"}
    )
    sev = {"error": "错误", "warning": "警告", "info": "提示"}
    click.echo(f"{cl.id}: {cl.name_en if en and cl.name_en else cl.name}")
    if cl.extends:
        click.echo(f"  {f['extends']}: {cl.extends}")
    if cl.source:
        click.echo(f"  {f['source']}: {cl.source}")
    click.echo(f"  {f['threshold']}: {cl.threshold:g}")
    for n, s in enumerate(cl.ordered(), start=1):
        req = ("required" if en else "必备") if s.required else ("optional" if en else "可选")
        click.echo(f"\n{n}. {s.id}  [{req}, {s.severity if en else sev[s.severity]}]")
        click.echo(f"   {s.title}")
        if s.title_en:
            click.echo(f"   {s.title_en}")
        if s.aliases:
            click.echo(f"   {f['aliases']}: {'、'.join(s.aliases)}")
        if s.keywords:
            click.echo(f"   {f['keywords']}: {'、'.join(s.keywords)}")
        for el in s.elements:
            click.echo(f"   {f['element']} {el.id} ({el.name}): {'、'.join(el.patterns)}")


@checklists.command(
    "validate",
    help=_h(
        "校验清单文件，逐条列出问题（文件:行）；有无效文件时以 1 退出。",
        "Validate checklist files; print every problem with file:line. Exit 1 if any is invalid.",
    ),
)
@click.argument("files", nargs=-1, required=True)
@click.option("--lang", type=click.Choice(LANGS), default=None, help=_h("语言。  [默认：zh]", "Language.  [default: zh]"))
def checklists_validate(files, lang) -> None:
    from lint.checklist import ChecklistError, load_file
    from lint.examples import run_examples

    bad = False
    en = (lang or _env_lang()) == "en"
    for f in files:
        try:
            cl = load_file(f)
        except ChecklistError as exc:
            bad = True
            for line in exc.format_lines(lang or _env_lang()):
                click.echo(line)
            continue
        results = run_examples(cl)
        failed = [r for r in results if not r.ok]
        for r in failed:
            bad = True
            none = "no finding" if en else "无结果"
            want = ", ".join(r.example.expect) or none
            got = ", ".join(r.got) or none
            click.echo(
                f"{f}: example '{r.example.name}' expected {want}, got {got}"
                if en
                else f"{f}: 示例「{r.example.name}」应得到 {want}，实际为 {got}"
            )
        passed = len(results) - len(failed)
        if not failed:
            if en:
                examples = f", {passed}/{len(results)} examples pass" if results else ""
                click.echo(f"{f}: ok ({cl.id}, {len(cl.sections)} sections{examples})")
            else:
                examples = f"，示例 {passed}/{len(results)} 通过" if results else ""
                click.echo(f"{f}: 通过（{cl.id}，{len(cl.sections)} 个部分{examples}）")
    sys.exit(1 if bad else 0)


@main.command(help=_h("说明规则：检查什么、为什么、示例、如何修改；不带 RULE 时列出全部规则。", "Explain RULE: what it checks, why, an example, how to fix. Without RULE, list all rules."))
@click.argument("rule", required=False)
@click.option("--lang", type=click.Choice(LANGS), default=None, help=_h("语言。  [默认：zh]", "Language.  [default: zh]"))
def explain(rule, lang) -> None:
    lang = lang or _env_lang()
    from lint.rules import all_rules

    rules = all_rules()
    en = lang == "en"
    if rule is None:
        for r in rules.values():
            sev = r.severity if en else {"error": "错误", "warning": "警告", "info": "提示"}[r.severity]
            click.echo(f"{r.id:<22} {sev:<8} {r.summary['en' if en else 'zh']}")
        return
    if rule not in rules:
        import difflib

        close = difflib.get_close_matches(rule, list(rules), n=1)
        message = f"unknown rule id '{rule}'" + (f" (did you mean '{close[0]}'?)" if close else "")
        if not en:
            from lint.messages_zh import zh

            message = zh(message)
        _fail(message)
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
    sev = r.severity if en else {"error": "错误", "warning": "警告", "info": "提示"}[r.severity]
    if en:
        click.echo(f"{r.id} ({sev}, family {r.family}) — {r.summary[k]}\n")
    else:
        from lint.messages_zh import FAMILIES

        click.echo(f"{r.id}（{sev}，{FAMILIES.get(r.family, r.family)}类规则 {r.family}）— {r.summary[k]}\n")
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


@main.command(
    help=_h(
        "审核一批报告：生成一个网页（或 Excel/CSV 表格），每份报告一行，给出结论和各部分情况。",
        "Review a folder of reports: one HTML page (or Excel/CSV workbook) with a row and a verdict per report.",
    )
)
@click.argument("paths", nargs=-1, required=True)
@shared_options
@click.option(
    "--output", "-o", required=True, type=click.Path(dir_okay=False), help=_h("要写入的网页或表格。", "The page or workbook to write.")
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "xlsx", "csv"]),
    default=None,
    help=_h(
        "html（默认）、xlsx 或 csv（FILE 和 FILE-findings.csv）；默认按 --output 的扩展名。",
        "html (default), xlsx, or csv (FILE and FILE-findings.csv); guessed from the --output extension.",
    ),
)
@click.option(
    "--previous",
    multiple=True,
    metavar="FILE",
    help=_h(
        "去年的报告（copied-report）；PATHS 中的报告按单位和年度自动配对。",
        "Last year's report to compare with (copied-report); reports in PATHS are paired by unit and year.",
    ),
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True, help=_h("并行进程数（0 = 全部核）。", "Lint files in parallel (0 = all cores).")
)
def review(
    paths, checklist_ref, lang, select, ignore, config_path, no_config, stdin_filename, layout_profile, output, fmt, previous, jobs
) -> None:
    from lint import review as review_flow

    config, planner = _settings(checklist_ref, lang, select, ignore, config_path, no_config, layout_profile)
    items = _items(paths, config, planner.lang)
    sys.exit(_guard(review_flow.run, items, planner, output, fmt, previous, jobs, sys.stderr, paths))


# --------------------------------------------------------------------------- Word: annotate, new


@main.command(
    help=_h(
        "为 .docx 报告生成副本，每条检查结果写成一条批注；原文件不变。",
        "Write a copy of a .docx report with one Word comment (批注) per finding; the original is not changed.",
    )
)
@click.argument("path")
@shared_options
@click.option(
    "--output",
    "-o",
    default=None,
    metavar="FILE",
    help=_h("批注副本。  [默认：原名.reportlint.docx]", "Annotated copy.  [default: NAME.reportlint.docx]"),
)
@click.option(
    "--baseline",
    default=None,
    metavar="FILE",
    help=_h("不标注基线中已记录的结果。", "Leave out findings recorded in this baseline."),
)
def annotate(
    path, checklist_ref, lang, select, ignore, config_path, no_config, stdin_filename, layout_profile, output, baseline
) -> None:
    from lint.annotate import AnnotateError, annotate_file

    _, planner = _settings(checklist_ref, lang, select, ignore, config_path, no_config, layout_profile)
    _output_folder(output, planner.lang)
    try:
        click.echo(annotate_file(path, output, planner.options_for(path), baseline))
    except AnnotateError as exc:
        _fail(exc.render(planner.lang))


@main.command(
    "new",
    help=_h(
        "按清单生成报告框架：标题、全部法定标题及序号、撰写说明、落款（.docx/.md/.txt）。",
        "Write a report skeleton for a checklist: title, every mandated heading in order, notes, signature.",
    ),
)
@click.option(
    "--checklist", "checklist_ref", default="fazhi-2019", show_default=True, help=_h("清单 id 或文件。", "Checklist id or file.")
)
@click.option(
    "--unit", default="某某单位", show_default=True, help=_h("报告单位（标题和落款）。", "The reporting body (title and signature).")
)
@click.option(
    "--year",
    type=click.IntRange(1990, 2100),
    default=None,
    help=_h("报告年度。  [默认：上一年]", "Year reported on.  [default: last year]"),
)
@click.option("--addressee", default=None, help=_h("主送机关；空字符串表示不写。", "Addressee line (主送机关); empty for none."))
@click.option(
    "--output", "-o", required=True, metavar="FILE", help=_h("输出文件：.docx、.md 或 .txt。", "Output file: .docx, .md or .txt.")
)
@click.option("--force", is_flag=True, help=_h("覆盖已有文件。", "Overwrite an existing file."))
@click.option("--lang", type=click.Choice(LANGS), default=None, help=_h("说明和消息的语言。", "Language of notes and messages."))
def new(checklist_ref, unit, year, addressee, output, force, lang) -> None:
    import datetime

    from lint.skeleton import SkeletonError, write_skeleton

    lang = lang or _env_lang()
    _output_folder(output, lang)
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


_clickzh.install(lambda: (_LANG["now"] or _env_lang()) == "en")


if __name__ == "__main__":  # pragma: no cover
    entry()
