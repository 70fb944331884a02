"""A session plan run from the console: each step, saved, and the store put in line.

``PlanSteps`` joins the plan's progress (``PlanRun``), the session's ideas and
rankings (``FocusGroup``), its live polls (``Facilitation``) and where the plan
stands for other processes (``TinyDbPlanStore``). After EVERY step the facilitator
takes, the progress is saved first (so a phone asking "what stage is it?" is told
at once) and then the store is put in line with the stage (``settle``):

- once the session has moved past the first ``ideas`` stage, writing stops;
- the current ``rank`` stage's round is open (when it still takes votes), every
  other round that is open is closed (so its results may be shown);
- the current ``poll`` stage's poll is open, every other open poll is closed.

``settle`` only does what is still missing, so running it again after a restart
(even one that came between the save and the store change) finishes the step.
No Textual here: the screen calls these and redraws.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveys.clock import Clock
from surveys.errors import PlainError
from surveys.facilitation import Facilitation
from surveys.focus_group import FocusGroup
from surveys.idea_ranking import RankResults, RankTally, Style
from surveys.plan_model import PlanStage, SessionPlan, StageKind
from surveys.plan_progress import PlanRun
from surveys.plan_record import round_id_for
from surveys.polls import PollStatus, RevealError
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore

RANK_NOT_OPEN = "The ranking could not open: {reason}"
RANK_NEEDS_IDEAS = (
    "The ranking needs at least two ideas on the list. Go back to the writing stage "
    "(press B) and show some ideas first (S, or A for all)."
)


@dataclass(frozen=True, slots=True)
class StageResults:
    """What a results stage shows: a closed round's results, or why there are none."""

    round_id: str | None
    results: RankResults | None
    style: Style | None
    note: str = ""


class PlanSteps:
    """The plan being run by this console, and the session it runs in."""

    def __init__(
        self,
        plan: SessionPlan,
        run: PlanRun,
        live: Facilitation,
        group: FocusGroup,
        plans: TinyDbPlanStore,
    ) -> None:
        self.plan = plan
        self.run = run
        self.live = live
        self.group = group
        self.plans = plans
        self.problem = ""
        """Plain words about the last step's store side that didn't work ("" when fine)."""

    @classmethod
    def begin(
        cls,
        plan: SessionPlan,
        clock: Clock,
        live: Facilitation,
        group: FocusGroup,
        plans: TinyDbPlanStore,
    ) -> PlanSteps:
        """The plan in this session: resumed at its stage and timer when it has run
        before (``PlanStateError`` when the plan file has changed since), else new."""
        saved = plans.progress(live.session.id)
        run = PlanRun(plan, clock) if saved is None else PlanRun.restore(plan, clock, saved)
        steps = cls(plan, run, live, group, plans)
        if saved is not None:
            steps.settle()
        return steps

    # -- where the plan is -----------------------------------------------------------

    @property
    def stage(self) -> PlanStage | None:
        """The stage on now (None before the start and after the end)."""
        return self.run.stage

    @property
    def index(self) -> int:
        """The current stage's place (-1 before the start, ``len`` once finished)."""
        return self.run.progress.index

    def rank_tally(self, index: int | None = None) -> RankTally:
        """The ranking round of the stage at ``index`` (the current one by default)."""
        return self.group.round(round_id_for(self.index if index is None else index))

    def leaving_closes_votes(self) -> bool:
        """True when moving on (or back) would close the current ranking for good."""
        stage = self.stage
        return (
            stage is not None
            and stage.kind is StageKind.RANK
            and self.run.is_open(self.index)
            and self.rank_tally().status is PollStatus.OPEN
        )

    def blocked(self, target: int) -> str:
        """Why moving to stage ``target`` should wait ("" when it can go ahead).

        A ranking can only open over two or more ideas, and leaving it closes it
        for good, so the console doesn't go into one that couldn't open.
        """
        stages = self.plan.stages
        if not 0 <= target < len(stages) or stages[target].kind is not StageKind.RANK:
            return ""
        if target in self.run.progress.sealed:
            return ""
        if self.rank_tally(target).status is not PollStatus.WAITING:
            return ""
        return RANK_NEEDS_IDEAS if len(self.group.pool.in_play()) < 2 else ""

    def results(self) -> StageResults:
        """For a results stage: the latest rank stage before it, counted (if closed)."""
        before = [
            i
            for i, stage in enumerate(self.plan.stages[: max(self.index, 0)])
            if stage.kind is StageKind.RANK
        ]
        if not before:
            return StageResults(None, None, None)
        index = before[-1]
        rule = self.plan.stages[index].rank
        top = rule.top if rule is not None and rule.top else 3
        round_id = round_id_for(index)
        tally = self.group.round(round_id)
        if tally.status is PollStatus.WAITING:
            return StageResults(round_id, None, None, "That ranking never opened.")
        try:
            found = self.group.results(round_id, top)
        except RevealError as hidden:
            return StageResults(round_id, None, tally.style, hidden.message)
        return StageResults(round_id, found, tally.style)

    # -- the facilitator's steps ---------------------------------------------------------

    def start(self) -> None:
        """Begin the first stage."""
        self.run.start()
        self._saved()

    def pause_or_resume(self) -> None:
        """Stop the timer, or start it again (starts the plan if it hasn't begun)."""
        if not self.run.started:
            self.run.start()
        elif self.run.paused:
            self.run.resume()
        else:
            self.run.pause()
        self._saved()

    def add_minute(self) -> None:
        """One more minute on the current stage's timer."""
        self.run.add_minutes(1)
        self._saved()

    def next(self) -> None:
        """On to the next stage (or finish after the last)."""
        self.run.next()
        self._saved()

    def back(self) -> None:
        """Back to the stage before (a fresh timer)."""
        self.run.back()
        self._saved()

    def _saved(self) -> None:
        self.plans.save(self.live.session, self.run)
        self.settle()

    # -- the store side ---------------------------------------------------------------

    def settle(self) -> None:
        """Put the ideas, rounds and polls in line with the stage (only what is missing)."""
        self.problem = ""
        current = self.index
        stages = self.plan.stages
        first_ideas = next((i for i, s in enumerate(stages) if s.kind is StageKind.IDEAS), None)
        here = stages[current] if 0 <= current < len(stages) else None
        if (
            first_ideas is not None
            and current > first_ideas
            and (here is None or here.kind is not StageKind.IDEAS)
            and self.group.pool.collecting
        ):
            self.group.stop_writing()
        for i, stage in enumerate(stages):
            if stage.kind is StageKind.RANK:
                self._settle_round(i, stage, here=i == current)
            elif stage.kind is StageKind.POLL and stage.poll is not None:
                self._settle_poll(i, stage.poll.id, here=i == current)

    def _settle_round(self, index: int, stage: PlanStage, *, here: bool) -> None:
        round_id = round_id_for(index)
        status = self.group.round(round_id).status
        if here and self.run.is_open(index) and status is PollStatus.WAITING:
            rule = stage.rank
            style = Style.DOTS if rule is not None and rule.dots else Style.TOP
            size = (rule.dots if style is Style.DOTS else rule.top) if rule is not None else None
            try:
                self.group.open_ranking(round_id, style, size or 3)
            except PlainError as refused:
                self.problem = RANK_NOT_OPEN.format(reason=refused.message)
        elif not (here and self.run.is_open(index)) and status is PollStatus.OPEN:
            self.group.close_ranking(round_id)

    def _settle_poll(self, index: int, poll_id: str, *, here: bool) -> None:
        live = self.live
        live.refresh()
        status = live.tally(poll_id).status
        if here and self.run.is_open(index) and status is PollStatus.WAITING:
            live.open(poll_id)
        elif not (here and self.run.is_open(index)) and status is PollStatus.OPEN:
            live.close(poll_id)
