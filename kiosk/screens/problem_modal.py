"""Something went wrong: a calm box instead of a traceback, and a way to carry on."""

from __future__ import annotations

from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap
from surveys.catalogues import N_, _

SOMETHING_WENT_WRONG = N_("Something went wrong.")
SAFE = N_("Your answers so far are safe to send, or you can start again.")
NOTHING_LOST = N_("Nothing has been lost. Please carry on.")


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
            yield Static(_(SOMETHING_WENT_WRONG), classes="box-title", markup=False)
            yield Static(_(SAFE if self.has_answers else NOTHING_LOST), markup=False)
            with Horizontal(classes="buttons"):
                yield Tap(
                    _("Go back to my answers") if self.has_answers else _("Carry on"),
                    id="carry-on",
                    classes="-main",
                )
                if self.has_answers:
                    yield Tap(_("Start again"), id="start-again")

    def narration(self) -> str:
        if self.has_answers:
            return _(
                "Something went wrong. "
                "Your answers so far are safe to send, or you can start again."
            )
        return _("Something went wrong. Nothing has been lost. Please carry on.")

    @on(Tap.Pressed, "#carry-on")
    def _carry_on(self) -> None:
        if self.is_current:
            self.dismiss(Recovery.CARRY_ON)

    @on(Tap.Pressed, "#start-again")
    def _start_again(self) -> None:
        if self.is_current:
            self.dismiss(Recovery.START_AGAIN)
