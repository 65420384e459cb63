"""Builders for test documents in every format, made from the seeds' text."""

from __future__ import annotations

import html
import io
import re

MARK_L1 = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|1、\s*)")
CN_L1 = re.compile(r"^\s*[一二三四五六七八九十]+、")
MARK_L2 = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")


def docx_bytes(
    lines: list[str], auto_numbering: bool = False, heading_styles: bool = False, table: bool = True
) -> bytes:
    """A .docx with one paragraph per line.

    ``auto_numbering``: level-1 and level-2 markers are removed from the text and
    produced by Word's list numbering instead (chineseCounting, 「%1、」/「（%2）」).
    ``heading_styles``: level-1 headings get the Heading 1 style.
    """
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    if auto_numbering:
        numbering = document.part.numbering_part.element
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
                '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
            ),
        )
        numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
        )
    seen_cn = False
    for i, line in enumerate(lines):
        # 「1、」 is a top-level heading only before the first 「一、」-style one (seed 004).
        level = (
            1
            if (CN_L1.match(line) or (MARK_L1.match(line) and not seen_cn))
            else 2
            if MARK_L2.match(line)
            else None
        )
        seen_cn = seen_cn or bool(CN_L1.match(line))
        text = line
        if auto_numbering and level:
            text = (MARK_L1 if level == 1 else MARK_L2).sub("", line, count=1)
        style = "Heading 1" if heading_styles and level == 1 else None
        paragraph = document.add_paragraph(text, style=style)
        if auto_numbering and level:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_numId().val = 90
            num_pr.get_or_add_ilvl().val = level - 1
        if table and i == 6:
            grid = document.add_table(rows=2, cols=2)
            grid.cell(0, 0).text = "一、表格中的编号不是标题"
            grid.cell(1, 1).text = "四、也不是"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def html_page(lines: list[str], title: str | None = None, charset: str = "utf-8") -> str:
    """A government-site page: navigation, breadcrumb, date widget, meta line, article, footer."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    heading = f'<div class="article-title"><h1>{html.escape(title)}</h1></div>' if title else ""
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>某县人民政府门户网站</title>
<style>.nav {{ color: red }}</style><script>var x = "一、不是标题";</script></head>
<body>
<div class="header"><div class="logo">某县人民政府门户网站</div><div class="date">2019年12月3日星期二</div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/fzzf">一、法治政府</a></li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>
<div class="main">
  {heading}
  <div class="info">来源：县司法局 发布时间：2024-03-20 浏览次数：128</div>
  <div class="article-content">
{body}
  </div>
  <div class="share">分享到：微信 微博</div>
</div>
<div class="footer">主办单位：某县人民政府办公室 &nbsp; 网站标识码：5000000001 &copy; 版权所有</div>
</body></html>
"""


def pdf_bytes(lines: list[str], chars_per_line: int = 34, lines_per_page: int = 38) -> bytes:
    """A PDF typeset like a printed report: long paragraphs wrapped at a fixed width,
    spaces around digits as PDF extraction gives them, a page number 「— n —」 on each page."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    page_lines: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        spaced = re.sub(r"(\d+)", r" \1 ", line)
        page_lines.extend(spaced[i : i + chars_per_line] for i in range(0, len(spaced), chars_per_line))
    pages = [page_lines[i : i + lines_per_page] for i in range(0, len(page_lines), lines_per_page)]
    for n, page in enumerate(pages, start=1):
        pdf.setFont("STSong-Light", 12)
        y = 800
        for text in page:
            pdf.drawString(40, y, text)
            y -= 20
        pdf.drawString(280, 30, f"— {n} —")
        pdf.showPage()
    pdf.save()
    return out.getvalue()
