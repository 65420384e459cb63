"""CSV: ``review`` writes the matrix to FILE.csv and every finding to FILE-findings.csv (UTF-8 with BOM, for
Excel); ``check --format csv`` prints the findings table."""

from __future__ import annotations

import csv
import os
from typing import TYPE_CHECKING

from lint.formatters import Formatter, Tally
from lint.formatters.tabular import findings_table, matrix_table
from lint.review import Matrix, build

if TYPE_CHECKING:
    from lint.engine import FileResult


def findings_path(path: str) -> str:
    """Where the findings go: 「review.csv」 → 「review-findings.csv」."""
    root, ext = os.path.splitext(path)
    return f"{root}-findings{ext or '.csv'}"


def _cell(value: object) -> object:
    """Report text that a spreadsheet would run as a formula (「=」「+」「-」「@」 first) is quoted with 「'」;
    control characters are shown escaped."""
    if isinstance(value, str):
        from lint.formatters import printable

        value = printable(value)
        if value[:1] in ("=", "+", "-", "@"):
            return "'" + value
    return value


def _write(path: str, head: list[str], rows: list[list[object]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(head)
        writer.writerows([_cell(v) for v in row] for row in rows)


def write(matrix: Matrix, path: str) -> list[str]:
    """Write both files; return their paths."""
    second = findings_path(path)
    _write(path, *matrix_table(matrix))
    _write(second, *findings_table(matrix))
    return [path, second]


class CsvFormatter(Formatter):
    """``check --format csv``, streamed: the header, then each file's findings as it is checked."""

    def start(self) -> None:
        self.writer = csv.writer(self.out, lineterminator="\n")
        self.head_written = False
        if self.options.get("to_file"):
            self.out.write("\ufeff")  # so that Excel reads the file as UTF-8

    def file(self, result: FileResult) -> None:
        head, rows = findings_table(build([result], self.lang, pair=False))
        if not self.head_written:
            self.writer.writerow(head)
            self.head_written = True
        self.writer.writerows([_cell(v) for v in row] for row in rows)

    def end(self, tally: Tally) -> None:
        if not self.head_written:
            head, _ = findings_table(build([], self.lang, pair=False))
            self.writer.writerow(head)
        self.out.flush()
