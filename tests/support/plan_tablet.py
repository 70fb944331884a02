"""Helpers for the passed tablet during a focus-group plan: a console with a session,
the plan's state saved as the console saves it, and the steps a person takes."""

from __future__ import annotations

from dataclasses import dataclass

from textual.pilot import Pilot

from kiosk.facilitator.screens.ballot_screen import BallotScreen, DotRow, TopRow
from surveys.focus_group import FocusGroup
from surveys.idea_ranking import RankTally, Style
from surveys.ideas import IdeaStatus
from surveys.plan_model import SessionPlan
from surveys.plan_progress import PlanRun
from surveys.plan_reader import load_plan_text
from surveys.plan_record import round_id_for
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from tests.support.facilitator import Facilitator, press, settle

PROMPT = "What would make the most difference to you?"
PLAN = f"""\
id: tablet-test
title: What matters most to us?
stages:
  - kind: ideas
    minutes: 10
    prompt: {PROMPT}
  - kind: share
    minutes: 5
  - kind: rank
    minutes: 5
    top: 3
  - kind: results
    minutes: 5
  - kind: rank
    minutes: 5
    dots: 4
  - kind: results
    minutes: 5
"""
TOP_STAGE = 2
DOTS_STAGE = 4
IDEAS = ("More evening sessions", "A quieter waiting room", "Peer support group", "Clear letters")


def test_plan() -> SessionPlan:
    """The plan above: ideas, share, a top-3 ranking, results, a 4-dot ranking, results."""
    result = load_plan_text(PLAN)
    assert result.plan is not None, [p.describe() for p in result.problems]
    return result.plan


@dataclass
class RunningPlan:
    """The console's side of a plan, done by hand as the console does it."""

    console: Facilitator
    run: PlanRun
    focus: FocusGroup
    plans: TinyDbPlanStore

    def save(self) -> None:
        """What the console does after every step."""
        live = self.console.app.live
        assert live is not None
        self.plans.save(live.session, self.run)

    def move_to(self, index: int) -> None:
        """Move the plan on to stage ``index``, doing the store side as the console does."""
        while self.run.progress.index < index:
            stage = self.run.stage
            assert stage is not None
            if stage.kind.value == "ideas":
                self.focus.stop_writing()
                for idea in self.focus.pool.ideas:
                    self.focus.moderate(idea.id, IdeaStatus.SHOWN)
            if stage.kind.value == "rank":
                self.focus.close_ranking(round_id_for(self.run.progress.index))
            self.run.next()
            entered = self.run.stage
            assert entered is not None
            if entered.kind.value == "rank" and entered.rank is not None:
                style = Style.TOP if entered.rank.top else Style.DOTS
                size = entered.rank.top or entered.rank.dots or 0
                self.focus.open_ranking(round_id_for(self.run.progress.index), style, size)
        self.save()

    def round(self, index: int) -> RankTally:
        """A ranking round as stored now."""
        return self.focus.round(round_id_for(index))

    def idea_id(self, words: str) -> str:
        """The id of the idea with these words."""
        return next(i.id for i in self.focus.pool.ideas if i.text == words)


def plan_running(console: Facilitator, *, with_ideas: bool = False) -> RunningPlan:
    """Start the plan for the console's session (its first stage: writing ideas) and
    let the console's pass-the-tablet follow it. ``with_ideas`` puts ``IDEAS`` in."""
    live = console.app.live
    assert live is not None, "start a session first"
    sessions = console.home / "sessions"
    focus = FocusGroup(TinyDbIdeaStore(sessions), live.session, console.audit)
    plans = TinyDbPlanStore(sessions)
    run = PlanRun(test_plan(), console.services.clock)
    run.start()
    running = RunningPlan(console, run, focus, plans)
    running.save()
    if with_ideas:
        for words in IDEAS:
            focus.add(words)
    console.app.tablet.follow_plan(focus, plans)
    return running


def points(tally: RankTally) -> dict[str, int]:
    """Each idea's points (or dots) over every group."""
    total: dict[str, int] = {}
    for counter in tally.points.values():
        for idea_id, n in counter.items():
            total[idea_id] = total.get(idea_id, 0) + n
    return total


def _row_for(pilot: Pilot[object], words: str) -> TopRow | DotRow:
    screen = pilot.app.screen
    assert isinstance(screen, BallotScreen)
    for row in screen.rows():
        if isinstance(row, TopRow | DotRow) and row.words == words:
            return row
    raise AssertionError(f"no idea {words!r} on the ballot")


async def show_idea(pilot: Pilot[object], words: str) -> TopRow | DotRow:
    """Turn the ballot's pages (with "More ideas" or "Earlier ideas") to the idea's page."""
    row = _row_for(pilot, words)
    screen = pilot.app.screen
    assert isinstance(screen, BallotScreen)
    for _ in range(len(screen.pages) * 2):
        if row.display:
            return row
        page = next(n for n, shown in enumerate(screen.pages) if row in shown)
        await pilot.click("#page-more" if page > screen.page else "#page-earlier")
        await settle(pilot)
    assert row.display
    return row


async def choose(pilot: Pilot[object], words: str) -> None:
    """Tap an idea on a top-k ballot."""
    row = await show_idea(pilot, words)
    await pilot.click(f"#{row.id}")
    await settle(pilot)


async def dot(pilot: Pilot[object], words: str, change: str = "more", times: int = 1) -> None:
    """Tap + (``more``) or − (``less``) on an idea's row, ``times`` times."""
    row = await show_idea(pilot, words)
    assert isinstance(row, DotRow)
    for _ in range(times):
        await pilot.click(f"#{change}-{row.index}")
        await settle(pilot)


async def ready(pilot: Pilot[object], group: str | None = "2") -> None:
    """I'm ready, then say a group (a digit) or skip it."""
    await press(pilot, "enter")
    if group is None:
        await press(pilot, "f3")
    else:
        await press(pilot, group, "enter")
