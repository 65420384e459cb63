"""Text clean-up shared by all readers: conversion junk and script conversion.

Readers call :func:`clean_line` on every line and :func:`to_simplified` on the
whole document once; the original text is kept beside the cleaned one so that
locations still point into the file, and every piece of junk removed is
recorded with its column so that it can be reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from lint.document import Artifact

BLANKS = " \t\u3000\u00a0\ufeff\u200b\r\n"

# Each kind of junk, in the order they are removed.
_JUNK: list[tuple[str, re.Pattern[str]]] = [
    # Markers left by Word-to-text converters.
    ("word-bookmark", re.compile(r"\[bookmark:[^\]]*\]")),
    # Fragments of HTML tags and entities left by copying from web pages: 「/span>」, 「<font …>」, 「&nbsp;」.
    (
        "html-fragment",
        re.compile(
            r"</?(?:span|div|p|font|strong|em|br|b|i|u|td|tr|th|table|tbody|a|img|o:p|st1:[a-z]+)\b[^<>\n]*>"
            r"|(?<![<\w])/(?:span|div|p|font|strong|em|td|tr|table|o:p)>"
            r"|&(?:nbsp|amp|lt|gt|quot|ensp|emsp);"
        ),
    ),
    # Mojibake of such pinyin-annotated pages after a wrong re-encoding: the Han character is
    # lost or garbled and the pinyin survives in pieces — 「燃?xì)獍踩?」 (燃气安全), 「?,F(xiàn)」 (现):
    # pinyin with a tone mark after a question mark or a stray Latin letter. (A lone half-width 「?」
    # after a Han character is left alone: drafts use it for real questions.)
    (
        "mojibake",
        re.compile(
            r"\?[,.]?[A-Za-z]?\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)"
            r"|(?<![\u3400-\u9fff])(?<=[A-Za-z,])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)"
            r"|\?(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)"
        ),
    ),
    # Pinyin glued after a Han character by some mirror sites: 鎮(zhèn), 學(xué).
    # Only lower-case Latin letters (with tone marks) in ASCII brackets right
    # after a Han character, so 「(一)」 and 「(2021-2025年)」 are untouched.
    ("pinyin", re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")),
    # Runs of question marks standing for characters lost in a bad conversion.
    ("lost-chars", re.compile(r"\?{2,}|^\?+")),
]
# Every piece of junk starts with one of these characters: a line without them is left as it
# is, and the combined pattern below tries its alternatives only where one of them stands.
_JUNK_START = r"[\[<&/(?]"
_JUNK_CHARS = re.compile(_JUNK_START)
#: The characters each kind of junk (in ``_JUNK``'s order) can start with.
_JUNK_STARTS = ("[", "</&", "?(", "(", "?")
_ANY_JUNK = re.compile(
    f"(?={_JUNK_START})(?:"
    + "|".join(f"(?P<{kind.replace('-', '_')}>{pattern.pattern})" for kind, pattern in _JUNK)
    + ")"
)
# A line holding nothing but pipes or table borders.
_PIPE_ONLY = re.compile(r"^[|│┃¦]+$")

# Characters that exist only in traditional script and are common in
# government prose; a handful of them is enough to tell the script.
_TRADITIONAL_ONLY = set(
    "們這個來說時會為國學體發經與應對從開關點進過還實現務區產業長東門問題間見觀讓認識記設請變邊達選運連陳頭類黨鎮縣規執動導"
    "習義歲寫愛處慶廣復權歷協衛參隊夠專際範幹構機標樂歡氣決沒溝滿準漢無熱爭獨畫當疊監盡礎確禮穩積築簡紀約級線練組細終"
    "綜維網羅聯聽職興舉舊艱藝蘇號補視覽計訂認討訓許論訪證評詞試話該詳語誤諸課調談謀謂講謝貫資質賴趨跡踐躍車軍"
    "輕較載輔辦農遠違適遺邏鄉醫鑑錄鍵閱陸陽階隨險難雞電靈響項順須領頻額風飛館驗髮鬥齊龍"
)
_TRADITIONAL_RUN = re.compile("[" + "".join(sorted(_TRADITIONAL_ONLY)) + "]+")
_HAN_RUN = re.compile("[\u4e00-\u9fff]+")


def _junk_in(text: str) -> list[re.Match[str]]:
    """``_ANY_JUNK.finditer(text)``, trying the pattern only where a piece of junk can start."""
    found: list[re.Match[str]] = []
    end = 0
    for start in _JUNK_CHARS.finditer(text):
        if start.start() >= end and (m := _ANY_JUNK.match(text, start.start())):
            found.append(m)
            end = m.end()
    return found


def clean_line(raw: str) -> tuple[str, list[Artifact], Sequence[int]]:
    """Clean one line.

    Returns the text without conversion junk and surrounding blanks, the junk
    found (one :class:`Artifact` per kind, with its count), and for every
    character of the text its 0-based index in ``raw`` — so that a position in
    the text maps back to the file (a ``range`` when nothing was removed inside
    the line, which keeps long lines cheap).
    """
    stripped = raw.strip(BLANKS)
    offset = len(raw) - len(raw.lstrip(BLANKS))
    if not stripped:
        return "", [], []
    if _PIPE_ONLY.match(stripped):
        return "", [Artifact("pipe-line", offset + 1, stripped)], []
    matches = _junk_in(stripped)
    if not matches:
        return stripped, [], range(offset, offset + len(stripped))
    found: dict[str, Artifact] = {}
    kept: list[int] = []
    pieces: list[str] = []
    last = 0
    for m in matches:
        kind = m.lastgroup.replace("_", "-")
        if kind in found:
            found[kind].count += 1
        else:
            found[kind] = Artifact(kind, offset + m.start() + 1, m.group(0))
        kept.extend(range(offset + last, offset + m.start()))
        pieces.append(stripped[last : m.start()])
        last = m.end()
    kept.extend(range(offset + last, offset + len(stripped)))
    pieces.append(stripped[last:])
    text = "".join(pieces)
    left = len(text) - len(text.lstrip(BLANKS))
    right = len(text.rstrip(BLANKS))
    artifacts = sorted(found.values(), key=lambda a: a.column)
    return text[left:right], artifacts, kept[left:right]


_SUPPRESSION = re.compile(r"<!--\s*reportlint-(disable-next-line|disable|enable)\b([^>]*?)-->")
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


def parse_suppression(text: str) -> tuple[str, frozenset[str]] | None:
    """``(kind, rules)`` of a reportlint comment in ``text``, or None."""
    m = _SUPPRESSION.search(text)
    if not m:
        return None
    rules = frozenset(r for r in re.split(r"[\s,]+", m.group(2).strip()) if r)
    return m.group(1), rules


def is_comment_line(text: str) -> bool:
    """A line holding only an HTML comment (Markdown uses them for reportlint comments)."""
    return bool(_COMMENT_LINE.match(text))


def strip_junk(raw: str) -> str:
    """The raw line without its conversion junk, leading blanks kept (used by ``reportlint fix``)."""
    body = raw.lstrip(BLANKS)
    lead = raw[: len(raw) - len(body)]
    if _PIPE_ONLY.match(body.strip(BLANKS)):
        return ""
    if not _JUNK_CHARS.search(body):
        return raw  # every piece of junk starts with one of those characters
    for (_, pattern), starts in zip(_JUNK, _JUNK_STARTS, strict=True):
        if any(ch in body for ch in starts):
            body = pattern.sub("", body)
    return lead + body


def looks_traditional(text: str) -> bool:
    """True when the text is written in traditional script.

    Counts characters that only exist in traditional script; simplified text
    has none of them, so a small threshold is safe.
    """
    hits = sum(map(len, _TRADITIONAL_RUN.findall(text)))
    return hits >= 5 and hits * 50 >= sum(map(len, _HAN_RUN.findall(text)))


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # lazy: only traditional documents pay for it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional script to simplified with OpenCC ``t2s`` (never ``tw2s``)."""
    return _t2s().convert(text)


def fold_width(text: str) -> str:
    """Fold full-width ASCII and ideographic spaces to their plain forms (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def finish_lines(lines: list, texts: list[str]) -> bool:
    """Convert the cleaned texts to simplified script when the document is traditional.

    ``lines`` are the document's :class:`~lint.document.Line` objects whose
    ``text`` is set from ``texts``; returns whether a conversion happened.
    """
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    traditional = looks_traditional(joined)
    if traditional:
        texts = to_simplified(joined).split("\n")
    for line, text in zip(lines, texts, strict=True):
        line.text = text
    return traditional
