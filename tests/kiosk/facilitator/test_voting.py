"""Pass-the-tablet voting: one voter at a time on a clean screen, votes counted as
tallies in the session file, and only F12 (with the PIN) back to the console."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.facilitator.screens.hand_over_screen import HandOverScreen
from kiosk.screens.question_screen import QuestionScreen
from kiosk.widgets.choice_list import ChoiceItem
from surveys.operator_pin import OperatorPin, pin_path
from surveys.polls import PollStatus, Tally
from tests.support.facilitator import (
    SIZE,
    SMALL,
    VOTE_KEYS,
    build_console,
    pass_around_vote,
    press,
    select_poll,
    settle,
    start_session,
)
from tests.support.pin import fast_hasher
from tests.support.screen import screen_text

EXPECTED: dict[str, object] = {
    "day": {"Tuesday": 1},
    "helped": {"The tea": 1, "The room": 1},
    "useful": {"4": 1},
    "likely": {"7": 1},
    "again": {"Yes": 1},
}


@pytest.mark.parametrize("poll_id", list(VOTE_KEYS))
async def test_each_poll_kind_takes_a_pass_around_vote_into_the_store(
    home: Path, poll_id: str
) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await select_poll(pilot, poll_id)
        await press(pilot, "o", "v")
        assert console.screen_name == "HandOverScreen"
        await pass_around_vote(pilot, VOTE_KEYS[poll_id], group="2")
        assert console.screen_name == "HandOverScreen"
        assert "Thank you — please pass the tablet on" in screen_text(console.app)
    tally = console.tallies()[poll_id]
    assert isinstance(tally, Tally)
    assert tally.votes == 1
    assert dict(tally.by_group) == {"carer": 1}
    if poll_id in EXPECTED:
        assert dict(tally.counts) == EXPECTED[poll_id]
    elif poll_id == "words":
        assert dict(tally.words) == {"kind": 1, "staff": 1}
    elif poll_id == "order":
        assert tally.positions["More time to talk"][0] == 1
        assert tally.positions["Clearer information"][1] == 1


async def test_an_open_comment_goes_to_the_queue_not_the_screen(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await select_poll(pilot, "better")
        await press(pilot, "o", "v", "enter", "f3")
        await pilot.press(*"More breaks")
        await pilot.click("#next")
        await settle(pilot)
        assert console.screen_name == "HandOverScreen"
    [comment] = console.tallies()["better"].comments  # type: ignore[attr-defined]
    assert comment.text == "More breaks"
    assert comment.status.value == "pending"


async def test_the_next_voter_sees_nothing_of_the_previous_vote(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await select_poll(pilot, "words")
        await press(pilot, "o", "v")
        await pass_around_vote(pilot, (*"Quokka", "enter"), group="1")
        first_screens = {id(s) for s in console.app.screen_stack}
        text = screen_text(console.app)
        assert "Thank you — please pass the tablet on" in text
        assert "Quokka" not in text
        assert "lived experience" not in text.lower()
        # The next voter: a new group question with nothing chosen ...
        await press(pilot, "enter")
        group_screen = console.app.screen
        assert isinstance(group_screen, QuestionScreen)
        assert id(group_screen) not in first_screens
        assert not any(item.selected for item in group_screen.query(ChoiceItem))
        # ... and a new, empty answer box.
        await press(pilot, "f3")
        vote_screen = console.app.screen
        assert isinstance(vote_screen, QuestionScreen)
        assert vote_screen.answer.raw_answer() == ""
        assert "Quokka" not in screen_text(console.app)
        # Nothing of the first turn is left anywhere on the stack.
        names = [type(s).__name__ for s in console.app.screen_stack]
        assert names == ["Screen", "ConsoleScreen", "PassingScreen", "QuestionScreen"]


async def test_a_choice_is_not_left_selected_for_the_next_voter(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o", "v")  # "day" is first
        await pass_around_vote(pilot, ("3", "enter"))
        assert isinstance(console.app.screen, HandOverScreen)
        assert "Wednesday" not in screen_text(console.app)
        await press(pilot, "enter", "f3")
        assert not any(item.selected for item in console.app.screen.query(ChoiceItem))


async def test_skipping_or_stopping_counts_nothing(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o", "v", "enter", "f3", "f3")  # skip group, skip vote
        assert "Nothing was counted this time." in screen_text(console.app)
        await press(pilot, "enter", "f3", "f5")  # Stop
        await pilot.click("#stop-yes")
        await settle(pilot)
        assert console.screen_name == "HandOverScreen"
    assert console.tallies()["day"].votes == 0  # type: ignore[attr-defined]


async def test_vote_needs_an_open_poll(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "v")
        assert console.screen_name == "ConsoleScreen"


async def test_a_poll_closed_meanwhile_counts_nothing_and_says_so(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o", "v", "enter", "f3")
        live = console.app.live
        assert live is not None
        live.close("day")  # as another console would
        await press(pilot, "1", "enter")
        assert "Voting on this poll has finished" in screen_text(console.app)
    assert console.tallies()["day"].votes == 0  # type: ignore[attr-defined]


async def test_unlocked_f12_goes_straight_back_to_the_console(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o", "v")
        await pass_around_vote(pilot, VOTE_KEYS["day"])
        await press(pilot, "f12")
        assert console.screen_name == "ConsoleScreen"
        assert "1 of 10 have voted" in screen_text(console.app)


async def test_locked_f12_needs_the_pin_and_nothing_else_leaves(home: Path) -> None:
    console = build_console(home, unlocked=False)
    OperatorPin(pin_path(home), hasher=fast_hasher()).set("246810")
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o", "v")
        for key in ("ctrl+q", "ctrl+c", "ctrl+p", "escape", "q", "r"):
            await press(pilot, key)
            assert console.screen_name == "HandOverScreen", key
        await press(pilot, "f12")
        assert console.screen_name == "PinModal"
        await pilot.press(*"111111", "enter")
        await console.app.workers.wait_for_complete()
        await settle(pilot)
        assert console.screen_name == "PinModal"
        await pilot.press(*"246810", "enter")
        await console.app.workers.wait_for_complete()
        await settle(pilot)
        assert console.screen_name == "ConsoleScreen"


async def test_a_voter_who_walks_away_is_cleared_without_counting(home: Path) -> None:
    console = build_console(home, idle_seconds=0.2, countdown_seconds=0.2)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o", "v", "enter", "f3", "2")  # chose, never sent
        await pilot.pause(1.0)
        await settle(pilot)
        assert console.screen_name == "HandOverScreen"
        assert "Nothing was counted this time." in screen_text(console.app)
    assert console.tallies()["day"].votes == 0  # type: ignore[attr-defined]


async def test_voting_works_on_a_small_screen(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SMALL) as pilot:
        await start_session(pilot)
        await select_poll(pilot, "useful")
        await press(pilot, "o", "v")
        await pass_around_vote(pilot, VOTE_KEYS["useful"], group="3")
        await pass_around_vote(pilot, ("5", "enter"))
        await press(pilot, "f12")
        text = screen_text(console.app)
        assert "2 of 10 have voted" in text
        assert "Clinicians 1" in text
        assert "Not said 1" in text
    live = console.app.live
    assert live is not None
    assert live.tally("useful").status is PollStatus.OPEN


async def test_read_aloud_speaks_the_question(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o", "v", "enter", "f3", "f2")
        assert console.speaker.said
        assert "Which day suits you best?" in console.speaker.said[-1]


async def test_a_voter_may_choose_text_size_for_their_turn_only(home: Path) -> None:
    from kiosk.preferences import TextSize

    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o", "v")
        await pilot.click("#preferences")
        await settle(pilot)
        assert console.screen_name == "PreferencesScreen"
        largest = next(
            item for item in console.app.screen.query(ChoiceItem) if item.value == TextSize.LARGEST
        )
        await pilot.click(largest)
        await settle(pilot)
        await pilot.click("#next")
        await settle(pilot)
        assert console.screen_name == "QuestionScreen"
        assert console.app.has_class("-text-largest")
        await press(pilot, "f3", "1", "enter")
        assert console.screen_name == "HandOverScreen"
        assert not console.app.has_class("-text-largest")  # the next voter starts afresh
    assert console.tallies()["day"].votes == 1  # type: ignore[attr-defined]


async def test_markup_and_escape_codes_in_a_poll_are_shown_as_written(home: Path) -> None:
    console = build_console(home, "markup")
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o")
        text = screen_text(console.app)
        assert "Which [bold]one[/bold] do you ␛[31mprefer?" in text
        await press(pilot, "v", "enter", "f3")
        assert "[red]Red[/red]" in screen_text(console.app)
        await press(pilot, "1", "enter", "f12")
        live = console.app.live
        assert live is not None
        for answer in ["[red]Red[/red]"] * 4 + ["Plain"] * 5:  # enough votes for numbers
            live.cast(live.polls[0].id, answer)
        await press(pilot, "c", "r")
        assert "[red]Red[/red] │ " in screen_text(console.app)
