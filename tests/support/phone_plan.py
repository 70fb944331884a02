"""The store side of a session plan, done as the facilitator's console does it.

``ConsoleSide`` moves a ``PlanRun`` on and, after every step, saves it with
``TinyDbPlanStore.save``; leaving an ``ideas`` stage stops the writing, entering a
``rank`` stage opens its round (``round_id_for`` its index) and leaving one closes
it — the shared contract every part follows. Before a ranking it shows every idea
that is waiting (the facilitator's moderation), and it can merge ideas.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from surveys.clock import Clock
from surveys.focus_group import FocusGroup
from surveys.idea_ranking import RankTally, Style
from surveys.ideas import Idea, IdeaStatus
from surveys.model import Question
from surveys.plan_model import SessionPlan, StageKind
from surveys.plan_progress import PlanRun
from surveys.plan_reader import load_plan_text
from surveys.plan_record import round_id_for
from surveys.polls import PollStatus, Tally
from surveys.storage import SessionInfo
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore

PLAN = """\
id: phone-focus
title: Ideas on phones
stages:
  - kind: ideas
    title: Writing ideas on your own
    minutes: 10
    prompt: What would make the most difference to you?
  - kind: share
    title: Hearing every idea
    minutes: 10
  - kind: merge
    title: Putting ideas together
    minutes: 10
  - kind: rank
    title: Choosing your top 3
    minutes: 10
    top: 3
    prompt: Which 3 ideas matter most to you? Put the most important first.
  - kind: results
    title: What the group chose
    minutes: 5
  - kind: rank
    title: Spending your dots
    minutes: 5
    dots: 10
    prompt: Put your dots on what we should do first.
  - kind: results
    title: What the group decided
    minutes: 5
  - kind: poll
    title: Before you go
    minutes: 3
    poll:
      id: heard
      kind: single
      text: How much did you feel heard today?
      options: [A lot, Some of the time, Not much]
"""
"""Ideas, share, merge, top 3, results, 10 dots, results, a poll."""

IDEAS, SHARE, MERGE, TOP3, RESULTS, DOTS, DECIDED, POLL = range(8)


def focus_plan(text: str = PLAN) -> SessionPlan:
    """The test plan, read by the real checker."""
    result = load_plan_text(text)
    assert result.plan is not None, result.problems
    return result.plan


class ConsoleSide:
    """A console's plan and focus group, over real stores under ``root``."""

    def __init__(
        self, root: Path, session: SessionInfo, clock: Clock, plan: SessionPlan | None = None
    ) -> None:
        self.session = session
        self.plans = TinyDbPlanStore(root)
        self.focus = FocusGroup(TinyDbIdeaStore(root), session)
        self.tallies = TinyDbTallyStore(root)
        self.run = PlanRun(plan or focus_plan(), clock)

    @property
    def polls(self) -> tuple[Question, ...]:
        """The plan's polls, for the phone page."""
        return tuple(stage.poll for stage in self.run.plan.stages if stage.poll is not None)

    @property
    def index(self) -> int:
        return self.run.progress.index

    def round_id(self, index: int | None = None) -> str:
        return round_id_for(self.index if index is None else index)

    def round(self, index: int | None = None) -> RankTally:
        return self.focus.round(self.round_id(index))

    def start(self) -> None:
        self.run.start()
        self.plans.save(self.session, self.run)

    def next(self) -> None:
        """Move on one stage, doing what leaving and entering it asks of the store."""
        leaving = self.run.stage
        if leaving is not None and leaving.kind is StageKind.IDEAS:
            self.focus.stop_writing()
        if leaving is not None and leaving.kind is StageKind.RANK:
            self.focus.close_ranking(self.round_id())
        if leaving is not None and leaving.poll is not None:
            self.tallies.change(self.session, leaving.poll.id, _status(PollStatus.CLOSED))
        self.run.next()
        entering = self.run.stage
        if entering is not None and entering.kind is StageKind.RANK and entering.rank:
            self.show_waiting_ideas()
            style = Style.DOTS if entering.rank.dots else Style.TOP
            size = entering.rank.dots or entering.rank.top or 3
            self.focus.open_ranking(self.round_id(), style, size)
        if entering is not None and entering.poll is not None:
            self.tallies.change(self.session, entering.poll.id, _status(PollStatus.OPEN))
        self.plans.save(self.session, self.run)

    def go_to(self, index: int) -> None:
        while self.index < index:
            self.next()

    def show_waiting_ideas(self) -> None:
        for idea in self.focus.pool.held():
            self.focus.moderate(idea.id, IdeaStatus.SHOWN)

    def merge(self, texts: list[str], wording: str) -> Idea:
        """Combine the shown ideas with these words into one."""
        self.show_waiting_ideas()
        ids = [idea.id for idea in self.focus.pool.in_play() if idea.text in texts]
        assert len(ids) == len(texts), (texts, [i.text for i in self.focus.pool.in_play()])
        return self.focus.merge(ids, wording)

    def ids_by_words(self, index: int | None = None) -> dict[str, str]:
        """The ballot's ideas by their words (a combined idea by its new words)."""
        pool = self.focus.pool
        return {pool.find(i).text: i for i in self.round(index).candidates}


def _status(status: PollStatus) -> Callable[[Tally], None]:
    def change(tally: Tally) -> None:
        tally.status = status

    return change
