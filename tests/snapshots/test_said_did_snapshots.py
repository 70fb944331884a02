"""Reviewed pictures of "You said — We did" on the kiosk (issue 16): the welcome
screen with a card at 80x24 and at 60x20, the idle box with a card under it, and
the thank-you screen saying when and where results are shared.

Regenerate with ``pytest tests/snapshots/test_said_did_snapshots.py --snapshot-update``
and look at the SVGs under ``__snapshots__`` before committing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from kiosk.app import KioskApp
from kiosk.screens.idle_modal import IdleModal
from kiosk.widgets.said_did_cards import SaidDidCards
from tests.support.action_logs import write_log
from tests.support.kiosk import FakeClock, read_consent, settle, tap, wait_until

Compare = Callable[..., bool]
MakeApp = Callable[..., KioskApp]


def with_log(app: KioskApp) -> KioskApp:
    write_log(app.home)
    return app


def card_shown(pilot: Pilot[object]) -> bool:
    return bool(pilot.app.screen.query_one("#said-did", SaidDidCards).display)


async def at_welcome_with_a_card(pilot: Pilot[object]) -> None:
    await settle(pilot)
    await wait_until(pilot, lambda: card_shown(pilot))


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_welcome_with_a_card(
    snap_compare: Compare, kiosk_app: MakeApp, size: tuple[int, int]
) -> None:
    app = with_log(kiosk_app("short", unlocked=False))
    assert snap_compare(app, run_before=at_welcome_with_a_card, terminal_size=size)


def test_idle_box_with_a_card(snap_compare: Compare, kiosk_app: MakeApp) -> None:
    clock = FakeClock()
    app = with_log(
        kiosk_app("short", unlocked=False, idle_seconds=0.3, countdown_seconds=30, monotonic=clock)
    )

    async def steps(pilot: Pilot[object]) -> None:
        await settle(pilot)
        await tap(pilot, "#start")
        clock.advance(1)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, IdleModal))
        await wait_until(pilot, lambda: card_shown(pilot))

    assert snap_compare(app, run_before=steps, terminal_size=(80, 24))


def test_thanks_says_when_results_are_shared(snap_compare: Compare, kiosk_app: MakeApp) -> None:
    app = with_log(kiosk_app("short", unlocked=False))

    async def steps(pilot: Pilot[object]) -> None:
        await settle(pilot)
        await tap(pilot, "#start")
        await tap(pilot, "#next")
        await read_consent(pilot)
        await tap(pilot, "#decline")
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "ThanksScreen")

    assert snap_compare(app, run_before=steps, terminal_size=(80, 24))
