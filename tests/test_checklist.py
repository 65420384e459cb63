"""Checklist loading, extends, and validation errors that point at file and line."""

from __future__ import annotations

import re
import textwrap

import pytest

from lint.checklist import ChecklistError, builtin_ids, load_checklist, load_file

MINIMAL = """\
id: mini
name: 最小清单
sections:
  - id: a
    title: 主要举措和成效
  - id: b
    title: 存在的不足和原因
order: [a, b]
"""


def write(tmp_path, text: str, name: str = "c.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(tmp_path, text: str) -> list[str]:
    with pytest.raises(ChecklistError) as info:
        load_file(write(tmp_path, text))
    return info.value.format_lines()


def test_builtins_load():
    assert {"fazhi-2019", "fazhi-duty-first", "fazhi-duty-second"} <= set(builtin_ids())
    for cid in builtin_ids():
        cl = load_checklist(cid)
        assert cl.order and set(cl.order) == set(cl.sections)


def test_default_checklist_sections():
    cl = load_checklist("fazhi-2019")
    assert cl.order == ["measures", "shortcomings", "duty", "plans", "other"]
    assert [s.required for s in cl.ordered()] == [True, True, True, True, False]


def test_extends_reorders_and_keeps_sections():
    base, first, second = (load_checklist(c) for c in ("fazhi-2019", "fazhi-duty-first", "fazhi-duty-second"))
    assert first.order[0] == "duty" and second.order[:3] == ["measures", "duty", "shortcomings"]
    assert first.sections["plans"].aliases == base.sections["plans"].aliases


def test_extends_file_overrides_section_fields(tmp_path):
    write(tmp_path, MINIMAL, "base.yaml")
    child = write(
        tmp_path,
        """\
        id: child
        extends: base.yaml
        sections:
          - id: b
            aliases: [问题和不足]
          - id: c
            title: 下一年度主要安排
        """,
        "child.yaml",
    )
    cl = load_file(child)
    assert cl.order == ["a", "b", "c"]
    assert cl.sections["b"].title == "存在的不足和原因" and cl.sections["b"].aliases == ["问题和不足"]


def test_valid_minimal(tmp_path):
    assert load_file(write(tmp_path, MINIMAL)).id == "mini"


def test_unknown_key_with_suggestion_and_line(tmp_path):
    lines = problems(
        tmp_path,
        MINIMAL.replace("    title: 存在的不足和原因", "    title: 存在的不足和原因\n    alias: [x]"),
    )
    assert lines == [f"{tmp_path / 'c.yaml'}:8: unknown key 'alias' in section 'b' (did you mean 'aliases'?)"]


def test_unknown_top_level_key(tmp_path):
    (line,) = problems(tmp_path, MINIMAL + "oder: [a]\n")
    assert line.endswith(":9: unknown key 'oder' in the checklist (did you mean 'order'?)")


def test_invalid_yaml_has_line(tmp_path):
    (line,) = problems(tmp_path, "id: x\nsections: [\n  - a: b\n")
    assert re.search(r"c\.yaml:3: invalid YAML", line)


def test_wrong_types(tmp_path):
    lines = problems(
        tmp_path,
        MINIMAL.replace(
            "    title: 主要举措和成效", "    title: 主要举措和成效\n    required: 是\n    aliases: 举措"
        ),
    )
    assert any(":6: 'required' in section 'a' must be true or false" in ln for ln in lines)
    assert any(":7: 'aliases' in section 'a' must be a list" in ln for ln in lines)


def test_bad_severity(tmp_path):
    (line,) = problems(
        tmp_path,
        MINIMAL.replace("    title: 主要举措和成效", "    title: 主要举措和成效\n    severity: fatal"),
    )
    assert ":6: severity 'fatal' must be one of error, warning, info" in line


def test_order_mistakes(tmp_path):
    lines = problems(tmp_path, MINIMAL.replace("order: [a, b]", "order: [a, bb, a]"))
    assert any("'order' names unknown section 'bb' (did you mean 'b'?)" in ln for ln in lines)
    assert any("'order' lists section 'a' twice" in ln for ln in lines)
    assert any("'order' does not list section 'b'" in ln for ln in lines)


def test_duplicate_key_and_duplicate_section(tmp_path):
    lines = problems(tmp_path, MINIMAL.replace("name: 最小清单", "name: 最小清单\nname: again"))
    assert any(":3: duplicate key 'name' (first at line 2)" in ln for ln in lines)
    lines = problems(tmp_path, MINIMAL.replace("  - id: b", "  - id: a"))
    assert any("duplicate section id 'a'" in ln for ln in lines)


def test_missing_required_keys_and_empty_file(tmp_path):
    lines = problems(tmp_path, "id: x\n")
    assert any("missing required key 'sections'" in ln for ln in lines)
    assert problems(tmp_path, "") == [f"{tmp_path / 'c.yaml'}: empty checklist file"]
    assert "must be a mapping" in problems(tmp_path, "- a\n- b\n")[0]


def test_extends_errors(tmp_path):
    (line,) = problems(tmp_path, "id: x\nextends: fazhi-2020\n")
    assert ":2: 'extends: fazhi-2020' names no built-in checklist" in line
    write(tmp_path, "id: a\nextends: b.yaml\n", "a.yaml")
    write(tmp_path, "id: b\nextends: a.yaml\n", "b.yaml")
    with pytest.raises(ChecklistError, match="cycle"):
        load_file(tmp_path / "a.yaml")


def test_unknown_builtin_suggests(tmp_path):
    with pytest.raises(ChecklistError, match="did you mean 'fazhi-2019'"):
        load_checklist("fazhi-2018")


def test_binary_checklist(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(ChecklistError, match="UTF-8"):
        load_file(path)
