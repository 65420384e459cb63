"""``fix`` for .docx (lint/docx_fix.py): the text repairs of fix, made inside the runs."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from lint import fixer
from lint.checklist import load_checklist
from lint.docx_fix import plan
from lint.engine import Options, lint_file
from lint.fixer import FixError
from lint.rules.examples import GOOD
from lint.wordml import replace_text
from tests.conftest import seed
from tests.docx_parts import W, members, paragraphs, part, rich_docx, text_rules
from tests.fixtures import docx_bytes

OPTIONS = Options(load_checklist("fazhi-2019"), select=frozenset(text_rules()))
SEEDS = ["000", "001", "002", "003", "004"]


def lint(data: bytes, name: str = "r.docx"):
    return lint_file(name, OPTIONS, data=data)


def seed_lines(prefix: str) -> list[str]:
    return seed(prefix).read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("prefix", SEEDS)
def test_docx_gets_the_same_repairs_as_the_text_file(prefix):
    text_data = seed(prefix).read_bytes()
    text_outcome = fixer.plan(lint_file(str(seed(prefix)), OPTIONS, data=text_data), text_data)
    data = docx_bytes(seed_lines(prefix), table=False)
    outcome = plan(lint(data), data)
    assert outcome.changed and outcome.applied == text_outcome.applied and not outcome.skipped
    # Paragraph by paragraph, the repaired .docx says what the repaired text file says.
    assert outcome.after.split("\n")[:-1] == text_outcome.after.split("\n")
    repaired = [
        "".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs(outcome.data)
    ]
    assert repaired == text_outcome.after.split("\n")


@pytest.mark.parametrize("prefix", SEEDS)
def test_untouched_paragraphs_and_other_parts_are_byte_identical(prefix):
    data = docx_bytes(seed_lines(prefix))
    outcome = plan(lint(data), data)
    before, after = paragraphs(data), paragraphs(outcome.data)
    assert len(before) == len(after)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if etree.tostring(a) != etree.tostring(b)]
    texts = [("".join(t.text or "" for t in p.iter(f"{W}t"))) for p in before]
    new_texts = [("".join(t.text or "" for t in p.iter(f"{W}t"))) for p in after]
    # Exactly the paragraphs whose text was repaired differ.
    assert changed == [i for i in range(len(texts)) if texts[i] != new_texts[i]]
    assert changed  # every seed has something to repair
    old_parts, new_parts = members(data), members(outcome.data)
    assert list(old_parts) == list(new_parts)
    for name in old_parts:
        if name != "word/document.xml":
            assert old_parts[name] == new_parts[name], name
    # The document part keeps its XML declaration byte for byte.
    assert part(outcome.data).split(b"\n", 1)[0] == part(data).split(b"\n", 1)[0]


def test_repaired_docx_no_longer_has_the_findings():
    data = docx_bytes(seed_lines("002"))
    before = lint(data).findings
    repaired = {"term-variant", "wording"}
    assert repaired <= {f.rule for f in before}
    after = lint(plan(lint(data), data).data).findings
    # What fix repairs is gone; what needs a writer is still reported.
    assert [(f.rule, f.line) for f in after] == [(f.rule, f.line) for f in before if f.rule not in repaired]


def _reviewed_docx() -> bytes:
    """GOOD with a term split over two formatted runs, a tracked insertion and deletion and two comments."""
    import docx

    lines = GOOD.replace("继续深化法治政府建设", "继续深化法政府治建设").rstrip("\n").split("\n")
    data = rich_docx(lines, split={"法政府治建设": 2})
    document = docx.Document(io.BytesIO(data))
    target = next(p for p in document.paragraphs if "法政府治建设" in p.text)
    target._p.append(
        etree.fromstring(
            f'<w:ins xmlns:w="{W[1:-1]}" w:id="901" w:author="张三" w:date="2024-01-05T10:00:00Z">'
            "<w:r><w:t>（新增内容）</w:t></w:r></w:ins>"
        )
    )
    target._p.append(
        etree.fromstring(
            f'<w:del xmlns:w="{W[1:-1]}" w:id="902" w:author="张三" w:date="2024-01-05T10:00:00Z">'
            "<w:r><w:delText>删去的话</w:delText></w:r></w:del>"
        )
    )
    document.add_comment(target.runs, "请核对表述", "张三", "ZS")
    other = next(p for p in document.paragraphs if p.text.startswith("一是"))
    document.add_comment(other.runs, "补充数据", "李四", "LS")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_formatting_tracked_changes_and_comments_are_kept():
    data = _reviewed_docx()
    result = lint(data)
    assert [f.rule for f in result.findings] == ["term-variant"]
    outcome = plan(result, data)
    assert outcome.applied == {"term-variant": 1}
    (p_before,) = [p for p in paragraphs(data) if p.find(f"{W}ins") is not None]
    (p_after,) = [p for p in paragraphs(outcome.data) if p.find(f"{W}ins") is not None]
    runs_before = p_before.findall(f"{W}r")
    runs_after = p_after.findall(f"{W}r")
    # Same runs with the same properties; only the text moved: 「治」 went in after 「法」 in the first
    # (bold) run and left the second (red 楷体) run, whose other characters kept their formatting.
    assert [etree.tostring(r.find(f"{W}rPr")) for r in runs_before if r.find(f"{W}rPr") is not None] == [
        etree.tostring(r.find(f"{W}rPr")) for r in runs_after if r.find(f"{W}rPr") is not None
    ]
    texts = ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in runs_after]
    assert texts[:2] == ["继续深化法治政", "府建设，加强执法培训。"]
    assert runs_after[0].find(f"{W}rPr/{W}b") is not None
    # Tracked changes and comment anchors are still there, unchanged.
    for tag in ("ins", "del", "commentRangeStart", "commentRangeEnd"):
        assert [etree.tostring(e) for e in p_before.iter(f"{W}{tag}")] == [
            etree.tostring(e) for e in p_after.iter(f"{W}{tag}")
        ], tag
    assert part(data, "word/comments.xml") == part(outcome.data, "word/comments.xml")
    assert lint(outcome.data).findings == []


def test_diff_shows_the_text_changes():
    data = docx_bytes(seed_lines("002"))
    diff = plan(lint(data, "报告.docx"), data).diff()
    assert diff.startswith("--- a/报告.docx\n+++ b/报告.docx\n")
    assert "-" in diff and "+" in diff
    removed = [ln for ln in diff.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    added = [ln for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert len(removed) == len(added) == 1
    assert "法政府治建设" in removed[0] and "汇报如下" in removed[0]
    assert "法治政府建设的重大决策部署" in added[0] and "报告如下" in added[0]


def test_nothing_to_repair_gives_no_data():
    data = docx_bytes(GOOD.rstrip("\n").split("\n"))
    outcome = plan(lint(data), data)
    assert not outcome.changed and outcome.diff() == ""


def test_a_repair_across_a_tab_is_not_made():
    p = etree.fromstring(
        f'<w:p xmlns:w="{W[1:-1]}"><w:r><w:t>汇报</w:t><w:tab/><w:t>如下</w:t></w:r></w:p>'
    )
    before = etree.tostring(p)
    assert replace_text(p, 1, 4, "X") is False
    assert etree.tostring(p) == before
    assert replace_text(p, 0, 2, "报告") is True
    assert "".join(t.text for t in p.iter(f"{W}t")) == "报告如下"


def test_other_formats_are_refused():
    data = seed("002").read_bytes()
    with pytest.raises(FixError):
        plan(lint_file("r.txt", OPTIONS, data=data), data)


def _odd_docx() -> bytes:
    """A term split across a run and a hyperlink, a tab and a page break in a paragraph, junk in a content control."""
    import docx

    ns = f'xmlns:w="{W[1:-1]}"'
    document = docx.Document()
    for line in GOOD.replace("继续深化法治政府建设", "继续深化法政府治建设").rstrip("\n").split("\n"):
        p = document.add_paragraph()
        if "法政府治" in line:
            head, tail = line.split("法政府治", 1)
            p.add_run(head + "法政")
            p._p.append(etree.fromstring(f'<w:hyperlink {ns} w:anchor="x"><w:r><w:t>府治</w:t></w:r></w:hyperlink>'))
            p.add_run(tail)
        elif line.startswith("一是"):
            p.add_run(line[:5])
            p._p.append(etree.fromstring(f'<w:r {ns}><w:tab/><w:br w:type="page"/></w:r>'))
            p.add_run(line[5:] + "截止目前")
        else:
            p.add_run(line)
    sdt = etree.fromstring(
        f"<w:sdt {ns}><w:sdtContent><w:p><w:r><w:t>附：[bookmark: _GoBack]说明</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    document.element.body.insert(len(document.element.body) - 1, sdt)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_hyperlinks_tabs_breaks_and_content_controls():
    data = _odd_docx()
    result = lint(data)
    assert sorted(f.rule for f in result.findings) == ["conversion-artifact", "term-variant", "wording"]
    outcome = plan(result, data)
    assert outcome.applied == {"term-variant": 1, "wording": 1, "conversion-artifact": 1} and not outcome.skipped
    assert "-一是执法队\t伍" in outcome.diff() and "截至目前" in outcome.diff()
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs(outcome.data)]
    assert "继续深化法治政府建设，加强执法培训。" in texts and "附：说明" in texts
    (link,) = [h for p in paragraphs(outcome.data) for h in p.iter(f"{W}hyperlink")]
    assert link.get(f"{W}anchor") == "x"  # the hyperlink is still there
    assert lint(outcome.data).findings == []


def _respell(data: bytes) -> bytes:
    """The same package with document.xml spelt as other writers spell it (「<w:r >」, 「<w:rPr></w:rPr>」)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "word/document.xml":
                body = body.replace(b"<w:r>", b"<w:r ><w:rPr></w:rPr>")
            zout.writestr(info, body)
    return out.getvalue()


def test_untouched_paragraphs_keep_their_bytes_as_the_file_spells_them():
    from lint.docx_fix import _p_spans

    data = _respell(docx_bytes(seed_lines("002")))
    old = part(data)
    assert b"<w:r ><w:rPr></w:rPr>" in old
    outcome = plan(lint(data), data)
    new = part(outcome.data)
    old_spans, new_spans = _p_spans(old), _p_spans(new)
    assert len(old_spans) == len(new_spans)
    same = [old[a:b] == new[c:d] for (a, b), (c, d) in zip(old_spans, new_spans, strict=True)]
    assert same.count(False) == 1  # the one paragraph repaired
    assert old[: old_spans[0][0]] == new[: new_spans[0][0]] and old[old_spans[-1][1] :] == new[new_spans[-1][1] :]
    assert [f.rule for f in lint(outcome.data).findings if f.rule in ("term-variant", "wording")] == []
