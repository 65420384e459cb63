"""GitHub Actions workflow commands: annotations on the pull request's files, streamed."""

from __future__ import annotations

from lint.engine import FileResult
from lint.formatters import Formatter, printable

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def file_lines(r: FileResult) -> list[str]:
    """The workflow commands for one file."""
    if r.error is not None:
        return [f"::error file={_prop(r.path)},title={_prop('reportlint')}::{_data(r.error)}"]
    lines = []
    for f in r.findings:
        props = [f"file={_prop(r.path)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
            if f.column and r.document is not None and r.document.location_unit == "line":
                props.append(f"col={f.column}")
        props.append(f"title={_prop(f'reportlint {f.rule}')}")
        message = f.message + (f"\n{f.hint}" if f.hint else "")
        lines.append(f"::{COMMAND[f.severity]} {','.join(props)}::{_data(message)}")
    return lines


class GithubFormatter(Formatter):
    def file(self, result: FileResult) -> None:
        for line in file_lines(result):
            self.out.write(line + "\n")
