"""Snapshot fixtures: a fixed receipt code and a fresh kiosk home for each test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.app import KioskApp
from surveys import receipts
from tests.ui.kit import build_kiosk

RECEIPT = "7K3QD-M9XTA"


@pytest.fixture(autouse=True)
def fixed_receipt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every snapshot shows the same receipt code."""
    monkeypatch.setattr(receipts, "new_code", lambda: RECEIPT)


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
