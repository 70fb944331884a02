"""Big choice targets: single and multiple choice, the agree scale, yes/no, 0–10.

Digits choose (1–9; 0–9 on the 0–10 row), Space or a tap chooses, arrows move,
Enter goes on. A multiple-choice list shows clear ticks and digits toggle them.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from kiosk.narration import choice_labels
from kiosk.problems import Guarded
from kiosk.safe_text import safe_text, visible
from kiosk.widgets.answer_base import AnswerWidget
from surveys.model import PREFER_NOT_TO_SAY, SCALE_FACES, AnswerValue, Kind, Question


class ChoiceItem(Guarded, Widget, can_focus=True):
    """One choice: a big target with its number, a clear mark, and its words."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pick", "Choose", show=False),
        Binding("enter", "go_on", "Go on", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceItem {
        height: auto;
        min-height: 3;
        width: 100%;
        padding: 0 1;
        border: round $panel-lighten-2;
        background: $surface;
    }
    ChoiceItem:hover {
        background: $primary 25%;
    }
    ChoiceItem:focus {
        border: heavy $accent;
    }
    ChoiceItem.-selected {
        background: $primary 45%;
        text-style: bold;
    }
    ChoiceItem.-compact {
        width: 1fr;
        min-width: 4;
        padding: 0;
        content-align: center middle;
        text-align: center;
    }
    """

    class Picked(Message):
        """The item was tapped or Space was pressed on it."""

        def __init__(self, item: ChoiceItem) -> None:
            super().__init__()
            self.item = item

    class GoOn(Message):
        """Enter was pressed on the item."""

        def __init__(self, item: ChoiceItem) -> None:
            super().__init__()
            self.item = item

    def __init__(
        self,
        value: object,
        words: str,
        *,
        number: str,
        mark: str,
        compact: bool = False,
        group: str = "",
    ) -> None:
        super().__init__(classes="-compact" if compact else None)
        self.group = group
        self.value = value
        self.words = words
        self.number = number
        self.mark = mark
        self.selected = False

    def render(self) -> Text:
        if self.has_class("-compact"):
            return Text(visible(self.words, one_line=True), justify="center")
        marks = {"radio": ("( )", "(●)"), "check": ("[ ]", "[✓]")}
        mark = marks[self.mark][self.selected] if self.mark in marks else ""
        text = Text()
        if self.number:
            text.append(f"{self.number}  ", style="dim" if not self.selected else "")
        if mark:
            text.append(f"{mark} ")
        text.append_text(safe_text(self.words))
        return text

    def set_selected(self, selected: bool) -> None:
        """Show the item as chosen or not."""
        self.selected = selected
        self.set_class(selected, "-selected")
        self.refresh()

    def action_pick(self) -> None:
        self.post_message(self.Picked(self))

    def action_go_on(self) -> None:
        self.post_message(self.GoOn(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_pick()


class ChoiceList(AnswerWidget):
    """Choices for single, multi, scale, yes/no and 0–10 rating questions."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("down", "move(1)", "Next", show=False),
        Binding("left", "move(-1)", "Previous", show=False),
        Binding("right", "move(1)", "Next", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceList .row {
        height: auto;
        width: 100%;
    }
    ChoiceList .row > ChoiceItem {
        width: 1fr;
    }
    ChoiceList .ends {
        height: auto;
        color: $foreground 80%;
    }
    """

    def __init__(self, question: Question, previous: AnswerValue | None) -> None:
        super().__init__(question, previous)
        kind = question.kind
        self.multi = kind is Kind.MULTI
        self.rating = kind is Kind.RATING
        self.side_by_side = kind in (Kind.YESNO, Kind.RATING)
        labels = choice_labels(question)
        if kind is Kind.SCALE and question.faces:
            labels = [
                (value, f"{SCALE_FACES[value - 1]}  {words}" if isinstance(value, int) else words)
                for value, words in labels
            ]
        mark = "check" if self.multi else ("" if self.rating else "radio")
        self.items: list[ChoiceItem] = []
        for index, (value, words) in enumerate(labels):
            special = value == PREFER_NOT_TO_SAY
            number = str(index + 1) if index < 9 and not self.rating else ""
            compact = self.side_by_side and not special and self.rating
            self.items.append(
                ChoiceItem(
                    value, words, number=number, mark="radio" if special else mark, compact=compact
                )
            )
        chosen = previous if isinstance(previous, tuple) else (previous,)
        for item in self.items:
            item.selected = previous is not None and any(
                _same(item.value, value) for value in chosen
            )
            item.set_class(item.selected, "-selected")

    def compose(self) -> ComposeResult:
        main = [i for i in self.items if i.value != PREFER_NOT_TO_SAY]
        rest = [i for i in self.items if i.value == PREFER_NOT_TO_SAY]
        if self.side_by_side:
            with Horizontal(classes="row"):
                yield from main
        else:
            yield from main
        if self.rating and (self.question.low_label or self.question.high_label):
            ends = []
            if self.question.low_label:
                ends.append(f"0 = {self.question.low_label}")
            if self.question.high_label:
                ends.append(f"10 = {self.question.high_label}")
            yield Static(safe_text("     ".join(ends)), classes="ends")
        yield from rest

    # -- answers -----------------------------------------------------------------

    def raw_answer(self) -> object:
        chosen = [item.value for item in self.items if item.selected]
        if self.multi:
            return tuple(chosen)
        return chosen[0] if chosen else None

    def spoken_hint(self) -> str:
        chosen = [item.words for item in self.items if item.selected]
        return f"Chosen: {', '.join(chosen)}." if chosen else ""

    def choose_number(self, number: int) -> bool:
        index = number if self.rating else number - 1
        if not 0 <= index < len(self.items) or self.items[index].value == PREFER_NOT_TO_SAY:
            return False
        if not self.rating and number == 0:
            return False
        item = self.items[index]
        item.focus()
        self._pick(item)
        return True

    def focus_first(self) -> None:
        chosen = [item for item in self.items if item.selected]
        (chosen or self.items)[0].focus()

    # -- events ------------------------------------------------------------------

    def _pick(self, item: ChoiceItem) -> None:
        if self.multi:
            if item.value == PREFER_NOT_TO_SAY:
                for other in self.items:
                    if other is not item:
                        other.set_selected(False)
            else:
                for other in self.items:
                    if other.value == PREFER_NOT_TO_SAY:
                        other.set_selected(False)
            item.set_selected(not item.selected)
            return
        for other in self.items:
            other.set_selected(other is item)

    @on(ChoiceItem.Picked)
    def _picked(self, event: ChoiceItem.Picked) -> None:
        event.stop()
        self._pick(event.item)

    @on(ChoiceItem.GoOn)
    def _go_on(self, event: ChoiceItem.GoOn) -> None:
        event.stop()
        if not self.multi and not event.item.selected:
            self._pick(event.item)
        self.post_message(self.Confirmed())

    def action_move(self, step: int) -> None:
        focused = self.screen.focused
        if focused not in self.items:
            return
        index = self.items.index(focused) + step
        if 0 <= index < len(self.items):
            self.items[index].focus()


def _same(a: object, b: object) -> bool:
    """Equal and of the same type (so True is not 1, and 1 is not True)."""
    return type(a) is type(b) and a == b
