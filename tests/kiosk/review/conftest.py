"""Fixtures for the review screen's tests: a kiosk home with comments waiting."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review_ui.kit import Desk, make_desk


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    return make_desk(tmp_path)
