"""Layout rules for .docx input (GB/T 9704-2012 《党政机关公文格式》), driven by a layout profile.

The rules read ``Document.layout`` (filled by the .docx reader, see lint/layout.py); on any other input
they are silent.  The profile is ``Document.layout.profile`` (default ``gbt9704-2012``).  One problem
repeated over many paragraphs is one finding, with the count and the first places.

Their explain examples are not text reports: ``bad``/``good`` describe a .docx, and
tests/test_layout.py builds each one as a .docx laid out to the profile with the one property changed
and checks that the rule fires on it and not on the document as laid out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from lint.rules import Context, Finding, Rule, register

FAMILY = "layout"
BASIS = "GB/T 9704-2012《党政机关公文格式》"
#: How many places a grouped finding names.
PLACES = 3
_PAPERS = {
    (210.0, 297.0): "A4",
    (215.9, 279.4): "Letter",
    (215.9, 355.6): "Legal",
    (176.0, 250.0): "B5 (ISO)",
    (182.0, 257.0): "B5 (JIS)",
    (184.0, 260.0): "16开",
    (297.0, 420.0): "A3",
    (148.0, 210.0): "A5",
}
_ROLE_NAMES = {
    "title": ("标题", "title"),
    "addressee": ("主送机关", "addressee"),
    "body": ("正文", "body text"),
    "heading1": ("一级标题", "level-1 headings"),
    "heading2": ("二级标题", "level-2 headings"),
    "heading3": ("三级标题", "level-3 headings"),
    "heading4": ("四级标题", "level-4 headings"),
    "signature": ("发文机关署名和成文日期", "signature and date"),
    "date": ("成文日期", "date"),
}
_SIZES = {42: "初号", 36: "小初", 26: "一号", 24: "小一", 22: "二号", 18: "小二", 16: "三号", 15: "小三",
          14: "四号", 12: "小四", 10.5: "五号", 9: "小五"}  # fmt: skip


def _docx_example(zh: str) -> str:
    return f"（.docx 版式 / .docx layout）\n{zh}\n"


# --------------------------------------------------------------------------- shared helpers


def _setup(ctx: Context):
    """(model, profile, {¶: role}, {¶: para}) for a .docx with a layout model, else None.  Computed once per
    context and shared by the rules."""
    cached = ctx.__dict__.get("_layout")
    if cached is not None:
        return cached or None
    doc = ctx.outline.document
    model = getattr(doc, "layout", None)
    if model is None:
        ctx.__dict__["_layout"] = ()
        return None
    from lint.layout import load_profile, roles_from_outline
    from lint.outline import compact

    profile = load_profile(model.profile)
    roles = roles_from_outline(ctx.outline)
    paras = {}
    for number in roles:
        para = model.paragraphs.get(number)
        line = doc.line_at(number)
        # The model and the reader count paragraphs alike; a paragraph whose text disagrees is skipped.
        if para is not None and line is not None and compact(para.text)[:8] == compact(line.raw)[:8]:
            paras[number] = para
    ctx.__dict__["_layout"] = (model, profile, roles, paras)
    return ctx.__dict__["_layout"]


def _size_name(pt: float, en: bool) -> str:
    name = _SIZES.get(pt if pt != int(pt) else int(pt))
    pts = f"{pt:g} pt" if en else f"{pt:g}磅"
    return f"{pts} ({name})" if name and en else f"{name}（{pts}）" if name else pts


def _places(ctx: Context, numbers: list[int]) -> str:
    en = ctx.lang == "en"
    shown = [ctx.at(n, ctx.lang) for n in numbers[:PLACES]]
    more = len(numbers) > PLACES
    if en:
        return ", ".join(shown) + (", …" if more else "")
    return "、".join(shown) + ("等" if more else "")


def _count(ctx: Context, n: int) -> str:
    return ctx.t(f"{n}段", f"{n} paragraph{'s' if n != 1 else ''}")


def _found(ctx: Context, values: list[str]) -> str:
    common = [v for v, _ in Counter(values).most_common(3)]
    return ctx.t("、".join(f"「{v}」" for v in common), ", ".join(f"“{v}”" for v in common))


def _grouped(ctx: Context, rule: str, numbers: list[int], zh: str, en: str, hint_zh: str, hint_en: str):
    numbers = sorted(numbers)
    return Finding(
        rule,
        RULES_SEVERITY[rule],
        numbers[0],
        1,
        ctx.t(
            f"{zh}：共{_count(ctx, len(numbers))}（{_places(ctx, numbers)}）",
            f"{en}: {_count(ctx, len(numbers))} ({_places(ctx, numbers)})",
        ),
        None,
        ctx.t(hint_zh, hint_en),
    )


def _cjk_fonts(para, start: int = 0, end: int | None = None) -> list[str | None]:
    """The East Asian font of each CJK character in [start, end) of the paragraph's text."""
    from lint.layout import CJK

    out: list[str | None] = []
    pos = 0
    for run in para.runs:
        for ch in run.text:
            if pos >= start and (end is None or pos < end) and CJK.match(ch) and ch != "\u3000":
                out.append(run.font)
            pos += 1
    return out


def _sizes(para, start: int = 0, end: int | None = None) -> list[float]:
    out: list[float] = []
    pos = 0
    for run in para.runs:
        for ch in run.text:
            if pos >= start and (end is None or pos < end) and not ch.isspace():
                out.append(run.size_pt)
            pos += 1
    return out


def _span(para, role) -> tuple[int, int | None]:
    """The characters of a paragraph a role's layout applies to: a run-in heading's own characters only."""
    return 0, role.head_chars


def _font_findings(ctx: Context, rule: str, groups: tuple[tuple[str, ...], ...]) -> Iterator[Finding]:
    """Font and size problems of the paragraphs in each group of roles: one finding per group and kind
    (the group is named after its first role)."""
    setup = _setup(ctx)
    if setup is None:
        return
    _, profile, roles, paras = setup
    en = ctx.lang == "en"
    for group in groups:
        specs = {r: profile.roles[r] for r in group if r in profile.roles}
        if not specs:
            continue
        name = _ROLE_NAMES[group[0]][1 if en else 0]
        bad_font: list[int] = []
        fonts_found: list[str] = []
        bad_size: list[int] = []
        sizes_found: list[str] = []
        for number, role in roles.items():
            spec = specs.get(role.role)
            if spec is None or number not in paras:
                continue
            para = paras[number]
            start, end = _span(para, role)
            fonts = _cjk_fonts(para, start, end)
            if spec.fonts and fonts:
                wrong = [f for f in fonts if not spec.font_ok(f)]
                if len(wrong) * 2 > len(fonts):  # most of the characters
                    bad_font.append(number)
                    top = Counter(wrong).most_common(1)[0][0]
                    fonts_found.append(top or ctx.t("未设置中文字体", "no East Asian font"))
            sizes = _sizes(para, start, end)
            if spec.size_pt and sizes:
                top_size = Counter(sizes).most_common(1)[0][0]
                if abs(top_size - spec.size_pt) > 0.25:
                    bad_size.append(number)
                    sizes_found.append(_size_name(top_size, en))
        first = next(iter(specs.values()))
        want_font = first.fonts[0] if first.fonts else ""
        if bad_font:
            yield _grouped(
                ctx,
                rule,
                bad_font,
                f"{name}字体为{_found(ctx, fonts_found)}，应为{want_font}",
                f"{name[0].upper() + name[1:]} set in {_found(ctx, fonts_found)}, not {want_font}",
                f"把{name}的中文字体设为「{want_font}」（可用 reportlint fix --layout）。",
                f"Set the East Asian font of the {name} to {want_font} (reportlint fix --layout does it).",
            )
        if bad_size and first.size_pt:
            want = _size_name(first.size_pt, en)
            yield _grouped(
                ctx,
                rule,
                bad_size,
                f"{name}字号为{_found(ctx, sizes_found)}，应为{want}",
                f"{name[0].upper() + name[1:]} in {_found(ctx, sizes_found)}, not {want}",
                f"把{name}的字号设为{want}。",
                f"Set the {name} to {want}.",
            )


RULES_SEVERITY: dict[str, str] = {}


def _rule(rule_id: str, severity: str, summary: tuple[str, str], what: tuple[str, str], why: tuple[str, str],
          fix: tuple[str, str], basis: str, bad: str, good: str) -> Rule:  # fmt: skip
    RULES_SEVERITY[rule_id] = severity
    return Rule(
        id=rule_id,
        severity=severity,
        family=FAMILY,
        summary={"zh": summary[0], "en": summary[1]},
        explain={
            "what_zh": what[0] + "只检查 .docx 文件。",
            "what_en": what[1] + " .docx input only.",
            "why_zh": why[0],
            "why_en": why[1],
            "fix_zh": fix[0],
            "fix_en": fix[1],
        },
        basis=f"{BASIS} {basis}",
        bad=_docx_example(bad),
        good=_docx_example(good),
    )


# --------------------------------------------------------------------------- page


@register(
    _rule(
        "layout-paper",
        "warning",
        ("纸张不是 A4", "The paper is not A4"),
        (
            "页面尺寸应为 A4（210 mm × 297 mm，±1 mm）纵向；第一节以后的横向 A4 节（横排表格）不报告。",
            "The page is A4 (210 mm × 297 mm, ±1 mm), portrait; a landscape A4 section after the first (a wide "
            "table) is not reported.",
        ),
        (
            "公文用纸采用 A4 型纸；Word 英文模板默认 Letter（215.9 mm × 279.4 mm），打印时会缩放或裁切。",
            "Official documents are printed on A4; Word's US template defaults to Letter (215.9 × 279.4 mm), "
            "which prints scaled or cut.",
        ),
        ("在「布局 → 纸张大小」中选择 A4，纸张方向选纵向。", "Choose A4 under Layout → Size, portrait."),
        "5.1 幅面尺寸",
        "纸张：Letter 215.9 mm × 279.4 mm",
        "纸张：A4 210 mm × 297 mm",
    )
)
def layout_paper(ctx: Context) -> Iterator[Finding]:
    setup = _setup(ctx)
    if setup is None:
        return
    model, profile, _, _ = setup
    paper = profile.paper
    tol = paper.get("tolerance_mm", 1)
    for i, section in enumerate(model.sections):
        if abs(section.width_mm - paper["width_mm"]) <= tol and abs(section.height_mm - paper["height_mm"]) <= tol:
            continue
        w, h = section.width_mm, section.height_mm
        turned = abs(w - paper["height_mm"]) <= tol and abs(h - paper["width_mm"]) <= tol
        if turned and i > 0:
            continue  # a landscape section after the first: a wide table, which the standard allows
        name = next(
            (n for (pw, ph), n in _PAPERS.items() if abs(pw - min(w, h)) <= 1 and abs(ph - max(w, h)) <= 1), ""
        )
        found = f"{w:g} mm × {h:g} mm" + (f" ({name})" if name else "")
        want = f"{paper['width_mm']:g} mm × {paper['height_mm']:g} mm"
        yield Finding(
            "layout-paper",
            "warning",
            section.first_paragraph,
            1,
            ctx.t(
                f"页面为横向，应为纵向 {want}" if turned else f"纸张为 {found}，应为 {want}（A4）",
                f"The page is landscape, not portrait {want}" if turned else f"The paper is {found}, not {want} (A4)",
            ),
            None,
            ctx.t("在「布局 → 纸张大小」中选择 A4，纵向。", "Choose A4, portrait, under Layout → Size."),
        )
        return  # one finding for the document


@register(
    _rule(
        "layout-margins",
        "warning",
        ("页边距与版心不符", "The margins do not give the standard type area"),
        (
            "页边距应为：上（天头）37 mm、左（订口）28 mm，版心 156 mm × 225 mm，即下 35 mm、右 26 mm，各 ±1 mm"
            "（按版式配置文件，省级配置可另定）。横向的节（横排表格）不检查。",
            "Margins: top 37 mm, left (binding side) 28 mm, type area 156 × 225 mm, so bottom 35 mm and right "
            "26 mm, each ±1 mm (as the layout profile says; a province's profile may differ). Landscape sections "
            "(wide tables) are not checked.",
        ),
        (
            "版心决定每页 22 行、每行 28 字的版面；Word 默认页边距（上下 25.4 mm、左右 31.8 mm）排出的版面与公文不同。",
            "The type area gives the page its 22 lines of 28 characters; Word's default margins (25.4 / 31.8 mm) "
            "give a different page.",
        ),
        (
            "在「布局 → 页边距 → 自定义页边距」中设上 3.7 cm、下 3.5 cm、左 2.8 cm、右 2.6 cm。",
            "Under Layout → Margins → Custom, set top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm.",
        ),
        "5.2.1 页边与版心尺寸",
        "页边距：上 25.4 mm、下 25.4 mm、左 31.8 mm、右 31.8 mm",
        "页边距：上 37 mm、下 35 mm、左 28 mm、右 26 mm",
    )
)
def layout_margins(ctx: Context) -> Iterator[Finding]:
    setup = _setup(ctx)
    if setup is None:
        return
    model, profile, _, _ = setup
    m = profile.margins
    tol = m.get("tolerance_mm", 1)
    for section in model.sections:
        if section.width_mm > section.height_mm:
            continue  # landscape (a wide table): its margins turn with the page
        got = {
            "top": section.top_mm,
            "bottom": section.bottom_mm,
            "left": section.left_mm + section.gutter_mm,
            "right": section.right_mm,
        }
        wrong = [side for side, value in got.items() if abs(value - m[f"{side}_mm"]) > tol]
        if not wrong:
            continue
        zh = {"top": "上", "bottom": "下", "left": "左", "right": "右"}
        found_zh = "、".join(f"{zh[s]} {got[s]:.1f} mm" for s in got)
        found_en = ", ".join(f"{s} {got[s]:.1f} mm" for s in got)
        want_zh = "、".join(f"{zh[s]} {m[f'{s}_mm']:g} mm" for s in got)
        want_en = ", ".join(f"{s} {m[f'{s}_mm']:g} mm" for s in got)
        yield Finding(
            "layout-margins",
            "warning",
            section.first_paragraph,
            1,
            ctx.t(
                f"页边距为{found_zh}，应为{want_zh}（±{tol:g} mm）",
                f"Margins are {found_en}; expected {want_en} (±{tol:g} mm)",
            ),
            None,
            ctx.t(
                "在「布局 → 页边距 → 自定义页边距」中按上述数值设置（可用 reportlint fix --layout）。",
                "Set them under Layout → Margins → Custom margins (reportlint fix --layout does it).",
            ),
        )
        return


# --------------------------------------------------------------------------- fonts


@register(
    _rule(
        "layout-title-font",
        "warning",
        ("标题字体、字号不符", "The title's font or size is not the standard one"),
        (
            "标题应为2号（22磅）小标宋体（方正小标宋简体等）。标题由大纲识别（可跨两行）。",
            "The title is set in 小标宋 (e.g. 方正小标宋简体) at size 2 (22 pt). The title is the one the outline "
            "finds (it may span two lines).",
        ),
        (
            "标题的字体、字号是公文格式最显眼的要素。",
            "The title's font and size are the most visible part of an official document's layout.",
        ),
        (
            "选中标题，中文字体设为「方正小标宋简体」，字号设为「二号」。",
            "Select the title; set the East Asian font to 方正小标宋简体 and the size to 22 pt.",
        ),
        "7.3.1 标题",
        "标题：宋体 小一（24磅）",
        "标题：方正小标宋简体 二号（22磅）",
    )
)
def layout_title_font(ctx: Context) -> Iterator[Finding]:
    yield from _font_findings(ctx, "layout-title-font", (("title",),))


@register(
    _rule(
        "layout-heading-font",
        "warning",
        ("各级标题字体不符", "A heading level is not in its standard font"),
        (
            "结构层次序数：一级标题（「一、」）用黑体，二级（「（一）」）用楷体，三级（「1.」）、四级（「（1）」）用仿宋，"
            "均为3号（16磅）。段中标题（「（一）加强组织领导。……」）只检查标题部分。每级每类问题报告一次。",
            "Level-1 headings (「一、」) in 黑体, level 2 (「（一）」) in 楷体, levels 3 and 4 (「1.」「（1）」) in 仿宋, "
            "all 16 pt. For a run-in heading only the heading's own characters are checked. One finding per level "
            "and kind.",
        ),
        (
            "不同层级的字体让读者一眼看出文章结构。",
            "The fonts tell the reader the structure at a glance.",
        ),
        (
            "一级标题设为黑体、二级标题设为楷体_GB2312、三四级标题设为仿宋_GB2312，字号三号。",
            "Set level-1 headings in 黑体, level 2 in 楷体_GB2312, levels 3–4 in 仿宋_GB2312, 16 pt.",
        ),
        "7.3.3 正文",
        "一级标题「一、主要举措和成效」：仿宋_GB2312 三号",
        "一级标题「一、主要举措和成效」：黑体 三号",
    )
)
def layout_heading_font(ctx: Context) -> Iterator[Finding]:
    yield from _font_findings(ctx, "layout-heading-font", (("heading1",), ("heading2",), ("heading3",), ("heading4",)))


@register(
    _rule(
        "layout-body-font",
        "warning",
        ("正文字体、字号不符", "The body text is not in the standard font or size"),
        (
            "正文、主送机关、发文机关署名和成文日期用3号（16磅）仿宋体（仿宋_GB2312、仿宋等均可）。"
            "字体按 Word 的方式确定：文字格式 → 字符样式 → 段落样式及其基准样式 → 文档默认值，取中文（东亚）字体，"
            "主题字体按主题取值。每类问题报告一次，附段数和前几处位置。",
            "Body text, addressee, signature and date are set in 仿宋 (仿宋_GB2312, 仿宋, …) at size 3 (16 pt). "
            "The font is the one Word uses: run formatting → character style → paragraph style and its based-on "
            "chain → document defaults, East Asian slot, theme fonts from the theme. One finding per kind, with the "
            "count and the first places.",
        ),
        (
            "如无特殊说明，公文格式各要素一般用3号仿宋体字；Word 默认的等线/宋体小四不符合要求。",
            "Unless stated otherwise every element of an official document is in 仿宋 at 16 pt; Word's default "
            "(等线/宋体 at 10.5–12 pt) is not.",
        ),
        (
            "全选正文，中文字体设为「仿宋_GB2312」，字号设为「三号」；或修改「正文」样式。",
            "Select the body; set the East Asian font to 仿宋_GB2312 and the size to 16 pt, or change the Normal "
            "style.",
        ),
        "5.2.2 字体和字号；7.3.3 正文",
        "正文：宋体 小四（12磅）",
        "正文：仿宋_GB2312 三号（16磅）",
    )
)
def layout_body_font(ctx: Context) -> Iterator[Finding]:
    # Everything set in the body font is one group: the body text, the addressee, the signature and date.
    yield from _font_findings(ctx, "layout-body-font", (("body", "addressee", "signature", "date"),))


# --------------------------------------------------------------------------- paragraphs


@register(
    _rule(
        "layout-indent",
        "warning",
        ("段落首行未缩进两字", "Paragraphs are not indented by two characters"),
        (
            "正文和各级标题每个自然段首行左空二字（首行缩进2字符，或段首两个全角空格），回行顶格；主送机关顶格。"
            "自动编号的段落（缩进由编号定义）和居中、右对齐的正文段落不检查。",
            "Every paragraph of body text and headings starts indented by two characters (a first-line indent of "
            "2 characters, or two full-width spaces) and wraps flush left; the addressee is flush left. Paragraphs "
            "with automatic numbering (indented by their list definition) and centred or right-aligned body "
            "paragraphs are not checked.",
        ),
        (
            "首行缩进两字是公文正文的排版要求，缩进不一致的文档显得杂乱。",
            "The two-character indent is part of the body layout; mixed indents look untidy.",
        ),
        (
            "选中正文，在「段落 → 缩进 → 特殊」中选「首行」，缩进值「2字符」，左右缩进为0。",
            "Select the body; under Paragraph → Indentation → Special choose First line, 2 characters; left and "
            "right 0.",
        ),
        "7.3.3 正文",
        "正文段落：首行缩进 0",
        "正文段落：首行缩进 2 字符",
    )
)
def layout_indent(ctx: Context) -> Iterator[Finding]:
    setup = _setup(ctx)
    if setup is None:
        return
    _, profile, roles, paras = setup
    en = ctx.lang == "en"
    for role_ids in (("body",), ("heading1", "heading2", "heading3", "heading4"), ("addressee",)):
        want = None
        bad: list[int] = []
        found: list[str] = []
        for number, role in roles.items():
            spec = profile.roles.get(role.role)
            if role.role not in role_ids or number not in paras or spec is None or spec.indent_chars is None:
                continue
            para = paras[number]
            if para.numbered or (role.role == "body" and para.align in ("center", "right")):
                continue  # list indents come from the list; a centred line (a caption) is set on purpose
            want = spec.indent_chars
            got = para.first_indent_chars()
            if abs(got - want) > 0.3:
                bad.append(number)
                found.append(f"{got:.1f}".rstrip("0").rstrip(".") + ("" if en else "字符"))
        if not bad:
            continue
        name = _ROLE_NAMES[role_ids[0]][1 if en else 0] if len(role_ids) == 1 else ctx.t("各级标题", "headings")
        want_s = f"{want:g}"
        yield _grouped(
            ctx,
            "layout-indent",
            bad,
            f"{name}首行缩进为{_found(ctx, found)}，应为{want_s}字符",
            f"{name[0].upper() + name[1:]} indented by {_found(ctx, found)} characters, not {want_s}",
            f"把{name}设为首行缩进{want_s}字符、左缩进0（可用 reportlint fix --layout）。",
            f"Give the {name} a first-line indent of {want_s} characters and no left indent "
            "(reportlint fix --layout does it).",
        )


_ALIGN_NAMES = {
    "left": ("左对齐", "left-aligned"),
    "center": ("居中", "centred"),
    "right": ("右对齐", "right-aligned"),
    "justify": ("两端对齐", "justified"),
}


@register(
    _rule(
        "layout-alignment",
        "warning",
        ("标题、正文或落款对齐方式不符", "The title, body or signature is not aligned as the standard says"),
        (
            "标题居中；正文两端对齐（撑满版心），报告左对齐的正文段落（居中、右对齐的段落视为有意为之，如表题）；"
            "主送机关左顶格；发文机关署名和成文日期居右（右对齐，或缩进到版心右半部）。各级标题不检查。",
            "The title is centred; the body is justified (lines fill the type area): left-aligned body paragraphs "
            "are reported (centred or right-aligned ones, such as captions, are taken as meant); the addressee is "
            "flush left; the signature and date stand on the right (right-aligned, or indented into the right "
            "half). Headings are not checked.",
        ),
        (
            "左对齐的正文右边参差不齐，不能撑满版心；标题不居中、落款不居右都与公文格式不符。",
            "Left-aligned text leaves a ragged right edge instead of filling the type area; a title off centre or a "
            "signature on the left breaks the layout.",
        ),
        (
            "标题设为居中，正文设为两端对齐，落款设为右对齐并右空二字。",
            "Centre the title, justify the body, right-align the signature two characters from the margin.",
        ),
        "5.2.3 行数和字数；7.3.1 标题；7.3.3 正文；7.3.5 发文机关署名、成文日期",
        "正文段落：左对齐",
        "正文段落：两端对齐",
    )
)
def layout_alignment(ctx: Context) -> Iterator[Finding]:
    setup = _setup(ctx)
    if setup is None:
        return
    _, profile, roles, paras = setup
    en = ctx.lang == "en"
    for group in (("title",), ("body",), ("addressee",), ("signature", "date")):
        role_id = group[0]
        spec = profile.roles.get(role_id)
        if spec is None or spec.align is None:
            continue
        accepted = {"left": ("left", "justify")}.get(spec.align, (spec.align,))
        bad: list[int] = []
        found: list[str] = []
        for number, role in roles.items():
            if role.role not in group or number not in paras:
                continue
            para = paras[number]
            if para.align in accepted or (role_id == "body" and para.align in ("center", "right")):
                continue  # a centred or right-aligned line in the body (a caption, a note) is set on purpose
            if spec.align == "right" and para.first_indent_chars() >= 10:
                continue  # pushed to the right half by an indent
            bad.append(number)
            found.append(_ALIGN_NAMES[para.align][1 if en else 0])
        if not bad:
            continue
        name = _ROLE_NAMES[role_id][1 if en else 0]
        want = _ALIGN_NAMES[spec.align][1 if en else 0]
        yield _grouped(
            ctx,
            "layout-alignment",
            bad,
            f"{name}为{_found(ctx, found)}，应为{want}",
            f"{name[0].upper() + name[1:]} {_found(ctx, found)}, not {want}",
            f"把{name}设为{want}。",
            f"Make the {name} {want}.",
        )


def _pitch(para, section, en: bool) -> tuple[float, str, bool]:
    """(line pitch in pt, how it is set in words, whether it is an estimate) of a paragraph."""
    size = para.size_pt()
    grid = section.grid_pitch_pt if section is not None and para.snap_to_grid else None
    if para.line_rule == "exact":
        pt = para.line / 20
        return pt, (f"exact {pt:g} pt" if en else f"固定值{pt:g}磅"), False
    if para.line_rule == "atLeast":
        pt = para.line / 20
        natural = grid or size * 1.3
        return max(pt, natural), (f"at least {pt:g} pt" if en else f"最小值{pt:g}磅"), pt < natural
    multiple = para.line / 240
    words = (
        ("single" if en else "单倍行距")
        if abs(multiple - 1) < 0.01
        else (f"{multiple:g} lines" if en else f"{multiple:g}倍行距")
    )
    if grid:
        pt = grid * multiple
        return pt, words + (f" on a {grid:g} pt grid" if en else f"（网格{grid:g}磅）"), False
    pt = size * 1.3 * multiple
    return pt, words + (f" (about {pt:.0f} pt)" if en else f"（约{pt:.0f}磅）"), True


@register(
    _rule(
        "layout-line-spacing",
        "warning",
        ("行距不能排出每页22行", "The line spacing does not give 22 lines a page"),
        (
            "正文和各级标题的行距应使每页排22行：版心高225 mm，行距约28.95磅，常用固定值28–29.5磅；"
            "也接受文档网格（每页22行）上的单倍行距。单倍、多倍行距未用网格时按字号估算。",
            "Body text and headings are spaced for 22 lines a page: a 225 mm type area gives 28.95 pt a line; "
            "fixed spacing of 28–29.5 pt is the usual setting, single spacing on a 22-line document grid also "
            "passes. Single or multiple spacing without a grid is estimated from the font size.",
        ),
        (
            "每面22行、每行28字是公文版面的基本要求，Word 默认的单倍或1.15倍行距每页排出30行以上。",
            "22 lines of 28 characters make the official page; Word's default single or 1.15 spacing gives over "
            "30 lines.",
        ),
        (
            "全选正文，在「段落 → 行距」中选「固定值」，设置值「28.95磅」（或28–29.5磅）。",
            "Select the body; under Paragraph → Line spacing choose Exactly, 28.95 pt (28–29.5 pt).",
        ),
        "5.2.3 行数和字数",
        "正文段落：1.15倍行距",
        "正文段落：固定值 28.95 磅",
    )
)
def layout_line_spacing(ctx: Context) -> Iterator[Finding]:
    setup = _setup(ctx)
    if setup is None:
        return
    model, profile, roles, paras = setup
    en = ctx.lang == "en"
    lo, hi = profile.line_pitch["min_pt"], profile.line_pitch["max_pt"]
    bad: list[int] = []
    found: list[str] = []
    for number, role in roles.items():
        if role.role not in ("body", "heading1", "heading2", "heading3", "heading4") or number not in paras:
            continue
        para = paras[number]
        pt, words, estimate = _pitch(para, model.section_of(para), en)
        slack = 1.0 if estimate else 0.05
        if lo - slack <= pt <= hi + slack:
            continue
        bad.append(number)
        found.append(words)
    if not bad:
        return
    yield _grouped(
        ctx,
        "layout-line-spacing",
        bad,
        f"行距为{_found(ctx, found)}，应为固定值{lo:g}–{hi:g}磅（每页22行）",
        f"Line spacing is {_found(ctx, found)}, not exactly {lo:g}–{hi:g} pt (22 lines a page)",
        f"把正文和标题的行距设为固定值{profile.line_pitch['pt']:g}磅（可用 reportlint fix --layout）。",
        f"Set the line spacing to exactly {profile.line_pitch['pt']:g} pt (reportlint fix --layout does it).",
    )


# --------------------------------------------------------------------------- page number


@register(
    _rule(
        "layout-page-number",
        "warning",
        ("页脚没有规范的页码", "The footer has no standard page number"),
        (
            "页脚应有页码域（PAGE），用4号（14磅）半角阿拉伯数字，左右各放一条一字线：「— 1 —」。"
            "没有页码报告一次；有页码但字号不符或缺一字线另报一次。",
            "The footer carries a page number field (PAGE) in 14 pt half-width Arabic numerals with an em dash "
            "on each side: 「— 1 —」. A missing page number is one finding; a page number of the wrong size or "
            "without the dashes another.",
        ),
        (
            "公文页码的位置和样式有统一规定，打印、装订和引用都依赖页码。",
            "Page numbers are fixed by the standard; printing, binding and citing rely on them.",
        ),
        (
            "在「插入 → 页码 → 页面底端」插入页码，前后加「— 」「 —」，字号四号；单页居右空一字，双页居左空一字。",
            "Insert → Page number → Bottom of page; put 「— 」 and 「 —」 around it, 14 pt; odd pages right "
            "(one character in), even pages left.",
        ),
        "7.5 页码",
        "页脚：无页码",
        "页脚：「— 1 —」（PAGE 域，四号）",
    )
)
def layout_page_number(ctx: Context) -> Iterator[Finding]:
    setup = _setup(ctx)
    if setup is None:
        return
    model, profile, _, _ = setup
    spec = profile.page_number
    if not spec.get("required") or not model.sections:
        return
    missing = [s for s in model.sections if not s.page_number]
    if missing:
        yield Finding(
            "layout-page-number",
            "warning",
            missing[0].first_paragraph,
            1,
            ctx.t("页脚没有页码", "The footer has no page number"),
            None,
            ctx.t(
                "插入页码（插入 → 页码 → 页面底端），样式「— 1 —」，四号（可用 reportlint fix --layout）。",
                "Insert a page number (Insert → Page number → Bottom), styled 「— 1 —」, 14 pt "
                "(reportlint fix --layout does it).",
            ),
        )
        return
    problems_zh: list[str] = []
    problems_en: list[str] = []
    first = model.sections[0]
    size = spec.get("size_pt")
    if size and first.page_number_size_pt is not None and abs(first.page_number_size_pt - size) > 0.25:
        problems_zh.append(f"字号为{_size_name(first.page_number_size_pt, False)}，应为{_size_name(size, False)}")
        problems_en.append(f"set in {_size_name(first.page_number_size_pt, True)}, not {_size_name(size, True)}")
    if spec.get("dashes") and not first.page_number_dashes:
        problems_zh.append("数字两侧没有一字线（「— 1 —」）")
        problems_en.append("no em dash on each side (「— 1 —」)")
    if problems_zh:
        yield Finding(
            "layout-page-number",
            "warning",
            first.first_paragraph,
            1,
            ctx.t("页码" + "，".join(problems_zh), "The page number is " + "; ".join(problems_en)),
            None,
            ctx.t("把页码改为「— 1 —」样式，四号半角数字。", "Style the page number 「— 1 —」, 14 pt."),
        )
