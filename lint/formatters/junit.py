"""JUnit XML: one test case per file per checklist section (GitLab, Jenkins).

Each file is a test suite; each checklist section is a test case that fails
with the findings about that section at or above ``--fail-on`` (lower ones are
listed in the case's ``system-out``); findings about no section (numbering,
terms, format) go to a test case named ``document``.  A file that could not be
read is one errored test case.  Suites are spooled to a temporary file as they
come, so the totals can head the document while memory stays flat.
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from xml.sax.saxutils import quoteattr

from lint.engine import FileResult
from lint.formatters import Formatter, Tally, fails, location_text

#: Characters XML 1.0 cannot hold; replaced by their escaped form.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _INVALID_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def suite_xml(r: FileResult, fail_on: str = "error") -> tuple[str, int, int, int]:
    """One file's ``<testsuite>`` and its (tests, failures, errors)."""
    path = xml_text(r.path)
    suite = ET.Element("testsuite", name=path)
    cases = suite_failures = suite_errors = 0
    if r.error is not None:
        case = ET.SubElement(suite, "testcase", classname=path, name="read")
        ET.SubElement(case, "error", message=xml_text(r.error), type="read-error").text = xml_text(r.error)
        cases, suite_errors = 1, 1
    else:
        names = list(r.checklist.order) if r.checklist else []
        grouped: dict[str, list] = {name: [] for name in [*names, "document"]}
        for f in r.findings:
            grouped.setdefault(f.section if f.section in grouped else "document", []).append(f)
        for name, findings in grouped.items():
            case = ET.SubElement(suite, "testcase", classname=path, name=name)
            cases += 1
            failing = [f for f in findings if fails(f.severity, fail_on)]
            others = [f for f in findings if not fails(f.severity, fail_on)]

            def lines(items) -> str:
                return "\n".join(
                    xml_text(f"{location_text(r.document, f.line, f.column)} {f.severity} {f.rule}: {f.message}")
                    for f in items
                )

            if failing:
                suite_failures += 1
                first = failing[0]
                ET.SubElement(
                    case, "failure", message=xml_text(f"{first.rule}: {first.message}"), type=first.severity
                ).text = lines(failing)
            if others:
                ET.SubElement(case, "system-out").text = lines(others)
    suite.set("tests", str(cases))
    suite.set("failures", str(suite_failures))
    suite.set("errors", str(suite_errors))
    ET.indent(suite, level=1)
    return "  " + ET.tostring(suite, encoding="unicode"), cases, suite_failures, suite_errors


class JunitFormatter(Formatter):
    def start(self) -> None:
        self.fail_on = self.options.get("fail_on") or "error"
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.totals = [0, 0, 0]

    def file(self, result: FileResult) -> None:
        text, cases, failures, errors = suite_xml(result, self.fail_on)
        self.spool.write(text.rstrip("\n") + "\n")
        self.totals = [self.totals[0] + cases, self.totals[1] + failures, self.totals[2] + errors]

    def end(self, tally: Tally) -> None:
        tests, failures, errors = self.totals
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(
            f'<testsuites name={quoteattr("reportlint")} tests="{tests}" failures="{failures}" errors="{errors}">\n'
        )
        self.spool.seek(0)
        while chunk := self.spool.read(1 << 16):
            self.out.write(chunk)
        self.spool.close()
        self.out.write("</testsuites>\n")
        self.out.flush()
