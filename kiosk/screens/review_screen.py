""" "Check your answers": every answer (or "Skipped") with a way to change it, then Send."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from accessibility import narration
from kiosk.narration import SKIPPED, answer_words
from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskScreen, Say
from kiosk.spoken_keys import bindings_along
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.session import ReviewItem

NOTHING_TO_SKIP = "There's nothing to skip here. Press Send my answers when you are ready."


class ReviewMove(StrEnum):
    """What the person chose on the review."""

    SEND = "send"
    CHANGE = "change"
    BACK = "back"


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """The choice, with the question to change when changing."""

    move: ReviewMove
    question_id: str | None = None


class ReviewScreen(KioskScreen[ReviewOutcome]):
    """Shows the answers, numbered as read aloud; returns a ``ReviewOutcome``.

    A number key changes that answer, as the narration says. Send needs its own press.
    """

    TOOLS = frozenset(Tool)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"change({n})", show=False) for n in range(1, 10)
    ]

    DEFAULT_CSS = """
    ReviewScreen .item {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 1;
        background: $surface;
        color: $foreground;
    }
    ReviewScreen .item-text {
        height: auto;
        width: 1fr;
    }
    ReviewScreen .item-answer {
        height: auto;
        width: 1fr;
        padding: 0 0 0 2;
        text-style: bold;
    }
    ReviewScreen .item-answer.-skipped {
        text-style: italic;
        color: $text-muted;
    }
    ReviewScreen .item-row {
        height: auto;
    }
    ReviewScreen .item-row > Tap {
        width: 12;
        height: 3;
    }
    """

    def __init__(self, items: list[ReviewItem], *, message: str | None = None) -> None:
        super().__init__()
        self.items = items
        self.first_message = message

    def compose(self) -> ComposeResult:
        yield Static("Check your answers", classes="where", markup=False)
        with VerticalScroll(classes="body", id="review-body"):
            yield Static(
                "Here is what you said. You can change any answer before you send.",
                classes="question-text",
                markup=False,
            )
            for index, item in enumerate(self.items):
                words = answer_words(item.question, item.answer)
                answer = Static(
                    safe_text(words) if not item.skipped else Text(SKIPPED),
                    classes="item-answer" + (" -skipped" if item.skipped else ""),
                )
                with (
                    Vertical(classes="item", id=f"item-{index}"),
                    Horizontal(classes="item-row"),
                ):
                    with Vertical(classes="item-text"):
                        yield Static(
                            safe_text(f"{index + 1}. {item.question.text}"),
                            classes="item-question",
                        )
                        yield answer
                    yield Tap("Change", id=f"change-{index}")
            yield Static(safe_text(self.first_message or ""), classes="note", id="note")
        with Horizontal(classes="actions"):
            yield Tap("Send my answers", id="send", classes="-main")
        yield Toolbar(self.TOOLS, faded={Tool.SKIP})

    def on_mount(self) -> None:
        # Focus starts on the first answer, never on Send: a key pressed on arrival
        # (the Enter that finished the last question, a Space) must not send.
        changes = self.query(".item-row > Tap")
        (changes.first() if changes else self.query_one("#send", Tap)).focus()
        if self.first_message:
            self.query_one("#note").scroll_visible(animate=False)

    def narration(self) -> str:
        numbers = bindings_along(self).get("1", "").startswith("change(")
        spoken = narration.review_screen(self.items, numbers_change=numbers)
        if self.first_message:
            spoken = f"{narration.error(self.first_message)} {spoken}"
        return spoken

    def meaning(self) -> tuple[str | None, str]:
        return (
            "These are your answers. Press Change next to one to change it. "
            "When you are happy, press Send my answers.",
            " ".join(item.question.text for item in self.items),
        )

    def action_change(self, number: int) -> None:
        if 1 <= number <= len(self.items):
            self.dismiss(ReviewOutcome(ReviewMove.CHANGE, self.items[number - 1].question.id))

    @on(Tap.Pressed, "#send")
    def _send(self) -> None:
        self.dismiss(ReviewOutcome(ReviewMove.SEND))

    @on(Tap.Pressed)
    def _change(self, event: Tap.Pressed) -> None:
        tap_id = event.tap.id or ""
        if tap_id.startswith("change-"):
            event.stop()
            item = self.items[int(tap_id.removeprefix("change-"))]
            self.dismiss(ReviewOutcome(ReviewMove.CHANGE, item.question.id))

    def tool_back(self) -> None:
        self.dismiss(ReviewOutcome(ReviewMove.BACK))

    def tool_skip(self) -> None:
        self.query_one("#note", Static).update(NOTHING_TO_SKIP)
        self.post_message(Say(narration.error(NOTHING_TO_SKIP)))
