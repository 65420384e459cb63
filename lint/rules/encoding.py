"""Encoding rules: characters lost when the file was decoded."""

from __future__ import annotations

from collections.abc import Iterator

from lint.rules import Context, Finding, Rule, register
from lint.rules.examples import GOOD

#: How many places the message names; the count covers all of them.
SHOWN = 3
_REPLACEMENT = "\ufffd"


@register(
    Rule(
        id="encoding-damage",
        severity="warning",
        family="encoding",
        summary={"zh": "文件中有无法解码的字节", "en": "The file has bytes that cannot be decoded"},
        explain={
            "what_zh": "文件的个别字节不符合其编码（如 UTF-8 文件中混入一个错误字节，或文件在最后一个字符中间被截断）。"
            "reportlint 不再拒绝整个文件，而是把这些位置读作替换字符「\ufffd」继续检查，并在一条警告中给出位置和数量。"
            "文件中本就带有「\ufffd」（之前的转换已丢失字符）时同样报告。",
            "what_en": "A few bytes of the file are not valid in its encoding (a stray byte in a UTF-8 file, a file "
            "cut inside its last character). Instead of refusing the whole file, reportlint reads those places as "
            "the replacement character \ufffd, checks the rest, and names the places in one warning. A \ufffd already "
            "in the file (characters lost by an earlier conversion) is reported the same way.",
            "why_zh": "被替换的字符已经丢失，所在词句（可能是规范表述或标题）无法被正确识别，发布前必须补正。",
            "why_en": "The replaced characters are lost; the words they belong to (perhaps mandated wording or a "
            "heading) cannot be recognised, and the published report would show them broken.",
            "fix_zh": "按警告给出的位置，对照原稿补上丢失的字符，并用 UTF-8 重新保存文件。",
            "fix_en": "Restore the lost characters at the places named, from the original draft, and save the file "
            "again as UTF-8.",
        },
        basis="Unicode 替换字符 U+FFFD：无法解码的字节读作「\ufffd」，原字符无法从文件中还原",
        bad=GOOD.replace("全年召开", "全年召\ufffd"),
        good=GOOD,
    )
)
def encoding_damage(ctx: Context) -> Iterator[Finding]:
    doc = ctx.outline.document
    places: list[tuple[int, int]] = []
    count = 0
    for line in doc.lines:
        n = line.raw.count(_REPLACEMENT)
        if not n:
            continue
        count += n
        at = -1
        while len(places) < SHOWN:
            at = line.raw.find(_REPLACEMENT, at + 1)
            if at < 0:
                break
            places.append((line.lineno, at + 1))
    if not count:
        return
    en = ctx.lang == "en"

    def where(lineno: int, column: int) -> str:
        if doc.location_unit == "line":
            return f"{lineno}:{column}"
        return ctx.at(lineno, ctx.lang)

    shown = ("、" if not en else ", ").join(where(*p) for p in places)
    more = "" if count <= len(places) else (" …" if en else "……")
    encoding = doc.encoding or ""
    if doc.undecodable:
        message = ctx.t(
            f"{count} 处字符无法解码，已读作「\ufffd」（{shown}{more}）"
            + (f"；按 {encoding} 读取" if encoding else ""),
            f"{count} character{'s' if count > 1 else ''} could not be decoded and read as \ufffd "
            f"({shown}{more})" + (f"; read as {encoding}" if encoding else ""),
        )
        hint = ctx.t(
            "对照原稿补上丢失的字符，并用 UTF-8 重新保存文件。",
            "Restore the lost characters from the original draft and save the file as UTF-8.",
        )
    elif doc.format == "pdf":  # text extraction could not tell what those glyphs are
        message = ctx.t(
            f"PDF 中有 {count} 个字符提取为「\ufffd」（{shown}{more}），无法识别原字符",
            f"{count} character{'s' if count > 1 else ''} of the PDF extracted as \ufffd ({shown}{more}): the "
            "original characters cannot be told",
        )
        hint = ctx.t(
            "PDF 的字体可能缺少文字映射：用原稿（.docx）检查，或核对这些位置。",
            "The PDF's fonts may lack a text mapping: check the original (.docx), or these places.",
        )
    else:  # the file itself holds replacement characters: an earlier conversion lost those characters
        message = ctx.t(
            f"文件中有 {count} 个替换字符「\ufffd」（{shown}{more}），原字符已在之前的转换中丢失",
            f"The file holds {count} replacement character{'s' if count > 1 else ''} \ufffd ({shown}{more}): "
            "characters lost by an earlier conversion",
        )
        hint = ctx.t("对照原稿补上丢失的字符。", "Restore the lost characters from the original draft.")
    yield Finding(
        "encoding-damage",
        "warning",
        places[0][0],
        places[0][1] if doc.location_unit == "line" else None,
        message,
        None,
        hint,
    )
