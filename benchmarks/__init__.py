"""Benchmarks: ``python -m benchmarks`` runs every ``benchmarks/bench_*.py`` and prints results.

To add one, write ``benchmarks/bench_<name>.py`` with a ``run() -> list[str]``
function that returns the lines to print (``table`` below lays out columns).
``python -m benchmarks storage`` runs only the modules whose names contain "storage".
Benchmarks measure; they do not assert. Performance goals are checked by reading
their output, not by timed tests.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

PREFIX = "bench_"


def discover(filters: Sequence[str] = ()) -> list[str]:
    """The names of the benchmark modules, sorted, keeping those matching any filter."""
    folder = Path(__file__).resolve().parent
    names = sorted(
        info.name for info in pkgutil.iter_modules([str(folder)]) if info.name.startswith(PREFIX)
    )
    if filters:
        names = [name for name in names if any(word in name for word in filters)]
    return names


def load(name: str) -> Callable[[], list[str]]:
    """The ``run`` function of one benchmark module."""
    module: ModuleType = importlib.import_module(f"{__name__}.{name}")
    run = getattr(module, "run", None)
    if not callable(run):
        raise TypeError(f"benchmarks/{name}.py has no run() function")
    return run  # type: ignore[no-any-return]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """Rows laid out in columns: text left-aligned, numbers right-aligned."""
    cells = [[str(h) for h in headers], *[[_cell(value) for value in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [
        all(isinstance(row[i], int | float) for row in rows) if rows else False
        for i in range(len(headers))
    ]
    lines = []
    for number, row in enumerate(cells):
        parts = [
            text.rjust(width) if numeric[i] else text.ljust(width)
            for i, (text, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(parts).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ")
    return str(value)
