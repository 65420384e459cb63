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
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import PurePath

from lint.engine import FileResult
from lint.fixer import FixError, FixOutcome
from lint.fixer import plan as plan_text
from lint.wordml import numbered_elements, paragraph_text, replace_text, w

DOCUMENT_PART = "word/document.xml"
#: A ``w:p`` start or end tag (not ``w:pPr`` and the like) in the bytes of ``document.xml``.
_P_TAG = re.compile(rb"<(/?)w:p(?=[\s/>])")
#: Stands for a line break inside a paragraph while the text fixer sees one line per paragraph.
_BREAK = "\u2028"
#: Longest changed stretch of a paragraph compared character by character (longer: one replacement).
_MAX_DIFF = 5000


@dataclass
class DocxFixOutcome(FixOutcome):
    """:class:`lint.fixer.FixOutcome` plus the repairs left out (rule id → count)."""

    skipped: Counter = field(default_factory=Counter)


def _as_text(result: FileResult, raws: dict[int, str], options) -> tuple[FileResult, bytes]:
    """The paragraphs as a UTF-8 text file, linted as ``fix`` lints text: line n + 1 is paragraph n.

    A blank first line keeps any paragraph from being taken for a byte-order mark; table rows are
    blank lines; a line break inside a paragraph stands as U+2028, so that lines stay paragraphs.
    Only the findings the .docx itself got (same rule, same paragraph) keep their repair.
    """
    from lint.engine import Options, lint_document
    from lint.readers import ReadError, read_bytes

    last = max(raws, default=0)
    lines = [""] + [raws.get(n, "").replace("\r", _BREAK).replace("\n", _BREAK) for n in range(1, last + 1)]
    data = "\n".join(lines).encode("utf-8")
    name = str(PurePath(result.path).with_suffix(".txt"))
    try:
        doc = read_bytes(data, name)
    except ReadError as exc:
        raise FixError(f"cannot read the text of the .docx: {exc.en}", f"无法读取 .docx 的文字：{exc.zh}") from None
    if options is None:
        options = Options(result.checklist, select=frozenset(f.rule for f in result.findings))
    text_result = lint_document(doc, options)
    flagged = {(f.rule, f.line) for f in result.findings}
    text_result.findings = [
        f for f in text_result.findings if f.fix is not None and (f.rule, f.fix.lineno - 1) in flagged
    ]
    return text_result, data


def _repaired_texts(result: FileResult, raws: dict[int, str], options) -> tuple[dict[int, str], FixOutcome]:
    """¶ number → the paragraph's text as ``fix`` repairs it in a text file (same code, same result)."""
    text_result, data = _as_text(result, raws, options)
    outcome = plan_text(text_result, data)
    after = outcome.after.split("\n")[1:] if outcome.changed else [raws.get(n, "") for n in range(1, len(raws) + 1)]
    repaired = {n: after[n - 1].replace(_BREAK, "\n") if n - 1 < len(after) else raws[n] for n in raws}
    return repaired, outcome


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


def _p_spans(xml: bytes) -> list[tuple[int, int]] | None:
    """Byte ranges of every ``w:p`` element in document order (None: the part is not written as expected)."""
    spans: list[list[int]] = []
    stack: list[int] = []
    for m in _P_TAG.finditer(xml):
        end = xml.find(b">", m.end())
        if end < 0:
            return None
        if m.group(1):
            if not stack:
                return None
            spans[stack.pop()][1] = end + 1
        else:
            spans.append([m.start(), end + 1 if xml[end - 1 : end] == b"/" else -1])
            if spans[-1][1] < 0:
                stack.append(len(spans) - 1)
    return None if stack else [(a, b) for a, b in spans]


def _splice(xml: bytes, root, order: dict, edited: list[int]) -> bytes:
    """The new ``document.xml``: the original bytes with only the edited paragraphs written anew.

    Each edited paragraph is cut from a serialisation of the whole tree (so its namespace prefixes are
    those of its context) and put in place of the original paragraph's bytes; everything else stays
    byte for byte as the file had it.  When the paragraphs cannot be told apart in the bytes, the
    whole part is written out again (same XML, possibly other spellings such as ``<w:rPr/>``).
    """
    from lxml import etree

    new = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    start = xml.find(b"<", xml.find(b"?>") + 2) if xml.startswith(b"<?xml") else 0
    old_spans, new_spans = _p_spans(xml), _p_spans(new)
    if old_spans is None or new_spans is None or not len(old_spans) == len(new_spans) == len(order):
        return xml[:start] + new
    out, cut = [], 0
    for k in sorted(set(edited)):
        a, b = old_spans[k]
        if a < cut:
            continue  # inside an edited paragraph already written
        out += [xml[cut:a], new[new_spans[k][0] : new_spans[k][1]]]
        cut = b
    out.append(xml[cut:])
    return b"".join(out)


def _rezip(data: bytes, part: bytes) -> bytes:
    """The package with ``word/document.xml`` replaced; every other member copied as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, part if info.filename == DOCUMENT_PART else zin.read(info.filename))
    return out.getvalue()


def plan(result: FileResult, data: bytes, options=None) -> DocxFixOutcome:
    """The repaired .docx for a lint result of ``data``, as :func:`lint.fixer.plan` does for text (nothing written).

    ``options`` are those ``result`` was linted with (default: its checklist and the rules it
    reported).  The paragraphs' text is repaired by :func:`lint.fixer.plan` exactly as a text file
    holding them would be, limited to the findings the .docx got; ``outcome.skipped`` counts the
    repairs offered but left out (table rows, Word's own list numbering, a tab or break in the way).
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
    before = _texts(elements)
    raws = {n: paragraph_text(e) if kind == "p" else "" for n, (kind, e) in elements.items()}
    targets, text_outcome = _repaired_texts(result, raws, options)
    outcome.applied = Counter(text_outcome.applied)
    outcome.skipped = Counter(getattr(text_outcome, "skipped", None) or {})
    rules_by_line: dict[int, list[str]] = {}
    for f in result.findings:
        if f.line is not None:
            rules_by_line.setdefault(f.line, []).append(f.rule)
    order = {p: k for k, p in enumerate(root.iter(w("p")))}  # paragraphs in document order, before editing
    edited: list[int] = []
    changed = False
    for lineno in sorted(raws):
        kind, element = elements[lineno]
        if kind != "p" or targets[lineno] == raws[lineno]:
            continue
        line = doc.line_at(lineno)
        backup = copy.deepcopy(element)
        done = line is not None and line.raw == raws[lineno]
        done = done and all(replace_text(element, a, b, new) for a, b, new in _opcodes(raws[lineno], targets[lineno]))
        if not done or paragraph_text(element) != targets[lineno]:
            # A repair crossed a tab or a break (or the paragraph is not what lint read): leave it as it was.
            element.getparent().replace(element, backup)
            elements[lineno] = ("p", backup)
            for rule in rules_by_line.get(lineno, []):
                if outcome.applied[rule] > 0:
                    outcome.applied[rule] -= 1
                    outcome.skipped[rule] += 1
            continue
        changed = True
        edited.append(order[element])
    outcome.applied = +outcome.applied
    outcome.before, outcome.after = before, _texts(elements)
    if changed:
        outcome.data = _rezip(data, _splice(xml, root, order, edited))
    return outcome
