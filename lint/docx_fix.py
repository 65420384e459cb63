"""``reportlint fix`` for .docx: the text repairs of :mod:`lint.fixer`, made inside the runs.

The repairs are the ones ``fix`` makes for .txt (heading markers and
numbering, conversion junk, dates, document numbers, the addressee's colon,
term replacements); they are computed by :func:`lint.fixer.plan` itself on
the paragraphs' text, and the difference, character by character, is then
applied to the ``w:t`` nodes that hold the characters, so every run keeps its
formatting (a changed character takes the formatting of the one it replaces,
an inserted one that of the character before it).  Only ``word/document.xml``
is rewritten, and in it only the paragraphs repaired: every other paragraph,
tracked changes (``w:ins``/``w:del``), comment anchors and every other part of
the package (comments, styles, numbering …) stay as they were.  A repair
that would cross a tab or a line break inside a paragraph, or a repair in a
table row, is left out.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from lint.engine import FileResult
from lint.fixer import FixError, FixOutcome
from lint.fixer import plan as plan_text
from lint.rules import Finding, Fix
from lint.wordml import numbered_elements, paragraph_text, replace_text, w

DOCUMENT_PART = "word/document.xml"
#: Stands for a line break inside a paragraph while the text fixer sees one line per paragraph.
_BREAK = "\u2028"
#: Longest changed stretch of a paragraph compared character by character (longer: one replacement).
_MAX_DIFF = 5000


@dataclass
class DocxFixOutcome(FixOutcome):
    """:class:`lint.fixer.FixOutcome` plus the repairs left out (rule id → count)."""

    skipped: Counter = field(default_factory=Counter)


def _repaired_texts(result: FileResult, raws: dict[int, str]) -> dict[int, str]:
    """¶ number → the paragraph's text as ``fix`` repairs it in a text file (same code, same result).

    The paragraphs become the lines of a UTF-8 text after one ASCII line (so that no
    paragraph is ever taken for a byte-order mark), and the findings' repairs move down one line.
    """
    from lint.readers import ReadError

    last = max(raws, default=0)
    lines = ["reportlint"] + [raws.get(n, "").replace("\r", _BREAK).replace("\n", _BREAK) for n in range(1, last + 1)]
    findings = [
        replace(f, fix=replace(f.fix, lineno=f.fix.lineno + 1))
        for f in result.findings
        if f.fix is not None and f.fix.lineno in raws
    ]
    text_doc = replace(result.document, format="txt")
    shifted = replace(result, document=text_doc, findings=findings)
    try:
        outcome = plan_text(shifted, "\n".join(lines).encode("utf-8"))
    except ReadError as exc:
        raise FixError(str(exc), exc.zh) from None
    after = outcome.after.split("\n")[1:] if outcome.changed else lines[1:]
    return {n: after[n - 1].replace(_BREAK, "\n") for n in raws}


def _opcodes(before: str, after: str) -> list[tuple[int, int, str]]:
    """Localised replacements (start, end, new) turning ``before`` into ``after``, last first."""
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    old, new = before[head : len(before) - tail], after[head : len(after) - tail]
    if len(old) + len(new) > _MAX_DIFF:
        return [(head, head + len(old), new)]
    ops = [
        (head + i1, head + i2, new[j1:j2])
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        if tag != "equal"
    ]
    return list(reversed(ops))


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
    raws = {n: paragraph_text(e) for n, (kind, e) in elements.items() if kind == "p"}
    targets = _repaired_texts(result, raws) if by_line else {}
    changed = False
    for lineno, items in sorted(by_line.items()):
        kind, element = elements.get(lineno, (None, None))
        line = doc.line_at(lineno)
        rules = [f.rule for f, _ in items]
        if kind != "p" or line is None or raws[lineno] != line.raw or targets[lineno] == raws[lineno]:
            # A table row, a paragraph not read as lint read it, or nothing the text fixer could do
            # (e.g. a marker made by Word's list numbering is not in the text).
            outcome.skipped.update(rules)
            continue
        backup = copy.deepcopy(element)
        done = all(replace_text(element, a, b, new) for a, b, new in _opcodes(raws[lineno], targets[lineno]))
        if not done or paragraph_text(element) != targets[lineno]:
            # A repair crossed a tab or a break: leave the whole paragraph as it was.
            element.getparent().replace(element, backup)
            elements[lineno] = ("p", backup)
            outcome.skipped.update(rules)
            continue
        changed = True
        outcome.applied.update(rules)
    outcome.before, outcome.after = before, _texts(elements)
    if changed:
        start = xml.find(b"<", xml.find(b"?>") + 2) if xml.startswith(b"<?xml") else 0
        part = xml[:start] + etree.tostring(root, encoding="UTF-8", xml_declaration=False)
        outcome.data = _rezip(data, part)
    return outcome
