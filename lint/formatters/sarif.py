"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

Regions: ``startLine`` is the line of a text or HTML file, the paragraph
number of a .docx and the running paragraph number of a PDF (whose page and
line on the page are in the result's ``properties``); ``startColumn`` is given
where columns exist.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from lint import __version__
from lint.engine import FileResult
from lint.fingerprint import fingerprint
from lint.formatters import Formatter, Tally, snippet
from lint.rules import all_rules

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _uri(path: str) -> str:
    """Repository-relative URI (relative to the current directory) with forward slashes."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return p.as_posix()


def _help(rule, lang: str = "en") -> str:
    e = rule.explain
    k = "en" if lang == "en" else "zh"
    basis, fix = ("Basis: ", "How to fix: ") if k == "en" else ("依据：", "修改方法：")
    return "\n\n".join(
        [
            e[f"what_{k}"],
            e[f"why_{k}"],
            f"{basis}{rule.basis}" if rule.basis else "",
            fix + e[f"fix_{k}"],
        ]
    ).strip()


def _dump(value: Any, indent: str) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + indent)


class SarifFormatter(Formatter):
    """SARIF 2.1.0, one run; results written as files arrive, artifacts and notifications at the end."""

    def start(self) -> None:
        lang = self.lang
        rules = all_rules()
        self.index = {rid: i for i, rid in enumerate(rules)}
        descriptors = [
            {
                "id": r.id,
                "name": "".join(part.capitalize() for part in r.id.split("-")),
                "shortDescription": {"text": r.summary["en" if lang == "en" else "zh"]},
                "fullDescription": {"text": r.explain["what_en" if lang == "en" else "what_zh"]},
                "help": {"text": _help(r, lang)},
                "defaultConfiguration": {"level": LEVEL[r.severity]},
                "properties": {"tags": [r.family]},
            }
            for r in rules.values()
        ]
        tool = {
            "driver": {
                "name": "reportlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        }
        self.artifacts: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []
        self.first = True
        root = {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}}
        self.out.write(
            f'{{\n  "$schema": "{SCHEMA}",\n  "version": "2.1.0",\n  "runs": [\n    {{\n'
            f'      "tool": {_dump(tool, "      ")},\n'
            f'      "originalUriBaseIds": {_dump(root, "      ")},\n'
            f'      "columnKind": "unicodeCodePoints",\n      "results": ['
        )

    def file(self, result: FileResult) -> None:
        uri = _uri(result.path)
        if result.error is not None:
            self.notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{result.path}: {result.error}"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}}}
                    ],
                }
            )
            return
        self.artifacts.append({"location": {"uri": uri, "uriBaseId": "%SRCROOT%"}})
        doc = result.document
        for f in result.findings:
            physical: dict[str, Any] = {
                "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%", "index": len(self.artifacts) - 1}
            }
            properties: dict[str, Any] = {}
            if f.line is not None:
                region: dict[str, Any] = {"startLine": f.line}
                if doc is not None and doc.location_unit == "line" and f.column:
                    region["startColumn"] = f.column
                if doc is not None and doc.location_unit != "line":
                    quote = snippet(doc, f.line)
                    if quote:
                        region["snippet"] = {"text": quote}
                physical["region"] = region
                if doc is not None and doc.location_unit != "line":
                    properties["locationUnit"] = doc.location_unit
                    line = doc.line_at(f.line)
                    if line is not None and line.page is not None:
                        properties.update({"page": line.page, "lineOnPage": line.page_line})
            item: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": self.index[f.rule],
                "level": LEVEL[f.severity],
                "message": {"text": f.message + (f"\n{f.hint}" if f.hint else "")},
                "locations": [{"physicalLocation": physical}],
                "partialFingerprints": {"reportlint/v1": fingerprint(result, f)},
            }
            if f.section:
                properties["section"] = f.section
            if properties:
                item["properties"] = properties
            self.out.write(("\n        " if self.first else ",\n        ") + _dump(item, "        "))
            self.first = False

    def end(self, tally: Tally) -> None:
        invocations = [
            {
                "executionSuccessful": not self.notifications,
                "toolExecutionNotifications": self.notifications,
                "workingDirectory": {"uri": Path.cwd().as_uri() + "/"},
            }
        ]
        tail = "" if self.first else "\n      "
        self.out.write(f"{tail}],\n")
        self.out.write(f'      "artifacts": {_dump(self.artifacts, "      ")},\n')
        if os.environ.get("GITHUB_SHA"):
            provenance = [
                {
                    "repositoryUri": f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/"
                    f"{os.environ.get('GITHUB_REPOSITORY', '')}",
                    "revisionId": os.environ["GITHUB_SHA"],
                }
            ]
            self.out.write(f'      "versionControlProvenance": {_dump(provenance, "      ")},\n')
        self.out.write(f'      "invocations": {_dump(invocations, "      ")}\n    }}\n  ]\n}}\n')
        self.out.flush()
