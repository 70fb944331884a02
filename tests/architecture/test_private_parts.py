"""The core packages share helpers by name, never through another object's private parts.

The tally store once borrowed the response store's lock and TinyDB helper through
``self._files._locked(...)`` and ``self._files._with_db(...)``; now both use the
public ``SessionFiles``. This keeps it that way: in ``surveys`` and ``exports`` no
code reaches a private attribute through another object (``a.b._c``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("surveys", "exports")


def reaches_in(source: str) -> list[str]:
    """Every ``a.b._c`` in the source (dunder names such as ``x.y.__name__`` are fine)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Attribute)
        ):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_check_finds_a_call_through_another_objects_private_method() -> None:
    source = "def f(self):\n    with self._files._locked('s') as folder:\n        return folder\n"
    assert reaches_in(source) == ["2: self._files._locked"]
    assert reaches_in("def f(self):\n    return self._files.locked('s')\n") == []


def test_no_core_module_reaches_into_another_objects_private_parts() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        for line in reaches_in(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
