"""Take a break: a calm screen that keeps the visit for a generous, stated time.

The break lasts ``Timings.break_minutes`` (10 by default, ``--break-minutes``), and
says so: "We'll keep your answers for 10 minutes". After that with no touch or key,
the App asks "Are you still there?" as it does when idle, and if nobody answers it
forgets the visit (typed text included), so the next person starts fresh.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from accessibility import narration
from kiosk.screens.base import KioskModal
from kiosk.spoken_keys import GO_ON_ACTIONS, key_for
from kiosk.widgets.tap import Tap
from surveys.catalogues import _


class BreakModal(KioskModal[None]):
    """Waits; "I'm ready to carry on" goes back to where the person was."""

    IDLE_WATCH = False
    ON_BREAK: ClassVar[bool] = True
    """The guard times this box with the break's length, not the idle time."""

    DEFAULT_CSS = """
    BreakModal {
        background: $background;
    }
    BreakModal #break-title {
        text-style: bold;
        text-align: center;
        width: 100%;
    }
    BreakModal .box > Static {
        text-align: center;
        width: 100%;
    }
    """

    def __init__(self, *, minutes: float = 10, has_answers: bool = True) -> None:
        super().__init__()
        self.minutes = minutes
        self.has_answers = has_answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(_("Taking a break"), id="break-title", classes="box-title", markup=False)
            yield Static(
                narration.break_words(self.minutes, has_answers=self.has_answers),
                id="break-words",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Tap(_("I'm ready to carry on"), id="carry-on", classes="-main")

    def narration(self) -> str:
        carry_on = key_for(self.query_one("#carry-on", Tap), GO_ON_ACTIONS)
        return narration.break_screen(self.minutes, has_answers=self.has_answers, carry_on=carry_on)

    @on(Tap.Pressed, "#carry-on")
    def _carry_on(self) -> None:
        self.dismiss(None)
