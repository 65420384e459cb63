"""Properties of ``reportlint fix`` on generated reports (hypothesis).

Each generated report mixes heading markers of every style (some misnumbered), conversion junk,
wrong wordings, a date and a document number to repair, in simplified or traditional script,
in UTF-8 (with or without BOM), GB18030, Big5 or UTF-16, with any line ending.  For every one:
the repairs touch only the lines findings point at, never lose body text, read back in the
same encoding, and a second run changes nothing.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lint.checklist import load_checklist
from lint.engine import Options, lint_file
from lint.fixer import _to_traditional, plan
from lint.normalize import strip_junk
from lint.readers.text import decode

FAZHI = load_checklist("fazhi-2019")
OPTIONS = Options(FAZHI)
_SPLIT = re.compile(r"(\r\n|\r|\n)")

TITLES = ["2023年法治政府建设情况报告", "某县2023年法治政府建设工作报告"]
HEADINGS = [
    "2023年主要举措和成效",
    "存在的不足和原因",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "2024年工作安排",
    "加强组织领导",
    "深化执法改革",
]
#: Sentences no rule rewrites: they must come out of every repair as they went in.
SAFE = [
    "全年召开法治专题会议4次。",
    "主要负责人带头学法，亲自部署重要工作。",
    "执法队伍专业化程度不高，培训不够系统。",
    "继续深化法治政府建设，加强执法培训。",
    "全镇共办理行政复议案件12件。",
]
#: Sentences with a wording a rule replaces: (as written, as repaired).
WRONG = [
    ("严格履行推行法治建设第一责任人职责。", "严格履行推进法治建设第一责任人职责。"),
    ("加大法制宣传力度，营造良好氛围。", "加大法治宣传力度，营造良好氛围。"),
    ("按照厅字[2019]28号文件要求开展工作。", "按照厅字〔2019〕28号文件要求开展工作。"),
]
JUNK = ["??", "/span>", "&nbsp;", "[bookmark: _Toc1]"]
MARKERS = ["{cn}、", "（{cn}）", "({cn})", "{n}.", "{n}、", "（{n}）", "{circled}", "第{cn}部分 "]
CN = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def marker(style: str, number: int) -> str:
    number = max(1, min(number, 10))
    return style.format(cn=CN[number - 1], n=number, circled=CIRCLED[number - 1])


@st.composite
def body_line(draw) -> tuple[str, str, tuple[str, ...]]:
    """(line, kind, what must survive): kind "safe", "wrong" or "junk"."""
    kind = draw(st.sampled_from(["safe", "wrong", "junk"]))
    if kind == "safe":
        text = draw(st.sampled_from(SAFE))
        return text, kind, (text,)
    if kind == "wrong":
        wrong, right = draw(st.sampled_from(WRONG))
        return wrong, kind, (wrong, right)
    text = draw(st.sampled_from(SAFE))
    junk = draw(st.sampled_from(JUNK))
    at = draw(st.integers(0, len(text) - 1))
    line = text[:at] + junk + text[at:]
    return line, kind, (text, line)  # junk a rule does not see as junk (「全/span>年」) is body text


@st.composite
def report(draw):
    lines: list[tuple[str, str, tuple[str, ...]]] = []
    title = draw(st.sampled_from(TITLES))
    if draw(st.booleans()):
        title = marker(draw(st.sampled_from(MARKERS)), 1) + title
    lines += [(title, "title", ()), ("", "blank", ())]
    style = draw(st.sampled_from(MARKERS))
    for i in range(draw(st.integers(1, 4))):
        number = i + 1 + draw(st.sampled_from([0, 0, 0, -1, 1]))
        lines.append((marker(style, number) + draw(st.sampled_from(HEADINGS)), "heading", ()))
        if draw(st.booleans()):
            sub = draw(st.sampled_from(MARKERS))
            for j in range(draw(st.integers(1, 3))):
                number = j + 1 + draw(st.sampled_from([0, 0, 1]))
                lines.append((marker(sub, number) + draw(st.sampled_from(HEADINGS)), "heading", ()))
                lines.append(draw(body_line()))
        lines += [draw(body_line()) for _ in range(draw(st.integers(1, 2)))]
    if draw(st.booleans()):
        lines += [("某镇人民政府", "sign", ()), (draw(st.sampled_from(["2023.12.05", "2023年12月5日"])), "date", ())]
    traditional = draw(st.booleans())
    encoding = draw(
        st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"] + (["big5"] if traditional else []))
    )
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    suffix = draw(st.sampled_from([".txt", ".md"]))
    if traditional:
        lines = [
            (_to_traditional(text), kind, tuple(_to_traditional(k) for k in keep))
            for text, kind, keep in lines
        ]
        # (OpenCC converts a phrase split by junk otherwise: 「复??议」 → 「復??議」, 「复议」 → 「複議」.)
        lines = [(t, k, (strip_junk(t), t) if k == "junk" else keep) for t, k, keep in lines]
    text = newline.join(text for text, _, _ in lines) + newline
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    return data, suffix, lines


def within(part: str, whole: str) -> bool:
    """Whether the characters of ``part`` occur in ``whole`` in the same order."""
    rest = iter(whole)
    return all(ch in rest for ch in part)


def parts(text: str) -> tuple[list[str], list[str]]:
    pieces = _SPLIT.split(text)
    return pieces[0::2], pieces[1::2]


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(report())
def test_fix_properties(case):
    data, suffix, generated = case
    name = f"report{suffix}"
    result = lint_file(name, OPTIONS, data=data)
    assume(result.error is None)  # (a short GB18030 text the reader cannot tell apart: not fix's business)
    outcome = plan(result, data, OPTIONS)
    if not outcome.changed:
        return
    before_text, encoding = decode(data)
    after_text, after_encoding = decode(outcome.data)
    # The output reads back in the same encoding, as the text fix meant to write.
    assert after_encoding == encoding and after_text == outcome.after

    # Only lines that findings point at change; line endings and the number of lines never do.
    reported = {
        fix.lineno for f in result.findings if f.fix is not None for fix in (f.fix, *getattr(f, "more_fixes", ()))
    }
    before_lines, before_seps = parts(outcome.before)
    after_lines, after_seps = parts(outcome.after)
    assert before_seps == after_seps and len(before_lines) == len(after_lines)
    for lineno, (old, new) in enumerate(zip(before_lines, after_lines, strict=True), start=1):
        assert old == new or lineno in reported

    # Body text is never lost: every character of a sentence is still there, in order (its junk
    # removed, its wording repaired).
    for (_, kind, keep), new in zip(generated, after_lines, strict=False):
        if kind in ("safe", "junk", "wrong"):
            assert any(within(k, new) for k in keep), (keep, new)

    # A second run changes nothing.
    again = plan(lint_file(name, OPTIONS, data=outcome.data), outcome.data, OPTIONS)
    assert not again.changed, again.diff()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]<>/&;?(),.:abkmnprsxzāéìǒù 一二法治", max_size=40))
def test_strip_junk_skips_only_patterns_that_cannot_match(text):
    """strip_junk tries a kind of junk only when its first character is in the line: same result as all."""
    from lint.normalize import _JUNK, _PIPE_ONLY, BLANKS

    body = text.lstrip(BLANKS)
    expected = "" if _PIPE_ONLY.match(body.strip(BLANKS)) else text[: len(text) - len(body)] + _sub_all(body, _JUNK)
    assert strip_junk(text) == expected


def _sub_all(body, kinds):
    for _, pattern in kinds:
        body = pattern.sub("", body)
    return body
