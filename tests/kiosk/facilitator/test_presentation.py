"""The shared screen: a separate read-only process following the session file.
It shows the current poll and, only once revealed, its results in large text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.facilitator.presentation_app import GIVE_UP, PresentationApp
from kiosk.problems import MAX_PROBLEMS
from surveys.clock import FixedClock
from surveys.facilitation import Facilitation
from surveys.polls import CommentStatus, Room
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.support.facilitator import NOW, SIZE, SMALL, TODAY, poll_set, settle
from tests.support.screen import screen_text

ROOM = Room("Focus group", TODAY, 10, {"lived": 4, "carer": 3, "clinician": 3})


def presenter(home: Path) -> PresentationApp:
    services = FacilitatorServices(
        store=TinyDbTallyStore(home / "sessions"), clock=FixedClock(NOW), home=home
    )
    return PresentationApp(services, [poll_set()], poll_seconds=0.05, find_seconds=0.1)


def console_side(home: Path) -> Facilitation:
    """The facilitator's session, written through its own store (as another process)."""
    return Facilitation.start(TinyDbTallyStore(home / "sessions"), poll_set(), ROOM)


async def test_it_waits_then_follows_the_current_poll_and_hides_results(home: Path) -> None:
    app = presenter(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Waiting for the facilitator to start the polls." in screen_text(app)
        live = console_side(home)
        live.open("day")
        for answer in ("Monday", "Tuesday") * 5:
            live.cast("day", answer)
        await pilot.pause(0.4)
        text = screen_text(app)
        assert "Focus group · 2026-11-25" in text
        assert "Vote on your phone" not in text  # the console isn't serving phones
        assert "Which day suits you best?" in text
        assert "have voted" in text
        assert "Results are hidden for now." in text
        assert "Monday" not in text
        assert "Tuesday" not in text
        live.close("day")
        live.reveal("day")
        await pilot.pause(0.4)
        text = screen_text(app)
        assert "10 of 10 have voted" in text
        monday = next(line for line in text.splitlines() if "Monday" in line)
        assert monday.rstrip().endswith("5")
        live.reveal("day", shown=False)
        await pilot.pause(0.4)
        assert "Monday" not in screen_text(app)


async def test_only_shown_comments_reach_the_shared_screen_masked(home: Path) -> None:
    app = presenter(home)
    async with app.run_test(size=SMALL) as pilot:
        live = console_side(home)
        live.open("better")
        for words in ("Email me at sam@example.org", "Too hot", "Keep it secret"):
            live.cast("better", words)
        by_words = {c.text: c for c in live.tally("better").comments}
        keep, drop = by_words["Email me at sam@example.org"], by_words["Too hot"]
        waiting = by_words["Keep it secret"]
        live.moderate("better", keep.id, CommentStatus.SHOWN)
        live.moderate("better", drop.id, CommentStatus.DROPPED)
        live.close("better")
        live.reveal("better")
        await pilot.pause(0.5)
        text = screen_text(app)
        assert "“Email me at [email]”" in text
        assert "sam@example.org" not in text
        assert "Too hot" not in text
        assert "Keep it secret" not in text
        assert waiting.status is CommentStatus.PENDING


async def test_it_moves_to_a_newer_session_of_the_same_polls(home: Path) -> None:
    app = presenter(home)
    async with app.run_test(size=SIZE) as pilot:
        first = console_side(home)
        first.open("day")
        await pilot.pause(0.4)
        assert app.view is not None
        assert app.view.session.id == first.session.id
        second = Facilitation.start(
            TinyDbTallyStore(home / "sessions"), poll_set(), Room("Evening group", TODAY, 6)
        )
        second.open("helped")
        await pilot.pause(0.5)
        text = screen_text(app)
        assert "Evening group" in text
        assert "What helped today?" in text


async def test_a_flood_of_errors_closes_the_shared_screen_with_a_plain_message(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    live = console_side(home)
    live.open("day")
    live.cast("day", "Monday")
    app = presenter(home)

    def broken() -> None:
        raise RuntimeError("again and again")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.set_interval(0.01, broken)
        await pilot.pause(0.5)
    assert app.return_code == 1
    assert len(app.problems) > MAX_PROBLEMS
    printed = " ".join(capsys.readouterr().err.split())
    assert GIVE_UP in printed
    assert "Traceback" not in printed
    assert "again and again" not in printed
    assert live.tally("day").votes == 1  # it only reads: nothing stored changed
