"""What a report says about itself: its unit, its date, its kind, and the deadline it is held to.

Used by the evaluator rules, the copy comparison and the review page.
"""

from __future__ import annotations

import datetime as dt
import re

from lint.document import Line
from lint.outline import Outline, cn_number

_CN_DIGITS = "〇○零一二三四五六七八九"
_DATE = re.compile(r"((?:19|20)\d{2})\s*[年.\-/．]\s*(\d{1,2})\s*[月.\-/．]\s*(\d{1,2})\s*日?")
_DATE_CN = re.compile(rf"([{_CN_DIGITS}]{{4}})年([一二三四五六七八九十]{{1,3}})月([一二三四五六七八九十]{{1,3}})日")
#: A line that is only a date (the 成文日期 under the signature).
_DATE_LINE = re.compile(rf"^(?:{_DATE.pattern}|{_DATE_CN.pattern})$")
#: A labelled date a web page or a form shows: 「发布时间：2024-02-05」, 「成文日期：2024年2月5日」.
_LABELLED = re.compile(r"^(?:发布时间|发布日期|成文日期|印发日期|公开日期)\s*[：:]\s*")
#: On such a line, the publication date (what the deadline is about) wins over the document's own date.
_PUBLISHED_AT = re.compile(r"(?:发布时间|发布日期|公开日期)\s*[：:]\s*")

_ORG_TAIL = r"(?:人民政府|政府|委员会|党委|党工委|办公室|办事处|管委会|局|厅|委|办|中心|院|署)"
_ORG = re.compile(rf"^(?:中共)?[\u4e00-\u9fff]{{2,30}}?{_ORG_TAIL}$")
_GOVERNMENT = re.compile(r"(?:人民政府|政府|办事处|管委会|管理委员会)$")
_DEPARTMENT = re.compile(r"(?:局|厅|委员会|委|办公室|办|中心|院|署)$")
#: 「城口县高观镇2022年…」: the unit before the year in a title.
_TITLE_UNIT = re.compile(r"^(?:关于)?(?:报送)?([\u4e00-\u9fff（）]{2,30}?)(?:关于)?(?:19|20)\d{2}年")
#: 「2020年，太公镇党委、政府坚持…」: the unit at the start of the first paragraph.
_BODY_UNIT = re.compile(
    r"^(?:19|20)\d{2}年度?[，,]\s*(?:我)?([\u4e00-\u9fff]{2,12}?(?:镇|乡|街道|县|区|市|州|盟|旗|局|委|厅|办))"
)


def _parse(text: str) -> dt.date | None:
    m = _DATE.search(text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _DATE_CN.search(text)
        if m:
            year = int("".join("0" if ch in "〇○零" else str("一二三四五六七八九".index(ch) + 1) for ch in m.group(1)))
            return dt.date(year, cn_number(m.group(2)), cn_number(m.group(3)))
    except ValueError:
        return None
    return None


def report_date(outline: Outline) -> tuple[dt.date, Line, str] | None:
    """The report's own date: the 成文日期 under the signature, else a labelled publication date.

    Returns (date, line, kind) with kind "signature" or "published"; None when the report shows no date.
    """
    lines = [ln for ln in outline.document.lines if ln.text and not ln.table]
    for line in reversed(lines[-6:]):
        text = line.text.replace(" ", "").replace("\u3000", "")
        if _DATE_LINE.match(text):
            date = _parse(text)
            if date is not None:
                return date, line, "signature"
    for line in lines[:15] + lines[-10:]:
        m = _LABELLED.match(line.text)
        if m:
            m = _PUBLISHED_AT.search(line.text) or m
            date = _parse(line.text[m.end() :][:20])
            if date is not None:
                return date, line, "published"
    published = outline.document.published  # a web page's date outside its article text
    if published is not None:
        lineno, text = published
        date = _parse(text)
        if date is not None:
            return date, Line(lineno, 1, text, text), "published"
    return None


def report_unit(outline: Outline) -> str | None:
    """The issuing unit: from the signature, the title, the lines above the title, or the first paragraph."""
    doc = outline.document
    lines = [ln for ln in doc.lines if ln.text and not ln.table]
    for line in reversed(lines[-6:]):
        text = line.text.replace(" ", "").replace("\u3000", "")
        if _ORG.match(text) and not text.endswith(("报告", "情况")):
            return text
    if outline.title:
        m = _TITLE_UNIT.match(outline.title.text.replace(" ", ""))
        if m and not re.search(r"年度|报告|情况|报送|关于|印发", m.group(1)):
            return m.group(1)
        above = [ln.text for ln in doc.lines[: outline.title.line.lineno] if ln.text][:3]
        for text in reversed(above):
            for token in reversed(re.split(r"[\s、，,]+", text)):
                if _ORG.match(token) and token != outline.title.text:
                    return token
    for line in lines[:8]:
        m = _BODY_UNIT.match(line.text)
        if m:
            return m.group(1)
    return None


def unit_key(unit: str | None) -> str | None:
    """A unit name reduced for pairing reports of the same unit: 「中共仲山镇委员会」 and 「仲山镇人民政府」 → 「仲山镇」."""
    if not unit:
        return None
    key = re.sub(r"^中共|人民政府$|政府$|党委$|党工委$|委员会$|[（）()\s]", "", unit)
    return key or None


def report_kind(checklist_id: str) -> str:
    """"xxgk" for information-disclosure checklists, "fazhi" otherwise."""
    return "xxgk" if checklist_id.startswith("xxgk") else "fazhi"


def deadline(kind: str, year: int, unit: str | None) -> tuple[dt.date, str, str]:
    """The last day to publish the report on ``year``, with the rule in words (zh, en)."""
    if kind == "xxgk" and unit and _DEPARTMENT.search(unit) and not _GOVERNMENT.search(unit):
        return (
            dt.date(year + 1, 1, 31),
            f"政府部门应于{year + 1}年1月31日前公布",
            f"a department publishes by 31 January {year + 1}",
        )
    if kind == "xxgk":
        return (
            dt.date(year + 1, 3, 31),
            f"人民政府应于{year + 1}年3月31日前公布",
            f"a government publishes by 31 March {year + 1}",
        )
    return (
        dt.date(year + 1, 3, 31),
        f"应于{year + 1}年4月1日之前向社会公开",
        f"it is made public before 1 April {year + 1}",
    )


def title_year(outline: Outline) -> int | None:
    """The report year, only when the title states it (the safest source for comparisons)."""
    if outline.title and outline.year and str(outline.year) in outline.title.text.replace(" ", ""):
        return outline.year
    return None
