"""The stage's timer on the shared screen: big digits (mm:ss) readable from the back
of the room, with "Time's up" or "Paused" under them.

On a projector-sized screen the digits are drawn in the kiosk's big glyphs (five
rows tall); on a smaller one, Textual's ``Digits`` (three rows). It works the time
out from the saved stage (``StageNow.remaining``) every time it is drawn, so it
keeps counting between reads of the session file.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from accessibility.big_text import big_text
from kiosk.facilitator.stage_board import clock_words, timer_state
from surveys.plan_record import StageNow

BIG_FROM = (100, 30)
"""From this many columns and rows, the timer uses the five-row glyphs."""


class StageTimer(Vertical):
    """Big mm:ss digits and the timer's state in words."""

    DEFAULT_CSS = """
    StageTimer {
        width: auto;
        height: auto;
        padding: 0 1;
    }
    StageTimer > #timer-digits, StageTimer > #timer-big {
        width: auto;
        color: $accent;
        text-style: bold;
    }
    StageTimer > #timer-state {
        width: 100%;
        height: 1;
        text-align: center;
        text-style: bold reverse;
    }
    StageTimer.-running > #timer-state {
        text-style: none;
    }
    """

    def compose(self) -> ComposeResult:
        yield Digits("00:00", id="timer-digits")
        yield Static("", id="timer-big", markup=False)
        yield Static("", id="timer-state", markup=False)

    @property
    def value(self) -> str:
        """The time shown, as mm:ss."""
        return self.query_one(Digits).value

    def show(self, now: StageNow, at: dt.datetime) -> None:
        """Draw the time left on ``now``'s timer at ``at``."""
        digits = clock_words(now.remaining(at))
        small = self.query_one(Digits)
        big = self.query_one("#timer-big", Static)
        width, height = self.app.size
        large = width >= BIG_FROM[0] and height >= BIG_FROM[1]
        small.display, big.display = not large, large
        if small.value != digits:
            small.update(digits)
            big.update("\n".join(big_text(digits, len(digits) * 6)))
        state = timer_state(now, at)
        self.query_one("#timer-state", Static).update(state)
        self.set_class(not state, "-running")
