"""PDF text extraction (PDFium through pypdfium2): protected and damaged files are clear errors."""

from __future__ import annotations

import io

import pytest

from lint.readers import ReadError, read_bytes
from tests.fixtures import pdf_bytes


def _encrypted(user: str) -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption(user, ownerPassword="owner"))
    pdf.drawString(40, 800, "2023")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.mark.parametrize("user", ["secret", ""])
def test_encrypted_pdf_is_refused(user: str) -> None:
    with pytest.raises(ReadError) as err:
        read_bytes(_encrypted(user), "r.pdf")
    assert err.value.render("en") == "encrypted PDF (remove the password first)"
    assert err.value.render("zh") == "PDF 已加密（请先去除密码）"


def test_truncated_pdf_is_corrupt() -> None:
    data = pdf_bytes(["一、测试", "全年推进法治政府建设。"])
    with pytest.raises(ReadError) as err:
        read_bytes(data[: len(data) // 2], "r.pdf")
    assert err.value.render("en").startswith("corrupt PDF: ")


def test_paragraphs_and_pages() -> None:
    lines = [
        "某镇2023年法治政府建设情况报告",
        "一、主要举措",
        "全年推进法治政府建设，" * 12,
        "二、存在的不足",
    ]
    doc = read_bytes(pdf_bytes(lines, lines_per_page=4), "r.pdf")
    assert [ln.text for ln in doc.lines] == [lines[0], lines[1], lines[2], lines[3]]
    assert [(ln.page, ln.page_line) for ln in doc.lines] == [(1, 1), (1, 2), (1, 3), (2, 3)]
