"""Accuracy of reportlint over the hand-labelled corpus of real reports (tests/corpus/).

    python benchmarks/accuracy.py [--verbose | --json]

Prints title, year, checklist and level-1 heading accuracy, then per rule the findings raised and how many
are real (match a labelled defect), false or not judged, with the precision real / (real + false), and the
false missing-section / section-order / missing-table errors by file.  The non-reports are listed apart.

A finding is *not judged* when the labels cannot tell: on a partial copy (a page's opening only) a section
missing from the copy may simply come after the cut, and so may an element, table or body of its last section
(a section the copy does show is judged: calling it missing is false); on a copy
whose punctuation the page store folded to ASCII (``folded_punctuation``), a half-width bracket in a heading
marker is the store's, not the author's; an entry may also list ``unjudged`` findings explicitly.

tests/test_corpus.py uses the same code: what this script prints as a miss must be listed in the entry's
``known_misses``, so a regression fails the tests and a fix shows up as a list to shrink.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lint.checklist import DEFAULT_CHECKLIST, builtin_ids, load_checklist  # noqa: E402
from lint.engine import FileResult, Options, lint_file  # noqa: E402
from lint.outline import compact  # noqa: E402
from lint.rules import Finding, all_rules  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
LABELS = CORPUS / "labels.yaml"

#: The built-in checklist whose section ids label each kind of report.
KIND_CHECKLIST = {"fazhi": "fazhi-2019", "xxgk": "xxgk-2021", "not-report": None}
FORMS = {"web-text", "text", "html", "pdf", "docx", "generated-pdf", "generated-docx"}
LEVELS = {"town", "county", "city", "province", "department", "national"}
#: Items of ``known_misses`` besides rule ids.
MISS_ITEMS = {"title", "year", "headings", "checklist", "not-report"}
KEYS = {
    "file", "source", "kind", "form", "level", "title", "year", "headings", "defects", "known_misses",
    "partial", "folded_punctuation", "not_defects", "unjudged", "not_report", "note", "generated_from",
}  # fmt: skip
#: Findings about the body of a section, which a partial copy cannot judge for its last section.
TAIL_RULES = {"empty-section", "missing-table"}
#: The errors the product must never raise falsely over the corpus.
STRUCTURAL_ERRORS = ("missing-section", "section-order", "missing-table")
CORPUS_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}


def load_labels(path: Path = LABELS) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of entries")
    return data


def entry_path(entry: dict[str, Any]) -> Path:
    return (CORPUS / entry["file"]).resolve()


def corpus_files() -> list[Path]:
    """The documents stored in tests/corpus/ (labels and notes excluded)."""
    return sorted(
        p
        for p in CORPUS.iterdir()
        if p.is_file() and p.suffix.lower() in CORPUS_SUFFIXES and p.name != "README.md"
    )


def validate(entries: list[dict[str, Any]]) -> list[str]:
    """Every problem of the labels, one line each (empty when valid)."""
    problems: list[str] = []
    rules = set(all_rules())
    seen: set[str] = set()
    for i, e in enumerate(entries):
        where = f"entry {i + 1} ({e.get('file', '?')})"
        for key in set(e) - KEYS:
            problems.append(f"{where}: unknown key {key!r}")
        if not e.get("file"):
            problems.append(f"{where}: no file")
            continue
        if e["file"] in seen:
            problems.append(f"{where}: labelled twice")
        seen.add(e["file"])
        if not entry_path(e).is_file():
            problems.append(f"{where}: file does not exist")
        if not e.get("source"):
            problems.append(f"{where}: no source")
        kind = e.get("kind")
        if kind not in KIND_CHECKLIST:
            problems.append(f"{where}: kind {kind!r} is not one of {sorted(KIND_CHECKLIST)}")
            continue
        if e.get("form") not in FORMS:
            problems.append(f"{where}: form {e.get('form')!r} is not one of {sorted(FORMS)}")
        if e.get("level") not in LEVELS:
            problems.append(f"{where}: level {e.get('level')!r} is not one of {sorted(LEVELS)}")
        if str(e.get("form", "")).startswith("generated") and not e.get("generated_from"):
            problems.append(f"{where}: a generated rendition must name the file it was generated_from")
        for miss in e.get("known_misses") or []:
            if miss not in MISS_ITEMS and miss not in rules:
                problems.append(f"{where}: known_misses item {miss!r} is neither {sorted(MISS_ITEMS)} nor a rule id")
        if kind == "not-report":
            if e.get("not_report") is not True:
                problems.append(f"{where}: a not-report entry needs not_report: true")
            continue
        if "title" not in e or "year" not in e:
            problems.append(f"{where}: title and year must be labelled (null when absent)")
        year = e.get("year")
        if year is not None and not (isinstance(year, int) and 2019 <= year <= 2025):
            problems.append(f"{where}: year {year!r} is not a report year 2019–2025")
        sections = set(load_checklist(KIND_CHECKLIST[kind]).sections)
        headings = e.get("headings")
        if not headings:
            problems.append(f"{where}: no level-1 headings labelled")
        for h in headings or []:
            if not isinstance(h, dict) or not h.get("text") or "section" not in h:
                problems.append(f"{where}: heading {h!r} needs text and section")
            elif h["section"] is not None and h["section"] not in sections:
                problems.append(f"{where}: section {h['section']!r} is not in {KIND_CHECKLIST[kind]}")
        for key in ("defects", "not_defects", "unjudged"):
            for spec in e.get(key) or []:
                if not isinstance(spec, dict) or spec.get("rule") not in rules:
                    problems.append(f"{where}: {key} item {spec!r} does not name a rule")
                elif spec.get("line") is not None and not isinstance(spec["line"], int):
                    problems.append(f"{where}: {key} line {spec['line']!r} is not a line number")
                elif spec.get("section") is not None and spec["section"] not in sections:
                    problems.append(f"{where}: {key} section {spec['section']!r} is not in {KIND_CHECKLIST[kind]}")
        for key in ("partial", "folded_punctuation"):
            if not isinstance(e.get(key), bool):
                problems.append(f"{where}: {key} must be true or false")
    return problems


_OPTIONS: Options | None = None


def options() -> Options:
    """What ``reportlint check`` uses without --checklist: the checklist is chosen per document."""
    global _OPTIONS
    if _OPTIONS is None:
        candidates = tuple(c for c in (load_checklist(i) for i in builtin_ids()) if c.detect)
        _OPTIONS = Options(None, candidates=candidates, fallback=load_checklist(DEFAULT_CHECKLIST))
    return _OPTIONS


def lint_entry(entry: dict[str, Any]) -> FileResult:
    return lint_file(str(entry_path(entry)), options())


def _matches(spec: dict[str, Any], f: Finding) -> bool:
    return (
        spec["rule"] == f.rule
        and (spec.get("section") is None or spec["section"] == f.section)
        and (spec.get("line") is None or spec["line"] == f.line)
    )


@dataclass
class Judgement:
    entry: dict[str, Any]
    result: FileResult
    title_ok: bool = True
    year_ok: bool = True
    checklist_ok: bool = True
    #: Per labelled level-1 heading: (label, the matching heading's marker+text or None, right?).
    headings: list[tuple[dict[str, Any], str | None, bool]] = field(default_factory=list)
    #: Level-1 headings reportlint found that no label names.
    extra_headings: list[str] = field(default_factory=list)
    #: Every finding with its verdict: real, false or unjudged (n/a on non-reports).
    findings: list[tuple[Finding, str]] = field(default_factory=list)
    #: Labelled defects that no finding matches.
    missed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def headings_ok(self) -> bool:
        return all(ok for _, _, ok in self.headings) and not self.extra_headings

    def misses(self) -> set[str]:
        """What reportlint gets wrong here, in the vocabulary of ``known_misses``."""
        if self.entry["kind"] == "not-report":
            treated = any(f.rule in STRUCTURAL_ERRORS and f.severity == "error" for f in self.result.findings)
            return {"not-report"} if treated else set()
        out = {name for name, ok in (("title", self.title_ok), ("year", self.year_ok)) if not ok}
        if not self.checklist_ok:
            out.add("checklist")
        if not self.headings_ok:
            out.add("headings")
        out |= {f.rule for f, verdict in self.findings if verdict == "false"}
        return out


def _verdict(entry: dict[str, Any], result: FileResult, f: Finding) -> str:
    if any(_matches(s, f) for s in entry.get("defects") or []):
        return "real"
    if any(_matches(s, f) for s in entry.get("not_defects") or []):
        return "false"
    if any(_matches(s, f) for s in entry.get("unjudged") or []):
        return "unjudged"
    if entry.get("partial"):
        # The copy stops early: what is not in it may come later, and its last section may be cut short.
        present = [h.get("section") for h in entry.get("headings") or []]
        last = present[-1] if present else None
        if f.rule == "missing-section" and f.section not in present:
            return "unjudged"
        if f.rule == "missing-element" and (f.section not in present or f.section == last):
            return "unjudged"
        if f.rule in TAIL_RULES and f.section is not None and f.section == last:
            return "unjudged"
    if entry.get("folded_punctuation") and f.rule == "numbering-style" and result.outline is not None:
        markers = [h.marker for h in result.outline.headings if h.lineno == f.line]
        if any(c in m for m in markers for c in "()"):
            return "unjudged"
    return "false"


def judge(entry: dict[str, Any], result: FileResult | None = None) -> Judgement:
    result = result or lint_entry(entry)
    j = Judgement(entry, result)
    if result.error is not None or result.outline is None or result.match is None:
        raise RuntimeError(f"{entry['file']}: {result.error}")
    if entry["kind"] == "not-report":
        j.findings = [(f, "n/a") for f in result.findings]
        return j
    outline = result.outline
    title = outline.title.text if outline.title else None
    want = entry.get("title")
    j.title_ok = (compact(title) if title else None) == (compact(want) if want else None)
    j.year_ok = outline.year == entry.get("year")
    expected = KIND_CHECKLIST[entry["kind"]]
    j.checklist_ok = result.checklist is not None and result.checklist.id.split("-")[0] == expected.split("-")[0]
    tops = [(h, compact(h.marker + h.text)) for h in outline.top_level()]
    used: set[int] = set()
    for label in entry.get("headings") or []:
        text = compact(label["text"])
        hit = next(
            (i for i, (_, t) in enumerate(tops) if i not in used and (t.startswith(text) or text.startswith(t))),
            None,
        )
        if hit is None:
            j.headings.append((label, None, False))
            continue
        used.add(hit)
        m = result.match.section_of(tops[hit][0])
        j.headings.append((label, tops[hit][1], (m.section if m else None) == label["section"]))
    j.extra_headings = [t for i, (_, t) in enumerate(tops) if i not in used]
    j.findings = [(f, _verdict(entry, result, f)) for f in result.findings]
    j.missed = [s for s in entry.get("defects") or [] if not any(_matches(s, f) for f in result.findings)]
    return j


def _pct(good: int, total: int) -> str:
    return f"{good}/{total} = {100 * good / total:.1f} %" if total else "n/a"


def report(judgements: list[Judgement], verbose: bool = False) -> str:
    reports = [j for j in judgements if j.entry["kind"] != "not-report"]
    others = [j for j in judgements if j.entry["kind"] == "not-report"]
    generated = sum(str(j.entry.get("form", "")).startswith("generated") for j in reports)
    lines = [
        f"Corpus: {len(reports) - generated} reports + {generated} generated renditions,"
        f" {len(others)} non-reports ({LABELS.relative_to(ROOT)})",
        "",
    ]
    heads = [ok for j in reports for _, _, ok in j.headings]
    lines += [
        f"  title      {_pct(sum(j.title_ok for j in reports), len(reports))}",
        f"  year       {_pct(sum(j.year_ok for j in reports), len(reports))}",
        f"  checklist  {_pct(sum(j.checklist_ok for j in reports), len(reports))}  (report type told right)",
        f"  level-1    {_pct(sum(heads), len(heads))} headings found and mapped right;"
        f" {sum(len(j.extra_headings) for j in reports)} spurious level-1 headings",
    ]
    for kind in ("fazhi", "xxgk"):
        some = [j for j in reports if j.entry["kind"] == kind]
        kind_heads = [ok for j in some for _, _, ok in j.headings]
        lines.append(
            f"    {kind:<6} title {sum(j.title_ok for j in some)}/{len(some)},"
            f" year {sum(j.year_ok for j in some)}/{len(some)},"
            f" checklist {sum(j.checklist_ok for j in some)}/{len(some)},"
            f" level-1 {sum(kind_heads)}/{len(kind_heads)}"
        )
    lines.append("")
    per_rule: dict[str, Counter] = defaultdict(Counter)
    for j in reports:
        for f, verdict in j.findings:
            per_rule[f.rule][verdict] += 1
        for spec in j.missed:
            per_rule[spec["rule"]]["missed"] += 1
    lines.append(f"  {'rule':<20}{'raised':>7}{'real':>6}{'false':>6}{'unjudged':>9}{'precision':>11}{'missed':>8}")
    total = Counter()
    for rule in sorted(per_rule):
        c = per_rule[rule]
        total += c
        raised = c["real"] + c["false"] + c["unjudged"]
        judged = c["real"] + c["false"]
        prec = f"{100 * c['real'] / judged:.0f} %" if judged else "–"
        lines.append(f"  {rule:<20}{raised:>7}{c['real']:>6}{c['false']:>6}{c['unjudged']:>9}{prec:>11}{c['missed']:>8}")
    judged = total["real"] + total["false"]
    prec = f"{100 * total['real'] / judged:.0f} %" if judged else "–"
    lines.append(
        f"  {'all rules':<20}{judged + total['unjudged']:>7}{total['real']:>6}{total['false']:>6}"
        f"{total['unjudged']:>9}{prec:>11}{total['missed']:>8}"
    )
    numbering = per_rule["numbering-sequence"] + per_rule["numbering-style"]
    labelled = sum(len(j.entry.get("defects") or []) for j in reports)
    found = labelled - sum(len(j.missed) for j in reports)
    lines += [
        "",
        f"  numbering findings real: {_pct(numbering['real'], numbering['real'] + numbering['false'])}",
        f"  labelled defects found:  {_pct(found, labelled)}",
        "",
    ]
    false_structural = [
        (j.entry["file"], f) for j in reports for f, v in j.findings if v == "false" and f.rule in STRUCTURAL_ERRORS
    ]
    lines.append(f"False missing-section / section-order / missing-table errors: {len(false_structural)}")
    for name, f in false_structural:
        lines.append(f"  {name}:{f.line or '-'}  {f.rule} {f.section or ''}  {f.message}")
    lines += ["", "Non-reports (not_report: true):"]
    for j in others:
        errors = Counter(f.rule for f in j.result.findings if f.severity == "error")
        treated = "treated as a report" if "not-report" in j.misses() else "not treated as a report"
        lines.append(
            f"  {j.entry['file']}: checklist {j.result.checklist.id if j.result.checklist else '-'}, "
            f"{treated}; errors {dict(errors) or '{}'}"
        )
    if verbose:
        lines += ["", "Per file (misses, then false findings):"]
        for j in reports:
            misses = sorted(j.misses())
            lines.append(f"  {j.entry['file']}: {', '.join(misses) or 'ok'}")
            if "title" in misses:
                got = j.result.outline.title.text if j.result.outline and j.result.outline.title else None
                lines.append(f"      title: {got!r} (labelled {j.entry.get('title')!r})")
            for label, got, ok in j.headings:
                if not ok:
                    lines.append(f"      heading {label['text']!r} → {label['section']}: found {got!r}")
            for extra in j.extra_headings:
                lines.append(f"      spurious level-1 heading {extra!r}")
            for f, v in j.findings:
                if v == "false":
                    lines.append(f"      false {f.rule}:{f.line or '-'} {f.message}")
    return "\n".join(lines)


def as_json(judgements: list[Judgement]) -> str:
    """Per file: what was compared and each finding's verdict (for diffing two runs)."""
    files = []
    for j in judgements:
        outline = j.result.outline
        files.append(
            {
                "file": j.entry["file"],
                "kind": j.entry["kind"],
                "checklist": j.result.checklist.id if j.result.checklist else None,
                "title": outline.title.text if outline and outline.title else None,
                "year": outline.year if outline else None,
                "misses": sorted(j.misses()),
                "known_misses": sorted(j.entry.get("known_misses") or []),
                "headings": [
                    {"label": label["text"], "section": label["section"], "found": got, "right": ok}
                    for label, got, ok in j.headings
                ],
                "extra_headings": j.extra_headings,
                "findings": [
                    {"rule": f.rule, "line": f.line, "section": f.section, "verdict": v, "message": f.message}
                    for f, v in j.findings
                ],
                "missed_defects": j.missed,
            }
        )
    return json.dumps({"files": files}, ensure_ascii=False, indent=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and false finding by file")
    parser.add_argument("--json", action="store_true", help="print every file's judgement as JSON instead")
    args = parser.parse_args(argv)
    entries = load_labels()
    problems = validate(entries)
    if problems:
        for p in problems:
            print(f"{LABELS}: {p}", file=sys.stderr)
        return 2
    judgements = [judge(e) for e in entries]
    print(as_json(judgements) if args.json else report(judgements, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
