"""The plan console stays quick with a long queue of ideas.

The console runs headless (``run_test``, 80x24) on real storage, on the built-in
"Priority setting" plan, in its first stage (ideas), with ``IDEAS`` ideas in the
moderation queue. Each sample changes one idea as a phone or the facilitator
would (untimed: show or hold it, through ``FocusGroup``), then times the redraw
the console does on a change: read the pool from ``session.json`` (unlocking each
idea), rebuild the queue and the counts, and paint (``refresh_view`` and a
``pilot.pause``). Also timed: the redraw of a timer tick (nothing else changed).
Timed as the process's CPU time (``time.process_time``), because the pause also
sleeps while it waits for the app to go idle; the CPU time is the work the
console does, on an event loop that has nothing else to do meanwhile. The wall
clock time of ``refresh_view`` alone (reading the pool and rebuilding what
changed, before the paint) is printed beside it.

Baseline, measured in the same run: the same with ``BASELINE_IDEAS`` ideas.
Goal: the redraw with 200 ideas ≤ 50 ms median.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import table
from kiosk.facilitator.app import make_app
from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.facilitator.screens.plan_console_screen import PlanConsoleScreen
from surveys.clock import SystemClock
from surveys.focus_group import FocusGroup
from surveys.ideas import IdeaStatus
from surveys.plan_reader import load_plan
from surveys.plan_templates import plan_path
from surveys.poll_files import PollSet
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore

IDEAS = 200
BASELINE_IDEAS = 10
SAMPLES = 30
GOAL_MS = 50.0


async def _redraws(home: Path, count: int) -> tuple[list[float], list[float], list[float]]:
    """(redraw after a change, its ``refresh_view`` alone by the wall clock, redraw of
    a timer tick), in ms, with ``count`` ideas."""
    from textual.widgets import Input

    plan = load_plan(plan_path("priority-setting")).plan
    assert plan is not None
    sessions = home / "sessions"
    ideas = TinyDbIdeaStore(sessions)
    services = FacilitatorServices(
        store=TinyDbTallyStore(sessions),
        clock=SystemClock(),
        home=home,
        ideas=ideas,
        plans=TinyDbPlanStore(sessions),
    )
    polls = PollSet(plan.id, plan.title, tuple(s.poll for s in plan.stages if s.poll))
    app = make_app(services, [polls], unlocked=True, poll_seconds=60.0, plan=plan)
    changes: list[float] = []
    walls: list[float] = []
    ticks: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Bench"
        await pilot.click("#start")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        live = app.live
        assert live is not None
        group = FocusGroup(ideas, live.session)

        def add_all(pool: object) -> None:
            from surveys.ideas import IdeaPool, add_idea

            assert isinstance(pool, IdeaPool)
            for number in range(count):
                add_idea(pool, f"Idea {number}: something that would make a real difference")

        ideas.change_pool(live.session, add_all)
        screen = app.screen
        assert isinstance(screen, PlanConsoleScreen)
        refresh = screen.refresh_view
        refresh()
        await pilot.pause()
        first = group.pool.ideas[0].id
        for number in range(SAMPLES):
            status = IdeaStatus.SHOWN if number % 2 == 0 else IdeaStatus.HELD
            group.moderate(first, status)
            began, wall = time.process_time(), time.perf_counter()
            refresh()
            walls.append((time.perf_counter() - wall) * 1000)
            await pilot.pause()
            changes.append((time.process_time() - began) * 1000)
            began = time.process_time()
            screen.tick()
            await pilot.pause()
            ticks.append((time.process_time() - began) * 1000)
    return changes, walls, ticks


def _measure(count: int) -> tuple[float, float, float, float]:
    home = Path(tempfile.mkdtemp(prefix="bench-plan-console-"))
    try:
        changes, walls, ticks = asyncio.run(_redraws(home, count))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    median = statistics.median
    return median(changes), max(changes), median(walls), median(ticks)


def run() -> list[str]:
    """Measure and return the lines to print."""
    base = _measure(BASELINE_IDEAS)
    full = _measure(IDEAS)
    rows = [
        [f"{BASELINE_IDEAS} ideas (baseline)", *base],
        [f"{IDEAS} ideas", *full],
    ]
    met = "met" if full[0] <= GOAL_MS else "NOT met"
    return [
        f"Plan console redraw (80x24, ideas stage, {SAMPLES} samples each; ms of CPU time, "
        "except refresh_view by the wall clock):",
        "",
        *table(
            [
                "queue",
                "change: median",
                "change: slowest",
                "refresh_view wall: median",
                "timer tick: median",
            ],
            rows,
        ),
        "",
        f"Redraw after a change with {IDEAS} ideas: median {full[0]:.1f} ms, "
        f"{full[0] / base[0]:.1f}× the {BASELINE_IDEAS}-idea baseline; "
        f"goal ≤ {GOAL_MS:.0f} ms: {met}.",
    ]
