"""Format rules for the parts around the body (GB/T 9704-2012): date, document numbers, addressee."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lint.outline import cn_number
from lint.rules import Context, Finding, Fix, Rule, register
from lint.rules.examples import GOOD, TITLE

_CN_YEAR_DIGITS = "〇○零一二三四五六七八九"
_DATE_GOOD = re.compile(r"^\d{4}年(?:[1-9]|1[0-2])月(?:[1-9]|[12]\d|3[01])日$")
_DATE_NUMERIC = re.compile(r"^(\d{4})\s*[.\-/．]\s*(\d{1,2})\s*[.\-/．]\s*(\d{1,2})\s*日?$")
_DATE_PADDED = re.compile(r"^(\d{2}|\d{4})年(\d{1,2})月(\d{1,2})日$")
_DATE_CHINESE = re.compile(
    rf"^([{_CN_YEAR_DIGITS}]{{4}})年([一二三四五六七八九十]{{1,3}})月([一二三四五六七八九十]{{1,3}})日$"
)
# The year-in-brackets core of a document number; the issuer's abbreviation before it is taken separately.
_DOC_NUMBER = re.compile(r"([\[(（【﹝［〔{｛])\s*((?:19|20)\d{2})\s*([\])）】﹞］〕}｝])\s*(\d{1,4})\s*号")
_ISSUER = re.compile(r"[\u4e00-\u9fff]$")
_ORG = r"[\u4e00-\u9fff]{1,15}?(?:委员会|委|政府|办公室|办|局|厅|部|院|组|会)"
_ORG_LINE = re.compile(rf"^{_ORG}(?:[、，,]{_ORG})*$")


def _canonical_date(text: str) -> str | None:
    """The 「2023年12月15日」 form of a signature date written another way, or None if it is not a date."""
    for pattern in (_DATE_NUMERIC, _DATE_PADDED):
        m = pattern.match(text)
        if m:
            year, month, day = (int(g) for g in m.groups())
            if year < 100:
                return None  # a two-digit year cannot be completed safely
            return f"{year}年{month}月{day}日" if 1 <= month <= 12 and 1 <= day <= 31 else None
    m = _DATE_CHINESE.match(text)
    if m:
        year = "".join("0" if ch in "〇○零" else str("一二三四五六七八九".index(ch) + 1) for ch in m.group(1))
        return f"{year}年{cn_number(m.group(2))}月{cn_number(m.group(3))}日"
    return None


@register(
    Rule(
        id="date-format",
        repairs=True,
        severity="warning",
        family="format",
        summary={
            "zh": "成文日期格式不规范",
            "en": "The date under the signature is not in the standard form",
        },
        explain={
            "what_zh": "落款处的成文日期应使用阿拉伯数字，年份写全四位，月、日不编虚位（「2023年12月15日」）。"
            "报告「2023.12.15」「2023-12-15」「2023年09月05日」和汉字数字日期（二〇二三年十二月十五日）。",
            "what_en": "The date under the signature is written in Arabic numerals with a four-digit year and no zero "
            "padding (「2023年12月15日」). Reports 「2023.12.15」, 「2023-12-15」, 「2023年09月05日」 and dates in "
            "Chinese numerals (二〇二三年十二月十五日).",
            "why_zh": "GB/T 9704-2012 对成文日期的写法有明确规定。",
            "why_en": "GB/T 9704-2012 fixes how the date of a document is written.",
            "fix_zh": "改为「2023年12月15日」的写法。",
            "fix_en": "Write it as 「2023年12月15日」.",
        },
        basis="GB/T 9704-2012《党政机关公文格式》7.3.5.1 成文日期",
        bad=GOOD + "\n某镇人民政府\n2023.12.15\n",
        good=GOOD + "\n某镇人民政府\n2023年12月15日\n",
    )
)
def date_format(ctx: Context) -> Iterator[Finding]:
    lines = [ln for ln in ctx.outline.document.lines if ln.text][-6:]
    for line in reversed(lines):
        text = line.text.replace(" ", "")
        if _DATE_GOOD.match(text):
            return
        canonical = _canonical_date(text)
        if canonical is None:
            continue
        yield Finding(
            "date-format",
            "warning",
            line.lineno,
            line.column,
            ctx.t(
                f"成文日期「{line.text}」应写作「{canonical}」（阿拉伯数字、四位年份、不编虚位）",
                f"Date “{line.text}” should be written “{canonical}” (Arabic numerals, four-digit year, no padding)",
            ),
            None,
            ctx.t(f"改为「{canonical}」（reportlint fix 可自动改正）。", f"Write “{canonical}” (reportlint fix does it)."),
            Fix("replace", line.lineno, old=line.text, new=canonical, column=line.column),
        )
        return


@register(
    Rule(
        id="document-number",
        repairs=True,
        severity="warning",
        family="format",
        summary={"zh": "发文字号的年份未用六角括号", "en": "The year of a document number is not in 〔〕"},
        explain={
            "what_zh": "引用发文字号时，年份应使用六角括号「〔〕」：「厅字〔2019〕28号」，而不是 [] () 【】 等。",
            "what_en": "In a cited document number the year goes in hexagonal brackets 「〔〕」: 「厅字〔2019〕28号」, "
            "not [] () 【】 and the like.",
            "why_zh": "GB/T 9704-2012 规定发文字号中的年份用六角括号括入。",
            "why_en": "GB/T 9704-2012 puts the year of a document number in 〔〕.",
            "fix_zh": "把括号改为「〔〕」。",
            "fix_en": "Change the brackets to 「〔〕」.",
        },
        basis="GB/T 9704-2012《党政机关公文格式》7.2.4 发文字号",
        bad=GOOD.replace("全年召开", "按照厅字[2019]28号文件要求，全年召开"),
        good=GOOD.replace("全年召开", "按照厅字〔2019〕28号文件要求，全年召开"),
    )
)
def document_number(ctx: Context) -> Iterator[Finding]:
    for line in ctx.outline.document.lines:
        for m in _DOC_NUMBER.finditer(line.text):
            if m.group(1) == "〔" and m.group(3) == "〕":
                continue
            if not _ISSUER.search(line.text[max(0, m.start() - 1) : m.start()]):
                continue  # a document number follows its issuer's abbreviation (厅字, 国办发 …)
            old = m.group(0)
            new = f"〔{m.group(2)}〕{m.group(4)}号"
            column = line.column_of(m.start())
            yield Finding(
                "document-number",
                "warning",
                line.lineno,
                column,
                ctx.t(f"发文字号「{old}」应写作「{new}」", f"Document number “{old}” should be “{new}”"),
                None,
                ctx.t(
                    "年份用六角括号〔〕，序号不编虚位（reportlint fix 可自动改正）。",
                    "Put the year in 〔〕 and the number without padding (reportlint fix does it).",
                ),
                Fix("replace", line.lineno, old=old, new=new, column=column),
            )


@register(
    Rule(
        id="addressee",
        repairs=True,
        severity="info",
        family="format",
        summary={"zh": "主送机关后应用全角冒号", "en": "The addressee line ends with a full-width colon"},
        explain={
            "what_zh": "标题后的主送机关（如「县委、县政府：」）应以全角冒号结尾。报告半角冒号和缺少冒号的主送机关行。",
            "what_en": "The addressee after the title (e.g. 「县委、县政府：」) ends with a full-width colon. Reports a "
            "half-width colon and an addressee line without a colon.",
            "why_zh": "GB/T 9704-2012 规定主送机关名称后标全角冒号。",
            "why_en": "GB/T 9704-2012 puts a full-width colon after the addressee.",
            "fix_zh": "在主送机关后加全角冒号「：」。",
            "fix_en": "End the addressee with a full-width colon 「：」.",
        },
        basis="GB/T 9704-2012《党政机关公文格式》7.3.2 主送机关",
        bad=TITLE.rstrip("\n") + "\n县委、县政府:\n" + GOOD[len(TITLE) :],
        good=TITLE.rstrip("\n") + "\n县委、县政府：\n" + GOOD[len(TITLE) :],
    )
)
def addressee(ctx: Context) -> Iterator[Finding]:
    outline = ctx.outline
    line = outline.addressee
    if line is not None:
        if line.text.endswith(":"):
            yield _addressee_finding(ctx, line, line.text[:-1])
        return
    if outline.title is None:
        return
    lines = outline.document.lines
    start = next(i for i, ln in enumerate(lines) if ln is outline.title.line)
    after = [ln for i, ln in enumerate(lines) if i > start and ln.text and i not in outline.front][:1]
    heading_lines = {id(h.line) for h in outline.headings}
    if after and id(after[0]) not in heading_lines and _ORG_LINE.match(after[0].text):
        yield _addressee_finding(ctx, after[0], after[0].text)


def _addressee_finding(ctx: Context, line, name: str) -> Finding:
    return Finding(
        "addressee",
        "info",
        line.lineno,
        line.column,
        ctx.t(
            f"主送机关「{line.text}」应以全角冒号结尾：「{name}：」",
            f"Addressee “{line.text}” should end with “：”",
        ),
        None,
        ctx.t("主送机关后用全角冒号「：」（reportlint fix 可自动改正）。", "End it with a full-width colon (reportlint fix does it)."),
        Fix("replace", line.lineno, old=line.text, new=f"{name}：", column=line.column),
    )
