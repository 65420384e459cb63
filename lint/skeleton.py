"""``reportlint new``: a compliant skeleton of a report for a checklist.

The skeleton has the title, the addressee, an opening sentence, every
section of the checklist as a numbered top-level heading in the checklist's
order (with sub-headings where the guidance gives them), a one-line note per
section saying what the regulation expects there, the closing and the
signature and date lines.  ``reportlint check`` on it reports nothing but the
sections still to be written.  The format follows the output's extension:
.docx (laid out per GB/T 9704, notes as Word comments), .md (notes as HTML
comments, which the linter ignores) or .txt (no notes: plain text has no
place for them).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lint.checklist import Checklist, builtin_dir
from lint.outline import format_marker

FORMATS = (".docx", ".md", ".txt")
AUTHOR = "reportlint"
INITIALS = "RL"

#: The page layout of a skeleton (GB/T 9704-2012), in one place so that a layout profile can replace it.
LAYOUT = {
    "paper_mm": (210, 297),
    "margins_mm": {"top": 37, "bottom": 35, "left": 28, "right": 26},
    "line_pitch_pt": 28.95,  # exact spacing: 22 lines on the 225 mm type area
    "body": {"font": "仿宋_GB2312", "size_pt": 16},
    "title": {"font": "方正小标宋简体", "size_pt": 22, "align": "center"},
    "heading1": {"font": "黑体", "size_pt": 16},
    "heading2": {"font": "楷体_GB2312", "size_pt": 16},
    "first_line_chars": 2,
    "page_number": {"font": "宋体", "size_pt": 14, "format": "— {PAGE} —"},
}


def layout() -> dict:
    """The layout to apply (today the fixed GB/T 9704 values; later the layout profile)."""
    return LAYOUT


@dataclass
class Part:
    """One paragraph of the skeleton."""

    kind: str  # "title" | "addressee" | "body" | "heading1" | "heading2" | "closing" | "signature"
    text: str
    note: str | None = None  # guidance shown beside it (Word comment / Markdown comment)


@dataclass
class Skeleton:
    checklist: Checklist
    parts: list[Part] = field(default_factory=list)


class SkeletonError(Exception):
    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.en, self.zh = en, zh

    def render(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def _guidance(checklist: Checklist) -> dict:
    """The guidance entry for a checklist, merged along its ``extends`` chain (nearest wins)."""
    from lint.checklist import ChecklistError, load_checklist

    data = yaml.safe_load((builtin_dir() / "skeleton" / "guidance.yaml").read_text(encoding="utf-8")) or {}
    chain, current, seen = [], checklist, set()
    while current is not None and current.id not in seen and len(chain) < 10:
        seen.add(current.id)
        chain.append(data.get(current.id) or {})
        if not current.extends:
            break
        try:
            current = load_checklist(current.extends)
        except ChecklistError:
            break
    merged: dict = {"notes": {}, "subsections": {}}
    for entry in reversed(chain):
        for key, value in entry.items():
            if key in ("notes", "subsections"):
                merged[key].update(value or {})
            else:
                merged[key] = value
    return merged


def build(checklist: Checklist, unit: str, year: int, lang: str = "zh", addressee: str | None = None) -> Skeleton:
    """The skeleton's paragraphs for ``checklist``."""
    g = _guidance(checklist)
    values = {"unit": unit, "year": year, "next": year + 1}

    def fill(text: str) -> str:
        return text.format(**values)

    skeleton = Skeleton(checklist)
    parts = skeleton.parts
    parts.append(Part("title", fill(g.get("title") or f"{unit}{year}年{checklist.name.split('（')[0]}")))
    to = fill(g.get("addressee", "")) if addressee is None else addressee
    if to:
        parts.append(Part("addressee", to if to.endswith("：") else to.rstrip(":") + "："))
    if g.get("opening"):
        parts.append(Part("body", fill(g["opening"])))
    for n, section in enumerate(checklist.top_sections(), start=1):
        note = (g["notes"].get(section.id) or {}).get("en" if lang == "en" else "zh")
        if note is None:
            # A checklist without guidance: say what it names, and the elements it asks for.
            wanted = "、".join(e.name for e in section.elements)
            note = f"按清单 {checklist.id} 写明「{section.display('zh')}」" + (f"，包括{wanted}" if wanted else "") + "。"
        parts.append(Part("heading1", format_marker("cn", n) + section.title, fill(note)))
        for m, sub in enumerate(g["subsections"].get(section.id) or [], start=1):
            parts.append(Part("heading2", format_marker("cn-paren", m) + fill(sub)))
    if g.get("closing"):
        parts.append(Part("closing", fill(g["closing"])))
    parts.append(Part("signature", unit))
    parts.append(Part("signature", f"{year + 1}年  月  日"))
    return skeleton


def render_text(skeleton: Skeleton, markdown: bool) -> str:
    out: list[str] = []
    for part in skeleton.parts:
        if part.kind == "title":
            out += [f"# {part.text}" if markdown else part.text, ""]
        elif part.kind == "heading1":
            out.append(f"## {part.text}" if markdown else part.text)
        elif part.kind == "heading2":
            out.append(f"### {part.text}" if markdown else part.text)
        elif part.kind == "closing":
            out += [part.text, ""]
        else:
            out.append(part.text)
        if markdown and part.note:
            out.append(f"<!-- 说明：{part.note} -->")
        if markdown and part.kind in ("heading1", "heading2"):
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _set_fonts(run, font: str, size_pt: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size_pt)
    run.font.name = font
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)


def _page_number_footer(footer, spec: dict, align) -> None:
    """A footer paragraph 「— 1 —」 with a PAGE field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = align
    before, after = spec["format"].split("{PAGE}")
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Pt(spec["size_pt"])  # 一字距 from the edge of the type area

    def text_run(text: str) -> None:
        _set_fonts(p.add_run(text), spec["font"], spec["size_pt"])

    def field_run(kind: str, instr: str | None = None) -> None:
        run = p.add_run()
        _set_fonts(run, spec["font"], spec["size_pt"])
        if instr is not None:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    text_run(before)
    field_run("begin")
    field_run("", " PAGE ")
    field_run("separate")
    text_run("1")
    field_run("end")
    text_run(after)


def render_docx(skeleton: Skeleton) -> bytes:
    """The skeleton as a .docx laid out per :func:`layout`, notes as comments on the headings."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    spec = layout()
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = (Mm(v) for v in spec["paper_mm"])
    margins = spec["margins_mm"]
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    # Page numbers: odd pages on the right, even pages on the left (GB/T 9704 7.5).
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, spec["page_number"], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_footer(section.even_page_footer, spec["page_number"], WD_ALIGN_PARAGRAPH.LEFT)

    normal = document.styles["Normal"]
    normal.font.name = spec["body"]["font"]
    normal.font.size = Pt(spec["body"]["size_pt"])
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), spec["body"]["font"])
    pitch = Pt(spec["line_pitch_pt"])
    body_size = spec["body"]["size_pt"]
    for part in skeleton.parts:
        p = document.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = pitch
        fmt.space_before = fmt.space_after = Pt(0)
        role = {"title": "title", "heading1": "heading1", "heading2": "heading2"}.get(part.kind, "body")
        font = spec[role]
        if part.kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif part.kind == "signature":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = Pt(body_size * 4)  # 右空四字
        elif part.kind != "addressee":
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            ind = p._p.get_or_add_pPr().get_or_add_ind()
            ind.set(qn("w:firstLineChars"), str(spec["first_line_chars"] * 100))
            ind.set(qn("w:firstLine"), str(int(spec["first_line_chars"] * body_size * 20)))
        if part.kind in ("heading1", "heading2"):
            level = OxmlElement("w:outlineLvl")
            level.set(qn("w:val"), "0" if part.kind == "heading1" else "1")
            p._p.get_or_add_pPr().append(level)
        run = p.add_run(part.text)
        _set_fonts(run, font["font"], font["size_pt"])
        if part.kind == "title":
            document.add_paragraph()  # a blank line between the title and the addressee
        if part.note:
            document.add_comment(run, part.note, AUTHOR, INITIALS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render(skeleton: Skeleton, path: str) -> bytes:
    """The skeleton in the format ``path``'s extension names."""
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return render_docx(skeleton)
    if suffix in (".md", ".txt"):
        return render_text(skeleton, markdown=suffix == ".md").encode("utf-8")
    raise SkeletonError(
        f"{path}: cannot write '{suffix or 'no extension'}' (use .docx, .md or .txt)",
        f"{path}：不能生成「{suffix or '无扩展名'}」文件（请用 .docx、.md 或 .txt）",
    )


def write_skeleton(
    checklist: Checklist, unit: str, year: int, output: str, force: bool = False, addressee: str | None = None,
    lang: str = "zh",
) -> str:
    """Write the skeleton to ``output`` (atomically); return what to tell the user."""
    from lint.annotate import write_new

    if Path(output).exists() and not force:
        raise SkeletonError(
            f"{output}: already exists (use --force to overwrite)", f"{output}：文件已存在（用 --force 覆盖）"
        )
    data = render(build(checklist, unit, year, lang, addressee), output)
    try:
        write_new(output, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SkeletonError(f"{output}: {reason}", f"{output}：{reason}") from None
    sections = len(checklist.top_sections())
    return (
        f"wrote {output}: {checklist.id}, {sections} sections to write"
        if lang == "en"
        else f"已生成 {output}：清单 {checklist.id}，{sections} 个部分待撰写"
    )
