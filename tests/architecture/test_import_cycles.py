"""No import cycles among our modules, type-only and function-level imports included.

The graph is read from the source (``ast``), not from what Python loads, so an
import under ``if TYPE_CHECKING:`` or inside a function counts like any other: a
module that needs its app only "for typing" still cannot be read on its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kiosk", "surveys", "accessibility", "exports")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """Every module of ours this one imports, wherever the import statement is."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            # the deepest module of ours the name points at (a module, or a name in one)
            target = name
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != module:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the modules of ours it imports (type-only and in functions included)."""
    paths = [path for package in PACKAGES for path in (ROOT / package).rglob("*.py")]
    known = {_module_name(path) for path in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = _imported(tree, module, path.name == "__init__.py", known)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _without_packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Drop edges into package ``__init__`` modules that only name the package.

    ``from kiosk.screens import x`` resolves to the module ``kiosk.screens.x``; an
    edge to ``kiosk.screens`` itself is then only Python loading the parent first.
    """
    packages = {name for name in graph if (ROOT / name.replace(".", "/") / "__init__.py").exists()}
    return {module: {t for t in targets if t not in packages} for module, targets in graph.items()}


def test_the_checker_finds_a_cycle_through_a_type_only_import() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from a import A\n"
    tree = ast.parse(source)
    graph = {"b": _imported(tree, "b", False, {"a", "b"}), "a": {"b"}}
    assert cycles(graph) == [["a", "b"]]


def test_the_checker_finds_a_cycle_through_an_import_inside_a_function() -> None:
    tree = ast.parse("def f():\n    from a.x import thing\n")
    graph = {"b": _imported(tree, "b", False, {"a.x", "b"}), "a.x": {"b"}}
    assert cycles(graph) == [["a.x", "b"]]


def test_our_packages_have_no_import_cycle() -> None:
    assert cycles(_without_packages(import_graph())) == []
