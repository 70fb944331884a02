"""The room size is the ceiling: the console never shows more votes than people, and
says plainly when more tried to vote than there are people in the room."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveys.polls import RoomFullError
from tests.facilitator.kit import (
    SIZE,
    build_console,
    press,
    screen_text,
    start_session,
    static_text,
)


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
