"""The contract between a question screen and the widget that takes the answer.

A widget shows the question's answer area and reports what the person has chosen
so far as a *raw* answer; the screen checks it with ``surveys.kinds.check_answer``
and the session stores it. Widgets never store anything themselves.
"""

from __future__ import annotations

from typing import ClassVar

from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget

from kiosk.problems import Guarded
from surveys.model import AnswerValue, Question


class AnswerWidget(Guarded, Vertical):
    """Base for the answer area of one kind of question."""

    DEFAULT_CSS = """
    AnswerWidget {
        height: auto;
        width: 100%;
    }
    """

    DIGITS_CHOOSE: ClassVar[bool] = False
    """True when number keys choose an option here (read aloud as "Press a number")."""

    class Confirmed(Message):
        """The person pressed Enter to go on with the answer as it is."""

    def __init__(self, question: Question, previous: AnswerValue | None) -> None:
        super().__init__(classes=f"answer-{question.kind.value}")
        self.question = question
        self.previous = previous

    def raw_answer(self) -> object:
        """What the person has given so far, as ``check_answer`` expects it."""
        return None

    def nothing_yet(self, *, skip: bool) -> str | None:
        """A kind message (in the screen's language) when nothing deliberate is given
        yet but ``raw_answer`` can't say so in the usual way (an order nobody touched),
        mentioning Skip only when ``skip``; None to use the usual one."""
        return None

    def choose_number(self, number: int) -> bool:
        """A digit key was pressed; True when this widget used it."""
        return False

    def focus_target(self) -> Widget | None:
        """The widget where answering starts (None: nothing to focus here)."""
        return None

    def focus_first(self) -> None:
        """Put the keyboard focus where answering starts."""
        target = self.focus_target()
        if target is not None:
            target.focus()

    def page_pieces(self) -> list[Widget]:
        """The pieces a long answer area is paged by (none: it is never paged)."""
        return []

    def fit_height(self, rows: int) -> None:
        """Shrink to ``rows`` where the answer area can (an answer that is never paged)."""

    def page_words(self, shown: list[Widget]) -> str:
        """The count for a page showing ``shown`` ("Choices 1–4 of 6")."""
        return ""
