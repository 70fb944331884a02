"""``kiosk facilitate PLAN.yaml``: a whole Nominal Group Technique session run on the
console, with phones (through ``FocusGroup``, as the phone page calls it) sending
ideas and ballots into the same session files, and what was stored checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input

from kiosk.facilitator.plan_steps import RANK_NEEDS_IDEAS
from kiosk.facilitator.screens.plan_modals import LeaveRankModal, MergeWordingModal
from kiosk.facilitator.widgets.idea_queue import IdeaQueue
from kiosk.facilitator.widgets.merge_picker import MergePicker
from kiosk.facilitator.widgets.plan_timer import TIME_UP, PlanTimer
from surveys.idea_ranking import Style
from surveys.ideas import IdeaStatus
from surveys.plan_model import StageKind
from surveys.plan_record import round_id_for
from surveys.polls import PollClosedError, PollStatus
from tests.support.facilitator import NOW, press, settle, start_session
from tests.support.plan_console import (
    BALLOTS,
    LETTERS,
    SHORT_PLAN,
    PlanConsole,
    build_plan_console,
    builtin_plan,
    cast_ballots,
    short_plan,
    wait_for_console,
)

IDEAS = [
    ("More evening appointments", "lived"),
    ("Appointments after work", "carer"),
    ("A quiet waiting room", "lived"),
    ("Ring me when you say you will", "carer"),
    ("Fewer forms to fill in", "clinician"),
    ("Someone to talk to while I wait", "lived"),
    ("Later appointments in the evening", "carer"),
    ("My phone is 07700 900123", "lived"),
]


def words_of(console: PlanConsole) -> dict[str, str]:
    """Each idea in the pool, by its words."""
    return {idea.text: idea.id for idea in console.group().pool.ideas}


async def highlight(pilot: object, widget: IdeaQueue | MergePicker, idea_id: str) -> None:
    if isinstance(widget, IdeaQueue):
        ids = [widget.id_at(i) for i in range(widget.option_count)]
    else:
        ids = [widget.get_option_at_index(i).id for i in range(widget.option_count)]
    widget.highlighted = ids.index(idea_id)


async def test_a_whole_ngt_session_runs_and_is_stored(tmp_path: Path) -> None:
    console = build_plan_console(tmp_path, short_plan())
    async with console.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        start = console.screen_text()
        assert "Start a focus group session" in start
        assert "Plan: What matters most? (6 stages)" in start
        await start_session(pilot, expected=12)
        assert type(console.app.screen).__name__ == "PlanConsoleScreen"
        assert "Press T to start the first stage" in console.screen_text()
        assert console.plans.now(console.session_id) is None

        # -- ideas: phones write, the facilitator moderates -------------------------
        await press(pilot, "t")
        now = console.plans.now(console.session_id)
        assert now is not None
        assert now.accepts(StageKind.IDEAS)
        group = console.group()
        for text, writer in IDEAS:
            group.add(text, writer)
        await wait_for_console(pilot)
        shown = console.screen_text()
        assert "8 ideas in · 8 waiting for you · writing is open" in shown
        assert "My phone is [phone number]" in shown or "07700" not in shown
        assert "carer" not in shown.lower()
        assert "lived" not in shown.lower()

        queue = console.app.screen.query_one(IdeaQueue)
        await highlight(pilot, queue, words_of(console)["Fewer forms to fill in"])
        await press(pilot, "d")
        await press(pilot, "a")
        statuses = {idea.text: idea.status for idea in console.group().pool.ideas}
        assert statuses["Fewer forms to fill in"] is IdeaStatus.DROPPED
        assert sum(s is IdeaStatus.SHOWN for s in statuses.values()) == 7
        assert "0 waiting for you" in console.screen_text()

        # -- share: one idea at a time, clarified, read aloud ----------------------------
        await press(pilot, "n")
        pool = console.group().pool
        assert not pool.collecting  # leaving the ideas stage stopped the writing
        assert console.plans.now(console.session_id).kind is StageKind.SHARE
        await press(pilot, "right")
        on_screen = console.group().on_screen()
        assert on_screen is not None
        assert "Idea 1 of 7" in console.screen_text()
        await press(pilot, "c", "r")
        assert console.group().on_screen().clarified
        assert console.speaker.said[-1] == on_screen.display_text
        await press(pilot, "right")
        assert "Idea 2 of 7" in console.screen_text()
        await press(pilot, "left")
        assert console.group().on_screen().id == on_screen.id

        # -- merge: three ideas into one, two more, then undo the latest ------------------
        await press(pilot, "n")
        picker = console.app.screen.query_one(MergePicker)
        ids = words_of(console)
        evening = [
            "More evening appointments",
            "Appointments after work",
            "Later appointments in the evening",
        ]
        for text in evening:
            picker.select(ids[text])
        await press(pilot, "m")
        assert isinstance(console.app.screen, MergeWordingModal)
        box = console.app.screen.query_one("#merge-words", Input)
        assert box.value == evening[0]  # the first idea's words, to keep or change
        box.value = "Appointments in the evening"
        await press(pilot, "enter")
        combined = [i for i in console.group().pool.in_play() if i.combines]
        assert [c.text for c in combined] == ["Appointments in the evening"]
        assert sorted(console.group().pool.history(combined[0].id)) == sorted(evening)
        shown = console.screen_text()
        assert "combines 3 ideas" in shown
        assert all(text in shown for text in evening), shown  # the original wordings stay visible

        ids = words_of(console)
        picker.select(ids["A quiet waiting room"])
        picker.select(ids["Someone to talk to while I wait"])
        await press(pilot, "m", "enter")  # keep the first idea's words
        assert len(console.group().pool.merges) == 2
        await highlight(pilot, picker, ids["Ring me when you say you will"])
        await press(pilot, "u")  # not a combined idea: the latest merge is undone
        pool = console.group().pool
        assert len(pool.merges) == 1
        assert {i.text for i in pool.in_play()} == {
            "Appointments in the evening",
            "A quiet waiting room",
            "Someone to talk to while I wait",
            "Ring me when you say you will",
            "My phone is 07700 900123",
        }

        # -- rank: secret ballots from phones, results hidden while open -------------------
        await press(pilot, "n")
        round_id = round_id_for(3)
        tally = console.group().round(round_id)
        assert tally.status is PollStatus.OPEN
        assert tally.style is Style.TOP
        assert tally.size == 3
        assert console.plans.now(console.session_id).accepts(StageKind.RANK)
        ids = {i.text: i.id for i in console.group().pool.in_play()}
        cast_ballots(group, round_id, ids)
        await wait_for_console(pilot)
        shown = console.screen_text()
        assert "12 of 12 have ranked" in shown
        assert "results stay hidden" in shown
        assert "rank sum" not in shown

        await press(pilot, "n")
        assert isinstance(console.app.screen, LeaveRankModal)
        await press(pilot, "escape")  # stay: the ranking is still open
        assert console.group().round(round_id).status is PollStatus.OPEN
        await press(pilot, "n")
        await pilot.click("#leave-yes")
        await wait_for_console(pilot)
        assert console.group().round(round_id).status is PollStatus.CLOSED
        with pytest.raises(PollClosedError):
            group.cast(round_id, list(ids.values())[:3], "lived")  # after the stage closed

        # -- results: rank sums and Borda points, as worked out by hand ------------------
        # Top 3: first 3 points, second 2, third 1; rank sum = 4 x 12 voters - points.
        # Lived experience: E 14, R 12, Q 10. Carers: R 14, E 11, Q 11. Nobody chose S or P.
        shown = console.screen_text()
        assert "Everyone: 12 people ranked" in shown
        assert "1. Ring me when you say you will — rank sum 22 · 26 points" in shown
        assert "2. Appointments in the evening — rank sum 23 · 25 points" in shown
        assert "3. A quiet waiting room — rank sum 27 · 21 points" in shown
        assert "4. Someone to talk to while I wait — rank sum 48 · 0 points" in shown
        assert "4. My phone is [phone] — rank sum 48 · 0 points" in shown  # equal: same place
        assert "combines 3 ideas:" in shown
        assert "People with lived experience\n1. Appointments in the evening — rank sum 10" in shown
        assert "Carers or family members\n1. Ring me when you say you will — rank sum 10" in shown
        assert "2. A quiet waiting room — rank sum 13 · 11 points" in shown  # carers: a tie
        assert "2. Appointments in the evening — rank sum 13 · 11 points" in shown
        assert "(6 people)" not in shown  # no count per group: it could tell on someone
        found = console.group().results(round_id, 3)
        assert len(found.agreements) == 3
        for line in found.agreements:
            assert line in shown

        # -- a poll stage runs through the live-poll flow -----------------------------------
        await press(pilot, "n")
        live = console.app.live
        assert live is not None
        live.refresh()
        assert live.tally("heard").status is PollStatus.OPEN
        assert "Did you feel heard?" in console.screen_text()
        live.cast("heard", "Yes")
        await press(pilot, "r")  # not while it is open
        assert not live.tally("heard").showing
        await press(pilot, "c", "r")  # close, then show the results
        live.refresh()
        assert live.tally("heard").status is PollStatus.CLOSED
        assert live.tally("heard").showing
        await press(pilot, "n")
        live.refresh()
        assert live.tally("heard").status is PollStatus.CLOSED
        assert console.plans.now(console.session_id) is None  # finished
        assert "Every stage is done" in console.screen_text()
    assert console.app.problems == []


async def test_the_timer_counts_down_says_times_up_and_never_moves_on(tmp_path: Path) -> None:
    console = build_plan_console(tmp_path, short_plan())
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await press(pilot, "t")
        timer = console.app.screen.query_one(PlanTimer)
        console.clock.moment = NOW + dt.timedelta(seconds=95)
        await pilot.pause(0.6)
        assert timer.words.startswith("03:25")
        await press(pilot, "t")  # pause
        console.clock.moment = NOW + dt.timedelta(seconds=400)
        await pilot.pause(0.6)
        assert timer.words == "03:25 Paused — press T to carry on"
        await press(pilot, "t", "plus")  # carry on, and one more minute
        await pilot.pause(0.6)
        assert timer.words.startswith("04:25")
        console.clock.moment = NOW + dt.timedelta(hours=1)
        await pilot.pause(0.6)
        assert timer.words == f"00:00 {TIME_UP}"
        assert console.plans.now(console.session_id).kind is StageKind.IDEAS  # still here
    assert console.app.problems == []


async def test_a_restarted_console_carries_on_at_the_stage_with_its_timer(tmp_path: Path) -> None:
    plan = short_plan()
    first = build_plan_console(tmp_path, plan)
    async with first.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot, name="Tuesday group")
        await press(pilot, "t")
        for text, writer in IDEAS[:3]:
            first.group().add(text, writer)
        await press(pilot, "n")  # share
        session = first.session_id

    later = build_plan_console(tmp_path, plan)
    later.clock.moment = NOW + dt.timedelta(seconds=130)
    async with later.app.run_test(size=(80, 24)) as pilot:
        await wait_for_console(pilot)
        assert "Carry on: Tuesday group" in later.screen_text()
        await pilot.click("#resume-0")
        await wait_for_console(pilot)
        assert later.session_id == session
        shown = later.screen_text()
        assert "Stage 2 of 6 · Sharing ideas" in shown
        assert later.app.screen.query_one(PlanTimer).words.startswith("02:50")
    assert later.app.problems == []


async def test_a_changed_plan_file_says_so_and_can_start_again(tmp_path: Path) -> None:
    first = build_plan_console(tmp_path, short_plan())
    async with first.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot, name="Tuesday group")
        await press(pilot, "t", "n")
        session = first.session_id

    changed = short_plan().__class__(
        id="short-ngt", title="What matters most?", stages=short_plan().stages[:3]
    )
    later = build_plan_console(tmp_path, changed)
    async with later.app.run_test(size=(80, 24)) as pilot:
        await wait_for_console(pilot)
        await pilot.click("#resume-0")
        await wait_for_console(pilot)
        assert "The plan file has changed since this session started" in later.screen_text()
        await pilot.click("#again-yes")
        await wait_for_console(pilot)
        assert type(later.app.screen).__name__ == "PlanConsoleScreen"
        assert later.session_id != session
        assert "Press T to start the first stage" in later.screen_text()
        assert later.plans.progress(session) is not None  # the earlier session is kept
    assert later.app.problems == []


async def reach_rank_stage(console: PlanConsole, pilot: object) -> tuple[str, dict[str, str]]:
    """Ideas in (all five shown), then on past share and merge to the rank stage."""
    await press(pilot, "t")
    for words in LETTERS.values():
        console.group().add(words)
    await wait_for_console(pilot)
    await press(pilot, "a", "n", "n", "n")
    ids = {i.text: i.id for i in console.group().pool.in_play()}
    return round_id_for(3), ids


async def test_results_hide_small_groups_and_what_would_give_them_away(tmp_path: Path) -> None:
    console = build_plan_console(tmp_path, short_plan())
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot, expected=13)
        round_id, ids = await reach_rank_stage(console, pilot)
        cast_ballots(console.group(), round_id, ids, {**BALLOTS, "clinician": ["PSQ"]})
        await wait_for_console(pilot)
        assert "13 of 13 have ranked" in console.screen_text()
        await press(pilot, "n")
        await pilot.click("#leave-yes")
        await wait_for_console(pilot)
        shown = console.screen_text()
        # Overall, with the one clinician's ballot (P 3, S 2, Q 1): R 26, E 25, Q 22;
        # S and P get 1 to 4 points, which could only come from one or two ballots.
        assert "1. Ring me when you say you will — rank sum 26 · 26 points" in shown
        assert "3. A quiet waiting room — rank sum 30 · 22 points" in shown
        assert "– My phone is [phone] — <5 points" in shown
        assert "– Someone to talk to while I wait — <5 points" in shown
        # One clinician can't be shown; nor can lived experience, or the clinician's
        # ballot would be overall minus carers minus lived experience.
        assert "Clinicians or health professionals: too few to show separately" in shown
        assert "People with lived experience: hidden so the smaller groups'" in shown
        assert "Carers or family members\n1. Ring me when you say you will" in shown
        assert "Where groups agree" not in shown
    assert console.app.problems == []


async def test_leaving_a_ranking_backwards_also_asks_and_closes_it_for_good(
    tmp_path: Path,
) -> None:
    console = build_plan_console(tmp_path, short_plan())
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        round_id, _ = await reach_rank_stage(console, pilot)
        await press(pilot, "b")
        assert isinstance(console.app.screen, LeaveRankModal)
        await pilot.click("#leave-yes")
        await wait_for_console(pilot)
        assert console.group().round(round_id).status is PollStatus.CLOSED
        await press(pilot, "n")  # back on the rank stage: shown, but it takes no votes
        assert not isinstance(console.app.screen, LeaveRankModal)
        assert "This ranking has closed" in console.screen_text()
        assert not console.plans.now(console.session_id).accepts(StageKind.RANK)
    assert console.app.problems == []


async def test_a_ranking_with_too_few_ideas_waits_instead_of_closing_for_good(
    tmp_path: Path,
) -> None:
    console = build_plan_console(tmp_path, short_plan())
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await press(pilot, "t")
        console.group().add("Only one idea")
        await wait_for_console(pilot)
        await press(pilot, "a", "n", "n")  # share, merge
        await press(pilot, "n")  # the ranking would have one idea to choose from
        now = console.plans.now(console.session_id)
        assert now is not None
        assert now.kind is StageKind.MERGE  # still here
        assert console.group().round(round_id_for(3)).status is PollStatus.WAITING
        assert console.plans.progress(console.session_id)["sealed"] == []  # type: ignore[index]
        told = [str(n.message) for n in console.app._notifications]
        assert RANK_NEEDS_IDEAS in told
    assert console.app.problems == []


DOTS_PLAN = SHORT_PLAN.replace("    top: 3\n", "    dots: 3\n")


async def test_dots_are_counted_and_shown_as_dots(tmp_path: Path) -> None:
    console = build_plan_console(tmp_path, short_plan(DOTS_PLAN))
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot, expected=10)
        round_id, ids = await reach_rank_stage(console, pilot)
        tally = console.group().round(round_id)
        assert tally.style is Style.DOTS
        assert tally.size == 3
        assert "Each person spreads 3 dots." in console.screen_text()
        e, r, q = (ids[LETTERS[letter]] for letter in "ERQ")
        ballots = [{e: 2, r: 1}, {e: 1, q: 2}, {r: 3}, {e: 3}, {q: 1, r: 1, e: 1}]
        for ballot, group in zip(ballots * 2, ["lived"] * 5 + ["carer"] * 5, strict=True):
            console.group().cast(round_id, ballot, group)
        await wait_for_console(pilot)
        assert "10 of 10 have ranked" in console.screen_text()
        await press(pilot, "n")
        await pilot.click("#leave-yes")
        await wait_for_console(pilot)
        shown = console.screen_text()
        # Dots by hand: E 2+1+3+1 = 7, R 1+3+1 = 5, Q 2+1 = 3, each twice.
        assert "1. Appointments in the evening — 14 dots" in shown
        assert "2. Ring me when you say you will — 10 dots" in shown
        assert "3. A quiet waiting room — 6 dots" in shown
        assert "rank sum" not in shown
    assert console.app.problems == []


async def test_merge_words_start_with_personal_details_masked(tmp_path: Path) -> None:
    console = build_plan_console(tmp_path, short_plan())
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await press(pilot, "t")
        for words in LETTERS.values():
            console.group().add(words)
        await wait_for_console(pilot)
        await press(pilot, "a", "n", "n")
        picker = console.app.screen.query_one(MergePicker)
        ids = words_of(console)
        picker.select(ids["My phone is 07700 900123"])
        picker.select(ids["A quiet waiting room"])
        await press(pilot, "m")
        box = console.app.screen.query_one("#merge-words", Input)
        assert "07700" not in box.value
        assert box.value == "My phone is [phone]"
    assert console.app.problems == []


async def test_one_two_four_all_talks_then_harvests_every_idea(tmp_path: Path) -> None:
    console = build_plan_console(tmp_path, builtin_plan("one-two-four-all"))
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await press(pilot, "t")
        for words in LETTERS.values():
            console.group().add(words)
        await wait_for_console(pilot)
        await press(pilot, "a", "n")
        assert "Nothing is typed in during this stage" in console.screen_text()
        assert not console.group().pool.collecting
        await press(pilot, "n", "n", "n")  # fours, all, the harvest
        shown = console.screen_text()
        assert "Everything the group came up with (5 ideas):" in shown
        assert all(words in shown for words in [*list(LETTERS.values())[:4], "My phone is [phone]"])
    assert console.app.problems == []


async def test_undo_takes_back_the_highlighted_merge_not_only_the_latest(tmp_path: Path) -> None:
    console = build_plan_console(tmp_path, short_plan())
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await press(pilot, "t")
        for words in LETTERS.values():
            console.group().add(words)
        await wait_for_console(pilot)
        await press(pilot, "a", "n", "n")
        picker = console.app.screen.query_one(MergePicker)
        ids = words_of(console)
        for first, second in (("E", "R"), ("Q", "S")):
            picker.select(ids[LETTERS[first]])
            picker.select(ids[LETTERS[second]])
            await press(pilot, "m", "enter")
        pool = console.group().pool
        earlier, later = (m.idea_id for m in pool.merges)
        await highlight(pilot, picker, earlier)
        await press(pilot, "u")
        pool = console.group().pool
        assert [m.idea_id for m in pool.merges] == [later]  # the chosen one, not the latest
        assert {i.text for i in pool.in_play()} == {
            LETTERS["E"],
            LETTERS["R"],
            pool.find(later).text,
            LETTERS["P"],
        }
        assert "combines 2 ideas" in console.screen_text()
    assert console.app.problems == []


async def test_the_idea_queue_moves_with_keys_and_clicks_and_shows_the_whole_idea(
    tmp_path: Path,
) -> None:
    console = build_plan_console(tmp_path, short_plan())
    long_idea = "A long idea " + "that goes on and on " * 8
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await press(pilot, "t")
        for number in range(30):
            console.group().add(f"Idea {number}")
        console.group().add(long_idea)
        await wait_for_console(pilot)
        queue = console.app.screen.query_one(IdeaQueue)
        assert queue.has_focus
        await press(pilot, "end")
        assert queue.highlighted == 30
        assert queue.scroll_offset.y > 0  # scrolled to keep it in view
        await press(pilot, "home", "down", "down")
        assert queue.highlighted == 2
        await highlight(pilot, queue, words_of(console)[" ".join(long_idea.split())])
        await settle(pilot)
        full = console.app.screen.query_one("#idea-full")
        assert " ".join(long_idea.split()) in str(full.content)  # the whole words, not cut
        await pilot.click(IdeaQueue, offset=(5, 1 + 3))  # the border, then the fourth line
        assert queue.highlighted == queue.scroll_offset.y + 3
    assert console.app.problems == []


async def test_the_shared_screen_follows_what_the_console_did(tmp_path: Path) -> None:
    """The console's steps reach the projector's screen (another app, reading the
    session file): the stage, its timer, and the idea being shared."""
    from accessibility.big_text import big_text
    from kiosk.facilitator.console_services import FacilitatorServices
    from kiosk.facilitator.presentation_app import PresentationApp
    from kiosk.facilitator.widgets.stage_timer import StageTimer
    from surveys.storage.tinydb_tallies import TinyDbTallyStore
    from tests.support.facilitator import static_text

    plan = short_plan()
    console = build_plan_console(tmp_path, plan)
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot, name="Tuesday group")
        await press(pilot, "t")
        console.group().add("A quiet waiting room")
        await wait_for_console(pilot)
        await press(pilot, "a", "n", "right")
    services = FacilitatorServices(
        store=TinyDbTallyStore(tmp_path / "sessions"), clock=console.clock, home=tmp_path
    )
    screen = PresentationApp(services, [], plan=plan, poll_seconds=0.05, find_seconds=0.1)
    async with screen.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        await settle(pilot)
        shown = static_text(screen, "#present-results")
        assert "Idea 1 of 1" in shown
        assert "\n".join(big_text("A quiet waiting room", 120 - 4)) in shown  # in big letters
        assert screen.screen.query_one(StageTimer).value == "05:00"
    assert screen.problems == []


async def test_the_passed_tablet_is_told_to_follow_the_plan(tmp_path: Path) -> None:
    """The tablet's side takes ideas and ballots through the console's own FocusGroup."""
    console = build_plan_console(tmp_path, short_plan())
    told: list[tuple[object, object]] = []
    console.app.tablet.follow_plan = lambda group, plans: told.append((group, plans))  # type: ignore[attr-defined]
    async with console.app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        ((group, plans),) = told
        assert getattr(group, "session", None) == console.app.live.session  # type: ignore[union-attr]
        assert plans is console.plans
    assert console.app.problems == []
