"""Evaluator rules on crafted cases: late reports, statistics periods, tables, prose vs table, copied reports.

Each rule fires on the crafted defect and stays silent on the seeds and the clean information-disclosure report.
"""

from __future__ import annotations

import pytest

from lint.checklist import load_checklist
from lint.copied import compare, digest, split_example
from lint.engine import Options, lint_document, lint_file
from lint.readers import read_bytes
from lint.rules import all_rules
from lint.rules.examples import GOOD
from tests.conftest import ROOT, SEEDS

XXGK = (ROOT / "tests" / "data" / "xxgk_2023.txt").read_text(encoding="utf-8")
EVALUATOR = {"late-report", "statistics-period", "prose-table-mismatch", "copied-report", "negative-count"}


def lint(text: str, checklist: str = "fazhi-2019", lang: str = "zh", name: str = "r.txt"):
    return lint_document(read_bytes(text.encode("utf-8"), name), Options(load_checklist(checklist), lang))


def found(text: str, rule: str, **kw):
    return [f for f in lint(text, **kw).findings if f.rule == rule]


# --------------------------------------------------------------------------- late-report


def test_late_fazhi_report():
    (f,) = found(GOOD + "\n某镇人民政府\n2024年5月6日\n", "late-report")
    assert f.severity == "warning" and f.line == 13
    assert "2024年5月6日" in f.message and "4月1日之前" in f.message and "逾期36天" in f.message


@pytest.mark.parametrize("date", ["2024年3月31日", "2024年1月5日", "2023年12月20日", "二〇二四年三月二日"])
def test_fazhi_report_on_time(date):
    assert not found(GOOD + f"\n某镇人民政府\n{date}\n", "late-report")


def test_chinese_numeral_date_late():
    (f,) = found(GOOD + "\n某镇人民政府\n二〇二四年四月八日\n", "late-report")
    assert "逾期8天" in f.message


def test_no_date_is_silent():
    assert not found(GOOD, "late-report")


def test_published_date_label():
    text = "发布时间：2024-06-03\n" + GOOD
    (f,) = found(text, "late-report")
    assert "发布日期" in f.message


def _page(info: str = "", meta: str = "", related: str = "") -> str:
    """A government site's article page: chrome, a line with the publication date, the report (GOOD)."""
    paragraphs = "".join(f"<p>{line}</p>\n" for line in GOOD.split("\n") if line.strip())
    return (
        f'<html><head><meta charset="utf-8">{meta}<title>报告</title></head><body>\n'
        f'<div class="header">首页 政务公开</div>\n{related}'
        f'<div class="article">\n<div class="info">{info}</div>\n{paragraphs}</div></body></html>'
    )


def test_web_page_publication_date_outside_the_article_text():
    """The reader drops the page's 「发布时间」 with the chrome; late-report still sees it (and its line)."""
    page = _page(info="来源：某镇司法所 发布时间：2024-04-20 10:00 浏览次数：35")
    (f,) = found(page, "late-report", name="r.html")
    assert f.line == 4 and "发布日期2024年4月20日" in f.message and "逾期20天" in f.message
    on_time = _page(info="来源：某镇司法所 发布时间：2024-03-28 10:00")
    assert not found(on_time, "late-report", name="r.html")
    assert "发布时间" not in "".join(ln.text for ln in lint(page, name="r.html").outline.document.lines)


def test_web_page_pubdate_meta_when_the_page_shows_no_date():
    meta = '\n<meta name="PubDate" content="2024-04-15 09:30">'
    (f,) = found(_page(meta=meta), "late-report", name="r.html")
    assert f.line == 2 and "2024年4月15日" in f.message and "逾期15天" in f.message
    # The date the page shows wins over the metadata; a list of other articles' dates far above is not it.
    shown = _page(info="发布时间：2024-03-30", meta=meta)
    assert not found(shown, "late-report", name="r.html")
    related = "".join(f'<div class="list"><p>其他文章{i}</p><p>发布时间：2024-06-0{i}</p></div>\n' for i in range(1, 9))
    assert not found(_page(related=related, info="发布时间：2024-03-30"), "late-report", name="r.html")


def test_web_page_publication_date_wins_over_the_document_date_on_one_line():
    """「成文日期：2024-03-25 发布日期：2024-04-20」: publication is what the deadline is about."""
    page = _page(info="成文日期：2024-03-25 发布日期：2024-04-20")
    (f,) = found(page, "late-report", name="r.html")
    assert "2024年4月20日" in f.message and "逾期20天" in f.message
    assert not found(_page(info="成文日期：2024-03-25"), "late-report", name="r.html")


def test_xxgk_department_deadline_is_31_january():
    dept = XXGK.replace("某县人民政府2023年", "某县司法局2023年") + "\n某县司法局\n2024年2月20日\n"
    (f,) = found(dept, "late-report", checklist="xxgk-2021")
    assert "1月31日" in f.message and "逾期20天" in f.message
    gov = XXGK + "\n某县人民政府\n2024年2月20日\n"
    assert not found(gov, "late-report", checklist="xxgk-2021")
    late_gov = XXGK + "\n某县人民政府\n2024年4月2日\n"
    (g,) = found(late_gov, "late-report", checklist="xxgk-2021")
    assert "3月31日" in g.message


def test_late_report_english():
    (f,) = found(GOOD + "\n某镇人民政府\n2024年5月6日\n", "late-report", lang="en")
    assert "2024-05-06" in f.message and "36 days after" in f.message


# --------------------------------------------------------------------------- statistics-period


def test_statistics_period_of_last_year():
    text = XXGK.replace("统计期限自2023年1月1日起至2023年12月31日止", "统计期限自2022年1月1日起至2022年12月31日止")
    (f,) = found(text, "statistics-period", checklist="xxgk-2021")
    assert "2022年" in f.message and "2023年" in f.message and f.line == 3


def test_statistics_period_right_year_is_silent():
    assert not found(XXGK, "statistics-period", checklist="xxgk-2021")


# --------------------------------------------------------------------------- tables


def test_table_three_does_not_add_up_shows_both_sides_and_difference():
    text = XXGK.replace("│四、结转下年度继续办理│1│0│0│0│0│0│1│", "│四、结转下年度继续办理│3│0│0│0│0│0│3│")
    (f,) = found(text, "table-arithmetic", checklist="xxgk-2021")
    assert "本年新收＋上年结转（16）不等于总计＋结转下年度（18），相差2" in f.message


def test_handling_results_must_sum_to_total():
    text = XXGK.replace("│（一）予以公开│8│1│0│0│1│0│10│", "│（一）予以公开│7│1│0│0│1│0│9│")
    (f,) = found(text, "table-arithmetic", checklist="xxgk-2021")
    assert "依申请公开办理结果" in f.message and "（14）不等于总计（15），相差1" in f.message
    assert "第7列等" in f.message  # the 自然人 column and the 总计 column are both off


def test_handling_results_with_sub_items_and_subtotal():
    rows = (
        "│（三）不予公开│1.属于国家秘密│1│0│0│0│0│0│1│\n│（三）不予公开│2.其他法律行政法规禁止公开│0│0│0│0│0│0│0│\n"
        "│小计│1│0│0│0│0│0│1│\n"
    )
    text = XXGK.replace("│（三）不予公开│1│0│0│0│0│0│1│\n", rows)
    assert not found(text, "table-arithmetic", checklist="xxgk-2021")


def test_table_four_every_column_group():
    text = XXGK.replace("│0│0│0│0│0│0│0│0│0│0│", "│0│0│0│0│0│1│0│0│0│0│")
    (f,) = found(text, "table-arithmetic", checklist="xxgk-2021")
    assert "结果维持＋结果纠正＋其他结果＋尚未审结（1）不等于总计（0），相差1（第10列）" in f.message


def test_negative_count():
    text = XXGK.replace("│行政规范性文件│5│1│23│", "│行政规范性文件│5│-1│23│")
    (f,) = found(text, "negative-count", checklist="xxgk-2021")
    assert f.severity == "error" and "-1" in f.message and f.section == "proactive"


# --------------------------------------------------------------------------- prose vs table


def test_prose_contradicts_table():
    text = XXGK.replace("全年共收到政府信息公开申请15件", "全年共收到政府信息公开申请12件")
    (f,) = found(text, "prose-table-mismatch", checklist="xxgk-2021")
    assert "12件" in f.message and "15件" in f.message and "相差3" in f.message


def test_prose_counting_carried_over_requests_is_accepted():
    text = XXGK.replace("全年共收到政府信息公开申请15件", "全年共收到政府信息公开申请16件")
    assert not found(text, "prose-table-mismatch", checklist="xxgk-2021")


def test_prose_review_count_against_table_four():
    text = XXGK.replace("六、其他需要报告的事项\n", "六、其他需要报告的事项\n全年被申请行政复议2件。\n")
    (f,) = found(text, "prose-table-mismatch", checklist="xxgk-2021")
    assert "行政复议" in f.message and "0件" in f.message


def test_prose_without_table_is_silent():
    assert not found(GOOD.replace("全年召开", "全年共收到政府信息公开申请12件，召开"), "prose-table-mismatch")


# --------------------------------------------------------------------------- silent where nothing is wrong


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_silent_on_seeds(path):
    for checklist in ("fazhi-2019", "xxgk-2021"):
        rules = {f.rule for f in lint_file(str(path), Options(load_checklist(checklist))).findings}
        assert not rules & EVALUATOR


def test_clean_xxgk_report_is_silent():
    rules = {f.rule for f in lint(XXGK, checklist="xxgk-2021").findings}
    assert not rules & (EVALUATOR | {"table-arithmetic"})


# --------------------------------------------------------------------------- copied-report


def _pair(text: str, checklist: str = "fazhi-2019", lang: str = "zh"):
    previous, current = split_example(text) if "=====" in text else text
    a = lint(previous, checklist, lang, name="2022.txt")
    b = lint(current, checklist, lang, name="2023.txt")
    return compare(digest(b, lang), digest(a, lang), lang)


def test_copied_report_explain_examples():
    rule = all_rules()["copied-report"]
    assert rule.explain["what_zh"] and rule.basis
    (f,) = _pair(rule.bad)
    assert f.rule == "copied-report" and f.severity == "warning"
    assert "正文的100%与上一年度报告 2022.txt 雷同" in f.message and "4段中4段" in f.message
    assert _pair(rule.good) == []


def test_copied_report_is_silent_per_document():
    rule = all_rules()["copied-report"]
    assert "copied-report" not in {f.rule for f in lint(rule.bad).findings}


def test_nearly_the_same_paragraphs_count():
    previous, current = split_example(all_rules()["copied-report"].bad)
    current = current.replace("高度重视", "十分重视").replace("亲自过问", "亲自过问和研究")
    (f,) = _pair(previous + "=====（以上为上一年度报告 / above: last year's report）=====\n" + current, lang="en")
    assert "100% of the body repeats last year's report" in f.message


def test_identical_statistics_tables():
    last = XXGK.replace("2023", "2022").replace("全年通过", "本年通过")
    this = XXGK.replace("（一）主动公开。全年通过政府门户网站主动公开政府信息1234条。", "（一）主动公开。新建专栏三个。")
    a, b = lint(last, "xxgk-2021", name="a.txt"), lint(this, "xxgk-2021", name="b.txt")
    messages = [f.message for f in compare(digest(b), digest(a))]
    assert any("统计表数据与上一年度报告 a.txt 完全相同" in m for m in messages)
    changed = this.replace("│行政许可│856│", "│行政许可│901│")
    c = lint(changed, "xxgk-2021", name="c.txt")
    assert not any("统计表" in f.message for f in compare(digest(c), digest(a)))


def test_check_with_previous(run_json, tmp_path):
    previous, current = split_example(all_rules()["copied-report"].bad)
    (tmp_path / "last.txt").write_text(previous, encoding="utf-8")
    (tmp_path / "this.txt").write_text(current, encoding="utf-8")
    code, data = run_json(tmp_path / "this.txt", "--previous", tmp_path / "last.txt")
    (f,) = [f for f in data["files"][0]["findings"] if f["rule"] == "copied-report"]
    assert f["line"] == 4 and "100%" in f["message"]
    _, data = run_json(tmp_path / "this.txt", "--previous", tmp_path / "last.txt", "--ignore", "copied-report")
    assert not [f for f in data["files"][0]["findings"] if f["rule"] == "copied-report"]
    code, _ = run_json(tmp_path / "this.txt")
    assert code == 0


def test_check_with_unreadable_previous(run, tmp_path):
    result = run("check", GOOD_PATH(tmp_path), "--previous", tmp_path / "nope.txt")
    assert result.exit_code == 2 and "nope.txt" in result.output


def GOOD_PATH(tmp_path):  # noqa: N802 - reads like the constant it writes
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "sentence",
    ["较上年收到政府信息公开申请12件增长25%", "2022年收到政府信息公开申请12件", "同比去年收到申请12件有所增加"],
)
def test_prose_about_another_period_is_silent(sentence):
    text = XXGK.replace("均在法定期限内答复。", f"均在法定期限内答复，{sentence}。")
    assert not found(text, "prose-table-mismatch", checklist="xxgk-2021")


def test_prose_naming_the_report_year_is_compared():
    text = XXGK.replace("全年共收到政府信息公开申请15件", "2023年共收到政府信息公开申请12件")
    assert found(text, "prose-table-mismatch", checklist="xxgk-2021")
