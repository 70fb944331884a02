"""Fixtures that tests in more than one folder use, written once: a fresh kiosk home,
the fixed receipt code that makes pictures and spoken words repeatable, a sealed
store with the demo key, and a review desk with comments waiting."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveys import receipts
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, ensure_keys, load_private_key
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.support.exports import Kiosk
from tests.support.kiosk import RECEIPT
from tests.support.review import Desk, make_desk


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fresh kiosk data folder."""
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def fixed_receipt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kiosk hands out the same receipt code, ``RECEIPT``. Modules whose pictures
    or spoken words show the code ask for it with
    ``pytestmark = pytest.mark.usefixtures("fixed_receipt")``."""
    monkeypatch.setattr(receipts, "new_code", lambda: RECEIPT)


@pytest.fixture
def kiosk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Kiosk:
    """A kiosk's store and keys (no app) in ``tmp_path/home``, which ``KIOSK_HOME`` names."""
    home = tmp_path / "home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    sealer, _ = ensure_keys(home / "keys")
    opener = load_private_key(home / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    return Kiosk(home, TinyDbResponseStore(home / "sessions"), sealer, opener)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    """A kiosk home with comments waiting for review (see ``tests/support/review.py``)."""
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    return make_desk(tmp_path)
