"""What the kiosk's screens show and read aloud, built on ``accessibility.narration``.

The words for questions, consent, help, errors, review, break, "Are you still
there?" and thank-you are the accessibility layer's own, so what is read aloud is
tested without the App and the screens number choices the same way. This module
adds the few screens only the kiosk has (the welcome and "How would you like to
take part?") and the choices as the screens draw them.
"""

from __future__ import annotations

from accessibility import narration
from accessibility.narration import answer_words, choices_for, sentence
from surveys.model import PREFER_NOT_TO_SAY, AnswerValue, Kind, Question, Survey

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


def _join(parts: list[str]) -> str:
    return " ".join(part for part in (sentence(p) for p in parts) if part)


def welcome_narration(survey: Survey) -> str:
    """The welcome screen: the survey, who runs it, and how to begin."""
    who = f"It is run by {survey.run_by}" if survey.run_by else ""
    return _join([survey.title, who, survey.intro, "Press Enter to start"])


PREFERENCES_INTRO = (
    "How would you like to take part? You can choose the text size, have the screen "
    "read aloud, choose how fast it reads, and choose the colours. Each choice shows "
    "straight away. Press Next when you are ready. You can change these at any time "
    "with Text and sound."
)


def preferences_narration(problem: str | None = None) -> str:
    """The "How would you like to take part?" screen (and the Text and sound box)."""
    return _join([PREFERENCES_INTRO, problem or ""])


def help_narration(help_text: str | None, terms: list[tuple[str, str]], ask: str) -> str:
    """ "What does this mean?": the screen's help, then each hard word explained.

    For a question this is exactly ``narration.help_text(question, terms)``; with
    nothing to explain it says who to ask.
    """
    parts = [help_text or "", *(f"{term}: {meaning}" for term, meaning in terms)]
    if not any(parts):
        parts = [f"There is no extra help for this page. You can ask {ask}"]
    return _join(parts)


def question_narration(
    question: Question, number: int, total: int, answer: AnswerValue | None = None
) -> str:
    """One question: where you are, the question, numbered choices, how to answer."""
    return narration.question_screen(question, number, total, answer)


def thanks_narration(spoken_code: str | None, contact: str, withdraw_days: int) -> str:
    """The thank-you screen, with the receipt code read a character at a time in groups.

    ``spoken_code`` is the code as ``surveys.receipts.spoken`` says it ("7 K 3 Q D.
    M 9 X T A"); receipt codes are letters and digits only, so it turns back into
    the code exactly.
    """
    if spoken_code is None:
        return "That's fine. Nothing you did here has been kept. Thank you for stopping by."
    code = "-".join(group.replace(" ", "") for group in spoken_code.split(". "))
    return narration.thank_you(code, contact, withdraw_days)


__all__ = [
    "SKIPPED",
    "answer_words",
    "choice_labels",
    "help_narration",
    "preferences_narration",
    "progress_words",
    "question_narration",
    "thanks_narration",
    "welcome_narration",
]
