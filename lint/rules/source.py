"""Source rules: what the readers had to repair before the report could be checked."""

from __future__ import annotations

from collections.abc import Iterator

from lint.rules import Context, Finding, Fix, Rule, register
from lint.rules.examples import GOOD, GOOD_TRADITIONAL, MEASURES, TITLE

_KIND = {
    "pinyin": ("字后粘连的拼音", "pinyin glued to characters"),
    "lost-chars": ("表示丢失字符的问号", "question marks standing for lost characters"),
    "html-fragment": ("网页标签残留", "HTML tag fragments"),
    "word-bookmark": ("Word 书签标记", "a Word bookmark marker"),
    "pipe-line": ("只有竖线的行", "a line of stray pipes"),
    "mojibake": ("转码乱码", "mojibake from a wrong re-encoding"),
}


@register(
    Rule(
        id="conversion-artifact",
        repairs=True,
        severity="warning",
        family="source",
        summary={"zh": "文本中有格式转换残留", "en": "Conversion junk in the text"},
        explain={
            "what_zh": "读取时发现并去除了格式转换留下的残留：字后粘连的拼音（「鎮(zhèn)」，不含「(一)」）、"
            "表示丢失字符的「??」、网页标签残留（「/span>」「&nbsp;」）、Word 书签标记（「[bookmark: _GoBack]」）、"
            "只有「|」的行。每段每种残留只报告一次。",
            "what_en": "The reader found and removed junk left by a format conversion: pinyin glued to characters "
            "(「鎮(zhèn)」, not 「(一)」), 「??」 runs for lost characters, HTML tag fragments (「/span>」, 「&nbsp;」), "
            "Word bookmark markers (「[bookmark: _GoBack]」), lines of 「|」. One finding per kind per paragraph.",
            "why_zh": "这些残留说明文本是从网页或其他格式转换而来，报送或公开前必须清理；「??」处往往丢失了文字。",
            "why_en": "Such junk shows the text was converted from a web page or another format; it must be cleaned "
            "before the report is filed or published, and 「??」 usually means lost text.",
            "fix_zh": "删除残留；对「??」处核对原件补全文字。",
            "fix_en": "Delete the junk; where 「??」 stands, restore the lost text from the original.",
        },
        basis="GB/T 9704-2012《党政机关公文格式》；公开文本应与正式文本一致",
        bad=TITLE + "[bookmark: _GoBack]" + MEASURES + GOOD[len(TITLE) + len(MEASURES) :],
        good=GOOD,
    )
)
def conversion_artifact(ctx: Context) -> Iterator[Finding]:
    for line in ctx.outline.document.lines:
        for artifact in line.artifacts:
            zh, en = _KIND[artifact.kind]
            more_zh = f"等{artifact.count}处" if artifact.count > 1 else ""
            more_en = f" and {artifact.count - 1} more" if artifact.count > 1 else ""
            yield Finding(
                "conversion-artifact",
                "warning",
                line.lineno,
                artifact.column,
                ctx.t(f"{zh}：「{artifact.sample}」{more_zh}", f"{en}: “{artifact.sample}”{more_en}"),
                None,
                ctx.t(
                    "原文字符已损坏：请对照正式文本改正这一段，不能只删除乱码。",
                    "Characters were destroyed: correct this paragraph from the official text; deleting the junk is not enough.",
                )
                if artifact.kind == "mojibake"
                else ctx.t(
                    "检查时已忽略；请在原文中删除（reportlint fix 可自动删除）。",
                    "Ignored for checking; delete it from the file (reportlint fix does it).",
                ),
                None if artifact.kind == "mojibake" else Fix("junk", line.lineno),
            )


@register(
    Rule(
        id="traditional-script",
        severity="info",
        family="source",
        summary={"zh": "报告使用繁体字", "en": "The report is in traditional script"},
        explain={
            "what_zh": "报告以繁体字书写（常见于镜像网站转载件）。检查前已用 OpenCC t2s 转为简体，结果中的标题为简体。",
            "what_en": "The report is written in traditional script (typical of mirror-site copies). It was "
            "converted with OpenCC t2s before checking; headings in the results are simplified.",
            "why_zh": "大陆党政机关公文使用规范汉字（简体）；繁体文本通常不是正式文本。",
            "why_en": "Official documents in mainland China use standard simplified characters; a traditional-script "
            "text is usually not the official text.",
            "fix_zh": "改用正式文本，或转换为规范简体字。",
            "fix_en": "Use the official text, or convert it to standard simplified characters.",
        },
        basis="《中华人民共和国国家通用语言文字法》第九条、第十七条",
        bad=GOOD_TRADITIONAL,
        good=GOOD,
    )
)
def traditional_script(ctx: Context) -> Iterator[Finding]:
    doc = ctx.outline.document
    if doc.traditional:
        first = next((ln for ln in doc.lines if ln.text), None)
        yield Finding(
            "traditional-script",
            "info",
            first.lineno if first else None,
            first.column if first else None,
            ctx.t(
                "报告为繁体字，已转换为简体后检查",
                "The report is in traditional script; it was checked in simplified form",
            ),
            None,
            ctx.t("报送或公开时请使用规范简体字的正式文本。", "File or publish the official text in simplified characters."),
        )


@register(
    Rule(
        id="unknown-rule",
        severity="warning",
        family="source",
        summary={
            "zh": "行内注释中的规则 id 不存在",
            "en": "Unknown rule id in an inline comment",
        },
        explain={
            "what_zh": "Markdown 和网页中的 <!-- reportlint-disable … --> 注释只能写 reportlint explain 列出的规则 id；"
            "写错的 id 不关闭任何规则，本规则指出它，并提示最接近的 id。",
            "what_en": "<!-- reportlint-disable … --> comments in Markdown and web pages may only name the rule ids "
            "that reportlint explain lists; a misspelt id turns nothing off. This rule names it and the closest id.",
            "why_zh": "写错的规则 id 会让作者以为问题已被接受，而检查结果照旧报告（或反之）。",
            "why_en": "A misspelt rule id makes the author believe a finding is accepted while it is still reported.",
            "fix_zh": "改为正确的规则 id（见 reportlint explain）。",
            "fix_en": "Write the right rule id (see reportlint explain).",
        },
        basis="reportlint 配置约定（与配置文件中的未知规则 id 同样处理）",
        bad="<!-- reportlint-disable missing-sectoin -->\n" + GOOD,
        good="<!-- reportlint-disable missing-section -->\n" + GOOD,
        example_name="r.md",
    )
)
def unknown_rule(ctx: Context) -> Iterator[Finding]:
    import difflib

    from lint.rules import all_rules

    known = all_rules()
    for s in ctx.outline.document.suppressions:
        for rid in sorted(s.rules):
            if rid in known:
                continue
            close = difflib.get_close_matches(rid, list(known), n=1)
            yield Finding(
                "unknown-rule",
                "warning",
                s.lineno,
                None,
                ctx.t(f"行内注释中的规则 id「{rid}」不存在", f"unknown rule id “{rid}” in an inline comment"),
                None,
                ctx.t(f"是否应为「{close[0]}」？", f"Did you mean “{close[0]}”?")
                if close
                else ctx.t("可用的规则见 reportlint explain。", "See reportlint explain for the rule ids."),
            )
