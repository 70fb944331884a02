"""Ranking: put options in order by moving them up and down.

Touch: each row has Up and Down targets. Keys: ↑ ↓ choose a row; Shift (or Ctrl)
with ↑ ↓ moves it; a digit jumps to that row. The order shown becomes the answer only
after a deliberate act: a move, or "This order is right" (which also goes on). An
order nobody touched is no answer, so Enter on it asks kindly instead.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from accessibility.themes import FocusStyle
from kiosk.problems import Guarded
from kiosk.safe_text import visible
from kiosk.widgets.answer_base import AnswerWidget
from kiosk.widgets.big_label import BigLabel
from kiosk.widgets.tap import Tap
from surveys.catalogues import N_, _
from surveys.model import AnswerValue, Question

HOW = N_(
    "Move the most important to the top. Use Up and Down, or hold Shift and press ↑ or ↓. "
    "If the order is already right, press This order is right."
)
ORDER_RIGHT = N_("This order is right")
"""The target that keeps the order as shown, when it is already the person's order."""
NOTHING_MOVED = N_("Nothing is chosen yet. Please move an option, or press This order is right.")
"""Enter or Next on an order nobody has touched …"""
NOTHING_MOVED_SKIP = N_(
    "Nothing is chosen yet. Please move an option, press This order is right, or press Skip."
)
"""… when the question may be skipped."""


class RankRow(Guarded, Horizontal, can_focus=True):
    """One place in the order: its number, the option's words, and Up/Down targets."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+up,ctrl+up", "shift(-1)", "Move up", show=False),
        Binding("shift+down,ctrl+down", "shift(1)", "Move down", show=False),
        Binding("enter", "go_on", "Go on", show=False),
    ]

    # Unscoped, so rules can start from the App's text-size class ("App.-text-largest …").
    SCOPED_CSS = False

    DEFAULT_CSS = """
    RankRow {
        height: auto;
        min-height: 3;
        width: 100%;
        background: $surface;
        color: $foreground;
        border-left: thick $surface;
        margin: 0 0 1 0;
    }
    RankRow:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        border-left: thick $border;
        text-style: bold;
    }
    RankRow > .words {
        width: 1fr;
        height: auto;
        min-height: 3;
        padding: 1 1 0 1;
    }
    RankRow > .marker {
        width: 2;
        height: 3;
        padding: 0 0 0 1;
        content-align: left middle;
    }
    RankRow > Tap {
        width: 10;
        min-width: 6;
        margin: 0 0 0 1;
    }
    RankRow > Tap.-faded {
        background: $surface;
        color: $text-muted;
        text-style: italic;
    }
    App.-text-large RankRow, App.-text-largest RankRow {
        text-style: bold;
    }
    App.-text-large RankRow > .words, App.-text-largest RankRow > .words {
        padding: 1 1 0 1;
    }
    """

    class Shift(Message):
        """Move this row's option by ``step`` places."""

        def __init__(self, row: RankRow, step: int) -> None:
            super().__init__()
            self.row = row
            self.step = step

    class GoOn(Message):
        """Enter on a row: the order is done."""

    def __init__(self, place: int) -> None:
        super().__init__(id=f"rank-{place}")
        self.place = place
        self.words = ""

    def compose(self) -> ComposeResult:
        yield Static("  ", classes="marker", markup=False)
        yield BigLabel("", max_share=0.5, classes="words")
        up = Tap(_("▲ Up"), classes="up")
        down = Tap(_("▼ Down"), classes="down")
        up.can_focus = False
        down.can_focus = False
        yield up
        yield down

    def show(self, words: str, *, last: bool) -> None:
        """Show the option now in this place (Up fades at the top, Down at the bottom)."""
        self.words = words
        self._label()
        self.query_one(".up", Tap).set_class(self.place == 0, "-faded")
        self.query_one(".down", Tap).set_class(last, "-faded")

    def _label(self) -> None:
        marker = FocusStyle().marker if self.has_focus else " "
        self.query_one(".marker", Static).update(marker)
        line = visible(self.words, one_line=True)
        self.query_one(".words", BigLabel).update(f"{self.place + 1}. {line}")

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        if self.is_mounted and self.words:
            self._label()

    def action_shift(self, step: int) -> None:
        self.post_message(self.Shift(self, step))

    def action_go_on(self) -> None:
        self.post_message(self.GoOn())

    @on(Tap.Pressed, ".up")
    def _up(self, event: Tap.Pressed) -> None:
        event.stop()
        self.action_shift(-1)

    @on(Tap.Pressed, ".down")
    def _down(self, event: Tap.Pressed) -> None:
        event.stop()
        self.action_shift(1)


class RankingList(AnswerWidget):
    """The whole order; ``raw_answer`` is the option values from first to last."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("down", "move(1)", "Next", show=False),
    ]

    DEFAULT_CSS = """
    RankingList .how {
        color: $text-muted;
        margin: 0 0 1 0;
    }
    RankingList #order-right {
        width: auto;
    }
    """

    def __init__(self, question: Question, previous: AnswerValue | None) -> None:
        super().__init__(question, previous)
        values = [option.value for option in question.options]
        self.touched = False
        """True once the person moved an option or said the order is right."""
        if isinstance(previous, tuple) and sorted(previous) == sorted(values):
            values = list(previous)
            self.touched = True  # their own order, given before
        self.order: list[str] = values
        self.rows = [RankRow(place) for place in range(len(values))]

    def compose(self) -> ComposeResult:
        yield Static(_(HOW), classes="how", markup=False)
        yield from self.rows
        yield Tap(_(ORDER_RIGHT), id="order-right")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        for row, value in zip(self.rows, self.order, strict=True):
            row.show(self.question.label_for(value), last=row is self.rows[-1])

    def raw_answer(self) -> object:
        return tuple(self.order) if self.touched else None

    def nothing_yet(self, *, skip: bool) -> str | None:
        return None if self.touched else _(NOTHING_MOVED_SKIP if skip else NOTHING_MOVED)

    def focus_target(self) -> Widget | None:
        return self.rows[0]

    def page_pieces(self) -> list[Widget]:
        return list(self.rows)

    def page_words(self, shown: list[Widget]) -> str:
        places = [row.place + 1 for row in self.rows if row in shown]
        if not places:
            return ""
        if len(places) == 1:
            return _("Place {number} of {total}", number=places[0], total=len(self.rows))
        return _(
            "Places {first}–{last} of {total}",
            first=places[0],
            last=places[-1],
            total=len(self.rows),
        )

    def choose_number(self, number: int) -> bool:
        if 1 <= number <= len(self.rows):
            self.rows[number - 1].focus()
            return True
        return False

    def move_item(self, place: int, step: int) -> None:
        """Move the option at ``place`` up (−1) or down (+1), keeping it focused."""
        target = place + step
        if not 0 <= target < len(self.order):
            return
        self.order[place], self.order[target] = self.order[target], self.order[place]
        self.touched = True
        self._show()
        self.rows[target].focus()

    @on(RankRow.Shift)
    def _shift(self, event: RankRow.Shift) -> None:
        event.stop()
        self.move_item(event.row.place, event.step)

    @on(Tap.Pressed, "#order-right")
    def _order_right(self, event: Tap.Pressed) -> None:
        event.stop()
        self.touched = True
        self.post_message(self.Confirmed())

    @on(RankRow.GoOn)
    def _go_on(self, event: RankRow.GoOn) -> None:
        event.stop()
        self.post_message(self.Confirmed())

    def action_move(self, step: int) -> None:
        focused = self.screen.focused
        if isinstance(focused, RankRow):
            target = focused.place + step
            if 0 <= target < len(self.rows):
                self.rows[target].focus()
