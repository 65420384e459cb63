"""Run a checklist's ``examples``: small documents that must pass, or fail with named findings."""

from __future__ import annotations

from dataclasses import dataclass

from lint.checklist import Checklist, Example
from lint.engine import Options, lint_document
from lint.readers import read_bytes
from lint.rules import SEVERITY_RANK


@dataclass
class ExampleResult:
    example: Example
    got: list[str]  # rules with findings of warning or error severity, sorted

    @property
    def ok(self) -> bool:
        return set(self.got) == set(self.example.expect)


def run_examples(checklist: Checklist) -> list[ExampleResult]:
    """Lint each example with the checklist. An example passes when the rules that report a warning or an
    error are exactly the ones it expects (none for a passing example)."""
    out = []
    for example in checklist.examples:
        doc = read_bytes(example.text.encode("utf-8"), f"{example.name}.txt")
        result = lint_document(doc, Options(checklist))
        got = sorted(
            {f.rule for f in result.findings if SEVERITY_RANK[f.severity] >= SEVERITY_RANK["warning"]}
        )
        out.append(ExampleResult(example, got))
    return out
