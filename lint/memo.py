"""Remembering a pure function of a line's text, for lines short enough that keeping them is cheap.

The outline, the table-row test and the fix planner ask the same question of a line several times;
long lines (up to megabytes) are computed each time so that a batch of large files keeps no memory.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")


def remember_short(limit: int, maxsize: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Decorator: results for texts of at most ``limit`` characters are kept (the last ``maxsize`` of them)."""

    def wrap(fn: Callable[[str], T]) -> Callable[[str], T]:
        cached = lru_cache(maxsize=maxsize)(fn)

        @wraps(fn)
        def call(text: str) -> T:
            return cached(text) if len(text) <= limit else fn(text)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call

    return wrap
