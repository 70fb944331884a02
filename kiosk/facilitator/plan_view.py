"""What the shared screen follows of a running session plan: read only, another process.

The console moves the plan and keeps its place with the session (``TinyDbPlanStore``);
the ideas and ranking rounds are in the same ``session.json`` (``TinyDbIdeaStore``).
``PlanView`` reads them again whenever the session file changes and keeps what the
projector may show: the stage now, the plan's outline, the idea pool and the
ranking rounds. Results come only from ``FocusGroup.results`` (the one disclosure
engine), and only for a round that is closed.

The idea store here gets a session key of its own, never the console's: an idea
still waiting for the facilitator can't be read by the shared screen at all. Only
the words of ideas the room has been shown are kept readable in the file.
"""

from __future__ import annotations

from pathlib import Path

from surveys.focus_group import FocusGroup
from surveys.idea_ranking import RankResults, RankTally, Style
from surveys.ideas import IdeaPool
from surveys.plan_model import StageKind
from surveys.plan_record import PlanOutline, StageNow, round_id_for
from surveys.polls import PollStatus
from surveys.storage import SessionInfo
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_tallies import SessionKeys


class PlanView:
    """One session's plan, ideas and rankings as last read from its file."""

    def __init__(self, root: Path, session: SessionInfo) -> None:
        self.session = session
        self.plans = TinyDbPlanStore(root)
        # A key of its own: words still held for moderation stay locked to this screen.
        self.group = FocusGroup(TinyDbIdeaStore(root, keys=SessionKeys()), session)
        self.now: StageNow | None = None
        self.outline: PlanOutline | None = None
        self.pool = IdeaPool()
        self.rounds: dict[str, RankTally] = {}
        self.results: RankResults | None = None
        """The results the current stage shows (a results stage after a closed round)."""
        self.finished = False
        """True once the facilitator has moved on from the last stage."""
        self.stale = True
        """True until a read has worked (the app tries again until one does)."""
        self.refresh()

    @property
    def running(self) -> bool:
        """True once the console has saved a plan for this session."""
        return self.outline is not None

    def refresh(self) -> None:
        """Read everything again (the app calls it when the session file changed).

        Everything is read first and kept only when all of it was read, so the
        screen never shows one stage with another stage's ideas or results.
        """
        self.stale = True
        outline = self.plans.outline(self.session.id)
        if outline is None:
            self.outline, self.stale = None, False  # a session of polls only
            return
        now = self.plans.now(self.session.id)
        progress = self.plans.progress(self.session.id)
        index = progress.get("index") if isinstance(progress, dict) else None
        pool = self.group.pool
        rounds = self.group.store.rounds(self.session.id)
        round_id = results_round(now, outline)
        tally = rounds.get(round_id) if round_id is not None else None
        results = None
        if tally is not None and tally.status is PollStatus.CLOSED:
            top = tally.size if tally.style is Style.TOP else 3
            results = self.group.results(tally.round_id, min(top, 3))
        self.outline, self.now, self.pool, self.rounds = outline, now, pool, rounds
        self.results = results
        self.finished = isinstance(index, int) and index >= len(outline.stages)
        self.stale = False

    def results_round(self) -> str | None:
        """The ranking round the current results stage shows (None for any other)."""
        return results_round(self.now, self.outline)

    def ranked(self) -> int:
        """How many ballots the current rank stage has counted (never what they say)."""
        now = self.now
        tally = self.rounds.get(now.round_id) if now is not None else None
        return tally.votes if tally is not None else 0

    def ideas_written(self) -> int:
        """How many ideas have come in (each person's own, not the combined ones)."""
        return sum(1 for idea in self.pool.ideas if not idea.combines)


def results_round(now: StageNow | None, outline: PlanOutline | None) -> str | None:
    """The ranking round a results stage shows: the last rank stage before it."""
    if now is None or now.kind is not StageKind.RESULTS or outline is None:
        return None
    for index in range(min(now.index, len(outline.stages)) - 1, -1, -1):
        if outline.stages[index].kind is StageKind.RANK:
            return round_id_for(index)
    return None
