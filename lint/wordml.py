"""WordprocessingML helpers shared by ``annotate`` and ``fix`` for .docx.

The .docx reader numbers body paragraphs and table rows in order (¶); these
helpers find the element behind a ¶ number again, map each character of a
paragraph's text (as python-docx's ``Paragraph.text`` computes it) to the XML
node that holds it, split runs at character offsets, and edit the text of
runs in place without touching their formatting.
"""

from __future__ import annotations

import copy
from functools import lru_cache

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Run children that python-docx turns into text (``CT_R.text``).
_TEXT_TAGS = {f"{_W}{t}" for t in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab")}


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: ``w("p")`` → ``{…/main}p``."""
    return f"{_W}{tag}"


def numbered_elements(body) -> dict[int, tuple[str, object]]:
    """¶ number → ("p", paragraph) or ("row", table row), numbered exactly as lint/readers/docx.py does
    (through content controls and tracked insertions; tracked deletions left out)."""
    from lint.readers.docx import numbered_blocks

    return {number: ("row" if is_row else "p", element) for number, element, is_row in numbered_blocks(body)}


@lru_cache(maxsize=1)
def _hidden() -> frozenset[str]:
    """Elements the reader does not read (lint/readers/docx.py): their runs are never edited."""
    from lint.readers.docx import HIDDEN_NAMES

    return frozenset({f"{_W}{t}" for t in HIDDEN_NAMES} | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"})


def paragraph_runs(p) -> list:
    """The runs whose text makes up the paragraph's text as the reader reads it, in order: direct runs and
    those inside hyperlinks, tracked insertions, content controls, simple fields and smart tags; not those
    of tracked deletions."""
    hidden = _hidden()
    out: list = []
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in hidden:
            continue
        if tag == w("r"):
            out.append(child)
        elif len(child):
            stack.append(iter(child))
    return out


def _piece_text(node) -> str:
    """The text python-docx gives one run child (as its ``CT_Text``, ``CT_Br`` … ``__str__`` do),
    for elements parsed by python-docx or by plain lxml alike."""
    tag = node.tag
    if tag == w("t"):
        return node.text or ""
    if tag in (w("tab"), w("ptab")):
        return "\t"
    if tag == w("br"):
        return "\n" if node.get(w("type"), "textWrapping") == "textWrapping" else ""
    if tag == w("cr"):
        return "\n"
    if tag == w("noBreakHyphen"):
        return "-"
    return ""


def char_map(p) -> list[tuple[object, int]]:
    """For each character of the paragraph's text: (node, offset in the node's text).

    Characters of ``w:t`` nodes are editable; a tab or a break maps to its own
    element with offset -1.
    """
    out: list[tuple[object, int]] = []
    for r in paragraph_runs(p):
        for node in r.iterchildren():
            if node.tag not in _TEXT_TAGS:
                continue
            if node.tag == w("t"):
                out.extend((node, i) for i in range(len(node.text or "")))
            else:
                out.extend((node, -1) for _ in _piece_text(node))
    return out


def paragraph_text(p) -> str:
    return "".join(_piece_text(n) for r in paragraph_runs(p) for n in r.iterchildren() if n.tag in _TEXT_TAGS)


def locate(raw: str, needle: str, column: int | None) -> int | None:
    """0-based start of the occurrence of ``needle`` in ``raw`` nearest to ``column`` (1-based)."""
    if not needle:
        return None
    want = (column or 1) - 1
    best, at = None, raw.find(needle)
    while at >= 0:
        if best is None or abs(at - want) < abs(best - want):
            best = at
        at = raw.find(needle, at + 1)
    return best


def _set_text(t, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def replace_text(p, start: int, end: int, new: str) -> bool:
    """Replace characters ``start:end`` of the paragraph's text by ``new``, run formatting kept.

    The new text goes into the ``w:t`` that held the first replaced character
    (for an insertion, the one before it), so it takes that run's formatting;
    the other replaced characters are removed from their nodes.  Returns False
    (and changes nothing) when the range touches a tab or a break.
    """
    chars = char_map(p)
    if not 0 <= start <= end <= len(chars):
        return False
    span = chars[start:end]
    if any(off < 0 for _, off in span):
        return False
    if span:
        home, home_off = span[0]
    elif start > 0 and chars[start - 1][1] >= 0:
        home, home_off = chars[start - 1][0], chars[start - 1][1] + 1
    elif start < len(chars) and chars[start][1] >= 0:
        home, home_off = chars[start]
    else:
        return False
    # Remove the replaced characters node by node, from the end so offsets stay valid.
    by_node: dict[int, tuple[object, list[int]]] = {}
    for node, off in span:
        by_node.setdefault(id(node), (node, []))[1].append(off)
    for node, offs in by_node.values():
        text = node.text or ""
        keep = set(offs)
        _set_text(node, "".join(ch for i, ch in enumerate(text) if i not in keep))
    text = home.text or ""
    _set_text(home, text[:home_off] + new + text[home_off:])
    return True


def split_run(r, k: int):
    """Split run ``r`` after ``k`` characters of its text; returns the second run (inserted after ``r``).

    Both halves keep the run properties; a ``w:t`` is cut in two when ``k`` falls inside it.
    """
    second = copy.deepcopy(r)
    firsts = [c for c in r.iterchildren() if c.tag != w("rPr")]
    seconds = [c for c in second.iterchildren() if c.tag != w("rPr")]
    pos = 0
    for a, b in zip(firsts, seconds, strict=True):
        length = len(_piece_text(a)) if a.tag in _TEXT_TAGS else 0
        if pos + length <= k and not (length == 0 and pos >= k):
            second.remove(b)
        elif pos >= k:
            r.remove(a)
        else:  # a w:t straddling the cut
            text = a.text or ""
            _set_text(a, text[: k - pos])
            _set_text(b, text[k - pos :])
        pos += length
    r.addnext(second)
    return second


def run_text(r) -> str:
    return "".join(_piece_text(n) for n in r.iterchildren() if n.tag in _TEXT_TAGS)


def isolate(p, start: int, end: int) -> list:
    """Split the paragraph's runs so that characters ``start:end`` form whole runs; return those runs."""
    for cut in (start, end):
        pos = 0
        for r in paragraph_runs(p):
            length = len(run_text(r))
            if pos < cut < pos + length:
                split_run(r, cut - pos)
                break
            pos += length
    out, pos = [], 0
    for r in paragraph_runs(p):
        length = len(run_text(r))
        if length and start <= pos and pos + length <= end:
            out.append(r)
        pos += length
    return out
