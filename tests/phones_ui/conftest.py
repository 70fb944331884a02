"""Fixtures for the phone tests that drive the apps: a fresh kiosk home each time,
and a check afterwards that no app met an unexpected error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.phones_ui.kit import build_phone_kiosk
from tests.ui.kit import Kiosk


@pytest.fixture
def make_kiosk(tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """Build kiosks (phones on unless told) in ``tmp_path``; fail on unexpected errors."""
    made: list[Kiosk] = []

    def make(name: str = "short", **options: Any) -> Kiosk:
        kiosk = build_phone_kiosk(tmp_path / f"home{len(made)}", name, **options)
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        assert kiosk.app.problems == [], "the kiosk met an unexpected error"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fresh kiosk data folder (for the console)."""
    folder = tmp_path / "home"
    folder.mkdir()
    return folder
