"""The start-up cache of the built-in checklists: same results, never trusted when broken."""

from __future__ import annotations

import os

from tests.conftest import SEEDS


def test_cache_is_written_used_and_rebuilt_when_broken(script, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(cache))
    first = script("check", "--format", "json", SEEDS)
    files = list(cache.glob("checklists-*.pickle"))
    assert first.returncode == 1 and len(files) == 1
    second = script("check", "--format", "json", SEEDS)
    assert second.stdout == first.stdout
    files[0].write_bytes(b"not a pickle")
    third = script("check", "--format", "json", SEEDS)
    assert third.stdout == first.stdout and files[0].read_bytes() != b"not a pickle"
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", "")  # off
    assert script("check", "--format", "json", SEEDS).stdout == first.stdout


def test_an_unwritable_cache_folder_is_not_used(script, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    result = script("check", "--format", "json", SEEDS)
    assert result.returncode == 1 and b"internal error" not in result.stderr
    assert not os.path.exists(blocker / "sub")
