"""The console: counts while a poll is open, results hidden until revealed, the
figures a reveal shows, results by group with small groups kept together, and
votes from other processes appearing within a second."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.facilitator.app import GIVE_UP
from kiosk.facilitator.screens.group_results_modal import GroupResultsModal
from kiosk.problems import MAX_PROBLEMS
from surveys.polls import PollStatus
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.support.facilitator import (
    SIZE,
    SMALL,
    build_console,
    poll_open,
    poll_set,
    press,
    settle,
    start_session,
    static_text,
)
from tests.support.screen import screen_text


async def test_counts_show_how_many_from_each_group_have_voted_not_how(home: Path) -> None:
    async with poll_open(home) as (console, pilot):
        live = console.app.live
        assert live is not None
        for answer, group in [("Monday", "lived"), ("Tuesday", "carer"), ("Monday", "lived")]:
            live.cast("day", answer, group)
        await pilot.pause(0.2)
        await settle(pilot)
        text = screen_text(console.app)
        assert "3 of 10 have voted" in text
        assert "Lived experience 2 · Carers 1" in text
        assert "Monday" not in text
        assert "Tuesday" not in text
        live.cast("day", "Wednesday")
        await pilot.pause(0.2)
        await settle(pilot)
        text = screen_text(console.app)
        assert "4 of 10 have voted" in text
        assert "Not said 1" in text


async def test_results_stay_hidden_until_the_reveal_then_show_the_right_figures(
    home: Path,
) -> None:
    async with poll_open(home, "useful", expected=30) as (console, pilot):
        live = console.app.live
        assert live is not None
        for point in (4,) * 10 + (5,) * 5:
            live.cast("useful", point)
        await press(pilot, "c")  # close: still hidden
        text = screen_text(console.app)
        assert "Results are hidden until you reveal them" in text
        assert "Middle value" not in text
        assert "Strongly agree" not in text
        assert "█" not in text
        await press(pilot, "r")
        text = screen_text(console.app)
        assert "Middle value: 4 — Agree" in text
        lines = static_text(console.app, "#poll-results").splitlines()
        bars = {lines[n]: lines[n + 1] for n in range(0, 10, 2)}
        assert bars["4. Agree"].endswith("█ 10")
        assert bars["5. Strongly agree"].endswith("█ 5")
        assert bars["1. Strongly disagree"] == "0"
        await press(pilot, "r")  # hide again
        text = screen_text(console.app)
        assert "Middle value" not in text
        assert "results hidden" in text


async def test_a_ranking_reveals_its_borda_order(home: Path) -> None:
    async with poll_open(home, "order", expected=30) as (console, pilot):
        live = console.app.live
        assert live is not None
        talk, clear, quiet = "More time to talk", "Clearer information", "A quieter room"
        for _ in range(5):
            live.cast("order", [talk, clear, quiet])
            live.cast("order", [talk, quiet, clear])
            live.cast("order", [clear, talk, quiet])
        await press(pilot, "c", "r")
        text = static_text(console.app, "#poll-results")
        first, second, third = (text.index(f"{n}. ") for n in (1, 2, 3))
        assert text.index(talk) > first
        assert text.index(talk) < second
        assert "25 points" in text  # talk: (2 + 2 + 1) × 5
        assert text.index(clear) > second
        assert text.index(clear) < third
        assert text.index(quiet) > third


async def test_a_word_cloud_puts_the_commonest_words_first_and_biggest(home: Path) -> None:
    async with poll_open(home, "words") as (console, pilot):
        live = console.app.live
        assert live is not None
        for words in ("kind staff", "kind people", "kind tea", "tea", "quiet"):
            live.cast("words", words)
        await press(pilot, "c", "r")
        text = screen_text(console.app)
        assert "K I N D  ×3" in text
        assert "TEA ×2" in text
        assert "quiet ×1" in text
        assert text.index("K I N D") < text.index("TEA") < text.index("quiet")


async def test_a_rating_reveals_columns_and_the_middle_value(home: Path) -> None:
    async with poll_open(home, "likely", expected=30) as (console, pilot):
        live = console.app.live
        assert live is not None
        for point in (7, 8, 8, 10, 3) * 5:
            live.cast("likely", point)
        await press(pilot, "c", "r")
        console.app.screen.query_one("#panel").scroll_end(animate=False)
        await settle(pilot)
        assert "Middle value: 8 out of 10" in screen_text(console.app)


async def test_close_reopen_and_next_move_through_the_polls(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        live = console.app.live
        assert live is not None
        await press(pilot, "o")
        assert live.tally("day").status is PollStatus.OPEN
        await press(pilot, "c")
        assert live.tally("day").status is PollStatus.CLOSED
        await press(pilot, "o")  # re-open
        assert live.tally("day").status is PollStatus.OPEN
        await press(pilot, "n")  # next: "helped" opens, "day" closes
        assert live.tally("day").status is PollStatus.CLOSED
        assert live.tally("helped").status is PollStatus.OPEN
        assert live.current == "helped"
        assert "Poll 2 of 8" in screen_text(console.app)
    assert console.events().count("poll-open") == 3
    assert console.events().count("poll-close") == 2


async def test_results_by_group_keep_groups_under_five_together(home: Path) -> None:
    async with poll_open(home, expected=30) as (console, pilot):
        live = console.app.live
        assert live is not None
        votes = [("lived", "Monday")] * 5 + [("lived", "Tuesday")] * 5
        votes += [("clinician", "Wednesday")] * 5 + [("clinician", "Monday")] * 5
        votes += [("carer", "Monday")] * 2 + [("not_said", "Tuesday")] * 3
        for group, answer in votes:
            live.cast("day", answer, group)
        await press(pilot, "g")
        assert console.screen_name == "ConsoleScreen"  # not before the reveal
        await press(pilot, "c", "r", "g")
        assert isinstance(console.app.screen, GroupResultsModal)
        text = screen_text(console.app)
        assert "A group is shown on its own only when it has 5 or more voters" in text
        assert "Someone with lived experience — 10 voted" in text
        whole = static_text(console.app, "#group-results-text")
        assert "A clinician or health professional — 10 voted" in whole
        carer = whole.index("A family member, carer or supporter — 2 voted")
        assert "too few to show separately" in whole[carer:]
        not_said = whole.index("Prefer not to say — 3 voted")
        assert "too few to show separately" in whole[not_said:]
        assert "Monday" in whole[: whole.index("A clinician")]  # lived experience's own bars
        await press(pilot, "escape")
        assert console.screen_name == "ConsoleScreen"


async def test_a_vote_written_by_another_process_appears_within_a_second(home: Path) -> None:
    async with poll_open(home, poll_seconds=0.25) as (console, pilot):
        live = console.app.live
        assert live is not None
        assert "0 of 10 have voted" in screen_text(console.app)
        phone = TinyDbTallyStore(home / "sessions")
        phone.cast(live.session, poll_set().polls[0], "Monday", "peer")
        await pilot.pause(1.0)
        text = screen_text(console.app)
        assert "1 of 10 have voted" in text
        assert "Peer workers 1" in text


async def test_the_console_fits_a_small_screen(home: Path) -> None:
    async with poll_open(home, size=SMALL) as (console, pilot):
        live = console.app.live
        assert live is not None
        live.cast("day", "Monday")
        await press(pilot, "r")
        text = screen_text(console.app)
        assert "1 of 10 have voted" in text
        assert "Which day suits you best?" in text
        assert console.app.screen.has_class("-narrow")


async def test_an_error_in_a_handler_is_a_calm_message_and_is_logged(home: Path) -> None:
    console = build_console(home)
    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        live = console.app.live
        assert live is not None

        def broken(poll_id: str) -> str | None:
            raise RuntimeError("boom with an answer in it")

        live.open = broken  # type: ignore[method-assign]
        await press(pilot, "o")
        assert console.screen_name == "ProblemModal"
        text = screen_text(console.app)
        assert "Something went wrong." in text
        assert "Traceback" not in text
        assert "boom" not in text
        await press(pilot, "enter")
        assert console.screen_name == "ConsoleScreen"
    [problem] = console.app.problems
    assert problem.startswith("RuntimeError in ")


async def test_a_flood_of_errors_closes_the_console_with_a_plain_message_and_keeps_the_votes(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    console = build_console(home)

    def broken() -> None:
        raise RuntimeError("again and again, with a vote in it")

    async with console.app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await press(pilot, "o")
        live = console.app.live
        assert live is not None
        live.cast("day", "Monday")
        console.app.set_interval(0.01, broken)
        await pilot.pause(0.5)
    assert console.app.return_code == 1
    assert len(console.app.problems) > MAX_PROBLEMS
    printed = " ".join(capsys.readouterr().err.split())
    assert GIVE_UP in printed  # plain words on the terminal after closing …
    assert "Traceback" not in printed  # … and no traceback
    assert "again and again" not in printed
    assert console.tallies()["day"].votes == 1  # type: ignore[attr-defined]


async def test_closing_the_console_asks_first_and_keeps_the_votes(home: Path) -> None:
    async with poll_open(home) as (console, pilot):
        live = console.app.live
        assert live is not None
        live.cast("day", "Monday")
        await press(pilot, "q")
        assert console.screen_name == "QuitModal"
        await press(pilot, "escape")
        assert console.screen_name == "ConsoleScreen"
        await press(pilot, "q")
        await pilot.click("#quit-yes")
    assert console.app.return_code == 0
    assert console.tallies()["day"].votes == 1  # type: ignore[attr-defined]
