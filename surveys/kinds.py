"""The question kinds as data: for each kind, whether it takes options and how an
answer is checked. A new kind is one row in ``KINDS`` (and one widget in the kiosk).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass

from surveys.errors import AnswerCode, AnswerError
from surveys.model import PREFER_NOT_TO_SAY, AnswerValue, Kind, Question

TEXT_LIMIT = 500
"""Most characters a short answer may have, unless the survey says fewer."""
LONGTEXT_LIMIT = 5000
"""Most characters a long answer may have, unless the survey says fewer."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def _skip(question: Question) -> bool:
    return not question.required


def nothing_yet(question: Question) -> AnswerError:
    """The one kind message for a question with no answer given yet.

    It asks for what this kind of question needs (``KindRule.nothing`` and ``ask``),
    and mentions Skip only when the question may be skipped.
    """
    rule = KINDS[question.kind]
    return AnswerError(rule.nothing, how=rule.ask, skip=_skip(question))


def _choice_values(question: Question) -> tuple[str, ...]:
    values = question.option_values()
    if question.prefer_not_to_say and PREFER_NOT_TO_SAY not in values:
        values = (*values, PREFER_NOT_TO_SAY)
    return values


def _check_single(question: Question, raw: object) -> AnswerValue:
    if raw is None:
        raise nothing_yet(question)
    if not isinstance(raw, str) or raw not in _choice_values(question):
        raise AnswerError(AnswerCode.NOT_A_CHOICE)
    return raw


def _check_multi(question: Question, raw: object) -> AnswerValue:
    # A list in the order ticked, or a set of ticks: both are a person's choices.
    if raw is None:
        raise nothing_yet(question)
    if isinstance(raw, str | bytes) or not isinstance(raw, Sequence | Set):
        raise AnswerError(AnswerCode.NOT_A_CHOICE)
    chosen = list(raw)
    if not chosen:
        raise nothing_yet(question)
    allowed = _choice_values(question)
    if any(not isinstance(item, str) or item not in allowed for item in chosen):
        raise AnswerError(AnswerCode.NOT_A_CHOICE)
    if len(set(chosen)) != len(chosen):
        raise AnswerError(AnswerCode.REPEATED_CHOICE)
    if PREFER_NOT_TO_SAY in chosen and len(chosen) > 1:
        raise AnswerError(AnswerCode.PREFER_NOT_ALONE)
    # Keep the order the options are shown in, so two people's same ticks store alike.
    return tuple(value for value in allowed if value in chosen)


def _number_in(raw: object, low: int, high: int, question: Question) -> AnswerValue:
    if raw is None:
        raise nothing_yet(question)
    if question.prefer_not_to_say and raw == PREFER_NOT_TO_SAY:
        return PREFER_NOT_TO_SAY
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        raise AnswerError(AnswerCode.OUT_OF_RANGE, low=low, high=high)
    return raw


def _check_scale(question: Question, raw: object) -> AnswerValue:
    return _number_in(raw, 1, len(question.scale_labels), question)


def _check_rating(question: Question, raw: object) -> AnswerValue:
    return _number_in(raw, 0, 10, question)


def _check_yesno(question: Question, raw: object) -> AnswerValue:
    if raw is None:
        raise nothing_yet(question)
    if question.prefer_not_to_say and raw == PREFER_NOT_TO_SAY:
        return PREFER_NOT_TO_SAY
    if not isinstance(raw, bool):
        raise AnswerError(AnswerCode.NOT_A_CHOICE)
    return raw


def _text_checker(default_limit: int) -> Callable[[Question, object], AnswerValue]:
    def check(question: Question, raw: object) -> AnswerValue:
        if not isinstance(raw, str) or not raw.strip():
            raise nothing_yet(question)
        limit = question.max_length or default_limit
        if len(raw) > limit:
            raise AnswerError(AnswerCode.TOO_LONG, limit=limit, skip=_skip(question))
        # Stored exactly as typed: markup-looking text and escape codes are data, not commands.
        # Only a lone surrogate (which no UTF-8 file can hold, so sealing would fail) is
        # replaced, by the standard replacement character.
        return _SURROGATE.sub("\ufffd", raw)

    return check


def _check_ranking(question: Question, raw: object) -> AnswerValue:
    if isinstance(raw, str | bytes) or not isinstance(raw, Sequence):
        raise AnswerError(AnswerCode.NOT_ALL_RANKED, skip=_skip(question))
    order = list(raw)
    if not all(isinstance(item, str) for item in order) or sorted(order) != sorted(
        question.option_values()
    ):
        raise AnswerError(AnswerCode.NOT_ALL_RANKED, skip=_skip(question))
    return tuple(order)


def _check_info(question: Question, raw: object) -> AnswerValue:
    raise AnswerError(AnswerCode.NO_ANSWER_NEEDED)


@dataclass(frozen=True, slots=True)
class KindRule:
    """What the loader and the flow need to know about one kind of question."""

    takes_options: bool
    check: Callable[[Question, object], AnswerValue]
    fields: frozenset[str] = frozenset()
    """Fields that only this kind (and others listing them) may carry."""
    nothing: AnswerCode = AnswerCode.NOTHING_CHOSEN
    """The message when no answer is given yet …"""
    ask: str = "one"
    """… and, for ``NOTHING_CHOSEN``, what it asks for: "one" option, "several" or a
    "number" from 0 to 10 (``AnswerCode.template``)."""


_ONE = "one"
_PREFER = frozenset({"prefer_not_to_say"})

KINDS: dict[Kind, KindRule] = {
    Kind.SINGLE: KindRule(True, _check_single, _PREFER, ask=_ONE),
    Kind.MULTI: KindRule(True, _check_multi, _PREFER, ask="several"),
    Kind.SCALE: KindRule(False, _check_scale, frozenset({"labels", "faces", *_PREFER}), ask=_ONE),
    Kind.RATING: KindRule(
        False,
        _check_rating,
        frozenset({"low_label", "high_label", *_PREFER}),
        ask="number",
    ),
    Kind.YESNO: KindRule(False, _check_yesno, _PREFER, ask=_ONE),
    Kind.TEXT: KindRule(
        False, _text_checker(TEXT_LIMIT), frozenset({"max_length"}), nothing=AnswerCode.EMPTY
    ),
    Kind.LONGTEXT: KindRule(
        False, _text_checker(LONGTEXT_LIMIT), frozenset({"max_length"}), nothing=AnswerCode.EMPTY
    ),
    Kind.RANKING: KindRule(True, _check_ranking, nothing=AnswerCode.NOT_ALL_RANKED),
    Kind.INFO: KindRule(False, _check_info, nothing=AnswerCode.NO_ANSWER_NEEDED),
}


def check_answer(question: Question, raw: object) -> AnswerValue:
    """Return the answer as it will be stored, or raise ``AnswerError`` saying why not."""
    return KINDS[question.kind].check(question, raw)


def text_limit(question: Question) -> int:
    """Most characters a text answer to this question may have."""
    default = LONGTEXT_LIMIT if question.kind is Kind.LONGTEXT else TEXT_LIMIT
    return question.max_length or default


def choices(question: Question) -> tuple[str, ...]:
    """Every value a choice question offers, with "Prefer not to say" when it is on."""
    return _choice_values(question)
