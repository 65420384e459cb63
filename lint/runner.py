"""The runner: paths → files → per-file options → a stream of results.

Every command that lints files (``check``, ``fix``, ``outline``, ``review``,
``annotate``) goes through here, so walking, exclusion, de-duplication, the
configuration's per-folder checklists, ``--jobs`` and error isolation work the
same everywhere.  The flow is one-way::

    collect(paths) ─▶ [Item] ─▶ stream(items, planner) ─▶ FileResult, FileResult, … (in input order)

One bad file becomes one ``FileResult`` with an ``error``; the others are
still linted, with ``--jobs`` too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lint.checklist import (
    DEFAULT_CHECKLIST,
    ChecklistError,
    builtin_dir,
    builtin_ids,
    is_file_ref,
    load_checklist,
)
from lint.config import Config
from lint.engine import FileResult, Options, lint_file
from lint.yamlspec import confined

#: Word formats reportlint cannot read; named so the user knows what to do.
OLD_WORD = (".doc", ".wps", ".wpt", ".dot")


class UsageError(Exception):
    """A problem with what the user asked for (not with one file): one line, exit 2."""


@dataclass(frozen=True)
class Item:
    """One input: a path on disk, ``-`` for standard input, or a path already known to be unusable."""

    path: str
    error_en: str | None = None
    error_zh: str | None = None

    def error(self, lang: str) -> str | None:
        return self.error_en if lang == "en" else self.error_zh


def _soffice() -> str | None:
    from shutil import which

    return which("soffice") or which("libreoffice")


def _old_word(path: str) -> Item:
    tool = _soffice()
    if tool:
        en = f"old Word format: convert it with `{Path(tool).name} --headless --convert-to docx {path}` or save as .docx"
        zh = f"旧版 Word 格式：请另存为 .docx（或用 `{Path(tool).name} --headless --convert-to docx {path}` 转换）"
    else:
        en = "old Word/WPS format: save it as .docx in Word or WPS, then check the .docx"
        zh = "旧版 Word/WPS 格式：请在 Word 或 WPS 中另存为 .docx 后再检查"
    return Item(path, en, zh)


def _special(path: str, info: os.stat_result) -> Item | None:
    """An Item with an error for anything that is not a regular file (never opened)."""
    if stat.S_ISREG(info.st_mode):
        return None
    if stat.S_ISFIFO(info.st_mode):
        return Item(path, "a FIFO (named pipe), not a file: not read", "是命名管道（FIFO），不是文件，未读取")
    return Item(path, "a device or socket, not a file: not read", "是设备或套接字，不是文件，未读取")


def collect(paths: Iterable[str], excluded=None) -> list[Item]:
    """Expand directories to the report files they hold (stable order), without duplicates.

    Walking keeps to regular files inside the tree: symlinks to files inside the
    walked directory are followed, symlinks leading out of it are reported,
    devices and FIFOs are reported and never opened.  Hidden files and folders
    are skipped.  Files named explicitly are taken whatever their extension (the
    reader then says if the type is unsupported), but must be regular files.
    """
    from lint.readers import supported

    out: list[Item] = []
    seen: set[str] = set()

    def add(item: Item) -> None:
        key = item.path if item.path == "-" else os.path.realpath(item.path)
        if key in seen:
            return
        seen.add(key)
        out.append(item)

    for p in paths:
        if p == "-":
            add(Item("-"))
            continue
        try:
            info = os.stat(p)
        except OSError:
            add(Item(p))  # the reader reports "no such file" / permission problems in one line
            continue
        if not stat.S_ISDIR(info.st_mode):
            if excluded is not None and excluded(p):
                continue
            special = _special(p, info)
            if special is not None:
                add(special)
            elif Path(p).suffix.lower() in OLD_WORD:
                add(_old_word(p))
            else:
                add(Item(p))
            continue
        root_real = os.path.realpath(p)
        found: list[Item] = []
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d)))
            for name in files:
                if name.startswith("."):
                    continue
                full = os.path.join(root, name)
                suffix = Path(name).suffix.lower()
                if not supported(name) and suffix not in OLD_WORD:
                    continue
                if excluded is not None and excluded(full):
                    continue
                if os.path.islink(full):
                    target = os.path.realpath(full)
                    if os.path.commonpath([root_real, target]) != root_real:
                        found.append(
                            Item(
                                full,
                                "symbolic link leading out of the checked folder: not followed",
                                "符号链接指向所检查的文件夹之外，未跟随",
                            )
                        )
                        continue
                try:
                    info = os.stat(full)
                except OSError:
                    found.append(Item(full))
                    continue
                special = _special(full, info)
                if special is not None:
                    found.append(special)
                elif suffix in OLD_WORD:
                    found.append(_old_word(full))
                else:
                    found.append(Item(full))
        for item in sorted(found, key=lambda i: i.path):
            add(item)
    return out


class Planner:
    """Options per file: the checklist may differ by folder (configuration ``overrides``).

    ``checklist_ref`` from the command line is taken as given; a checklist file
    named in the configuration must lie under the configuration's directory.
    Raises ``ChecklistError`` for a checklist that cannot be loaded.
    """

    def __init__(
        self,
        config: Config,
        checklist_ref: str | None,
        lang: str,
        select: frozenset[str] = frozenset(),
        ignore: frozenset[str] = frozenset(),
        layout_profile: str | None = None,
    ) -> None:
        self.config, self.checklist_ref, self.lang = config, checklist_ref, lang
        self.select, self.ignore = select, ignore
        self.layout_profile = layout_profile
        self.cache: dict[str, Options] = {}

    def _options(self, checklist, **extra) -> Options:
        return Options(
            checklist,
            self.lang,
            self.select,
            self.ignore,
            severity=dict(self.config.severity),
            accepts=self.config.accepts if self.config.scoped_ignores else None,
            layout_profile=self.layout_profile,
            **extra,
        )

    def options_for(self, path: str) -> Options:
        ref = self.checklist_ref or self.config.checklist_for(path)
        if ref is None:
            # No checklist given: choose per document among the built-ins that say how to recognise them.
            if "<auto>" not in self.cache:
                candidates = tuple(c for c in (load_checklist(i) for i in builtin_ids()) if c.detect)
                self.cache["<auto>"] = self._options(
                    None, candidates=candidates, fallback=load_checklist(DEFAULT_CHECKLIST)
                )
            return self.cache["<auto>"]
        if ref not in self.cache:
            resolved = ref
            if not self.checklist_ref and is_file_ref(ref):
                # Checklist files in the configuration are relative to its directory and stay under it.
                target = confined(ref, self.config.base, builtin_dir())
                if target is None:
                    where = str(self.config.path or "configuration")
                    raise ChecklistError(
                        [(where, None, f"checklist '{ref}' must be a file in the configuration's directory or below it")]
                    )
                resolved = str(target)
            self.cache[ref] = self._options(load_checklist(resolved))
        return self.cache[ref]


# --------------------------------------------------------------------------- streaming results


def _item_result(item: Item, planner: Planner, stdin_name: str | None, stdin_data: bytes | None) -> FileResult:
    if item.error_en is not None:
        return FileResult(item.path, error=item.error(planner.lang))
    if item.path == "-":
        name = stdin_name or "<stdin>"
        return safe_lint(name, planner, stdin_data or b"")
    return safe_lint(item.path, planner)


def safe_lint(path: str, planner: Planner, data: bytes | None = None) -> FileResult:
    """``lint_file`` that never raises: an unexpected failure is that file's one-line error."""
    try:
        return lint_file(path, planner.options_for(path), data=data)
    except ChecklistError:
        raise
    except RecursionError:
        return FileResult(path, error=_internal(planner.lang, "nested too deeply to read"))
    except MemoryError:
        return FileResult(path, error=_internal(planner.lang, "too large to read in memory"))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        return FileResult(path, error=_internal(planner.lang, f"{type(exc).__name__}: {exc}"))


def _internal(lang: str, what: str) -> str:
    what = what.splitlines()[0][:200] if what else ""
    return f"internal error: {what}" if lang == "en" else f"内部错误：{what}"


_WORKER: tuple | None = None


def _init_worker(planner: Planner, transform, args: tuple) -> None:
    global _WORKER
    import signal

    _WORKER = (planner, transform, args)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the pool


def _finish(result: FileResult, transform, args: tuple):
    return slim(result) if transform is None else transform(result, *args)


def _work(path: str):
    assert _WORKER is not None
    planner, transform, args = _WORKER
    return _finish(safe_lint(path, planner), transform, args)


def slim(result: FileResult) -> FileResult:
    """Keep of a result only what output needs: the document's lines that findings, headings and
    the title point at.  Workers send back slim results; formatters never need more."""
    doc = result.document
    if doc is None:
        return result
    keep = {f.line for f in result.findings if f.line is not None}
    if result.outline is not None:
        keep.update(h.lineno for h in result.outline.headings)
        if result.outline.title is not None:
            keep.add(result.outline.title.line.lineno)
        if result.outline.addressee is not None:
            keep.add(result.outline.addressee.lineno)
    # The front matter (title, unit, opening) and the back (signature, date) stay too: review and csv read them.
    keep.update(ln.lineno for ln in doc.lines[:40])
    keep.update(ln.lineno for ln in doc.lines[-20:])
    doc.lines = [ln for ln in doc.lines if ln.lineno in keep]
    for ln in doc.lines:
        ln.positions = None  # columns are already in the findings
    doc.__dict__.pop("_by_lineno", None)
    return result


def stream(
    items: list[Item],
    planner: Planner,
    jobs: int = 1,
    stdin_name: str | None = None,
    stdin_data: bytes | None = None,
    transform=None,
    args: tuple = (),
) -> Iterator:
    """Lint the items and yield their results in input order, one at a time.

    ``transform(result, *args)`` (a module-level function) turns each result into what the caller keeps —
    applied where the file was linted, so ``--jobs`` workers send back only that; without it, results
    from workers are slimmed to what output needs.
    """
    disk = [i.path for i in items if i.path != "-" and i.error_en is None]
    for path in disk:
        planner.options_for(path)  # a bad configured checklist stops the run before any output
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs <= 1 or len(disk) < 2:
        for item in items:
            result = _item_result(item, planner, stdin_name, stdin_data)
            yield result if transform is None else transform(result, *args)
        return
    import multiprocessing

    workers = min(jobs, len(disk))
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(planner, transform, args))
    try:
        linted = pool.imap(_work, disk, chunksize=max(1, min(16, len(disk) // (workers * 8) or 1)))
        for item in items:
            if item.path != "-" and item.error_en is None:
                yield next(linted)
            else:
                result = _item_result(item, planner, stdin_name, stdin_data)
                yield result if transform is None else transform(result, *args)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
