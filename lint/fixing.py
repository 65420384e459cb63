"""The ``fix`` command's flow (and ``check --fix``): lint each file, plan its repairs, write or diff them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from lint.runner import Item, Planner


@dataclass
class FixRun:
    changed: bool = False
    failed: bool = False


def fix_items(
    items: list[Item],
    planner: Planner,
    out: TextIO,
    err: TextIO,
    diff: bool = False,
    quiet: bool = False,
    report_errors: bool = True,
    layout: bool = False,
) -> FixRun:
    """Repair the files (or print diffs).  ``report_errors=False`` leaves unreadable files to the lint
    run that follows (``check --fix``)."""
    from lint.fixer import FixError, fix_file, write_atomic
    from lint.runner import safe_lint

    lang = planner.lang
    run = FixRun()

    def problem(path: str, message: str) -> None:
        run.failed = True
        if report_errors:
            err.write(f"reportlint: {path}: {message}\n")

    for item in items:
        path = item.path
        if item.error_en is not None:
            problem(path, item.error(lang) or "")
            continue
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            problem(path, "no such file" if lang == "en" else "文件不存在")
            continue
        except PermissionError:
            problem(path, "permission denied" if lang == "en" else "没有读取权限")
            continue
        except OSError as exc:
            problem(path, exc.strerror or str(exc))
            continue
        result = safe_lint(path, planner, data)
        # Laid out only when the layout rules find something: a conforming document is left as it is.
        lay_out = layout and path.lower().endswith(".docx") and any(f.rule.startswith("layout-") for f in result.findings)
        if result.error is not None:
            problem(path, result.error)
            continue
        if any(f.rule == "encoding-damage" for f in result.findings) or (
            result.document is not None and any("\ufffd" in ln.raw for ln in result.document.lines)
        ):
            err.write(
                f"reportlint: {path}: "
                + (
                    "holds \ufffd for lost characters (encoding-damage): restore them and save the file as UTF-8, then fix"
                    if lang == "en"
                    else "含「\ufffd」，原字符已丢失（encoding-damage）：请先补上丢失的字符并另存为 UTF-8，再运行 fix"
                )
                + "\n"
            )
            continue
        try:
            if result.document is not None and result.document.format == "docx":
                from lint.docx_fix import plan as docx_plan

                outcome = docx_plan(result, data, planner.options_for(path))
            else:
                outcome = fix_file(path, result, data, planner.options_for(path), write=False)
        except FixError as exc:
            err.write(f"reportlint: {path}: {exc.render(lang)}\n")
            continue
        if diff:
            if outcome.changed:
                run.changed = True
                out.write(outcome.diff())
            if lay_out:
                _fix_layout(path, outcome.data or data, planner, out, err, diff, quiet, run, problem)
            continue
        if outcome.changed:
            try:
                write_atomic(path, outcome.data, original=data)
            except FixError as exc:
                problem(path, exc.render(lang))
                if exc.fatal:
                    break
                continue
            run.changed = True
        # Files with nothing repaired stay silent (their findings, hints without a fix promise, say the rest).
        line = outcome.summary(lang) if outcome.changed else ""
        if line and not quiet:
            out.write(line + "\n")
        if lay_out:  # the text repairs first, then the layout of the repaired document
            _fix_layout(path, outcome.data or data, planner, out, err, diff, quiet, run, problem)
    return run


def _fix_layout(path: str, data: bytes, planner: Planner, out, err, diff: bool, quiet: bool, run: FixRun, problem) -> bool:
    """``fix --layout`` on one .docx: lay it out to the layout profile (text unchanged), atomically."""
    from lint.fixer import FixError, write_atomic
    from lint.layout import DEFAULT_PROFILE, fix_layout
    from lint.readers import ReadError

    lang = planner.lang
    try:
        new = fix_layout(data, path, planner.layout_profile or DEFAULT_PROFILE)
    except ReadError as exc:
        problem(path, exc.render(lang))
        return False
    except Exception as exc:  # noqa: BLE001 - one document must not stop the others
        problem(path, f"cannot be laid out ({type(exc).__name__}); left unchanged" if lang == "en" else f"无法重排版式（{type(exc).__name__}），文件未修改")
        return False
    if _same_package(new, data):
        return True
    run.changed = True
    if diff:
        out.write(f"{path}: would be laid out to the layout profile\n" if lang == "en" else f"{path}：将按版式配置重排\n")
        return True
    try:
        write_atomic(path, new, original=data)
    except FixError as exc:
        problem(path, exc.render(lang))
        return False
    if not quiet:
        out.write(f"laid out {path} to the layout profile\n" if lang == "en" else f"已按版式配置重排 {path}\n")
    return True


def _same_package(a: bytes, b: bytes) -> bool:
    """Whether two .docx packages hold the same parts (zip timestamps and compression aside)."""
    import io
    import zipfile

    if a == b:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(a)) as za, zipfile.ZipFile(io.BytesIO(b)) as zb:
            names = sorted(za.namelist())
            if names != sorted(zb.namelist()):
                return False
            return all(za.read(n) == zb.read(n) for n in names)
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
