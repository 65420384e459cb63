"""Human output, streamed: findings grouped per file, then a one-line summary.

A plain writer (no rich): colour only on a terminal, never with ``NO_COLOR``
or ``--no-color``; lines wrapped to ``COLUMNS`` (or the terminal) keep their
indent and never split a word or a rule id.  One problem repeated many times
in a file (the same rule and message but for the numbers) is shown once with
its count and places; JSON and the other formats keep every instance.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from typing import TextIO

from lint.engine import FileResult
from lint.formatters import Formatter, Tally, location_text, printable, snippet
from lint.rules import Finding

STYLE = {"error": "1;31", "warning": "33", "info": "36"}
LABEL = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
#: Findings of one shape repeated at least this often in a file are shown as one group.
GROUP_AT = 3
_DIGITS = re.compile(r"\d+")
_TOKEN = re.compile(r"[A-Za-z0-9_\-./:@%]+|\s+|.", re.S)


def cells(text: str) -> int:
    """Terminal cells the text takes (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int, indent: int) -> list[str]:
    """Wrap to ``width`` cells; continuation lines are indented by ``indent`` spaces by the caller.
    Latin words, numbers and rule ids are never split; CJK text may break between characters."""
    if width <= indent + 10 or cells(text) <= width:
        return [text]
    lines: list[str] = []
    current, used, limit = "", 0, width
    for token in _TOKEN.findall(text):
        w = cells(token)
        if used + w > limit and current.strip():
            lines.append(current.rstrip())
            current, used, limit = "", 0, width - indent
            if token.isspace():
                continue
        current += token
        used += w
    if current.strip():
        lines.append(current.rstrip())
    return lines


def use_color(out: TextIO, no_color: bool) -> bool:
    if no_color or "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def term_width(out: TextIO) -> int | None:
    """Width to wrap to: ``COLUMNS`` when set, else the terminal's, else none (a pipe or file)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    isatty = getattr(out, "isatty", None)
    if isatty and isatty():
        return shutil.get_terminal_size().columns
    return None


def summary_line(tally: Tally, lang: str) -> str:
    failed = tally.unreadable
    if lang == "en":

        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"

        text = (
            f"{n(tally.files, 'file')} checked: {n(tally.errors, 'error')}, "
            f"{n(tally.warnings, 'warning')}, {n(tally.info, 'info')}"
        )
        return text + (f"; {failed} could not be read" if failed else "")
    text = f"检查了 {tally.files} 个文件：{tally.errors} 个错误，{tally.warnings} 个警告，{tally.info} 个提示"
    return text + (f"；{failed} 个文件无法读取" if failed else "")


def _shape(f: Finding) -> tuple:
    return (f.rule, f.severity, _DIGITS.sub("#", f.message), _DIGITS.sub("#", f.hint or ""))


def group(findings: list[Finding]) -> list[list[Finding]]:
    """Findings in order, those of one repeated shape gathered at the place of the first."""
    counts: dict[tuple, int] = {}
    for f in findings:
        counts[_shape(f)] = counts.get(_shape(f), 0) + 1
    groups: dict[tuple, list[Finding]] = {}
    out: list[list[Finding]] = []
    for f in findings:
        key = _shape(f)
        if counts[key] >= GROUP_AT:
            if key not in groups:
                groups[key] = []
                out.append(groups[key])
            groups[key].append(f)
        else:
            out.append([f])
    return out


class TextFormatter(Formatter):
    """Options: ``err`` (stream for unreadable files), ``quiet``, ``no_color``, ``summary`` (per-file table),
    ``show_summary`` (the closing line), ``group`` (gather repeated findings)."""

    def __init__(self, out: TextIO, lang: str = "zh", **options) -> None:
        super().__init__(out, lang, **options)
        self.err: TextIO = options.get("err") or out
        self.quiet = bool(options.get("quiet"))
        self.color = options["color"] if "color" in options else use_color(out, bool(options.get("no_color")))
        self.width = options["width"] if "width" in options else term_width(out)
        self.labels = LABEL["en" if lang == "en" else "zh"]
        self.grouping = options.get("group", True)

    def _c(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def _emit(self, head: str, body: str, indent: int, head_cells: int | None = None) -> None:
        """Print ``head`` + ``body``; with a known width, wrap ``body`` (first line after the head,
        the rest indented by ``indent``), never inside a word.  Colour codes wrap the whole body."""
        if self.width is None:
            self.out.write(head + body + "\n")
            return
        used = cells(re.sub(r"\x1b\[[0-9;]*m", "", head)) if head_cells is None else head_cells
        plain = re.sub(r"\x1b\[[0-9;]*m", "", body)
        prefix, suffix = (body[: body.index(plain[:1])], "\x1b[0m") if plain != body and plain else ("", "")
        first = wrap(plain, self.width - used, 0)[0] if self.width - used > 10 else ""
        if first and cells(first) > self.width - used:
            first = ""
        rest = plain[len(first):].lstrip()
        parts = wrap(rest, self.width - indent, 0) if rest else []
        if not first:
            self.out.write(head.rstrip() + "\n")
        else:
            self.out.write(head + prefix + first + suffix + "\n")
        for part in parts:
            self.out.write(" " * indent + prefix + part + suffix + "\n")

    def file(self, result: FileResult) -> None:
        if result.error is not None:
            self.err.write(f"{self._c('1;31', printable(result.path))}: {printable(result.error)}\n")
            self.err.flush()
            return
        if not result.findings:
            return
        en = self.lang == "en"
        outline = result.outline
        meta = [self._checklist_name(result)]
        if result.checklist_reason:
            meta[0] += f" ({result.checklist_reason})" if en else f"（{result.checklist_reason}）"
        if outline and outline.title:
            meta.append(outline.title.text)
        if outline and outline.year:
            meta.append(str(outline.year))
        self._emit(f"{self._c('1;4', printable(result.path))}  ", self._c("2", printable(" · ".join(meta))), 2, cells(printable(result.path)) + 2)
        doc = result.document
        word_like = doc is not None and doc.location_unit in ("paragraph", "page")
        batches = group(result.findings) if self.grouping else [[f] for f in result.findings]
        for batch in batches:
            f = batch[0]
            loc = location_text(doc, f.line, f.column)
            sev = f.severity
            message = printable(f.message)
            if len(batch) > 1:
                places = [location_text(doc, g.line, g.column) for g in batch]
                shown = "、".join(places[:8]) + ("…" if len(places) > 8 else "")
                message += (
                    f" (×{len(batch)}: {', '.join(places[:8])}{'…' if len(places) > 8 else ''})"
                    if en
                    else f"（共 {len(batch)} 处：{shown}）"
                )
            elif word_like:
                quote = snippet(doc, f.line)
                if quote:
                    message += f" ({'at' if en else '位于'} “{printable(quote)}”)" if en else f"（位于「{printable(quote)}」）"
            head = (
                f"  {self._c('2', f'{loc:>7}')}  {self._c(STYLE[sev], f'{self.labels[sev]:<7}')} "
                f"{self._c('35', f'{f.rule:<18}')} "
            )
            self._emit(head, message, 2 + 7 + 2 + 8 + 19)
            if f.hint and not self.quiet:
                self._emit(" " * (2 + 7 + 2 + 8 + 19), self._c("2", "↳ " + printable(f.hint)), 2 + 7 + 2 + 8 + 21)
        self.out.write("\n")
        self.out.flush()

    renders_in_workers = True

    def render(self, result: FileResult) -> tuple[str, str]:
        import io

        out, err = io.StringIO(), io.StringIO()
        saved = self.out, self.err
        self.out, self.err = out, err
        try:
            self.file(result)
        finally:
            self.out, self.err = saved
        return out.getvalue(), err.getvalue()

    def worker_options(self) -> dict:
        """What a worker needs to render exactly as this formatter would."""
        return {**self.options, "color": self.color, "width": self.width, "err": None}

    def _checklist_name(self, result: FileResult) -> str:
        cl = result.checklist
        if cl is None:
            return ""
        return cl.id

    def end(self, tally: Tally) -> None:
        en = self.lang == "en"
        if self.options.get("summary"):
            self.out.write(("Files checked:" if en else "检查的文件：") + "\n")
            for row in tally.rows:
                if row.error is not None:
                    verdict = "unreadable" if en else "无法读取"
                    pad = " " * max(0, 10 - cells(verdict))
                    self.out.write(f"  {self._c('1;31', verdict)}{pad} {printable(row.path)}  {printable(row.error)}\n")
                    continue
                if row.errors:
                    verdict = "errors" if en else "有错误"
                elif row.warnings:
                    verdict = "warnings" if en else "有警告"
                elif row.info:
                    verdict = "info" if en else "仅提示"
                else:
                    verdict = "clean" if en else "通过"
                counts = (
                    f"{row.errors} errors, {row.warnings} warnings, {row.info} info"
                    if en
                    else f"{row.errors} 错误 {row.warnings} 警告 {row.info} 提示"
                )
                pad = " " * max(0, 10 - cells(verdict))
                self.out.write(f"  {verdict}{pad} {printable(row.path)}  [{row.checklist or '-'}]  {counts}\n")
            self.out.write("\n")
        if not self.quiet:
            self._emit("", summary_line(tally, self.lang), 2, 0)
        self.out.flush()
