"""What other parts need to know of a running plan, kept beside the session's data.

The console runs the plan (``PlanRun``); the phone page, the passed tablet and the
shared screen run elsewhere (another process, a restarted console) and only need
to know the stage now: its kind, heading, prompt, how people rank, whether it takes
input, and its timer. ``StageNow`` is that, as plain values saved with the session
(``surveys/storage/tinydb_plan_progress.py``); ``PlanOutline`` is the plan itself
(headings and prompts only), kept so an export can say what the session did.

A ranking round's id comes from its stage's place in the plan (``round_id_for``),
so every part names the same round without asking the console.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from surveys.plan_model import SessionPlan, StageKind
from surveys.plan_progress import PlanRun


def round_id_for(index: int) -> str:
    """The ranking round (or poll) id of the stage at ``index`` (0-based): "stage-4"."""
    return f"stage-{index + 1}"


@dataclass(frozen=True, slots=True)
class StageNow:
    """The current stage as the other parts see it."""

    index: int
    count: int
    """How many stages the plan has."""
    kind: StageKind
    title: str
    prompt: str | None
    open: bool
    """True while it takes ideas or votes."""
    top: int | None = None
    dots: int | None = None
    poll_id: str | None = None
    seconds: int = 0
    """The timer's length, with any added time."""
    banked_seconds: float = 0.0
    running_since: dt.datetime | None = None

    @property
    def round_id(self) -> str:
        """The ranking round (or poll) this stage runs."""
        return round_id_for(self.index)

    def accepts(self, kind: StageKind) -> bool:
        """True when this is a ``kind`` stage taking input now."""
        return self.open and self.kind is kind

    def remaining(self, now: dt.datetime) -> float:
        """Seconds left on the timer at ``now`` (never below 0)."""
        running = 0.0
        if self.running_since is not None:
            running = max((now - self.running_since).total_seconds(), 0.0)
        return max(self.seconds - self.banked_seconds - running, 0.0)

    @property
    def paused(self) -> bool:
        """True while the timer is stopped."""
        return self.running_since is None

    @classmethod
    def of(cls, run: PlanRun) -> StageNow | None:
        """The run's current stage, or None before the start and after the end."""
        stage = run.stage
        if stage is None:
            return None
        progress = run.progress
        return cls(
            index=progress.index,
            count=len(run.plan.stages),
            kind=stage.kind,
            title=stage.title,
            prompt=stage.prompt,
            open=run.is_open(progress.index),
            top=stage.rank.top if stage.rank else None,
            dots=stage.rank.dots if stage.rank else None,
            poll_id=stage.poll.id if stage.poll else None,
            seconds=stage.seconds + progress.extra_seconds,
            banked_seconds=progress.banked_seconds,
            running_since=progress.running_since,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy (``from_dict`` reads it back)."""
        return {
            "index": self.index,
            "count": self.count,
            "kind": self.kind.value,
            "title": self.title,
            "prompt": self.prompt,
            "open": self.open,
            "top": self.top,
            "dots": self.dots,
            "poll_id": self.poll_id,
            "seconds": self.seconds,
            "banked_seconds": self.banked_seconds,
            "running_since": None if self.running_since is None else self.running_since.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: object) -> StageNow | None:
        """The saved stage, or None when it can't be read (nothing is then taken in)."""
        if not isinstance(data, dict):
            return None
        try:
            since = data.get("running_since")
            moment = dt.datetime.fromisoformat(since) if isinstance(since, str) else None
            if moment is not None and moment.tzinfo is None:
                return None
            return cls(
                index=int(data["index"]),
                count=int(data["count"]),
                kind=StageKind(str(data["kind"])),
                title=str(data["title"]),
                prompt=None if data.get("prompt") is None else str(data["prompt"]),
                open=data.get("open") is True,
                top=_count(data.get("top")),
                dots=_count(data.get("dots")),
                poll_id=None if data.get("poll_id") is None else str(data["poll_id"]),
                seconds=int(data.get("seconds", 0)),
                banked_seconds=float(data.get("banked_seconds", 0.0)),
                running_since=moment,
            )
        except (KeyError, TypeError, ValueError):
            return None


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True, slots=True)
class OutlineStage:
    """One stage of a plan as an export tells it."""

    kind: StageKind
    title: str
    minutes: int
    prompt: str | None = None


@dataclass(frozen=True, slots=True)
class PlanOutline:
    """A plan's id, title and stages (headings and prompts only), kept with the session."""

    id: str
    title: str
    stages: tuple[OutlineStage, ...]

    @classmethod
    def of(cls, plan: SessionPlan) -> PlanOutline:
        """The outline of ``plan``."""
        return cls(
            plan.id,
            plan.title,
            tuple(OutlineStage(s.kind, s.title, s.minutes, s.prompt) for s in plan.stages),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy."""
        return {
            "id": self.id,
            "title": self.title,
            "stages": [
                {"kind": s.kind.value, "title": s.title, "minutes": s.minutes, "prompt": s.prompt}
                for s in self.stages
            ],
        }

    @classmethod
    def from_dict(cls, data: object) -> PlanOutline | None:
        """The saved outline, or None when it can't be read."""
        if not isinstance(data, dict) or not isinstance(data.get("stages"), list):
            return None
        try:
            return cls(
                str(data["id"]),
                str(data["title"]),
                tuple(
                    OutlineStage(
                        StageKind(str(s["kind"])),
                        str(s["title"]),
                        int(s["minutes"]),
                        None if s.get("prompt") is None else str(s["prompt"]),
                    )
                    for s in data["stages"]
                ),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
