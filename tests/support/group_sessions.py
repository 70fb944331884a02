"""A focus-group session on real TinyDB files, as the console leaves it, for export tests.

``GroupSession`` runs the built-in "Priority setting" plan's store side: the plan
saved after each step (``TinyDbPlanStore``), ideas in through ``FocusGroup`` with
the coordinator's sealer, shown, merged, a ranking opened, ballots cast, closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from surveys.clock import FixedClock
from surveys.focus_group import FocusGroup
from surveys.idea_ranking import Style
from surveys.ideas import IdeaStatus
from surveys.plan_progress import PlanRun
from surveys.plan_reader import load_plan
from surveys.plan_record import round_id_for
from surveys.plan_templates import plan_path
from surveys.sealing import Sealer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_tallies import SessionKeys

FIRST_RANK = round_id_for(3)
"""The "Priority setting" plan's first rank stage ("Choosing your top 5")."""
SECOND_RANK = round_id_for(6)


@dataclass
class GroupSession:
    """One focus group under ``root`` (the store's sessions folder)."""

    root: Path
    sealer: Sealer | None
    session: SessionInfo
    runtime: Path
    ids: dict[str, str] = field(default_factory=dict)
    """A short name of each idea → its id (after writing stopped)."""

    @property
    def room(self) -> FocusGroup:
        return FocusGroup(
            TinyDbIdeaStore(self.root, self.sealer, SessionKeys(self.runtime)), self.session
        )

    def start_plan(self) -> None:
        plan = load_plan(plan_path("priority-setting")).plan
        assert plan is not None
        run = PlanRun(plan, FixedClock(dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC)))
        run.start()
        TinyDbPlanStore(self.root).save(self.session, run)

    def write(self, ideas: Mapping[str, tuple[str, str]]) -> None:
        """``ideas``: short name → (words, writer's group); all shown, then writing stops."""
        room = self.room
        for words, group in ideas.values():
            room.add(words, group)
        for idea in room.pool.ideas:
            room.moderate(idea.id, IdeaStatus.SHOWN)
        room.stop_writing()
        by_words = {idea.text: idea.id for idea in room.pool.ideas}
        self.ids = {name: by_words[" ".join(words.split())] for name, (words, _) in ideas.items()}

    def merge(self, names: Sequence[str], wording: str, as_name: str) -> None:
        combined = self.room.merge([self.ids[n] for n in names], wording)
        self.ids[as_name] = combined.id

    def rank(
        self,
        ballots: Sequence[tuple[str, str, int]],
        *,
        round_id: str = FIRST_RANK,
        size: int = 3,
        close: bool = True,
        style: Style = Style.TOP,
    ) -> None:
        """``ballots``: (group, order as names joined by ",", how many such ballots)."""
        room = self.room
        if room.round(round_id).status.value == "waiting":
            room.open_ranking(round_id, style, size)
        for group, order, times in ballots:
            for _ in range(times):
                self.cast(group, order, round_id=round_id)
        if close:
            room.close_ranking(round_id)

    def cast(self, group: str, order: str, *, round_id: str = FIRST_RANK) -> None:
        self.room.cast(round_id, [self.ids[n] for n in order.split(",")], group)


def group_session(
    root: Path, sealer: Sealer | None, runtime: Path, date: str = "2026-03-12"
) -> GroupSession:
    """A new focus-group session with the "Priority setting" plan started."""
    made = GroupSession(root, sealer, SessionInfo.new(date), runtime)
    made.start_plan()
    return made
