"""Something went wrong: a calm box instead of a traceback, and a way to carry on."""

from __future__ import annotations

from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap

SOMETHING_WENT_WRONG = "Something went wrong."
SAFE = "Your answers so far are safe to send, or you can start again."
NOTHING_LOST = "Nothing has been lost. Please carry on."


class Recovery(StrEnum):
    """What the person chose after a problem."""

    CARRY_ON = "carry-on"
    START_AGAIN = "start-again"


class ProblemModal(KioskModal[Recovery]):
    """Offers to carry on (rebuilding the current screen) or to start again."""

    def __init__(self, *, has_answers: bool) -> None:
        super().__init__()
        self.has_answers = has_answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(SOMETHING_WENT_WRONG, classes="box-title", markup=False)
            yield Static(SAFE if self.has_answers else NOTHING_LOST, markup=False)
            with Horizontal(classes="buttons"):
                yield Tap(
                    "Go back to my answers" if self.has_answers else "Carry on",
                    id="carry-on",
                    classes="-main",
                )
                if self.has_answers:
                    yield Tap("Start again", id="start-again")

    def narration(self) -> str:
        return f"{SOMETHING_WENT_WRONG} {SAFE if self.has_answers else NOTHING_LOST}"

    @on(Tap.Pressed, "#carry-on")
    def _carry_on(self) -> None:
        if self.is_current:
            self.dismiss(Recovery.CARRY_ON)

    @on(Tap.Pressed, "#start-again")
    def _start_again(self) -> None:
        if self.is_current:
            self.dismiss(Recovery.START_AGAIN)
