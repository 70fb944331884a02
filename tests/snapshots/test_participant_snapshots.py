"""Reviewed pictures of the kiosk's key screens (pytest-textual-snapshot).

Regenerate with ``pytest tests/snapshots/test_participant_snapshots.py --snapshot-update``
and look at ``snapshot_report.html`` (or the SVGs under ``__snapshots__``) before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from kiosk.app import KioskApp
from tests.support.kiosk import agree, begin, press, read_consent, settle, tap

pytestmark = pytest.mark.usefixtures("fixed_receipt")

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


async def at_last_consent_part(pilot: Pilot[object]) -> None:
    await at_consent(pilot)
    await read_consent(pilot)


async def at_scale_choice_5(pilot: Pilot[object]) -> None:
    """The scale with its last choice chosen by its digit (on a later page when paged)."""
    await at_question(3, "5")(pilot)


async def at_rating_in_largest(pilot: Pilot[object]) -> None:
    await at_preferences(pilot)
    items = {item.words: item for item in pilot.app.screen.query("ChoiceItem")}
    await tap(pilot, items["Largest"])
    await tap(pilot, "#next")
    await agree(pilot)
    await press(pilot, "enter", "f3", "f3", "f3", "9")


PAGED: dict[str, Steps] = {
    "consent_first_part": at_consent,
    "consent_last_part": at_last_consent_part,
    "scale_choice_5": at_scale_choice_5,
    "rating_9_largest": at_rating_in_largest,
}


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 60)], ids=["60x20", "80x24", "200x60"])
@pytest.mark.parametrize("screen", list(PAGED))
def test_pages_fit_each_size(
    snap_compare: Compare, kiosk_app: MakeApp, screen: str, size: tuple[int, int]
) -> None:
    """Consent parts and pages of choices, never below the fold, at three sizes."""
    assert snap_compare(kiosk_app(), run_before=PAGED[screen], terminal_size=size)


def test_too_small_screen(snap_compare: Compare, kiosk_app: MakeApp) -> None:
    assert snap_compare(kiosk_app(), run_before=at_welcome, terminal_size=(40, 12))
