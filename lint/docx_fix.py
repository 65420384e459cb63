"""``reportlint fix`` for .docx: the text repairs of :mod:`lint.fixer`, made inside the runs.

The repairs are the ones ``fix`` makes for .txt (heading markers and
numbering, conversion junk, dates, document numbers, the addressee's colon,
term replacements); each is computed on the paragraph's text exactly as
:mod:`lint.fixer` computes it, and then applied to the ``w:t`` nodes that
hold the characters, so every run keeps its formatting (new text takes the
formatting of the first character it replaces).  Only ``word/document.xml``
is rewritten, and in it only the paragraphs repaired: every other paragraph,
tracked changes (``w:ins``/``w:del``), comment anchors and every other part of
the package (comments, styles, numbering …) stay as they were.  A repair
that would cross a tab or a line break inside a paragraph, or a repair in a
table row, is left out.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from lint.engine import FileResult
from lint.fixer import FixError, FixOutcome, _apply_marker, _apply_replace
from lint.normalize import _JUNK, _PIPE_ONLY, BLANKS
from lint.rules import Finding, Fix
from lint.wordml import numbered_elements, paragraph_text, replace_text, w

DOCUMENT_PART = "word/document.xml"


@dataclass
class DocxFixOutcome(FixOutcome):
    """:class:`lint.fixer.FixOutcome` plus the repairs left out (rule id → count)."""

    skipped: Counter = field(default_factory=Counter)


def _edit(p, before: str, after: str) -> bool:
    """Make the paragraph's text go from ``before`` to ``after`` with one localised replacement."""
    if before == after:
        return True
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end_b, end_a = len(before), len(after)
    while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
        end_b, end_a = end_b - 1, end_a - 1
    return replace_text(p, start, end_b, after[start:end_a])


def _strip_junk(p) -> bool:
    """Remove conversion junk as :func:`lint.normalize.strip_junk` does, one match at a time."""
    text = paragraph_text(p)
    lead = len(text) - len(text.lstrip(BLANKS))
    if _PIPE_ONLY.match(text[lead:].strip(BLANKS)):
        return _edit(p, text, text[:lead])
    ok = True
    for _, pattern in _JUNK:
        text = paragraph_text(p)
        body = text[lead:]
        for m in reversed(list(pattern.finditer(body))):
            ok = replace_text(p, lead + m.start(), lead + m.end(), "") and ok
    return ok


def _repair(p, items: list[tuple[Finding, Fix]]) -> bool:
    """Apply the repairs of one paragraph; False when one of them could not be made."""
    fixes = [fx for _, fx in items]
    original = paragraph_text(p)
    ok = True
    if any(fx.kind == "junk" for fx in fixes):
        ok = _strip_junk(p) and ok
    markers = [fx for fx in fixes if fx.kind == "marker"]
    if markers:
        text = paragraph_text(p)
        ok = _edit(p, text, _apply_marker(text, markers)) and ok
    for fx in fixes:
        if fx.kind == "replace":
            text = paragraph_text(p)
            ok = _edit(p, text, _apply_replace(text, fx, len(original) - len(text))) and ok
    return ok


def _texts(elements: dict[int, tuple[str, object]]) -> str:
    """The document's text, one line per ¶ (a table row's cells joined by tabs), for ``--diff``."""
    lines = []
    for _, (kind, element) in sorted(elements.items()):
        if kind == "row":
            cells = ["".join(t.text or "" for t in tc.iter(w("t"))).strip() for tc in element.iter(w("tc"))]
            lines.append("\t".join(cells))
        else:
            lines.append(paragraph_text(element))
    return "\n".join(lines) + "\n"


def _rezip(data: bytes, part: bytes) -> bytes:
    """The package with ``word/document.xml`` replaced; every other member copied as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, part if info.filename == DOCUMENT_PART else zin.read(info.filename))
    return out.getvalue()


def plan(result: FileResult, data: bytes) -> DocxFixOutcome:
    """The repaired .docx for a lint result of ``data``, as :func:`lint.fixer.plan` does for text (nothing written).

    ``outcome.skipped`` counts the repairs that could not be made inside the runs.
    """
    from lxml import etree

    doc = result.document
    outcome = DocxFixOutcome(result.path)
    if doc is None:
        return outcome
    if doc.format != "docx":
        raise FixError(f"{doc.format} is not a .docx file", f"{doc.format} 不是 .docx 文件")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(DOCUMENT_PART)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(xml, parser)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise FixError(f"cannot read the .docx: {exc}", f"无法读取 .docx：{exc}") from None
    body = root.find(w("body"))
    elements = numbered_elements(body) if body is not None else {}
    by_line: dict[int, list[tuple[Finding, Fix]]] = {}
    for finding in result.findings:
        if finding.fix is not None:
            by_line.setdefault(finding.fix.lineno, []).append((finding, finding.fix))
    before = _texts(elements)
    changed = False
    for lineno, items in sorted(by_line.items()):
        kind, element = elements.get(lineno, (None, None))
        line = doc.line_at(lineno)
        if kind != "p" or line is None or paragraph_text(element) != line.raw:
            outcome.skipped.update(f.rule for f, _ in items)
            continue
        backup = etree.fromstring(etree.tostring(element))
        if not _repair(element, items):
            # A repair crossed a tab or a break: leave the whole paragraph as it was.
            element.getparent().replace(element, backup)
            elements[lineno] = ("p", backup)
            outcome.skipped.update(f.rule for f, _ in items)
            continue
        if paragraph_text(element) != line.raw:
            changed = True
            outcome.applied.update(f.rule for f, _ in items)
        else:  # e.g. a marker made by Word's list numbering: not in the text
            outcome.skipped.update(f.rule for f, _ in items)
    outcome.before, outcome.after = before, _texts(elements)
    if changed:
        start = xml.find(b"<", xml.find(b"?>") + 2) if xml.startswith(b"<?xml") else 0
        part = xml[:start] + etree.tostring(root, encoding="UTF-8", xml_declaration=False)
        outcome.data = _rezip(data, part)
    return outcome
