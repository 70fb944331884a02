"""Between voters: "Thank you — please pass the tablet on", then "I'm ready to vote".

Each voter gets a new one of these, and it shows nothing of anyone's vote: only
which poll is open (or, in a focus-group plan, the question people write ideas
about, or that a secret ranking is on) and that what they give is private.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskScreen
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.catalogues import N_, _

PRIVATE = N_("Your vote is private. Nobody will see how you voted.")


class Note(StrEnum):
    """Why the tablet is being handed on."""

    FIRST = "first"
    THANKS = "thanks"
    NOT_COUNTED = "not-counted"
    CLOSED = "closed"
    NOT_SAVED = "not-saved"
    PROBLEM = "problem"
    FULL = "full"
    NOT_YET = "not-yet"


WORDS: dict[Note, tuple[str, str]] = {
    Note.FIRST: (N_("Voting on this tablet"), N_("Please pass the tablet to the first person.")),
    Note.THANKS: (
        N_("Thank you — please pass the tablet on"),
        N_("Your vote has been counted."),
    ),
    Note.NOT_COUNTED: (
        N_("Please pass the tablet on"),
        N_("Nothing was counted this time. That's fine."),
    ),
    Note.CLOSED: (
        N_("Voting on this poll has finished"),
        N_(
            "Your vote couldn't be counted because the poll has closed. Please pass the tablet "
            "back to the facilitator."
        ),
    ),
    Note.NOT_SAVED: (
        N_("Sorry, that vote couldn't be saved"),
        N_("Please tell the facilitator. Nothing of your vote is shown here."),
    ),
    Note.FULL: (
        N_("This room is full"),
        N_("This room is full — please ask the facilitator. Your vote wasn't counted."),
    ),
    Note.PROBLEM: (
        N_("Sorry, something went wrong"),
        N_("If you had not finished voting, please vote again. Then pass the tablet on."),
    ),
    Note.NOT_YET: (
        N_("Voting hasn't started yet"),
        N_("Please pass the tablet back to the facilitator."),
    ),
}


class Turn(StrEnum):
    """What the person holding the tablet is asked to do."""

    POLL = "poll"
    IDEAS = "ideas"
    RANK = "rank"


IDEA_WORDS: dict[Note, tuple[str, str]] = {
    Note.FIRST: (
        N_("Writing ideas on this tablet"),
        N_("Please pass the tablet to the first person."),
    ),
    Note.THANKS: (N_("Thank you. Please pass the tablet on."), N_("Your idea has been added.")),
    Note.NOT_COUNTED: (
        N_("Please pass the tablet on"),
        N_("Nothing was kept this time. That's fine."),
    ),
    Note.CLOSED: (
        N_("Writing ideas has finished"),
        N_(
            "Writing time is over, so your idea couldn't be added. Please pass the tablet "
            "back to the facilitator."
        ),
    ),
    Note.NOT_YET: (
        N_("Writing ideas hasn't started yet"),
        N_("Please pass the tablet back to the facilitator."),
    ),
    Note.NOT_SAVED: (
        N_("Sorry, that idea couldn't be saved"),
        N_("Please tell the facilitator. Nothing of your idea is shown here."),
    ),
    Note.PROBLEM: (
        N_("Sorry, something went wrong"),
        N_("If you had not finished your idea, please try again. Then pass the tablet on."),
    ),
}
RANK_WORDS: dict[Note, tuple[str, str]] = {
    Note.FIRST: (N_("Choosing on this tablet"), N_("Please pass the tablet to the first person.")),
    Note.THANKS: (
        N_("Thank you. Please pass the tablet on."),
        N_("Your choices have been counted."),
    ),
    Note.NOT_COUNTED: (
        N_("Please pass the tablet on"),
        N_("Nothing was counted this time. That's fine."),
    ),
    Note.CLOSED: (
        N_("This ranking has closed"),
        N_(
            "Choosing has finished, so your choices couldn't be counted. Please pass the "
            "tablet back to the facilitator."
        ),
    ),
    Note.NOT_YET: (
        N_("Choosing hasn't started yet"),
        N_("Please pass the tablet back to the facilitator."),
    ),
    Note.NOT_SAVED: (
        N_("Sorry, your choices couldn't be saved"),
        N_("Please tell the facilitator. Nothing of your choices is shown here."),
    ),
    Note.PROBLEM: (
        N_("Sorry, something went wrong"),
        N_("If you had not finished choosing, please choose again. Then pass the tablet on."),
    ),
}


@dataclass(frozen=True, slots=True)
class TurnWords:
    """The words of the hand-over screen that depend on what people are asked to do."""

    where: str
    question: str
    private: str
    ready: str


TURN_WORDS = {
    Turn.POLL: TurnWords(
        N_("Live poll"), N_("The question: {text}"), PRIVATE, N_("I'm ready to vote")
    ),
    Turn.IDEAS: TurnWords(
        N_("Writing ideas"),
        N_("The question: {text}"),
        N_("Your idea is private. Nobody will see who wrote it."),
        N_("I'm ready"),
    ),
    Turn.RANK: TurnWords(
        N_("Choosing in secret"),
        N_("Choose the ideas that matter most to you. {text}"),
        N_("Your choices are private. Nobody will see how you chose."),
        N_("I'm ready to choose"),
    ),
}


def note_words(note: Note, turn: Turn) -> tuple[str, str]:
    """The title and words for ``note`` after a ``turn`` (a poll's words when it has none)."""
    own = {Turn.IDEAS: IDEA_WORDS, Turn.RANK: RANK_WORDS}.get(turn, WORDS)
    title, body = own.get(note) or WORDS[note]
    return _(title), _(body)


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

    def __init__(
        self, poll_text: str, note: Note, turn: Turn = Turn.POLL, ended: Turn | None = None
    ) -> None:
        """``turn`` is what the next person is asked to do; ``ended`` what the last
        one was asked (the note is about that turn; the same as ``turn`` when None)."""
        super().__init__()
        self.poll_text = poll_text
        self.note = note
        self.turn = turn
        self.ended = turn if ended is None else ended
        self.words = TURN_WORDS[turn]

    def compose(self) -> ComposeResult:
        title, body = note_words(self.note, self.ended)
        words = self.words
        yield Static(_(words.where), classes="where", markup=False)
        with Vertical(id="hand-over"):
            yield Static(title, id="hand-over-title", markup=False)
            yield Static(body, id="hand-over-body", markup=False)
            yield Static(safe_text(self._question()), id="hand-over-poll")
            yield Static(_(words.private), markup=False)
            with Horizontal(id="hand-over-buttons"):
                yield Tap(_(words.ready), id="ready", classes="-main")
                yield Tap(_("Text size and reading aloud"), id="preferences")
        if self.turn is Turn.POLL:
            key = _("Facilitator: press F12 when everyone has voted.")
        else:
            key = _("Facilitator: press F12 when everyone has had a turn.")
        yield Static(key, id="facilitator-key", markup=False)
        yield Toolbar(self.TOOLS)

    def _question(self) -> str:
        return _(self.words.question, text=self.poll_text).strip()

    def on_mount(self) -> None:
        self.query_one("#ready", Tap).focus()

    def narration(self) -> str:
        title, body = note_words(self.note, self.ended)
        words = self.words
        if self.turn is Turn.RANK:
            question = self._question()
        else:
            question = _("The question is: {text}", text=self.poll_text)
        return _(
            "{title}. {body} {question} {private} Press {ready}.",
            title=title.rstrip("."),
            body=body,
            question=question,
            private=_(words.private),
            ready=_(words.ready),
        )

    @on(Tap.Pressed, "#ready")
    def _ready(self) -> None:
        if self.is_current:
            self.dismiss(Ready.VOTE)

    @on(Tap.Pressed, "#preferences")
    def _preferences(self) -> None:
        if self.is_current:
            self.dismiss(Ready.PREFERENCES)
