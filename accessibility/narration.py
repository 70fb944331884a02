"""The exact words read aloud for each screen, as pure functions.

Screens call these and pass the result to ``Speaker.say``; UI tests compare the
recorded text with the same functions. Words are plain and each sentence ends with
a full stop, so the voice pauses where a reader would. Choices are numbered the way
``choices_for`` numbers them, and the screens show the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from surveys.consent import consent_text
from surveys.errors import AnswerError
from surveys.model import (
    PREFER_NOT_TO_SAY,
    AnswerValue,
    ConsentBlock,
    Kind,
    Question,
    SupportBlock,
    Survey,
)
from surveys.receipts import spoken
from surveys.session import ReviewItem

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


@dataclass(frozen=True, slots=True)
class Choice:
    """One numbered choice on a question screen: the key, the words, the stored value."""

    number: int
    label: str
    value: AnswerValue


def sentence(text: str) -> str:
    """``text`` trimmed and ending with a stop, so speech pauses after it."""
    text = " ".join(text.split())
    if not text:
        return ""
    return text if text[-1] in ".?!:;…" else f"{text}."


def join(parts: Iterable[str]) -> str:
    """Each part as a ``sentence``, joined with spaces; empty parts are left out."""
    return " ".join(part for part in (sentence(p) for p in parts) if part)


def _numbered(choices: Sequence[Choice]) -> str:
    return " ".join(sentence(f"{choice.number}: {choice.label}") for choice in choices)


def choices_for(question: Question) -> tuple[Choice, ...]:
    """The numbered choices a question offers, in the order shown (none for text,
    rating or information pages)."""
    labelled: list[tuple[str, AnswerValue]]
    if question.kind in (Kind.SINGLE, Kind.MULTI, Kind.RANKING):
        labelled = [(option.label, option.value) for option in question.options]
    elif question.kind is Kind.SCALE:
        labelled = [(label, index) for index, label in enumerate(question.scale_labels, 1)]
    elif question.kind is Kind.YESNO:
        labelled = [("Yes", True), ("No", False)]
    else:
        return ()
    has_prefer = any(value == PREFER_NOT_TO_SAY for _, value in labelled)
    if question.prefer_not_to_say and question.kind is not Kind.RANKING and not has_prefer:
        labelled.append((PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY))
    return tuple(Choice(number, label, value) for number, (label, value) in enumerate(labelled, 1))


def progress_text(number: int, total: int, fewest: int | None = None) -> str:
    """Where the person is, as shown: "Question 3 of 8", or, when some questions show
    only after certain answers (``fewest`` is less than ``total``), "Question 3 of up
    to 10": honest, and the same for the whole visit however they answer."""
    if fewest is not None and fewest < total:
        return f"Question {number} of up to {total}"
    return f"Question {number} of {total}"


def progress(number: int, total: int, fewest: int | None = None) -> str:
    """Where the person is, read aloud: "Question 3 of 8."."""
    return sentence(progress_text(number, total, fewest))


@dataclass(frozen=True, slots=True)
class Keys:
    """The keys a screen really has for each job, as spoken words (None: no key does it).

    The kiosk builds this from the screen's own bindings (``kiosk.spoken_keys``), so
    the words read aloud can't promise a key that does something else.
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
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "escape": "Escape",
    "up": "the up arrow",
    "down": "the down arrow",
    "shift+up": "Shift and the up arrow",
    "shift+down": "Shift and the down arrow",
    **{f"f{n}": f"F{n}" for n in range(1, 13)},
}
"""How a key is named aloud (keys from Textual's names)."""


def how_to_answer(question: Question, keys: Keys | None = None) -> str:
    """What to press to answer, and whether the question can be skipped.

    Only keys in ``keys`` are named; without one, the words say what to tap.
    """
    keys = keys or Keys()
    kind = question.kind
    then = f"then press {keys.go_on}" if keys.go_on else "then press Next"
    if kind is Kind.INFO:
        return f"Press {keys.go_on} to go on." if keys.go_on else "Press Next to go on."
    if kind in (Kind.SINGLE, Kind.SCALE, Kind.YESNO):
        how = (
            f"Press a number to choose, then {keys.go_on}."
            if keys.choose and keys.go_on
            else f"Tap an option to choose it, {then}."
        )
    elif kind is Kind.MULTI:
        how = (
            f"Press numbers to tick all that apply, then {keys.go_on}."
            if keys.choose and keys.go_on
            else f"Tap each option that applies, {then}."
        )
    elif kind is Kind.RANKING:
        parts = ["Put the most important at the top"]
        if keys.move_focus and keys.move_item:
            parts.append(
                f"Use {keys.move_focus} to go to an option, and {keys.move_item} to move it"
            )
        parts.append("Or tap Up and Down")
        parts.append(f"If the order is already right, press {ORDER_IS_RIGHT}")
        if keys.go_on:
            parts.append(f"When you have moved them, press {keys.go_on}")
        how = join(parts)
    elif kind is Kind.RATING:
        how = (
            f"Type the number, then press {keys.go_on}."
            if keys.choose and keys.go_on
            else f"Tap a number, {then}."
        )
    elif keys.new_line:
        leave = "press Next"
        if keys.leave_box and keys.go_on:
            leave = f"press {keys.leave_box} to go to Next, then press {keys.go_on}"
        how = f"Type your answer. {keys.new_line} starts a new line. When you are done, {leave}."
    else:
        how = f"Type your answer, {then}."
    skip = "This question needs an answer." if question.required else "You can skip this question."
    return f"{how} {skip}"


ORDER_IS_RIGHT = "This order is right"
"""The ranking's target that keeps the order shown (the kiosk's button says the same)."""


def chosen(label: str, *, is_chosen: bool = True) -> str:
    """Said when an option is chosen (or a tick taken off): "Coffee, chosen."."""
    return sentence(f"{label}, {'chosen' if is_chosen else 'not chosen'}")


def _rating_range(question: Question) -> str:
    low, high = question.low_label, question.high_label
    if low and high:
        text = f"Choose a number from 0 to 10, where 0 means {low} and 10 means {high}."
    elif low:
        text = f"Choose a number from 0 to 10, where 0 means {low}."
    elif high:
        text = f"Choose a number from 0 to 10, where 10 means {high}."
    else:
        text = "Choose a number from 0 to 10."
    if question.prefer_not_to_say:
        text += f" Or choose {PREFER_NOT_TO_SAY}."
    return text


def _offer(question: Question) -> str:
    """The part between the question and how to answer: the choices or the range."""
    if question.kind is Kind.RATING:
        return _rating_range(question)
    return _numbered(choices_for(question))


def answer_words(question: Question, answer: AnswerValue | None) -> str:
    """An answer as words: the chosen labels, "7 out of 10", "Yes", or what was typed."""
    if answer is None:
        return "Skipped"
    if answer == PREFER_NOT_TO_SAY:
        return PREFER_NOT_TO_SAY
    kind = question.kind
    if kind is Kind.YESNO and isinstance(answer, bool):
        return "Yes" if answer else "No"
    if kind is Kind.SCALE and isinstance(answer, int):
        points = question.scale_labels
        return points[answer - 1] if 1 <= answer <= len(points) else str(answer)
    if kind is Kind.RATING and isinstance(answer, int):
        return f"{answer} out of 10"
    if isinstance(answer, tuple):
        labels = [question.label_for(value) for value in answer]
        if kind is Kind.RANKING:
            return ", ".join(
                f"{_ORDINALS[i] if i < len(_ORDINALS) else f'number {i + 1}'}: {label}"
                for i, label in enumerate(labels)
            )
        return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"
    if isinstance(answer, str):
        return question.label_for(answer)
    return str(answer)


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
        parts.append(f"Your answer now: {answer_words(question, answer)}")
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
) -> str:
    """ "What does this mean?": the screen's own help, then each hard word explained.

    ``terms`` are (word, meaning) pairs, from the glossary entries that
    ``glossary.terms_in`` or ``terms_for_question`` find. With nothing to explain it
    says so and who to ask, and that the question can be skipped only when it can.
    """
    parts = [own_help or "", *(f"{term}: {meaning}" for term, meaning in terms)]
    if not any(parts):
        parts = [
            "There is no extra help for this page",
            f"You can ask {ask}" if ask else "",
            "You can skip this question if you like" if can_skip else "",
        ]
    return join(parts)


def welcome(survey: Survey, start_key: str | None = "Enter") -> str:
    """The first screen: what the survey is, who runs it, and how to begin."""
    who = f"It is run by {survey.run_by}" if survey.run_by else ""
    start = f"Press {start_key} to start" if start_key else "Press Start"
    return join([survey.title, who, survey.intro, start])


def consent_screen(block: ConsentBlock, ticked: Iterable[str] = ()) -> str:
    """The full consent text, any optional ticks and whether each is ticked, then the
    two choices (neither is chosen for the person)."""
    parts = [line for line in consent_text(block).splitlines() if line.strip()]
    if block.ticks:
        chosen = set(ticked)
        parts.append("You can also tick these, if you want. You do not have to")
        for number, tick in enumerate(block.ticks, 1):
            state = "ticked" if tick.id in chosen else "not ticked"
            parts.append(f"Tick {number}: {sentence(tick.text)} Now {state}")
    parts.append("Choose Yes, I agree. Or choose No thanks")
    return join(parts)


def error(problem: AnswerError | str) -> str:
    """A warning or error as read aloud: the kind message the person also sees."""
    return sentence(problem.message if isinstance(problem, AnswerError) else problem)


def review_screen(items: Sequence[ReviewItem], *, numbers_change: bool = True) -> str:
    """ "Check your answers": each question with its answer, then what to do."""
    if not items:
        return join(["Check your answers", "There are no answers to send yet"])
    parts = ["Check your answers"]
    for number, item in enumerate(items, 1):
        parts.append(
            f"{number}: {sentence(item.question.text)} {answer_words(item.question, item.answer)}"
        )
    change = (
        "Press a number to change an answer" if numbers_change else "Press Change to change one"
    )
    parts += [change, "Press Send my answers when you are happy"]
    return join(parts)


def receipt(code: str) -> str:
    """The receipt code, read a character at a time in its two groups."""
    return f"Your code is: {spoken(code)}."


NOTHING_KEPT = "That's fine. Nothing you did here has been kept."
"""What the thank-you screen says after "No thanks"."""
STOPPING_BY = "Thank you for stopping by"


def thank_you(
    code: str | None,
    contact: str = "",
    withdraw_days: int = 14,
    support_block: SupportBlock | None = None,
    results_shared: str = "",
) -> str:
    """The thank-you screen: after sending, thanks, the code and what it is for;
    after "No thanks" (``code`` is None), a kind goodbye. Then when and where results
    are shared, if the action log says; support follows either."""
    shared = [results_shared] if results_shared else []
    if code is None:
        return join([NOTHING_KEPT, STOPPING_BY, *shared, *support_lines(support_block)])
    return join(
        [
            "Thank you. Your answers have been sent",
            receipt(code),
            "Please write it down and keep it safe and private",
            f"If you change your mind, give the code to {contact} within {withdraw_days} days",
            "We will then delete your answers",
            *shared,
            *support_lines(support_block),
        ]
    )


def duration(seconds: float) -> str:
    """A length of time in plain words: "10 minutes", "1 minute", "30 seconds"."""
    whole = max(1, round(seconds))
    if whole < 60:
        return f"{whole} second{'' if whole == 1 else 's'}"
    minutes = round(whole / 60)
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


TAKE_BACK = "Take my answers back"
TAKE_BACK_ASK = (
    "Type the receipt code you were given when you sent your answers. "
    "It looks like 7K3QD-M9XTA. We will delete those answers."
)
TAKE_BACK_EMPTY = "Please type your code first."


def take_back_wait(seconds: int) -> str:
    """Kind words while codes must wait, counting down in seconds or minutes."""
    return (
        "That's a few codes that didn't match, so please wait "
        f"{duration(seconds)} before trying again. If you need help, please ask "
        "the person running this session."
    )


def take_back(go_on: str | None) -> str:
    """ "Take my answers back" as read aloud, with the key that deletes."""
    how = f"Then press {go_on}" if go_on else "Then press Delete my answers"
    return join([TAKE_BACK, TAKE_BACK_ASK, how, "Or press Cancel"])


SUPPORT_TITLE = "If you would like some support"


def support_lines(block: SupportBlock | None) -> list[str]:
    """Who to talk to in the room, then each phone line, one sentence each (shown and
    read the same way); none without a support block."""
    if block is None:
        return []
    lines = [f"If anything here was hard, you can talk to {block.talk_to}."]
    if block.lines:
        lines.append("You can also get help from:")
        lines += [sentence(f"{line.name}: {line.how}") for line in block.lines]
    return lines


def support(block: SupportBlock | None, *, carry_on: str | None = None) -> str:
    """The support box as read aloud, with the key that carries on."""
    if block is None:
        return ""
    parts = [SUPPORT_TITLE, *support_lines(block)]
    if carry_on:
        parts.append(f"Press {carry_on} to carry on")
    return join(parts)


def break_words(minutes: float, *, has_answers: bool = True) -> str:
    """What the break box shows: how long the visit is kept, and that nothing is lost.

    Before the first question there are no answers, so it speaks of the person's place.
    """
    kept = "your answers" if has_answers else "your place"
    return "\n".join(
        [
            f"We'll keep {kept} for {duration(minutes * 60)}.",
            "Your answers are not sent yet." if has_answers else "Nothing is sent.",
            "Take your time.",
        ]
    )


def break_screen(
    minutes: float, *, has_answers: bool = True, carry_on: str | None = "Enter"
) -> str:
    """Taking a break, as read aloud: the box's words, what happens after the break,
    and the key (``carry_on``) that carries on."""
    return join(
        [
            "You are taking a break",
            *break_words(minutes, has_answers=has_answers).splitlines(),
            "After that, we will ask if you are still there",
            f"Press {carry_on or 'I am ready'} when you are ready to carry on",
        ]
    )


STILL_THERE = "Are you still there?"
MORE_TIME = "I need more time"
"""The button on the "Are you still there?" box."""


def still_there_note(seconds: int, *, has_answers: bool) -> str:
    """What the "Are you still there?" box says under its title, counting down.

    Answers are mentioned only once there may be some (not on the screens before
    the first question).
    """
    when = f"in {seconds} second{'' if seconds == 1 else 's'}"
    if has_answers:
        return (
            f"Take your time. If there's no answer, the kiosk will start again {when}, "
            "and your answers will be deleted."
        )
    return f"Take your time. If there's no answer, the kiosk will start again {when}."


def still_there(seconds: int, *, has_answers: bool) -> str:
    """The idle warning as read aloud: the box's own words, then how to carry on."""
    return join(
        [
            STILL_THERE,
            still_there_note(seconds, has_answers=has_answers),
            f"To carry on, press {MORE_TIME}, or any key",
        ]
    )
