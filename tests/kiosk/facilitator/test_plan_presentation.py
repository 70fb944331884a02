"""The shared screen following a session plan (``kiosk facilitate PLAN.yaml --present``).

The console's side is written into a real session folder through the stores a
console uses (``PlanRoom``); the shared screen is a separate ``PresentationApp``
that only reads the folder. Each test checks what the room would see.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot

from accessibility.big_text import big_text
from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.facilitator.presentation_app import PresentationApp, plan_poll_set
from kiosk.facilitator.widgets.stage_timer import StageTimer
from surveys.facilitation import Facilitation
from surveys.ideas import IdeaStatus
from surveys.plan_model import StageKind
from surveys.plan_record import StageNow
from surveys.polls import Room
from surveys.storage.tallies import PhoneJoin
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.support.facilitator import TODAY, settle, static_text
from tests.support.plan_screen_room import (
    DOTS_PLAN,
    HARVEST_PLAN,
    PlanRoom,
    fixed_clock,
    plan_of,
    presenter,
)
from tests.support.screen import screen_text

BIG = (120, 36)
MARKUP = "[bold]x[/] quiet room \x1b[31m"
MARKUP_SHOWN = "[bold]x[/] quiet room ␛[31m"
IDEAS = (
    "More evening sessions",
    "Evening groups please",
    "Cheaper bus tickets",
    MARKUP,
    "Peer support workers",
)
WIDTH = BIG[0] - 4
ROOM = Room("Tuesday group", TODAY, 14)


async def redrawn(pilot: Pilot[object]) -> None:
    """Long enough for the screen to see the file change and draw it again."""
    await pilot.pause(0.3)
    await settle(pilot)


def body(app: PresentationApp) -> str:
    """Everything the stage's body holds (also what is scrolled out of view)."""
    return static_text(app, "#present-results")


def timer(app: PresentationApp) -> tuple[str, str]:
    """The timer's digits and the words under them."""
    shown = app.screen.query_one(StageTimer)
    return shown.value, static_text(app, "#timer-state")


def big(words: str) -> str:
    return "\n".join(big_text(words, WIDTH))


def ideas_shared(home: Path, **groups: int) -> PlanRoom:
    """A room that wrote the ideas, stopped writing and shows them all (share stage)."""
    room = PlanRoom(home, plan_of(), fixed_clock(), groups or None)
    room.step()
    room.write(*IDEAS)
    room.go_to(StageKind.SHARE)
    room.show_all()
    return room


async def test_before_and_after_the_plan_it_says_what_is_happening(home: Path) -> None:
    clock = fixed_clock()
    plan = plan_of()
    app = presenter(home, plan, clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        assert "Waiting for the facilitator to start the session." in screen_text(app)
        room = PlanRoom(home, plan, clock)
        await pilot.pause(0.4)
        await redrawn(pilot)
        text = screen_text(app)
        assert "What matters most to us? · Tuesday group · 2026-11-25" in text
        assert "Waiting for the facilitator to start the session." in text
        assert "Stage" not in text
        room.step()
        room.write(*IDEAS)
        room.go_to(StageKind.SHARE)
        room.show_all()
        while not room.run.finished:
            room.step()
        await redrawn(pilot)
        text = screen_text(app)
        assert "That is the end of the session. Thank you for taking part." in text
        assert "Stage" not in text


async def test_ideas_stage_shows_the_prompt_a_big_timer_and_only_a_count(home: Path) -> None:
    clock = fixed_clock()
    plan = plan_of()
    room = PlanRoom(home, plan, clock)
    room.step()
    room.write("More evening sessions", "Evening groups please")
    app = presenter(home, plan, clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        text = screen_text(app)
        assert "Stage 1 of 7" in text
        assert "Writing ideas" in text
        assert "What would make the most difference to you?" in text
        assert big("2") in body(app)
        assert "ideas so far" in body(app)
        assert timer(app) == ("05:00", "")
        assert big("05:00").splitlines()[0].strip() in text  # the five-row digits
        room.write("Cheaper bus tickets")
        await redrawn(pilot)
        assert big("3") in body(app)
        text = screen_text(app)
        for words in ("More evening sessions", "Evening groups", "Cheaper bus tickets"):
            assert words not in text  # never an idea's words while people write

        clock.moment += dt.timedelta(seconds=61.5)
        await pilot.pause(0.7)  # no change in the file: the timer counts on its own
        assert timer(app) == ("03:59", "")
        room.run.pause()
        room.save()
        clock.moment += dt.timedelta(seconds=100)
        await redrawn(pilot)
        await pilot.pause(0.6)
        assert timer(app) == ("03:59", "Paused")
        assert "Paused" in screen_text(app)
        room.run.resume()
        room.save()
        clock.moment += dt.timedelta(minutes=10)
        await redrawn(pilot)
        await pilot.pause(0.6)
        assert timer(app) == ("00:00", "Time's up")
        assert "Time's up" in screen_text(app)
        room.run.add_minutes(10)  # 5 + 10 minutes, 61.5 s + 10 minutes gone by
        room.save()
        await redrawn(pilot)
        await pilot.pause(0.6)
        assert timer(app) == ("03:59", "")
    assert app.problems == []


async def test_a_small_screen_uses_digits_that_still_fit(home: Path) -> None:
    clock = fixed_clock()
    plan = plan_of()
    room = PlanRoom(home, plan, clock)
    room.step()
    app = presenter(home, plan, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await redrawn(pilot)
        text = screen_text(app)
        assert "Stage 1 of 7" in text
        assert "┏━┓┏━╸   ┏━┓┏━┓" in text  # Textual's Digits: 05:00
        assert "ideas so far" in text


async def test_talk_stage_shows_its_prompt_and_nothing_to_type(home: Path) -> None:
    clock = fixed_clock()
    plan = plan_of()
    room = PlanRoom(home, plan, clock)
    room.go_to(StageKind.TALK)
    app = presenter(home, plan, clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        text = screen_text(app)
        assert "Stage 2 of 7" in text
        assert "Talk about your ideas in pairs." in text
        assert "Talk together. There is nothing to type." in text
        assert timer(app) == ("02:00", "")


async def test_share_stage_shows_one_idea_big_with_its_place_and_mark(home: Path) -> None:
    room = ideas_shared(home)
    app = presenter(home, room.plan, room.clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        assert "The first idea will appear here soon." in screen_text(app)
        shown = room.group.next()
        while shown is not None and shown.text != "Peer support workers":
            shown = room.group.next()
        assert shown is not None
        await redrawn(pilot)
        text = screen_text(app)
        assert "Stage 3 of 7" in text
        assert "Sharing ideas" in text
        place = room.group.pool.in_play().index(shown) + 1
        assert f"Idea {place} of 5" in text
        assert big("Peer support workers") in body(app)
        assert "Talked through" not in text
        room.group.clarified(shown.id)
        await redrawn(pilot)
        assert "✓ Talked through" in screen_text(app)
        for other in IDEAS[:3]:
            assert other not in screen_text(app)  # one idea at a time


async def test_share_stage_shows_participant_words_as_plain_text(home: Path) -> None:
    room = ideas_shared(home)
    app = presenter(home, room.plan, room.clock)
    async with app.run_test(size=BIG) as pilot:
        shown = room.group.next()
        while shown is not None and shown.text != MARKUP:
            shown = room.group.next()
        await redrawn(pilot)
        assert MARKUP_SHOWN in screen_text(app)
        assert "\x1b" not in body(app)


async def test_share_stage_shows_a_merged_idea_with_its_original_words(home: Path) -> None:
    room = ideas_shared(home)
    evening = [room.idea_id("More evening sessions"), room.idea_id("Evening groups please")]
    room.group.merge(evening, "Evening sessions")
    app = presenter(home, room.plan, room.clock)
    async with app.run_test(size=BIG) as pilot:
        shown = room.group.next()
        while shown is not None and shown.text != "Evening sessions":
            shown = room.group.next()
        await redrawn(pilot)
        words = body(app)
        assert big("Evening sessions") in words
        assert "Brings together 2 ideas:" in words
        assert "“More evening sessions”" in words
        assert "“Evening groups please”" in words
        assert "of 4" in screen_text(app)


async def test_merge_stage_lists_the_ideas_as_merged_and_follows_an_undo(home: Path) -> None:
    room = ideas_shared(home)
    room.go_to(StageKind.MERGE)
    app = presenter(home, room.plan, room.clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        words = body(app)
        assert "5 ideas on the list" in words
        for idea in ("More evening sessions", "Cheaper bus tickets", MARKUP_SHOWN):
            assert idea in words
        evening = [room.idea_id("More evening sessions"), room.idea_id("Evening groups please")]
        room.group.merge(evening, "Evening sessions")
        await redrawn(pilot)
        words = body(app)
        assert "4 ideas on the list" in words
        assert "• Evening sessions\n  Brings together 2 ideas:" in words
        assert "“More evening sessions”" in words
        room.group.undo_merge()
        await redrawn(pilot)
        words = body(app)
        assert "5 ideas on the list" in words
        assert "Brings together" not in words


def ballots(room: PlanRoom) -> list[tuple[str, list[str]]]:
    """Fourteen top-3 ballots over the four ideas left after the evening merge."""
    pool = room.group.pool
    names = {idea.id: idea.text for idea in pool.ideas}
    ids = {names[c]: c for c in room.group.round(room.round_now()).candidates}
    m, c = ids["Evening sessions"], ids["Cheaper bus tickets"]
    d, e = ids[MARKUP], ids["Peer support workers"]
    # Every group's total for every idea is 0 or at least 5 (1 to 4 points would
    # hold the group back, like a count of 1 to 4 people).
    lived = [[m, c, e], [m, e, c], [c, m, e], [m, e, c], [e, m, c], [m, c, e]]
    carer = [[c, m, d], [c, d, m], [m, c, d], [c, m, d], [d, c, m], [c, m, d]]
    clinician = [[e, d, c], [e, c, m]]
    return (
        [("lived", b) for b in lived]
        + [("carer", b) for b in carer]
        + [("clinician", b) for b in clinician]
    )


def ranking(home: Path, **groups: int) -> PlanRoom:
    room = ideas_shared(home, **groups)
    evening = [room.idea_id("More evening sessions"), room.idea_id("Evening groups please")]
    room.group.merge(evening, "Evening sessions")
    room.go_to(StageKind.RANK)
    return room


async def test_rank_stage_shows_how_many_have_ranked_and_never_a_partial_result(
    home: Path,
) -> None:
    room = ranking(home)
    app = presenter(home, room.plan, room.clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        assert big("0 of 14") in body(app)
        for group, ballot in ballots(room)[:9]:
            room.group.cast(room.round_now(), ballot, group)
        await redrawn(pilot)
        words = body(app)
        text = screen_text(app)
        assert big("9 of 14") in words
        assert "have ranked" in words
        assert "Put your top 3 in order." in words
        for idea in ("Evening sessions", "Cheaper bus tickets", "Peer support", "quiet room"):
            assert idea not in text
        for figure in ("point", "rank sum", "Overall", "dot"):
            assert figure not in words.lower()
        room.step()  # the ranking closes; the results stage comes next
        await redrawn(pilot)
        assert "14 people ranked" not in body(app)
        assert "9 people ranked" in body(app)


async def test_results_stage_shows_rank_sums_and_hides_a_small_group(home: Path) -> None:
    room = ranking(home)
    app = presenter(home, room.plan, room.clock)
    async with app.run_test(size=BIG) as pilot:
        for group, ballot in ballots(room):
            room.group.cast(room.round_now(), ballot, group)
        room.step()
        await redrawn(pilot)
        words = body(app)
        assert "Stage 6 of 7" in screen_text(app)
        assert "14 people ranked" in words
        # By hand, 3 points for a first choice, 2 for a second, 1 for a third; a rank
        # sum counts 1, 2, 3 and 4 for an idea outside someone's top 3: 4 × 14 − points.
        # lived: m 16, c 10, e 10; carers: c 16, m 11, d 9; clinicians: e 6, c 3, d 2, m 1.
        # No two ideas tie within a shown group, so no line depends on the pool's order.
        assert " 1. Cheaper bus tickets  (rank sum 27 · 29 points)" in words
        assert " 2. Evening sessions  (rank sum 28 · 28 points)" in words
        assert "Brings together 2 ideas: “More evening sessions” · “Evening groups please”" in (
            words
        )
        assert " 3. Peer support workers  (rank sum 40 · 16 points)" in words
        assert f" 4. {MARKUP_SHOWN}  (rank sum 45 · 11 points)" in words
        # Two clinicians: never shown on their own; one more group is held back so
        # theirs can't be worked out from the total (the disclosure engine decides).
        assert "Clinicians or health professionals (<5): too few to show separately" in words
        assert "People with lived experience: hidden" in words
        carers = "Carers or family members: “Cheaper bus tickets” · “Evening sessions”"
        assert carers in words
        assert "6 ranked" not in words  # no group's own count
        assert "Where groups agree" not in words  # only one group is shown
        assert "\x1b" not in words
    assert app.problems == []


async def test_results_stage_says_where_shown_groups_agree(home: Path) -> None:
    room = ranking(home, lived=6, carer=6)
    app = presenter(home, room.plan, room.clock)
    async with app.run_test(size=BIG) as pilot:
        for group, ballot in ballots(room)[:12]:
            room.group.cast(room.round_now(), ballot, group)
        room.step()
        await redrawn(pilot)
        words = " ".join(body(app).split())
        assert "Where groups agree and differ" in words
        assert (
            "People with lived experience and carers or family members both put "
            "“Evening sessions” in their top 3." in words
        )
        assert (
            "People with lived experience put “Peer support workers” in their top 3, "
            "but carers or family members did not." in words
        )


async def test_results_stage_without_a_ranking_shows_the_harvest(home: Path) -> None:
    clock = fixed_clock()
    plan = plan_of(HARVEST_PLAN)
    room = PlanRoom(home, plan, clock)
    room.step()
    room.write("Cheaper bus tickets", MARKUP)
    room.step()
    room.show_all()
    app = presenter(home, plan, clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        words = body(app)
        assert "Everything the group came up with" in words
        assert "2 ideas on the list" in words
        assert "• Cheaper bus tickets" in words
        assert MARKUP_SHOWN in words


async def test_poll_stage_shows_the_poll_as_the_shared_screen_always_has(home: Path) -> None:
    room = ideas_shared(home)
    room.go_to(StageKind.POLL)
    room.live.open("heard")
    app = presenter(home, room.plan, room.clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        text = screen_text(app)
        assert "Stage 7 of 7" in text
        assert "How much did you feel heard today?" in text
        assert "Results are hidden for now." in text
        for answer in ("A lot", "Some of the time") * 5:
            room.live.cast("heard", answer)
        room.live.close("heard")
        room.live.reveal("heard")
        await redrawn(pilot)
        text = screen_text(app)
        assert "10 of 14 have voted" in text
        assert "A lot" in text
        assert "Some of the time" in text


async def test_it_follows_a_plan_given_only_the_plans_polls(home: Path) -> None:
    """``kiosk facilitate PLAN.yaml --present`` may hand the screen the plan's poll set
    only: the outline the console keeps with the session is enough to show the stage."""
    clock = fixed_clock()
    plan = plan_of()
    room = PlanRoom(home, plan, clock)
    room.step()
    room.write("Cheaper bus tickets")
    services = FacilitatorServices(
        store=TinyDbTallyStore(home / "sessions"), clock=clock, home=home
    )
    app = PresentationApp(services, [plan_poll_set(plan)], poll_seconds=0.05, find_seconds=0.1)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        text = screen_text(app)
        assert "What matters most to us? · Tuesday group" in text
        assert "Stage 1 of 7" in text
        assert "What would make the most difference to you?" in text
        assert "idea so far" in body(app)
        assert timer(app) == ("05:00", "")


async def test_before_the_console_starts_the_plan_it_waits_for_the_session(home: Path) -> None:
    """The console has opened the session, but not yet the plan's first stage."""
    clock = fixed_clock()
    plan = plan_of()
    Facilitation.start(TinyDbTallyStore(home / "sessions"), plan_poll_set(plan), ROOM)
    app = presenter(home, plan, clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        text = screen_text(app)
        assert "Waiting for the facilitator to start the session." in text
        assert "poll" not in text.lower()
        assert "Stage" not in text


async def test_dots_show_how_to_spend_them_then_the_dots_each_idea_got(home: Path) -> None:
    clock = fixed_clock()
    plan = plan_of(DOTS_PLAN)
    room = PlanRoom(home, plan, clock, {"lived": 6})
    room.step()
    room.write("Cheaper bus tickets", "Peer support workers", "More evening sessions")
    room.go_to(StageKind.SHARE)
    room.show_all()
    room.go_to(StageKind.RANK)
    bus, peer = room.idea_id("Cheaper bus tickets"), room.idea_id("Peer support workers")
    evening = room.idea_id("More evening sessions")
    app = presenter(home, plan, clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        assert "Spread your 3 dots over the ideas you like most." in body(app)
        # By hand: bus 3+2+1+0+2+1 = 9, peer 0+1+2+3+0+1 = 7, evening 0+0+0+0+1+1 = 2.
        spent = [(3, 0, 0), (2, 1, 0), (1, 2, 0), (0, 3, 0), (2, 0, 1), (1, 1, 1)]
        for b, p, e in spent:
            room.group.cast(room.round_now(), {bus: b, peer: p, evening: e}, "lived")
        await redrawn(pilot)
        assert big("6 of 6") in body(app)
        assert "dots" not in body(app).replace("3 dots", "")
        room.step()
        await redrawn(pilot)
        words = body(app)
        assert " 1. Cheaper bus tickets  (9 dots)" in words
        assert " 2. Peer support workers  (7 dots)" in words
        # 2 dots is "<5", like a count of 2 people, and has no place.
        assert "  – More evening sessions  (<5 dots)" in words
        assert "(2 dots)" not in words
        assert "rank sum" not in words


async def test_a_read_that_fails_is_tried_again_without_waiting_for_a_change(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = fixed_clock()
    plan = plan_of()
    room = PlanRoom(home, plan, clock)
    room.step()
    app = presenter(home, plan, clock)
    read_now = TinyDbPlanStore.now
    failing = {"once": False}

    def busy_once(store: TinyDbPlanStore, session_id: str) -> StageNow | None:
        if failing["once"]:
            failing["once"] = False
            raise OSError("the file was busy")
        return read_now(store, session_id)

    monkeypatch.setattr(TinyDbPlanStore, "now", busy_once)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        assert "Stage 1 of 7" in screen_text(app)
        failing["once"] = True
        room.step()  # the one change to the file; its first read fails
        await redrawn(pilot)
        text = screen_text(app)
        assert "Stage 2 of 7" in text
        assert "Talk about your ideas in pairs." in text
        assert "busy" not in text
    assert len(app.problems) == 1  # noted quietly, never shown


async def test_only_ideas_on_the_list_reach_the_screen_and_it_writes_nothing(home: Path) -> None:
    clock = fixed_clock()
    plan = plan_of()
    room = PlanRoom(home, plan, clock)
    room.step()
    room.write("Cheaper bus tickets", "Peer support workers", "Call me on 07700 900123")
    room.group.moderate(room.idea_id("Peer support workers"), IdeaStatus.DROPPED)
    room.group.moderate(room.idea_id("Cheaper bus tickets"), IdeaStatus.SHOWN)
    room.go_to(StageKind.MERGE)  # the phone-number idea is still waiting for the facilitator
    session_file = home / "sessions" / room.session.id / "session.json"
    before = session_file.read_bytes()
    app = presenter(home, plan, clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        await pilot.pause(0.5)
        words = body(app)
        assert "1 idea on the list" in words
        assert "Cheaper bus tickets" in words
        assert "Peer support" not in words  # dropped
        assert "07700" not in words  # still held: its words are locked to this screen
        assert "sealed" not in words
    assert session_file.read_bytes() == before


async def test_phones_are_asked_to_take_part_not_only_to_vote(home: Path) -> None:
    clock = fixed_clock()
    plan = plan_of()
    room = PlanRoom(home, plan, clock)
    join = PhoneJoin("KM4T7P", "http://127.0.0.1:8080/j/KM4T7P")
    TinyDbTallyStore(home / "sessions").set_phone_join(room.session, join)
    app = presenter(home, plan, clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        assert app.screen.query("#present-join-qr")  # before the first stage: time to join
        room.step()
        await redrawn(pilot)
        text = screen_text(app)
        assert "Take part on your phone: go to http://127.0.0.1:8080 and type" in text
        assert "Vote on your phone" not in text
        assert not app.screen.query("#present-join-qr")


async def test_results_from_fewer_than_five_people_show_no_figures(home: Path) -> None:
    room = ranking(home)
    for group, ballot in ballots(room)[:4]:
        room.group.cast(room.round_now(), ballot, group)
    room.step()
    app = presenter(home, room.plan, room.clock)
    async with app.run_test(size=BIG) as pilot:
        await redrawn(pilot)
        words = body(app)
        assert "4 people ranked" in words
        assert "Fewer than 5 votes, so no results are shown." in words
        for hidden in ("Overall", "rank sum", "point", "Evening sessions", "By group"):
            assert hidden not in words
