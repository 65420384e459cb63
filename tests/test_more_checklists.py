"""More mandated reports as data: 政府信息公开 (xxgk-2021), thematic reports, auto-selection, examples."""

from __future__ import annotations

import html
import io
import json
import re

import pytest

from lint.checklist import builtin_ids, load_checklist
from lint.engine import Options, lint_document
from lint.examples import run_examples
from lint.readers import read_bytes
from tests.conftest import ROOT, SEEDS

DATA = ROOT / "tests" / "data"
XXGK = (DATA / "xxgk_2023.txt").read_text(encoding="utf-8")
OLD = (DATA / "xxgk_2018_old.txt").read_text(encoding="utf-8")
THEMATIC = (DATA / "fazhi_thematic_2023.txt").read_text(encoding="utf-8")
ROW = re.compile(r"^│(.*)│$")


def lint(text: str, checklist: str | None = "xxgk-2021", name: str = "r.txt", data: bytes | None = None):
    doc = read_bytes(data if data is not None else text.encode("utf-8"), name)
    if checklist is None:
        options = Options(
            None,
            candidates=tuple(c for c in map(load_checklist, builtin_ids()) if c.detect),
            fallback=load_checklist("fazhi-2019"),
        )
    else:
        options = Options(load_checklist(checklist))
    return lint_document(doc, options)


def sections(result) -> list[str | None]:
    return [m.section if (m := result.match.section_of(h)) else None for h in result.outline.top_level()]


def rules(result) -> set[str]:
    return {f.rule for f in result.findings}


@pytest.mark.parametrize("checklist", builtin_ids())
def test_builtin_examples(checklist):
    results = run_examples(load_checklist(checklist))
    assert results, "every built-in checklist carries examples"
    for r in results:
        assert r.ok, f"{r.example.name}: expected {r.example.expect}, got {r.got}"


# --------------------------------------------------------------------------- xxgk-2021

XXGK_SECTIONS = ["overview", "proactive", "requests", "review_litigation", "problems", "other_matters"]


def test_xxgk_report_with_tables_is_clean():
    result = lint(XXGK)
    assert sections(result) == XXGK_SECTIONS
    assert not [f for f in result.findings if f.severity in ("error", "warning")]
    # Table rows such as 「│一、本年新收…│」 never become headings.
    assert all(not h.text.startswith("本年新收") for h in result.outline.headings)


def _docx_with_tables(text: str) -> bytes:
    import docx

    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
            rows.clear()

    for line in text.split("\n"):
        m = ROW.match(line)
        if m:
            rows.append(m.group(1).split("│"))
            continue
        flush()
        document.add_paragraph(line)
    flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _html_with_tables(text: str) -> str:
    parts, in_table = [], False
    for line in text.split("\n"):
        m = ROW.match(line)
        if m and not in_table:
            parts.append("<table>")
            in_table = True
        if not m and in_table:
            parts.append("</table>")
            in_table = False
        if m:
            parts.append(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in m.group(1).split("│")) + "</tr>"
            )
        elif line.strip():
            parts.append(f"<p>{html.escape(line)}</p>")
    return (
        "<html><body><div class='nav'>首页</div><div class='content'>"
        + "\n".join(parts)
        + "</div></body></html>"
    )


@pytest.mark.parametrize("fmt", ["docx", "html", "tabs"])
def test_xxgk_in_other_formats(fmt):
    if fmt == "docx":
        result = lint("", data=_docx_with_tables(XXGK), name="r.docx")
    elif fmt == "html":
        result = lint(_html_with_tables(XXGK), name="r.html")
    else:  # tab-separated rows, as a table copied out of Word gives them (merged cells stay as empty cells)

        def tabs(m: re.Match) -> str:
            cells = m.group(1).split("│")
            return "\t".join(cells) + ("\t\t" if len(cells) == 1 else "")

        result = lint("\n".join(ROW.sub(tabs, ln) for ln in XXGK.split("\n")))
    assert sections(result) == XXGK_SECTIONS
    # The python-docx default layout is not GB/T 9704's: layout-* findings are tests/test_layout.py's concern.
    assert not [f for f in result.findings if f.severity in ("error", "warning") and f.rule[:7] != "layout-"]


def test_heading_variants_and_split_problems_section():
    text = (
        XXGK.replace("二、主动公开政府信息情况", "二、主动公开政府信息的情况")
        .replace(
            "四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
        )
        .replace("五、存在的主要问题及改进情况\n（一）存在的主要问题。", "五、存在的主要问题\n")
        .replace("（二）改进情况。", "六、改进情况\n")
        .replace("六、其他需要报告的事项", "七、其他需要报告的事项")
    )
    result = lint(text)
    assert sections(result) == [*XXGK_SECTIONS[:5], "problems", "other_matters"]
    assert not rules(result) & {"duplicate-section", "section-order", "missing-section", "unknown-section"}


def test_rows_without_bars_are_not_headings():
    text = XXGK.replace("│一、本年新收政府信息公开申请数量│12│", "一、本年新收政府信息公开申请数量│12│")
    assert sections(lint(text)) == XXGK_SECTIONS


def test_missing_table():
    text = re.sub(r"(二、主动公开政府信息情况\n)(│.*\n)+", r"\1本年度制发规范性文件5件。\n", XXGK)
    (f,) = [f for f in lint(text).findings if f.rule == "missing-table"]
    assert f.section == "proactive" and f.severity == "error"


def test_table_arithmetic():
    text = XXGK.replace("│（七）总计│12│2│0│0│1│0│15│", "│（七）总计│12│2│0│0│1│0│14│")
    (f,) = [f for f in lint(text).findings if f.rule == "table-arithmetic"]
    assert "本年新收＋上年结转（16）不等于总计＋结转下年度（15）" in f.message and "第7列" in f.message


def test_arithmetic_silent_without_the_rows():
    text = re.sub(r"(三、收到和处理政府信息公开申请情况\n)(│.*\n)+", r"\1│申请│0│\n", XXGK)
    assert "table-arithmetic" not in rules(lint(text))


def test_pre_2019_format_is_one_finding():
    result = lint(OLD)
    assert [(f.rule, f.severity) for f in result.findings if f.severity != "info"] == [
        ("outdated-format", "error")
    ]
    assert "收费及减免情况" in result.findings[0].message


# --------------------------------------------------------------------------- thematic


def test_thematic_report_is_structurally_clean():
    result = lint(THEMATIC, "fazhi-thematic")
    assert sections(result) == ["measures", "measures", "measures", "measures", "shortcomings", "plans"]
    assert rules(result) == {"coverage"}  # duty as a sub-section is accepted


def test_thematic_requires_preamble_and_reports_coverage():
    text = THEMATIC.replace(THEMATIC.split("\n")[2] + "\n", "")
    result = lint(text, "fazhi-thematic")
    assert "missing-preamble" in rules(result)
    (cov,) = [f for f in result.findings if f.rule == "coverage"]
    assert (
        cov.severity == "info" and "突发事件应对体系" in cov.message and "行政执法工作体系" not in cov.message
    )


def test_thematic_without_any_duty_part():
    text = THEMATIC.replace("（一）党政主要负责人履行推进法治建设第一责任人职责。", "（一）加强组织领导。")
    assert "missing-section" in rules(lint(text, "fazhi-thematic"))


def test_thematic_order_shortcomings_before_plans():
    shortcomings = (
        "五、存在的不足和原因\n" + THEMATIC.split("五、存在的不足和原因\n")[1].split("\n")[0] + "\n"
    )
    text = THEMATIC.replace(shortcomings, "") + shortcomings.replace("五、", "七、")
    findings = [f for f in lint(text, "fazhi-thematic").findings if f.rule == "section-order"]
    assert [f.section for f in findings] == ["plans"]


# --------------------------------------------------------------------------- choosing the checklist


def test_auto_selection_by_title():
    result = lint(XXGK, None)
    assert (
        result.checklist.id == "xxgk-2021" and result.checklist_reason == "自动选择：标题含「政府信息公开」"
    )
    seed = lint((SEEDS / "002_24babedf76a34ae2.txt").read_text(encoding="utf-8"), None)
    assert seed.checklist.id == "fazhi-2019" and "法治政府建设" in seed.checklist_reason


def test_auto_selection_by_headings_and_fallback():
    no_title = "\n".join(XXGK.split("\n")[2:])
    result = lint(no_title, None)
    assert result.checklist.id == "xxgk-2021" and "一级标题含" in result.checklist_reason
    other = lint("年度工作总结\n\n一、主要工作\n正文。\n", None)
    assert other.checklist.id == "fazhi-2019" and other.checklist_reason.startswith("默认清单")


def test_cli_auto_selection_and_checklist_wins(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gk.txt").write_text(XXGK, encoding="utf-8")
    data = json.loads(run("check", "--format", "json", "gk.txt").output)["files"][0]
    assert data["checklist"] == "xxgk-2021" and data["checklist_reason"].startswith("自动选择")
    (tmp_path / "gk2.txt").write_text(
        XXGK.replace("│（七）总计│12│2│0│0│1│0│15│", "│（七）总计│12│2│0│0│1│0│14│"), "utf-8"
    )
    assert "xxgk-2021（自动选择：标题含「政府信息公开」）" in run("check", "--no-color", "gk2.txt").output
    data = json.loads(run("check", "--format", "json", "--checklist", "fazhi-2019", "gk.txt").output)[
        "files"
    ][0]
    assert data["checklist"] == "fazhi-2019" and data["checklist_reason"] is None
    (tmp_path / ".reportlint.yaml").write_text("checklist: fazhi-2019\n", encoding="utf-8")
    data = json.loads(run("check", "--format", "json", "gk.txt").output)["files"][0]
    assert data["checklist"] == "fazhi-2019" and data["checklist_reason"] is None


# --------------------------------------------------------------------------- checklists validate


def test_validate_runs_a_user_checklists_examples(run, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\nextends: fazhi-2019\nexamples:\n  - name: should pass\n    expect: []\n    text: |\n"
        "      某镇2023年法治政府建设情况报告\n\n      一、2023年主要举措和成效\n      全年召开会议4次。\n",
        encoding="utf-8",
    )
    result = run("checklists", "validate", "--lang", "en", path)
    assert result.exit_code == 1
    assert "example 'should pass' expected no finding, got missing-section" in result.output


def test_validate_suggests_misspelt_new_keys(run, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\nextends: xxgk-2021\nsections:\n  - id: proactive\n    requires_tables: true\n", "utf-8"
    )
    result = run("checklists", "validate", "--lang", "en", path)
    assert result.exit_code == 1
    assert (
        ":5: unknown key 'requires_tables' in section 'proactive' (did you mean 'requires_table'?)"
        in result.output
    )


def test_required_subsection_with_within(tmp_path):
    path = tmp_path / "prov.yaml"
    path.write_text(
        "id: prov\nextends: fazhi-2019\nsections:\n  - id: publicity\n    title: 法治宣传教育情况\n"
        "    aliases: [普法工作情况, 法治宣传教育]\n    within: measures\n",
        encoding="utf-8",
    )
    from lint.checklist import load_file

    checklist = load_file(path)
    good = (SEEDS / "002_24babedf76a34ae2.txt").read_text(encoding="utf-8")
    doc = read_bytes(good.encode(), "r.txt")
    findings = lint_document(doc, Options(checklist)).findings
    (f,) = [f for f in findings if f.rule == "missing-section"]
    assert f.section == "publicity" and "下缺少必备的二级标题" in f.message
    doc = read_bytes(
        good.replace("（四）加强普法宣传，营造法治建设良好社会环境", "（四）法治宣传教育情况").encode(),
        "r.txt",
    )
    assert "missing-section" not in {f.rule for f in lint_document(doc, Options(checklist)).findings}
