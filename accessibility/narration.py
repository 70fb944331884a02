"""The exact words read aloud for each screen, as pure functions.

Screens call these and pass the result to ``Speaker.say``; UI tests compare the
recorded text with the same functions. Words are plain and each sentence ends with
a full stop, so the voice pauses where a reader would. Choices are numbered the way
``choices_for`` numbers them, and the screens show the same numbers.

Every sentence is a whole message in the ``aids`` catalogue, spoken in the kiosk
screen's language (``surveys.catalogues.use_language``); the few functions a phone
page uses too (``choices_for``, ``answer_words``, ``support_lines``) take that
page's ``Words``. The words around the questions (thanks, breaks, support, taking
answers back) are written in ``accessibility.visit_narration`` and offered here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from accessibility.sentences import (
    CHANGE,
    DEFAULT_SCALE_WORDS,
    DOWN,
    NEXT,
    NO_THANKS,
    SEND_MY_ANSWERS,
    START,
    UP,
    YES_I_AGREE,
    join,
    listed,
    sentence,
    speaking,
    translated,
)
from accessibility.visit_narration import (
    MORE_TIME,
    NOTHING_KEPT,
    STILL_THERE,
    STOPPING_BY,
    SUPPORT_TITLE,
    TAKE_BACK,
    TAKE_BACK_ASK,
    TAKE_BACK_EMPTY,
    break_screen,
    break_words,
    duration,
    receipt,
    still_there,
    still_there_note,
    support,
    support_lines,
    take_back,
    take_back_wait,
    thank_you,
)
from surveys.catalogues import N_, Words, _, active_language
from surveys.consent import consent_text
from surveys.errors import AnswerError
from surveys.model import (
    DEFAULT_SCALE_LABELS,
    PREFER_NOT_TO_SAY,
    AnswerValue,
    ConsentBlock,
    Kind,
    Question,
    Survey,
)
from surveys.session import ReviewItem

# The screens read these here too; they are written in ``sentences`` and ``visit_narration``.
__all__ = [
    "MORE_TIME",
    "NOTHING_KEPT",
    "STILL_THERE",
    "STOPPING_BY",
    "SUPPORT_TITLE",
    "TAKE_BACK",
    "TAKE_BACK_ASK",
    "TAKE_BACK_EMPTY",
    "break_screen",
    "break_words",
    "duration",
    "join",
    "receipt",
    "sentence",
    "still_there",
    "still_there_note",
    "support",
    "support_lines",
    "take_back",
    "take_back_wait",
    "thank_you",
]

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
PREFER_NOT_TO_SAY_WORDS = N_("Prefer not to say")
"""The words for the stored value ``PREFER_NOT_TO_SAY`` (which never changes)."""
# Translators: a place in an order, the same for every number ("rhif {number}", "{number}.").
PLACE = N_("{number}th")
"""A place in an order for languages with one form for every number (Welsh "rhif
{number}", Polish "{number}."); English works out its own endings (``place``)."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One numbered choice on a question screen: the key, the words, the stored value."""

    number: int
    label: str
    value: AnswerValue


def place(number: int, words: Words | None = None) -> str:
    """A place in an order: "1st", "2nd", "3rd", "11th", "21st" in English."""
    _ = speaking(words)
    if translated(_, PLACE):
        return _(PLACE, number=number)
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _numbered(choices: Sequence[Choice]) -> str:
    return " ".join(sentence(f"{choice.number}: {choice.label}") for choice in choices)


def choices_for(question: Question, words: Words | None = None) -> tuple[Choice, ...]:
    """The numbered choices a question offers, in the order shown (none for text,
    rating or information pages)."""
    _ = speaking(words)
    labelled: list[tuple[str, AnswerValue]]
    if question.kind in (Kind.SINGLE, Kind.MULTI, Kind.RANKING):
        labelled = [(option.label, option.value) for option in question.options]
    elif question.kind is Kind.SCALE:
        labelled = [(label, index) for index, label in enumerate(_scale(question, _), 1)]
    elif question.kind is Kind.YESNO:
        labelled = [(_("Yes"), True), (_("No"), False)]
    else:
        return ()
    has_prefer = any(value == PREFER_NOT_TO_SAY for _label, value in labelled)
    if question.prefer_not_to_say and question.kind is not Kind.RANKING and not has_prefer:
        labelled.append((_(PREFER_NOT_TO_SAY_WORDS), PREFER_NOT_TO_SAY))
    return tuple(Choice(number, label, value) for number, (label, value) in enumerate(labelled, 1))


def _scale(question: Question, w: Words) -> tuple[str, ...]:
    """A scale's points; the kiosk's own default points in the language spoken."""
    labels = question.scale_labels
    return tuple(map(w, DEFAULT_SCALE_WORDS)) if labels == DEFAULT_SCALE_LABELS else labels


def progress_text(number: int, total: int, fewest: int | None = None) -> str:
    """Where the person is, as shown: "Question 3 of 8", or, when some questions show
    only after certain answers (``fewest`` is less than ``total``), "Question 3 of up
    to 10": honest, and the same for the whole visit however they answer."""
    if fewest is not None and fewest < total:
        return _("Question {number} of up to {total}", number=number, total=total)
    return _("Question {number} of {total}", number=number, total=total)


def progress(number: int, total: int, fewest: int | None = None) -> str:
    """Where the person is, read aloud: "Question 3 of 8."."""
    return sentence(progress_text(number, total, fewest))


@dataclass(frozen=True, slots=True)
class Keys:
    """The keys a screen really has for each job, as spoken words (None: no key does it).

    The kiosk builds this from the screen's own bindings (``kiosk.spoken_keys``), so
    the words read aloud can't promise a key that does something else. The names are
    the English ones in ``SPOKEN_KEYS`` (and ``KEY_PHRASES``); they are said in the
    language spoken.
    """

    go_on: str | None = None
    """Goes on with the answer as given ("Enter")."""
    choose: bool = False
    """Number keys choose (or tick) the option with that number."""
    move_focus: str | None = None
    """Moves between options ("the up and down arrows")."""
    move_item: str | None = None
    """Moves the option in focus up or down an order ("Shift and the up or down arrow")."""
    new_line: str | None = None
    """Starts a new line in a long answer ("Enter"), so it can't also go on."""
    leave_box: str | None = None
    """Leaves a text box for the Next button ("Tab")."""


SPOKEN_KEYS = {
    "enter": N_("Enter"),
    "space": N_("Space"),
    "tab": N_("Tab"),
    "escape": N_("Escape"),
    "up": N_("the up arrow"),
    "down": N_("the down arrow"),
    "shift+up": N_("Shift and the up arrow"),
    "shift+down": N_("Shift and the down arrow"),
    **{f"f{n}": f"F{n}" for n in range(1, 13)},
}
"""How a key is named aloud (keys from Textual's names)."""
# Translators: keys are named inside sentences ("Press {key} to go on.").
KEY_PHRASES = (N_("the up and down arrows"), N_("Shift with the up or down arrow"))
"""Keys named together (``kiosk.spoken_keys``), said in the language spoken."""


def _key(name: str) -> str:
    """A key's English name (``SPOKEN_KEYS``) in the kiosk screen's language."""
    return _(name)


def how_to_answer(question: Question, keys: Keys | None = None) -> str:
    """What to press to answer, and whether the question can be skipped.

    Only keys in ``keys`` are named; without one, the words say what to tap.
    """
    keys = keys or Keys()
    kind = question.kind
    go_on = _key(keys.go_on) if keys.go_on else None
    button = _(NEXT)
    if kind is Kind.INFO:
        if go_on:
            return _("Press {key} to go on.", key=go_on)
        return _("Press {button} to go on.", button=button)
    if kind in (Kind.SINGLE, Kind.SCALE, Kind.YESNO):
        if keys.choose and go_on:
            how = _("Press a number to choose, then {key}.", key=go_on)
        elif go_on:
            how = _("Tap an option to choose it, then press {key}.", key=go_on)
        else:
            how = _("Tap an option to choose it, then press {button}.", button=button)
    elif kind is Kind.MULTI:
        if keys.choose and go_on:
            how = _("Press numbers to tick all that apply, then {key}.", key=go_on)
        elif go_on:
            how = _("Tap each option that applies, then press {key}.", key=go_on)
        else:
            how = _("Tap each option that applies, then press {button}.", button=button)
    elif kind is Kind.RANKING:
        how = _ranking(keys, go_on)
    elif kind is Kind.RATING:
        if keys.choose and go_on:
            how = _("Type the number, then press {key}.", key=go_on)
        elif go_on:
            how = _("Tap a number, then press {key}.", key=go_on)
        else:
            how = _("Tap a number, then press {button}.", button=button)
    elif keys.new_line:
        new_line = _key(keys.new_line)
        if keys.leave_box and go_on:
            how = _(
                "Type your answer. {new_line} starts a new line. When you are done, "
                "press {leave_box} to go to {button}, then press {key}.",
                new_line=new_line,
                leave_box=_key(keys.leave_box),
                button=button,
                key=go_on,
            )
        else:
            how = _(
                "Type your answer. {new_line} starts a new line. When you are done, "
                "press {button}.",
                new_line=new_line,
                button=button,
            )
    elif go_on:
        how = _("Type your answer, then press {key}.", key=go_on)
    else:
        how = _("Type your answer, then press {button}.", button=button)
    skip = (
        _("This question needs an answer.")
        if question.required
        else _("You can skip this question.")
    )
    return f"{how} {skip}"


def _ranking(keys: Keys, go_on: str | None) -> str:
    parts = [_("Put the most important at the top.")]
    if keys.move_focus and keys.move_item:
        parts.append(
            _(
                "Use {move_focus} to go to an option, and {move_item} to move it.",
                move_focus=_key(keys.move_focus),
                move_item=_key(keys.move_item),
            )
        )
    parts.append(_("Or tap {up} and {down}.", up=_(UP), down=_(DOWN)))
    parts.append(_("If the order is already right, press {button}.", button=_(ORDER_IS_RIGHT)))
    if go_on:
        parts.append(_("When you have moved them, press {key}.", key=go_on))
    return join(parts)


ORDER_IS_RIGHT = N_("This order is right")
"""The ranking's target that keeps the order shown (the kiosk's button says the same)."""


def chosen(label: str, *, is_chosen: bool = True) -> str:
    """Said when an option is chosen (or a tick taken off): "Coffee, chosen."."""
    if is_chosen:
        return _("{option}, chosen.", option=label)
    return _("{option}, not chosen.", option=label)


def _rating_range(question: Question) -> str:
    low, high = question.low_label, question.high_label
    if low and high:
        text = _(
            "Choose a number from 0 to 10, where 0 means {low} and 10 means {high}.",
            low=low,
            high=high,
        )
    elif low:
        text = _("Choose a number from 0 to 10, where 0 means {low}.", low=low)
    elif high:
        text = _("Choose a number from 0 to 10, where 10 means {high}.", high=high)
    else:
        text = _("Choose a number from 0 to 10.")
    if question.prefer_not_to_say:
        prefer = _("Or choose {option}.", option=_(PREFER_NOT_TO_SAY_WORDS))
        text = f"{text} {prefer}"
    return text


def _offer(question: Question) -> str:
    """The part between the question and how to answer: the choices or the range."""
    if question.kind is Kind.RATING:
        return _rating_range(question)
    return _numbered(choices_for(question))


def answer_words(question: Question, answer: AnswerValue | None, words: Words | None = None) -> str:
    """An answer as words: the chosen labels, "7 out of 10", "Yes", or what was typed.
    ``words``: the language of a phone page (else the kiosk screen's)."""
    _ = speaking(words)
    if answer is None:
        return _("Skipped")
    if answer == PREFER_NOT_TO_SAY:
        return _(PREFER_NOT_TO_SAY_WORDS)
    kind = question.kind
    if kind is Kind.YESNO and isinstance(answer, bool):
        return _("Yes") if answer else _("No")
    if kind is Kind.SCALE and isinstance(answer, int):
        points = _scale(question, _)
        return points[answer - 1] if 1 <= answer <= len(points) else str(answer)
    if kind is Kind.RATING and isinstance(answer, int):
        return _("{number} out of 10", number=answer)
    if isinstance(answer, tuple):
        labels = [question.label_for(value) for value in answer]
        if kind is Kind.RANKING:
            return ", ".join(
                _("{place}: {option}", place=_ordinal_word(i, _), option=label)
                for i, label in enumerate(labels)
            )
        return listed(labels, _)
    if isinstance(answer, str):
        return question.label_for(answer)
    return str(answer)


def _ordinal_word(index: int, w: Words) -> str:
    """ "first", "second" … in English; the language's own place for ``index + 1``."""
    if translated(w, PLACE):
        return place(index + 1, w)
    return _ORDINALS[index] if index < len(_ORDINALS) else f"number {index + 1}"


def question_screen(
    question: Question,
    number: int | None = None,
    total: int | None = None,
    answer: AnswerValue | None = None,
    keys: Keys | None = None,
    *,
    fewest: int | None = None,
) -> str:
    """Everything read for a question: where you are, the question, the choices,
    the answer already given (when coming back to it) and how to answer, naming only
    the keys in ``keys``. An answer nobody gave (``None``) is never read."""
    parts = []
    if number is not None and total is not None and question.asks:
        parts.append(progress(number, total, fewest))
    parts += [question.text, _offer(question)]
    if answer is not None and question.asks:
        parts.append(_("Your answer now: {answer}", answer=answer_words(question, answer)))
    parts.append(how_to_answer(question, keys))
    return join(parts)


def opens_section(question: Question, shown: Iterable[Question]) -> bool:
    """True when ``question`` is the first of ``shown`` (the questions this person
    sees, in order) in its section: where the section's content note belongs."""
    if question.section is None:
        return False
    first = next((q for q in shown if q.section == question.section), None)
    return first is not None and first.id == question.id


def section_note(survey: Survey, question: Question, shown: Iterable[Question]) -> str | None:
    """The content note to show and read with ``question`` (its section's note, on
    the section's first question this person sees), else None."""
    section = survey.section(question.section)
    if section is None or not section.content_note or not opens_section(question, shown):
        return None
    return section.content_note


def section_intro(title: str | None, content_note: str | None) -> str:
    """Read before the first question of a section: its title and any content note."""
    return join([title or "", content_note or ""])


def help_text(
    own_help: str | None,
    terms: Iterable[tuple[str, str]] = (),
    *,
    ask: str = "",
    can_skip: bool = False,
    words: Words | None = None,
) -> str:
    """ "What does this mean?": the screen's own help, then each hard word explained.

    ``terms`` are (word, meaning) pairs, from the glossary entries that
    ``glossary.terms_in`` or ``terms_for_question`` find (already in the language
    spoken). With nothing to explain it says so and who to ask, and that the
    question can be skipped only when it can.
    """
    _ = speaking(words)
    parts = [own_help or "", *(f"{term}: {meaning}" for term, meaning in terms)]
    if not any(parts):
        parts = [
            _("There is no extra help for this page."),
            _("You can ask {person}.", person=ask) if ask else "",
            _("You can skip this question if you like.") if can_skip else "",
        ]
    return join(parts)


def welcome(survey: Survey, start_key: str | None = "Enter") -> str:
    """The first screen: what the survey is, who runs it, and how to begin."""
    who = _("It is run by {organisation}.", organisation=survey.run_by) if survey.run_by else ""
    start = (
        _("Press {key} to start.", key=_key(start_key))
        if start_key
        else _("Press {button}.", button=_(START))
    )
    return join([survey.title, who, survey.intro, start])


def consent_screen(block: ConsentBlock, ticked: Iterable[str] = ()) -> str:
    """The full consent text (in the kiosk screen's language), any optional ticks and
    whether each is ticked, then the two choices (neither is chosen for the person)."""
    text = consent_text(block, active_language())
    parts = [line for line in text.splitlines() if line.strip()]
    if block.ticks:
        chosen = set(ticked)
        parts.append(_("You can also tick these, if you want. You do not have to."))
        for number, tick in enumerate(block.ticks, 1):
            parts.append(_("Tick {number}: {words}", number=number, words=sentence(tick.text)))
            parts.append(_("Now ticked.") if tick.id in chosen else _("Now not ticked."))
    parts.append(_("Choose {yes}. Or choose {no}.", yes=_(YES_I_AGREE), no=_(NO_THANKS)))
    return join(parts)


def error(problem: AnswerError | str) -> str:
    """A warning or error as read aloud: the kind message the person also sees."""
    return sentence(problem.message if isinstance(problem, AnswerError) else problem)


def review_screen(items: Sequence[ReviewItem], *, numbers_change: bool = True) -> str:
    """ "Check your answers": each question with its answer, then what to do."""
    title = _("Check your answers.")
    if not items:
        return join([title, _("There are no answers to send yet.")])
    parts = [title]
    for number, item in enumerate(items, 1):
        parts.append(
            f"{number}: {sentence(item.question.text)} {answer_words(item.question, item.answer)}"
        )
    change = (
        _("Press a number to change an answer.")
        if numbers_change
        else _("Press {button} to change one.", button=_(CHANGE))
    )
    parts += [change, _("Press {button} when you are happy.", button=_(SEND_MY_ANSWERS))]
    return join(parts)
