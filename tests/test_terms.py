"""Terminology and year-consistency rules: precision on the seeds, recall on generated near misses."""

from __future__ import annotations

import json
import shutil

import pytest

from lint.checklist import ChecklistError, load_checklist, load_file
from lint.rules.examples import GOOD
from tests.conftest import seed
from tests.test_rules import lint_text
from tests.test_seeds import lint_seed

TERM_RULES = {"term-variant", "outdated-reference", "year-mismatch", "wording"}
CHECKLIST = load_checklist("fazhi-2019")


def term_findings(prefix: str):
    return [(f.rule, f.message) for f in lint_seed(prefix).findings if f.rule in TERM_RULES]


def test_seed_002_has_exactly_one_term_variant():
    variants = [m for r, m in term_findings("002") if r == "term-variant"]
    assert variants == ["「法政府治建设」应为规范表述「法治政府建设」"]


def test_seed_004_cites_the_replaced_petition_regulation():
    outdated = [m for r, m in term_findings("004") if r == "outdated-reference"]
    assert len(outdated) == 1 and "《信访条例》" in outdated[0] and "2024" in outdated[0]
    assert not [m for r, m in term_findings("004") if "青海省信访条例" in m]


@pytest.mark.parametrize(("prefix", "phrase"), [("000", "法制化"), ("001", "法制宣传"), ("003", "法制建设")])
def test_wording_where_fazhi_is_meant(prefix, phrase):
    assert any(r == "wording" and f"「{phrase}」应为" in m for r, m in term_findings(prefix))


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_xuefa_zhidu_stays_silent(prefix):
    # 「学法用法考法制度」「学法制度」「学法用法制度」 are 学法 + 制度, not 法制.
    assert not [m for r, m in term_findings(prefix) if r == "wording" and "法制" in m]


def test_only_the_expected_term_variants_on_the_seeds():
    found = {
        p: [m for r, m in term_findings(p) if r == "term-variant"]
        for p in ("000", "001", "002", "003", "004")
    }
    assert found["000"] == found["003"] == found["004"] == []
    # Seed 001 garbles the mandated 「推进法治建设第一责任人」 as 「推行…」 (a known variant).
    assert found["001"] == ["「推行法治建设第一责任人」应为规范表述「推进法治建设第一责任人」"]


def test_no_year_mismatch_on_seeds():
    for p in ("000", "001", "002", "003", "004"):
        assert not [m for r, m in term_findings(p) if r == "year-mismatch"]


# --------------------------------------------------------------------------- near misses


def variants_of(phrase: str) -> dict[str, str]:
    mid = len(phrase) // 2
    moved = phrase[:1] + phrase[2 : mid + 1] + phrase[1] + phrase[mid + 1 :]
    return {
        "swapped": phrase[:mid] + "甲" + phrase[mid + 1 :],
        "transposed": phrase[: mid - 1] + phrase[mid] + phrase[mid - 1] + phrase[mid + 1 :],
        "moved": moved,
        "dropped": phrase[:mid] + phrase[mid + 1 :],
        "added": phrase[:mid] + "乙" + phrase[mid:],
    }


NEAR = [
    (c.phrase, kind, variant)
    for c in CHECKLIST.terms.canonical
    if c.near_miss and len(c.phrase) >= 4
    for kind, variant in variants_of(c.phrase).items()
    if variant != c.phrase
]


@pytest.mark.parametrize(("phrase", "kind", "variant"), NEAR)
def test_near_misses_are_caught(phrase, kind, variant):
    text = GOOD.replace("全年召开", f"坚持{variant}，全年召开")
    hits = [f for f in lint_text(text) if f.rule == "term-variant"]
    assert len(hits) == 1 and f"应为规范表述「{phrase}」" in hits[0].message, (kind, variant, hits)
    assert hits[0].fix.new == phrase


@pytest.mark.parametrize("phrase", [c.phrase for c in CHECKLIST.terms.canonical])
def test_canonical_phrase_is_not_flagged(phrase):
    text = GOOD.replace("全年召开", f"坚持{phrase}，全年召开")
    assert not {f.rule for f in lint_text(text)} & TERM_RULES


CORRECT_2024 = (
    "2024年法治政府建设情况报告\n\n"
    "2024年，我镇坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大和二十届三中全会精神，"
    "深入学习贯彻习近平法治思想，贯彻中央全面依法治国工作会议精神，落实《法治政府建设实施纲要（2021—2025年）》，"
    "党政主要负责人履行推进法治建设第一责任人职责。截至目前，开展“八五”普法活动12次，严格落实《信访工作条例》"
    "和《辽宁省信访条例》，坚持法制审核，推进科学化、民主化、法治化，完善学法制度和考法制度，"
    "加快建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治政府。\n"
)


def test_no_rule_flags_correct_canonical_wording():
    text = CORRECT_2024 + GOOD.split("\n", 2)[2].replace("2023年", "2024年").replace(
        "2024年工作安排", "2025年工作安排"
    )
    assert not {f.rule for f in lint_text(text)} & TERM_RULES


@pytest.mark.parametrize(
    ("year", "sentence", "expected"),
    [
        (2019, "深入学习习近平法治思想", "2020年起才有"),
        (2021, "深入开展七五普法", "适用至2020年度"),
        (2022, "落实《法治政府建设实施纲要(2015-2020年)》", "适用至2020年度"),
        (2023, "建设廉洁高效、守法诚信的法治政府", "适用至2020年度"),
        (2024, "学习二十届四中全会精神", "2025年起才有"),
        (2022, "落实国务院《信访条例》", "适用至2021年度"),
    ],
)
def test_outdated_references(year, sentence, expected):
    text = GOOD.replace("2023年", f"{year}年").replace("全年召开", sentence + "，全年召开")
    hits = [f for f in lint_text(text) if f.rule == "outdated-reference"]
    assert len(hits) == 1 and expected in hits[0].message


def test_year_mismatch_in_review_and_plans_headings():
    text = GOOD.replace("一、2023年主要举措和成效", "一、2022年主要举措和成效").replace(
        "四、2024年工作安排", "四、2023年工作安排"
    )
    hits = [f for f in lint_text(text) if f.rule == "year-mismatch"]
    assert [h.section for h in hits] == ["measures", "plans"]
    assert "应为「2023年」" in hits[0].message and "应为「2024年」" in hits[1].message


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("截止目前，", "「截止目前」应为「截至目前」"),
        ("截止到目前，", "「截止到目前」应为「截至目前」"),
        ("加强法制宣传教育，", "「法制宣传」应为「法治宣传」"),
        ("坚持法制审核，", None),
        ("学习《关于加强法制宣传教育的决议》，", None),
        ("执法制度健全，", None),
    ],
)
def test_wording_cases(sentence, flagged):
    hits = [
        f.message for f in lint_text(GOOD.replace("全年召开", sentence + "全年召开")) if f.rule == "wording"
    ]
    assert hits == ([flagged] if flagged else [])


def test_fix_applies_term_and_wording_replacements(run, tmp_path):
    path = tmp_path / seed("002").name
    shutil.copy(seed("002"), path)
    run("fix", path)
    text = path.read_text(encoding="utf-8")
    assert "法政府治建设" not in text and "关于法治政府建设的重大决策部署" in text
    assert "现将有关情况报告如下：" in text
    data = json.loads(run("check", "--format", "json", path).output)
    assert not {f["rule"] for f in data["files"][0]["findings"]} & {"term-variant", "wording"}


def test_term_file_is_validated_with_lines(tmp_path):
    (tmp_path / "t.yaml").write_text(
        "canonical:\n  - phrase: 法治政府建设\n    variant: [x]\n", encoding="utf-8"
    )
    (tmp_path / "c.yaml").write_text("id: c\nextends: fazhi-2019\nterms: t.yaml\n", encoding="utf-8")
    with pytest.raises(ChecklistError) as info:
        load_file(tmp_path / "c.yaml")
    assert info.value.format_lines() == [
        f"{tmp_path / 't.yaml'}:3: unknown key 'variant' in a 'canonical' entry (did you mean 'variants'?)"
    ]
    (tmp_path / "c.yaml").write_text("id: c\nextends: fazhi-2019\nterms: nope.yaml\n", encoding="utf-8")
    with pytest.raises(ChecklistError, match="'terms' file not found"):
        load_file(tmp_path / "c.yaml")
