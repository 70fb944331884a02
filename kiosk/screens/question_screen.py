"""One question per screen, with the answer widget for its kind.

The screen checks the answer with ``check_answer`` so a kind message can be shown
in place; the App hands the accepted answer to the session, which decides what
comes next. On the first question of a section with a content note (a warning
before a hard topic), the note is shown above the answers and read first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from accessibility import narration
from kiosk.narration import progress_words
from kiosk.safe_text import safe_text
from kiosk.screens.base import KioskScreen, Say
from kiosk.spoken_keys import keys_from
from kiosk.widgets.answer_base import AnswerWidget
from kiosk.widgets.answers import answer_widget
from kiosk.widgets.big_label import BigLabel
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.errors import SKIP_HINT, AnswerCode, AnswerError
from surveys.kinds import check_answer
from surveys.model import AnswerValue, Question

FIRST_QUESTION = "This is the first question, so there is nothing to go back to."


class Move(StrEnum):
    """How the person left a question."""

    ANSWER = "answer"
    SKIP = "skip"
    BACK = "back"
    NEXT = "next"


@dataclass(frozen=True, slots=True)
class QuestionOutcome:
    """The person's move, with the checked answer when they answered."""

    move: Move
    answer: AnswerValue | None = None


class QuestionScreen(KioskScreen[QuestionOutcome]):
    """Shows one question; returns a ``QuestionOutcome``."""

    TOOLS = frozenset(Tool)
    DEFAULT_CSS = """
    /* The content note: text on a panel, with a line at its side for high contrast too. */
    QuestionScreen #content-note {
        width: 100%;
        height: auto;
        background: $surface;
        color: $foreground;
        border-left: heavy $primary;
        padding: 0 1;
        margin: 0 0 1 0;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "Go on", show=False),
        *(Binding(str(n), f"digit({n})", show=False) for n in range(10)),
    ]

    def __init__(
        self,
        question: Question,
        *,
        number: int,
        total: int,
        previous: AnswerValue | None = None,
        can_go_back: bool = True,
        section: str | None = None,
        content_note: str | None = None,
        message: str | None = None,
        fewest: int | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.number = number
        self.total = total
        self.fewest = fewest
        """With ``total``, the range of questions when some show only after certain answers."""
        self.can_go_back = can_go_back
        self.section = section
        self.content_note = content_note
        self.first_message = message
        self.previous = previous
        self.answer = answer_widget(question, previous)

    def compose(self) -> ComposeResult:
        where = progress_words(self.number, self.total, asks=self.question.asks)
        if self.question.asks and self.total:
            where = narration.progress_text(self.number, self.total, self.fewest)
        if self.section:
            where = f"{where}  ·  {self.section}"
        yield Static(safe_text(where, one_line=True), classes="where")
        # The question stays in view while a long list of answers scrolls beneath it; at
        # the largest size it is drawn big only when that takes under a third of the screen.
        yield BigLabel(
            self.question.text, max_share=0.3, classes="question-text", id="question-text"
        )
        with VerticalScroll(classes="body", id="question-body"):
            if self.content_note:
                yield Static(safe_text(self.content_note), id="content-note")
            yield self.answer
            yield Static(safe_text(self.first_message or ""), classes="note", id="note")
        with Horizontal(classes="actions"):
            yield Tap("Next ▶", id="next", classes="-main")
        faded = set()
        if not self.can_go_back:
            faded.add(Tool.BACK)
        if not self.can_skip:
            faded.add(Tool.SKIP)
        yield Toolbar(self.TOOLS, faded=faded)

    def on_mount(self) -> None:
        if self.question.asks:
            self.answer.focus_first()
        else:
            self.query_one("#next", Tap).focus()

    # -- what it says --------------------------------------------------------------

    def current_answer(self) -> AnswerValue | None:
        """The answer as given on screen so far (checked), else the one given before."""
        if not self.question.asks:
            return None
        try:
            return check_answer(self.question, self.answer.raw_answer())
        except AnswerError:
            return self.previous

    def spoken_keys(self) -> narration.Keys:
        """The keys this screen really has from where the focus is (or will start)."""
        target = self.focused or self.answer.focus_target() or self.query_one("#next", Tap)
        return keys_from(
            target,
            digits_choose=self.answer.DIGITS_CHOOSE,
            after_tab=self.query_one("#next", Tap),
        )

    def narration(self) -> str:
        spoken = narration.question_screen(
            self.question,
            self.number,
            self.total,
            self.current_answer(),
            self.spoken_keys(),
            fewest=self.fewest,
        )
        if self.first_message:
            spoken = f"{narration.error(self.first_message)} {spoken}"
        if self.content_note:
            spoken = f"{narration.section_intro(self.section, self.content_note)} {spoken}"
        return spoken

    @property
    def can_skip(self) -> bool:
        """True when this question may be skipped."""
        return self.question.asks and not self.question.required

    def meaning(self) -> tuple[str | None, str]:
        question = self.question
        words = [
            self.content_note or "",
            question.text,
            *(option.label for option in question.options),
        ]
        words += [label for label in (question.low_label, question.high_label) if label]
        return question.help, "\n".join(words)

    def show_note(self, message: str) -> None:
        """Show a kind message under the answer (never alarming), and read it aloud."""
        note = self.query_one("#note", Static)
        note.update(safe_text(message))
        note.scroll_visible(animate=False)
        self.post_message(Say(narration.error(message)))

    # -- moves ---------------------------------------------------------------------

    def action_confirm(self) -> None:
        if not self.question.asks:
            self.dismiss(QuestionOutcome(Move.NEXT))
            return
        untouched = self.answer.nothing_yet("" if self.question.required else SKIP_HINT)
        if untouched is not None:
            self.show_note(untouched)
            return
        try:
            value = check_answer(self.question, self.answer.raw_answer())
        except AnswerError as error:
            self.show_note(error.message)
            return
        self.dismiss(QuestionOutcome(Move.ANSWER, value))

    def action_digit(self, number: int) -> None:
        self.answer.choose_number(number)

    @on(AnswerWidget.Confirmed)
    def _confirmed(self, event: AnswerWidget.Confirmed) -> None:
        event.stop()
        self.action_confirm()

    @on(Tap.Pressed, "#next")
    def _next(self) -> None:
        self.action_confirm()

    def tool_back(self) -> None:
        if not self.can_go_back:
            self.show_note(FIRST_QUESTION)
            return
        self.dismiss(QuestionOutcome(Move.BACK))

    def tool_skip(self) -> None:
        if not self.question.asks:
            self.dismiss(QuestionOutcome(Move.NEXT))
        elif self.question.required:
            self.show_note(AnswerCode.REQUIRED.format())
        else:
            self.dismiss(QuestionOutcome(Move.SKIP))
