"""A session's place in its plan: the stage and its timer, saved and resumed exactly,
and no idea or vote taken by a stage that has closed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveys.errors import PlainError
from surveys.plan_model import SessionPlan, StageKind
from surveys.plan_progress import PlanProgress, PlanRun, PlanStateError
from surveys.plan_reader import load_plan_text

START = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)

PLAN = """\
id: priorities
title: What matters most?
stages:
  - {kind: ideas, minutes: 10, prompt: "What would help?"}
  - {kind: share, minutes: 20}
  - {kind: rank, minutes: 5, top: 3}
  - {kind: results, minutes: 10}
  - kind: poll
    minutes: 3
    poll: {id: heard, kind: yesno, text: Did you feel heard}
"""


class MovingClock:
    """A clock the test moves on by hand."""

    def __init__(self, moment: dt.datetime = START) -> None:
        self.moment = moment

    def now(self) -> dt.datetime:
        return self.moment

    def wait(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)


@pytest.fixture
def plan() -> SessionPlan:
    loaded = load_plan_text(PLAN).plan
    assert loaded is not None
    return loaded


@pytest.fixture
def clock() -> MovingClock:
    return MovingClock()


def test_before_the_start_nothing_is_taken(plan: SessionPlan, clock: MovingClock) -> None:
    run = PlanRun(plan, clock)
    assert not run.started
    assert run.stage is None
    assert not any(run.accepts(kind) for kind in StageKind)
    assert run.remaining() == 0


def test_the_timer_counts_down_and_time_up_does_not_close_the_stage(
    plan: SessionPlan, clock: MovingClock
) -> None:
    run = PlanRun(plan, clock)
    run.start()
    assert run.stage is plan.stages[0]
    assert run.remaining() == 600
    clock.wait(240)
    assert run.remaining() == 360
    assert not run.time_up
    clock.wait(400)
    assert run.remaining() == 0
    assert run.time_up
    assert run.accepts(StageKind.IDEAS)  # nobody is rushed: the facilitator moves on


def test_pause_keeps_the_time_left(plan: SessionPlan, clock: MovingClock) -> None:
    run = PlanRun(plan, clock)
    run.start()
    clock.wait(100)
    run.pause()
    assert run.paused
    clock.wait(3000)  # a long break
    assert run.remaining() == 500
    run.resume()
    clock.wait(50)
    assert run.remaining() == 450
    assert not run.paused


def test_adding_time(plan: SessionPlan, clock: MovingClock) -> None:
    run = PlanRun(plan, clock)
    run.start()
    clock.wait(600)
    assert run.time_up
    run.add_minutes(2)
    assert run.remaining() == 120
    run.add_minutes(10_000)
    assert run.remaining() == 120 * 60  # two extra hours at most


def test_moving_on_starts_the_next_timer_and_closes_the_stage(
    plan: SessionPlan, clock: MovingClock
) -> None:
    run = PlanRun(plan, clock)
    run.start()
    clock.wait(100)
    run.next()
    assert run.stage is plan.stages[1]
    assert run.remaining() == 20 * 60
    assert not run.accepts(StageKind.IDEAS)
    assert not run.is_open(0)
    assert run.is_open(1)


def test_a_vote_after_the_rank_stage_closed_is_refused_even_going_back(
    plan: SessionPlan, clock: MovingClock
) -> None:
    run = PlanRun(plan, clock)
    run.start()
    run.next()
    run.next()
    assert run.accepts(StageKind.RANK)
    run.next()  # the results can now be seen
    assert not run.accepts(StageKind.RANK)
    run.back()
    assert run.stage is plan.stages[2]
    assert not run.accepts(StageKind.RANK)
    assert not run.is_open(2)


def test_going_back_to_ideas_opens_it_again(plan: SessionPlan, clock: MovingClock) -> None:
    run = PlanRun(plan, clock)
    run.start()
    run.next()
    clock.wait(30)
    run.back()
    assert run.accepts(StageKind.IDEAS)
    assert run.remaining() == 600  # a fresh timer


def test_after_the_last_stage_nothing_is_taken(plan: SessionPlan, clock: MovingClock) -> None:
    run = PlanRun(plan, clock)
    for _ in range(len(plan.stages) + 3):
        run.next()
    assert run.finished
    assert run.stage is None
    assert not any(run.accepts(kind) for kind in StageKind)
    assert not any(run.is_open(i) for i in range(-1, len(plan.stages) + 1))


def test_only_the_current_kind_is_accepted(plan: SessionPlan, clock: MovingClock) -> None:
    run = PlanRun(plan, clock)
    run.start()
    assert [kind for kind in StageKind if run.accepts(kind)] == [StageKind.IDEAS]


def test_a_clock_that_goes_backwards_never_adds_time(plan: SessionPlan, clock: MovingClock) -> None:
    run = PlanRun(plan, clock)
    run.start()
    clock.wait(-3600)
    assert run.remaining() == 600


def test_save_and_restore_is_exact_through_json(plan: SessionPlan, clock: MovingClock) -> None:
    run = PlanRun(plan, clock)
    run.start()
    for _ in range(3):
        run.next()
    run.back()
    clock.wait(12.345678)
    run.pause()
    run.add_minutes(3)
    saved = json.loads(json.dumps(run.save()))
    again = PlanRun.restore(plan, clock, saved)
    assert again.progress == run.progress
    assert again.save() == run.save()


def test_a_restart_resumes_the_stage_with_its_timer(plan: SessionPlan, clock: MovingClock) -> None:
    run = PlanRun(plan, clock)
    run.start()
    run.next()
    clock.wait(5 * 60)
    saved = json.dumps(run.save())
    del run  # the console is killed
    clock.wait(60)  # and back a minute later; the room kept going
    resumed = PlanRun.restore(plan, clock, json.loads(saved))
    assert resumed.stage is plan.stages[1]
    assert resumed.remaining() == 14 * 60
    assert resumed.accepts(StageKind.SHARE)
    clock.wait(60)
    assert resumed.remaining() == 13 * 60


def test_a_paused_timer_stays_paused_across_a_restart(
    plan: SessionPlan, clock: MovingClock
) -> None:
    run = PlanRun(plan, clock)
    run.start()
    clock.wait(90)
    run.pause()
    saved = run.save()
    clock.wait(3600)
    resumed = PlanRun.restore(plan, clock, saved)
    assert resumed.paused
    assert resumed.remaining() == 510


def test_a_sealed_rank_stays_sealed_after_a_restart(plan: SessionPlan, clock: MovingClock) -> None:
    run = PlanRun(plan, clock)
    for _ in range(4):
        run.next()
    run.back()
    resumed = PlanRun.restore(plan, clock, json.loads(json.dumps(run.save())))
    assert resumed.stage is plan.stages[2]
    assert not resumed.accepts(StageKind.RANK)


def test_a_changed_plan_is_not_resumed(plan: SessionPlan, clock: MovingClock) -> None:
    run = PlanRun(plan, clock)
    run.start()
    changed = load_plan_text(PLAN.replace("  - {kind: share, minutes: 20}\n", "")).plan
    assert changed is not None
    with pytest.raises(PlanStateError) as caught:
        PlanRun.restore(changed, clock, run.save())
    assert "The plan file has changed since this session started" in caught.value.message


@pytest.mark.parametrize(
    "change",
    [
        {"format": 2},
        {"index": 99},
        {"index": True},
        {"index": "1"},
        {"banked_seconds": -1},
        {"banked_seconds": float("nan")},
        {"banked_seconds": "5"},
        {"extra_seconds": 10**9},
        {"running_since": "yesterday"},
        {"running_since": "2026-03-04T10:00:00"},
        {"running_since": 5},
        {"sealed": [7]},
        {"sealed": "0"},
    ],
)
def test_a_damaged_save_gives_a_plain_error(
    plan: SessionPlan, clock: MovingClock, change: dict[str, Any]
) -> None:
    run = PlanRun(plan, clock)
    run.start()
    with pytest.raises(PlanStateError) as caught:
        PlanRun.restore(plan, clock, {**run.save(), **change})
    assert isinstance(caught.value, PlainError)
    assert caught.value.message == "The saved place in this plan could not be read."


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.text(max_size=10),
        st.dictionaries(
            st.sampled_from(
                [
                    "format",
                    "plan_id",
                    "stage_kinds",
                    "index",
                    "running_since",
                    "banked_seconds",
                    "extra_seconds",
                    "sealed",
                ]
            ),
            st.one_of(
                st.none(),
                st.integers(-3, 10),
                st.floats(),
                st.text(max_size=8),
                st.lists(st.integers(-1, 6)),
            ),
        ),
    )
)
def test_anything_saved_restores_or_gives_a_plain_error(data: object) -> None:
    plan = load_plan_text(PLAN).plan
    assert plan is not None
    try:
        PlanRun.restore(plan, MovingClock(), data)
    except PlanStateError as error:
        message = error.message
    else:
        message = "restored"
    assert message in {
        "restored",
        "The saved place in this plan could not be read.",
        "The plan file has changed since this session started, so its saved place can't "
        "be used. Start the plan again, or use the plan as it was.",
    }


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["next", "back", "pause", "resume", "wait", "add"]), max_size=30))
def test_any_moves_round_trip_and_never_accept_a_sealed_stage(moves: list[str]) -> None:
    plan = load_plan_text(PLAN).plan
    assert plan is not None
    clock = MovingClock()
    run = PlanRun(plan, clock)
    left: set[int] = set()
    for move in moves:
        before = run.progress.index
        if move == "wait":
            clock.wait(61.5)
        elif move == "add":
            run.add_minutes(1)
        else:
            getattr(run, move)()
        moved = run.progress.index != before and 0 <= before < len(plan.stages)
        if moved and plan.stages[before].kind in {StageKind.RANK, StageKind.POLL}:
            left.add(before)
        assert not any(run.is_open(index) for index in left)
        assert 0 <= run.remaining() <= 250 * 60
        again = PlanRun.restore(plan, clock, json.loads(json.dumps(run.save())))
        assert again.progress == run.progress
        assert again.remaining() == run.remaining()


def test_progress_is_plain_values() -> None:
    progress = PlanProgress("p", (StageKind.IDEAS,))
    with pytest.raises(AttributeError):
        progress.index = 3  # type: ignore[misc]
