"""The room size is the ceiling: the console never shows more votes than people, and
says plainly when more tried to vote than there are people in the room."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveys.polls import RoomFullError
from tests.support.facilitator import (
    SIZE,
    VOTE_KEYS,
    build_console,
    pass_around_vote,
    press,
    start_session,
    static_text,
)
from tests.support.screen import screen_text


async def test_votes_past_the_headcount_are_refused_and_the_console_warns(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot, expected=3, groups={"carer": 1, "lived": 2})
        await press(pilot, "o")
        live = console.app.live
        assert live is not None
        live.cast("day", "Monday", "carer")
        with pytest.raises(RoomFullError):
            live.cast("day", "Monday", "carer")  # only one carer is here
        live.cast("day", "Tuesday", "lived")
        live.cast("day", "Tuesday", "lived")
        with pytest.raises(RoomFullError):
            live.cast("day", "Monday")  # everyone has voted
        await pilot.pause(0.2)
        await press(pilot, "o")  # redraw
        assert "3 of 3 have voted" in screen_text(console.app)
        warning = " ".join(static_text(console.app, "#poll-full").split())
        assert warning == (
            "2 more votes tried to come in than there are people in the room, so they "
            "were not counted. Check the headcount, or ask whether anyone has voted twice."
        )
        groups = " ".join(static_text(console.app, "#poll-groups").split())
        assert groups == "By group: Lived experience 2 · Carers 1"
    tally = console.tallies()["day"]  # type: ignore[attr-defined]
    assert tally.votes == 3
    assert tally.turned_away == 2


async def test_the_tablet_says_the_room_is_full_kindly(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot, expected=1)
        await press(pilot, "o", "v")
        await pass_around_vote(pilot, VOTE_KEYS["day"])
        assert "Thank you — please pass the tablet on" in screen_text(console.app)
        await pass_around_vote(pilot, VOTE_KEYS["day"])
        text = screen_text(console.app)
        assert "This room is full — please ask the facilitator." in text
        assert "Your vote wasn't counted." in text
    tally = console.tallies()["day"]  # type: ignore[attr-defined]
    assert tally.votes == 1
    assert tally.turned_away == 1
