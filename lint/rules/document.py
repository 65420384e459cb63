"""Document rules: title and front matter."""

from __future__ import annotations

from collections.abc import Iterator

from lint.rules import Context, Finding, Rule, register
from lint.rules.examples import GOOD, TITLE


@register(
    Rule(
        id="missing-title",
        severity="warning",
        family="document",
        summary={"zh": "报告没有标题", "en": "The report has no title"},
        explain={
            "what_zh": "在第一个标题或正文段落之前找不到含「报告」「总结」或以「情况」结尾的标题行（可跨行，如「……的」/「报告」）。",
            "what_en": "No title line (containing 报告 or 总结, or ending in 情况; split titles are joined) before "
            "the first heading or paragraph.",
            "why_zh": "公文须有标题（GB/T 9704-2012 7.3.1）；网上转载件常丢失标题，报送前应补齐，报告年度也从标题读取。",
            "why_en": "An official document needs a title (GB/T 9704-2012 §7.3.1); web copies often lose it, and "
            "the report's year is read from it.",
            "fix_zh": "在正文前加标题，如「XX镇2023年法治政府建设情况报告」。",
            "fix_en": "Add a title before the body, e.g. 「XX镇2023年法治政府建设情况报告」.",
        },
        basis="GB/T 9704-2012《党政机关公文格式》7.3.1 标题",
        bad=GOOD[len(TITLE) :],
        good=GOOD,
    )
)
def missing_title(ctx: Context) -> Iterator[Finding]:
    if ctx.outline.title is None:
        first = next((ln for ln in ctx.outline.document.lines if ln.text), None)
        yield Finding(
            "missing-title",
            "warning",
            first.lineno if first else 1,
            1,
            ctx.t("报告没有标题", "The report has no title"),
            None,
            ctx.t(
                "在正文前加上标题，写明单位、年度和「法治政府建设情况报告」。",
                "Add a title naming the body, the year and 法治政府建设情况报告.",
            ),
        )
