"""No single vote can be seen arriving: results are shown only once a poll is
closed, a vote after that is refused, and a poll whose results were shown can't
take votes again (the change between two reveals would give the late votes away).

Driven through the real console (Pilot) and the real shared-screen app, both on the
same session file, as in a room.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from surveys.facilitation import Facilitation
from surveys.polls import (
    ALREADY_SHOWN,
    CLOSE_FIRST,
    PollClosedError,
    PollStatus,
    RevealError,
    Room,
    Tally,
)
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.kiosk.facilitator.test_presentation import presenter
from tests.support.facilitator import SIZE, TODAY, build_console, poll_set, press, start_session
from tests.support.screen import screen_text

# 9 votes in, spread so every count could be shown: then one more phone votes.
NINE = [("lived", "Monday")] * 5 + [("carer", "Tuesday")] * 4
TEN = [*NINE, ("clinician", "Tuesday")]


def console_side(home: Path) -> Facilitation:
    """The facilitator's session for a room of 12, written through its own store."""
    room = Room("Focus group", TODAY, 12)
    return Facilitation.start(TinyDbTallyStore(home / "sessions"), poll_set(), room)


def _notes(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_the_console_will_not_reveal_an_open_poll(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot, expected=12)
        await press(pilot, "o")
        live = console.app.live
        assert live is not None
        for group, answer in TEN:
            live.cast("day", answer, group)
        await press(pilot, "r")
        assert CLOSE_FIRST in _notes(console.app)
        assert not live.tally("day").revealed
        text = screen_text(console.app)
        assert "Results stay hidden while the poll is open" in text
        assert "█" not in text
        # While open, the console counts who has voted by group — never how.
        assert "By group:" in text
        assert "Monday" not in text.split("By group:")[1]
        await press(pilot, "c", "r")
        assert live.tally("day").showing
        assert "█" in screen_text(console.app)


async def test_a_late_vote_is_refused_and_changes_nothing_on_either_screen(home: Path) -> None:
    app = presenter(home)
    async with app.run_test(size=SIZE) as pilot:
        live = console_side(home)
        live.open("day")
        for group, answer in TEN:
            live.cast("day", answer, group)
        live.close("day")
        live.reveal("day")
        await pilot.pause(0.3)
        before = screen_text(app)
        assert "Tuesday" in before
        with pytest.raises(PollClosedError):
            live.cast("day", "Wednesday", "clinician")
        await pilot.pause(0.3)
        assert screen_text(app) == before
        assert live.tally("day").votes == 10


async def test_a_shown_poll_cannot_be_reopened_for_more_votes(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot, expected=12)
        await press(pilot, "o")
        live = console.app.live
        assert live is not None
        for group, answer in TEN:
            live.cast("day", answer, group)
        await press(pilot, "c", "r")
        shown = screen_text(console.app)
        await press(pilot, "r")  # hide them again: still can't reopen
        await press(pilot, "o")
        assert ALREADY_SHOWN in _notes(console.app)
        assert live.tally("day").status is PollStatus.CLOSED
        with pytest.raises(PollClosedError):
            live.cast("day", "Wednesday", "clinician")
        await press(pilot, "r")
        assert screen_text(console.app).count("█") == shown.count("█")


async def test_reopening_a_closed_poll_that_was_never_shown_keeps_it_hidden(home: Path) -> None:
    live = console_side(home)
    live.open("day")
    for group, answer in NINE:
        live.cast("day", answer, group)
    live.close("day")
    live.open("day")  # never shown: fine to take more votes
    live.cast("day", "Tuesday", "clinician")
    with pytest.raises(RevealError):
        live.reveal("day")
    assert not live.tally("day").showing


async def test_an_open_and_revealed_poll_from_storage_shows_nothing_until_closed(
    home: Path,
) -> None:
    """A session saved by an older console with a reopened, revealed poll."""
    live = console_side(home)
    live.open("day")
    for group, answer in NINE:
        live.cast("day", answer, group)

    def old_state(tally: Tally) -> None:
        tally.revealed = True

    live.store.change(live.session, "day", old_state)
    app = presenter(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "Results are hidden for now." in text
        live.cast("day", "Wednesday", "clinician")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "have voted" in text
        assert live.tally("day").votes == 10
        assert "Wednesday" not in text
        assert "Monday" not in text
        assert "Results are hidden for now." in text
    resumed = Facilitation.resume(
        TinyDbTallyStore(home / "sessions"), live.poll_set, live.store.poll_sessions()[-1]
    )
    assert not resumed.tally("day").showing
