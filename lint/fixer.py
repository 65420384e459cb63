"""``reportlint fix``: apply the deterministic repairs findings carry, to .txt and .md files.

Repairs: heading marker style and numbering, conversion junk, and the
single replacements some rules offer (dates, document numbers, addressee,
terms).  The guarantees, each checked before anything is written:

* The file keeps its encoding, byte-order mark and line endings, and the
  repaired bytes are read back by the project's reader with the same
  encoding; a repair whose characters the encoding cannot hold is left out.
* A replacement is written in the file's own script (traditional stays
  traditional) or not at all; a difference of script alone is never a repair.
* Fixing is idempotent: the repaired file is linted again and a second run
  must change nothing.  When the heading repairs would keep changing (the
  outline itself changes under them), they are left out.
* Only the lines findings point at change, and only the text the repairs name.
* A file with nothing to repair is left byte-identical (it is not even rewritten).

Writes are atomic where the file allows it (temporary file in the same
directory, fsync, rename, fsync of the directory) and keep mode and owner;
a symlink is followed to its target; a file with several hard links is
rewritten in place so that every name sees the repair.  Word, PDF and HTML
files are never modified.

The caller's loop, per file (``options``: those ``result`` was linted with)::

    try:
        outcome = fix_file(path, result, data, options, write=False)  # plans; only FixError escapes
    except FixError as exc:
        print one line: f"reportlint: {path}: {exc.render(lang)}"; next file
    if diff: print outcome.diff() when outcome.changed; next file
    if outcome.changed:
        try:
            write_atomic(path, outcome.data, original=data)
        except FixError as exc:
            print one line as above; exit status 2; stop at once when exc.fatal (Ctrl-C)
    print outcome.summary(lang) unless quiet (「已修复 …：rule ×n（未能自动修复：rule ×n）」, or "")
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import dataclasses
import difflib
import errno
import os
import re
import stat
import tempfile
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lint.memo import remember_short
from lint.normalize import BLANKS, clean_line, looks_traditional, strip_junk, to_simplified
from lint.outline import CN_DIGITS, cn_number, format_marker, renumber_marker
from lint.readers.text import decode, split_lines
from lint.rules import Finding, Fix, all_rules

if TYPE_CHECKING:
    from lint.checklist import Checklist
    from lint.document import Document
    from lint.engine import FileResult, Options

FIXABLE_FORMATS = ("txt", "md")
_SPLIT = re.compile(r"(\r\n|\r|\n)")
_BOM_CODECS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_ALL = frozenset({"junk", "marker", "replace"})
#: The sets of repair kinds tried in turn: the first whose result is settled (a second run changes
#: nothing and the bytes read back the same) is applied.  Heading repairs go first when they do not
#: settle, because they change the outline the other findings are computed from.
_TIERS = (_ALL, frozenset({"junk", "replace"}), frozenset({"junk", "marker"}), frozenset({"junk"}))
#: How many later runs a plan is checked against (each level lints the repaired text once per tier).
_DEPTH = 2
#: How many times the plan is made again on its own result before it is given up as not settling.
_ROUNDS = 5
#: Set while a repaired text is linted again, so that its hints are not settled once more.
_SETTLING: contextvars.ContextVar[bool] = contextvars.ContextVar("reportlint_settling", default=False)
#: Temporary files of ours: ``.<name>.reportlint-<pid>-<random>.tmp`` beside the file.
_TMP_INFIX = ".reportlint-"
_TMP = re.compile(r"^\.(?P<name>.+)\.reportlint-(?P<pid>\d+)-[^.]*\.tmp$")
#: Hint sentences that promise a repair by ``reportlint fix``.
_FIX_HINT = re.compile(
    r"\s*[（(][^（）()]{0,8}reportlint fix[^）)]*[）)]"  # 「改正序号（reportlint fix 可自动重新编号）。」
    r"|\s*reportlint fix[^。.]*[。.]?"  # 「reportlint fix 可自动替换。」
)


class FixError(Exception):
    """The file cannot be repaired safely; the message says why.

    ``fatal`` marks an interruption (Ctrl-C): the caller reports it and stops instead of going on
    with the next file.
    """

    def __init__(self, en: str, zh: str, fatal: bool = False):
        super().__init__(en)
        self.en, self.zh, self.fatal = en, zh, fatal

    def render(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class FixOutcome:
    path: str
    before: str = ""
    after: str = ""
    data: bytes | None = None  # the repaired bytes, None when nothing changed
    applied: Counter = field(default_factory=Counter)  # rule id → repairs really made
    skipped: Counter = field(default_factory=Counter)  # rule id → repairs offered but left out

    @property
    def changed(self) -> bool:
        return self.data is not None

    def diff(self) -> str:
        """A unified diff like ``diff -u`` prints (with its 「No newline at end of file」 marks)."""
        out = []
        for line in difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        ):
            out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
        return "".join(out)

    def summary(self, lang: str = "zh") -> str:
        """One line for the user: what was repaired, and what was offered but left out."""
        en = lang == "en"
        done = ", ".join(f"{rule} ×{n}" for rule, n in sorted(self.applied.items()))
        left = ", ".join(f"{rule} ×{n}" for rule, n in sorted(self.skipped.items()))
        if self.changed:
            line = f"fixed {self.path}: {done}" if en else f"已修复 {self.path}：{done}"
            if left:
                line += f" (not repaired: {left})" if en else f"（未能自动修复：{left}）"
            return line
        if left:
            return f"{self.path}: not repaired: {left}" if en else f"{self.path}：未能自动修复：{left}"
        return ""


def _codec(data: bytes, encoding: str) -> tuple[bytes, str]:
    for bom, name in _BOM_CODECS:
        if data.startswith(bom):
            return bom, name
    return b"", encoding


def _number_of(marker: str) -> int | None:
    m = re.search(rf"\d+|[{CN_DIGITS}]+", marker)
    return cn_number(m.group(0)) if m else None


def _apply_marker(raw: str, fixes: list[Fix]) -> str:
    old = fixes[0].old
    style = next((f.style for f in fixes if f.style), None)
    number = next((f.number for f in fixes if f.number is not None), None) or _number_of(old) or 1
    new = format_marker(style, number) if style else renumber_marker(old, number)
    start = len(raw) - len(raw.lstrip(BLANKS + "#?"))
    at = raw.find(old, start)
    if at < 0 or raw[start:at].strip(BLANKS + "#*_?"):
        return raw  # the marker is not where it should be: leave the line alone
    end = at + len(old)
    # A half-width marker followed by a space keeps no space after a full-width one.
    if style and raw[end : end + 1] == " " and new.endswith(("、", "）")):
        end += 1
    return raw[:at] + new + raw[end:]


# --- Script -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _s2t():
    import opencc  # lazy: only replacements written into traditional files pay for it

    return opencc.OpenCC("s2t")


def _to_traditional(text: str) -> str:
    return _s2t().convert(text)


@lru_cache(maxsize=2)  # a file's text is judged once, however many repairs and simulations ask
def _script_is_traditional(text: str) -> bool:
    """Whether the file is written in traditional script, counting every character OpenCC converts.

    Stricter than the reader's test (a fixed list of characters, needing five of them): a short
    traditional text, or one with few of those characters, is still traditional here.
    """
    han = _han(text)
    if not han or _plain(text):
        return False
    if looks_traditional(text):
        return True
    # Only characters outside GB2312 (which holds simplified ones) and the few of it OpenCC converts count.
    unique = sorted(ch for ch in set(han) if ch in _GB2312_CONVERTED or not _in_gb2312(ch))
    converted = to_simplified("\n".join(unique)).split("\n")
    if len(converted) != len(unique):
        return False
    marked = {a for a, b in zip(unique, converted, strict=True) if a != b}
    return 20 * sum(1 for ch in han if ch in marked) >= len(han)  # 5 %: quotations are not enough


#: The characters of GB2312 that OpenCC's t2s converts (tests/test_fix.py checks the list against OpenCC).
_GB2312_CONVERTED = frozenset("乾菸薹拚捱摺吒後徵夥榘於袷麴醣麽")


@lru_cache(maxsize=8192)
def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


_NOT_HAN = re.compile("[^\u3400-\u9fff\uf900-\ufaff]+")


def _han(text: str) -> str:
    """The Han characters of ``text``, in order."""
    return _NOT_HAN.sub("", text)


def _plain(text: str) -> bool:
    """Whether every Han character of ``text`` is a simplified one of GB2312 (no OpenCC needed)."""
    try:
        "".join(_han(text)).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _in_script(span: str, new: str, traditional: bool) -> str | None:
    """``new`` (from a rule, in simplified script) written to replace ``span`` in the file's script.

    Characters the repair does not change are copied from ``span``; changed ones are converted to
    traditional script when the file (or the span) is traditional.  None when the difference is one
    of script only (「建設」 → 「建设」 is no repair) or the conversion cannot be checked.
    """
    if not traditional and _plain(span) and _plain(new):
        return new
    simple, new_simple = to_simplified(span), to_simplified(new)
    if simple == new_simple or len(simple) != len(span):
        return None
    if not (traditional or simple != span):
        return new if new == new_simple else None
    converted = _to_traditional(new_simple)
    if len(converted) != len(new_simple):
        return None
    out = []
    matcher = difflib.SequenceMatcher(None, simple, new_simple, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        out.append(span[i1:i2] if tag == "equal" else converted[j1:j2])
    written = "".join(out)
    return written if to_simplified(written) == new_simple else None


# --- One line ---------------------------------------------------------------------------------


class _File:
    """What a repair must respect: the file's encoding and script."""

    def __init__(self, codec: str, text: str, traditional: bool):
        self.codec = codec
        self._text = text
        self._traditional: bool | None = True if traditional else None

    @property
    def traditional(self) -> bool:
        if self._traditional is None:
            self._traditional = _script_is_traditional(self._text)
        return self._traditional

    def holds(self, text: str) -> bool:
        """Whether the file's encoding can hold every character of ``text``."""
        try:
            text.encode(self.codec)
        except (UnicodeEncodeError, LookupError):
            return False
        return True


# A line is repaired alone (will the repair be made?), then with the others of its line, then
# once more in a simulation: its cleaning is remembered (short lines only, so memory stays small).
@remember_short(2000, 1024)
def _positions(raw: str) -> Sequence[int]:
    """For each character of the cleaned line (what the rules saw), its index in ``raw``."""
    positions = clean_line(raw)[2]
    # 4 bytes an index (a tuple of ints takes ~36): 1024 long lines would otherwise keep ~75 MB. Never mutated.
    return positions if isinstance(positions, range) else array("I", positions)


_without_junk = remember_short(2000, 1024)(strip_junk)


def _replacement(raw: str, fix: Fix, target: _File) -> tuple[int, int, str] | None:
    """Where a "replace" repair goes in ``raw`` and what it writes there, or None when it cannot be made.

    ``fix.old`` must start at ``fix.column`` exactly, as written or (in a file converted to simplified
    script for checking) once converted; nothing is guessed elsewhere in the line.  Conversion junk
    inside the old text (「責(zé)任」) goes with it.
    """
    if fix.column is None or not fix.old or fix.new is None:
        return None
    positions = _positions(raw)  # the characters the rules saw, as indices into ``raw``
    try:
        first = positions.index(fix.column - 1)
    except ValueError:
        return None
    kept = positions[first : first + len(fix.old)]
    if len(kept) != len(fix.old):
        return None
    span = "".join(raw[i] for i in kept)
    if span != fix.old and to_simplified(span) != fix.old:
        return None
    new = _in_script(span, fix.new, target.traditional)
    if new is None or new == raw[kept[0] : kept[-1] + 1]:
        return None
    return kept[0], kept[-1] + 1, new


def _fix_line(raw: str, items: list[tuple[Finding, Fix]], target: _File) -> tuple[str, list[Finding]]:
    """The line with its repairs made, and the findings whose repair changed it.

    Replacements first, at their columns in the original line (right to left, never overlapping),
    then conversion junk, then the heading marker.
    """
    line = raw
    done: list[Finding] = []
    places = []
    for finding, fix in items:
        if fix.kind == "replace":
            where = _replacement(raw, fix, target)
            if where is not None:
                places.append((where, finding))
    limit = len(raw)
    for (start, end, new), finding in sorted(places, key=lambda p: (-p[0][0], -p[0][1])):
        if end > limit:
            continue  # overlaps a replacement already made
        candidate = line[:start] + new + line[end:]
        if target.holds(candidate):
            line, limit = candidate, start
            done.append(finding)
    junk = [finding for finding, fix in items if fix.kind == "junk"]
    if junk and _without_junk(raw) != raw:  # (a replacement may have taken some of the junk with it)
        line = _without_junk(line)
        done.extend(junk)
    markers = [(finding, fix) for finding, fix in items if fix.kind == "marker"]
    if markers:
        candidate = _apply_marker(line, [fix for _, fix in markers])
        if candidate != line and target.holds(candidate):
            line = candidate
            done.extend(finding for finding, _ in markers)
    return line, done


# --- Will fix? --------------------------------------------------------------------------------


def _target_of(doc: Document) -> _File:
    cached = getattr(doc, "_fix_target", None)
    if cached is None:
        text = "\n".join(line.raw for line in doc.lines)
        cached = _File(doc.encoding or "utf-8", text, doc.traditional)
        doc._fix_target = cached
    return cached


def _alone(doc: Document, finding: Finding) -> tuple[str, str, list[Finding]] | None:
    """The finding's repair made on its own line: (line as written, line repaired, findings repaired), or None
    when there is no repair to try (none offered, a format fix never modifies, no such line)."""
    fix = finding.fix
    if fix is None or doc.format not in FIXABLE_FORMATS:
        return None
    line = doc.line_at(fix.lineno)
    if line is None:
        return None
    after, done = _fix_line(line.raw, [(finding, fix)], _target_of(doc))
    return line.raw, after, done


def preview_line(doc: Document, finding: Finding) -> str | None:
    """The finding's line as ``fix`` would write it with this one repair, or None (no repair, or none possible)."""
    tried = _alone(doc, finding)
    return tried[1] if tried is not None and tried[1] != tried[0] else None


def will_fix(doc: Document, finding: Finding) -> bool:
    """Whether ``reportlint fix`` would make this finding's repair (judged on its own line).

    False for findings without a repair, in files fix never modifies, and for repairs that cannot be
    made: text not where the rule says, a script change, characters the file's encoding cannot hold.
    """
    tried = _alone(doc, finding)
    return tried is not None and bool(tried[2])


def drop_unfixable(doc: Document, findings: list[Finding], options: Options | None = None) -> None:
    """Keep a repair, and a hint that names ``reportlint fix``, only where fix will make the repair.

    The finding's ``fix`` becomes None and the hint loses its 「reportlint fix …」 sentence (or
    becomes None when nothing else is left).  With ``options`` (those the document is linted with)
    the repairs are also made in memory and the result linted again, as ``fix`` does: repairs that
    would not settle (a second run would change more) are dropped too.
    """
    if _SETTLING.get():
        return  # a second run made to settle repairs: its findings are only applied, never shown
    fixable = [f for f in findings if f.fix is not None and will_fix(doc, f)]
    encoding = doc.encoding or "utf-8"
    # GB18030 and Big5 are found by detection, which a repair may sway: check it as fix does.
    detected = not encoding.lower().startswith("utf")
    # Heading repairs can change the outline under them (and so what a second run asks for); replacements
    # and junk removal in UTF-8 text cannot, so the (costly) settling simulation is run only when needed.
    unsettled = detected or any(f.fix.kind == "marker" for f in fixable)
    if fixable and unsettled and options is not None:
        text = "\n".join(line.raw for line in doc.lines)
        planner = _Planner(
            doc, findings, None, text, options, codec=encoding if detected else "utf-8", same_bytes=detected
        )
        _, done = planner.settle(text, fixable)
        fixable = done
    keep = {id(f) for f in fixable}
    left_out = []
    for finding in findings:
        if finding.fix is not None and id(finding) not in keep:
            finding.fix = None
            left_out.append(finding)
        if (
            finding.fix is None
            and finding.hint
            and "reportlint fix" in finding.hint
            and "fix --layout" not in finding.hint  # layout repairs are fix --layout's, which makes them
        ):
            hint = _FIX_HINT.sub("", finding.hint).strip()
            finding.hint = hint or None
    doc._fix_left_out = left_out  # for plan() to report them as not repaired


def _broken(text: str, findings: list[Finding]) -> set[str]:
    """The lines (their text) a numbering-sequence finding is about."""
    lines = split_lines(text)  # numbered as the findings number them (CRLF, CR or LF)
    return {lines[f.line - 1] for f in findings if f.rule == "numbering-sequence" and f.line and 0 < f.line <= len(lines)}


# --- The whole file ---------------------------------------------------------------------------


class _Planner:
    """One file's repairs: applies a set of them, and checks that the result is settled."""

    def __init__(
        self,
        doc: Document,
        findings: list[Finding],
        checklist: Checklist | None,
        text: str,
        options: Options | None,
        bom: bytes = b"",
        codec: str = "utf-8",
        same_bytes: bool = True,
    ):
        self.doc, self.findings, self.checklist, self.options = doc, findings, checklist, options
        self.bom, self.codec = bom, codec
        self.target = _File(codec, text, doc.traditional)
        #: Whether the repaired bytes must read back with the document's encoding (False: a simulation).
        self.same_bytes = same_bytes
        #: Second runs already made, by repaired text (a plan and its settling check lint the same text).
        self._relinted: dict[str, list[Finding] | None] = {}

    def apply(self, text: str, findings: list[Finding], kinds: frozenset[str]) -> tuple[str, list[Finding]]:
        parts = _SPLIT.split(text)
        lines, seps = parts[0::2], parts[1::2]
        by_line: dict[int, list[tuple[Finding, Fix]]] = {}
        for finding in findings:
            if finding.fix is not None and finding.fix.kind in kinds:
                # A finding may carry repairs of later lines too (a numbering break renumbers the rest of its run).
                for fix in (finding.fix, *getattr(finding, "more_fixes", ())):
                    by_line.setdefault(fix.lineno, []).append((finding, fix))
        done: dict[int, Finding] = {}
        for lineno, items in sorted(by_line.items()):
            if 1 <= lineno <= len(lines):
                lines[lineno - 1], made = _fix_line(lines[lineno - 1], items, self.target)
                done.update((id(f), f) for f in made)
        after = "".join(line + (seps[i] if i < len(seps) else "") for i, line in enumerate(lines))
        return after, list(done.values())

    def encode(self, text: str) -> bytes | None:
        try:
            return self.bom + text.encode(self.codec)
        except UnicodeEncodeError:
            return None

    def relint(self, text: str) -> list[Finding] | None:
        """The findings of a second run on the repaired text; None when its bytes read back otherwise."""
        if text not in self._relinted:
            if len(self._relinted) > 4:
                self._relinted.clear()
            self._relinted[text] = self._relint(text)
        return self._relinted[text]

    def _relint(self, text: str) -> list[Finding] | None:
        from lint.engine import Options, lint_document
        from lint.readers import ReadError, read_bytes

        data = self.encode(text)
        if data is None:
            return None
        try:
            doc = read_bytes(data, self.doc.path)
        except ReadError:
            return None
        if [ln.raw for ln in doc.lines] != split_lines(text):
            return None  # decoded differently
        if self.same_bytes and doc.encoding != self.doc.encoding:
            return None  # re-detected as another encoding
        options = self.options
        if options is None:
            # Without the caller's options, a second run is assumed to check what the first reported.
            options = Options(self.checklist, select=frozenset(f.rule for f in self.findings))
        # Only repairs decide whether a second run changes more: run the rules that can offer one.
        select = frozenset(rid for rid, rule in all_rules().items() if rule.repairs and options.enabled(rid))
        if not select:
            return []
        options = dataclasses.replace(options, select=select)
        token = _SETTLING.set(True)
        try:
            return lint_document(doc, options).findings
        finally:
            _SETTLING.reset(token)

    def settle(self, text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
        """The repaired text and the findings repaired, such that a second ``fix`` changes nothing.

        :meth:`choose` checks each plan against later runs only so deep; a plan whose second run
        would still change something (a renumbering that re-levels the outline, and so on) is made
        again on its own result, up to ``_ROUNDS`` times, until the text no longer changes.  A text that
        does not settle is left as it was.  When the settled renumbering leaves a numbering sequence
        broken where it was not, no heading is renumbered: only the other repairs are made.
        """
        after, done = self._settle(text, findings)
        if after != text and any(f.fix is not None and f.fix.kind == "marker" for f in done):
            # Renumbering that settles by numbering the report over (sections moved: 「四、」 first) can leave
            # a sequence broken where it was not (「（一）（一）（五）」): then only the other repairs are made.
            final = self.relint(after)
            if final is None or _broken(after, final) - _broken(text, findings):
                return self._settle(text, findings, markers=False)
        return after, done

    def _settle(self, text: str, findings: list[Finding], markers: bool = True) -> tuple[str, list[Finding]]:
        current, repaired = text, []
        for _ in range(_ROUNDS):
            if not markers:
                findings = [f for f in findings if f.fix is None or f.fix.kind != "marker"]
            after, done = self.choose(current, findings, _DEPTH)
            if after == current:
                return current, repaired  # the next run makes this same plan: nothing
            current, repaired = after, repaired + done
            again = self.relint(current)
            if again is None:
                return text, []
            findings = again
        return text, []  # still changing: leave the file alone

    def choose(self, text: str, findings: list[Finding], depth: int) -> tuple[str, list[Finding]]:
        """The repaired text and the findings repaired, for the first tier whose result is settled."""
        for kinds in _TIERS:
            after, done = self.apply(text, findings, kinds)
            if after == text:
                continue
            if depth == 0:
                return after, done
            again = self.relint(after)
            if again is not None and self.choose(after, again, depth - 1)[0] == after:
                return after, done
        return text, []


def plan(result: FileResult, data: bytes, options: Options | None = None) -> FixOutcome:
    """Compute the repaired file for a lint result of ``data`` (nothing is written).

    ``options`` are the options ``result`` was linted with; the repaired text is linted again with
    them to make sure a second run would change nothing (without them: the rules ``result`` reported).
    """
    doc = result.document
    outcome = FixOutcome(result.path)
    if doc is None:
        return outcome
    if doc.format not in FIXABLE_FORMATS:
        raise FixError(
            f"{doc.format} files are never modified by fix (only .txt, .md and .docx)",
            f"fix 不修改 {doc.format} 文件（只修复 .txt、.md 和 .docx）",
        )
    text, encoding = decode(data)
    bom, codec = _codec(data, encoding)
    if bom and text.startswith("\ufeff"):
        text = text[1:]
    try:
        roundtrip = bom + text.encode(codec)
    except (UnicodeEncodeError, LookupError):
        roundtrip = b""
    if roundtrip != data:
        raise FixError(
            f"cannot re-encode the file as {encoding} without changing it; not fixed",
            f"无法按 {encoding} 原样写回该文件，未修复",
        )
    planner = _Planner(doc, result.findings, result.checklist, text, options, bom, codec)
    after, done = planner.settle(text, result.findings)
    outcome.before, outcome.after = text, after
    outcome.applied = Counter(f.rule for f in done)
    made = {id(f) for f in done}
    left_out = {id(f) for f in getattr(doc, "_fix_left_out", ())}
    outcome.skipped = Counter(
        f.rule for f in result.findings if id(f) in left_out or (f.fix is not None and id(f) not in made)
    )
    if after != text:
        outcome.data = planner.encode(after)
    return outcome


# --- Writing ----------------------------------------------------------------------------------


def _os_error(exc: OSError, wrote: bool = False) -> FixError:
    state_en = "the file may be incomplete" if wrote else "file left unchanged"
    state_zh = "文件可能不完整" if wrote else "文件未修改"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return FixError(f"no space left on the device; {state_en}", f"磁盘空间不足，{state_zh}")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FixError(f"permission denied; {state_en}", f"没有写入权限，{state_zh}")
    if exc.errno == errno.EROFS:
        return FixError(f"read-only file system; {state_en}", f"只读文件系统，{state_zh}")
    if exc.errno == errno.ENOENT:
        return FixError(f"the file disappeared while being fixed; {state_en}", f"修复期间文件被删除，{state_zh}")
    reason = exc.strerror or str(exc)
    return FixError(f"cannot write the file ({reason}); {state_en}", f"无法写入文件（{reason}），{state_zh}")


def _interrupted(replaced: bool) -> FixError:
    if replaced:
        return FixError("interrupted; the file was already repaired", "已中断；该文件已修复", fatal=True)
    return FixError("interrupted; file left unchanged", "已中断；文件未修改", fatal=True)


def clean_stale(path: str | os.PathLike[str]) -> list[str]:
    """Remove the temporary files an interrupted ``fix`` of ``path`` left beside it (``kill -9``).

    Only ours (``.<name>.reportlint-<pid>-….tmp``) and only when process ``pid`` is gone, so that a
    fix running at the same time keeps its own.  Returns the names removed.
    """
    target = Path(os.path.realpath(path))
    removed = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        m = _TMP.match(name)
        if not m or m.group("name") != target.name or _alive(int(m.group("pid"))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(target.parent / name)
            removed.append(name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours are never left over from this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _fsync_dir(directory: str) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # not every file system syncs directories
            os.fsync(fd)
    finally:
        os.close(fd)


def _writable(st: os.stat_result, path: str) -> bool:
    # The mode bits first: root may write anything, but a 0444 file says "do not change me".
    return bool(st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(path, os.W_OK)


def write_atomic(path: str | os.PathLike[str], data: bytes, original: bytes | None = None) -> None:
    """Replace the file's content, keeping mode and owner; raise :class:`FixError` on any failure.

    ``original``: the bytes the repair was planned from; the file is left alone when it no longer
    holds them (changed by someone else meanwhile).  A symlink is followed and its target written.
    A file with several hard links is written in place, so all its names keep sharing the content
    (a rename would give the repaired text to this name only); otherwise a temporary file beside it
    is written, synced and renamed over it, so that a crash leaves either the old or the new file.
    No temporary file is left behind, and stale ones of ours are removed first.
    """
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
        if not stat.S_ISREG(st.st_mode):
            raise FixError("not a regular file; not fixed", "不是普通文件，未修复")
        if not _writable(st, target):
            raise FixError("the file is read-only; not fixed", "文件只读，未修复")
        if original is not None and Path(target).read_bytes() != original:
            raise FixError(
                "the file changed while it was being fixed; not fixed", "修复期间文件已被改动，未修复"
            )
    except OSError as exc:
        raise _os_error(exc) from None
    except KeyboardInterrupt:
        raise _interrupted(False) from None
    clean_stale(target)
    if st.st_nlink > 1 or not _replace(target, data, st):
        _write_in_place(target, data)


def _replace(target: str, data: bytes, st: os.stat_result) -> bool:
    """Write ``data`` to a temporary file and rename it over ``target``; False when only an in-place
    write can keep the file's owner (or the directory takes no new file)."""
    directory = os.path.dirname(target) or "."
    name = os.path.basename(target)
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}{_TMP_INFIX}{os.getpid()}-", suffix=".tmp")
    except PermissionError:
        return False
    except OSError as exc:
        raise _os_error(exc) from None
    replaced = False
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                    try:
                        os.fchown(fh.fileno(), st.st_uid, st.st_gid)
                    except PermissionError:
                        return False  # (the temporary file is removed below)
                os.fchmod(fh.fileno(), stat.S_IMODE(st.st_mode))
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
            replaced = True
        finally:
            if not replaced:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        _fsync_dir(directory)
    except OSError as exc:
        raise _os_error(exc) from None
    except KeyboardInterrupt:
        raise _interrupted(replaced) from None
    return True


def _write_in_place(target: str, data: bytes) -> None:
    """Overwrite the file through its own inode; on failure put the old content back."""
    try:
        with open(target, "r+b") as fh:
            before = fh.read()
            try:
                fh.seek(0)
                fh.write(data)
                fh.truncate()
                fh.flush()
                os.fsync(fh.fileno())
            except BaseException:
                with contextlib.suppress(OSError):
                    fh.seek(0)
                    fh.write(before)
                    fh.truncate()
                    fh.flush()
                    os.fsync(fh.fileno())
                raise
    except OSError as exc:
        raise _os_error(exc) from None
    except KeyboardInterrupt:
        raise _interrupted(False) from None


def fix_file(
    path: str, result: FileResult, data: bytes, options: Options | None = None, write: bool = True
) -> FixOutcome:
    """Plan the repairs of one file linted from ``data`` and, with ``write``, make them.

    Raises :class:`FixError` (one line for the user) whatever goes wrong; nothing is written then.
    """
    try:
        outcome = plan(result, data, options)
    except FixError:
        raise
    except Exception as exc:  # noqa: BLE001 - a bug in one repair must not stop a whole directory
        raise FixError(
            f"cannot be repaired safely ({type(exc).__name__}); left unchanged",
            f"无法安全修复（{type(exc).__name__}），文件未修改",
        ) from exc
    if write and outcome.changed:
        write_atomic(path, outcome.data, original=data)
    return outcome
