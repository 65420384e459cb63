"""The reviewer's desk: many lint results → one matrix (a row per report) and a self-contained HTML page.

:class:`Review` is fed one :class:`~lint.engine.FileResult` at a time and keeps only what the page shows of
each report (a :class:`Row`, and a small :class:`~lint.copied.Digest` for the copy comparison), never the
documents themselves, so memory stays flat for hundreds of reports.  :meth:`Review.finish` pairs each report
with last year's report of the same unit (``copied-report``) and returns the :class:`Matrix` that
:func:`write_html` and the xlsx/csv formatters write.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lint.copied import COPY_RULE_ID, Digest, compare, digest, find_previous
from lint.reportinfo import deadline, report_date, report_kind, report_unit
from lint.rules import SEVERITY_RANK, Finding

if TYPE_CHECKING:
    from lint.engine import FileResult, Options

#: Section states in the matrix, from best to worst.
PRESENT, ORDER, EMPTY, SUB, MENTION, MISSING, OPTIONAL = "present", "order", "empty", "sub", "mention", "missing", "na"
VERDICTS = ("pass", "revise", "unreadable")
SNIPPET = 120

TEXT = {
    "zh": {
        "title": "年度报告审核",
        "generated": "生成于",
        "reports": "份报告",
        "pass": "合格",
        "revise": "需修改",
        "unreadable": "无法读取",
        "file": "文件",
        "unit": "单位",
        "report_title": "标题",
        "year": "年度",
        "checklist": "清单",
        "verdict": "结论",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        PRESENT: "✔",
        ORDER: "顺序不对",
        EMPTY: "内容为空",
        SUB: "仅为小标题",
        MENTION: "缺失（仅段落提及）",
        MISSING: "缺失",
        OPTIONAL: "—",
        "all": "全部",
        "severity": "严重程度",
        "rule": "规则",
        "search": "搜索",
        "shown": "显示",
        "charts": "统计图",
        "chart_sections": "各部分具备率",
        "chart_rules": "各规则问题数",
        "chart_verdicts": "各结论报告数",
        "chart_dates": "报告日期与法定期限（天，0为期限）",
        "no_date": "未标日期",
        "late": "逾期",
        "on_time": "按期",
        "detail": "详情",
        "outline": "提纲与对应部分",
        "findings": "问题",
        "fix": "fix 将修复",
        "none": "无",
        "location": "位置",
        "message": "说明",
        "snippet": "原文",
        "date": "报告日期",
        "deadline": "法定期限",
        "score": "得分",
        "close": "关闭",
        "unreadable_files": "无法读取的文件",
        "legend": "图例",
        "no_findings": "没有发现问题。",
        "hint": "建议",
    },
    "en": {
        "title": "Annual report review",
        "generated": "Generated",
        "reports": "reports",
        "pass": "pass",
        "revise": "revise",
        "unreadable": "unreadable",
        "file": "File",
        "unit": "Unit",
        "report_title": "Title",
        "year": "Year",
        "checklist": "Checklist",
        "verdict": "Verdict",
        "error": "errors",
        "warning": "warnings",
        "info": "info",
        PRESENT: "✔",
        ORDER: "out of order",
        EMPTY: "empty",
        SUB: "sub-heading only",
        MENTION: "missing (mentioned in a paragraph)",
        MISSING: "missing",
        OPTIONAL: "—",
        "all": "all",
        "severity": "Severity",
        "rule": "Rule",
        "search": "Search",
        "shown": "shown",
        "charts": "Charts",
        "chart_sections": "Reports that have each section",
        "chart_rules": "Findings per rule",
        "chart_verdicts": "Reports per verdict",
        "chart_dates": "Report date against the deadline (days, 0 = deadline)",
        "no_date": "no date",
        "late": "late",
        "on_time": "on time",
        "detail": "Detail",
        "outline": "Outline and mapped sections",
        "findings": "Findings",
        "fix": "fix would repair",
        "none": "none",
        "location": "Where",
        "message": "Message",
        "snippet": "Text",
        "date": "Report date",
        "deadline": "Deadline",
        "score": "score",
        "close": "Close",
        "unreadable_files": "Files that could not be read",
        "legend": "Legend",
        "no_findings": "No findings.",
        "hint": "Hint",
    },
}


@dataclass
class FindingRow:
    """One finding as the page and the workbook show it."""

    rule: str
    severity: str
    where: str
    line: int | None
    message: str
    section: str | None = None
    snippet: str = ""
    hint: str | None = None
    repair: str | None = None


@dataclass
class OutlineRow:
    level: int
    marker: str
    text: str
    section: str | None
    score: float | None
    reason: str | None


@dataclass
class Row:
    """One report of the matrix."""

    path: str
    error: str | None = None
    unit: str | None = None
    title: str | None = None
    year: int | None = None
    checklist: str | None = None
    kind: str | None = None
    sections: dict[str, str] = field(default_factory=dict)
    findings: list[FindingRow] = field(default_factory=list)
    outline: list[OutlineRow] = field(default_factory=list)
    date: dt.date | None = None
    deadline: dt.date | None = None
    #: The headings of this report's checklist sections, for the matrix columns.
    section_names: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(f.severity for f in self.findings)
        return {s: c.get(s, 0) for s in ("error", "warning", "info")}

    @property
    def verdict(self) -> str:
        if self.error is not None:
            return "unreadable"
        return "revise" if any(f.severity == "error" for f in self.findings) else "pass"

    @property
    def days_late(self) -> int | None:
        return (self.date - self.deadline).days if self.date and self.deadline else None


@dataclass
class Matrix:
    """What every review output is written from."""

    lang: str
    rows: list[Row]
    #: Section columns: (section id, heading in the output language), in checklist order, first seen first.
    columns: list[tuple[str, str]]
    #: Rule id → summary in the output language, for the rules that have findings.
    rules: dict[str, str]


def _snippet(text: str, column: int | None) -> str:
    if len(text) <= SNIPPET:
        return text
    start = max(0, min((column or 1) - 1 - SNIPPET // 3, len(text) - SNIPPET))
    return ("…" if start else "") + text[start : start + SNIPPET] + ("…" if start + SNIPPET < len(text) else "")


def _repair(result: FileResult, finding: Finding) -> str | None:
    """The line as ``fix`` would write it (text files only), or None."""
    from lint.fixer import preview_line

    fx, doc = finding.fix, result.document
    if fx is None or doc is None:
        return None
    after = preview_line(doc, finding)
    return _snippet(after.strip(), fx.column) if after is not None else None


#: A single finding's severity in words (the matrix's column headers are plurals: 「errors」).
SEVERITY_WORD = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


class Review:
    """Collects lint results one at a time; :meth:`finish` returns the matrix."""

    def __init__(self, lang: str = "zh", options_for: Callable[[str], Options] | None = None) -> None:
        #: Per-file options (select/ignore, configured severities) for the findings added by :meth:`finish`.
        self.options_for = options_for
        self.lang = lang
        self.rows: list[Row] = []
        self.digests: list[Digest | None] = []
        self.previous: list[Digest] = []
        self.columns: dict[str, str] = {}

    def add(self, result: FileResult) -> Row:
        """Add one report; only its row and digest are kept."""
        return self.add_summary(*summarise(result, self.lang))

    def add_summary(self, row: Row, d: Digest | None) -> Row:
        """Add a report already reduced by :func:`summarise` (in a worker process, say)."""
        for sid, name in row.section_names.items():
            self.columns.setdefault(sid, name)
        self.rows.append(row)
        self.digests.append(d)
        return row

    def add_previous(self, result: FileResult) -> None:
        """A report used only as last year's report to compare with (``--previous``); it gets no row."""
        d = digest(result, self.lang)
        if d is not None:
            self.previous.append(d)

    def finish(self, pair: bool = True) -> Matrix:
        """Pair reports with last year's (``copied-report``; not with ``pair=False``) and return the matrix."""
        from lint.rules import all_rules

        by_year: dict[tuple[str, int | None], list[Digest]] = {}
        for d in [*self.digests, *self.previous]:
            if d is not None:
                by_year.setdefault((d.kind, d.year), []).append(d)
        explicit = self.previous[0] if len(self.previous) == 1 and len(self.rows) == 1 else None
        for row, d in zip(self.rows, self.digests, strict=True):
            if d is None or not pair:
                continue
            prev = explicit or find_previous(d, by_year.get((d.kind, (d.year or 0) - 1), []))
            if prev is None:
                continue
            options = self.options_for(row.path) if self.options_for else None
            if options is not None and not options.enabled(COPY_RULE_ID):
                continue
            for f in compare(d, prev, self.lang):
                if options is not None:
                    f.severity = options.severity.get(f.rule, f.severity)
                row.findings.append(
                    FindingRow(f.rule, f.severity, _where(d, f.line), f.line, f.message, None, "", f.hint)
                )
        rules = all_rules()
        k = "en" if self.lang == "en" else "zh"
        used = Counter(f.rule for row in self.rows for f in row.findings)
        names = {rid: rules[rid].summary[k] if rid in rules else rid for rid in sorted(used)}
        for row in self.rows:
            row.findings.sort(key=lambda f: (f.line or 0, -SEVERITY_RANK[f.severity], f.rule))
        return Matrix(self.lang, self.rows, list(self.columns.items()), names)


def summarise(result: FileResult, lang: str = "zh") -> tuple[Row, Digest | None]:
    """What the review keeps of one lint result: its row and its digest for the copy comparison."""
    return _row(result, lang), digest(result, lang)


def _row(result: FileResult, lang: str) -> Row:
    if result.error is not None or result.outline is None or result.match is None:
        return Row(result.path, error=result.error or "unreadable")
    outline, match, checklist, doc = result.outline, result.match, result.checklist, result.document
    assert checklist is not None and doc is not None
    en = lang == "en"
    row = Row(
        result.path,
        unit=report_unit(outline),
        title=outline.title.text if outline.title else None,
        year=outline.year,
        checklist=checklist.id,
        kind=report_kind(checklist.id),
    )
    found = report_date(outline)
    if found is not None:
        row.date = found[0]
    if outline.year is not None:
        row.deadline = deadline(row.kind, outline.year, row.unit)[0]
    by_rule: dict[str, set[str]] = {}
    for f in result.findings:
        if f.section:
            by_rule.setdefault(f.rule, set()).add(f.section)
    not_report = any(f.rule == "not-a-report" for f in result.findings)
    for section in checklist.ordered():
        row.section_names[section.id] = section.display("en" if en else "zh")
        sid = section.id
        if not_report:
            continue  # not a report: its section cells stay blank and it is left out of the section chart
        if sid in match.by_section:
            state = (
                ORDER
                if sid in by_rule.get("section-order", ())
                else EMPTY
                if sid in by_rule.get("empty-section", ())
                else PRESENT
            )
        elif sid in match.sub_matches:
            state = SUB
        elif sid in match.mentions:
            state = MENTION
        else:
            state = MISSING if section.required else OPTIONAL
        row.sections[sid] = state
    for h in outline.headings:
        m = match.section_of(h)
        row.outline.append(
            OutlineRow(
                h.level,
                h.marker,
                h.text,
                m.section if m else None,
                m.score if m else None,
                m.reason.render(lang) if m else None,
            )
        )
    for f in result.findings:
        line = doc.line_at(f.line) if f.line else None
        row.findings.append(
            FindingRow(
                f.rule,
                f.severity,
                doc.describe(f.line, lang) if f.line else "",
                f.line,
                f.message,
                f.section,
                _snippet(line.text, f.column) if line is not None else "",
                f.hint,
                _repair(result, f),
            )
        )
    return row


def _where(d: Digest, lineno: int | None) -> str:
    return next((w for n, w, _ in d.paragraphs if n == lineno), "") if lineno else ""


def build(
    results: Iterable[FileResult], lang: str = "zh", previous: Iterable[FileResult] = (), pair: bool = True
) -> Matrix:
    """The matrix of a stream of results (one pass); ``pair=False`` leaves out the copy comparison."""
    review = Review(lang)
    for r in previous:
        review.add_previous(r)
    for r in results:
        review.add(r)
    return review.finish(pair)


# --------------------------------------------------------------------------- HTML


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


_PALETTE = {
    "pass": "#2e7d32",
    "revise": "#c62828",
    "unreadable": "#6d6d6d",
    "error": "#c62828",
    "warning": "#ef6c00",
    "info": "#1565c0",
}


def _bars(items: list[tuple[str, float, str, str]], unit: str = "", width: int = 460) -> str:
    """A horizontal bar chart: (label, value, colour, value label) per bar; values are scaled to the largest."""
    if not items:
        return "<p class='empty'>—</p>"
    bar_h, gap, label_w = 18, 6, 200
    top = max(v for _, v, _, _ in items) or 1
    height = len(items) * (bar_h + gap) + gap
    # Room for the longest value label after the longest bar (CJK and digits ~8 px each at this size).
    label_room = max(60, 8 * max(len(shown) + len(unit) for _, _, _, shown in items) + 8)
    parts = [
        f"<svg class='chart' role='img' viewBox='0 0 {width} {height}' width='{width}' height='{height}' "
        "xmlns='http://www.w3.org/2000/svg'>"
    ]
    for i, (label, value, colour, shown) in enumerate(items):
        y = gap + i * (bar_h + gap)
        w = max(0.0, (width - label_w - label_room) * value / top)
        short = label if len(label) <= 22 else label[:21] + "…"
        parts.append(
            f"<g><title>{_e(label)}: {_e(shown)}</title>"
            f"<text x='{label_w - 6}' y='{y + 13}' text-anchor='end'>{_e(short)}</text>"
            f"<rect x='{label_w}' y='{y}' width='{w:.1f}' height='{bar_h}' fill='{colour}' rx='2'/>"
            f"<text x='{label_w + w + 4:.1f}' y='{y + 13}'>{_e(shown)}{unit}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _date_strip(rows: list[Row], t: dict[str, str], width: int = 460) -> str:
    """Each dated report as a dot at its distance from the deadline; a red line marks the deadline."""
    dated = [(r, r.days_late) for r in rows if r.days_late is not None]
    undated = sum(1 for r in rows if r.error is None and r.days_late is None)
    if not dated:
        return f"<p class='empty'>{_e(t['no_date'])}: {undated}</p>"
    lo = min(-90, min(d for _, d in dated))
    hi = max(30, max(d for _, d in dated))
    height, pad = 70, 30

    def x(days: int) -> float:
        return pad + (width - 2 * pad) * (days - lo) / (hi - lo)

    parts = [
        f"<svg class='chart' role='img' viewBox='0 0 {width} {height}' width='{width}' height='{height}' "
        "xmlns='http://www.w3.org/2000/svg'>",
        f"<line x1='{pad}' y1='35' x2='{width - pad}' y2='35' stroke='#999'/>",
        f"<line x1='{x(0):.1f}' y1='8' x2='{x(0):.1f}' y2='55' stroke='{_PALETTE['error']}' stroke-width='2'/>",
        f"<text x='{x(0):.1f}' y='68' text-anchor='middle'>0</text>",
        f"<text x='{pad}' y='68' text-anchor='middle'>{lo}</text>",
        f"<text x='{width - pad}' y='68' text-anchor='middle'>+{hi}</text>",
    ]
    for i, (r, d) in enumerate(dated):
        colour = _PALETTE["error"] if d > 0 else _PALETTE["pass"]
        state = t["late"] if d > 0 else t["on_time"]
        parts.append(
            f"<circle cx='{x(d):.1f}' cy='{35 - 10 + (i % 3) * 10}' r='5' fill='{colour}' fill-opacity='0.8'>"
            f"<title>{_e(r.unit or r.path)}: {r.date} ({state} {d:+d})</title></circle>"
        )
    parts.append("</svg>")
    if undated:
        parts.append(f"<p class='note'>{_e(t['no_date'])}: {undated}</p>")
    return "".join(parts)


def charts(matrix: Matrix) -> dict[str, str]:
    """The four charts as inline SVG, drawn from the matrix."""
    t = TEXT[matrix.lang]
    readable = [r for r in matrix.rows if r.error is None]
    coverage = []
    for sid, name in matrix.columns:
        relevant = [r for r in readable if sid in r.sections]
        if not relevant:
            continue
        have = sum(1 for r in relevant if r.sections[sid] in (PRESENT, ORDER, EMPTY))
        share = 100 * have / len(relevant)
        coverage.append((name, share, "#00796b", f"{share:.0f}% ({have}/{len(relevant)})"))
    per_rule = Counter(f.rule for r in matrix.rows for f in r.findings)
    verdicts = Counter(r.verdict for r in matrix.rows)
    return {
        "sections": _bars(coverage),
        "rules": _bars([(rid, n, "#5c6bc0", str(n)) for rid, n in per_rule.most_common()]),
        "verdicts": _bars([(t[v], verdicts.get(v, 0), _PALETTE[v], str(verdicts.get(v, 0))) for v in VERDICTS]),
        "dates": _date_strip(matrix.rows, t),
    }


_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;
color:#222;background:#fafafa}
header{background:#263238;color:#fff;padding:12px 20px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#cfd8dc;font-size:13px}
main{padding:12px 20px}
.charts{display:flex;flex-wrap:wrap;gap:16px}.charts figure{background:#fff;border:1px solid #ddd;margin:0;
padding:8px 12px;border-radius:4px}.charts figcaption{font-weight:bold;font-size:13px;margin-bottom:4px}
svg.chart text{font-size:11px;fill:#333}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:14px 0 8px;font-size:13px}
.filters select,.filters input{font-size:13px;padding:2px 4px}
table{border-collapse:collapse;background:#fff;font-size:13px}th,td{border:1px solid #ddd;padding:4px 6px;
vertical-align:top}th{background:#eceff1;cursor:pointer;position:sticky;top:0;white-space:nowrap}
th.sorted-asc::after{content:" ▲"}th.sorted-desc::after{content:" ▼"}
tr.report:hover{background:#f1f8e9;cursor:pointer}tr.report.selected{background:#e3f2fd}
td.num{text-align:right}td.nw{white-space:nowrap}td.title{min-width:14em}td.s-present{color:#2e7d32;text-align:center}td.s-missing{background:#ffebee;
color:#c62828}td.s-order{background:#fff3e0;color:#e65100}td.s-empty{background:#fff8e1;color:#ef6c00}
td.s-mention{background:#ffebee;color:#c62828}td.s-sub{background:#fffde7;color:#8d6e00}td.s-na{color:#aaa;text-align:center}
.v-pass{color:#2e7d32;font-weight:bold}.v-revise{color:#c62828;font-weight:bold}.v-unreadable{color:#6d6d6d;
font-weight:bold}
.sev-error{color:#c62828}.sev-warning{color:#ef6c00}.sev-info{color:#1565c0}
.detail{background:#fff;border:2px solid #90a4ae;border-radius:4px;margin:14px 0;padding:8px 14px}
.detail h2{font-size:16px;margin:4px 0}.detail h3{font-size:14px;margin:10px 0 4px}
.detail .close{float:right}
.outline li{list-style:none}.outline .sec{color:#00796b}.outline .nosec{color:#c62828}
.snippet{color:#555;background:#f5f5f5;padding:1px 4px;font-family:monospace}
.repair{color:#2e7d32}.note,.empty{color:#777;font-size:12px}
.errors li{color:#6d6d6d}
"""

_JS = """
(function(){
  var rows=Array.prototype.slice.call(document.querySelectorAll('tr.report'));
  var f={verdict:document.getElementById('f-verdict'),severity:document.getElementById('f-severity'),
    rule:document.getElementById('f-rule'),checklist:document.getElementById('f-checklist'),
    text:document.getElementById('f-text')};
  var count=document.getElementById('shown');
  function apply(){
    var q=f.text.value.trim().toLowerCase(),n=0;
    rows.forEach(function(r){
      var ok=(!f.verdict.value||r.dataset.verdict===f.verdict.value)&&
        (!f.severity.value||(' '+r.dataset.severities+' ').indexOf(' '+f.severity.value+' ')>=0)&&
        (!f.rule.value||(' '+r.dataset.rules+' ').indexOf(' '+f.rule.value+' ')>=0)&&
        (!f.checklist.value||r.dataset.checklist===f.checklist.value)&&
        (!q||r.dataset.search.indexOf(q)>=0);
      r.style.display=ok?'':'none'; if(ok){n++;}
    });
    count.textContent=n;
  }
  Object.keys(f).forEach(function(k){f[k].addEventListener(k==='text'?'input':'change',apply);});
  document.querySelectorAll('#matrix th').forEach(function(th,i){
    th.addEventListener('click',function(){
      var asc=!th.classList.contains('sorted-asc');
      document.querySelectorAll('#matrix th').forEach(function(o){o.classList.remove('sorted-asc','sorted-desc');});
      th.classList.add(asc?'sorted-asc':'sorted-desc');
      var body=document.querySelector('#matrix tbody');
      var sorted=rows.slice().sort(function(a,b){
        var x=a.cells[i].dataset.sort||a.cells[i].textContent,y=b.cells[i].dataset.sort||b.cells[i].textContent;
        var nx=parseFloat(x),ny=parseFloat(y),c;
        c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,'zh');
        return asc?c:-c;
      });
      sorted.forEach(function(r){body.appendChild(r);});
    });
  });
  function show(id){
    document.querySelectorAll('.detail').forEach(function(d){d.hidden=true;});
    rows.forEach(function(r){r.classList.toggle('selected',r.dataset.detail===id);});
    var d=document.getElementById(id); if(d){d.hidden=false;d.scrollIntoView();}
  }
  rows.forEach(function(r){r.addEventListener('click',function(){show(r.dataset.detail);});});
  document.querySelectorAll('.detail .close').forEach(function(b){
    b.addEventListener('click',function(){b.parentNode.hidden=true;
      rows.forEach(function(r){r.classList.remove('selected');});});
  });
  apply();
})();
"""


def _row_html(i: int, row: Row, matrix: Matrix) -> str:
    t = TEXT[matrix.lang]
    counts = row.counts
    rules = " ".join(sorted({f.rule for f in row.findings}))
    sevs = " ".join(sorted({f.severity for f in row.findings}))
    search = " ".join(filter(None, [row.path, row.unit, row.title, row.checklist, t[row.verdict], rules]))
    cells = [
        f"<td>{_e(row.path)}</td>",
        f"<td class='nw'>{_e(row.unit)}</td>",
        f"<td class='title'>{_e(row.title)}</td>",
        f"<td class='num'>{_e(row.year)}</td>",
        f"<td class='nw'>{_e(row.checklist)}</td>",
        f"<td class='nw v-{row.verdict}' data-sort='{VERDICTS.index(row.verdict)}'>{_e(t[row.verdict])}</td>",
    ]
    cells += [f"<td class='num sev-{s}'>{counts[s]}</td>" for s in ("error", "warning", "info")]
    for sid, _ in matrix.columns:
        state = row.sections.get(sid)
        if state is None:
            cells.append("<td class='s-na' data-sort='9'></td>")
        else:
            rank = (PRESENT, ORDER, EMPTY, SUB, MENTION, MISSING, OPTIONAL).index(state)
            cells.append(f"<td class='s-{state}' data-sort='{rank}'>{_e(t[state])}</td>")
    return (
        f"<tr class='report' data-detail='d{i}' data-verdict='{row.verdict}' data-checklist='{_e(row.checklist)}' "
        f"data-rules='{_e(rules)}' data-severities='{sevs}' data-search='{_e(search.lower())}'>"
        + "".join(cells)
        + "</tr>"
    )


def _detail_html(i: int, row: Row, matrix: Matrix) -> str:
    t = TEXT[matrix.lang]
    names = dict(matrix.columns)
    out = [
        f"<section class='detail' id='d{i}' hidden><button class='close' type='button'>{_e(t['close'])}</button>",
        f"<h2>{_e(row.unit or '')} {_e(row.title or row.path)}</h2>",
        f"<p>{_e(t['file'])}: {_e(row.path)} · {_e(t['checklist'])}: {_e(row.checklist)} · "
        f"{_e(t['verdict'])}: <span class='v-{row.verdict}'>{_e(t[row.verdict])}</span></p>",
    ]
    if row.error:
        out.append(f"<p class='v-unreadable'>{_e(row.error)}</p></section>")
        return "".join(out)
    if row.date or row.deadline:
        late = row.days_late
        state = "" if late is None else f" ({t['late']} {late}) " if late > 0 else f" ({t['on_time']})"
        out.append(
            f"<p>{_e(t['date'])}: {_e(row.date or t['no_date'])} · {_e(t['deadline'])}: {_e(row.deadline)}"
            f"{_e(state)}</p>"
        )
    out.append(f"<h3>{_e(t['outline'])}</h3><ul class='outline'>")
    for h in row.outline:
        mapped = (
            f"<span class='sec'>→ {_e(names.get(h.section, h.section))} ({_e(t['score'])} {h.score:.0f}, "
            f"{_e(h.reason)})</span>"
            if h.section and h.score is not None
            else f"<span class='sec'>→ {_e(names.get(h.section, h.section))}</span>"
            if h.section
            else ""
        )
        out.append(
            f"<li style='margin-left:{(h.level - 1) * 1.5}em'>{_e(h.marker)}{_e(h.text)} {mapped}</li>"
        )
    out.append("</ul>")
    out.append(f"<h3>{_e(t['findings'])} ({len(row.findings)})</h3>")
    if not row.findings:
        out.append(f"<p>{_e(t['no_findings'])}</p>")
    else:
        out.append(
            f"<table class='findings'><thead><tr><th>{_e(t['location'])}</th><th>{_e(t['severity'])}</th>"
            f"<th>{_e(t['rule'])}</th><th>{_e(t['message'])}</th></tr></thead><tbody>"
        )
        for f in row.findings:
            extra = ""
            if f.snippet:
                extra += f"<br>{_e(t['snippet'])}: <span class='snippet'>{_e(f.snippet)}</span>"
            if f.hint:
                extra += f"<br>{_e(t['hint'])}: {_e(f.hint)}"
            if f.repair:
                extra += f"<br><span class='repair'>{_e(t['fix'])}: <span class='snippet'>{_e(f.repair)}</span></span>"
            out.append(
                f"<tr><td>{_e(f.where)}</td><td class='sev-{f.severity}'>{_e(SEVERITY_WORD['en' if matrix.lang == 'en' else 'zh'][f.severity])}</td>"
                f"<td>{_e(f.rule)}</td><td>{_e(f.message)}{extra}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append("</section>")
    return "".join(out)


def _options(values: Iterable[tuple[str, str]], t: dict[str, str]) -> str:
    return f"<option value=''>{_e(t['all'])}</option>" + "".join(
        f"<option value='{_e(v)}'>{_e(label)}</option>" for v, label in values
    )


def render_html(matrix: Matrix) -> str:
    """The whole page: one HTML string with its CSS, script and charts inline; it requests nothing."""
    t = TEXT[matrix.lang]
    verdicts = Counter(r.verdict for r in matrix.rows)
    ch = charts(matrix)
    checklists = sorted({r.checklist for r in matrix.rows if r.checklist})
    summary = " · ".join(f"{t[v]} {verdicts.get(v, 0)}" for v in VERDICTS)
    head = (
        "<!DOCTYPE html>\n<html lang='" + ("en" if matrix.lang == "en" else "zh-CN") + "'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        "<link rel='icon' href='data:,'>"
        f"<title>{_e(t['title'])}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{_e(t['title'])}</h1><p>{len(matrix.rows)} {_e(t['reports'])} · {_e(summary)} · "
        f"{_e(t['generated'])} {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} · reportlint</p></header><main>"
    )
    figs = "".join(
        f"<figure id='chart-{k}'><figcaption>{_e(t[c])}</figcaption>{ch[k]}</figure>"
        for k, c in (
            ("sections", "chart_sections"),
            ("rules", "chart_rules"),
            ("verdicts", "chart_verdicts"),
            ("dates", "chart_dates"),
        )
    )
    filters = (
        "<div class='filters'>"
        f"<label>{_e(t['verdict'])} <select id='f-verdict'>{_options(((v, t[v]) for v in VERDICTS), t)}</select></label>"
        f"<label>{_e(t['severity'])} <select id='f-severity'>"
        f"{_options(((s, t[s]) for s in ('error', 'warning', 'info')), t)}</select></label>"
        f"<label>{_e(t['rule'])} <select id='f-rule'>"
        f"{_options(((r, f'{r} — {n}') for r, n in matrix.rules.items()), t)}</select></label>"
        f"<label>{_e(t['checklist'])} <select id='f-checklist'>{_options(((c, c) for c in checklists), t)}"
        "</select></label>"
        f"<label>{_e(t['search'])} <input id='f-text' type='search'></label>"
        f"<span>{_e(t['shown'])} <b id='shown'>{len(matrix.rows)}</b> / {len(matrix.rows)}</span></div>"
    )
    headers = [t[k] for k in ("file", "unit", "report_title", "year", "checklist", "verdict")]
    headers += [t[s] for s in ("error", "warning", "info")] + [name for _, name in matrix.columns]
    table = (
        "<table id='matrix'><thead><tr>"
        + "".join(f"<th>{_e(h)}</th>" for h in headers)
        + "</tr></thead><tbody>"
        + "".join(_row_html(i, r, matrix) for i, r in enumerate(matrix.rows))
        + "</tbody></table>"
    )
    unreadable = [r for r in matrix.rows if r.error is not None]
    errors = (
        f"<h2>{_e(t['unreadable_files'])}</h2><ul class='errors' id='unreadable'>"
        + "".join(f"<li>{_e(r.path)}: {_e(r.error)}</li>" for r in unreadable)
        + "</ul>"
        if unreadable
        else ""
    )
    details = "".join(_detail_html(i, r, matrix) for i, r in enumerate(matrix.rows))
    data = json.dumps({"reports": len(matrix.rows)}, ensure_ascii=False)
    return (
        head
        + f"<section class='charts'>{figs}</section>"
        + filters
        + table
        + errors
        + details
        + f"<script type='application/json' id='review-data'>{data}</script><script>{_JS}</script></main></body></html>\n"
    )


def write_html(matrix: Matrix, path: str) -> None:
    """Write the page to ``path`` (UTF-8)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(render_html(matrix))


def run(
    items: list,
    planner,
    output: str,
    fmt: str | None,
    previous: tuple[str, ...],
    jobs: int,
    err,
    named: tuple[str, ...] = (),
) -> int:
    """The ``review`` flow: the runner's stream of reduced results → the matrix → page or workbook."""
    import os

    from lint.progress import track
    from lint.runner import UsageError, safe_lint, stream

    lang = planner.lang
    suffix = os.path.splitext(output)[1].lower()
    fmt = fmt or {".xlsx": "xlsx", ".csv": "csv", ".html": "html", ".htm": "html"}.get(suffix)
    # The page itself may be written into the folder under review: never read it back as a report.
    written_paths = {os.path.realpath(output)}
    if fmt == "csv":
        from lint.formatters.csv import findings_path

        written_paths.add(os.path.realpath(findings_path(output)))
    for p in [*named, *previous]:
        if os.path.isfile(p) and os.path.realpath(p) in written_paths:
            raise UsageError(f"{output}: would overwrite the input file {p}")
    items = [i for i in items if i.path == "-" or os.path.realpath(i.path) not in written_paths]
    if fmt is None:
        raise UsageError(
            f"{output}: write the review as .html, .xlsx or .csv (or name the format with --format)"
            if lang == "en"
            else f"{output}：审核结果只能写成 .html、.xlsx 或 .csv（或用 --format 指定格式）"
        )
    if not os.path.isdir(os.path.dirname(os.path.abspath(output))):
        folder = os.path.dirname(os.path.abspath(output))
        raise UsageError(f"{output}: no such folder {folder}" if lang == "en" else f"{output}：文件夹 {folder} 不存在")
    if any(i.path == "-" for i in items):
        raise UsageError(
            "review 不读取标准输入，请给出文件或文件夹" if lang == "zh" else "review does not read standard input"
        )
    desk = Review(lang, planner.options_for)
    for p in previous:
        result = safe_lint(p, planner)
        if result.error is not None:
            raise UsageError(f"{p}: {result.error}")
        desk.add_previous(result)
    label = "审核" if lang == "zh" else "reviewing"
    for row, d in track(stream(items, planner, jobs, transform=summarise, args=(lang,)), len(items), label, err):
        desk.add_summary(row, d)
    matrix = desk.finish()
    try:
        if fmt == "xlsx":
            from lint.formatters import xlsx

            xlsx.write(matrix, output)
            written = [output]
        elif fmt == "csv":
            from lint.formatters import csv

            written = csv.write(matrix, output)
        else:
            write_html(matrix, output)
            written = [output]
    except OSError as exc:
        raise UsageError(f"{output}: {exc.strerror or exc}") from None
    counts = {v: sum(1 for r in matrix.rows if r.verdict == v) for v in ("pass", "revise", "unreadable")}
    err.write(
        (
            f"已写入 {'、'.join(written)}：{len(matrix.rows)} 份报告，合格 {counts['pass']}，需修改 {counts['revise']}，"
            f"无法读取 {counts['unreadable']}"
            if lang == "zh"
            else f"wrote {', '.join(written)}: {len(matrix.rows)} reports, {counts['pass']} pass, "
            f"{counts['revise']} to revise, {counts['unreadable']} unreadable"
        )
        + "\n"
    )
    return 2 if counts["unreadable"] else 0
