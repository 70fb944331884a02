"""Session plans: the stages of a focus group, in order, each with its own timer.

A plan is written once (``surveys.plan_reader`` reads and checks the YAML file) and
never changed while it runs; how far a session has got through it is kept apart, in
``surveys.plan_progress``. The stage kinds follow the Nominal Group Technique (ideas,
share, merge, rank, results), with ``talk`` for timed conversations such as the pairs
and fours of 1-2-4-All, and ``poll`` for an ordinary live poll in between.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from surveys.model import Question, Translation


class StageKind(StrEnum):
    """What happens in a stage, as written after ``kind:`` in a plan file."""

    IDEAS = "ideas"
    """Silent writing: everyone writes ideas in answer to the prompt, on their own."""
    TALK = "talk"
    """A timed conversation (in pairs, in fours): nothing is typed in."""
    SHARE = "share"
    """Round-robin: the ideas are shown one at a time, so each one is heard."""
    MERGE = "merge"
    """Clarify and group: ideas that say the same thing are combined, with a record."""
    RANK = "rank"
    """A secret ranking of the ideas: a top few in order, or a number of dots."""
    RESULTS = "results"
    """What the group decided: the ranking, or the list of ideas when nothing was ranked."""
    POLL = "poll"
    """An ordinary live poll, written in the poll file format."""


DEFAULT_TITLES = {
    StageKind.IDEAS: "Writing ideas",
    StageKind.TALK: "Talking together",
    StageKind.SHARE: "Sharing ideas",
    StageKind.MERGE: "Grouping ideas",
    StageKind.RANK: "Choosing what matters most",
    StageKind.RESULTS: "What the group decided",
    StageKind.POLL: "A quick poll",
}
"""The heading a stage gets when its plan gives it no ``title``."""

MIN_MINUTES = 1
MAX_MINUTES = 120
"""A stage's timer runs for 1 to 120 whole minutes (two hours is long enough for any stage)."""
MAX_TOP = 10
"""The most ideas anyone is asked to put in order."""
ADVISED_TOP = 5
"""Above this, the checker advises a smaller number: the NGT asks for a top 5 at most."""
MAX_DOTS = 20
"""The most dots one person can spend."""
LONG_PLAN_MINUTES = 180
"""A plan longer than this gets advice to build in breaks."""


@dataclass(frozen=True, slots=True)
class RankRule:
    """How people rank: their ``top`` few in order, or ``dots`` to spread (one is set)."""

    top: int | None = None
    dots: int | None = None


@dataclass(frozen=True, slots=True)
class PlanStage:
    """One step of a session, with its timer."""

    kind: StageKind
    minutes: int
    title: str
    """The heading on the shared screen (the kind's own words when the plan gives none)."""
    prompt: str | None = None
    """The question people answer (``ideas``, and optionally ``talk``, ``rank``, ``share``)."""
    guide: str | None = None
    """Words for the facilitator: what to say or do in this stage."""
    rank: RankRule | None = None
    """How people rank (``rank`` stages only)."""
    poll: Question | None = None
    """The poll asked (``poll`` stages only)."""
    line: int = 0
    """Where the stage is written in the plan file."""

    @property
    def seconds(self) -> int:
        """The timer's length in seconds."""
        return self.minutes * 60


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """A checked session plan: what it is called and its stages, in order."""

    id: str
    title: str
    stages: tuple[PlanStage, ...]
    about: str = ""
    """What the session is for, in a sentence or two."""
    translations: tuple[Translation, ...] = ()
    """The plan's words in other languages (``surveys.plan_translations``)."""

    @property
    def total_minutes(self) -> int:
        """How long the plan runs if every timer runs out once."""
        return sum(stage.minutes for stage in self.stages)

    @property
    def stage_kinds(self) -> tuple[StageKind, ...]:
        """The kind of each stage, in order (what a saved progress is checked against)."""
        return tuple(stage.kind for stage in self.stages)
