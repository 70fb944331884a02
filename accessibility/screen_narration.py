"""What the kiosk's screens draw as well as read aloud, built on ``accessibility.narration``.

The words for the welcome, questions, consent, help, errors, review, break, "Are
you still there?" and thank-you screens are in ``accessibility.narration`` (screens
call it directly), so what is read aloud is tested without the App and the screens
number choices the same way. This module adds the words a screen both shows and
says: where the person is ("Question 3 of 8"), the choices as they are drawn, and
"How would you like to take part?". No Textual here: it is plain text.
"""

from __future__ import annotations

from accessibility.narration import choices_for, join
from surveys.model import PREFER_NOT_TO_SAY, AnswerValue, Kind, Question

SKIPPED = "Skipped"


def progress_words(number: int, total: int, *, asks: bool = True) -> str:
    """Where the person is, without pressure: "Question 3 of 8"."""
    if not asks or total == 0:
        return "Information"
    return f"Question {number} of {total}"


def choice_labels(question: Question) -> list[tuple[AnswerValue, str]]:
    """(stored value, words) for every choice a question shows, in order and numbered
    as read aloud (``narration.choices_for``); a 0–10 rating shows each number."""
    if question.kind is Kind.RATING:
        extra: list[tuple[AnswerValue, str]] = (
            [(PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY)] if question.prefer_not_to_say else []
        )
        return [(n, str(n)) for n in range(11)] + extra
    return [(choice.value, choice.label) for choice in choices_for(question)]


PREFERENCES_INTRO = (
    "How would you like to take part? You can choose the text size, have the screen "
    "read aloud, choose how fast it reads, and choose the colours. Each choice shows "
    "straight away. Press Next when you are ready. You can change these at any time "
    "with Text and sound."
)


def preferences_narration(problem: str | None = None) -> str:
    """The "How would you like to take part?" screen (and the Text and sound box)."""
    return join([PREFERENCES_INTRO, problem or ""])
