"""The ``check`` command's flow: runner stream → baseline → severity filter → formatter → exit code."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO

from lint.engine import FileResult
from lint.formatters import Tally, make
from lint.rules import SEVERITY_RANK
from lint.runner import Item, Planner, UsageError, stream


@dataclass
class CheckOptions:
    fmt: str = "text"
    output: str | None = None
    fail_on: str = "error"
    #: Lowest severity shown (and counted); None shows everything.
    min_severity: str | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    jobs: int = 1
    no_color: bool = False
    quiet: bool = False
    summary: bool = False
    stdin_filename: str | None = None
    #: Last year's report of the same unit (``--previous``): paragraphs copied from it are reported.
    previous: str | None = None


def _shown(result: FileResult, min_severity: str | None) -> FileResult:
    if min_severity is None or result.error is not None:
        return result
    floor = SEVERITY_RANK[min_severity]
    result.findings = [f for f in result.findings if SEVERITY_RANK[f.severity] >= floor]
    return result


def read_stdin(stdin_filename: str | None, lang: str) -> bytes:
    """Standard input's bytes; Word and PDF bytes without --stdin-filename are a usage error."""
    data = sys.stdin.buffer.read()
    if stdin_filename is None:
        kind = ".docx" if data.startswith(b"PK\x03\x04") else ".pdf" if data.startswith(b"%PDF") else None
        if kind is not None:
            raise UsageError(
                f"standard input holds a {kind} file: name it with --stdin-filename report{kind}"
                if lang == "en"
                else f"标准输入是 {kind} 文件：请用 --stdin-filename 报告{kind} 指明文件类型"
            )
    return data


def _no_dir(path: str, lang: str) -> str:
    folder = os.path.dirname(os.path.abspath(path))
    return f"{path}: no such folder {folder}" if lang == "en" else f"{path}：文件夹 {folder} 不存在"


def _isatty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _previous_digest(path: str, planner: Planner):
    """The digest of last year's report, or a usage error when it cannot be read."""
    from lint.copied import digest
    from lint.runner import safe_lint

    last = safe_lint(path, planner)
    if last.error is not None:
        raise UsageError(f"{path}: {last.error}")
    return digest(last, planner.lang)


def with_previous(result: FileResult, before, planner: Planner) -> FileResult:
    """Add ``copied-report`` findings against last year's report (where the file was linted), then slim."""
    from lint.copied import COPY_RULE_ID, compare, digest
    from lint.runner import slim

    if before is not None and result.error is None:
        options = planner.options_for(result.path)
        current = digest(result, planner.lang)
        if current is not None and options.enabled(COPY_RULE_ID):
            for f in compare(current, before, planner.lang):
                f.severity = options.severity.get(f.rule, f.severity)
                result.findings.append(f)
    return slim(result)


_RENDERERS: dict[int, tuple] = {}


def render_in_worker(result: FileResult, spec: tuple):
    """In a ``--jobs`` worker: last year's comparison, the severity filter, then the file's output as text.
    Returns (summary row, (stdout text, stderr text)) — all the parent needs."""
    from lint.formatters import make, row_of

    fmt, lang, options, min_severity, before, planner = spec
    if before is not None:
        result = with_previous(result, before, planner)
    _shown(result, min_severity)
    # One formatter per run: keyed by the spec object, which the entry keeps alive (so its id is never reused).
    entry = _RENDERERS.get(id(spec))
    if entry is None or entry[0] is not spec:
        import io

        entry = _RENDERERS[id(spec)] = (spec, make(fmt, io.StringIO(), lang, **options))
    return row_of(result), entry[1].render(result)


def run(items: list[Item], planner: Planner, opts: CheckOptions, out: TextIO, err: TextIO) -> int:
    """Lint the items, write the report, return the exit code."""
    lang = planner.lang
    fmt = opts.fmt
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    stdin_data = None
    if any(i.path == "-" for i in items):
        stdin_data = read_stdin(opts.stdin_filename, lang)

    baseline = None
    if opts.baseline:
        from lint.baseline import Baseline, BaselineError

        try:
            baseline = Baseline.load(opts.baseline)
        except BaselineError as exc:
            from lint.messages_zh import zh

            raise UsageError(f"{opts.baseline}: {exc if lang == 'en' else zh(str(exc))}") from None
    from lint import atomic

    recorder = None
    if opts.write_baseline:
        from lint.baseline import Recorder

        if not os.path.isdir(os.path.dirname(os.path.abspath(opts.write_baseline))):
            raise UsageError(_no_dir(opts.write_baseline, lang))
        recorder = Recorder(opts.write_baseline)

    target: TextIO = out
    tmp_path = None
    if opts.output and recorder is None:
        if not os.path.isdir(os.path.dirname(os.path.abspath(opts.output))):
            raise UsageError(_no_dir(opts.output, lang))
        for item in items:
            if item.path != "-" and os.path.exists(opts.output) and os.path.samefile(item.path, opts.output):
                raise UsageError(
                    f"{opts.output}: is one of the files checked; write the report elsewhere"
                    if lang == "en"
                    else f"{opts.output}：是被检查的文件之一，请把报告写到别处"
                )
        try:
            fd, tmp_path = atomic.start(opts.output)
        except atomic.OutputError as exc:
            raise UsageError(str(exc)) from None
        target = open(fd, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed below
    formatter = make(
        fmt,
        target,
        lang,
        err=err,
        quiet=opts.quiet,
        no_color=opts.no_color or target is not out,
        summary=opts.summary,
        fail_on=opts.fail_on,
        to_file=tmp_path is not None,
    )
    tally = Tally()
    try:
        if recorder is None:
            formatter.start()
        transform, args = None, ()
        before = _previous_digest(opts.previous, planner) if opts.previous else None
        if opts.previous:
            transform, args = with_previous, (before, planner)
        in_workers = opts.jobs != 1 and formatter.renders_in_workers and baseline is None and recorder is None
        if in_workers:
            # Workers lint, filter and render; the parent only writes, in order.
            spec = (fmt, lang, formatter.worker_options(), opts.min_severity, before, planner)
            transform, args = render_in_worker, (spec,)
        results = stream(items, planner, opts.jobs, opts.stdin_filename, stdin_data, transform, args)
        if len(items) > 1 and not _isatty(target):
            # Output goes to a file or pipe: a progress bar on stderr, when stderr is a terminal.
            from lint.progress import track

            results = track(results, len(items), "检查" if lang == "zh" else "checking", err)
        for result in results:
            if in_workers:
                row, rendered = result
                tally.add_row(row)
                formatter.emit(rendered)
                continue
            if recorder is not None:
                recorder.add(result)
                tally.add(result)
                continue
            if baseline is not None:
                baseline.filter(result)
            _shown(result, opts.min_severity)
            tally.add(result)
            formatter.file(result)
        if recorder is None:
            formatter.end(tally)
    except BaseException:
        if tmp_path is not None:
            target.close()
            atomic.abandon(tmp_path)
        raise
    if recorder is not None:
        count = recorder.write()
        err.write(
            f"已将 {count} 条结果写入基线 {opts.write_baseline}\n"
            if lang == "zh"
            else f"wrote {count} findings to baseline {opts.write_baseline}\n"
        )
        return 2 if tally.unreadable else 0
    if tmp_path is not None:
        target.close()
        try:
            atomic.finish(tmp_path, opts.output)
        except atomic.OutputError as exc:
            raise UsageError(str(exc)) from None
        if not opts.quiet:
            from lint.formatters.text import summary_line

            stream_ = out if fmt == "text" else err
            stream_.write(summary_line(tally, lang) + "\n")
    return tally.exit_code(opts.fail_on)
