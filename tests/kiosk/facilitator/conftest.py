"""Fixtures for the facilitator's tests: a temp home per test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fresh kiosk data folder."""
    folder = tmp_path / "home"
    folder.mkdir()
    return folder
