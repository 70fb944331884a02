"""Between voters: "Thank you — please pass the tablet on", then "I'm ready to vote".

Each voter gets a new one of these, and it shows nothing of anyone's vote: only
which poll is open and that votes are private.
"""

from __future__ import annotations

from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskScreen
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar

PRIVATE = "Your vote is private. Nobody will see how you voted."


class Note(StrEnum):
    """Why the tablet is being handed on."""

    FIRST = "first"
    THANKS = "thanks"
    NOT_COUNTED = "not-counted"
    CLOSED = "closed"
    NOT_SAVED = "not-saved"
    PROBLEM = "problem"
    FULL = "full"


WORDS: dict[Note, tuple[str, str]] = {
    Note.FIRST: ("Voting on this tablet", "Please pass the tablet to the first person."),
    Note.THANKS: (
        "Thank you — please pass the tablet on",
        "Your vote has been counted.",
    ),
    Note.NOT_COUNTED: ("Please pass the tablet on", "Nothing was counted this time. That's fine."),
    Note.CLOSED: (
        "Voting on this poll has finished",
        "Your vote couldn't be counted because the poll has closed. Please pass the tablet "
        "back to the facilitator.",
    ),
    Note.NOT_SAVED: (
        "Sorry, that vote couldn't be saved",
        "Please tell the facilitator. Nothing of your vote is shown here.",
    ),
    Note.FULL: (
        "This room is full",
        "This room is full — please ask the facilitator. Your vote wasn't counted.",
    ),
    Note.PROBLEM: (
        "Sorry, something went wrong",
        "If you had not finished voting, please vote again. Then pass the tablet on.",
    ),
}


class Ready(StrEnum):
    """What the next person chose."""

    VOTE = "vote"
    PREFERENCES = "preferences"


class HandOverScreen(KioskScreen[Ready]):
    """Returns ``Ready.VOTE`` or ``Ready.PREFERENCES``."""

    TOOLS = frozenset({Tool.READ})
    IDLE_WATCH = False

    DEFAULT_CSS = """
    HandOverScreen #hand-over {
        height: auto;
        width: 100%;
        padding: 1 2;
    }
    HandOverScreen #hand-over > Static {
        width: 100%;
        margin: 0 0 1 0;
    }
    HandOverScreen #hand-over-title {
        text-style: bold;
    }
    HandOverScreen #hand-over-poll {
        color: $foreground 80%;
    }
    HandOverScreen #hand-over-buttons {
        height: auto;
    }
    HandOverScreen #hand-over-buttons > Tap {
        width: 1fr;
        margin: 0 1 0 0;
    }
    HandOverScreen #facilitator-key {
        dock: bottom;
        margin: 0 0 3 0;
        padding: 0 2;
        color: $foreground 60%;
    }
    """

    def __init__(self, poll_text: str, note: Note) -> None:
        super().__init__()
        self.poll_text = poll_text
        self.note = note

    def compose(self) -> ComposeResult:
        title, body = WORDS[self.note]
        yield Static("Live poll", classes="where", markup=False)
        with Vertical(id="hand-over"):
            yield Static(title, id="hand-over-title", markup=False)
            yield Static(body, id="hand-over-body", markup=False)
            yield Static(safe_text(f"The question: {self.poll_text}"), id="hand-over-poll")
            yield Static(PRIVATE, markup=False)
            with Horizontal(id="hand-over-buttons"):
                yield Tap("I'm ready to vote", id="ready", classes="-main")
                yield Tap("Text size and reading aloud", id="preferences")
        yield Static("Facilitator: press F12 when everyone has voted.", id="facilitator-key")
        yield Toolbar(self.TOOLS)

    def on_mount(self) -> None:
        self.query_one("#ready", Tap).focus()

    def narration(self) -> str:
        title, body = WORDS[self.note]
        question = f"The question is: {self.poll_text}"
        return f"{title}. {body} {question} {PRIVATE} Press I'm ready to vote."

    @on(Tap.Pressed, "#ready")
    def _ready(self) -> None:
        if self.is_current:
            self.dismiss(Ready.VOTE)

    @on(Tap.Pressed, "#preferences")
    def _preferences(self) -> None:
        if self.is_current:
            self.dismiss(Ready.PREFERENCES)
