"""The real pre-commit, in a scratch git repository whose config points at this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from lint.rules.examples import GOOD, MEASURES, PLANS, SHORTCOMINGS, TITLE
from tests.conftest import ROOT


def _head() -> str | None:
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        return None
    proc = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else None


def _has_pre_commit() -> bool:
    return (
        subprocess.run([sys.executable, "-m", "pre_commit", "--version"], capture_output=True).returncode == 0
    )


@pytest.mark.skipif(_head() is None, reason="needs a git checkout of reportlint")
@pytest.mark.skipif(not _has_pre_commit(), reason="needs pre-commit (pip install '.[test]')")
def test_pre_commit_hook_round_trip(tmp_path):
    """pre-commit installs the hook from this checkout's HEAD; a compliant report passes, one missing a
    section fails and is named."""
    repo = tmp_path / "drafts"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {_head()}\n    hooks:\n      - id: reportlint\n",
        encoding="utf-8",
    )
    (repo / "good.txt").write_text(GOOD, encoding="utf-8")
    (repo / "bad.txt").write_text(
        TITLE + MEASURES + SHORTCOMINGS + PLANS.replace("四、", "三、"), encoding="utf-8"
    )
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    env = {**os.environ, "NO_COLOR": "1"}

    def run(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--files", *files],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )

    ok = run("good.txt")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "reportlint" in ok.stdout and "Passed" in ok.stdout
    bad = run("good.txt", "bad.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "bad.txt" in bad.stdout and "missing-section" in bad.stdout
    assert "good.txt" not in bad.stdout.split("Failed", 1)[1].split("检查了")[0]
