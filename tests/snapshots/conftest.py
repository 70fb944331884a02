"""Snapshot fixtures: a fresh kiosk home for each test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.app import KioskApp
from tests.support.kiosk import build_kiosk


@pytest.fixture
def kiosk_app(tmp_path: Path) -> Callable[..., KioskApp]:
    """A kiosk app on a test survey (unlocked so the note is part of the picture)."""
    apps: list[KioskApp] = []

    def make(name: str = "all_kinds", **options: object) -> KioskApp:
        app = build_kiosk(tmp_path / f"home{len(apps)}", name, **options).app
        apps.append(app)
        return app

    yield make  # type: ignore[misc]
    for app in apps:
        assert app.problems == []
