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
from surveys.plurals import counted

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


# -- the tablet passed round in a focus group -----------------------------------------

IDEA_TURN_TITLE = "Your turn — write one idea, or pass"
IDEA_TURN_HOW = (
    "Type one idea in the box. Then press Send my idea. If you don't want to write "
    "anything, press Pass. Please don't type names or contact details."
)


def ordinal(number: int) -> str:
    """ "1st", "2nd", "3rd", "4th" … "11th", "12th", "13th", "21st"."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def idea_turn(prompt: str, problem: str | None = None) -> str:
    """The "Your turn — write one idea, or pass" screen, read aloud."""
    return join([problem or "", IDEA_TURN_TITLE, f"The question is: {prompt}", IDEA_TURN_HOW])


def dots_left(left: int) -> str:
    """ "4 dots left", "1 dot left", "No dots left"."""
    return "No dots left" if left <= 0 else f"{counted(left, 'dot')} left"


def top_heading(size: int, chosen: int) -> str:
    """What to do next on a top-k ballot: "Choose your 2nd", or that all are chosen."""
    if chosen >= size:
        return "All chosen. Press Send my choices."
    return f"Choose your {ordinal(chosen + 1)}"


TOP_HOW = "Tap an idea to choose it. Tap a chosen idea again to take it off."
DOTS_HOW = "Use + to put a dot on an idea, and − to take it off. An idea can have more than one."


def top_ballot(size: int, ideas: list[str], chosen: list[int], problem: str | None = None) -> str:
    """A top-k ballot, read aloud: what to do, and each idea with its place if chosen.

    ``chosen`` holds the indexes (into ``ideas``) chosen so far, first choice first.
    """
    places = {index: place for place, index in enumerate(chosen)}
    listed = [
        f"{ordinal(places[i] + 1)} choice: {words}" if i in places else words
        for i, words in enumerate(ideas)
    ]
    return join(
        [
            problem or "",
            f"Choose your top {size}, in order",
            top_heading(size, len(chosen)),
            TOP_HOW,
            "The ideas are:",
            *listed,
            "Then press Send my choices",
        ]
    )


def dots_ballot(size: int, ideas: list[str], dots: list[int], problem: str | None = None) -> str:
    """A dots ballot, read aloud: how many are left, and the dots on each idea."""
    listed = [
        f"{words}: {counted(n, 'dot')}" if n else words
        for words, n in zip(ideas, dots, strict=True)
    ]
    return join(
        [
            problem or "",
            f"You have {counted(size, 'dot')} to spend",
            dots_left(size - sum(dots)),
            DOTS_HOW,
            "The ideas are:",
            *listed,
            "Then press Send my choices",
        ]
    )
