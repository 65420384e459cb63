"""The package's shape (issue #16): no import circle, no private names across modules, a thin CLI."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "lint"


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def _imports(tree: ast.Module, top_level_only: bool) -> list[ast.ImportFrom | ast.Import]:
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    return [n for n in nodes if isinstance(n, (ast.Import, ast.ImportFrom))]


def test_no_private_name_is_imported_from_another_module():
    bad = []
    for name, tree in _modules().items():
        for node in _imports(tree, top_level_only=False):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lint"):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__") and node.module != name:
                        bad.append(f"{name}: from {node.module} import {alias.name}")
    assert not bad, bad


def test_no_import_circle_at_module_level():
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, tree in modules.items():
        deps = set()
        for node in _imports(tree, top_level_only=True):
            targets = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for target in targets:
                if target and target.startswith("lint") and target in modules and target != name:
                    deps.add(target)
        graph[name] = deps
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in graph[node]:
            # a package's __init__ importing its own submodules is not a circle between concerns
            if dep.startswith(node + ".") or node.startswith(dep + "."):
                continue
            if state.get(dep) == 1:
                raise AssertionError("import circle: " + " → ".join([*stack, node, dep]))
            if dep not in state:
                visit(dep, [*stack, node])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [])


def test_cli_is_a_thin_layer():
    tree = _modules()["lint.cli"]
    source = (ROOT / "cli.py").read_text(encoding="utf-8")
    for forbidden in ("os.walk", "ProcessPoolExecutor", "multiprocessing", "json.dumps(payload", "fnmatch"):
        assert forbidden not in source, forbidden
    assert not any(isinstance(n, ast.ClassDef) and "Planner" in n.name for n in tree.body)
