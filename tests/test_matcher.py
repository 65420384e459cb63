"""Heading ↔ section matching on genre wordings (not on the seeds' exact headings)."""

from __future__ import annotations

import pytest

from lint.checklist import load_checklist
from lint.matcher import core_normalize, score_heading

CHECKLIST = load_checklist("fazhi-2019")

VARIANTS = [
    ("2023年法治政府建设工作情况", "measures"),
    ("本年度推进法治政府建设主要举措及成效", "measures"),
    ("主要做法和成效", "measures"),
    ("存在的不足和原因", "shortcomings"),
    ("存在的问题及原因", "shortcomings"),
    ("问题和不足", "shortcomings"),
    ("存在的主要问题", "shortcomings"),
    ("原因和问题", "shortcomings"),
    ("2023年党政主要负责人履行推进法治建设第一责任人职责情况", "duty"),
    ("党政主要负责人履行法治建设第一责任人职责，加强法治政府建设的有关情况", "duty"),
    ("下一步打算", "plans"),
    ("下一步工作计划", "plans"),
    ("2025年工作安排", "plans"),
    ("下一年度推进法治政府建设的主要安排", "plans"),
    ("改进措施", "plans"),
    ("其他需要报告的情况", "other"),
]


@pytest.mark.parametrize(("heading", "section"), VARIANTS)
def test_genre_variants_map_to_their_section(heading, section):
    scores = {s.id: score_heading(heading, s)[0] for s in CHECKLIST.ordered()}
    best = max(scores, key=scores.get)
    assert best == section, scores
    assert scores[section] >= CHECKLIST.threshold
    others = [v for k, v in scores.items() if k != section]
    assert max(others) < CHECKLIST.threshold, scores


@pytest.mark.parametrize(
    "heading", ["坚持党的领导，统筹推进法治政府建设", "严格规范公正文明执法", "附件目录"]
)
def test_unrelated_headings_stay_below_threshold(heading):
    assert all(score_heading(heading, s)[0] < CHECKLIST.threshold for s in CHECKLIST.ordered())


def test_normalisation_strips_years_marker_filler_and_width():
    assert core_normalize("2023年度推进法治政府建设存在的不足和原因") == "存在不足和原因"
    assert core_normalize("下一年度的主要安排") == "主要安排"
    assert core_normalize("存在的问题（含原因）") == core_normalize("存在的问题(含原因)")


def test_reason_names_the_alias():
    score, reason = score_heading("下一步打算", CHECKLIST.sections["plans"])
    assert score == 100 and reason.kind == "alias" and reason.detail == "下一步打算"
