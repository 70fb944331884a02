"""How far a session has got through its plan: the stage, and that stage's timer.

``PlanProgress`` is plain values, frozen, and saved to (and restored from) a
JSON-ready dict exactly, so a console that restarts resumes the plan at its stage
with its timer. ``PlanRun`` puts a plan, a progress and a clock together for the
console: start, pause, resume, add time, move on, go back, and ``accepts(kind)``
(the rule later stages use to refuse an idea or a vote that comes too late).

The rules, in plain words:

- A timer that runs out does not end the stage: "time's up" shows, and the
  facilitator moves on when the room is ready. Nobody is rushed.
- A stage takes ideas or votes only while it is the current stage, and only while
  the session is running (after ``start`` and before the last stage is finished).
  Pausing the timer (for a break) does not stop them.
- Moving on closes the stage. Going back to an ``ideas``, ``talk``, ``share`` or
  ``merge`` stage opens it again here; but the idea pool itself stops taking ideas
  for good once writing has stopped (``surveys.ideas.stop_collecting``: the ideas
  are shuffled and given new ids then, and a later idea would stand out).
  A ``rank`` or ``poll`` stage stays closed for good once the session has moved
  past it, because its results may have been seen: going back shows it, but it
  takes no more votes.
- The clock keeps running in real time while the console is away (the room did not
  stop); a clock that goes backwards never makes time appear.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import Any, TypeGuard

from surveys.clock import Clock
from surveys.errors import PlainError
from surveys.plan_model import PlanStage, SessionPlan, StageKind

FORMAT = 1
"""The version of the saved form, so a later change can still read an older save."""

MAX_EXTRA_SECONDS = 120 * 60
"""The most time that can be added to one stage's timer (another two hours)."""

_SEALED_FOR_GOOD = frozenset({StageKind.RANK, StageKind.POLL})
"""Stages whose votes are secret: once moved past, they never take votes again."""


class PlanStateError(PlainError, ValueError):
    """A saved progress that can't be used with this plan; ``message`` says why."""


@dataclass(frozen=True, slots=True)
class PlanProgress:
    """Where a session is in its plan (values only; see ``PlanRun`` for the rules)."""

    plan_id: str
    stage_kinds: tuple[StageKind, ...]
    """The plan's stage kinds when this was saved, so a changed plan is noticed."""
    index: int = -1
    """The current stage: -1 before the start, ``len(stages)`` once finished."""
    running_since: dt.datetime | None = None
    """When the current stage's timer last started or resumed; None while paused."""
    banked_seconds: float = 0.0
    """Time the current stage's timer ran before it last started or resumed."""
    extra_seconds: int = 0
    """Time added to the current stage's timer by the facilitator."""
    sealed: frozenset[int] = frozenset()
    """Stages that take no more input, ever (secret votes already moved past)."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy that ``from_dict`` turns back into an equal progress."""
        return {
            "format": FORMAT,
            "plan_id": self.plan_id,
            "stage_kinds": [kind.value for kind in self.stage_kinds],
            "index": self.index,
            "running_since": None if self.running_since is None else self.running_since.isoformat(),
            "banked_seconds": self.banked_seconds,
            "extra_seconds": self.extra_seconds,
            "sealed": sorted(self.sealed),
        }

    @classmethod
    def from_dict(cls, data: object, plan: SessionPlan) -> PlanProgress:
        """The saved progress, checked against the plan (``PlanStateError`` if it can't be used)."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise PlanStateError("The saved place in this plan could not be read.")
        plan_id, kinds = data.get("plan_id"), data.get("stage_kinds")
        if plan_id != plan.id or kinds != [kind.value for kind in plan.stage_kinds]:
            raise PlanStateError(
                "The plan file has changed since this session started, so its saved "
                "place can't be used. Start the plan again, or use the plan as it was."
            )
        index = data.get("index")
        banked = data.get("banked_seconds")
        extra = data.get("extra_seconds")
        sealed = data.get("sealed")
        count = len(plan.stages)
        if (
            not _whole(index, -1, count)
            or not isinstance(banked, int | float)
            or isinstance(banked, bool)
            or not math.isfinite(banked)
            or banked < 0
            or not _whole(extra, 0, MAX_EXTRA_SECONDS)
            or not isinstance(sealed, list)
            or not all(_whole(item, 0, count - 1) for item in sealed)
        ):
            raise PlanStateError("The saved place in this plan could not be read.")
        return cls(
            plan_id=plan.id,
            stage_kinds=plan.stage_kinds,
            index=index,
            running_since=_moment(data.get("running_since")),
            banked_seconds=float(banked),
            extra_seconds=extra,
            sealed=frozenset(int(item) for item in sealed),
        )


def _whole(value: object, low: int, high: int) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _moment(value: object) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise PlanStateError("The saved place in this plan could not be read.")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise PlanStateError("The saved place in this plan could not be read.") from None
    if moment.tzinfo is None:
        raise PlanStateError("The saved place in this plan could not be read.")
    return moment


class PlanRun:
    """A plan being run: its progress, moved on by the facilitator, timed by ``clock``."""

    def __init__(
        self, plan: SessionPlan, clock: Clock, progress: PlanProgress | None = None
    ) -> None:
        self.plan = plan
        self.clock = clock
        self.progress = progress or PlanProgress(plan.id, plan.stage_kinds)

    @classmethod
    def restore(cls, plan: SessionPlan, clock: Clock, saved: object) -> PlanRun:
        """Resume from ``save()``'s dict: the same stage, its timer where it is now."""
        return cls(plan, clock, PlanProgress.from_dict(saved, plan))

    def save(self) -> dict[str, Any]:
        """What to keep so a restart can resume (``restore``)."""
        return self.progress.to_dict()

    # -- where the session is ------------------------------------------------------

    @property
    def started(self) -> bool:
        """True once the first stage has begun."""
        return self.progress.index >= 0

    @property
    def finished(self) -> bool:
        """True once the facilitator has moved on from the last stage."""
        return self.progress.index >= len(self.plan.stages)

    @property
    def stage(self) -> PlanStage | None:
        """The current stage, or None before the start and after the end."""
        index = self.progress.index
        return self.plan.stages[index] if 0 <= index < len(self.plan.stages) else None

    @property
    def paused(self) -> bool:
        """True while a stage is showing but its timer is stopped."""
        return self.stage is not None and self.progress.running_since is None

    def elapsed(self) -> float:
        """Seconds the current stage's timer has run (0 outside a stage)."""
        progress = self.progress
        if self.stage is None:
            return 0.0
        running = 0.0
        if progress.running_since is not None:
            running = max((self.clock.now() - progress.running_since).total_seconds(), 0.0)
        return progress.banked_seconds + running

    def remaining(self) -> float:
        """Seconds left on the current stage's timer (never below 0)."""
        stage = self.stage
        if stage is None:
            return 0.0
        return max(stage.seconds + self.progress.extra_seconds - self.elapsed(), 0.0)

    @property
    def time_up(self) -> bool:
        """True when the current stage's timer has run out (the stage stays open)."""
        return self.stage is not None and self.remaining() <= 0

    def is_open(self, index: int) -> bool:
        """True when stage ``index`` takes ideas or votes right now."""
        return (
            index == self.progress.index
            and self.stage is not None
            and index not in self.progress.sealed
        )

    def accepts(self, kind: StageKind) -> bool:
        """True when the current stage is a ``kind`` stage taking input right now."""
        stage = self.stage
        return stage is not None and stage.kind is kind and self.is_open(self.progress.index)

    # -- what the facilitator does ------------------------------------------------

    def start(self) -> None:
        """Begin the first stage (its timer starts). Does nothing once started."""
        if not self.started:
            self._enter(0)

    def pause(self) -> None:
        """Stop the current stage's timer, keeping the time it has run."""
        progress = self.progress
        if self.stage is not None and progress.running_since is not None:
            self.progress = replace(progress, banked_seconds=self.elapsed(), running_since=None)

    def resume(self) -> None:
        """Start the current stage's timer again from where it stopped."""
        if self.paused:
            self.progress = replace(self.progress, running_since=self.clock.now())

    def add_minutes(self, minutes: int) -> None:
        """Give the current stage more time (up to two extra hours in all)."""
        if self.stage is None or minutes <= 0:
            return
        extra = min(self.progress.extra_seconds + minutes * 60, MAX_EXTRA_SECONDS)
        self.progress = replace(self.progress, extra_seconds=extra)

    def next(self) -> None:
        """Close the current stage and begin the next (or finish after the last)."""
        if not self.started:
            self.start()
        elif not self.finished:
            self._enter(self.progress.index + 1)

    def back(self) -> None:
        """Go back to the stage before, with a fresh timer (see the module's rules)."""
        if self.progress.index > 0:
            self._enter(self.progress.index - 1)

    def _enter(self, index: int) -> None:
        progress = self.progress
        sealed = set(progress.sealed)
        leaving = self.stage
        if leaving is not None and leaving.kind in _SEALED_FOR_GOOD:
            sealed.add(progress.index)
        inside = 0 <= index < len(self.plan.stages)
        self.progress = replace(
            progress,
            index=index,
            running_since=self.clock.now() if inside else None,
            banked_seconds=0.0,
            extra_seconds=0,
            sealed=frozenset(sealed),
        )
