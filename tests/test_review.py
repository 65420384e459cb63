"""``reportlint review``: the matrix, the page, the workbook, copied reports, unreadable files, progress."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from lint.progress import track
from tests.conftest import ROOT, SEEDS, seed

XXGK = (ROOT / "tests" / "data" / "xxgk_2023.txt").read_text(encoding="utf-8")


def rows_of(page: str) -> dict[str, str]:
    """Matrix rows of a page by file name (the 3-digit seed prefix, or the file name)."""
    out = {}
    for m in re.finditer(r"<tr class='report'.*?</tr>", page):
        name = re.search(r"<td>([^<]*)</td>", m.group(0)).group(1).rsplit("/", 1)[-1]
        out[name[:3] if name[:3].isdigit() else name] = m.group(0)
    return out


def section_cell(row: str, index: int) -> str:
    """The class of the ``index``-th section cell (after the 9 fixed columns)."""
    cells = re.findall(r"<td class='([^']*)'", row)
    return [c for c in cells if c.startswith("s-")][index]


@pytest.fixture
def seeds_page(run, tmp_path):
    out = tmp_path / "review.html"
    result = run("review", SEEDS, "-o", out)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8"), result


def test_seeds_page_has_one_row_per_report_and_the_verdicts(seeds_page):
    page, result = seeds_page
    rows = rows_of(page)
    assert sorted(rows) == ["000", "001", "002", "003", "004"]
    verdicts = {k: re.search(r"data-verdict='(\w+)'", v).group(1) for k, v in rows.items()}
    assert verdicts == {"000": "revise", "001": "revise", "002": "pass", "003": "revise", "004": "pass"}
    assert "5 份报告，合格 2，需修改 3，无法读取 0" in result.output


def test_seeds_sections_missing_and_out_of_order(seeds_page):
    page, _ = seeds_page
    rows = rows_of(page)
    # fazhi-2019 columns: measures, shortcomings, duty, plans, other
    assert section_cell(rows["000"], 2) == "s-mention" and "缺失（仅段落提及）" in rows["000"]
    assert section_cell(rows["001"], 2) == "s-mention"
    assert section_cell(rows["003"], 2) == "s-order" and "顺序不对" in rows["003"]
    assert section_cell(rows["002"], 2) == section_cell(rows["004"], 2) == "s-present"
    assert section_cell(rows["000"], 0) == "s-present"


def test_page_is_self_contained_with_four_charts(seeds_page):
    page, _ = seeds_page
    assert page.count("<svg class='chart'") == 4
    assert not re.search(r"""(?:src|href)\s*=\s*['"]?(?:https?:|//)""", page)
    assert "<link rel='stylesheet'" not in page and "<script src" not in page
    assert "default-src 'none'" in page  # the page may not request anything, even by mistake
    # the detail of seed 000: outline with mapped sections, findings with snippet and the repairs fix makes
    detail = re.search(r"<section class='detail' id='d0'.*?</section>", page).group(0)
    assert "→ 主要举措和成效" in detail and "conversion-artifact" in detail
    assert "[bookmark: _GoBack]" in detail and "fix 将修复" in detail


def test_english_page(run, tmp_path):
    out = tmp_path / "r.html"
    result = run("review", seed("003"), "--lang", "en", "-o", out)
    page = out.read_text(encoding="utf-8")
    assert "out of order" in page and "Annual report review" in page
    assert "1 reports, 0 pass, 1 to revise" in result.output


def test_unreadable_file_is_listed_not_dropped(run, tmp_path):
    shutil.copy(seed("002"), tmp_path / "a.txt")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    out = tmp_path / "review.html"
    result = run("review", tmp_path, "-o", out)
    assert result.exit_code == 2
    page = out.read_text(encoding="utf-8")
    assert "data-verdict='unreadable'" in page and "无法读取的文件" in page
    assert re.search(r"<li>[^<]*broken\.docx: [^<]+</li>", page)


def test_unwritable_output_is_one_line(run, tmp_path):
    result = run("review", seed("002"), "-o", tmp_path / "no" / "such" / "dir.html")
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "dir.html" in result.output


def test_no_files(run, tmp_path):
    result = run("review", tmp_path, "-o", tmp_path / "r.html")
    assert result.exit_code == 2 and "没有找到报告文件" in result.output


def test_xlsx_two_sheets_frozen_filtered_fitted(run, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "review.xlsx"
    assert run("review", SEEDS, "-o", out).exit_code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["报告", "问题"]
    reports, findings = wb["报告"], wb["问题"]
    assert reports.max_row == 6 and reports["F1"].value == "结论"
    assert [reports.cell(r, 6).value for r in range(2, 7)] == ["需修改", "需修改", "合格", "需修改", "合格"]
    assert reports.freeze_panes == "A2" and findings.freeze_panes == "A2"
    assert reports.auto_filter.ref.startswith("A1:") and findings.auto_filter.ref.startswith("A1:")
    assert [c.value for c in findings[1]][:7] == ["文件", "单位", "位置", "规则", "严重程度", "说明", "原文"]
    assert findings.max_row > 50
    assert reports.column_dimensions["A"].width > 30  # fitted to the paths, not Excel's default 8.43
    rules = {findings.cell(r, 4).value for r in range(2, findings.max_row + 1)}
    assert {"missing-section", "section-order"} <= rules


def test_csv_matrix_and_findings(run, tmp_path):
    out = tmp_path / "review.csv"
    assert run("review", SEEDS, "-o", out, "--lang", "en").exit_code == 0
    matrix = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    findings = list(csv.reader(io.StringIO((tmp_path / "review-findings.csv").read_text(encoding="utf-8-sig"))))
    assert matrix[0][:6] == ["File", "Unit", "Title", "Year", "Checklist", "Verdict"] and len(matrix) == 6
    assert findings[0][3] == "Rule" and len(findings) > 50


def _copied_folder(tmp_path):
    last = XXGK.replace("2023", "2022").replace("1234条", "1100条")
    this = XXGK  # last year's report with the year changed back: a copy
    (tmp_path / "last.txt").write_text(last, encoding="utf-8")
    (tmp_path / "this.txt").write_text(this, encoding="utf-8")
    other = XXGK.replace("某县人民政府", "另县人民政府")
    (tmp_path / "other.txt").write_text(other.replace("2023", "2024"), encoding="utf-8")


def test_copied_report_found_in_the_folder(run, tmp_path):
    _copied_folder(tmp_path)
    out = tmp_path / "r.html"
    run("review", tmp_path, "-o", out)
    rows = rows_of(out.read_text(encoding="utf-8"))
    assert "copied-report" in rows["this.txt"]
    assert "copied-report" not in rows["last.txt"]
    assert "copied-report" not in rows["other.txt"]  # another unit: not paired


def test_copied_report_with_previous(run, tmp_path):
    _copied_folder(tmp_path)
    out = tmp_path / "r.html"
    run("review", tmp_path / "other.txt", "--previous", tmp_path / "last.txt", "-o", out)
    page = out.read_text(encoding="utf-8")
    assert "copied-report" in page and "last.txt 雷同" in page


def test_previous_unreadable(run, tmp_path):
    result = run("review", seed("002"), "--previous", tmp_path / "missing.txt", "-o", tmp_path / "r.html")
    assert result.exit_code == 2 and "missing.txt" in result.output


def test_filters_carry_what_they_filter(seeds_page):
    page, _ = seeds_page
    rows = rows_of(page)
    assert "section-order" in re.search(r"data-rules='([^']*)'", rows["003"]).group(1)
    assert "error" in re.search(r"data-severities='([^']*)'", rows["000"]).group(1)
    assert re.search(r"<option value='section-order'>", page)


# --------------------------------------------------------------------------- progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_when_piped():
    stream = io.StringIO()
    assert list(track(iter(range(5)), 5, "x", stream=stream)) == [0, 1, 2, 3, 4]
    assert stream.getvalue() == ""


def test_progress_draws_on_a_terminal():
    stream = _Tty()
    assert list(track(iter(range(3)), 3, "审核", stream=stream)) == [0, 1, 2]
    assert "审核" in stream.getvalue()


def test_jobs_give_the_same_page(run, tmp_path):
    one, two = tmp_path / "1.html", tmp_path / "2.html"
    assert run("review", SEEDS, "-o", one).exit_code == 0
    assert run("review", SEEDS, "-o", two, "--jobs", "2").exit_code == 0
    strip = lambda p: re.sub(r"生成于 [0-9: -]+", "", p.read_text(encoding="utf-8"))  # noqa: E731
    assert strip(one) == strip(two)


def _calc_available() -> bool:
    soffice = shutil.which("soffice")
    return bool(soffice) and Path("/usr/lib/libreoffice/program/libsclo.so").exists()


@pytest.mark.skipif(not _calc_available(), reason="LibreOffice Calc is not installed")
def test_workbook_opens_in_libreoffice_calc(run, tmp_path):
    import subprocess

    out = tmp_path / "review.xlsx"
    assert run("review", SEEDS, "-o", out).exit_code == 0
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheets = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("review-*.csv")}
    assert set(sheets) == {"review-报告.csv", "review-问题.csv"}
    assert sheets["review-报告.csv"].count("\n") == 6 and "缺失（仅段落提及）" in sheets["review-报告.csv"]


def test_copied_report_follows_ignore_and_severity(run, tmp_path):
    _copied_folder(tmp_path)
    out = tmp_path / "r.html"
    run("review", tmp_path, "-o", out, "--ignore", "copied-report")
    assert "copied-report" not in out.read_text(encoding="utf-8")
    (tmp_path / ".reportlint.yaml").write_text("severity:\n  copied-report: error\n", encoding="utf-8")
    run("review", tmp_path, "-o", out, "--config", tmp_path / ".reportlint.yaml")
    row = rows_of(out.read_text(encoding="utf-8"))["this.txt"]
    assert "data-verdict='revise'" in row and "copied-report" in row


def test_output_inside_the_folder_is_not_reviewed_and_inputs_are_not_overwritten(run, tmp_path):
    shutil.copy(seed("002"), tmp_path / "a.txt")
    out = tmp_path / "review.html"
    assert run("review", tmp_path, "-o", out).exit_code == 0
    assert run("review", tmp_path, "-o", out).exit_code == 0  # the first page is not read as a report
    assert list(rows_of(out.read_text(encoding="utf-8"))) == ["a.txt"]
    before = (tmp_path / "a.txt").read_bytes()
    result = run("review", tmp_path / "a.txt", "-o", tmp_path / "a.txt")
    assert result.exit_code == 2 and "would overwrite" in result.output
    assert (tmp_path / "a.txt").read_bytes() == before
    assert run("review", "-", "-o", out).exit_code == 2


def test_report_text_is_never_a_formula(run, tmp_path):
    from openpyxl import load_workbook

    text = seed("002").read_text(encoding="utf-8")
    text = text.replace("县委、县政府：\n", "县委、县政府：\n=1+1截止目前，全镇开展法治培训3次。\n")
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "r.xlsx"
    run("review", tmp_path / "r.txt", "-o", out)
    wb = load_workbook(out)
    cells = [c for row in wb.worksheets[0].iter_rows() for c in row] + [
        c for row in wb.worksheets[1].iter_rows() for c in row
    ]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(str(c.value).startswith("=1+1截止目前") for c in cells)  # the wording finding's snippet
    run("review", tmp_path / "r.txt", "-o", tmp_path / "r.csv")
    findings = (tmp_path / "r-findings.csv").read_text(encoding="utf-8-sig")
    assert ",'=1+1截止目前" in findings and ",=1+1" not in findings


def test_check_format_csv(run, run_json):
    result = run("check", SEEDS, "--format", "csv")
    assert result.exit_code == 1
    table = list(csv.reader(io.StringIO(result.output)))
    assert table[0][:6] == ["文件", "单位", "位置", "规则", "严重程度", "说明"]
    _, data = run_json(SEEDS)
    assert len(table) - 1 == sum(len(f["findings"]) for f in data["files"])
    assert {row[3] for row in table[1:]} >= {"missing-section", "section-order"}


def test_word_report_locations_are_paragraphs_and_never_repaired(run, tmp_path):
    from tests.fixtures import docx_bytes

    lines = seed("003").read_text(encoding="utf-8").splitlines()
    (tmp_path / "a.docx").write_bytes(docx_bytes(lines))
    out = tmp_path / "r.html"
    assert run("review", tmp_path, "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "s-order" in rows_of(page)["a.docx"]
    assert re.search(r"<td>第\d+段</td>", page) and "fix 将修复" not in page


def test_review_keeps_no_document():
    """Memory stays flat: once added, a report's document and outline can be freed."""
    import gc
    import weakref

    from lint.checklist import load_checklist
    from lint.engine import Options, lint_file
    from lint.review import Review

    desk = Review()
    refs = []
    for path in sorted(SEEDS.glob("*.txt")):
        result = lint_file(str(path), Options(load_checklist("fazhi-2019")))
        refs.append((weakref.ref(result.document), weakref.ref(result.outline)))
        desk.add(result)
        del result
    gc.collect()
    assert all(doc() is None and outline() is None for doc, outline in refs)
    assert len(desk.finish().rows) == 5
