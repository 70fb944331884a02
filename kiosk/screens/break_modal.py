"""Take a break: a calm screen that waits for as long as needed.

The "Are you still there?" timer is paused while this is showing.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from accessibility import narration
from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap

BREAK_WORDS = "Your answers are not sent yet.\nTake your time.\nPress Enter when you are ready."


class BreakModal(KioskModal[None]):
    """Waits; "I'm ready to carry on" goes back to where the person was."""

    IDLE_WATCH = False

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

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static("Taking a break", id="break-title", classes="box-title", markup=False)
            yield Static(BREAK_WORDS, markup=False)
            with Horizontal(classes="buttons"):
                yield Tap("I'm ready to carry on", id="carry-on", classes="-main")

    def narration(self) -> str:
        return narration.break_screen()

    @on(Tap.Pressed, "#carry-on")
    def _carry_on(self) -> None:
        self.dismiss(None)
