"""A session plan run as the console runs it, for the shared screen's tests.

``PlanRoom`` writes everything through the real stores a console uses (the poll
session with its room, ``TinyDbPlanStore`` after every step, ``FocusGroup`` for
ideas and rankings) into a real session folder, and does the store side of each
step as the shared contract says: leaving an ideas stage stops writing, entering a
rank stage opens its round, leaving it closes the round. The shared screen is a
separate ``PresentationApp`` that only reads that folder.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.facilitator.presentation_app import PresentationApp, plan_poll_set
from surveys.clock import FixedClock
from surveys.facilitation import Facilitation
from surveys.focus_group import FocusGroup
from surveys.idea_ranking import Style
from surveys.ideas import IdeaStatus
from surveys.plan_model import SessionPlan, StageKind
from surveys.plan_progress import PlanRun
from surveys.plan_reader import load_plan_text
from surveys.plan_record import round_id_for
from surveys.polls import Room
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.support.facilitator import NOW, TODAY

PLAN = """\
id: what-matters
title: What matters most to us?
stages:
  - kind: ideas
    minutes: 5
    prompt: What would make the most difference to you?
  - kind: talk
    minutes: 2
    prompt: Talk about your ideas in pairs.
  - kind: share
    minutes: 10
  - kind: merge
    minutes: 5
  - kind: rank
    minutes: 5
    top: 3
  - kind: results
    minutes: 5
  - kind: poll
    minutes: 3
    poll:
      id: heard
      kind: single
      text: How much did you feel heard today?
      options: [A lot, Some of the time, Not much, Not at all]
"""

HARVEST_PLAN = """\
id: one-two-four
title: Ideas in fours
stages:
  - kind: ideas
    minutes: 2
    prompt: What would help most?
  - kind: results
    minutes: 5
"""

DOTS_PLAN = """\
id: dots
title: What first?
stages:
  - kind: ideas
    minutes: 5
    prompt: What would help most?
  - kind: share
    minutes: 5
  - kind: rank
    minutes: 5
    dots: 3
  - kind: results
    minutes: 5
"""

GROUPS = {"lived": 6, "carer": 6, "clinician": 2}


def plan_of(text: str = PLAN) -> SessionPlan:
    """A checked plan from YAML text."""
    result = load_plan_text(text)
    assert result.plan is not None, [p.describe() for p in result.problems]
    return result.plan


class PlanRoom:
    """The console's side of a running plan, in a real session folder under ``home``."""

    def __init__(
        self,
        home: Path,
        plan: SessionPlan,
        clock: FixedClock,
        groups: dict[str, int] | None = None,
    ) -> None:
        root = home / "sessions"
        self.plan = plan
        self.clock = clock
        groups = GROUPS if groups is None else groups
        room = Room("Tuesday group", TODAY, sum(groups.values()), groups)
        self.live = Facilitation.start(TinyDbTallyStore(root), plan_poll_set(plan), room)
        self.session = self.live.session
        self.plans = TinyDbPlanStore(root)
        self.group = FocusGroup(TinyDbIdeaStore(root), self.session)
        self.run = PlanRun(plan, clock)
        self.plans.save(self.session, self.run)

    def step(self) -> None:
        """The facilitator's Next, with the store side of leaving and entering stages."""
        leaving = self.run.stage
        index = self.run.progress.index
        if leaving is not None and leaving.kind is StageKind.IDEAS:
            self.group.stop_writing()
        if leaving is not None and leaving.kind is StageKind.RANK:
            self.group.close_ranking(round_id_for(index))
        self.run.next()
        entering = self.run.stage
        if entering is not None and entering.kind is StageKind.RANK and entering.rank:
            rule = entering.rank
            style, size = (Style.TOP, rule.top) if rule.top else (Style.DOTS, rule.dots or 3)
            self.group.open_ranking(round_id_for(self.run.progress.index), style, size)
        self.plans.save(self.session, self.run)

    def go_to(self, kind: StageKind) -> None:
        """Step on until the stage now is a ``kind`` stage."""
        while self.run.stage is None or self.run.stage.kind is not kind:
            self.step()

    def round_now(self) -> str:
        """The ranking round (or poll) of the stage now."""
        return round_id_for(self.run.progress.index)

    def save(self) -> None:
        """Keep the run's place (after a pause, a resume or added time)."""
        self.plans.save(self.session, self.run)

    def show_all(self) -> None:
        """The facilitator shows every idea waiting."""
        for idea in self.group.pool.held():
            self.group.moderate(idea.id, IdeaStatus.SHOWN)

    def write(self, *ideas: str) -> None:
        """Ideas from phones or the tablet (all from people with lived experience)."""
        for words in ideas:
            self.group.add(words, "lived")

    def idea_id(self, words: str) -> str:
        """The id of the idea with these words (the console can read them)."""
        return next(i.id for i in self.group.pool.ideas if i.text == words)


def presenter(home: Path, plan: SessionPlan, clock: FixedClock) -> PresentationApp:
    """The shared screen following ``plan``, as ``kiosk facilitate PLAN.yaml --present``."""
    store = TinyDbTallyStore(home / "sessions")
    services = FacilitatorServices(store=store, clock=clock, home=home)
    return PresentationApp(services, [], plan=plan, poll_seconds=0.05, find_seconds=0.1)


def fixed_clock() -> FixedClock:
    """A clock at the tests' usual moment (move ``.moment`` on to pass time)."""
    return FixedClock(NOW)
