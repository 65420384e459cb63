"""Chinese for the problems found in YAML files (configuration, checklists, term lists).

The loaders build their messages in English (the library's stable wording, which tests and scripts match);
the command line shows them in Chinese unless ``--lang en``: each known message shape is rewritten here,
and a message of an unknown shape is shown as it is.
"""

from __future__ import annotations

import re

_WHAT = {
    "the configuration": "配置",
    "the checklist": "清单",
    "the term file": "术语表",
    "'detect'": "detect",
    "'coverage'": "coverage",
    "configuration file": "配置文件",
    "checklist file": "清单文件",
    "term file": "术语表文件",
    "the layout profile": "版式配置",
    "layout profile file": "版式配置文件",
    "'roles'": "roles",
    "file": "文件",
}
_TYPES = {
    "a string": "字符串",
    "a list": "列表",
    "a mapping": "映射（键: 值）",
    "true or false": "true 或 false",
    "a number": "数字",
    "a whole number": "整数",
    "a string or a list of strings": "字符串或字符串列表",
}


def _w(text: str) -> str:
    text = text.strip()
    if text in _WHAT:
        return _WHAT[text]
    m = re.fullmatch(r"section '(.+)'", text)
    if m:
        return f"部分「{m.group(1)}」"
    m = re.fullmatch(r"role '(.+)'", text)
    if m:
        return f"角色「{m.group(1)}」"
    m = re.fullmatch(r"an element of section '(.+)'", text)
    if m:
        return f"部分「{m.group(1)}」的要素"
    m = re.fullmatch(r"an? (?:entry of )?'(.+)'(?: entry)?", text)
    if m:
        return f"「{m.group(1)}」的条目"
    if text == "a coverage area":
        return "coverage 的领域"
    return text


def _hint(text: str) -> str:
    m = re.fullmatch(r" \(did you mean '(.+)'\?\)", text)
    if m:
        return f"（是否应为「{m.group(1)}」？）"
    m = re.fullmatch(r" \(allowed: (.+)\)", text)
    if m:
        return f"（可用：{m.group(1)}）"
    m = re.fullmatch(r"; did you mean '(.+)'\?", text)
    if m:
        return f"；是否应为「{m.group(1)}」？"
    m = re.fullmatch(r"; built-in: (.+)", text)
    if m:
        return f"；内置：{m.group(1)}"
    return text


_RULES: list[tuple[re.Pattern[str], object]] = [
    (re.compile(r"'(.+?)' of role '(.+?)' must be one of (.+)$"), lambda m: f"角色「{m.group(2)}」的「{m.group(1)}」必须是 {m.group(3)} 之一"),
    (re.compile(r"'(.+?)' of role '(.+?)' must be between (\S+) and (\S+)$"),
     lambda m: f"角色「{m.group(2)}」的「{m.group(1)}」必须在 {m.group(3)} 到 {m.group(4)} 之间"),
    (re.compile(r"'(.+?)' of role '(.+?)' must be positive$"), lambda m: f"角色「{m.group(2)}」的「{m.group(1)}」必须大于 0"),
    (re.compile(r"'(.+?)' in '(.+?)' must be between (\S+) and (\S+)$"),
     lambda m: f"「{m.group(2)}」中的「{m.group(1)}」必须在 {m.group(3)} 到 {m.group(4)} 之间"),
    (re.compile(r"role '(.+)' must be a mapping$"), lambda m: f"角色「{m.group(1)}」必须是映射"),
    (re.compile(r"'line_pitch' needs min_pt ≤ pt ≤ max_pt$"), lambda m: "「line_pitch」需满足 min_pt ≤ pt ≤ max_pt"),
    (re.compile(r"unknown layout profile(.*)$"), lambda m: f"未知的版式配置{_hint(m.group(1))}"),
    (re.compile(r"'extends: (.+)' names no built-in layout profile \((.+)\) and no file in (.+)$"),
     lambda m: f"「extends: {m.group(1)}」既不是内置版式配置（{m.group(2)}），也不是 {m.group(3)} 中的文件"),
    (re.compile(r"too large for a (.+?) \((\d+) bytes; at most (\d+)\)$"),
     lambda m: f"{_w(m.group(1))}过大（{m.group(2)} 字节，上限 {m.group(3)} 字节）"),
    (re.compile(r"no such baseline file$"), lambda m: "基线文件不存在"),
    (re.compile(r"not a reportlint baseline \((.+)\)$"), lambda m: f"不是 reportlint 基线文件（{m.group(1)}）"),
    (re.compile(r"written by an older reportlint .*$"), lambda m: "由旧版 reportlint 写入（版本 1）：请用 --write-baseline 重新生成"),
    (re.compile(r"unsupported baseline version (.+)$"), lambda m: f"不支持的基线版本 {m.group(1)}"),
    (re.compile(r"baseline too large (.+)$"), lambda m: f"基线文件过大 {m.group(1)}"),
    (re.compile(r"unknown key '(.+?)' in (.+?)((?: \(did you mean '.+'\?\))|(?: \(allowed: .+\)))$"),
     lambda m: f"{_w(m.group(2))}中有未知的键「{m.group(1)}」{_hint(m.group(3))}"),
    (re.compile(r"'(.+?)' in (.+) must be a list of non-empty strings$"),
     lambda m: f"{_w(m.group(2))}中的「{m.group(1)}」必须是非空字符串的列表"),
    (re.compile(r"'(.+?)' in (.+) must be (.+)$"),
     lambda m: f"{_w(m.group(2))}中的「{m.group(1)}」必须是{_TYPES.get(m.group(3), m.group(3))}"),
    (re.compile(r"(.+) must be a mapping of keys$"), lambda m: f"{_w(m.group(1))}必须是键值映射"),
    (re.compile(r"a (.+) must be a mapping of keys \(key: value\)$"),
     lambda m: f"{_w(m.group(1))}的内容必须是键值映射（键: 值）"),
    (re.compile(r"(.+) lacks '(.+)'$"), lambda m: f"{_w(m.group(1))}缺少「{m.group(2)}」"),
    (re.compile(r"each entry of '(.+)' must be a mapping$"), lambda m: f"「{m.group(1)}」的每一项都必须是映射"),
    (re.compile(r"missing required key '(.+?)'( \(or 'extends' another checklist\))?$"),
     lambda m: f"缺少必需的键「{m.group(1)}」" + ("（或用 extends 继承另一份清单）" if m.group(2) else "")),
    (re.compile(r"duplicate key '(.+)' \(first at line (\d+)\)$"), lambda m: f"键「{m.group(1)}」重复（首次出现在第{m.group(2)}行）"),
    (re.compile(r"invalid YAML: (.+)$"), lambda m: f"YAML 格式错误：{m.group(1)}"),
    (re.compile(r"invalid TOML: (.+)$"), lambda m: f"TOML 格式错误：{m.group(1)}"),
    (re.compile(r"empty (.+)$"), lambda m: f"{_w(m.group(1))}为空"),
    (re.compile(r"YAML anchors and aliases .*$"), lambda m: "不支持 YAML 锚点和别名（& 和 *），请直接写出取值"),
    (re.compile(r"nested more than (\d+) levels deep$"), lambda m: f"嵌套超过 {m.group(1)} 层"),
    (re.compile(r"too large for a (.+?) \((.+)\)$"), lambda m: f"{_w(m.group(1))}过大（{m.group(2)}）"),
    (re.compile(r"no such (.+)$"), lambda m: f"{_w(m.group(1))}不存在"),
    (re.compile(r"is a directory, not a (.+)$"), lambda m: f"是目录，不是{_w(m.group(1))}"),
    (re.compile(r"not a regular file .*, not a (.+)$"), lambda m: f"不是普通文件（设备、管道或套接字），不是{_w(m.group(1))}"),
    (re.compile(r"a (.+) must be UTF-8 text$"), lambda m: f"{_w(m.group(1))}必须是 UTF-8 文本"),
    (re.compile(r"cannot read: (.+)$"), lambda m: f"无法读取：{m.group(1)}"),
    (re.compile(r"unknown rule id '(.+?)'( \(did you mean '.+'\?\))?$"),
     lambda m: f"未知的规则 id「{m.group(1)}」" + (_hint(m.group(2)) if m.group(2) else "")),
    (re.compile(r"severity '(.+)' must be one of (.+)$"), lambda m: f"严重程度「{m.group(1)}」必须是 {m.group(2)} 之一"),
    (re.compile(r"severity of '(.+)' must be one of (.+)$"), lambda m: f"规则「{m.group(1)}」的严重程度必须是 {m.group(2)} 之一"),
    (re.compile(r"'(.+)' must be one of (.+)$"), lambda m: f"「{m.group(1)}」必须是 {m.group(2)} 之一"),
    (re.compile(r"'lang' must be zh or en$"), lambda m: "「lang」必须是 zh 或 en"),
    (re.compile(r"'threshold' must be between 0 and 100$"), lambda m: "「threshold」必须在 0 到 100 之间"),
    (re.compile(r"'order' names unknown section '(.+?)'(.*)$"),
     lambda m: f"「order」中的部分「{m.group(1)}」不存在{_hint(m.group(2))}"),
    (re.compile(r"'order' lists section '(.+)' twice$"), lambda m: f"「order」把部分「{m.group(1)}」列了两次"),
    (re.compile(r"'order' does not list section '(.+)'$"), lambda m: f"「order」没有列出部分「{m.group(1)}」"),
    (re.compile(r"new section '(.+)' needs a 'title'$"), lambda m: f"新部分「{m.group(1)}」需要「title」"),
    (re.compile(r"duplicate section id '(.+)'$"), lambda m: f"部分 id「{m.group(1)}」重复"),
    (re.compile(r"section without 'id'$"), lambda m: "部分缺少「id」"),
    (re.compile(r"a checklist needs at least one section$"), lambda m: "清单至少需要一个部分"),
    (re.compile(r"'extends' must name a built-in checklist or a file in the checklist's own directory.*$"),
     lambda m: "「extends」只能是内置清单，或本清单所在目录（及其子目录）中的文件"),
    (re.compile(r"'extends: (.+)' names no built-in checklist \((.+)\) and no file$"),
     lambda m: f"「extends: {m.group(1)}」既不是内置清单（{m.group(2)}），也不是文件"),
    (re.compile(r"'extends' forms a cycle: (.+)$"), lambda m: f"「extends」形成循环：{m.group(1)}"),
    (re.compile(r"checklist '(.+)' must be a file in the configuration's directory or below it$"),
     lambda m: f"清单「{m.group(1)}」必须是配置文件所在目录（或其子目录）中的文件"),
    (re.compile(r"unknown checklist(.*)$"), lambda m: f"未知的清单{_hint(m.group(1))}"),
    (re.compile(r"an example's 'text' must not be empty$"), lambda m: "示例的「text」不能为空"),
    (re.compile(r"'terms' file not found: (.+)$"), lambda m: f"找不到「terms」文件：{m.group(1)}"),
    (re.compile(r"an 'overrides' entry needs 'files' and 'checklist'$"), lambda m: "「overrides」的条目需要「files」和「checklist」"),
    (re.compile(r"'overrides' entries are .*$"), lambda m: "「overrides」的条目应为 {files, checklist} 映射"),
    (re.compile(r"'ignore' entries are .*$"), lambda m: "「ignore」的条目应为规则 id 或 {path, rule, section} 映射"),
    (re.compile(r"an 'ignore' entry needs '(.+)'$"), lambda m: f"「ignore」的条目需要「{m.group(1)}」"),
    (re.compile(r"'(.+)' entries must be strings$"), lambda m: f"「{m.group(1)}」的条目必须是字符串"),
    (re.compile(r"key (.+) must be a string$"), lambda m: f"键 {m.group(1)} 必须是字符串"),
]


def zh(message: str) -> str:
    """The message in Chinese when its shape is known, else unchanged."""
    for pattern, build in _RULES:
        m = pattern.match(message)
        if m:
            return build(m)  # type: ignore[operator]
    return message


#: Rule families as ``explain`` names them (the English name is what --select/--ignore take).
FAMILIES = {
    "content": "内容",
    "document": "文档要素",
    "encoding": "编码",
    "evaluator": "评查",
    "format": "公文格式",
    "layout": "版式",
    "numbering": "标题编号",
    "source": "文本来源",
    "structure": "结构",
    "tables": "统计表",
    "terms": "术语",
}
