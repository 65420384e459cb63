"""Front matter of a report as published: title, year, addressee, and the site chrome around them.

Web copies wrap a report in breadcrumbs, date widgets, page tools and metadata blocks; Word and PDF copies
split titles over lines and put the issuing body above them.  This module skips the chrome, joins the
title the way a reader does, and finds the year reported on (never a year inside a cited document's name,
a range such as 「2021—2025年」, or the publication date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lint.document import Document, Line

#: Words that make a line a title: 「…情况报告」「…工作总结」「…建设情况」.
TITLE_WORDS = re.compile(r"报告|总结|情况$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SPACES = re.compile(r"\s+")
# Site chrome around a published report: breadcrumbs, date widgets, page tools, metadata blocks.
_CHROME = re.compile(
    r"^(?:您|你)?(?:当前|现在)?(?:所在)?(?:的)?位置[：:]|首页\s*[>＞›»/→]|[>＞›»]\s*正文"
    r"|今天是|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]"
    r"|^(?:星期|周)[一二三四五六日天]$"
    r"|字体|字号|浏览次数|阅读次数|浏览量|访问量|点击数|点击量|阅读量|打印本页|关闭窗口|【打印】|【关闭】|分享到|^分享[：:]|扫一扫"
    r"|^(?:信息)?来源[：:]|发布时间|发布日期|更新时间|^作者[：:]|^责任编辑|^编辑[：:]"
    r"|^[|｜\s]+$|^[>＞›»]"
    r"|点击查看|查看解读|相关解读|政策解读[：:]|^【?(?:图解|解读)】?$|门户网站$"
    r"|^[-—–－\s]*\d{1,3}[-—–－\s]*$|^#+$|^(?:19|20)\d{2}\s*年$"
)
# The labels of a page's metadata block, often letter-spaced (「索 引 号」「标   题」), then a value.
_META_LABELS = (
    "索引号 发布机构 发文机关 成文日期 发文日期 发文字号 文号 主题分类 主题词 公开方式 公开范围 公开时限 有效性 信息分类 "
    "体裁分类 所属机构 生成日期 组配分类 信息名称 文件编号 公开形式 生效日期 标题 分类 内容概述 时效 时效性 公文时效 发文机构 公开目录"
).split()
_META = re.compile(
    "^(?:" + "|".join(r"\s*".join(label) for label in _META_LABELS) + r")\s*(?:[\s　：:|｜]|$)"
)
# A value with the next label glued to its end (「01525772-2/2024-00001发文机构」): another value follows.
_META_TAIL = re.compile("(?:" + "|".join(r"\s*".join(label) for label in _META_LABELS) + r")\s*[：:]?$")
# A metadata label standing alone on its line: its value is on the next line.
_META_LABEL = re.compile(
    r"^(?:索引号|发布机构|发文机构|发文机关|成文日期|发文字号|文号|主题分类|公开方式|公开范围|有效性|信息分类|所属机构"
    r"|生成日期|公开目录|信息来源|来源|发布时间|发布日期)\s*[：:]?$"
)
_TITLE_MIN = 8
# Where the first half of a split title stops: a word that needs the rest.
_OPEN_END = re.compile(r"(?:关于|的|和|及|与|、|年度?|法治政府|法治政府建设|政府信息公开|工作)$")
_MD_MARK = re.compile(r"^#{1,6}\s*|^[-*+•·]\s+|^[*_]{2}(?=.+[*_]{2}$)|(?<=.)[*_]{2}$")
# The name of an issuing body standing on its own line above the title or above a date.
_UNIT = re.compile(
    r"(?:局|委员会|委|人民政府|政府|办公室|办公厅|办|厅|院|中心|街道办事处|街道|乡|镇|县|市|区|部|署|处|所|站|队|管委会|公司)$"
)
_DATE_LINE = re.compile(
    r"^(?:(?:19|20)\d{2}|[二〇○零一三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$"
)
# Year ranges and cited documents never give the report's year.
_RANGE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[—–\-－~～至到]+\s*(?:19|20)\d{2}\s*年?")
_CITED = re.compile(r"《[^》]*》|〈[^〉]*〉")
_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_PERIOD = re.compile(
    r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~)\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日"
)
_REPORTING = re.compile(r"现将[^。；]{0,20}?((?:19|20)\d{2})\s*年")


def compact(text: str) -> str:
    """Remove all whitespace (titles are often letter-spaced: 「报     告」)."""
    return _SPACES.sub("", text)


@dataclass
class Title:
    text: str
    line: Line


def _is_front_candidate(text: str) -> bool:
    return len(compact(text)) <= 60 and "。" not in text


def strip_md_marks(text: str) -> str:
    """A line without Markdown heading and emphasis markers (「# 标题」, 「**标题**」) and stray cell bars."""
    return _MD_MARK.sub("", text).strip().strip("|｜ \t")


def is_chrome(text: str) -> bool:
    """True for a line of site chrome: breadcrumb, date widget, page tools, metadata, page number."""
    return bool(_CHROME.search(text) or _META.match(text) or re.fullmatch(r"[\d\s\-/:.：]+", text))


def _is_unit(text: str) -> bool:
    """A line that is only the name of an issuing body: 「某某县司法局」「中共某某乡委员会 某某乡人民政府」."""
    flat = compact(text)
    return 2 < len(flat) <= 30 and bool(_UNIT.search(flat)) and not TITLE_WORDS.search(flat)


def _is_date(text: str) -> bool:
    return bool(_DATE_LINE.match(compact(text)))


def front_matter(doc: Document, first_heading: int) -> tuple[Title | None, Line | None, set[int]]:
    """Find title, addressee and issuing-body lines before the first heading or paragraph.

    Site chrome (breadcrumbs, date widgets, page tools, metadata blocks, page numbers) is skipped and
    counted as front matter.  A unit name on the line above the title and the first half of a title the
    author split over two lines are joined with it.  A unit line above a date is a signature.
    """
    lines = doc.lines
    # Candidate lines in order; None marks a blank line.
    cands: list[tuple[int, str] | None] = []
    addressee: Line | None = None
    front: set[int] = set()
    value_follows = False
    declared_title: int | None = None
    for i, ln in enumerate(lines[:first_heading]):
        text = ln.text
        if not text:
            cands.append(None)
            continue
        clean = strip_md_marks(text)
        if value_follows:  # the value of a metadata label standing alone on the line above
            value_follows = bool(_META_TAIL.search(clean))
            front.add(i)
            continue
        if not clean or is_chrome(clean):
            front.add(i)
            value_follows = bool(_META_LABEL.match(clean))
            continue
        declared = ln.heading_level == 0 and declared_title is None  # the format says this is the title
        if not declared and not _is_front_candidate(clean):
            break
        if clean.endswith(("：", ":")) and not TITLE_WORDS.search(clean):
            addressee = ln  # (even in the title style: an addressee is never the title)
            front.add(i)
            break
        if declared:
            declared_title = len(cands)
        cands.append((i, clean))

    title: Title | None = None
    k = declared_title
    if k is None:
        # A site's column name (「工作报告」) is not the title when a fuller one follows.
        found = [n for n, c in enumerate(cands) if c is not None and TITLE_WORDS.search(compact(c[1]))]
        k = next((n for n in found if len(compact(cands[n][1])) >= _TITLE_MIN), found[0] if found else None)
    if k is None:
        # A title the author split so that no line alone reads as one: 「关于报送…情况的」/「报     告」.
        for n in range(len(cands) - 1):
            cur, nxt = cands[n], cands[n + 1]
            if cur and nxt and len(compact(nxt[1])) <= 6 and TITLE_WORDS.search(compact(cur[1] + nxt[1])):
                k = n
                break
    if k is not None:
        start, end = k, k + 1
        # Up to two lines above: unit names (「某某县某某局」, also across a blank line) or the first
        # half of a title the author split (adjacent only).
        joined_above = 0
        while start > 0 and joined_above < 2:
            above = start - 1
            if above > 0 and cands[above] is None and (unit_line := cands[above - 1]) and _is_unit(unit_line[1]):
                above -= 1  # a unit name across one blank line
            prev = cands[above]
            if prev is None or _is_date(prev[1]) or TITLE_WORDS.search(compact(prev[1])):
                break
            if compact(prev[1]) in compact(cands[k][1]):
                break
            unit = _is_unit(prev[1])
            # The first half of a split title: the title line alone is too short to be one, or the line
            # above stops where a title cannot (「…关于」「…2023年度」「…的」).  Never 「附件2」 or a label.
            first_half = (
                len(compact(cands[k][1])) < _TITLE_MIN + 2 or bool(_OPEN_END.search(compact(prev[1])))
            ) and not re.match(r"附件|[：:|｜]", prev[1])
            if not unit and (
                not first_half
                or joined_above
                or above != start - 1
                or len(compact(prev[1])) > 30
                or re.search(r"[：:|｜]", prev[1])
            ):
                break
            start, joined_above = above, joined_above + 1
        # One short line below that ends the title: 「报     告」, 「的报告」.
        nxt = cands[end] if end < len(cands) else None
        if nxt is not None and len(compact(nxt[1])) <= 6 and not _is_date(nxt[1]):
            joined = compact(cands[k][1] + nxt[1])
            if TITLE_WORDS.search(compact(nxt[1])) or not TITLE_WORDS.search(compact(cands[k][1])):
                if TITLE_WORDS.search(joined):
                    end += 1
        parts = [c for c in cands[start:end] if c is not None]
        if parts:  # (a damaged document can leave no candidate line in the span)
            title = Title(compact("".join(t for _, t in parts)), lines[parts[0][0]])
            front.update(i for i, _ in parts)
        # Short lines above the title (issuing body) are front matter too.
        front.update(c[0] for c in cands[:start] if c is not None)
        # Below the title: a unit line above a date, or a date alone, is a signature.
        after = [c for c in cands[end:] if c is not None]
        for n, (i, text) in enumerate(after):
            if _is_date(text):
                front.add(i)
            elif _is_unit(text) and n + 1 < len(after) and _is_date(after[n + 1][1]):
                front.add(i)
    return title, addressee, front


def _year_text(text: str) -> str:
    """Text with cited documents (《…》) and year ranges (「2021—2025年」) blanked out."""
    return _RANGE.sub(" ", _CITED.sub(" ", text))


def find_year(title: Title | None, doc: Document, first_heading: str | None) -> int | None:
    """The year reported on: title, statistics period, year-led first heading, 「现将2023年…」, opening."""
    if title:
        m = _YEAR.search(_year_text(title.text))
        if m:
            return int(m.group(1))
    texts = [ln.text for ln in doc.lines[:80] if ln.text]
    for text in texts:
        m = _PERIOD.search(text)
        if m and m.group(1) == m.group(2):
            return int(m.group(1))
    if first_heading:
        m = re.match(r"\s*((?:19|20)\d{2})\s*年", first_heading)
        if m:
            return int(m.group(1))
    for text in texts[:30]:
        m = _REPORTING.search(_year_text(text))
        if m:
            return int(m.group(1))
    probe = [ln for ln in texts if not is_chrome(strip_md_marks(ln))][:4] + ([first_heading] if first_heading else [])
    for text in probe:
        m = _YEAR.search(_FULL_DATE.sub(" ", _year_text(text)))
        if m:
            return int(m.group(1))
    return None
