"""Writing output files whole or not at all: a temporary file beside the target, then a rename.

The result has the mode an ordinary write would give it: the existing file's mode, or 0666 less the umask
for a new file (``mkstemp`` alone would leave 0600).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """The output file cannot be written; the message names the problem."""


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def start(target: str | os.PathLike[str]) -> tuple[int, str]:
    """A temporary file (descriptor, path) in the target's directory; OutputError when that is impossible."""
    directory = Path(os.path.abspath(target)).parent
    if not directory.is_dir():
        raise OutputError(f"{target}: no such directory {directory}")
    try:
        return tempfile.mkstemp(dir=directory, prefix=f".{Path(target).name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{target}: {exc.strerror or exc}") from None


def finish(tmp: str, target: str | os.PathLike[str]) -> None:
    """Give the temporary file its mode and move it over the target (or remove it and raise OutputError)."""
    try:
        os.chmod(tmp, _mode_for(Path(target)))
        os.replace(tmp, target)
    except OSError as exc:
        abandon(tmp)
        raise OutputError(f"{target}: {exc.strerror or exc}") from None


def abandon(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def write_text(target: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` atomically."""
    fd, tmp = start(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except BaseException:
        abandon(tmp)
        raise
    finish(tmp, target)
