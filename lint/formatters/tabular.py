"""The review matrix as two tables (reports, findings): shared by the xlsx and csv formatters."""

from __future__ import annotations

from lint.review import SEVERITY_WORD, TEXT, Matrix


def matrix_table(matrix: Matrix) -> tuple[list[str], list[list[object]]]:
    """Sheet 1: one row per report."""
    t = TEXT[matrix.lang]
    head = [t[k] for k in ("file", "unit", "report_title", "year", "checklist", "verdict")]
    head += [t[s] for s in ("error", "warning", "info")] + [t["date"], t["deadline"]]
    head += [name for _, name in matrix.columns]
    rows: list[list[object]] = []
    for r in matrix.rows:
        counts = r.counts
        line: list[object] = [r.path, r.unit or "", r.title or (r.error or ""), r.year or "", r.checklist or ""]
        line += [t[r.verdict], counts["error"], counts["warning"], counts["info"]]
        line += [r.date.isoformat() if r.date else "", r.deadline.isoformat() if r.deadline else ""]
        line += [t[r.sections[sid]] if sid in r.sections else "" for sid, _ in matrix.columns]
        rows.append(line)
    return head, rows


def findings_table(matrix: Matrix) -> tuple[list[str], list[list[object]]]:
    """Sheet 2: every finding, and every unreadable file with its error."""
    t = TEXT[matrix.lang]
    en = matrix.lang == "en"
    head = [t["file"], t["unit"], t["location"], t["rule"], t["severity"], t["message"], t["snippet"]]
    head += ["Fix" if en else "修复"]
    rows: list[list[object]] = []
    for r in matrix.rows:
        if r.error is not None:
            rows.append([r.path, "", "", "unreadable", t["unreadable"], r.error, "", ""])
        for f in r.findings:
            word = SEVERITY_WORD["en" if en else "zh"][f.severity]
            rows.append([r.path, r.unit or "", f.where, f.rule, word, f.message, f.snippet, f.repair or ""])
    return head, rows
