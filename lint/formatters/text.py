"""Human output with rich: findings grouped per file, then a one-line summary."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from lint.engine import FileResult
from lint.formatters import location_text, summary

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LABEL = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def summary_line(results: list[FileResult], lang: str) -> str:
    s = summary(results)
    failed = sum(1 for r in results if r.error)
    if lang == "en":

        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"

        text = f"{n(s['files'], 'file')} checked: {n(s['errors'], 'error')}, {n(s['warnings'], 'warning')}, {n(s['info'], 'info')}"
        return text + (f"; {failed} could not be read" if failed else "")
    text = f"检查了 {s['files']} 个文件：{s['errors']} 个错误，{s['warnings']} 个警告，{s['info']} 个提示"
    return text + (f"；{failed} 个文件无法读取" if failed else "")


def render(results: list[FileResult], console: Console, err_console: Console, lang: str, quiet: bool) -> None:
    labels = LABEL["en" if lang == "en" else "zh"]
    for r in results:
        if r.error is not None:
            err_console.print(f"[bold red]{escape(r.path)}[/]: {escape(r.error)}")
            continue
        if not r.findings:
            continue
        outline = r.outline
        meta = [r.checklist.id if r.checklist else ""]
        if r.checklist_reason:
            meta[0] += f" ({r.checklist_reason})" if lang == "en" else f"（{r.checklist_reason}）"
        if outline and outline.title:
            meta.append(outline.title.text)
        if outline and outline.year:
            meta.append(str(outline.year))
        console.print(f"[bold underline]{escape(r.path)}[/]  [dim]{escape(' · '.join(meta))}[/]")
        for f in r.findings:
            loc = location_text(r.document, f.line, f.column)
            sev = f.severity
            console.print(
                f"  [dim]{loc:>7}[/]  [{STYLE[sev]}]{labels[sev]:<7}[/] [magenta]{f.rule:<18}[/] {escape(f.message)}"
            )
            if f.hint and not quiet:
                console.print(f"  {'':>7}  {'':<7} {'':<18} [dim]↳ {escape(f.hint)}[/]")
        console.print()
    if not quiet:
        console.print(summary_line(results, lang))
