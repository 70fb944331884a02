"""The source stays a shape a newcomer can find their way in: no module name used
twice, no module too long to read, and no import cycle, not even a type-only one.

Read from the files with ``ast`` (nothing is imported), so an import inside a
function or under ``if TYPE_CHECKING:`` counts as much as one at the top.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kiosk", "surveys", "accessibility", "exports")
NAMES_ANY_PACKAGE_MAY_REPEAT = {"__init__.py", "__main__.py", "app.py"}
MOST_LINES = 500


def _source_files() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "__pycache__" not in path.parts
    )


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_module_name_is_used_twice() -> None:
    places: dict[str, list[str]] = defaultdict(list)
    for path in _source_files():
        if path.name not in NAMES_ANY_PACKAGE_MAY_REPEAT:
            places[path.name].append(_relative(path))
    repeated = {name: paths for name, paths in sorted(places.items()) if len(paths) > 1}
    lines = [f"  {name}: {', '.join(paths)}" for name, paths in repeated.items()]
    assert not repeated, "These module names are used more than once:\n" + "\n".join(lines)


def test_no_module_is_longer_than_500_lines() -> None:
    too_long = []
    for path in _source_files():
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MOST_LINES:
            too_long.append(f"  {_relative(path)}: {count} lines")
    assert not too_long, f"These modules are over {MOST_LINES} lines:\n" + "\n".join(too_long)


@dataclass(frozen=True)
class Import:
    """One module importing another of ours, and how (``at import``, ``type-only``
    or ``in a function``)."""

    source: str
    target: str
    how: str
    line: int


class _ImportFinder(ast.NodeVisitor):
    """Every import in a module, wherever it is written."""

    def __init__(self, module: str, is_package: bool, known: set[str]) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.known = known
        self.found: list[Import] = []
        self._context: list[str] = []

    def _how(self) -> str:
        if "type-only" in self._context:
            return "type-only"
        if "in a function" in self._context:
            return "in a function"
        return "at import"

    def _add(self, target: str, node: ast.stmt) -> None:
        if target in self.known and target != self.module:
            self.found.append(Import(self.module, target, self._how(), node.lineno))

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        type_checking = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )
        if not type_checking:
            self.generic_visit(node)
            return
        self._context.append("type-only")
        for child in node.body:
            self.visit(child)
        self._context.pop()
        for child in node.orelse:
            self.visit(child)

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._context.append("in a function")
        self.generic_visit(node)
        self._context.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._visit_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._visit_function(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base_parts = self.package.split(".")
            base_parts = base_parts[: len(base_parts) - (node.level - 1)]
            base = ".".join(filter(None, [*base_parts, node.module or ""]))
        else:
            base = node.module or ""
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            # ``from package import module`` depends on that module; ``from module
            # import name`` (or a name from a package's __init__) on the module.
            self._add(submodule if submodule in self.known else base, node)


def _imports() -> list[Import]:
    files = {_module_name(path): path for path in _source_files()}
    known = set(files)
    found: list[Import] = []
    for module, path in files.items():
        finder = _ImportFinder(module, path.name == "__init__.py", known)
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found.extend(finder.found)
    return found


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of two or more modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(groups)


def _shortest_loop(start: str, members: set[str], edges: dict[str, set[str]]) -> list[str]:
    """One shortest path from ``start`` back to itself inside a group (breadth first)."""
    paths = [[start]]
    seen = {start}
    while paths:
        next_paths = []
        for path in paths:
            for target in sorted(edges[path[-1]] & members):
                if target == start:
                    return [*path, start]
                if target not in seen:
                    seen.add(target)
                    next_paths.append([*path, target])
        paths = next_paths
    return [start]


def test_no_import_cycles_not_even_type_only_ones() -> None:
    imports = _imports()
    edges: dict[str, set[str]] = defaultdict(set)
    how: dict[tuple[str, str], set[str]] = defaultdict(set)
    for found in imports:
        edges[found.source].add(found.target)
        how[(found.source, found.target)].add(f"{found.how}, line {found.line}")
    report = []
    for group in _cycles(edges):
        members = set(group)
        loop = _shortest_loop(group[0], members, edges)
        report.append(f"  {len(group)} modules: {', '.join(group)}")
        report.append(f"    for example: {' → '.join(loop)}")
        for source in group:
            for target in sorted(edges[source] & members):
                report.append(f"    {source} → {target} ({'; '.join(sorted(how[source, target]))})")
    assert not report, "These modules import each other in a cycle:\n" + "\n".join(report)


def test_the_cycle_finder_sees_imports_in_functions_and_type_checking(tmp_path: Path) -> None:
    """The cycle check is only worth having if it sees the imports that hide."""
    source = (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from . import sibling\n"
        "if TYPE_CHECKING:\n"
        "    from kiosk.app import KioskApp\n"
        "def later() -> None:\n"
        "    import surveys.loader\n"
    )
    known = {"kiosk.screens.sibling", "kiosk.app", "surveys.loader", "kiosk.screens.here"}
    finder = _ImportFinder("kiosk.screens.here", False, known)
    finder.visit(ast.parse(source))
    assert [(i.target, i.how) for i in finder.found] == [
        ("kiosk.screens.sibling", "at import"),
        ("kiosk.app", "type-only"),
        ("surveys.loader", "in a function"),
    ]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
