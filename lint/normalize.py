"""Text clean-up shared by all readers: conversion junk and script conversion.

Readers call :func:`clean_line` on every line and :func:`to_simplified` on the
whole document once; the original text is kept beside the cleaned one so that
locations still point into the file.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Pinyin glued after a Han character by some mirror sites: 鎮(zhèn), 學(xué).
# Only lower-case Latin letters (with tone marks) inside ASCII brackets right
# after a Han character, so that 「(一)」 and 「(2021-2025年)」 are untouched.
PINYIN_GLUED = re.compile(r"(?<=[\u3400-\u9fff])\(([a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜü]{1,7})\)")
# Runs of question marks standing for characters lost in a bad conversion.
LOST_CHARS = re.compile(r"\?{2,}|^\?+")
# Markers left by Word-to-text converters.
WORD_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# A line holding nothing but table-border or pipe junk.
PIPE_ONLY = re.compile(r"^[|│┃]+$")
BLANKS = " \t\u3000\u00a0\ufeff\u200b\r\n"

# Characters that exist only in traditional script and are common in
# government prose; a handful of them is enough to tell the script.
_TRADITIONAL_ONLY = set(
    "們這個來說時會為國學體發經與應對從開關點進過還實現務區產業長東門問題間見觀讓認識記設請變邊達選運連陳頭類黨鎮縣規執動導"
    "習義歲寫愛處慶廣復權歷協衛參隊夠專業務際範幹構機標樂歡氣氫決沒溝滿準漢無熱爭獨產畫當疊發監盡直礎確禮穩積築簡紀約級線練組細終經"
    "綜維網羅聯聽職與興舉舊艱藝蘇號蟲補規視覽計訂認討訓記許論設訪證評識詞試話該詳語誤說請諸課調談謀謂講謝證貫資質賴趨跡踐躍車軍"
    "輕較載輔辦農遠違適選遺還邏鄉醫鑑錄鍵長開閱陸陽隊階際隨險難雞電靈響項順須領頻題額風飛館驗體髮鬥齊龍"
)


def clean_line(raw: str) -> str:
    """Return the text of one line with conversion junk removed and blanks trimmed."""
    text = raw.strip(BLANKS)
    if not text or PIPE_ONLY.match(text):
        return ""
    text = WORD_BOOKMARK.sub("", text)
    text = PINYIN_GLUED.sub("", text)
    text = LOST_CHARS.sub("", text)
    return text.strip(BLANKS)


def looks_traditional(text: str) -> bool:
    """True when the text is written in traditional script.

    Counts characters that only exist in traditional script; simplified text
    has none of them, so a small threshold is safe.
    """
    hits = sum(1 for ch in text if ch in _TRADITIONAL_ONLY)
    return hits >= 5 and hits * 50 >= sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # lazy: only traditional documents pay for it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional script to simplified with OpenCC ``t2s``."""
    return _t2s().convert(text)


def fold_width(text: str) -> str:
    """Fold full-width ASCII and ideographic spaces to their plain forms (NFKC)."""
    return unicodedata.normalize("NFKC", text)
