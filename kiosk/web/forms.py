"""Reading a phone's form into the raw answer the survey core checks.

Every field arrives as text. This module turns the fields for one question into
the value ``surveys.kinds.check_answer`` expects (a choice, a number, yes/no, a
list of choices, a ranking, some text), and raises ``AnswerError`` — with the same
kind words the kiosk uses — when the fields can't be an answer. The core does the
real checking; nothing here trusts the browser.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from surveys.errors import AnswerCode, AnswerError
from surveys.kinds import nothing_yet
from surveys.model import PREFER_NOT_TO_SAY, Kind, Question

Fields = Mapping[str, Sequence[str]]
"""A submitted form: each field name with every value sent for it, in order."""

ANSWER = "answer"
"""The field that carries the answer (ranking uses ``rank-<n>`` instead)."""
PREFER_TOKEN = "prefer-not-to-say"  # noqa: S105 — a form value, not a secret
"""The value a "Prefer not to say" button sends for scale, rating and yes/no."""
YES, NO = "yes", "no"


def rank_field(index: int) -> str:
    """The field holding the place chosen for the option at ``index`` (from 0)."""
    return f"rank-{index}"


def _one(fields: Fields, name: str) -> str | None:
    values = fields.get(name, ())
    if len(values) > 1:
        raise AnswerError(AnswerCode.NOT_A_CHOICE)
    return values[0] if values else None


def _number(question: Question, text: str | None, low: int, high: int) -> object:
    if text is None:
        raise nothing_yet(question)
    if text == PREFER_TOKEN and question.prefer_not_to_say:
        return PREFER_NOT_TO_SAY
    if not text.isascii() or not text.isdigit() or len(text) > 3:
        raise AnswerError(AnswerCode.OUT_OF_RANGE, low=low, high=high)
    return int(text)


def _ranking(question: Question, fields: Fields) -> object:
    size = len(question.options)
    if not any(fields.get(rank_field(index)) for index in range(size)):
        raise nothing_yet(question)
    places: dict[int, str] = {}
    for index, option in enumerate(question.options):
        text = _one(fields, rank_field(index))
        if text is None or not text.isascii() or not text.isdigit() or len(text) > 3:
            raise AnswerError(AnswerCode.NOT_ALL_RANKED)
        place = int(text)
        if not 1 <= place <= size or place in places:
            raise AnswerError(AnswerCode.NOT_ALL_RANKED)
        places[place] = option.value
    return [places[place] for place in sorted(places)]


def normalise_text(text: str) -> str:
    """Text as typed, with the browser's CR LF line ends made plain LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def raw_answer(question: Question, fields: Fields) -> object:
    """The raw answer for ``question`` from the form, for ``check_answer``.

    Raises ``AnswerError`` when the form can't be read as an answer at all (a
    missing choice, a word where a number belongs, two places the same).
    """
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.TEXT, Kind.LONGTEXT):
        text = _one(fields, ANSWER)
        if text is None:
            raise nothing_yet(question)
        return text if kind is Kind.SINGLE else normalise_text(text)
    if kind is Kind.MULTI:
        return list(fields.get(ANSWER, ()))
    if kind is Kind.SCALE:
        return _number(question, _one(fields, ANSWER), 1, len(question.scale_labels))
    if kind is Kind.RATING:
        return _number(question, _one(fields, ANSWER), 0, 10)
    if kind is Kind.YESNO:
        text = _one(fields, ANSWER)
        if text is None:
            raise nothing_yet(question)
        if text == PREFER_TOKEN and question.prefer_not_to_say:
            return PREFER_NOT_TO_SAY
        if text not in (YES, NO):
            raise AnswerError(AnswerCode.NOT_A_CHOICE)
        return text == YES
    if kind is Kind.RANKING:
        return _ranking(question, fields)
    raise AnswerError(AnswerCode.NO_ANSWER_NEEDED)
