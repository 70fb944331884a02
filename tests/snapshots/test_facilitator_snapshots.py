"""Reviewed pictures of the key facilitator screens (pytest-textual-snapshot).

Regenerate with ``pytest tests/snapshots/test_facilitator_snapshots.py --snapshot-update`` and
look at every changed picture before committing it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
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
    Facilitator,
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


# -- the tablet passed round during a focus-group plan ------------------------------


class _InOrder:
    """Stands in for ``secrets`` in the idea pool, so the pictures keep one order."""

    def __init__(self) -> None:
        self.count = 0

    def token_hex(self, _: int) -> str:
        self.count += 1
        return f"{self.count:08x}"

    def randbelow(self, n: int) -> int:
        return n - 1  # each idea at the end

    def SystemRandom(self) -> _InOrder:  # as in ``secrets``
        return self

    def shuffle(self, _: list[object]) -> None:
        """Keep the order."""


def _tablet_turn(
    console: Facilitator, stage: int | None, steps: Callable[[Pilot[object]], Awaitable[None]]
) -> Callable[[Pilot[object]], Awaitable[None]]:
    """Start a plan, move it to ``stage`` (None: writing ideas), pass the tablet, and
    take the person's ``steps``."""
    from tests.support.plan_tablet import plan_running, ready

    async def run_before(pilot: Pilot[object]) -> None:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=stage is not None)
        if stage is not None:
            plan.move_to(stage)
        await press(pilot, "v")
        await ready(pilot, group=None)
        await steps(pilot)

    return run_before


def test_tablet_idea_turn(
    snap_compare: SnapCompare, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("surveys.ideas.secrets", _InOrder())
    console = build_console(home)

    async def typed(pilot: Pilot[object]) -> None:
        await pilot.press(*"A quiet room to wait in")
        await settle(pilot)

    assert snap_compare(
        console.app, terminal_size=SIZE, run_before=_tablet_turn(console, None, typed)
    )


def test_tablet_top_three_ballot(
    snap_compare: SnapCompare, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support.plan_tablet import IDEAS, TOP_STAGE, choose

    monkeypatch.setattr("surveys.ideas.secrets", _InOrder())
    console = build_console(home)

    async def chose_one(pilot: Pilot[object]) -> None:
        await choose(pilot, IDEAS[1])

    assert snap_compare(
        console.app, terminal_size=SIZE, run_before=_tablet_turn(console, TOP_STAGE, chose_one)
    )


def test_tablet_dots_ballot(
    snap_compare: SnapCompare, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support.plan_tablet import DOTS_STAGE, IDEAS, dot

    monkeypatch.setattr("surveys.ideas.secrets", _InOrder())
    console = build_console(home)

    async def two_dots(pilot: Pilot[object]) -> None:
        await dot(pilot, IDEAS[0], times=2)

    assert snap_compare(
        console.app, terminal_size=SIZE, run_before=_tablet_turn(console, DOTS_STAGE, two_dots)
    )
