"""Page layout of a .docx: the profile it is checked against, the model read from it, and the repair.

Three parts, one concern (GB/T 9704-2012 layout):

- **Profiles** (``checklists/layout/*.yaml``): paper, margins, line pitch, the font, size, alignment and
  indent of each paragraph role, the page number.  A profile can ``extends`` a built-in profile or a file
  beside it and override any key.  See docs/layout.md.
- **Model** (:func:`extract`): a compact, picklable summary of a python-docx document: each section's
  page size, margins, line grid and footer page number, and for each paragraph (numbered ¶ like the .docx
  reader numbers them) its text runs with the East Asian font and size Word would use, its alignment,
  indents and line spacing.  Formatting is resolved the way Word does: run → character style →
  paragraph style → ``basedOn`` chain → document defaults, theme fonts through the theme part.
  Each style is resolved once.
- **Repair** (:func:`apply`): lays a document out to a profile, paragraph by paragraph, by role.

Roles come from the outline (:func:`roles_from_outline`): title, addressee, headings by level, body,
signature and date.
"""

from __future__ import annotations

import fnmatch
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_PROFILE = "gbt9704-2012"
ROLES = ("title", "addressee", "heading1", "heading2", "heading3", "heading4", "body", "signature", "date")
ALIGNS = ("left", "center", "right", "justify")

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + _W_NS + "}"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_MM_PER_TWIP = 25.4 / 1440
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_DASH = "—－–‒―-"


# =========================================================================== profiles

#: Keys of a profile file.  Mapping-valued keys are checked here (``object``), their contents below.
TOP_KEYS: dict[str, Any] = {
    "id": str,
    "name": str,
    "name_en": str,
    "source": str,
    "description": str,
    "extends": str,
    "paper": object,
    "margins": object,
    "line_pitch": object,
    "roles": object,
    "page_number": object,
}
SUB_KEYS: dict[str, dict[str, Any]] = {
    "paper": {"width_mm": (int, float), "height_mm": (int, float), "tolerance_mm": (int, float)},
    "margins": {
        "top_mm": (int, float),
        "bottom_mm": (int, float),
        "left_mm": (int, float),
        "right_mm": (int, float),
        "tolerance_mm": (int, float),
    },
    "line_pitch": {"pt": (int, float), "min_pt": (int, float), "max_pt": (int, float)},
    "page_number": {"required": bool, "size_pt": (int, float), "fonts": list, "dashes": bool},
}
ROLE_KEYS: dict[str, Any] = {
    "fonts": list,
    "latin_font": str,
    "size_pt": (int, float),
    "align": str,
    "indent_chars": (int, float),
    "right_indent_chars": (int, float),
}


@dataclass(frozen=True)
class RoleSpec:
    """How paragraphs of one role are laid out."""

    fonts: tuple[str, ...] = ()
    size_pt: float | None = None
    align: str | None = None
    indent_chars: float | None = None
    right_indent_chars: float | None = None
    latin_font: str | None = None

    def font_ok(self, font: str | None) -> bool:
        """Whether an East Asian font name is one this role accepts (case, blanks and ``*`` patterns)."""
        if not self.fonts:
            return True
        if not font:
            return False
        name = _norm_font(font)
        return any(fnmatch.fnmatchcase(name, _norm_font(f)) for f in self.fonts)


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    paper: dict[str, float]
    margins: dict[str, float]
    line_pitch: dict[str, float]
    roles: dict[str, RoleSpec]
    page_number: dict[str, Any]
    name_en: str = ""
    source: str = ""
    description: str = ""
    path: str = ""


def _lead_chars(text: str) -> float:
    """Width of the blanks a paragraph starts with, in characters (a full-width space is one)."""
    lead = 0.0
    for ch in text:
        if ch == "\u3000":
            lead += 1
        elif ch in " \u00a0":
            lead += 0.5
        else:
            break
    return lead


def _norm_font(name: str) -> str:
    return re.sub(r"\s+", "", name).casefold()


def _spec():
    """The checklist module: its error type and the built-in directory (YAML itself is read by ``lint.yamlspec``)."""
    from lint import checklist as spec

    return spec


def builtin_profile_dir() -> Path:
    """Directory of the built-in layout profiles (``checklists/layout``, in the wheel or the source tree)."""
    return _spec().builtin_dir() / "layout"


def builtin_profile_ids() -> list[str]:
    return sorted(p.stem for p in builtin_profile_dir().glob("*.yaml"))


def _check_keys(data, allowed: dict, where: str, path: str, problems: list) -> None:
    """Unknown keys and scalar types, through the shared helper; keys whose value must be a mapping
    (``object`` in ``allowed``) are checked by the caller."""
    from lint.yamlspec import check_keys, new_map

    view = new_map(data.line)
    view.update({k: v for k, v in data.items() if allowed.get(k) is not object})
    view.key_lines = data.key_lines
    check_keys(view, allowed, where, path, problems)


def _validate(data, path: str) -> list:
    problems: list = []
    _check_keys(data, TOP_KEYS, "the layout profile", path, problems)
    if "id" not in data:
        problems.append((path, data.line, "missing required key 'id'"))
    for key, keys in SUB_KEYS.items():
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, dict):
            problems.append((path, data.key_lines[key], f"'{key}' must be a mapping"))
            continue
        _check_keys(value, keys, f"'{key}'", path, problems)
        for k, v in value.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool) and not 0 <= v <= 1000:
                problems.append((path, value.key_lines[k], f"'{k}' in '{key}' must be between 0 and 1000"))
    roles = data.get("roles")
    if roles is not None:
        if not isinstance(roles, dict):
            problems.append((path, data.key_lines["roles"], "'roles' must be a mapping of role → layout"))
        else:
            _check_keys(roles, dict.fromkeys(ROLES, object), "'roles'", path, problems)
            for role, entry in roles.items():
                if role not in ROLES:
                    continue
                if not isinstance(entry, dict):
                    problems.append((path, roles.key_lines[role], f"role '{role}' must be a mapping"))
                    continue
                _check_keys(entry, ROLE_KEYS, f"role '{role}'", path, problems)
                for k, v in entry.items():
                    if isinstance(v, (int, float)) and not isinstance(v, bool) and not 0 <= v <= 200:
                        problems.append((path, entry.key_lines[k], f"'{k}' of role '{role}' must be between 0 and 200"))
                size = entry.get("size_pt")
                if isinstance(size, (int, float)) and not isinstance(size, bool) and size <= 0:
                    problems.append((path, entry.key_lines["size_pt"], f"'size_pt' of role '{role}' must be positive"))
                align = entry.get("align")
                if isinstance(align, str) and align not in ALIGNS:
                    problems.append(
                        (path, entry.key_lines["align"], f"'align' of role '{role}' must be one of {', '.join(ALIGNS)}")
                    )
    pitch = data.get("line_pitch")
    if isinstance(pitch, dict) and all(isinstance(pitch.get(k), (int, float)) for k in ("pt", "min_pt", "max_pt")):
        if not pitch["min_pt"] <= pitch["pt"] <= pitch["max_pt"]:
            problems.append((path, pitch.line, "'line_pitch' needs min_pt ≤ pt ≤ max_pt"))
    return problems


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _resolve_extends(ref: str, here: Path) -> Path | None:
    """A built-in profile id, or a file inside the extending profile's own directory (nothing else)."""
    if not ref.endswith((".yaml", ".yml")) and "/" not in ref and "\\" not in ref:
        candidate = builtin_profile_dir() / f"{ref}.yaml"
        return candidate if candidate.is_file() else None
    candidate = (here / ref).resolve()
    if candidate.parent != here.resolve() and here.resolve() not in candidate.parents:
        return None
    return candidate if candidate.is_file() else None


def _read_text(path: Path) -> str:
    from lint.yamlspec import read_text

    return read_text(path, "layout profile file", _spec().ChecklistError)


def _load_raw(path: Path, chain: tuple[str, ...]) -> dict:
    spec = _spec()
    key = str(path.resolve())
    if key in chain:
        raise spec.ChecklistError([(str(path), None, "'extends' forms a cycle: " + " → ".join((*chain, key)))])
    from lint.yamlspec import parse, plain

    data = parse(_read_text(path), str(path), "layout profile file", spec.ChecklistError)
    problems = _validate(data, str(path))
    if problems:
        raise spec.ChecklistError(problems)
    values = plain(data)
    if "extends" not in data:
        return values
    parent_path = _resolve_extends(data["extends"], path.parent)
    if parent_path is None:
        raise spec.ChecklistError(
            [
                (
                    str(path),
                    data.key_lines["extends"],
                    f"'extends: {data['extends']}' names no built-in layout profile"
                    f" ({', '.join(builtin_profile_ids())}) and no file in {path.parent}",
                )
            ]
        )
    parent = _load_raw(parent_path, (*chain, key))
    parent.pop("extends", None)
    merged = _merge(parent, values)
    merged["id"] = values["id"]
    return merged


def load_profile_file(path: str | Path) -> Profile:
    """Load and validate a layout profile file, resolving ``extends``."""
    path = Path(path)
    raw = _load_raw(path, ())
    required = {
        "paper": ("width_mm", "height_mm"),
        "margins": ("top_mm", "bottom_mm", "left_mm", "right_mm"),
        "line_pitch": ("pt", "min_pt", "max_pt"),
        "roles": (),
    }
    missing = []
    for key, subkeys in required.items():
        if key not in raw:
            missing.append(key)
        else:
            missing += [f"{key}.{k}" for k in subkeys if k not in raw[key]]
    if missing:
        raise _spec().ChecklistError([(str(path), None, f"missing required key(s): {', '.join(missing)}")])
    pitch = raw["line_pitch"]
    if not pitch["min_pt"] <= pitch["pt"] <= pitch["max_pt"]:
        raise _spec().ChecklistError([(str(path), None, "'line_pitch' needs min_pt ≤ pt ≤ max_pt")])
    roles = {
        role: RoleSpec(
            fonts=tuple(entry.get("fonts", ())),
            size_pt=entry.get("size_pt"),
            align=entry.get("align"),
            indent_chars=entry.get("indent_chars"),
            right_indent_chars=entry.get("right_indent_chars"),
            latin_font=entry.get("latin_font"),
        )
        for role, entry in raw["roles"].items()
    }
    page_number = {"required": False, "size_pt": None, "fonts": [], "dashes": False, **raw.get("page_number", {})}
    return Profile(
        id=raw["id"],
        name=raw.get("name", raw["id"]),
        name_en=raw.get("name_en", ""),
        source=raw.get("source", ""),
        description=raw.get("description", ""),
        paper={"tolerance_mm": 1.0, **raw["paper"]},
        margins={"tolerance_mm": 1.0, **raw["margins"]},
        line_pitch=dict(raw["line_pitch"]),
        roles=roles,
        page_number=page_number,
        path=str(path),
    )


@lru_cache(maxsize=16)
def load_profile(ref: str = DEFAULT_PROFILE) -> Profile:
    """A layout profile by built-in id or by file path."""
    if ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        return load_profile_file(ref)
    path = builtin_profile_dir() / f"{ref}.yaml"
    if not path.is_file():
        import difflib

        close = difflib.get_close_matches(ref, builtin_profile_ids(), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; built-in: {', '.join(builtin_profile_ids())}"
        raise _spec().ChecklistError([(ref, None, f"unknown layout profile{hint}")])
    return load_profile_file(path)


# =========================================================================== the model


@dataclass(frozen=True)
class Run:
    text: str
    font: str | None  # East Asian font Word uses for the run's CJK characters
    size_pt: float


@dataclass(frozen=True)
class Para:
    """One paragraph's effective layout."""

    number: int  # ¶, as the .docx reader numbers paragraphs
    section: int  # index into LayoutModel.sections
    runs: tuple[Run, ...]
    align: str  # left | center | right | justify
    first_line_twips: int = 0  # negative: hanging
    first_line_chars: int | None = None  # hundredths of a character, when set (wins over twips)
    left_twips: int = 0
    left_chars: int | None = None
    right_twips: int = 0
    right_chars: int | None = None
    line_rule: str = "auto"  # auto | exact | atLeast
    line: int = 240  # 240ths of a line (auto) or twips (exact, atLeast)
    snap_to_grid: bool = True
    numbered: bool = False  # automatic list numbering (its indents come from numbering.xml)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def size_pt(self) -> float:
        """The size of most of the paragraph's characters."""
        sizes: dict[float, int] = {}
        for r in self.runs:
            n = len(r.text.strip())
            if n:
                sizes[r.size_pt] = sizes.get(r.size_pt, 0) + n
        return max(sizes, key=sizes.__getitem__) if sizes else (self.runs[0].size_pt if self.runs else 10.5)

    def _chars(self, chars: int | None, twips: int) -> float:
        if chars:
            return chars / 100
        return twips / (self.size_pt() * 20)

    def first_indent_chars(self) -> float:
        """First-line indent in characters of the paragraph's size, leading blanks included."""
        lead = _lead_chars(self.text)
        return self._chars(self.first_line_chars, self.first_line_twips) + self._chars(self.left_chars, self.left_twips) + lead

    def right_indent_chars(self) -> float:
        return self._chars(self.right_chars, self.right_twips)


@dataclass(frozen=True)
class PageSection:
    """One section of the document: page and margins in mm, line grid, footer page number."""

    first_paragraph: int
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    gutter_mm: float = 0.0
    grid_pitch_pt: float | None = None  # a line grid ("lines"/"linesAndChars") and its pitch
    page_number: bool = False
    page_number_size_pt: float | None = None
    page_number_dashes: bool = False


@dataclass
class LayoutModel:
    """Everything the layout rules need from a .docx, without python-docx objects (picklable)."""

    sections: list[PageSection]
    paragraphs: dict[int, Para]
    #: The layout profile to check against (an id or a path; the CLI may set it).
    profile: str = DEFAULT_PROFILE
    #: Problems met while resolving styles (e.g. a ``basedOn`` cycle), for diagnostics.
    notes: list[str] = field(default_factory=list)

    def section_of(self, para: Para) -> PageSection | None:
        return self.sections[para.section] if 0 <= para.section < len(self.sections) else None


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _on(el) -> bool:
    """A toggle element (``<w:snapToGrid/>``, ``w:val="0"``…)."""
    return el.get(f"{_W}val", "true") not in ("0", "false", "off")


class _Resolver:
    """Effective run and paragraph properties, resolved once per style."""

    def __init__(self, document) -> None:
        self.notes: list[str] = []
        part = document.part
        try:
            styles = part.styles.element
        except Exception:  # noqa: BLE001 - a document without a styles part
            styles = None
        self.styles: dict[str, Any] = {}
        self.default_para: str | None = None
        if styles is not None:
            for s in styles.iterfind(f"{_W}style"):
                sid = s.get(f"{_W}styleId")
                if sid:
                    self.styles[sid] = s
                    if s.get(f"{_W}type") == "paragraph" and s.get(f"{_W}default") in ("1", "true"):
                        self.default_para = sid
        self.theme = self._theme_fonts(document)
        self.doc_r: dict[str, Any] = {}
        self.doc_p: dict[str, Any] = {}
        if styles is not None:
            defaults = styles.find(f"{_W}docDefaults")
            if defaults is not None:
                rpr = defaults.find(f"{_W}rPrDefault/{_W}rPr")
                ppr = defaults.find(f"{_W}pPrDefault/{_W}pPr")
                self.doc_r = self._rpr(rpr, {})
                self.doc_p = self._ppr(ppr, {})
        self._cache: dict[str, tuple[dict, dict]] = {}

    # ----------------------------------------------------------------- theme

    def _theme_fonts(self, document) -> dict[str, str]:
        lang = None
        try:
            settings = document.settings.element
            tfl = settings.find(f"{_W}themeFontLang")
            if tfl is not None:
                lang = tfl.get(f"{_W}eastAsia")
        except Exception:  # noqa: BLE001
            pass
        script = "Hans"
        if lang:
            low = lang.lower()
            script = (
                "Hant"
                if low in ("zh-tw", "zh-hk", "zh-mo")
                else "Hans"
                if low.startswith("zh")
                else "Jpan"
                if low.startswith("ja")
                else "Hang"
                if low.startswith("ko")
                else "Hans"
            )
        out: dict[str, str] = {}
        try:
            theme = next(r.target_part for r in document.part.rels.values() if r.reltype == _THEME_REL)
            from lxml import etree

            root = etree.fromstring(theme.blob, etree.XMLParser(resolve_entities=False, no_network=True))
        except Exception:  # noqa: BLE001 - no theme: theme fonts stay unresolved
            return out
        for kind in ("major", "minor"):
            node = root.find(f".//{_A}{kind}Font")
            if node is None:
                continue
            ea = node.find(f"{_A}ea")
            name = ea.get("typeface") if ea is not None else ""
            if not name:
                for f in node.iterfind(f"{_A}font"):
                    if f.get("script") == script:
                        name = f.get("typeface") or ""
            if name:
                out[f"{kind}EastAsia"] = name
        return out

    # ----------------------------------------------------------------- properties

    def _rpr(self, rpr, into: dict) -> dict:
        out = dict(into)
        if rpr is None:
            return out
        fonts = rpr.find(f"{_W}rFonts")
        if fonts is not None:
            theme = fonts.get(f"{_W}eastAsiaTheme")
            if theme:
                out["font"] = self.theme.get(theme, theme)
            elif fonts.get(f"{_W}eastAsia"):
                out["font"] = fonts.get(f"{_W}eastAsia")
        sz = rpr.find(f"{_W}sz")
        if sz is not None and _int(sz.get(f"{_W}val")):
            out["sz"] = _int(sz.get(f"{_W}val"))
        return out

    def _ppr(self, ppr, into: dict) -> dict:
        out = dict(into)
        if ppr is None:
            return out
        jc = ppr.find(f"{_W}jc")
        if jc is not None and jc.get(f"{_W}val"):
            out["jc"] = jc.get(f"{_W}val")
        ind = ppr.find(f"{_W}ind")
        if ind is not None:
            for attr in (
                "firstLine",
                "firstLineChars",
                "hanging",
                "hangingChars",
                "left",
                "start",
                "leftChars",
                "startChars",
                "right",
                "end",
                "rightChars",
                "endChars",
            ):
                value = _int(ind.get(f"{_W}{attr}"))
                if value is not None:
                    out["ind." + attr] = value
            # firstLine and hanging exclude each other: the one set last wins.
            if ind.get(f"{_W}firstLine") is not None or ind.get(f"{_W}firstLineChars") is not None:
                if ind.get(f"{_W}hanging") is None and ind.get(f"{_W}hangingChars") is None:
                    out.pop("ind.hanging", None)
                    out.pop("ind.hangingChars", None)
            elif ind.get(f"{_W}hanging") is not None or ind.get(f"{_W}hangingChars") is not None:
                out.pop("ind.firstLine", None)
                out.pop("ind.firstLineChars", None)
        spacing = ppr.find(f"{_W}spacing")
        if spacing is not None:
            if _int(spacing.get(f"{_W}line")) is not None:
                out["line"] = _int(spacing.get(f"{_W}line"))
                out["lineRule"] = spacing.get(f"{_W}lineRule", "auto")
            elif spacing.get(f"{_W}lineRule"):
                out["lineRule"] = spacing.get(f"{_W}lineRule")
        snap = ppr.find(f"{_W}snapToGrid")
        if snap is not None:
            out["snap"] = _on(snap)
        if ppr.find(f"{_W}numPr") is not None:
            num = ppr.find(f"{_W}numPr/{_W}numId")
            out["numbered"] = num is not None and num.get(f"{_W}val") not in (None, "0")
        return out

    def _chain(self, sid: str | None) -> list:
        """The style and its ``basedOn`` ancestors, nearest first; a cycle is cut and noted."""
        chain: list = []
        seen: set[str] = set()
        current = sid
        while current and current in self.styles:
            if current in seen:
                self.notes.append(f"style '{sid}': basedOn cycle at '{current}'")
                break
            seen.add(current)
            chain.append(self.styles[current])
            based = self.styles[current].find(f"{_W}basedOn")
            current = based.get(f"{_W}val") if based is not None else None
        return chain

    def style(self, sid: str | None) -> tuple[dict, dict]:
        """(run properties, paragraph properties) of a paragraph style with its ``basedOn`` chain, document
        defaults under it.  Cached: each style is resolved once."""
        key = sid or ""
        if key not in self._cache:
            r, p = dict(self.doc_r), dict(self.doc_p)
            for s in reversed(self._chain(sid)):
                r = self._rpr(s.find(f"{_W}rPr"), r)
                p = self._ppr(s.find(f"{_W}pPr"), p)
            self._cache[key] = (r, p)
        return self._cache[key]

    def char_style(self, sid: str) -> dict:
        """Run properties a character style sets (its own chain, without document defaults).  Cached."""
        key = "\x00" + sid
        if key not in self._cache:
            r: dict = {}
            for s in reversed(self._chain(sid)):
                r = self._rpr(s.find(f"{_W}rPr"), r)
            self._cache[key] = (r, {})
        return self._cache[key][0]

    def paragraph(self, p, number: int, section: int) -> Para:
        ppr = p.find(f"{_W}pPr")
        sid = None
        if ppr is not None:
            ps = ppr.find(f"{_W}pStyle")
            sid = ps.get(f"{_W}val") if ps is not None else None
        style_r, style_p = self.style(sid if sid in self.styles else self.default_para)
        props = self._ppr(ppr, style_p)
        runs: list[Run] = []
        for r in _runs(p):
            text = _run_text(r)
            if not text:
                continue
            rpr = r.find(f"{_W}rPr")
            base = style_r
            if rpr is not None:
                rs = rpr.find(f"{_W}rStyle")
                if rs is not None and rs.get(f"{_W}val"):
                    base = {**style_r, **self.char_style(rs.get(f"{_W}val"))}
            eff = self._rpr(rpr, base)
            run = Run(text, eff.get("font"), eff.get("sz", 20) / 2)
            if runs and runs[-1].font == run.font and runs[-1].size_pt == run.size_pt:
                runs[-1] = Run(runs[-1].text + text, run.font, run.size_pt)
            else:
                runs.append(run)
        jc = props.get("jc", "left")
        align = {"both": "justify", "distribute": "justify", "start": "left", "end": "right"}.get(jc, jc)
        first = props.get("ind.firstLine", 0) - props.get("ind.hanging", 0)
        first_chars = props.get("ind.firstLineChars")
        if props.get("ind.hangingChars"):
            first_chars = -props["ind.hangingChars"]
        return Para(
            number=number,
            section=section,
            runs=tuple(runs),
            align=align if align in ALIGNS else "left",
            first_line_twips=first,
            first_line_chars=first_chars,
            left_twips=props.get("ind.left", props.get("ind.start", 0)),
            left_chars=props.get("ind.leftChars", props.get("ind.startChars")),
            right_twips=props.get("ind.right", props.get("ind.end", 0)),
            right_chars=props.get("ind.rightChars", props.get("ind.endChars")),
            line_rule=props.get("lineRule", "auto"),
            line=props.get("line", 240),
            snap_to_grid=props.get("snap", True),
            numbered=bool(props.get("numbered")),
        )


_RUN_PATHS = ("w:r", "w:hyperlink/w:r", "w:ins/w:r", "w:smartTag/w:r", "w:fldSimple/w:r", "w:customXml/w:r")


@lru_cache(maxsize=1)
def _runs_xpath():
    from lxml import etree

    return etree.XPath(" | ".join(f"./{x}" for x in _RUN_PATHS), namespaces={"w": _W_NS})


def _runs(p) -> list:
    """The text runs of a paragraph, in order (inside hyperlinks, insertions, simple fields too)."""
    return _runs_xpath()(p)


def _run_text(r) -> str:
    parts = []
    for child in r:
        if child.tag == f"{_W}t":
            parts.append(child.text or "")
        elif child.tag == f"{_W}tab":
            parts.append("\t")
    return "".join(parts)


def iter_paragraphs(body):
    """(¶ number, paragraph element or None for a table row) in the .docx reader's numbering."""
    from lint.readers.docx import numbered_blocks

    for number, element, is_row in numbered_blocks(body):
        yield number, (None if is_row else element)


def _footer_info_paragraph(p) -> tuple[bool, float | None, bool]:
    """(has a PAGE field, size of the number, 一字线 on both sides) of one footer paragraph."""
    chunks: list[str] = []
    size: float | None = None
    found = False
    in_field = 0
    instr = ""
    for el in p.iter(f"{_W}fldSimple", f"{_W}fldChar", f"{_W}instrText", f"{_W}t"):
        if el.tag == f"{_W}fldSimple":
            if re.search(r"\bPAGE\b", el.get(f"{_W}instr", "")):
                found = True
                chunks.append("#")
                sz = el.find(f".//{_W}sz")
                if sz is not None and _int(sz.get(f"{_W}val")):
                    size = _int(sz.get(f"{_W}val")) / 2
        elif el.tag == f"{_W}fldChar":
            kind = el.get(f"{_W}fldCharType")
            if kind == "begin":
                in_field += 1
                instr = ""
            elif kind == "separate" and re.search(r"\bPAGE\b", instr):
                found = True
                chunks.append("#")
                sz = el.getparent().find(f"{_W}rPr/{_W}sz")
                if sz is not None and _int(sz.get(f"{_W}val")):
                    size = _int(sz.get(f"{_W}val")) / 2
            elif kind == "end":
                in_field = max(0, in_field - 1)
        elif el.tag == f"{_W}instrText":
            instr += el.text or ""
        elif el.tag == f"{_W}t" and not in_field and el.getparent().getparent().tag != f"{_W}fldSimple":
            chunks.append(el.text or "")
    dashes = found and bool(re.search(rf"[{_DASH}]\s*#\s*[{_DASH}]", "".join(chunks)))
    return found, size, dashes


def _footer_info(part, resolver: _Resolver | None = None) -> tuple[bool, float | None, bool]:
    """(has a PAGE field, size of the number, 一字线 on both sides) of a footer part.  With a resolver the
    size is the number's effective size (styles included), else only a size set on the field's run."""
    for p in part.element.iter(f"{_W}p"):
        found, size, dashes = _footer_info_paragraph(p)
        if not found:
            continue
        if resolver is not None:
            digits = [r for r in resolver.paragraph(p, 0, 0).runs if any(c.isdigit() for c in r.text)]
            if digits:
                size = digits[0].size_pt
        return found, size, dashes
    return False, None, False


def _sections(document, body) -> list[tuple[int, Any]]:
    """(first ¶ of the section, sectPr) for each section, in order."""
    out: list[tuple[int, Any]] = []
    start = 1
    for number, element in iter_paragraphs(body):
        if element is None:
            continue
        sect = element.find(f"{_W}pPr/{_W}sectPr")
        if sect is not None:
            out.append((start, sect))
            start = number + 1
    final = body.find(f"{_W}sectPr")
    if final is not None:
        out.append((start, final))
    return out


def _page_section(
    document, first: int, sect, previous: PageSection | None, footer_cache: dict, resolver: _Resolver
) -> PageSection:
    def mm(el, attr: str, default: float) -> float:
        v = _int(el.get(f"{_W}{attr}")) if el is not None else None
        return v * _MM_PER_TWIP if v is not None else default

    size = sect.find(f"{_W}pgSz")
    mar = sect.find(f"{_W}pgMar")
    grid = sect.find(f"{_W}docGrid")
    pitch = None
    if grid is not None and grid.get(f"{_W}type") in ("lines", "linesAndChars", "snapToChars"):
        lp = _int(grid.get(f"{_W}linePitch"))
        pitch = lp / 20 if lp else None
    # The default footer: this section's own, or the previous section's (linked to previous).
    page_number, pn_size, pn_dashes = (
        (previous.page_number, previous.page_number_size_pt, previous.page_number_dashes) if previous else (False, None, False)
    )
    for ref in sect.iterfind(f"{_W}footerReference"):
        if ref.get(f"{_W}type", "default") != "default":
            continue
        rid = ref.get(f"{{{_R_NS}}}id")
        if rid not in footer_cache:
            try:
                footer_cache[rid] = _footer_info(document.part.related_parts[rid], resolver)
            except Exception:  # noqa: BLE001 - a broken reference: no page number
                footer_cache[rid] = (False, None, False)
        page_number, pn_size, pn_dashes = footer_cache[rid]
    width = mm(size, "w", 215.9)
    height = mm(size, "h", 279.4)
    return PageSection(
        first_paragraph=first,
        width_mm=round(width, 2),
        height_mm=round(height, 2),
        top_mm=round(abs(mm(mar, "top", 25.4)), 2),
        bottom_mm=round(abs(mm(mar, "bottom", 25.4)), 2),
        left_mm=round(mm(mar, "left", 31.75), 2),
        right_mm=round(mm(mar, "right", 31.75), 2),
        gutter_mm=round(mm(mar, "gutter", 0.0), 2),
        grid_pitch_pt=pitch,
        page_number=page_number,
        page_number_size_pt=pn_size,
        page_number_dashes=pn_dashes,
    )


def extract(document) -> LayoutModel:
    """The layout model of a python-docx ``Document``."""
    resolver = _Resolver(document)
    body = document.element.body
    sections: list[PageSection] = []
    footer_cache: dict = {}
    for first, sect in _sections(document, body):
        previous = sections[-1] if sections else None
        sections.append(_page_section(document, first, sect, previous, footer_cache, resolver))
    starts = [s.first_paragraph for s in sections]
    paragraphs: dict[int, Para] = {}
    index = 0
    for number, element in iter_paragraphs(body):
        while index + 1 < len(starts) and number >= starts[index + 1]:
            index += 1
        if element is None:
            continue
        paragraphs[number] = resolver.paragraph(element, number, index)
    return LayoutModel(sections, paragraphs, notes=resolver.notes)


# =========================================================================== roles


@dataclass(frozen=True)
class ParagraphRole:
    """The role of a paragraph; ``head_chars``: for a run-in heading, how many characters of the paragraph's
    text (leading blanks included) the heading takes; the rest is body text."""

    role: str
    head_chars: int | None = None


_DATE_LINE = re.compile(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")


def _head_chars(line, inline_body: str) -> int:
    """Where a run-in heading's body text starts, as an index into the paragraph's own text (``raw``)."""
    from lint.normalize import clean_line

    body_at = len(line.text) - len(inline_body)  # in the cleaned text, which may start with a list label
    cleaned, _, positions = clean_line(line.raw)
    k = body_at - (len(line.text) - len(cleaned))
    if positions and len(positions) == len(cleaned) and 0 <= k < len(positions):
        return positions[k]
    return max(1, len(line.raw.rstrip()) - len(inline_body))


def roles_from_outline(outline) -> dict[int, ParagraphRole]:
    """¶ number → role, from the outline the reader and outline builder found."""
    from lint.outline import compact

    doc = outline.document
    lines = doc.lines
    roles: dict[int, ParagraphRole] = {}
    heads = {h.index: h for h in outline.headings}
    title_lines: set[int] = set()
    if outline.title is not None:
        start = lines.index(outline.title.line) if outline.title.line in lines else -1
        if start >= 0:
            title_lines.add(start)
            # A title split over lines: the following front-matter lines belong to it.
            j = start + 1
            while j < len(lines) and j in outline.front and lines[j] is not outline.addressee:
                title_lines.add(j)
                j += 1
    # Signature and date: the last lines after the last heading.
    closing: dict[int, str] = {}
    last_head = max(heads) if heads else -1
    tail = [i for i, ln in enumerate(lines) if ln.text and not ln.table]
    if tail:
        i = tail[-1]
        if i > last_head and _DATE_LINE.match(compact(lines[i].text)):
            closing[i] = "date"
            k = tail.index(i)
            if k > 0:
                j = tail[k - 1]
                text = lines[j].text
                if j > last_head and len(compact(text)) <= 30 and not re.search(r"[。，；：:,;]", text) and j not in heads:
                    closing[j] = "signature"
    for i, ln in enumerate(lines):
        if not ln.text or ln.table:
            continue
        if i in title_lines:
            roles[ln.lineno] = ParagraphRole("title")
        elif outline.addressee is not None and ln is outline.addressee:
            roles[ln.lineno] = ParagraphRole("addressee")
        elif i in outline.front:
            continue  # issuing body above the title and the like: not checked
        elif i in heads:
            h = heads[i]
            level = min(max(h.level, 1), 4)
            roles[ln.lineno] = ParagraphRole(f"heading{level}", _head_chars(ln, h.inline_body) if h.inline_body else None)
        elif i in closing:
            roles[ln.lineno] = ParagraphRole(closing[i])
        else:
            roles[ln.lineno] = ParagraphRole("body")
    return roles


# =========================================================================== repair


def _twips_mm(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _set_attrs(parent, tag: str, attrs: dict[str, str | None]):
    """Set (None: remove) attributes of the child ``w:tag``, adding it at the end when missing (callers sort)."""
    from docx.oxml import OxmlElement

    el = parent.find(f"{_W}{tag}")
    if el is None:
        el = OxmlElement(f"w:{tag}")
        parent.append(el)
    for k, v in attrs.items():
        name = f"{_W}{k}"
        if v is None:
            el.attrib.pop(name, None)
        else:
            el.set(name, v)
    return el


def _format_run(r, spec: RoleSpec) -> None:
    rpr = r.get_or_add_rPr()
    if spec.fonts:
        fonts = {"eastAsia": spec.fonts[0], "eastAsiaTheme": None, "hint": "eastAsia"}
        if spec.latin_font:
            fonts.update(ascii=spec.latin_font, hAnsi=spec.latin_font, asciiTheme=None, hAnsiTheme=None)
        el = rpr.find(f"{_W}rFonts")
        if el is None:
            from docx.oxml import OxmlElement

            el = OxmlElement("w:rFonts")
            rpr.insert(0, el)
        for k, v in fonts.items():
            if v is None:
                el.attrib.pop(f"{_W}{k}", None)
            else:
                el.set(f"{_W}{k}", v)
    if spec.size_pt:
        half = str(round(spec.size_pt * 2))
        for tag in ("sz", "szCs"):
            el = rpr.find(f"{_W}{tag}")
            if el is None:
                from docx.oxml import OxmlElement

                el = OxmlElement(f"w:{tag}")
                rpr.append(el)
            el.set(f"{_W}val", half)
    # Keep schema order (rStyle, rFonts, … sz, szCs, …) acceptable to Word: sort known children.
    _sort_rpr(rpr)


_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath",
]  # fmt: skip
_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
    "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
    "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
    "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
]  # fmt: skip


_SECT_ORDER = [
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
    "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
]  # fmt: skip


def _sort_children(el, order: list[str]) -> None:
    """Put the children in schema order (a stable sort: repeated elements keep theirs; unknown ones go last)."""
    rank = {f"{_W}{name}": i for i, name in enumerate(order)}
    children = list(el)
    children.sort(key=lambda c: rank.get(c.tag, len(order)))
    for c in children:
        el.append(c)


def _sort_rpr(rpr) -> None:
    _sort_children(rpr, _RPR_ORDER)


def _split_run(r, at: int):
    """Split a run with a single ``w:t`` after ``at`` characters; returns the second half (or None)."""
    import copy

    ts = [c for c in r if c.tag == f"{_W}t"]
    others = [c for c in r if c.tag not in (f"{_W}t", f"{_W}rPr")]
    if len(ts) != 1 or others:
        return None
    text = ts[0].text or ""
    if not 0 < at < len(text):
        return None
    second = copy.deepcopy(r)
    ts[0].text = text[:at]
    second_t = next(c for c in second if c.tag == f"{_W}t")
    second_t.text = text[at:]
    for t in (ts[0], second_t):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.addnext(second)
    return second


def _format_paragraph(
    p,
    spec: RoleSpec,
    profile: Profile,
    body_spec: RoleSpec | None,
    head_chars: int | None,
    extra_right_chars: float = 0.0,
) -> None:
    """Lay one paragraph out to its role; a run-in heading's body text (after ``head_chars``) to the body's."""
    from docx.oxml import OxmlElement

    ppr = p.find(f"{_W}pPr")
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    size = spec.size_pt or 16
    if spec.align:
        _set_attrs(ppr, "jc", {"val": {"justify": "both"}.get(spec.align, spec.align)})
    numbered = ppr.find(f"{_W}numPr") is not None
    if not numbered and (spec.indent_chars is not None or spec.right_indent_chars is not None):
        lead = _lead_chars("".join(_run_text(r) for r in _runs(p)))
        ind = ppr.find(f"{_W}ind")
        if ind is not None:
            ppr.remove(ind)
        attrs: dict[str, str | None] = {"left": "0", "leftChars": "0"}
        first = max(0.0, (spec.indent_chars or 0) - lead)
        attrs["firstLineChars"] = str(round(first * 100))
        attrs["firstLine"] = str(round(first * size * 20))
        right = (spec.right_indent_chars or 0) + extra_right_chars
        attrs["rightChars"] = str(round(right * 100))
        attrs["right"] = str(round(right * size * 20))
        _set_attrs(ppr, "ind", attrs)
    pitch = profile.line_pitch["pt"]
    spacing = {"before": "0", "after": "0", "line": str(round(pitch * 20)), "lineRule": "exact"}
    for attr in ("beforeLines", "afterLines", "beforeAutospacing", "afterAutospacing"):
        spacing[attr] = None
    _set_attrs(ppr, "spacing", spacing)
    _sort_children(ppr, _PPR_ORDER)
    runs = [r for r in _runs(p) if _run_text(r)]
    if head_chars is None or body_spec is None:
        for r in runs:
            _format_run(r, spec)
        return
    # A run-in heading: the heading's characters take the heading layout, the rest the body's.
    seen = 0
    for r in list(runs):
        text = _run_text(r)
        if seen >= head_chars:
            _format_run(r, body_spec)
        elif seen + len(text) <= head_chars:
            _format_run(r, spec)
        else:
            second = _split_run(r, head_chars - seen)
            _format_run(r, spec)
            if second is not None:
                _format_run(second, body_spec)
        seen += len(text)


def _page_number_paragraph(spec: dict, align: str, indent_chars: float):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    size = spec.get("size_pt") or 14
    half = round(size * 2)
    fonts = spec.get("fonts") or ["宋体"]
    rpr = (
        f'<w:rPr><w:rFonts w:ascii="{fonts[0]}" w:hAnsi="{fonts[0]}" w:eastAsia="{fonts[0]}"/>'
        f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
    )
    dash = "— " if spec.get("dashes") else ""
    tail = " —" if spec.get("dashes") else ""
    side = "right" if align == "right" else "left"
    twips = round(indent_chars * size * 20)
    return parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Footer"/>'
        f'<w:ind w:{side}="{twips}" w:{side}Chars="{round(indent_chars * 100)}"/><w:jc w:val="{align}"/>{rpr}</w:pPr>'
        f'<w:r>{rpr}<w:t xml:space="preserve">{dash}</w:t></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>1</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r>{rpr}<w:t xml:space="preserve">{tail}</w:t></w:r></w:p>'
    )


def _page_field(p):
    """(first, last) element of the PAGE field in a footer paragraph (a ``w:fldSimple``, or the runs from
    ``begin`` to ``end`` of a complex field), or None."""
    for simple in p.iter(f"{_W}fldSimple"):
        if re.search(r"\bPAGE\b", simple.get(f"{_W}instr", "")):
            return simple, simple
    runs = [r for r in p.iter(f"{_W}r")]
    for i, r in enumerate(runs):
        begin = r.find(f"{_W}fldChar")
        if begin is None or begin.get(f"{_W}fldCharType") != "begin":
            continue
        instr = ""
        for j in range(i + 1, len(runs)):
            ch = runs[j].find(f"{_W}fldChar")
            instr += "".join(t.text or "" for t in runs[j].iterfind(f"{_W}instrText"))
            if ch is not None and ch.get(f"{_W}fldCharType") == "end":
                if re.search(r"\bPAGE\b", instr):
                    return r, runs[j]
                break
    return None


def _restyle_page_number(footer, spec: dict) -> None:
    """An existing page number: the profile's size on its runs, and the 一字线 around it when missing."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for p in footer.iter(f"{_W}p"):
        field_span = _page_field(p)
        if field_span is None:
            continue
        size = spec.get("size_pt")
        if size:
            for r in p.iter(f"{_W}r"):
                rpr = r.get_or_add_rPr()
                for tag in ("sz", "szCs"):
                    _set_attrs(rpr, tag, {"val": str(round(size * 2))})
                _sort_rpr(rpr)
        if spec.get("dashes") and not _footer_info_paragraph(p)[2]:
            first, last = field_span
            half = round((size or 14) * 2)
            rpr = f'<w:rPr><w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
            first.addprevious(parse_xml(f'<w:r {nsdecls("w")}>{rpr}<w:t xml:space="preserve">— </w:t></w:r>'))
            last.addnext(parse_xml(f'<w:r {nsdecls("w")}>{rpr}<w:t xml:space="preserve"> —</w:t></w:r>'))
        return


def _new_footer(footer):
    """The footer's element, made the section's own; a new footer's empty paragraph is dropped (it would push
    the page number off its line)."""
    if footer.is_linked_to_previous:
        footer.is_linked_to_previous = False
        for p in list(footer._element.iterfind(f"{_W}p")):
            if not "".join(t.text or "" for t in p.iter(f"{_W}t")).strip():
                footer._element.remove(p)
    return footer._element


def _add_page_numbers(document, profile: Profile) -> None:
    """Give every section a 「— 1 —」 footer when its default footer has no page number: right-aligned on odd
    pages and left-aligned on even pages (GB/T 9704-2012 7.5) when the document has no headers that separate
    odd and even pages would hide, else right-aligned on every page."""
    spec = profile.page_number
    if not spec.get("required"):
        return
    headers_in_use = any(
        "".join(t.text or "" for t in s.header._element.iter(f"{_W}t")).strip()
        for s in document.sections
        if not s.header.is_linked_to_previous
    )
    both = not headers_in_use or document.settings.odd_and_even_pages_header_footer
    added_even = False
    for i, section in enumerate(document.sections):
        footer = section.footer
        if footer.is_linked_to_previous and i > 0:
            continue
        if not footer.is_linked_to_previous and _footer_info(footer.part)[0]:
            _restyle_page_number(footer._element, spec)
            continue
        _new_footer(footer).append(_page_number_paragraph(spec, "right", 1))
        if both:
            _new_footer(section.even_page_footer).append(_page_number_paragraph(spec, "left", 1))
            added_even = True
    if added_even:
        document.settings.odd_and_even_pages_header_footer = True


def apply(docx_bytes: bytes, roles_by_paragraph: dict[int, ParagraphRole | str], profile: Profile) -> bytes:
    """Lay out a .docx to ``profile``: page size and margins of every section, then font, size, alignment,
    indents and line spacing of each paragraph by its role (¶ number → role), then the page number.
    The text of every paragraph is kept; paragraphs without a role (tables, empty lines, the issuing body
    above the title) are left as they are.  Returns the new file's bytes (writing it is the caller's)."""
    import docx

    document = docx.Document(io.BytesIO(docx_bytes))
    paper, margins = profile.paper, profile.margins
    for i, section in enumerate(document.sections):
        sect = section._sectPr
        width, height = str(_twips_mm(paper["width_mm"])), str(_twips_mm(paper["height_mm"]))
        if i > 0 and section.page_width is not None and section.page_height is not None and (
            section.page_width > section.page_height
        ):
            # A landscape section after the first (a wide table): the paper turned, its margins kept.
            _set_attrs(sect, "pgSz", {"w": height, "h": width, "orient": "landscape"})
        else:
            _set_attrs(sect, "pgSz", {"w": width, "h": height, "orient": None})
            mar = {side: str(_twips_mm(margins[f"{side}_mm"])) for side in ("top", "bottom", "left", "right")}
            _set_attrs(sect, "pgMar", {**mar, "gutter": "0"})
        _sort_children(sect, _SECT_ORDER)
    roles = {n: (r if isinstance(r, ParagraphRole) else ParagraphRole(r)) for n, r in roles_by_paragraph.items()}
    body_spec = profile.roles.get("body")
    elements = {n: el for n, el in iter_paragraphs(document.element.body) if el is not None}
    closing = {r.role: n for n, r in roles.items() if r.role in ("signature", "date")}
    extra = _closing_indents(elements, closing)
    for number, role in roles.items():
        p = elements.get(number)
        spec = profile.roles.get(role.role)
        if p is None or spec is None:
            continue
        _format_paragraph(p, spec, profile, body_spec, role.head_chars, extra.get(number, 0.0))
    _add_page_numbers(document, profile)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def fix_layout(data: bytes, name: str, profile: str = DEFAULT_PROFILE) -> bytes:
    """``fix --layout`` in one call: read the .docx (``lint.readers.ReadError`` on a bad file), find the
    paragraph roles from its outline, and return the document laid out to ``profile`` (an id or a path;
    ``lint.checklist.ChecklistError`` on a bad profile)."""
    from lint.outline import build_outline
    from lint.readers import read_bytes

    chosen = load_profile(profile)
    roles = roles_from_outline(build_outline(read_bytes(data, name)))
    return apply(data, roles, chosen)


def _closing_indents(elements: dict, closing: dict[str, int]) -> dict[int, float]:
    """GB/T 9704-2012 7.3.5.2: the date's first character sits two characters right of the signature's first
    character; the longer line keeps its own right indent and the other is indented more."""
    if elements.get(closing.get("signature")) is None or elements.get(closing.get("date")) is None:
        return {}
    sig = "".join(_run_text(r) for r in _runs(elements[closing["signature"]])).strip()
    date = "".join(_run_text(r) for r in _runs(elements[closing["date"]])).strip()

    def width(s: str) -> float:  # half-width characters (digits) take half a character
        return sum(0.5 if ord(c) < 0x2000 else 1.0 for c in s)

    ws, wd = width(sig), width(date)
    if ws - wd >= 2:  # the signature is longer: the date moves left
        return {closing["date"]: ws - wd - 2}
    return {closing["signature"]: wd - ws + 2}  # the date is longer: the signature moves left
