"""The tablet passed round during a focus-group plan: on a writing stage each person
writes one idea or passes; on a ranking stage each chooses in secret (top 3 or dots).
What was kept is read back from the session's real TinyDB file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.facilitator.plan_turns import NOTHING_NOW
from kiosk.facilitator.screens.ballot_screen import BallotScreen, TopRow
from kiosk.facilitator.screens.hand_over_screen import HandOverScreen
from kiosk.facilitator.screens.idea_turn_screen import IdeaTurnScreen
from kiosk.screens.question_screen import QuestionScreen
from surveys.idea_ranking import Style
from tests.support.facilitator import SIZE, SMALL, build_console, press, settle, start_session
from tests.support.kiosk import wait_until
from tests.support.plan_tablet import (
    DOTS_STAGE,
    IDEAS,
    PROMPT,
    TOP_STAGE,
    choose,
    dot,
    plan_running,
    points,
    ready,
    show_idea,
)
from tests.support.screen import screen_text


async def test_a_person_writes_one_idea_and_it_goes_to_the_queue(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console)
        await press(pilot, "v")
        hand_over = console.app.screen
        assert isinstance(hand_over, HandOverScreen)
        assert PROMPT in screen_text(console.app)
        assert "Nobody will see who wrote it." in screen_text(console.app)
        await ready(pilot, group="2")  # a carer
        screen = console.app.screen
        assert isinstance(screen, IdeaTurnScreen)
        text = screen_text(console.app)
        assert "Your turn — write one idea, or pass" in text
        assert PROMPT in text
        assert "Send my idea" in text
        assert "Pass" in text
        await pilot.press(*"More evening sessions")
        await pilot.click("#send")
        await settle(pilot)
        assert isinstance(console.app.screen, HandOverScreen)
        text = screen_text(console.app)
        assert "Thank you. Please pass the tablet on." in text
        assert "More evening sessions" not in text
    pool = plan.focus.pool
    assert [idea.text for idea in pool.ideas] == ["More evening sessions"]
    assert dict(pool.writers) == {"carer": 1}


async def test_pass_and_stop_keep_nothing(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console)
        await press(pilot, "v")
        # Pass, with words typed: nothing is kept.
        await ready(pilot, group=None)
        await pilot.press(*"Not sure yet")
        await pilot.click("#pass")
        await settle(pilot)
        assert isinstance(console.app.screen, HandOverScreen)
        assert "Nothing was kept this time." in screen_text(console.app)
        # Stop, with words typed: nothing is kept.
        await ready(pilot, group=None)
        await pilot.press(*"Half an idea")
        await press(pilot, "f5")
        await pilot.click("#stop-yes")
        await settle(pilot)
        assert isinstance(console.app.screen, HandOverScreen)
        assert "Half an idea" not in screen_text(console.app)
    assert plan.focus.pool.ideas == []


async def test_walking_away_keeps_nothing_typed(home: Path) -> None:
    console = build_console(home, idle_seconds=2.0, countdown_seconds=0.2)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console)
        await press(pilot, "v")
        await ready(pilot, group=None)
        await pilot.press(*"Left behind")
        assert isinstance(console.app.screen, IdeaTurnScreen)
        await wait_until(pilot, lambda: isinstance(console.app.screen, HandOverScreen), 20)
        assert "Left behind" not in screen_text(console.app)
        assert "Nothing was kept this time." in screen_text(console.app)
    assert plan.focus.pool.ideas == []


async def test_a_blank_idea_is_asked_for_kindly_and_nothing_is_kept(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console)
        await press(pilot, "v")
        await ready(pilot, group=None)
        await pilot.press("space", "space")
        await pilot.click("#send")
        await settle(pilot)
        assert isinstance(console.app.screen, IdeaTurnScreen)
        assert "Please write an idea first, or press Pass." in screen_text(console.app)
    assert plan.focus.pool.ideas == []


async def test_markup_in_an_idea_is_shown_and_kept_as_typed(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console)
        await press(pilot, "v")
        await ready(pilot, group=None)
        await pilot.press(*"[bold]tea[/bold]")
        assert "[bold]tea[/bold]" in screen_text(console.app)
        await pilot.click("#send")
        await settle(pilot)
    assert [idea.text for idea in plan.focus.pool.ideas] == ["[bold]tea[/bold]"]


async def test_writing_time_over_keeps_the_idea_out_and_says_so(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console)
        await press(pilot, "v")
        await ready(pilot, group=None)
        await pilot.press(*"Late idea")
        plan.move_to(1)  # the facilitator moves on to sharing
        await pilot.click("#send")
        await settle(pilot)
        assert isinstance(console.app.screen, HandOverScreen)
        assert "Writing ideas has finished" in screen_text(console.app)
    assert plan.focus.pool.ideas == []


async def test_a_top_three_ballot_counts_borda_points(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=True)
        plan.move_to(TOP_STAGE)
        await press(pilot, "v")
        assert "Choose the ideas that matter most to you." in screen_text(console.app)
        await ready(pilot, group="2")
        screen = console.app.screen
        assert isinstance(screen, BallotScreen)
        assert "Choose your 1st" in screen_text(console.app)
        await choose(pilot, IDEAS[2])
        assert "Choose your 2nd" in screen_text(console.app)
        await choose(pilot, IDEAS[0])
        await choose(pilot, IDEAS[3])
        # Change a choice: tap the 2nd again to take it off, then choose another.
        await choose(pilot, IDEAS[0])
        assert "Choose your 3rd" in screen_text(console.app)
        await choose(pilot, IDEAS[1])
        assert "All chosen" in screen_text(console.app)
        await pilot.click("#send")
        await settle(pilot)
        assert isinstance(console.app.screen, HandOverScreen)
        assert "Your choices have been counted." in screen_text(console.app)
        # A second person, by keyboard only: Tab to an idea, Enter chooses it.
        await ready(pilot, group=None)
        for _ in range(3):
            focused = console.app.focused
            assert isinstance(focused, TopRow)
            await press(pilot, "enter", "tab")
        await press(pilot, "ctrl+s")
        assert isinstance(console.app.screen, HandOverScreen)
    tally = plan.round(TOP_STAGE)
    assert tally.votes == 2
    # Borda points, top 3: 1st = 3, 2nd = 2, 3rd = 1 (the touch ballot, then the keyboard one).
    expected = {plan.idea_id(IDEAS[2]): 3, plan.idea_id(IDEAS[3]): 2, plan.idea_id(IDEAS[1]): 1}
    keyboard = {tally.candidates[0]: 3, tally.candidates[1]: 2, tally.candidates[2]: 1}
    for idea_id, n in keyboard.items():
        expected[idea_id] = expected.get(idea_id, 0) + n
    assert points(tally) == expected
    assert tally.voters["carer"] == 1


async def test_a_dots_ballot_counts_each_dot(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=True)
        plan.move_to(DOTS_STAGE)
        assert plan.round(DOTS_STAGE).style is Style.DOTS
        await press(pilot, "v")
        await ready(pilot, group="1")
        assert isinstance(console.app.screen, BallotScreen)
        assert "4 dots left" in screen_text(console.app)
        await dot(pilot, IDEAS[0], times=3)
        assert "1 dot left" in screen_text(console.app)
        await dot(pilot, IDEAS[0], "less")
        await dot(pilot, IDEAS[3], times=2)
        assert "No dots left" in screen_text(console.app)
        await dot(pilot, IDEAS[1])  # none left: a kind word, nothing changes
        assert "You have no dots left." in screen_text(console.app)
        await pilot.click("#send")
        await settle(pilot)
        assert isinstance(console.app.screen, HandOverScreen)
    tally = plan.round(DOTS_STAGE)
    assert tally.votes == 1
    assert points(tally) == {plan.idea_id(IDEAS[0]): 2, plan.idea_id(IDEAS[3]): 2}
    assert tally.voters["lived"] == 1


async def test_stopping_a_ballot_counts_nothing(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=True)
        plan.move_to(TOP_STAGE)
        await press(pilot, "v")
        await ready(pilot, group=None)
        await choose(pilot, IDEAS[0])
        await press(pilot, "f5")
        await pilot.click("#stop-yes")
        await settle(pilot)
        assert isinstance(console.app.screen, HandOverScreen)
        assert "Nothing was counted this time." in screen_text(console.app)
    tally = plan.round(TOP_STAGE)
    assert tally.votes == 0
    assert points(tally) == {}


async def test_a_ballot_after_the_ranking_closed_is_refused(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=True)
        plan.move_to(TOP_STAGE)
        await press(pilot, "v")
        await ready(pilot, group=None)
        for words in IDEAS[:3]:
            await choose(pilot, words)
        plan.move_to(TOP_STAGE + 1)  # the facilitator closes the ranking: results
        await pilot.click("#send")
        await settle(pilot)
        assert isinstance(console.app.screen, HandOverScreen)
        text = screen_text(console.app)
        assert "This ranking has closed" in text
        # The next person is told the same, before choosing anything.
        await press(pilot, "enter")
        assert isinstance(console.app.screen, HandOverScreen)
        assert "This ranking has closed" in screen_text(console.app)
    tally = plan.round(TOP_STAGE)
    assert tally.votes == 0
    assert points(tally) == {}


async def test_the_poll_turn_is_unchanged_for_a_plain_poll_session(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o", "v", "enter")
        assert isinstance(console.app.screen, QuestionScreen)
        assert "Would you like to say which group you are in?" in screen_text(console.app)


async def test_the_idea_turn_fits_the_smallest_screen(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SMALL) as pilot:
        await start_session(pilot)
        plan_running(console)
        await press(pilot, "v")
        await ready(pilot, group=None)
        screen = console.app.screen
        for target in ("#send", "#pass", "#answer-box"):
            region = screen.query_one(target).region
            assert region.height > 0
            assert region.bottom <= SMALL[1] - 3, target  # above the toolbar


async def test_read_aloud_says_the_idea_turn_and_the_ballot(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console)
        await press(pilot, "v")
        await ready(pilot, group=None)
        await press(pilot, "f2")
        said = console.speaker.said[-1]
        assert "Your turn — write one idea, or pass." in said
        assert PROMPT in said
        assert "press Send my idea" in said
        await pilot.click("#pass")
        await settle(pilot)
        for words in IDEAS:
            plan.focus.add(words)
        plan.move_to(TOP_STAGE)
        await ready(pilot, group=None)
        await choose(pilot, IDEAS[3])
        await press(pilot, "f2")
        said = console.speaker.said[-1]
        assert "Choose your top 3, in order. Choose your 2nd." in said
        assert f"1st choice: {IDEAS[3]}." in said
        assert all(words in said for words in IDEAS)


async def test_a_stage_that_takes_nothing_keeps_the_console_and_says_why(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=True)
        plan.move_to(1)  # sharing: nothing is typed in
        await press(pilot, "v")
        assert console.screen_name == "ConsoleScreen"
        told = [note.message for note in console.app._notifications]
        assert told == [NOTHING_NOW]


async def test_an_open_poll_in_a_plan_gets_the_poll_turn(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=True)
        plan.move_to(1)
        await press(pilot, "o", "v")  # the console opens a poll ("day")
        assert "Live poll" in screen_text(console.app)
        await press(pilot, "enter", "f3", "2", "enter")
        assert console.screen_name == "HandOverScreen"
        assert "Your vote has been counted." in screen_text(console.app)
    assert console.tallies()["day"].votes == 1  # type: ignore[attr-defined]


async def test_a_ballot_that_cant_count_is_shown_again_with_kind_words(home: Path) -> None:
    from kiosk.facilitator.screens.ballot_screen import BallotMove, BallotOutcome

    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=True)
        plan.move_to(TOP_STAGE)
        await press(pilot, "v")
        await ready(pilot, group=None)
        await choose(pilot, IDEAS[0])
        # A ballot naming an idea that isn't in the round (as a stale screen might).
        screen = console.app.screen
        assert isinstance(screen, BallotScreen)
        wrong = [plan.idea_id(IDEAS[0]), "i-gone", plan.idea_id(IDEAS[1])]
        screen.dismiss(BallotOutcome(BallotMove.SEND, wrong))
        await settle(pilot)
        again = console.app.screen
        assert isinstance(again, BallotScreen)
        assert again is not screen
        text = screen_text(console.app)
        assert "One of those ideas isn't on the list. Please choose again." in text
        # What they had chosen is kept for them (the idea not on the list left out).
        assert again.ballot() == [plan.idea_id(IDEAS[0]), plan.idea_id(IDEAS[1])]
        assert "Choose your 3rd" in text
    assert plan.round(TOP_STAGE).votes == 0


async def test_an_idea_that_looks_like_markup_is_shown_as_written_on_the_ballot(
    home: Path,
) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=True)
        plan.focus.add("[bold]tea[/bold] \x1b[31m")
        plan.move_to(DOTS_STAGE)
        await press(pilot, "v")
        await ready(pilot, group=None)
        row = await show_idea(pilot, "[bold]tea[/bold] \x1b[31m")
        shown = screen_text(console.app)
        assert "[bold]tea[/bold] ␛[31m" in shown
        assert row.display


MORE_IDEAS = ("Texts to remind me", "Shorter forms", "A friendly welcome", "Cheaper travel")


@pytest.mark.parametrize("stage", [TOP_STAGE, DOTS_STAGE])
async def test_every_idea_on_the_ballot_is_reachable_on_the_smallest_screen(
    home: Path, stage: int
) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SMALL) as pilot:
        await start_session(pilot)
        plan = plan_running(console, with_ideas=True)
        for words in MORE_IDEAS:
            plan.focus.add(words)
        plan.move_to(stage)
        await press(pilot, "v")
        await ready(pilot, group=None)
        screen = console.app.screen
        assert isinstance(screen, BallotScreen)
        body = screen.query_one("#ballot-body").region
        send = screen.query_one("#send").region
        assert send.bottom <= SMALL[1] - 3  # above the toolbar
        seen: list[str] = []
        for page in range(len(screen.pages)):
            assert f"of {len(IDEAS) + 4}" in screen_text(console.app)
            for row in screen.rows():
                if row.display:
                    assert body.contains_region(row.region), row.words  # type: ignore[attr-defined]
                    seen.append(row.words)  # type: ignore[attr-defined]
            if page < len(screen.pages) - 1:
                await pilot.click("#page-more")
                await settle(pilot)
        assert sorted(seen) == sorted([*IDEAS, *MORE_IDEAS])


async def test_f12_goes_back_to_the_console_that_passed_the_tablet(home: Path) -> None:
    from textual.screen import Screen

    class PlanConsoleStandIn(Screen[None]):
        """Any console screen (a plan runs on its own console screen)."""

    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan_running(console)
        console.app.push_screen(PlanConsoleStandIn())
        await settle(pilot)
        console.app.start_passing()
        await settle(pilot)
        await ready(pilot, group=None)
        await pilot.press(*"Half written")
        await press(pilot, "f12")  # unlocked: straight back
        assert isinstance(console.app.screen, PlanConsoleStandIn)
        assert not console.app.passing
        names = [type(s).__name__ for s in console.app.screen_stack]
        assert names == ["Screen", "ConsoleScreen", "PlanConsoleStandIn"]


async def test_a_note_on_the_tablet_is_read_aloud_for_a_voter_who_chose_it(home: Path) -> None:
    """The kind word under the idea box is said, not only shown, with read-aloud on."""
    from kiosk.preferences import Preferences

    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        plan_running(console)
        await press(pilot, "v")
        await ready(pilot, group=None)
        console.app.apply_preferences(Preferences(read_aloud=True))  # type: ignore[attr-defined]
        await pilot.click("#send")  # nothing written yet
        await settle(pilot)
        assert "write an idea first" in screen_text(console.app)
        assert any("write an idea first" in said for said in console.speaker.said)
