""" "Take my answers back": a participant deletes their own response with their code.

Opened from the welcome screen, so nobody has to hand their code to staff. The code
goes to the same withdrawal as ``kiosk withdraw`` (``KioskServices.withdraw``, with
the kiosk's cut-off), through the App's ``TakeBackLimit``: after a few codes that
don't match, each try must wait longer. The code is never logged or kept; the box
forgets it as soon as it is checked.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from accessibility import narration
from kiosk.messages import Say
from kiosk.screens.base import KioskModal
from kiosk.spoken_keys import GO_ON_ACTIONS, key_for
from kiosk.widgets.tap import Tap
from surveys.catalogues import _

FREE_TRIES = 5
"""Codes that don't match before each try must wait."""
FIRST_WAIT_SECONDS = 30
MAX_WAIT_SECONDS = 15 * 60


@dataclass
class TakeBackLimit:
    """Slows down guessing: after ``FREE_TRIES`` codes that don't match in a row, each
    try waits longer (30 s, doubling, at most 15 minutes). A match starts again."""

    now: Callable[[], float]
    failures: int = 0
    wait_until: float = 0.0

    def wait_seconds(self) -> int:
        """Seconds before another code may be tried (0: now)."""
        return max(0, math.ceil(self.wait_until - self.now()))

    def record(self, *, matched: bool) -> None:
        """Count a try."""
        if matched:
            self.failures = 0
            self.wait_until = 0.0
            return
        self.failures += 1
        if self.failures >= FREE_TRIES:
            extra = self.failures - FREE_TRIES
            wait = min(FIRST_WAIT_SECONDS * 2**extra, MAX_WAIT_SECONDS)
            self.wait_until = self.now() + wait


class TakeBackModal(KioskModal[None]):
    """Asks for a receipt code and deletes those answers; Cancel (Escape) closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    DEFAULT_CSS = """
    TakeBackModal #take-back-code {
        width: 100%;
        border: tall $primary;
    }
    TakeBackModal #take-back-message {
        height: auto;
        min-height: 1;
        margin: 1 0 0 0;
    }
    """

    def __init__(self, withdraw: Callable[[str], tuple[bool, str]], limit: TakeBackLimit) -> None:
        super().__init__()
        self.withdraw = withdraw
        self.limit = limit
        self.done = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(_(narration.TAKE_BACK), classes="box-title", markup=False)
            yield Static(_(narration.TAKE_BACK_ASK), markup=False)
            yield Input(max_length=24, id="take-back-code", placeholder=_("Your code"))
            yield Static("", id="take-back-message", markup=False)
            with Horizontal(classes="buttons"):
                yield Tap(_("Delete my answers"), id="take-back-go", classes="-main")
                yield Tap(_("Cancel"), id="take-back-cancel")

    def on_mount(self) -> None:
        box = self.query_one("#take-back-code", Input)
        box.cursor_blink = False  # nothing on the kiosk flashes
        box.focus()

    def narration(self) -> str:
        go_on = key_for(self.query_one("#take-back-code", Input), GO_ON_ACTIONS)
        return narration.take_back(go_on)

    def _say(self, words: str) -> None:
        self.query_one("#take-back-message", Static).update(words)
        self.post_message(Say(narration.error(words)))

    @on(Input.Submitted, "#take-back-code")
    @on(Tap.Pressed, "#take-back-go")
    def _go(self) -> None:
        if self.done:
            self.dismiss(None)
            return
        box = self.query_one("#take-back-code", Input)
        typed = box.value
        box.value = ""  # the code is not kept on screen
        waiting = self.limit.wait_seconds()
        if waiting:
            self._say(narration.take_back_wait(waiting))
            return
        if not typed.strip():
            self._say(_(narration.TAKE_BACK_EMPTY))
            return
        done, words = self.withdraw(typed)
        self.limit.record(matched=done)
        self._say(words)
        if done:
            self.done = True
            box.display = False
            self.query_one("#take-back-go", Tap).update(_("Finish"))
            self.query_one("#take-back-cancel", Tap).display = False
            self.query_one("#take-back-go", Tap).focus()

    @on(Tap.Pressed, "#take-back-cancel")
    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)
