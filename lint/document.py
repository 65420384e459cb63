"""The format-independent document model every reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """One logical line (paragraph) of a document.

    ``text`` is what the outline builder and the matcher see: conversion junk
    removed, traditional script converted to simplified, surrounding blanks
    stripped.  ``lineno`` and ``column`` point into the original file.
    """

    lineno: int
    column: int
    raw: str
    text: str


@dataclass
class Document:
    """A report as read from one file."""

    path: str
    format: str
    lines: list[Line]
    encoding: str | None = None
    traditional: bool = False
    #: How locations are counted: "line" for text files; later readers may use
    #: "paragraph" (.docx) or "page" (.pdf).
    location_unit: str = "line"
    notes: list[str] = field(default_factory=list)

    @property
    def nonempty(self) -> list[Line]:
        return [ln for ln in self.lines if ln.text]
