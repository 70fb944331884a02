"""Starting a session: the room in numbers only, warnings as they are typed, and
carrying on a session already started today."""

from __future__ import annotations

from pathlib import Path

from kiosk.facilitator.app import FacilitatorApp
from surveys.polls import PollStatus
from tests.support.facilitator import (
    SIZE,
    SMALL,
    TODAY,
    build_console,
    fill,
    poll_set,
    press,
    select_poll,
    settle,
    start_session,
)
from tests.support.screen import screen_text


async def test_warnings_appear_as_numbers_are_typed_for_a_missing_group_and_a_majority(
    home: Path,
) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert console.screen_name == "StartScreen"
        await fill(pilot, "expected", "10")
        await fill(pilot, "group-lived", "6")
        await fill(pilot, "group-clinician", "2")
        text = screen_text(console.app)
        assert "No carers or family members are here today." in text
        assert "More than half the room are people with lived experience (6 of 8)" in text
        # Typing the missing group clears its warning at once.
        await fill(pilot, "group-carer", "3")
        text = screen_text(console.app)
        assert "No carers" not in text
        assert "More than half" in text  # 6 of 11 is still over half


async def test_warnings_fit_a_small_screen(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await fill(pilot, "group-carer", "4")
        text = screen_text(console.app)
        assert "No people with lived experience are here today." in text
        assert "Start the session" in text


async def test_starting_records_the_room_without_names_and_audits_it(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot, groups={"lived": 5, "carer": 2, "clinician": 3})
        assert console.screen_name == "ConsoleScreen"
        text = screen_text(console.app)
        assert "Focus group · 2026-11-25" in text
    [found] = console.store.poll_sessions(TODAY)
    assert found.poll_set == poll_set().id
    assert found.room.expected == 10
    assert found.room.groups == {"lived": 5, "carer": 2, "clinician": 3}
    assert "poll-session-start" in console.events()


async def test_a_date_that_isnt_a_date_is_explained(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        console.app.screen.query_one("#date").value = ""  # type: ignore[attr-defined]
        await fill(pilot, "date", "next tuesday")
        await pilot.click("#start")
        await settle(pilot)
        assert console.screen_name == "StartScreen"
        assert "Please write the date like this: 2026-11-25." in screen_text(console.app)


async def test_a_restarted_console_resumes_todays_session_with_its_counts_and_states(
    home: Path,
) -> None:
    first = build_console(home)
    async with first.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o")  # open "day"
        live = first.app.live
        assert live is not None
        for answer in ("Monday", "Tuesday") * 5:
            live.cast("day", answer)
        await press(pilot, "c", "r")  # close and reveal it
        await select_poll(pilot, "helped")
        await press(pilot, "o")  # "helped" opens, which closes "day"
        session_id = live.session.id

    again = build_console(home)
    async with again.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(again.app)
        assert "Carry on: Focus group (2 polls used, 10 expected)" in text
        await pilot.click("#resume-0")
        await settle(pilot)
        live = again.app.live
        assert live is not None
        assert live.session.id == session_id
        assert live.tally("day").status is PollStatus.CLOSED
        assert live.tally("day").revealed
        assert live.tally("helped").status is PollStatus.OPEN
        await select_poll(pilot, "day")
        text = screen_text(again.app)
        assert "10 of 10 have voted" in text
        assert "Monday" in text
        assert "Tuesday" in text
    assert "poll-session-resume" in again.events()


async def test_a_session_for_other_polls_is_not_offered(home: Path) -> None:
    first = build_console(home, "session-debrief")
    async with first.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
    again = build_console(home)
    async with again.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Carry on" not in screen_text(again.app)


async def test_without_a_poll_file_the_facilitator_chooses_a_built_in_set(home: Path) -> None:
    console = build_console(home, ["principles-check", "session-debrief"])
    async with console.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert console.screen_name == "ChoosePollsScreen"
        text = screen_text(console.app)
        assert "Principles Check (5 polls)" in text
        assert "Session Debrief (6 polls)" in text
        await press(pilot, "2")
        assert console.screen_name == "StartScreen"
        assert "Polls: Session Debrief (6 polls)" in screen_text(console.app)
        await start_session(pilot)
        assert isinstance(console.app, FacilitatorApp)
        assert console.app.live is not None
        assert console.app.live.poll_set.id == "session-debrief"
