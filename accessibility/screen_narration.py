"""What the kiosk's screens draw as well as read aloud, built on ``accessibility.narration``.

The words for the welcome, questions, consent, help, errors, review, break, "Are
you still there?" and thank-you screens are in ``accessibility.narration`` (screens
call it directly), so what is read aloud is tested without the App and the screens
number choices the same way. This module adds the words a screen both shows and
says: where the person is ("Question 3 of 8"), the choices as they are drawn, and
"How would you like to take part?". No Textual here: it is plain text. Every
sentence is a message in the ``aids`` catalogue, said in the kiosk screen's language.
"""

from __future__ import annotations

from accessibility.narration import PREFER_NOT_TO_SAY_WORDS, choices_for, join, place
from accessibility.sentences import SEND_MY_CHOICES, speaking
from surveys.catalogues import N_, Words, _, n_
from surveys.model import PREFER_NOT_TO_SAY, AnswerValue, Kind, Question

SKIPPED = N_("Skipped")


def progress_words(number: int, total: int, *, asks: bool = True) -> str:
    """Where the person is, without pressure: "Question 3 of 8"."""
    if not asks or total == 0:
        return _("Information")
    return _("Question {number} of {total}", number=number, total=total)


def choice_labels(question: Question, words: Words | None = None) -> list[tuple[AnswerValue, str]]:
    """(stored value, words) for every choice a question shows, in order and numbered
    as read aloud (``narration.choices_for``); a 0–10 rating shows each number."""
    if question.kind is Kind.RATING:
        extra: list[tuple[AnswerValue, str]] = (
            [(PREFER_NOT_TO_SAY, speaking(words)(PREFER_NOT_TO_SAY_WORDS))]
            if question.prefer_not_to_say
            else []
        )
        return [(n, str(n)) for n in range(11)] + extra
    return [(choice.value, choice.label) for choice in choices_for(question, words)]


PREFERENCES_INTRO = N_(
    "How would you like to take part? You can choose the text size, have the screen "
    "read aloud, choose how fast it reads, and choose the colours. Each choice shows "
    "straight away. Press Next when you are ready. You can change these at any time "
    "with Text and sound."
)


def preferences_narration(problem: str | None = None) -> str:
    """The "How would you like to take part?" screen (and the Text and sound box)."""
    return join([_(PREFERENCES_INTRO), problem or ""])


# -- the tablet passed round in a focus group -----------------------------------------

IDEA_TURN_TITLE = N_("Your turn — write one idea, or pass")
IDEA_TURN_HOW = N_(
    "Type one idea in the box. Then press Send my idea. If you don't want to write "
    "anything, press Pass. Please don't type names or contact details."
)


def ordinal(number: int) -> str:
    """ "1st", "2nd", "3rd", "4th" … "11th", "12th", "13th", "21st" (in English)."""
    return place(number)


def idea_turn(prompt: str, problem: str | None = None) -> str:
    """The "Your turn — write one idea, or pass" screen, read aloud."""
    return join(
        [
            problem or "",
            _(IDEA_TURN_TITLE),
            _("The question is: {question}", question=prompt),
            _(IDEA_TURN_HOW),
        ]
    )


def dots_left(left: int) -> str:
    """ "4 dots left", "1 dot left", "No dots left"."""
    if left <= 0:
        return _("No dots left")
    return n_("{count} dot left", "{count} dots left", left)


def top_heading(size: int, chosen: int) -> str:
    """What to do next on a top-k ballot: "Choose your 2nd", or that all are chosen."""
    if chosen >= size:
        return _("All chosen. Press {button}.", button=_(SEND_MY_CHOICES))
    return _("Choose your {place}", place=ordinal(chosen + 1))


TOP_HOW = N_("Tap an idea to choose it. Tap a chosen idea again to take it off.")
DOTS_HOW = N_(
    "Use + to put a dot on an idea, and − to take it off. An idea can have more than one."
)


def top_ballot(size: int, ideas: list[str], chosen: list[int], problem: str | None = None) -> str:
    """A top-k ballot, read aloud: what to do, and each idea with its place if chosen.

    ``chosen`` holds the indexes (into ``ideas``) chosen so far, first choice first.
    """
    places = {index: spot for spot, index in enumerate(chosen)}
    listed = [
        _("{place} choice: {idea}", place=ordinal(places[i] + 1), idea=idea)
        if i in places
        else idea
        for i, idea in enumerate(ideas)
    ]
    return join(
        [
            problem or "",
            n_("Choose your top {count}, in order.", "Choose your top {count}, in order.", size),
            top_heading(size, len(chosen)),
            _(TOP_HOW),
            _("The ideas are:"),
            *listed,
            _("Then press {button}.", button=_(SEND_MY_CHOICES)),
        ]
    )


def dots_ballot(size: int, ideas: list[str], dots: list[int], problem: str | None = None) -> str:
    """A dots ballot, read aloud: how many are left, and the dots on each idea."""
    listed = [
        n_("{idea}: {count} dot", "{idea}: {count} dots", n, idea=idea) if n else idea
        for idea, n in zip(ideas, dots, strict=True)
    ]
    return join(
        [
            problem or "",
            n_("You have {count} dot to spend.", "You have {count} dots to spend.", size),
            dots_left(size - sum(dots)),
            _(DOTS_HOW),
            _("The ideas are:"),
            *listed,
            _("Then press {button}.", button=_(SEND_MY_CHOICES)),
        ]
    )
