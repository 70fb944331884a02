""" "You said — We did" cards shown in turn on the welcome and idle screens.

The cards tell whoever walks up what came of what people said before. They change
by themselves every so often (``seconds``), never take the focus and never answer
a touch, so nobody's Start or "I'm here" is stolen. A card that was just read
aloud stays a full turn longer (``hold``), so the words heard match the words shown.
It starts hidden: the screen showing it decides whether a whole card fits (and
with no cards it is never shown, taking no room).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from kiosk.problems import Guarded
from surveys.action_cards import TITLE, Card


class SaidDidCards(Guarded, Static, can_focus=False):
    """Shows one card at a time from ``cards``; ``current`` is the one on screen."""

    seconds: ClassVar[float] = 20.0
    """How long each card stays: long enough to read slowly, twice over."""

    DEFAULT_CSS = """
    SaidDidCards {
        width: 100%;
        height: auto;
        border: round $primary;
        padding: 0 1;
        margin: 1 0 0 0;
        text-style: bold;
    }
    """

    def __init__(self, cards: Sequence[Card] = (), *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.cards = tuple(cards)
        self.index = 0
        self._timer: Timer | None = None
        self.display = False  # the screen shows it once it knows a whole card fits

    def on_mount(self) -> None:
        self.border_title = TITLE
        self._show()

    @property
    def current(self) -> Card | None:
        """The card on screen now (None when there are none)."""
        return self.cards[self.index] if self.cards else None

    def show_cards(self, cards: Sequence[Card]) -> None:
        """Show these cards, from the first (none: the widget is hidden)."""
        self.cards = tuple(cards)
        self.index = 0
        if self.is_mounted:
            self._show()

    def next_card(self) -> None:
        """The next card (after the last, the first again)."""
        if self.cards:
            self.index = (self.index + 1) % len(self.cards)
            self._show()

    def hold(self) -> None:
        """Keep the card on screen a full turn from now (it is being read aloud)."""
        if self._timer is not None:
            self._timer.reset()

    def rows_needed(self, width: int) -> int:
        """Rows the tallest card takes at ``width`` columns, border included, so the
        card keeps one height as it changes and nothing around it moves."""
        inner = max(1, width - 4)  # the border and one column of padding each side
        console = self.app.console
        tallest = max(
            (len(Text("\n".join(card.lines)).wrap(console, inner)) for card in self.cards),
            default=0,
        )
        return tallest + 2

    def _show(self) -> None:
        card = self.current
        if card is None:
            self.display = False
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            return
        self.update(Text("\n".join(card.lines)))
        if self._timer is None and len(self.cards) > 1:
            self._timer = self.set_interval(self.seconds, self.next_card)
