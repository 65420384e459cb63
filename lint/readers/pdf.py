"""PDF reader: text per page, re-joined into paragraphs.

PDF text comes back line by line as printed: paragraphs are broken at every
line, spaces are inserted between Chinese and digits (「报送 2020 年度」), and
page numbers (「— 3 —」) and running headers repeat on every page.  This reader
drops those, re-joins the printed lines into paragraphs, and keeps for each
paragraph the page and the line on the page where it starts.  A PDF without a
text layer (a scan) is an error, not an empty pass.
"""

from __future__ import annotations

import re
from collections import Counter

from lint.document import Document, Line
from lint.normalize import clean_line, finish_lines
from lint.outline import is_table_row, starts_with_ordinal
from lint.readers import ReadError

MAX_PAGES = 500
_PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–－\s]*$"
)
_HAN = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]"
_SPACE_BETWEEN = re.compile(rf"(?<={_HAN})[ \t]+(?=[0-9A-Za-z{_HAN[1:-1]}])|(?<=[0-9A-Za-z])[ \t]+(?={_HAN})")
# The rest of a figure broken across printed lines: 「…电话：0875-28900」/「36，邮箱…」.
_FIGURE_REST = re.compile(r"^\d+\s*[,，]")
_SENTENCE_END = ("。", "！", "？", "：", "；", "!", "?", ":", ";", "”")


def _tidy(line: str) -> str:
    """Drop the spaces PDF extraction puts between Chinese and digits or Latin letters."""
    return _SPACE_BETWEEN.sub("", line.strip())


def _extract_pages(data: bytes) -> list[list[str]]:
    """The printed lines of each page, extracted with PDFium (pypdfium2)."""
    import pypdfium2 as pdfium  # lazy: only PDFs pay for it
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError("encrypted PDF (remove the password first)", "PDF 已加密（请先去除密码）") from None
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ReadError(f"corrupt PDF: {reason}", f"PDF 文件已损坏：{reason}") from None
    try:
        if pdfium_c.FPDF_GetSecurityHandlerRevision(pdf) != -1:
            raise ReadError("encrypted PDF (remove the password first)", "PDF 已加密（请先去除密码）")
        if len(pdf) > MAX_PAGES:
            raise ReadError(
                f"too many pages ({len(pdf)}; limit {MAX_PAGES})",
                f"页数过多（{len(pdf)}，上限 {MAX_PAGES}）",
            )
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().splitlines())
            textpage.close()
            page.close()
        return pages
    except ReadError:
        raise
    except Exception as exc:  # PDFium reports a damaged page in several ways
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ReadError(f"corrupt PDF: {reason}", f"PDF 文件已损坏：{reason}") from None
    finally:
        pdf.close()


def read(data: bytes, name: str) -> Document:
    if not data.startswith(b"%PDF"):
        raise ReadError("not a PDF file", "不是 PDF 文件")
    pages = _extract_pages(data)
    if not any(line.strip() for page in pages for line in page):
        raise ReadError(
            "PDF has no text layer (a scan?); run OCR first", "PDF 没有文字层（扫描件？），请先做文字识别"
        )

    # Running headers/footers: the same first or last line on most pages.
    edges: Counter[str] = Counter()
    for page in pages:
        content = [ln.strip() for ln in page if ln.strip()]
        if content:
            edges.update({re.sub(r"\d+", "#", content[0]), re.sub(r"\d+", "#", content[-1])})
    running = {text for text, n in edges.items() if len(pages) >= 3 and n >= 0.6 * len(pages)}

    printed: list[tuple[int, int, str]] = []  # (page, line on page, text)
    for page_no, page in enumerate(pages, start=1):
        for line_no, raw in enumerate(page, start=1):
            text = _tidy(raw)
            if not text or _PAGE_NUMBER.match(text) or re.sub(r"\d+", "#", raw.strip()) in running:
                continue
            printed.append((page_no, line_no, text))

    # A typical full printed line, among the longer lines (short table cells do not count).
    longest = max((len(t) for _, _, t in printed), default=0)
    widths = sorted(n for _, _, t in printed if (n := len(t)) >= longest / 2)
    full = widths[int(len(widths) * 0.8)] if widths else 0
    # Re-join printed lines: a line continues the paragraph when the previous one was
    # printed full width and did not end a sentence, and it does not start with a heading
    # ordinal (「三、」, even alone); a table cell or row is never continued.
    paragraphs: list[list] = []  # [page, line on page, text, length of its last printed line]
    for page_no, line_no, text in printed:
        if paragraphs:
            prev = paragraphs[-1]
            if (
                not prev[2].endswith(_SENTENCE_END)
                and (prev[3] >= full - 2 or _FIGURE_REST.match(text))
                and not starts_with_ordinal(text)
                and not is_table_row(prev[2])
                and not is_table_row(text)
            ):
                prev[2] += text
                prev[3] = len(text)
                continue
        paragraphs.append([page_no, line_no, text, len(text)])

    lines: list[Line] = []
    texts: list[str] = []
    for n, (page_no, line_no, text, _) in enumerate(paragraphs, start=1):
        cleaned, artifacts, _ = clean_line(text)
        lines.append(Line(n, 1, text, cleaned, page=page_no, page_line=line_no, artifacts=artifacts))
        texts.append(cleaned)
    traditional = finish_lines(lines, texts)
    return Document(name, "pdf", lines, encoding=None, traditional=traditional, location_unit="page")
