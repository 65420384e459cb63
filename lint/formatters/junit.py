"""JUnit XML: one test case per file per checklist section (GitLab, Jenkins).

Each file is a test suite; each checklist section is a test case that fails
with the findings about that section; findings about no section (numbering,
terms, format) go to a test case named ``document``.  A file that could not be
read is one errored test case.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lint.engine import FileResult
from lint.formatters import location_text


def render(results: list[FileResult]) -> str:
    root = ET.Element("testsuites", name="reportlint")
    total = failures = errors = 0
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=r.path)
        cases = 0
        suite_failures = suite_errors = 0
        if r.error is not None:
            case = ET.SubElement(suite, "testcase", classname=r.path, name="read")
            ET.SubElement(case, "error", message=r.error, type="read-error").text = r.error
            cases, suite_errors = 1, 1
        else:
            names = list(r.checklist.order) if r.checklist else []
            grouped: dict[str, list] = {name: [] for name in [*names, "document"]}
            for f in r.findings:
                grouped.setdefault(f.section if f.section in grouped else "document", []).append(f)
            for name, findings in grouped.items():
                case = ET.SubElement(suite, "testcase", classname=r.path, name=name)
                cases += 1
                if findings:
                    suite_failures += 1
                    text = "\n".join(
                        f"{location_text(r.document, f.line, f.column)} {f.severity} {f.rule}: {f.message}"
                        for f in findings
                    )
                    first = findings[0]
                    ET.SubElement(
                        case, "failure", message=f"{first.rule}: {first.message}", type=first.severity
                    ).text = text
        suite.set("tests", str(cases))
        suite.set("failures", str(suite_failures))
        suite.set("errors", str(suite_errors))
        total, failures, errors = total + cases, failures + suite_failures, errors + suite_errors
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
