"""The passed tablet in a focus group's writing stage: "Your turn — write one idea, or pass".

The stage's question in large words, one large box, and two large targets: "Send my
idea" and "Pass". Nothing is kept here: the screen returns what was typed (or that
the person passed) and the console's pass-the-tablet sends it. What is typed is
shown exactly as typed (``TextAnswer`` draws control characters as symbols).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from accessibility import screen_narration
from kiosk.messages import Say
from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskScreen
from kiosk.widgets.big_label import BigLabel
from kiosk.widgets.paging import outer_height
from kiosk.widgets.tap import Tap
from kiosk.widgets.text_answer import TextAnswer
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.catalogues import N_, _
from surveys.ideas import MOST_WORDS
from surveys.model import Kind, Question

WRITE_FIRST = N_("Please write an idea first, or press Pass.")


class IdeaMove(StrEnum):
    """How the person left their turn."""

    SEND = "send"
    PASS = "pass"  # noqa: S105 — a move, not a password
    BACK = "back"


@dataclass(frozen=True, slots=True)
class IdeaOutcome:
    """The person's move, with their words when they chose to send them."""

    move: IdeaMove
    text: str = ""


class IdeaTurnScreen(KioskScreen[IdeaOutcome]):
    """One person's turn to write an idea; returns an ``IdeaOutcome``."""

    TOOLS = frozenset({Tool.BACK, Tool.READ, Tool.MEANING, Tool.SETTINGS, Tool.BREAK, Tool.STOP})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send my idea", show=False),
    ]
    DEFAULT_CSS = """
    IdeaTurnScreen > #idea-prompt {
        height: auto;
        max-height: 30%;
        overflow-y: auto;
        padding: 0 2;
    }
    IdeaTurnScreen > #idea-body {
        height: 1fr;
        padding: 0 2;
        scrollbar-size-vertical: 1;
    }
    IdeaTurnScreen > .actions > Tap {
        width: 1fr;
        max-width: 30;
        margin: 0 0 0 1;
    }
    IdeaTurnScreen.-short TextAnswer .no-names {
        margin: 0;
    }
    """

    def __init__(self, prompt: str, *, text: str = "", message: str | None = None) -> None:
        super().__init__()
        self.prompt = prompt
        self.first_message = message
        question = Question(id="idea", kind=Kind.LONGTEXT, text=prompt, max_length=MOST_WORDS)
        self.answer = TextAnswer(question, text)

    def compose(self) -> ComposeResult:
        yield Static(screen_narration.IDEA_TURN_TITLE, classes="where", markup=False)
        with VerticalScroll(id="idea-prompt"):
            yield BigLabel(self.prompt, max_share=0.3, classes="question-text", id="question-text")
        with VerticalScroll(id="idea-body"):
            yield self.answer
            yield Static(safe_text(self.first_message or ""), classes="note", id="note")
        with Horizontal(classes="actions"):
            yield Tap(_("Pass"), id="pass")
            yield Tap(_("Send my idea ▶"), id="send", classes="-main")
        yield Toolbar(self.TOOLS)

    def on_mount(self) -> None:
        self.query_one("#note").display = bool(self.first_message)
        self.answer.focus_first()
        self.call_after_refresh(self._fit)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """On a small screen the box gets shorter, so Send and Pass stay in view."""
        if not self.is_attached:
            return
        body = self.query_one("#idea-body")
        note = self.query_one("#note", Static)
        width = body.content_region.width
        rows = body.content_region.height - (outer_height(note, width) if note.display else 0)
        if rows > 0:
            self.answer.fit_height(rows)

    # -- what it says --------------------------------------------------------------

    def typed(self) -> str:
        """What is in the box now."""
        return str(self.answer.raw_answer())

    def narration(self) -> str:
        return screen_narration.idea_turn(self.prompt, self.first_message)

    def meaning(self) -> tuple[str | None, str]:
        return screen_narration.IDEA_TURN_HOW, f"{self.prompt}\n{self.narration()}"

    def show_note(self, message: str) -> None:
        """A kind word under the box, read aloud too."""
        note = self.query_one("#note", Static)
        note.update(safe_text(message))
        note.display = True
        self.call_after_refresh(self._fit)
        self.post_message(Say(message))

    # -- moves ---------------------------------------------------------------------

    def action_send(self) -> None:
        if not self.is_current:
            return
        text = self.typed()
        if not text.strip():
            self.show_note(_(WRITE_FIRST))
            return
        self.dismiss(IdeaOutcome(IdeaMove.SEND, text))

    @on(Tap.Pressed, "#send")
    def _send(self) -> None:
        self.action_send()

    @on(Tap.Pressed, "#pass")
    def _pass(self) -> None:
        if self.is_current:
            self.dismiss(IdeaOutcome(IdeaMove.PASS))

    def tool_back(self) -> None:
        self.dismiss(IdeaOutcome(IdeaMove.BACK))
