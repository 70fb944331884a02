"""What each screen says when read aloud, and the words for answers and help.

Plain Python with no Textual import, so it can move to ``accessibility`` whole.
Every screen's spoken text is built here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from surveys.kinds import choices
from surveys.model import PREFER_NOT_TO_SAY, AnswerValue, Kind, Question, Survey
from surveys.session import ReviewItem

SKIPPED = "Skipped"


def progress_words(number: int, total: int, *, asks: bool = True) -> str:
    """Where the person is, without pressure: "Question 3 of 8"."""
    if not asks or total == 0:
        return "Information"
    return f"Question {number} of {total}"


def option_words(question: Question, value: str) -> str:
    """The words shown for one stored choice."""
    if value == PREFER_NOT_TO_SAY:
        return PREFER_NOT_TO_SAY
    return question.label_for(value)


def scale_words(question: Question, point: int) -> str:
    """The words for a point on the agree scale (1 is the first label)."""
    return question.scale_labels[point - 1]


def answer_words(question: Question, value: AnswerValue | None) -> str:
    """An answer as the person would say it, for "Check your answers" and reading aloud."""
    if value is None:
        return SKIPPED
    if value == PREFER_NOT_TO_SAY:
        return PREFER_NOT_TO_SAY
    kind = question.kind
    if kind is Kind.SINGLE and isinstance(value, str):
        return option_words(question, value)
    if kind is Kind.MULTI and isinstance(value, tuple):
        return ", ".join(option_words(question, item) for item in value)
    if kind is Kind.RANKING and isinstance(value, tuple):
        return "; ".join(
            f"{place}. {option_words(question, item)}" for place, item in enumerate(value, 1)
        )
    if kind is Kind.SCALE and isinstance(value, int) and not isinstance(value, bool):
        return scale_words(question, value)
    if kind is Kind.RATING and isinstance(value, int) and not isinstance(value, bool):
        return f"{value} out of 10"
    if kind is Kind.YESNO and isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def choice_labels(question: Question) -> list[tuple[object, str]]:
    """(stored value, words) for every button a choice-like question shows, in order."""
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.MULTI):
        return [(value, option_words(question, value)) for value in choices(question)]
    extra: list[tuple[object, str]] = (
        [(PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY)] if question.prefer_not_to_say else []
    )
    if kind is Kind.SCALE:
        return [(i, label) for i, label in enumerate(question.scale_labels, 1)] + extra
    if kind is Kind.YESNO:
        return [(True, "Yes"), (False, "No"), *extra]
    if kind is Kind.RATING:
        return [(n, str(n)) for n in range(11)] + extra
    if kind is Kind.RANKING:
        return [(option.value, option.label) for option in question.options]
    return []


def glossary_matches(glossary: Mapping[str, str], text: str) -> list[tuple[str, str]]:
    """Glossary words that appear in ``text`` (whole words, any case), in glossary order."""
    found: list[tuple[str, str]] = []
    for word, meaning in glossary.items():
        pattern = r"(?<!\w)" + r"[\s-]+".join(map(re.escape, word.split())) + r"(?!\w)"
        if re.search(pattern, text, flags=re.IGNORECASE):
            found.append((word, meaning))
    return found


# -- what each screen says ---------------------------------------------------------


def welcome_narration(survey: Survey) -> str:
    """The welcome screen."""
    who = f" It is run by {survey.run_by}." if survey.run_by else ""
    return f"Welcome. {survey.title}.{who} {survey.intro} Press Start when you are ready."


def preferences_narration() -> str:
    """The "How would you like to take part?" screen."""
    return (
        "How would you like to take part? You can choose the text size, "
        "have the screen read aloud, and choose the colours. "
        "Press Next when you are ready. You can change these later."
    )


def consent_narration(text: str, ticks: Sequence[str]) -> str:
    """The consent screen."""
    extra = ""
    if ticks:
        extra = " You can also choose: " + " ".join(ticks) + "."
    return f"{text}{extra} Choose Yes, I agree, or No thanks."


def question_narration(question: Question, number: int, total: int) -> str:
    """One question, with its choices numbered as on screen."""
    where = progress_words(number, total, asks=question.asks)
    parts = [f"{where}.", question.text]
    if question.kind is Kind.INFO:
        parts.append("Press Next to go on.")
        return " ".join(parts)
    if question.kind is Kind.RATING:
        low = f", {question.low_label}" if question.low_label else ""
        high = f", {question.high_label}" if question.high_label else ""
        parts.append(f"Choose a number from 0{low}, to 10{high}.")
    elif question.kind in (Kind.TEXT, Kind.LONGTEXT):
        parts.append("Type your answer. Please don't type names or contact details.")
    elif question.kind is Kind.RANKING:
        parts.append("Put these in order, most important first:")
        parts.extend(f"{label}." for _, label in choice_labels(question))
    else:
        if question.kind is Kind.MULTI:
            parts.append("Choose all that apply.")
        parts.extend(f"{n}: {label}." for n, (_, label) in enumerate(choice_labels(question), 1))
    if not question.required:
        parts.append("You can skip this question.")
    return " ".join(parts)


def review_narration(items: Sequence[ReviewItem]) -> str:
    """The "Check your answers" screen."""
    lines = ["Check your answers."]
    for item in items:
        lines.append(f"{item.question.text} {answer_words(item.question, item.answer)}.")
    lines.append("Press Send my answers when you are ready, or Change to change one.")
    return " ".join(lines)


def thanks_narration(spoken_code: str | None, contact: str, withdraw_days: int) -> str:
    """The thank-you screen, with the receipt code read out one character at a time."""
    if spoken_code is None:
        return "That's fine. Nothing you did here has been kept. Thank you for stopping by."
    return (
        "Thank you. Your answers have been sent. "
        f"Your receipt code is: {spoken_code}. "
        f"If you change your mind, give this code to {contact} "
        f"within {withdraw_days} days and your answers will be deleted."
    )


def break_narration() -> str:
    """The take-a-break screen."""
    return "Take as long as you need. Your answers are kept here until you come back."
