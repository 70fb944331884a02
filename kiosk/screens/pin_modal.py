"""The operator's PIN prompt (F12). The PIN is checked in a worker thread, because
Argon2 is slow on purpose and must never freeze the screen. When wrong PINs mean a
wait, the message counts the wait down, then says the PIN can be tried again."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from kiosk.screens.base import KioskModal
from kiosk.widgets.tap import Tap
from surveys.operator_pin import MAX_DIGITS, PinOutcome, PinResult

CHECKING = "Checking…"
TRY_LATER = "That didn't work. Please try again in a moment."
TRY_NOW = "You can try the PIN again now."
TICK_SECONDS = 0.25


class PinModal(KioskModal[bool]):
    """True when the right PIN was typed; False on Cancel (or Escape)."""

    OPERATOR_ONLY = True

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    DEFAULT_CSS = """
    PinModal #pin {
        width: 100%;
        border: tall $primary;
    }
    PinModal #pin-message {
        height: auto;
        min-height: 1;
        color: $accent;
    }
    """

    def __init__(self, check: Callable[[str], PinResult]) -> None:
        super().__init__()
        self.check = check
        self.checking = False
        self._ticker: Timer | None = None
        self._until = 0.0
        self._outcome = PinOutcome.WAIT

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static("Operator PIN", classes="box-title", markup=False)
            yield Static("For the person running this kiosk.", markup=False)
            yield Input(
                password=True,
                restrict=r"[0-9]*",
                max_length=MAX_DIGITS,
                id="pin",
                placeholder="PIN",
            )
            yield Static("", id="pin-message", markup=False)
            with Horizontal(classes="buttons"):
                yield Tap("Unlock", id="unlock", classes="-main")
                yield Tap("Cancel", id="cancel")

    def on_mount(self) -> None:
        box = self.query_one("#pin", Input)
        box.cursor_blink = False  # nothing on the kiosk flashes
        box.focus()

    def narration(self) -> str:
        return "Operator PIN. This is for the person running the kiosk. Press Cancel to go back."

    def _say(self, words: str) -> None:
        if self.is_attached:  # the box may have closed while the PIN was checked
            self.query_one("#pin-message", Static).update(words)

    @on(Input.Submitted, "#pin")
    @on(Tap.Pressed, "#unlock")
    def _unlock(self) -> None:
        if self.checking:
            return
        box = self.query_one("#pin", Input)
        typed = box.value
        box.value = ""
        if not typed:
            self._say("Please type the PIN.")
            return
        self._stop_countdown()
        self.checking = True
        self._say(CHECKING)
        self._check(typed)

    @work(thread=True, exclusive=True, group="pin", exit_on_error=False)
    def _check(self, typed: str) -> PinResult:
        return self.check(typed)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "pin":
            return
        if event.state is WorkerState.SUCCESS:
            self.checking = False
            result = event.worker.result
            if isinstance(result, PinResult) and result.ok:
                if self.is_current:
                    self.dismiss(True)
                return
            if isinstance(result, PinResult) and result.wait_seconds > 0:
                self._count_down(result)
            else:
                self._say(result.message if isinstance(result, PinResult) else TRY_LATER)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.checking = False
            if event.worker.error is not None:
                self.app.report_problem(event.worker.error, "PIN check")  # type: ignore[attr-defined]
            self._say(TRY_LATER)

    # -- the wait, counted down ------------------------------------------------------

    def _clock(self) -> float:
        now = getattr(self.app, "_now", None)  # the kiosk's (injectable) monotonic clock
        return float(now()) if callable(now) else time.monotonic()

    def _count_down(self, result: PinResult) -> None:
        self._until = self._clock() + result.wait_seconds
        self._outcome = result.outcome
        self._stop_countdown()
        self._ticker = self.set_interval(TICK_SECONDS, self._tick)
        self._tick()

    def _tick(self) -> None:
        left = math.ceil(self._until - self._clock())
        if left <= 0:
            self._stop_countdown()
            self._say(TRY_NOW)
            return
        self._say(PinResult(self._outcome, left).message)

    def _stop_countdown(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    @on(Tap.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(False)
