"""Reviewed pictures of the key facilitator screens (pytest-textual-snapshot).

Regenerate with ``pytest tests/snapshots/test_facilitator_snapshots.py --snapshot-update`` and
look at every changed picture before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.facilitator.presentation_app import PresentationApp
from surveys.clock import FixedClock
from surveys.facilitation import Facilitation
from surveys.polls import Room
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.support.facilitator import (
    NOW,
    SIZE,
    TODAY,
    build_console,
    poll_set,
    press,
    select_poll,
    settle,
    start_session,
)

SnapCompare = Callable[..., bool]
GROUPS = {"lived": 5, "carer": 2, "clinician": 2}
VOTES = [(4, "lived"), (4, "lived"), (5, "carer"), (2, "not_said"), (4, "clinician")]


async def _useful_poll_closed(pilot: Pilot[object]) -> None:
    await start_session(pilot, groups=GROUPS)
    await select_poll(pilot, "useful")
    await press(pilot, "o")
    live = pilot.app.live  # type: ignore[attr-defined]
    for point, group in VOTES:
        live.cast("useful", point, group)
    await press(pilot, "c")
    await pilot.pause(0.2)
    await settle(pilot)


def test_console_before_reveal(snap_compare: SnapCompare, home: Path) -> None:
    console = build_console(home)
    assert snap_compare(console.app, terminal_size=SIZE, run_before=_useful_poll_closed)


def test_console_after_reveal(snap_compare: SnapCompare, home: Path) -> None:
    console = build_console(home)

    async def revealed(pilot: Pilot[object]) -> None:
        await _useful_poll_closed(pilot)
        await press(pilot, "r")

    assert snap_compare(console.app, terminal_size=SIZE, run_before=revealed)


def _presenter(home: Path, reveal: bool) -> PresentationApp:
    store = TinyDbTallyStore(home / "sessions")
    live = Facilitation.start(store, poll_set(), Room("Focus group", TODAY, 10, GROUPS))
    live.open("words")
    for words in ("kind staff", "kind people", "kind tea", "tea and cake", "quiet room"):
        live.cast("words", words)
    if reveal:
        live.close("words")
        live.reveal("words")
    services = FacilitatorServices(store=store, clock=FixedClock(NOW), home=home)
    return PresentationApp(services, [poll_set()])


def test_presentation_hides_results_before_reveal(snap_compare: SnapCompare, home: Path) -> None:
    assert snap_compare(_presenter(home, reveal=False), terminal_size=SIZE)


def test_presentation_after_reveal(snap_compare: SnapCompare, home: Path) -> None:
    assert snap_compare(_presenter(home, reveal=True), terminal_size=SIZE)


def test_hand_over_screen_between_voters(snap_compare: SnapCompare, home: Path) -> None:
    console = build_console(home)

    async def voted(pilot: Pilot[object]) -> None:
        await start_session(pilot)
        await press(pilot, "o", "v", "enter", "f3", "2", "enter")

    assert snap_compare(console.app, terminal_size=SIZE, run_before=voted)
