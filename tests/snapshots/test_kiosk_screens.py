"""Reviewed pictures of the kiosk's key screens (pytest-textual-snapshot).

Regenerate with ``pytest tests/snapshots --snapshot-update`` and look at
``snapshot_report.html`` (or the SVGs under ``__snapshots__``) before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from kiosk.app import KioskApp
from tests.ui.kit import agree, begin, press, settle, tap

Steps = Callable[[Pilot[object]], Awaitable[None]]
Compare = Callable[..., bool]
MakeApp = Callable[..., KioskApp]


async def at_welcome(pilot: Pilot[object]) -> None:
    await settle(pilot)


async def at_preferences(pilot: Pilot[object]) -> None:
    await settle(pilot)
    await tap(pilot, "#start")


async def at_consent(pilot: Pilot[object]) -> None:
    await at_preferences(pilot)
    await tap(pilot, "#next")


def at_question(skips: int, *keys: str) -> Steps:
    """After consent: the information page, then ``skips`` questions skipped, then keys."""

    async def steps(pilot: Pilot[object]) -> None:
        await begin(pilot)
        if skips:
            await press(pilot, "enter", *(["f3"] * (skips - 1)))
        if keys:
            await press(pilot, *keys)

    return steps


async def at_review(pilot: Pilot[object]) -> None:
    await begin(pilot)
    await press(pilot, "enter", "2", "enter", "1", "3", "enter", "4", "enter", "f3")
    await press(pilot, "1", "enter", *"calm", "enter", "f3", "f3")


async def at_thanks(pilot: Pilot[object]) -> None:
    await at_review(pilot)
    await tap(pilot, "#send")


async def at_stop(pilot: Pilot[object]) -> None:
    await at_question(1, "2", "enter")(pilot)
    await press(pilot, "f5")


SCREENS: dict[str, Steps] = {
    "welcome": at_welcome,
    "preferences": at_preferences,
    "consent": at_consent,
    "info": at_question(0),
    "single": at_question(1, "2"),
    "multi": at_question(2, "1", "3"),
    "scale_with_faces": at_question(3, "4"),
    "rating": at_question(4, "8"),
    "yesno": at_question(5, "1"),
    "text": at_question(6, *"[bold]calm[/]"),
    "longtext": at_question(7, *"It helped.", "enter", *"Thank you."),
    "ranking": at_question(8, "shift+down"),
    "review": at_review,
    "thanks": at_thanks,
    "stop": at_stop,
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_at_80x24(snap_compare: Compare, kiosk_app: MakeApp, screen: str) -> None:
    assert snap_compare(kiosk_app(), run_before=SCREENS[screen], terminal_size=(80, 24))


@pytest.mark.parametrize("size", [(60, 20), (200, 60)])
@pytest.mark.parametrize("screen", ["welcome", "single", "rating", "review"])
def test_screen_fits_small_and_large_terminals(
    snap_compare: Compare, kiosk_app: MakeApp, screen: str, size: tuple[int, int]
) -> None:
    assert snap_compare(kiosk_app(), run_before=SCREENS[screen], terminal_size=size)


@pytest.mark.parametrize(
    ("text_size", "colours"), [("Largest", "High contrast"), ("Large", "Low light")]
)
def test_single_choice_in_other_sizes_and_colours(
    snap_compare: Compare, kiosk_app: MakeApp, text_size: str, colours: str
) -> None:
    async def steps(pilot: Pilot[object]) -> None:
        await at_preferences(pilot)
        items = {item.words: item for item in pilot.app.screen.query("ChoiceItem")}
        await tap(pilot, items[text_size])
        await tap(pilot, items[colours])
        await tap(pilot, "#next")
        await agree(pilot)
        await press(pilot, "enter", "2")

    assert snap_compare(kiosk_app(), run_before=steps, terminal_size=(80, 24))
