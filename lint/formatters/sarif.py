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


def _help(rule) -> str:
    e = rule.explain
    return "\n\n".join(
        [
            e["what_en"],
            e["why_en"],
            f"Basis: {rule.basis}" if rule.basis else "",
            "How to fix: " + e["fix_en"],
        ]
    ).strip()


def render(results: list[FileResult], lang: str = "zh") -> str:
    rules = all_rules()
    ids = list(rules)
    descriptors = [
        {
            "id": r.id,
            "name": "".join(part.capitalize() for part in r.id.split("-")),
            "shortDescription": {"text": r.summary["en" if lang == "en" else "zh"]},
            "fullDescription": {"text": r.explain["what_en" if lang == "en" else "what_zh"]},
            "help": {"text": _help(r)},
            "defaultConfiguration": {"level": LEVEL[r.severity]},
            "properties": {"tags": [r.family]},
        }
        for r in rules.values()
    ]
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for result in results:
        uri = _uri(result.path)
        if result.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{result.path}: {result.error}"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}}}
                    ],
                }
            )
            continue
        artifacts.append({"location": {"uri": uri, "uriBaseId": "%SRCROOT%"}})
        doc = result.document
        for f in result.findings:
            physical: dict[str, Any] = {
                "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%", "index": len(artifacts) - 1}
            }
            properties: dict[str, Any] = {}
            if f.line is not None:
                region: dict[str, Any] = {"startLine": f.line}
                if doc is not None and doc.location_unit == "line" and f.column:
                    region["startColumn"] = f.column
                physical["region"] = region
                if doc is not None and doc.location_unit != "line":
                    properties["locationUnit"] = doc.location_unit
                    line = doc.line_at(f.line)
                    if line is not None and line.page is not None:
                        properties.update({"page": line.page, "lineOnPage": line.page_line})
            item: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": ids.index(f.rule),
                "level": LEVEL[f.severity],
                "message": {"text": f.message + (f"\n{f.hint}" if f.hint else "")},
                "locations": [{"physicalLocation": physical}],
                "partialFingerprints": {"reportlint/v1": fingerprint(result, f)},
            }
            if f.section:
                properties["section"] = f.section
            if properties:
                item["properties"] = properties
            sarif_results.append(item)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "reportlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
        "artifacts": artifacts,
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
                "workingDirectory": {"uri": Path.cwd().as_uri() + "/"},
            }
        ],
    }
    if os.environ.get("GITHUB_SHA"):
        run["versionControlProvenance"] = [
            {
                "repositoryUri": f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/"
                f"{os.environ.get('GITHUB_REPOSITORY', '')}",
                "revisionId": os.environ["GITHUB_SHA"],
            }
        ]
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)
