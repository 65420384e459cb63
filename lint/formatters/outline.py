"""Pretty outline for ``reportlint outline``: what reportlint sees, and why."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from lint.engine import FileResult
from lint.formatters import location_text


def render(result: FileResult, console: Console, lang: str) -> None:
    en = lang == "en"
    outline, match, checklist = result.outline, result.match, result.checklist
    assert outline is not None and match is not None and checklist is not None
    none = "none" if en else "无"
    if outline.title:
        where = outline.document.describe(outline.title.line.lineno, lang)
        title = f"{outline.title.text}  ({where})" if en else f"{outline.title.text}（{where}）"
    else:
        title = none
    rows = [
        ("Title" if en else "标题", title),
        ("Year" if en else "年度", str(outline.year) if outline.year else none),
        (
            "Checklist" if en else "清单",
            f"{checklist.id}  {checklist.name_en if en and checklist.name_en else checklist.name}",
        ),
    ]
    if result.checklist_reason:
        rows.append(("Why" if en else "选择依据", result.checklist_reason))
    if outline.addressee:
        rows.append(("Addressee" if en else "主送", outline.addressee.text))
    console.print(f"[bold]{escape(result.path)}[/]")
    for k, v in rows:
        console.print(f"  [dim]{k:<10}[/] {escape(v)}")
    console.print()
    for h in outline.headings:
        indent = "  " * (h.level - 1)
        style = "bold" if h.level == 1 else ""
        text = f"[{style}]{escape(h.marker + h.text)}[/]" if style else escape(h.marker + h.text)
        note = (
            " [dim](level from context)[/]"
            if h.promoted and en
            else (" [dim]（层级由上下文推断）[/]" if h.promoted else "")
        )
        loc = location_text(outline.document, h.lineno, None)
        console.print(f"  [dim]{loc:>7}[/]  {indent}{text}{note}")
        m = match.section_of(h)
        pad = "  " + " " * 7 + "  " + indent
        if m is not None and (h.level == 1 or m.reason.kind != "position"):
            section = checklist.sections[m.section]
            score = f"{m.score:.0f}" if m.score is not None else "–"
            console.print(
                f"{pad}[green]→ {m.section}[/] {escape(section.display(lang))}  "
                f"[dim]{'score' if en else '得分'} {score} · {escape(m.reason.render(lang))}[/]"
            )
        elif h.level == 1:
            dup = next((d for d in match.duplicates if d.heading is h), None)
            if dup is not None:
                console.print(
                    f"{pad}[yellow]→ {dup.section} {'(duplicate)' if en else '（重复）'}[/]  "
                    f"[dim]{'score' if en else '得分'} {dup.score:.0f}[/]"
                )
            else:
                console.print(f"{pad}[yellow]→ {'no section' if en else '未对应任何部分'}[/]")
    missing = [s for s in match.missing(checklist) if s.required]
    if missing:
        names = ", ".join(s.id for s in missing) if en else "、".join(s.display("zh") for s in missing)
        console.print(f"\n  [red]{'Missing' if en else '缺少'}:[/] {escape(names)}")
