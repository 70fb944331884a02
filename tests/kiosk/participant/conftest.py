"""Fixtures for the kiosk's Pilot tests: a fresh kiosk home per test, no surprises."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.ui.kit import Kiosk, build_kiosk


@pytest.fixture
def make_kiosk(tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """Build kiosks in ``tmp_path``; afterwards, fail if any met an unexpected error."""
    made: list[Kiosk] = []

    def make(name: str = "all_kinds", **options: object) -> Kiosk:
        kiosk = build_kiosk(tmp_path / f"home{len(made)}", name, **options)
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        if not kiosk.expect_problems:
            assert kiosk.app.problems == [], "the kiosk met an unexpected error"
