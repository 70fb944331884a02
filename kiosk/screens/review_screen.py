""" "Check your answers": every answer (or "Skipped") with a way to change it, then Send."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from kiosk.narration import SKIPPED, answer_words, review_narration
from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskScreen
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.session import ReviewItem


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
    """Shows the answers; returns a ``ReviewOutcome``."""

    TOOLS = frozenset(Tool)

    DEFAULT_CSS = """
    ReviewScreen .item {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 1;
        background: $surface;
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
        color: $foreground 75%;
    }
    ReviewScreen .item-row {
        height: auto;
    }
    ReviewScreen .item-row > Tap {
        width: 12;
        height: 3;
        background: $panel;
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
                        yield Static(safe_text(item.question.text), classes="item-question")
                        yield answer
                    yield Tap("Change", id=f"change-{index}")
            yield Static(safe_text(self.first_message or ""), classes="note", id="note")
        with Horizontal(classes="actions"):
            yield Tap("Send my answers", id="send", classes="-main")
        yield Toolbar(self.TOOLS, faded={Tool.SKIP})

    def on_mount(self) -> None:
        self.query_one("#send", Tap).focus()
        if self.first_message:
            self.query_one("#note").scroll_visible(animate=False)

    def narration(self) -> str:
        return review_narration(self.items)

    def meaning(self) -> tuple[str | None, str]:
        return (
            "These are your answers. Press Change next to one to change it. "
            "When you are happy, press Send my answers.",
            " ".join(item.question.text for item in self.items),
        )

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
        self.query_one("#note", Static).update(
            "There's nothing to skip here. Press Send my answers when you are ready."
        )
