"""Fixtures for the kiosk's Pilot tests: a fresh kiosk home per test, no surprises."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.kiosk import Kiosk, build_kiosk, kiosk_maker


@pytest.fixture
def make_kiosk(tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """Build kiosks (survey ``all_kinds`` unless named) in ``tmp_path``; afterwards,
    fail if any met an unexpected error."""
    yield from kiosk_maker(tmp_path, build_kiosk, "all_kinds")
