"""What a phone page shows for one question, as plain data for the templates.

The templates stay simple (loops and ifs); the decisions — which input, which
choices, what is pre-filled, which words need explaining — are made here, where
they are typed and tested. The same view serves a survey question and a live poll.
"""

from __future__ import annotations

from dataclasses import dataclass

from accessibility.glossary import Glossary, terms_for_question
from kiosk.web.forms import ANSWER, NO, PREFER_TOKEN, YES, Fields, rank_field
from kiosk.web.page_language import phone_words
from surveys.catalogues import N_, Words
from surveys.kinds import choices, text_limit
from surveys.model import PREFER_NOT_TO_SAY, SCALE_FACES, AnswerValue, Kind, Question

_ENGLISH = phone_words("en")


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """One radio button or tick box."""

    value: str
    label: str
    checked: bool
    input_id: str
    face: str = ""


@dataclass(frozen=True, slots=True)
class RankRow:
    """One option of a ranking, with a drop-down list of places."""

    field: str
    label: str
    input_id: str
    places: tuple[int, ...]
    chosen: int | None


@dataclass(frozen=True, slots=True)
class TermView:
    """A hard word and what it means."""

    term: str
    meaning: str


@dataclass(frozen=True, slots=True)
class QuestionView:
    """Everything the page needs to ask one question."""

    id: str
    text: str
    help: str
    control: str
    """One of: radio, checkbox, text, textarea, ranking, info."""
    choices: tuple[ChoiceView, ...] = ()
    ranks: tuple[RankRow, ...] = ()
    text_value: str = ""
    max_length: int = 0
    scale_note: str = ""
    terms: tuple[TermView, ...] = ()
    required: bool = False
    field: str = ANSWER


def _form_values(question: Question, answer: AnswerValue | None) -> list[str]:
    """An answer already given, as the form values that would send it again."""
    if answer is None:
        return []
    if answer == PREFER_NOT_TO_SAY and question.kind in (Kind.SCALE, Kind.RATING, Kind.YESNO):
        return [PREFER_TOKEN]
    if isinstance(answer, bool):
        return [YES if answer else NO]
    if isinstance(answer, tuple):
        return list(answer)
    return [str(answer)]


def _choice_list(question: Question, w: Words) -> list[tuple[str, str, str]]:
    """(form value, words, face) for each choice, in the order shown; the face of a
    single or multiple choice is its picture (``Option.symbol``), if it has one; the
    page's own words ("Yes", "Prefer not to say") in its language ``w``."""
    kind = question.kind
    rows: list[tuple[str, str, str]]
    if kind in (Kind.SINGLE, Kind.MULTI):
        return [
            (value, question.label_for(value), question.symbol_for(value))
            for value in choices(question)
        ]
    if kind is Kind.SCALE:
        rows = [
            (str(number), words, SCALE_FACES[number - 1] if question.faces else "")
            for number, words in enumerate(question.scale_labels, 1)
        ]
    elif kind is Kind.RATING:
        rows = []
        for number in range(11):
            label = str(number)
            if number == 0 and question.low_label:
                label = w(N_("{number} – {label}"), number=0, label=question.low_label)
            if number == 10 and question.high_label:
                label = w(N_("{number} – {label}"), number=10, label=question.high_label)
            rows.append((str(number), label, ""))
    else:  # yes / no
        rows = [(YES, w(N_("Yes")), ""), (NO, w(N_("No")), "")]
    if question.prefer_not_to_say:
        rows.append((PREFER_TOKEN, w(N_("Prefer not to say")), ""))
    return rows


def _scale_note(question: Question, w: Words) -> str:
    if question.kind is not Kind.RATING:
        return ""
    low, high = question.low_label, question.high_label
    if low and high:
        return w(N_("0 means {low}. 10 means {high}."), low=low, high=high)
    return w(N_("Choose a number from 0 to 10."))


def question_view(
    question: Question,
    *,
    answer: AnswerValue | None = None,
    fields: Fields | None = None,
    glossary: Glossary | None = None,
    words: Words | None = None,
) -> QuestionView:
    """The view of ``question``, pre-filled from what was sent (``fields``) if given,
    else from the answer already given; the page's own words in ``words``' language
    (the question's own words are the survey's, already in that language)."""
    w = words or _ENGLISH
    terms = tuple(
        TermView(entry.term, entry.meaning)
        for entry in (terms_for_question(question, glossary) if glossary else [])
    )

    def make(
        control: str,
        *,
        views: tuple[ChoiceView, ...] = (),
        ranks: tuple[RankRow, ...] = (),
        text_value: str = "",
        max_length: int = 0,
    ) -> QuestionView:
        return QuestionView(
            id=question.id,
            text=question.text,
            help=question.help or "",
            control=control,
            choices=views,
            ranks=ranks,
            text_value=text_value,
            max_length=max_length,
            scale_note=_scale_note(question, w),
            terms=terms,
            required=question.required,
        )

    kind = question.kind
    if kind is Kind.INFO:
        return make("info")
    if kind in (Kind.TEXT, Kind.LONGTEXT):
        sent = (
            list(fields.get(ANSWER, ())) if fields is not None else _form_values(question, answer)
        )
        return make(
            "text" if kind is Kind.TEXT else "textarea",
            text_value=sent[0] if sent else "",
            max_length=text_limit(question),
        )
    if kind is Kind.RANKING:
        return make("ranking", ranks=_rank_rows(question, answer, fields))
    sent = list(fields.get(ANSWER, ())) if fields is not None else _form_values(question, answer)
    views = tuple(
        ChoiceView(value, words, value in sent, f"{question.id}-{index}", face)
        for index, (value, words, face) in enumerate(_choice_list(question, w))
    )
    return make("checkbox" if kind is Kind.MULTI else "radio", views=views)


def _rank_rows(
    question: Question, answer: AnswerValue | None, fields: Fields | None
) -> tuple[RankRow, ...]:
    size = len(question.options)
    places: dict[int, int | None] = {}
    order = list(answer) if isinstance(answer, tuple) else []
    for index, option in enumerate(question.options):
        place: int | None = None
        if fields is not None:
            sent = fields.get(rank_field(index), ())
            text = sent[0] if len(sent) == 1 else ""
            place = int(text) if text.isascii() and text.isdigit() and len(text) <= 3 else None
        elif option.value in order:
            place = order.index(option.value) + 1
        places[index] = place
    return tuple(
        RankRow(
            rank_field(index),
            option.label,
            f"{question.id}-rank-{index}",
            tuple(range(1, size + 1)),
            places[index],
        )
        for index, option in enumerate(question.options)
    )
