"""``reportlint annotate``: the drafter's own .docx back, with one Word comment (批注) per finding.

Each comment is anchored on what the finding concerns: the exact characters
of a term, a date, a document number or conversion junk (runs are split so
that the comment covers just them); the heading paragraph for a section
finding; for ``missing-section``, the heading before which the section
belongs.  Findings without a place sit on the title (or, for a section
missing at the end, on the last paragraph).  The input is never changed:
the annotated copy is written atomically beside it.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lint.engine import FileResult
from lint.rules import Finding
from lint.wordml import W_NS, isolate, locate, numbered_elements, paragraph_runs, run_text, w

AUTHOR = "reportlint"
INITIALS = "RL"
SEVERITY_WORD = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}}
#: How far a quoted phrase may stand from a finding's column (auto-numbering labels shift columns).
_SLACK = 8
_QUOTED = re.compile(r"「([^」]{1,80})」|“([^”]{1,80})”")


class AnnotateError(Exception):
    """The file cannot be annotated; the message says why (in both languages)."""

    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.en, self.zh = en, zh

    def render(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class Anchor:
    """Where a comment goes: a paragraph element and a character range of its text (None: all of it)."""

    paragraph: object
    start: int | None = None
    end: int | None = None


def default_output(path: str) -> str:
    """``报告.docx`` → ``报告.reportlint.docx``, beside the input."""
    p = Path(path)
    return str(p.with_name(f"{p.stem}.reportlint{p.suffix or '.docx'}"))


def comment_text(finding: Finding, lang: str) -> list[str]:
    """The comment's paragraphs: 「[警告] rule：message」 and the hint."""
    severity = SEVERITY_WORD.get(lang, {}).get(finding.severity, finding.severity)
    first = f"[{severity}] {finding.rule}：{finding.message}" if lang != "en" else (
        f"[{severity}] {finding.rule}: {finding.message}"
    )
    return [first] + ([finding.hint] if finding.hint else [])


def _phrases(result: FileResult, finding: Finding) -> list[tuple[str, bool]]:
    """What a finding about characters (terms, dates, markers, junk) is about: (phrase, may stand anywhere).

    The repair's old text or the junk's sample may stand anywhere in the paragraph (the nearest
    occurrence to the column wins); a phrase quoted in the message must stand at the column, give or
    take a few characters.  Section findings are about their heading as a whole: no phrase.
    """
    out: list[tuple[str, bool]] = []
    fix = finding.fix
    if fix is not None and fix.kind in ("replace", "marker") and fix.old:
        out.append((fix.old, True))
    line = result.document.line_at(finding.line) if result.document and finding.line else None
    if line is None:
        return out
    if finding.rule == "conversion-artifact":
        out += [(a.sample, True) for a in line.artifacts if a.column == finding.column]
        return out
    if finding.section is None and finding.column:
        out += [(m.group(1) or m.group(2), False) for m in _QUOTED.finditer(finding.message)]
    return out


def _first_paragraph(element):
    """The paragraph to hold a comment for a table row: the first cell paragraph with text."""
    paragraphs = list(element.iter(w("p")))
    for p in paragraphs:
        if any(run_text(r) for r in paragraph_runs(p)):
            return p
    return paragraphs[0] if paragraphs else None


def anchor_for(result: FileResult, finding: Finding, elements: dict[int, tuple[str, object]]) -> Anchor | None:
    """Where the comment for ``finding`` goes in the document whose ¶ elements are ``elements``."""
    from lint.wordml import paragraph_text

    if finding.line is None or finding.line not in elements:
        numbers = [n for n, (kind, e) in sorted(elements.items()) if kind == "p" and paragraph_text(e).strip()]
        if not numbers:
            return None
        # A section missing at the end belongs after the last paragraph; anything else is about the document.
        at_end = finding.rule == "missing-section"
        return Anchor(elements[numbers[-1] if at_end else numbers[0]][1])
    kind, element = elements[finding.line]
    if kind == "row":
        p = _first_paragraph(element)
        return Anchor(p) if p is not None else None
    raw = paragraph_text(element)
    for phrase, anywhere in _phrases(result, finding):
        start = locate(raw, phrase, finding.column)
        if start is not None and (anywhere or abs(start - ((finding.column or 1) - 1)) <= _SLACK):
            return Anchor(element, start, start + len(phrase))
        span = _mapped_span(result, finding, raw, phrase)
        if span is not None:
            return Anchor(element, *span)
    return Anchor(element)


def _mapped_span(result: FileResult, finding: Finding, raw: str, exact: str) -> tuple[int, int] | None:
    """Where characters of the checked text (junk removed, converted to simplified script) stand in ``raw``.

    A replacement found in the simplified text of a traditional-script report is
    not in the paragraph as written; its column counts in the checked text, which
    :func:`lint.normalize.clean_line` maps back to the paragraph character by character.
    """
    from lint.normalize import clean_line, to_simplified

    line = result.document.line_at(finding.line) if finding.line else None
    if line is None or line.raw != raw or not finding.column or line.positions is not None:
        return None
    cleaned, _, positions = clean_line(raw)
    checked = to_simplified(cleaned) if result.document.traditional else cleaned
    label = len(line.text) - len(checked)  # Word's automatic numbering, put in front of the text
    index = finding.column - line.column - label
    if len(checked) != len(cleaned) or label < 0 or index < 0 or checked[index : index + len(exact)] != exact:
        return None
    return positions[index], positions[index + len(exact) - 1] + 1


def _comment(comment_id: int, stamp: str, paragraphs: list[str]):
    """A ``w:comment`` as Word writes one: each paragraph in the CommentText style, the first with the mark."""
    from lxml import etree

    comment = etree.Element(w("comment"), nsmap={"w": W_NS})
    comment.set(w("id"), str(comment_id))
    comment.set(w("author"), AUTHOR)
    comment.set(w("initials"), INITIALS)
    comment.set(w("date"), stamp)
    for n, text in enumerate(paragraphs):
        p = etree.SubElement(comment, w("p"))
        etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle")).set(w("val"), "CommentText")
        if n == 0:
            mark = etree.SubElement(p, w("r"))
            etree.SubElement(etree.SubElement(mark, w("rPr")), w("rStyle")).set(w("val"), "CommentReference")
            etree.SubElement(mark, w("annotationRef"))
        t = etree.SubElement(etree.SubElement(p, w("r")), w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return comment


def annotate(result: FileResult, data: bytes, lang: str = "zh") -> bytes:
    """The .docx ``data`` with one comment per finding of ``result`` (nothing is written)."""
    if result.document is None or result.document.format != "docx":
        fmt = result.document.format if result.document else Path(result.path).suffix.lstrip(".")
        raise AnnotateError(
            f"annotate writes comments into Word files only (.docx), not {fmt or 'this file'}",
            f"annotate 只能为 Word 文件（.docx）添加批注，不支持 {fmt or '该文件'}",
        )
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document = docx.Document(io.BytesIO(data))
    elements = numbered_elements(document.element.body)
    # Place the anchors first: splitting runs for one comment must not move another's characters.
    placed = [(f, anchor_for(result, f, elements)) for f in result.findings]
    _ = document.comments  # creates the comments part when the document has none
    comments = document.part.part_related_by(RT.COMMENTS).element
    next_id = max((int(i) for i in comments.xpath("./w:comment/@w:id")), default=-1) + 1
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for finding, anchor in placed:
        if anchor is None:
            continue
        p = anchor.paragraph
        if anchor.start is not None:
            runs = isolate(p, anchor.start, anchor.end)
        else:
            runs = [r for r in paragraph_runs(p) if run_text(r)]
        if not runs:
            runs = paragraph_runs(p) or [p.add_r()]
        comments.append(_comment(next_id, stamp, comment_text(finding, lang)))
        runs[0].insert_comment_range_start_above(next_id)
        runs[-1].insert_comment_range_end_and_reference_below(next_id)
        next_id += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_new(path: str, data: bytes) -> None:
    """Write a new file atomically: a temporary file in the same directory, then rename."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _read(path: str) -> bytes:
    """The file's bytes, or an :class:`AnnotateError` worded as the readers word it."""
    from lint.readers import MAX_INPUT_BYTES

    p = Path(path)
    try:
        if p.is_dir():
            raise AnnotateError(f"{path}: is a directory", f"{path}：是目录，不是文件")
        if p.stat().st_size > MAX_INPUT_BYTES:
            mb = MAX_INPUT_BYTES // (1024 * 1024)
            raise AnnotateError(f"{path}: file too large (limit {mb} MB)", f"{path}：文件过大（上限 {mb} MB）")
        return p.read_bytes()
    except FileNotFoundError:
        raise AnnotateError(f"{path}: no such file", f"{path}：文件不存在") from None
    except PermissionError:
        raise AnnotateError(f"{path}: permission denied", f"{path}：没有读取权限") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise AnnotateError(f"{path}: cannot read: {reason}", f"{path}：无法读取：{reason}") from None


def annotate_file(path: str, output: str | None, options, baseline: str | None = None) -> str:
    """Lint the .docx at ``path`` and write its annotated copy; return what to tell the user.

    Raises :class:`AnnotateError` for a file that is not a .docx, cannot be
    read, or an output that would overwrite the input.
    """
    from lint.engine import lint_file

    lang = options.lang
    if path == "-" or Path(path).suffix.lower() != ".docx":
        raise AnnotateError(
            f"{path}: annotate writes comments into Word files (.docx) only; use 'reportlint check' for other formats",
            f"{path}：annotate 只能为 Word 文件（.docx）添加批注；其他格式请用 reportlint check",
        )
    target = output or default_output(path)
    if Path(target).suffix.lower() != ".docx":
        raise AnnotateError(f"{target}: the output must be a .docx file", f"{target}：输出文件必须是 .docx")
    data = _read(path)
    try:
        same = Path(target).exists() and os.path.samefile(path, target)
    except OSError:
        same = False
    if same:
        raise AnnotateError(
            f"{target}: would overwrite the input; name another output with -o",
            f"{target}：会覆盖原文件，请用 -o 指定其他输出文件",
        )
    result = lint_file(path, options, data=data)
    if result.error is not None:
        raise AnnotateError(f"{path}: {result.error}", f"{path}：{result.error}")
    if baseline:
        from lint.baseline import BaselineError, apply

        try:
            apply(baseline, [result])
        except BaselineError as exc:
            raise AnnotateError(f"{baseline}: {exc}", f"{baseline}：{exc}") from None
    if not result.findings:
        return f"{path}: no findings; no annotated copy written" if lang == "en" else f"{path}：未发现问题，未生成批注副本"
    try:
        annotated = annotate(result, data, lang)
    except AnnotateError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged package python-docx cannot rewrite
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise AnnotateError(f"{path}: cannot add comments: {reason}", f"{path}：无法添加批注：{reason}") from None
    try:
        write_new(target, annotated)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise AnnotateError(f"{target}: {reason}", f"{target}：{reason}") from None
    n = len(result.findings)
    return f"wrote {target}: {n} comments" if lang == "en" else f"已写入 {target}：{n} 条批注"
