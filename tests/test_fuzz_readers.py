"""Property-based tests: whatever the bytes, no exception but ReadError escapes a reader.

Each reader gets inputs from :mod:`tests.strategies` (the same strategies
``benchmarks/fuzz.py`` runs for minutes) through ``lint_file`` — the way
``check`` calls it — and must give either a result or a one-line read error
that is not an internal error.  Kept to a few seconds; the fuzzer goes further.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from lint.checklist import load_checklist
from lint.engine import Options, lint_file
from lint.readers import INTERNAL_ERROR
from tests.strategies import STRATEGIES

OPTIONS = Options(load_checklist("fazhi-2019"), lang="en")
EXAMPLES = {"txt": 40, "md": 25, "html": 25, "docx": 30, "pdf": 10}


def lint_case(case: tuple[str, bytes]) -> None:
    """Lint one generated file; fail on an escaping exception or an internal error."""
    name, data = case
    result = lint_file(name, OPTIONS, data=data)
    if result.error is not None:
        assert "\n" not in result.error
        assert not result.error.startswith(INTERNAL_ERROR), result.error


@pytest.mark.parametrize("fmt", sorted(STRATEGIES))
def test_reader_never_raises(fmt):
    @settings(
        max_examples=EXAMPLES[fmt],
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )
    @given(case=STRATEGIES[fmt])
    def check(case):
        lint_case(case)

    check()


def test_internal_errors_are_told_apart_from_bad_files(monkeypatch):
    """The safety net turns a reader's bug into a one-line internal error, which the tests above catch."""
    from lint.readers import html

    def broken(data, name):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(html, "read", broken)
    result = lint_file("r.html", OPTIONS, data=b"<p>x</p>")
    assert result.error.startswith(INTERNAL_ERROR) and "RecursionError" in result.error
    with pytest.raises(AssertionError):
        lint_case(("r.html", b"<p>x</p>"))
