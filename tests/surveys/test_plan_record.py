"""A running plan's place, kept with the session: a new console (or the phone page,
or the shared screen in another process) reads back the same stage, its timer and
whether it takes input, straight from the session file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from surveys.clock import FixedClock
from surveys.plan_model import StageKind
from surveys.plan_progress import PlanRun
from surveys.plan_reader import load_plan
from surveys.plan_record import PlanOutline, StageNow, round_id_for
from surveys.plan_templates import plan_path
from surveys.storage import SessionInfo
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore

START = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)
SESSION = SessionInfo("s-plan", "2026-03-04")


def _plan():  # type: ignore[no-untyped-def]
    result = load_plan(plan_path("priority-setting"))
    assert result.plan is not None
    return result.plan


def test_a_new_console_resumes_at_the_saved_stage_with_its_timer(tmp_path: Path) -> None:
    plan, clock = _plan(), FixedClock(START)
    run = PlanRun(plan, clock)
    run.start()
    run.next()  # share
    run.next()  # merge
    run.next()  # rank
    TinyDbPlanStore(tmp_path).save(SESSION, run)

    clock.moment = START + dt.timedelta(minutes=4)
    again = PlanRun.restore(plan, clock, TinyDbPlanStore(tmp_path).progress(SESSION.id))
    assert again.stage is not None
    assert again.stage.kind is StageKind.RANK
    assert again.remaining() == 6 * 60
    assert again.accepts(StageKind.RANK)


def test_other_parts_read_the_stage_now_and_whether_it_takes_input(tmp_path: Path) -> None:
    plan, clock = _plan(), FixedClock(START)
    run = PlanRun(plan, clock)
    store = TinyDbPlanStore(tmp_path)
    store.save(SESSION, run)
    assert store.now(SESSION.id) is None  # not started: nothing is taken in

    run.start()
    store.save(SESSION, run)
    now = store.now(SESSION.id)
    assert now is not None
    assert now.accepts(StageKind.IDEAS)
    assert not now.accepts(StageKind.RANK)
    assert now.prompt == plan.stages[0].prompt
    assert now.remaining(START + dt.timedelta(minutes=3)) == 7 * 60

    for _ in range(3):
        run.next()
    store.save(SESSION, run)
    rank = store.now(SESSION.id)
    assert rank is not None
    assert rank.top == 5
    assert rank.round_id == round_id_for(3)
    run.next()  # results: the ranking closed for good
    run.back()
    store.save(SESSION, run)
    again = store.now(SESSION.id)
    assert again is not None
    assert again.kind is StageKind.RANK
    assert not again.open


def test_the_plan_outline_is_kept_for_the_export(tmp_path: Path) -> None:
    plan = _plan()
    run = PlanRun(plan, FixedClock(START))
    run.start()
    store = TinyDbPlanStore(tmp_path)
    store.save(SESSION, run)
    outline = store.outline(SESSION.id)
    assert outline == PlanOutline.of(plan)
    assert [s.kind for s in outline.stages] == list(plan.stage_kinds)


def test_a_damaged_stage_record_takes_nothing_in() -> None:
    assert StageNow.from_dict({"index": "x"}) is None
    assert StageNow.from_dict(None) is None
    broken = {"index": 0, "count": 2, "kind": "ideas", "title": "t", "open": "yes"}
    now = StageNow.from_dict(broken)
    assert now is not None
    assert not now.open
