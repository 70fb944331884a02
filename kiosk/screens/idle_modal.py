""" "Are you still there?": a gentle check after a while with no touch or key.

If nobody answers before the countdown ends, the App deletes everything from this
visit and returns to the welcome screen. Any key or touch here means "I'm here".
What the box shows and what is read aloud come from ``accessibility.narration``
(``still_there_note`` and ``still_there``); answers are mentioned only when the
visitor may have given some.
"""

from __future__ import annotations

import math

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.scalar import Scalar
from textual.widgets import Static

from accessibility import narration
from kiosk.screens.base import KioskModal
from kiosk.widgets.said_did_cards import SaidDidCards
from kiosk.widgets.tap import Tap
from surveys.catalogues import _


class IdleModal(KioskModal[bool]):
    """True when the person asked for more time; False when the countdown ended."""

    IDLE_WATCH = False

    DEFAULT_CSS = """
    IdleModal #said-did {
        width: 70;
        max-width: 100%;
    }
    """

    def __init__(self, countdown: float, *, has_answers: bool = True) -> None:
        super().__init__()
        self.countdown = countdown
        self.has_answers = has_answers
        self.left = countdown

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(_(narration.STILL_THERE), classes="box-title", markup=False)
            yield Static(self._words(), id="countdown", markup=False)
            with Horizontal(classes="buttons"):
                yield Tap(_(narration.MORE_TIME), id="more-time", classes="-main")
        yield SaidDidCards(getattr(self.app, "said_did", ()), id="said-did")

    def _words(self) -> str:
        seconds = max(0, math.ceil(self.left))
        return narration.still_there_note(seconds, has_answers=self.has_answers)

    def on_mount(self) -> None:
        self.query_one("#more-time", Tap).focus()
        self._tick = min(1.0, self.countdown / 4) if self.countdown > 0 else 0.05
        self.set_interval(self._tick, self._count_down)
        self.call_after_refresh(self._fit_cards)

    def on_resize(self, event: events.Resize) -> None:
        if self.query_one("#said-did", SaidDidCards).cards:
            self.call_after_refresh(self._fit_cards)

    def _fit_cards(self) -> None:
        """Cards only where a whole card fits under the box, at any size."""
        cards = self.query_one("#said-did", SaidDidCards)
        show, rows = False, 0
        if cards.cards:
            box = self.query_one(".box", Vertical)
            rows = cards.rows_needed(min(70, self.size.width))
            show = box.outer_size.height + 1 + rows <= self.size.height
        if show and cards.styles.height != Scalar.from_number(rows):
            cards.styles.height = rows
        if cards.display != show:
            cards.display = show

    def _count_down(self) -> None:
        if not self.is_current:
            return
        self.left -= self._tick
        if self.left <= 1e-6:
            self._answer(False)
            return
        self.query_one("#countdown", Static).update(self._words())

    def narration(self) -> str:
        seconds = max(0, math.ceil(self.left))  # read again later: the time left now
        return narration.still_there(seconds, has_answers=self.has_answers)

    def _answer(self, still_here: bool) -> None:
        if self.is_current:
            self.dismiss(still_here)

    @on(Tap.Pressed, "#more-time")
    def _more_time(self) -> None:
        self._answer(True)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self._answer(True)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._answer(True)
