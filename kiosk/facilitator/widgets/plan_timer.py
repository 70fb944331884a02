"""The stage's timer, large: mm:ss, and plain words when time is up.

The timer never ends a stage by itself: when it runs out, it says so, and the
facilitator moves on when the room is ready.
"""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from surveys.plan_progress import PlanRun

TIME_UP = "Time's up — move on when the room is ready"
PAUSED = "Paused — press T to carry on"
NOT_STARTED = "Press T to start the first stage"
FINISHED = "The plan has finished. Thank the room."


def clock_face(seconds: float) -> str:
    """ "07:32" for the time left (whole seconds, rounded up so 0 means time's up)."""
    whole = max(math.ceil(seconds), 0)
    return f"{whole // 60:02d}:{whole % 60:02d}"


class PlanTimer(Vertical):
    """Big digits for the time left, and a line saying what the timer is doing."""

    DEFAULT_CSS = """
    PlanTimer {
        height: auto;
        width: auto;
    }
    PlanTimer > Digits {
        width: auto;
        color: $accent;
    }
    PlanTimer.-time-up > Digits {
        color: $warning;
    }
    PlanTimer > #timer-words {
        width: auto;
        height: 1;
    }
    PlanTimer.-time-up > #timer-words {
        color: $warning;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Digits("00:00", id="timer-digits")
        yield Static("", id="timer-words", markup=False)

    def show(self, run: PlanRun) -> None:
        """Draw the time left now (only what changed)."""
        if run.finished:
            face, words = "00:00", FINISHED
        elif not run.started:
            stage = run.plan.stages[0]
            face, words = clock_face(stage.seconds), NOT_STARTED
        else:
            face = clock_face(run.remaining())
            if run.time_up:
                words = TIME_UP
            elif run.paused:
                words = PAUSED
            else:
                words = "Timer running"
        if self._drawn == (face, words):
            return
        self._drawn = (face, words)
        self.query_one(Digits).update(face)
        self.query_one("#timer-words", Static).update(words)
        self.set_class(words == TIME_UP, "-time-up")

    @property
    def words(self) -> str:
        """What the timer says now, as plain text (for tests and reading aloud)."""
        return "" if self._drawn is None else f"{self._drawn[0]} {self._drawn[1]}".strip()
