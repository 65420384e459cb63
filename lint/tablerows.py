"""Rows of the statistics tables of the 政府信息公开工作年度报告 when a table reaches us as text.

Web pages, PDFs and conversions flatten the tables of 国办公开办函〔2021〕30号 into lines: a row label per
line (「（一）予以公开」「1.属于国家秘密」), its figures after it or on lines of their own, cells cut in two.
Such a line is a table row, never a heading.  The labels are data: lint/data/table_rows.txt.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lint.memo import remember_short

_DIGITS = "一二三四五六七八九十百零〇两"
_TABLE_MARK = re.compile(rf"^(?:[（(]\s*[{_DIGITS}\d]{{1,3}}\s*[）)]|[{_DIGITS}]{{1,3}}\s*[、.．]|\d{{1,2}}\s*[、.．])\s*")
_LABEL_PUNCT = re.compile(r"[\s　“”\"'‘’（）()，,、：:;；|｜]")


@lru_cache(maxsize=1)
def _table_labels() -> tuple[frozenset[tuple[int, str]], frozenset[str]]:
    """Row labels of the statistics tables (lint/data/table_rows.txt), normalised: (number, label) of the
    numbered ones, and all labels."""
    data = (Path(__file__).parent / "data" / "table_rows.txt").read_text("utf-8")
    entries = [ln.strip() for ln in data.splitlines() if ln.strip() and not ln.startswith("#")]
    numbered = {
        (_number(m.group(0)), _label_key(e[m.end() :])) for e in entries if (m := _TABLE_MARK.match(e))
    }
    return frozenset(numbered), frozenset(_label_key(_TABLE_MARK.sub("", e)) for e in entries)


def _number(marker: str) -> int:
    digits = re.search(rf"\d+|[{_DIGITS}]+", marker)
    if digits is None:
        return 0
    value = digits.group(0)
    if value.isdigit():
        return int(value)
    return _DIGITS.index(value) + 1 if len(value) == 1 and _DIGITS.index(value) < 10 else 0  # the tables stop at 十


def _label_key(text: str) -> str:
    return _LABEL_PUNCT.sub("", text)


# The outline asks this of a line several times: short lines (every label is one) are remembered.
@remember_short(200, 4096)
def is_table_label(text: str) -> bool:
    """True for a line that is a row label of a statistics table (「（一）予以公开」「1.属于国家秘密」 …).

    A numbered line is a label only when the official table numbers that label too; it may carry
    trailing figures or be a fragment a conversion split off a cell (the beginning of a label: two or more
    characters under the label's own number, six or more under any).  An unnumbered line must be a label
    exactly.
    """
    _, all_labels = _table_labels()
    text = text.strip()
    m = _TABLE_MARK.match(text)
    # Quick rejection: every label (and every fragment of one worth matching) starts with one of a few
    # two-character openings.
    head = _label_key((text[m.end() :] if m else text)[:12])[:2]
    if head not in _openings():
        return False
    # The first cell: a row label followed by its figures (「一、本年新收…数量 12 2 0 …」, 「（七）总计13」).
    first = re.split(r"(?<=[^\d\s　.．])[\s　]*(?=-?\d)", text[m.end() :] if m else text, maxsplit=1)[0]
    key = _label_key(first)
    if not key:
        return False
    if not m:
        return key in all_labels
    number = _number(m.group(0))
    labels, exact, by_number = _label_index()
    if key in exact or (len(key) >= 6 and _has_prefix(labels, key)):
        return True
    return len(key) >= 2 and any(label.startswith(key) for label in by_number.get(number, ()))


@lru_cache(maxsize=1)
def _openings() -> frozenset[str]:
    numbered_labels, all_labels = _table_labels()
    return frozenset(label[:2] for label in (*all_labels, *(lab for _, lab in numbered_labels)))


@lru_cache(maxsize=1)
def _label_index() -> tuple[list[str], frozenset[str], dict[int, tuple[str, ...]]]:
    """The numbered labels sorted (for prefix search), as a set, and by their number."""
    numbered_labels, _ = _table_labels()
    by_number: dict[int, list[str]] = {}
    for n, label in numbered_labels:
        by_number.setdefault(n, []).append(label)
    labels = sorted(label for _, label in numbered_labels)
    return labels, frozenset(labels), {n: tuple(v) for n, v in by_number.items()}


def _has_prefix(labels: list[str], key: str) -> bool:
    """Whether a label of the sorted list starts with ``key``."""
    import bisect

    i = bisect.bisect_left(labels, key)
    return i < len(labels) and labels[i].startswith(key)
