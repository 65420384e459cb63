"""Large and degenerate inputs: no crash, and the fast algorithms agree with plain reference ones.

No timing assertions here (benchmarks/bench.py measures time); the subprocess tests carry a
generous timeout only so that a regression to exponential or quadratic time fails instead of
hanging the suite.
"""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from lint.checklist import load_checklist, load_file
from lint.engine import Options, lint_file
from lint.matcher import _assign
from lint.outline import build_outline, cn_number, cn_numeral
from lint.readers import read_bytes
from lint.terms import Canonical, TermSet, search_form
from tests.conftest import console_script

TITLE = "某镇2023年法治政府建设情况报告\n\n"


def _lint(path: Path, checklist: str = "fazhi-2019"):
    result = lint_file(str(path), Options(load_checklist(checklist)))
    assert result.error is None
    return result


def _rules(result) -> list[tuple[str, int | None, str]]:
    return [(f.rule, f.line, f.message) for f in result.findings]


# --------------------------------------------------------------------------- Chinese numerals


@pytest.mark.parametrize(
    ("value", "numeral"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (101, "一百零一"),
        (110, "一百一十"),
        (999, "九百九十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (5000, "五千"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (101000, "十万一千"),
        (100001000, "一亿零一千"),
    ],
)
def test_cn_numeral(value: int, numeral: str) -> None:
    assert cn_numeral(value) == numeral
    assert cn_number(numeral) == value


def test_cn_numeral_round_trip() -> None:
    assert all(cn_number(cn_numeral(v)) == v for v in range(1, 30000))


# --------------------------------------------------------------------------- many headings


def test_more_than_a_thousand_repeated_top_level_numbers(tmp_path: Path) -> None:
    """1,200 headings all numbered 「一、」: the expected numbers run past 一千 (used to crash)."""
    body = "".join("一、重点工作\n全年推进法治政府建设。\n" for _ in range(1200))
    path = tmp_path / "r.txt"
    path.write_text(TITLE + body, encoding="utf-8")
    messages = [f.message for f in _lint(path).findings if f.rule == "numbering-sequence"]
    assert len(messages) == 1199
    assert any("「一千、」" in m for m in messages)
    assert any("「一千二百、」" in m for m in messages)


def test_five_thousand_headings_at_one_level(tmp_path: Path) -> None:
    body = "".join(f"（{cn_numeral(i % 9 + 1)}）第{i}项工作\n推进依法行政。\n" for i in range(5000))
    path = tmp_path / "r.txt"
    path.write_text(TITLE + "一、主要举措和成效\n" + body, encoding="utf-8")
    result = _lint(path)
    assert len(result.outline.headings) == 5001
    # Every restart of the 1–9 cycle is one break, reported once (the numbers after it follow from it):
    # 4,999 // 9 = 555 of them.
    assert sum(f.rule == "numbering-sequence" for f in result.findings) == 4999 // 9


def test_section_ends_and_body_agree_with_a_plain_scan() -> None:
    rng = random.Random(3)
    lines = ["某镇2023年法治政府建设情况报告", ""]
    markers = [lambda n: f"{cn_numeral(n)}、", lambda n: f"（{cn_numeral(n)}）", lambda n: f"{n}."]
    for _ in range(400):
        level = rng.randrange(3)
        lines.append(markers[level](rng.randint(1, 9)) + "工作")
        lines.extend("推进依法行政。" for _ in range(rng.randrange(3)))
    doc = read_bytes("\n".join(lines).encode(), "r.txt")
    outline = build_outline(doc)
    heads = outline.headings
    heading_lines = {h.index for h in heads}
    for pos, h in enumerate(heads):
        end = next((o.index for o in heads[pos + 1 :] if o.level <= h.level), len(doc.lines))
        assert outline.section_end(h) == end
        expected = [
            ln
            for i, ln in enumerate(doc.lines[h.index + 1 : end], h.index + 1)
            if ln.text and i not in heading_lines and i not in outline.front
        ]
        assert outline.body_between(h.index + 1, end) == expected


# --------------------------------------------------------------------------- long reports and lines


def test_many_lines_without_addressee(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(TITLE + "县委、县政府\n" + "推进工作。\n" * 40000, encoding="utf-8")
    findings = [f for f in _lint(path).findings if f.rule == "addressee"]
    assert [(f.line, f.message) for f in findings] == [
        (3, "主送机关「县委、县政府」应以全角冒号结尾：「县委、县政府：」")
    ]


def test_long_report_gives_the_findings_of_its_parts(tmp_path: Path) -> None:
    """A report made of a seed repeated 30 times reports each term problem 30 times."""
    seed = Path(__file__).resolve().parent.parent / "seeds" / "001_0983a3ac4f1a03f5.txt"
    one, many = tmp_path / "one.txt", tmp_path / "many.txt"
    text = seed.read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    one.write_text(text, encoding="utf-8")
    many.write_text(text + body * 29, encoding="utf-8")
    for rule in ("term-variant", "wording", "outdated-reference"):
        n_one = sum(f.rule == rule for f in _lint(one).findings)
        n_many = sum(f.rule == rule for f in _lint(many).findings)
        assert n_many == 30 * n_one


def test_one_line_of_ten_megabytes(tmp_path: Path) -> None:
    """Just under the input limit, in one line: correct phrases everywhere, a garbled one now and then."""
    path = tmp_path / "r.txt"
    unit = "全面推进法治政府建设，落实重大行政决策程序；"
    garbled = "全面推进法政府治建设，落实重大行政决策程序；"
    text = "".join(garbled if n % 10000 == 5000 else unit for n in range(3_400_000 // len(unit)))
    path.write_text(text, encoding="utf-8")
    assert 10_000_000 < path.stat().st_size <= 10 * 1024 * 1024  # just under the input limit
    near = [f for f in _lint(path).findings if f.rule == "term-variant"]
    assert len(near) == text.count(garbled) == 15
    assert {f.message for f in near} == {"「法政府治建设」应为规范表述「法治政府建设」"}
    assert [f.column for f in near] == [m * len(unit) + 5 for m in range(5000, len(text) // len(unit), 10000)]


# --------------------------------------------------------------------------- near misses


def _reference_near_misses(terms: TermSet, text: str) -> list[tuple[int, int, str]]:
    """The original quadratic search: every anchor-derived window, checked one by one."""
    form = search_form(text)
    taken = [(h.start, h.end) for h in terms.exact(text)]
    hits = []
    for canon in terms.canonical:
        phrase = search_form(canon.phrase)
        n = len(phrase)
        if not canon.near_miss or n < 4:
            continue
        k = max(1, (n - 2) // 2)
        starts: set[int] = set()
        for anchor, offset in ((phrase[:k], 0), (phrase[-k:], n - k)):
            at = form.find(anchor)
            while at >= 0:
                starts.update(range(at - offset - 1, at - offset + 2))
                at = form.find(anchor, at + 1)
        for s in sorted(starts):
            for e in (s + n, s + n - 1, s + n + 1):
                if s < 0 or e > len(form):
                    continue
                window = form[s:e]
                if not all("\u3400" <= ch <= "\u9fff" for ch in window) or window == phrase:
                    continue
                one_edit = Levenshtein.distance(window, phrase) <= 1 or (
                    len(window) == n
                    and sorted(window) == sorted(phrase)
                    and any(
                        window[:j] + window[j + 1 :] == phrase[:i] + phrase[i + 1 :]
                        for i in range(n)
                        for j in range(n)
                        if window[j] == phrase[i]
                    )
                )
                if one_edit and not any(s < te and ts < e for ts, te in taken):
                    hits.append((s, e, canon.phrase))
                    taken.append((s, e))
    return hits


def _garble(rng: random.Random, phrase: str) -> str:
    chars = list(phrase)
    op = rng.randrange(5)
    i = rng.randrange(len(chars))
    if op == 0:
        chars[i] = rng.choice("政治法建设府务")
    elif op == 1 and i + 1 < len(chars):
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    elif op == 2:
        del chars[i]
    elif op == 3:
        chars.insert(i, rng.choice("的和了"))
    else:
        chars.insert(rng.randrange(len(chars)), chars.pop(i))
    return "".join(chars)


def test_near_misses_agree_with_the_reference_search() -> None:
    terms = load_checklist("fazhi-2019").terms
    phrases = [c.phrase for c in terms.canonical]
    rng = random.Random(11)
    filler = "推进依法行政工作，加强建设，法治宣传，重大事项，责任落实。"
    for _ in range(300):
        parts = []
        for _ in range(rng.randrange(1, 12)):
            p = rng.choice(phrases)
            parts.append(rng.choice([p, _garble(rng, p), filler[: rng.randrange(len(filler))]]))
        text = rng.choice(["", "，", "（"]).join(parts)
        got = [(h.start, h.end, h.item.phrase) for h in terms.near_misses(text)]
        assert got == _reference_near_misses(terms, text), text


def test_near_misses_short_phrases_and_short_lines() -> None:
    terms = TermSet("t", canonical=[Canonical("依法行政"), Canonical("行政复议案件")])
    for text in [
        "依法行",
        "法行政",
        "依行法政",
        "依法政行",
        "行政复议案",
        "行复政议案件",
        "依法行政依法政行",
        "",
    ]:
        got = [(h.start, h.end, h.item.phrase) for h in terms.near_misses(text)]
        assert got == _reference_near_misses(terms, text), text


def test_one_long_line_with_many_near_misses(tmp_path: Path) -> None:
    unit = "全面推进法治政府建设，落实重大行政决策程序，"
    line = "".join(
        unit + ("法政府治建设，" if n % 10 == 0 else "") for n in range(3200)
    )  # about 80,000 characters
    path = tmp_path / "r.txt"
    path.write_text(TITLE + line + "\n", encoding="utf-8")
    near = [f for f in _lint(path).findings if f.rule == "term-variant"]
    assert len(near) == 320
    terms = load_checklist("fazhi-2019").terms
    head = line[:8000]
    assert [(h.start, h.end, h.item.phrase) for h in terms.near_misses(head)] == _reference_near_misses(
        terms, head
    )


# --------------------------------------------------------------------------- section assignment


def _best_value(scores: list[list[float]], threshold: float) -> tuple[int, int]:
    """Brute force: the best (total score in tenths, -sum of heading positions) over all matchings."""
    best = (0, 0)
    k = len(scores[0])
    for choice in itertools.product(range(-1, k), repeat=len(scores)):
        used = [j for j in choice if j >= 0]
        if len(used) != len(set(used)) or any(
            j >= 0 and scores[i][j] < threshold for i, j in enumerate(choice)
        ):
            continue
        pairs = [(i, j) for i, j in enumerate(choice) if j >= 0]
        best = max(best, (sum(round(scores[i][j] * 10) for i, j in pairs), -sum(i for i, _ in pairs)))
    return best


def test_assignment_is_optimal() -> None:
    rng = random.Random(5)
    for _ in range(400):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        values = rng.choice([[60, 70, 80, 90, 100], [round(rng.uniform(50, 100), 1) for _ in range(20)]])
        scores = [[rng.choice(values) for _ in range(cols)] for _ in range(rows)]
        pairs = _assign(scores, 70.0)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        assert all(scores[i][j] >= 70.0 for i, j in pairs)
        value = (sum(round(scores[i][j] * 10) for i, j in pairs), -sum(i for i, _ in pairs))
        assert value == _best_value(scores, 70.0)


def _big_checklist(tmp_path: Path, count: int) -> tuple[Path, Path, list[str]]:
    topics = [
        "行政审批",
        "执法监督",
        "复议应诉",
        "普法宣传",
        "政务公开",
        "决策程序",
        "规范性文件",
        "矛盾化解",
        "法律顾问",
        "营商环境",
        "数字政府",
        "基层治理",
        "应急管理",
        "安全生产",
        "生态环境",
        "市场监管",
        "社会救助",
        "教育培训",
        "信访工作",
        "财政预算",
        "审计监督",
        "人大监督",
        "政协监督",
        "群众监督",
        "舆论监督",
        "队伍建设",
        "考核评价",
        "督察整改",
        "统计工作",
        "档案管理",
        "科技支撑",
        "文化建设",
    ][:count]
    sections = "".join(
        f"  - id: s{n}\n    title: {topic}工作情况\n    aliases: [{topic}]\n    keywords: [{topic}]\n"
        for n, topic in enumerate(topics)
    )
    order = ", ".join(f"s{n}" for n in range(count))
    checklist = tmp_path / "big.yaml"
    checklist.write_text(f"id: big\nname: 大清单\nsections:\n{sections}order: [{order}]\n", encoding="utf-8")
    shuffled = list(enumerate(topics))
    random.Random(2).shuffle(shuffled)
    body = "".join(
        f"{cn_numeral(k)}、{topic}工作情况\n开展{topic}。\n" for k, (_, topic) in enumerate(shuffled, 1)
    )
    report = tmp_path / "r.txt"
    report.write_text(TITLE + body, encoding="utf-8")
    return checklist, report, topics


def test_thirty_section_checklist_finishes(tmp_path: Path) -> None:
    checklist, report, topics = _big_checklist(tmp_path, 30)
    assert len(load_file(checklist).sections) == 30
    proc = subprocess.run(
        [*console_script(), "check", "--format", "json", "--checklist", str(checklist), str(report)],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    outline = data["files"][0]["outline"]
    # Every heading is its own section, whatever order the report put them in.
    assert {item["text"]: item["section"] for item in outline} == {
        f"{topic}工作情况": f"s{n}" for n, topic in enumerate(topics)
    }
    assert "section-order" in {f["rule"] for f in data["files"][0]["findings"]}


def test_cold_start_skips_pkg_resources_and_jieba_still_works() -> None:
    code = (
        "import sys\n"
        "from lint.matcher import words\n"
        "assert words('推进法治政府建设') == '推进 法治政府 建设', words('推进法治政府建设')\n"
        "assert 'pkg_resources' not in sys.modules\n"
        "import jieba\n"
        "assert '杭研' in jieba.lcut('他来到了网易杭研大厦')  # the HMM model still loads on first use\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, text=True)
    assert proc.returncode == 0, proc.stderr


def test_benchmark_script_runs_its_in_process_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """benchmarks/bench.py is not run by the tests (it times things); its parts must still work."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks import bench

    paths = bench.make_corpus(tmp_path / "c", 6, seed=3)
    assert len(paths) == 6 and all(p.read_text(encoding="utf-8") for p in paths)
    bench.in_process(tmp_path, 4)
    out = capsys.readouterr().out
    assert "4 reports: best of 3" in out and "reports/s per core" in out
