"""Document.snippet: the quoted place a drafter can find with Ctrl+F (formatters call it)."""

from __future__ import annotations

from lint.readers import read_bytes
from tests.conftest import seed
from tests.fixtures import docx_bytes


def test_snippet_of_a_paragraph_and_of_the_offending_text():
    lines = seed("002").read_text(encoding="utf-8").split("\n")
    doc = read_bytes(docx_bytes(lines, table=False), "r.docx")
    heading = next(ln for ln in doc.lines if ln.text.startswith("一、"))
    assert doc.snippet(heading.lineno) == "「一、2023年主要举措和成效」"
    body = next(ln for ln in doc.lines if "法政府治建设" in ln.raw)
    assert doc.snippet(body.lineno) == "「2023年，仲山镇在县委、县政府…」"
    column = body.raw.index("法政府治建设") + 1
    assert doc.snippet(body.lineno, column, width=6) == "「法政府治建设…」"
    assert doc.snippet(body.lineno, column, width=4) == "「法政府治…」"


def test_snippet_keeps_the_file_text_and_is_empty_where_there_is_none():
    doc = read_bytes("　　标题\n\n正文鎮(zhèn)里\n".encode(), "r.txt")
    assert doc.snippet(1) == "「标题」"
    assert doc.snippet(2) == ""
    assert doc.snippet(3) == "「正文鎮(zhèn)里」"  # as written in the file, junk and script included
    assert doc.snippet(99) == ""
