"""Run the benchmarks: ``python -m benchmarks [NAME …]``."""

from __future__ import annotations

import sys
import time

from benchmarks import discover, load


def main(argv: list[str]) -> int:
    """Run each benchmark module in turn and print what it reports."""
    names = discover(argv)
    if not names:
        print(f"No benchmark matches {' '.join(argv)!r}.")
        return 1
    started = time.perf_counter()
    for name in names:
        print(f"== {name} ==", flush=True)
        began = time.perf_counter()
        for line in load(name)():
            print(line, flush=True)
        print(f"({name} took {time.perf_counter() - began:.1f} s)\n", flush=True)
    print(f"All benchmarks took {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
