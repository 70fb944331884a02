"""Reviewed pictures of the phone screens (pytest-textual-snapshot).

Regenerate with ``pytest tests/snapshots/test_phone_snapshots.py --snapshot-update`` and
look at every changed picture before committing it. The link, code and times are
fixed (an injected clock, a fixed receipt code, UTC) so the pictures never drift.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kiosk.screens.phone_screen import PhoneScreen
from kiosk.web.state import Handoff
from surveys.clock import FixedClock
from tests.kiosk.web.test_receipt_qr import send_on_the_kiosk
from tests.support.kiosk import settle, tap
from tests.support.phones import build_phone_kiosk, screen_name, wait_for

SnapCompare = Callable[..., bool]
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
HANDOFF = Handoff(
    code="7K3QDM",
    url="http://192.168.1.20:8080/h/7K3QDM",
    expires_at=NOW + dt.timedelta(minutes=15),
)


@pytest.fixture(autouse=True)
def fixed_words(fixed_receipt: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """UTC wall clock (the expiry time is shown in local time) and a fixed receipt."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_phone_screen_at_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    kiosk = build_phone_kiosk(tmp_path / "home", phones=None)

    async def show(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.push_screen(PhoneScreen(HANDOFF, FixedClock(NOW)))
        await settle(pilot)

    assert snap_compare(kiosk.app, run_before=show, terminal_size=(80, 24))
    assert kiosk.app.problems == []


def test_receipt_qr_code_at_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    kiosk = build_phone_kiosk(tmp_path / "home", phones=None)

    async def show(pilot: Pilot[Any]) -> None:
        await send_on_the_kiosk(pilot)
        await tap(pilot, "#receipt-qr-show")

    assert snap_compare(kiosk.app, run_before=show, terminal_size=(80, 24))
    assert kiosk.app.problems == []


def test_welcome_with_phones_at_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    kiosk = build_phone_kiosk(tmp_path / "home")

    async def ready(pilot: Pilot[Any]) -> None:
        await wait_for(pilot, lambda: kiosk.app.phone_server is not None)
        assert screen_name(kiosk.app) == "WelcomeScreen"

    assert snap_compare(kiosk.app, run_before=ready, terminal_size=(80, 24))
    assert kiosk.app.problems == []
