"""``review --format xlsx``: sheet 1 the matrix, sheet 2 every finding; header frozen, auto-filter, fitted widths."""

from __future__ import annotations

import unicodedata

from lint.formatters.tabular import findings_table, matrix_table
from lint.review import Matrix

MAX_WIDTH = 60


def _width(value: object) -> int:
    """Display width in Excel character units: CJK and full-width characters count double."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet(ws, head: list[str], rows: list[list[object]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(head)
    for row in rows:
        ws.append(row)
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":  # report text that starts with 「=」 is text, never a formula
                cell.data_type = "s"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="ECEFF1")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center")
    ws.freeze_panes = "A2"
    last = get_column_letter(len(head))
    ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for i, title in enumerate(head, start=1):
        widest = max([_width(title) + 3] + [_width(r[i - 1]) for r in rows])  # +3: the filter button
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, widest + 2)


def write(matrix: Matrix, path: str) -> None:
    """Write the workbook to ``path``."""
    from openpyxl import Workbook

    en = matrix.lang == "en"
    wb = Workbook()
    ws = wb.active
    ws.title = "Reports" if en else "报告"
    _sheet(ws, *matrix_table(matrix))
    _sheet(wb.create_sheet("Findings" if en else "问题"), *findings_table(matrix))
    wb.save(path)
