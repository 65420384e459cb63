"""Readers turn a file into a :class:`lint.document.Document`.

One module per input format; all return the same model.  Readers know nothing
about checklists.  A reader raises :class:`ReadError` with a one-line, user
facing message when the input cannot be used.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from lint.document import Document

#: How the English message of a reader's own failure (a bug, not a bad file) starts.
INTERNAL_ERROR = "internal error"
#: Files larger than this are refused rather than read into memory.
MAX_INPUT_BYTES = 10 * 1024 * 1024
#: Documents with more lines (paragraphs, table rows, page lines) than this are refused: a report has a few
#: thousand at most, and every line costs memory and time in the outline and the rules.
MAX_LINES = 200_000


class ReadError(Exception):
    """A file could not be read or decoded; the message names the problem.

    ``str(exc)`` is the English message; :meth:`render` picks the language.
    """

    def __init__(self, en: str, zh: str | None = None):
        super().__init__(en)
        self.en = en
        self.zh = zh or en

    def render(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def _text_reader(fmt: str) -> Callable[[bytes, str], Document]:
    def read(data: bytes, name: str) -> Document:
        from lint.readers import text

        return text.read(data, name, fmt)

    return read


def _docx(data: bytes, name: str) -> Document:
    from lint.readers import docx

    return docx.read(data, name)


def _pdf(data: bytes, name: str) -> Document:
    from lint.readers import pdf

    return pdf.read(data, name)


def _html(data: bytes, name: str) -> Document:
    from lint.readers import html

    return html.read(data, name)


#: Extension → reader.
READERS: dict[str, Callable[[bytes, str], Document]] = {
    ".docx": _docx,
    ".pdf": _pdf,
    ".html": _html,
    ".htm": _html,
    ".txt": _text_reader("txt"),
    ".text": _text_reader("txt"),
    ".md": _text_reader("md"),
    ".markdown": _text_reader("md"),
}


def _too_large(size: int) -> ReadError:
    mb, limit = size // (1024 * 1024), MAX_INPUT_BYTES // (1024 * 1024)
    return ReadError(f"file too large ({mb} MB; limit {limit} MB)", f"文件过大（{mb} MB，上限 {limit} MB）")


def too_many_lines(count: int) -> ReadError:
    """The error for a document of more than :data:`MAX_LINES` lines."""
    return ReadError(
        f"too many lines ({count:,}; limit {MAX_LINES:,}): not a report", f"行数过多（{count}，上限 {MAX_LINES}），不是报告"
    )


def supported(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in READERS


def read_bytes(data: bytes, name: str) -> Document:
    """Read a document from bytes; ``name`` picks the reader by its extension."""
    suffix = Path(name).suffix.lower()
    reader = READERS.get(suffix or ".txt")
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ReadError(
            f"unsupported file type '{suffix}' (supported: {known})",
            f"不支持的文件类型「{suffix}」（支持：{known}）",
        )
    if len(data) > MAX_INPUT_BYTES:
        raise _too_large(len(data))
    try:
        return reader(data, name)
    except ReadError:
        raise
    except (Exception, RecursionError, MemoryError) as exc:
        # A bug, not a bad file: still one line, never a traceback.  The fuzz tests fail on it.
        reason = " ".join(str(exc).split())[:120]
        what = f"{type(exc).__name__}: {reason}" if reason else type(exc).__name__
        raise ReadError(
            f"{INTERNAL_ERROR} while reading the file ({what}); please report it",
            f"读取文件时出现内部错误（{what}），请报告此问题",
        ) from exc


def read_path(path: str | os.PathLike[str]) -> Document:
    """Read a document from disk."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise ReadError("is a directory", "是目录，不是文件")
        if size > MAX_INPUT_BYTES:
            raise _too_large(size)
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file", "文件不存在") from None
    except PermissionError:
        raise ReadError("permission denied", "没有读取权限") from None
    except IsADirectoryError:
        raise ReadError("is a directory", "是目录，不是文件") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReadError(f"cannot read: {reason}", f"无法读取：{reason}") from None
    return read_bytes(data, str(path))
