"""Shared fixtures: the seeds, and ways to run the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: The rules about a report's structure (what must not depend on the input format).
STRUCTURAL = frozenset(
    {
        "missing-section",
        "section-order",
        "duplicate-section",
        "empty-section",
        "missing-element",
        "missing-title",
    }
)


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. "003")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def copy_seeds(target: Path) -> Path:
    """The seeds copied into ``target`` (a folder tests may change)."""
    import shutil

    target.mkdir(parents=True, exist_ok=True)
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, target / p.name)
    return target


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in a fresh temporary folder, with no colour or width settings from the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    return tmp_path


@pytest.fixture
def run():
    """Run the CLI in-process; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def run_json(run):
    """Run ``check --format json`` and parse the output."""

    def invoke(*args: str):
        result = run("check", "--format", "json", *args)
        return result.exit_code, json.loads(result.output)

    return invoke


def console_script() -> list[str]:
    """The installed ``reportlint`` script, or ``python -m lint`` from a source tree."""
    script = Path(sys.executable).parent / ("reportlint.exe" if os.name == "nt" else "reportlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "lint"]


@pytest.fixture
def script():
    def invoke(*args: str, input: bytes | None = None, cwd: Path | None = None):
        return subprocess.run(
            [*console_script(), *map(str, args)], input=input, capture_output=True, cwd=cwd, timeout=60
        )

    return invoke


@pytest.fixture
def write(tmp_path):
    """Write a UTF-8 document into tmp_path and return its path."""

    def make(text: str, name: str = "report.txt") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return make
