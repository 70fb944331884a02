"""Checking one answer for each kind of question: what is kept, and why anything is not."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from surveys.errors import AnswerCode, AnswerError
from surveys.kinds import (
    KINDS,
    LONGTEXT_LIMIT,
    TEXT_LIMIT,
    check_answer,
    choices,
    nothing_yet,
    text_limit,
)
from surveys.model import PREFER_NOT_TO_SAY, Kind, Option, Question


def ask(kind: Kind, *options: str, **fields: object) -> Question:
    """A question of this kind, with these option values (label = value)."""
    return Question(
        id="q",
        kind=kind,
        text="?",
        options=tuple(Option(o, o) for o in options),
        **fields,  # type: ignore[arg-type]
    )


SINGLE = ask(Kind.SINGLE, "Good", "OK", "Not so good")
SINGLE_PNTS = ask(Kind.SINGLE, "Good", "OK", prefer_not_to_say=True)
MULTI = ask(Kind.MULTI, "Carer", "Clinician", "Peer")
MULTI_PNTS = ask(Kind.MULTI, "Carer", "Clinician", prefer_not_to_say=True)
MULTI_LISTED_PNTS = ask(Kind.MULTI, "Carer", "Clinician", PREFER_NOT_TO_SAY)
SCALE = ask(Kind.SCALE)
SCALE_PNTS = ask(Kind.SCALE, prefer_not_to_say=True)
RATING = ask(Kind.RATING)
RATING_PNTS = ask(Kind.RATING, prefer_not_to_say=True)
YESNO = ask(Kind.YESNO)
YESNO_PNTS = ask(Kind.YESNO, prefer_not_to_say=True)
TEXT = ask(Kind.TEXT)
TEXT_10 = ask(Kind.TEXT, max_length=10)
LONGTEXT = ask(Kind.LONGTEXT)
RANKING = ask(Kind.RANKING, "Cost", "Travel", "Time")
INFO = ask(Kind.INFO)

ESCAPES = "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b[2J"

ACCEPTED = [
    # (question, answer given, answer kept)
    pytest.param(SINGLE, "OK", "OK", id="single"),
    pytest.param(SINGLE_PNTS, PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY, id="single-prefer-not"),
    pytest.param(MULTI, ["Peer", "Carer"], ("Carer", "Peer"), id="multi-in-option-order"),
    pytest.param(MULTI, ("Clinician",), ("Clinician",), id="multi-tuple"),
    pytest.param(MULTI, {"Peer", "Carer"}, ("Carer", "Peer"), id="multi-set"),
    pytest.param(MULTI_PNTS, [PREFER_NOT_TO_SAY], (PREFER_NOT_TO_SAY,), id="multi-prefer-not"),
    pytest.param(
        MULTI_LISTED_PNTS, [PREFER_NOT_TO_SAY], (PREFER_NOT_TO_SAY,), id="multi-listed-prefer-not"
    ),
    pytest.param(SCALE, 1, 1, id="scale-low"),
    pytest.param(SCALE, 5, 5, id="scale-high"),
    pytest.param(SCALE_PNTS, PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY, id="scale-prefer-not"),
    pytest.param(RATING, 0, 0, id="rating-zero"),
    pytest.param(RATING, 10, 10, id="rating-ten"),
    pytest.param(RATING_PNTS, PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY, id="rating-prefer-not"),
    pytest.param(YESNO, True, True, id="yes"),
    pytest.param(YESNO, False, False, id="no"),
    pytest.param(YESNO_PNTS, PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY, id="yesno-prefer-not"),
    pytest.param(TEXT, "Fine, thanks", "Fine, thanks", id="text"),
    pytest.param(TEXT, "  spaced  ", "  spaced  ", id="text-kept-as-typed"),
    pytest.param(TEXT, "x" * TEXT_LIMIT, "x" * TEXT_LIMIT, id="text-at-limit"),
    pytest.param(TEXT_10, "x" * 10, "x" * 10, id="text-at-own-limit"),
    pytest.param(LONGTEXT, "y" * LONGTEXT_LIMIT, "y" * LONGTEXT_LIMIT, id="longtext-at-limit"),
    pytest.param(TEXT, "[bold]x[/]", "[bold]x[/]", id="markup-verbatim"),
    pytest.param(
        TEXT, "[link=file:///etc]x[/link]", "[link=file:///etc]x[/link]", id="link-markup-verbatim"
    ),
    pytest.param(TEXT, ESCAPES, ESCAPES, id="escape-sequences-verbatim"),
    pytest.param(
        LONGTEXT,
        "line one\nline two\r\n\ttab",
        "line one\nline two\r\n\ttab",
        id="longtext-newlines",
    ),
    pytest.param(TEXT, "👩🏽‍⚕️ café ﷽", "👩🏽‍⚕️ café ﷽", id="text-unicode"),
    pytest.param(TEXT, "half \ud83d pair", "half \ufffd pair", id="lone-surrogate-replaced"),
    pytest.param(RANKING, ["Time", "Cost", "Travel"], ("Time", "Cost", "Travel"), id="ranking"),
    pytest.param(
        RANKING, ("Cost", "Travel", "Time"), ("Cost", "Travel", "Time"), id="ranking-tuple"
    ),
]


@pytest.mark.parametrize(("question", "given", "kept"), ACCEPTED)
def test_accepted(question: Question, given: object, kept: object) -> None:
    value = check_answer(question, given)

    assert value == kept
    assert type(value) is type(kept)


REFUSED = [
    # (question, answer given, why not)
    pytest.param(SINGLE, "Great", AnswerCode.NOT_A_CHOICE, id="single-not-an-option"),
    pytest.param(SINGLE, "ok", AnswerCode.NOT_A_CHOICE, id="single-wrong-case"),
    pytest.param(SINGLE, 1, AnswerCode.NOT_A_CHOICE, id="single-number"),
    pytest.param(SINGLE, ["OK"], AnswerCode.NOT_A_CHOICE, id="single-list"),
    pytest.param(SINGLE, None, AnswerCode.NOTHING_CHOSEN, id="single-none"),
    pytest.param(SINGLE, PREFER_NOT_TO_SAY, AnswerCode.NOT_A_CHOICE, id="single-prefer-not-off"),
    pytest.param(MULTI, "Carer", AnswerCode.NOT_A_CHOICE, id="multi-bare-string"),
    pytest.param(MULTI, b"Carer", AnswerCode.NOT_A_CHOICE, id="multi-bytes"),
    pytest.param(MULTI, 3, AnswerCode.NOT_A_CHOICE, id="multi-number"),
    pytest.param(MULTI, [], AnswerCode.NOTHING_CHOSEN, id="multi-none"),
    pytest.param(MULTI, None, AnswerCode.NOTHING_CHOSEN, id="multi-nothing"),
    pytest.param(MULTI, ["Carer", "Nurse"], AnswerCode.NOT_A_CHOICE, id="multi-one-unknown"),
    pytest.param(MULTI, ["Carer", 1], AnswerCode.NOT_A_CHOICE, id="multi-number-inside"),
    pytest.param(MULTI, ["Carer", ["Peer"]], AnswerCode.NOT_A_CHOICE, id="multi-list-inside"),
    pytest.param(MULTI, ["Carer", "Carer"], AnswerCode.REPEATED_CHOICE, id="multi-repeated"),
    pytest.param(MULTI, [PREFER_NOT_TO_SAY], AnswerCode.NOT_A_CHOICE, id="multi-prefer-not-off"),
    pytest.param(
        MULTI_PNTS,
        ["Carer", PREFER_NOT_TO_SAY],
        AnswerCode.PREFER_NOT_ALONE,
        id="multi-prefer-not-plus-another",
    ),
    pytest.param(
        MULTI_LISTED_PNTS,
        [PREFER_NOT_TO_SAY, "Clinician"],
        AnswerCode.PREFER_NOT_ALONE,
        id="multi-listed-prefer-not-plus-another",
    ),
    pytest.param(SCALE, 0, AnswerCode.OUT_OF_RANGE, id="scale-zero"),
    pytest.param(SCALE, 6, AnswerCode.OUT_OF_RANGE, id="scale-six"),
    pytest.param(SCALE, "3", AnswerCode.OUT_OF_RANGE, id="scale-text"),
    pytest.param(SCALE, True, AnswerCode.OUT_OF_RANGE, id="scale-bool"),
    pytest.param(SCALE, PREFER_NOT_TO_SAY, AnswerCode.OUT_OF_RANGE, id="scale-prefer-not-off"),
    pytest.param(RATING, -1, AnswerCode.OUT_OF_RANGE, id="rating-minus-one"),
    pytest.param(RATING, 11, AnswerCode.OUT_OF_RANGE, id="rating-eleven"),
    pytest.param(RATING, 5.0, AnswerCode.OUT_OF_RANGE, id="rating-float"),
    pytest.param(RATING, True, AnswerCode.OUT_OF_RANGE, id="rating-true-is-not-1"),
    pytest.param(RATING, False, AnswerCode.OUT_OF_RANGE, id="rating-false-is-not-0"),
    pytest.param(RATING, None, AnswerCode.NOTHING_CHOSEN, id="rating-none"),
    pytest.param(SCALE, None, AnswerCode.NOTHING_CHOSEN, id="scale-none"),
    pytest.param(RATING, PREFER_NOT_TO_SAY, AnswerCode.OUT_OF_RANGE, id="rating-prefer-not-off"),
    pytest.param(YESNO, "yes", AnswerCode.NOT_A_CHOICE, id="yesno-text"),
    pytest.param(YESNO, 1, AnswerCode.NOT_A_CHOICE, id="yesno-one"),
    pytest.param(YESNO, None, AnswerCode.NOTHING_CHOSEN, id="yesno-none"),
    pytest.param(YESNO, PREFER_NOT_TO_SAY, AnswerCode.NOT_A_CHOICE, id="yesno-prefer-not-off"),
    pytest.param(TEXT, "", AnswerCode.EMPTY, id="text-empty"),
    pytest.param(TEXT, "   \n\t ", AnswerCode.EMPTY, id="text-whitespace"),
    pytest.param(TEXT, None, AnswerCode.EMPTY, id="text-none"),
    pytest.param(TEXT, 42, AnswerCode.EMPTY, id="text-number"),
    pytest.param(TEXT, "x" * (TEXT_LIMIT + 1), AnswerCode.TOO_LONG, id="text-over-limit"),
    pytest.param(TEXT_10, "x" * 11, AnswerCode.TOO_LONG, id="text-over-own-limit"),
    pytest.param(
        LONGTEXT, "y" * (LONGTEXT_LIMIT + 1), AnswerCode.TOO_LONG, id="longtext-over-limit"
    ),
    pytest.param(LONGTEXT, "z" * 100_000, AnswerCode.TOO_LONG, id="longtext-100k"),
    pytest.param(RANKING, ["Time", "Cost"], AnswerCode.NOT_ALL_RANKED, id="ranking-missing-one"),
    pytest.param(
        RANKING, ["Time", "Cost", "Cost"], AnswerCode.NOT_ALL_RANKED, id="ranking-repeated"
    ),
    pytest.param(
        RANKING, ["Time", "Cost", "Travel", "Time"], AnswerCode.NOT_ALL_RANKED, id="ranking-extra"
    ),
    pytest.param(RANKING, ["Time", "Cost", "Bus"], AnswerCode.NOT_ALL_RANKED, id="ranking-unknown"),
    pytest.param(RANKING, "Time", AnswerCode.NOT_ALL_RANKED, id="ranking-string"),
    pytest.param(
        RANKING,
        {"Time", "Cost", "Travel"},
        AnswerCode.NOT_ALL_RANKED,
        id="ranking-set-has-no-order",
    ),
    pytest.param(RANKING, [], AnswerCode.NOT_ALL_RANKED, id="ranking-empty"),
    pytest.param(RANKING, None, AnswerCode.NOT_ALL_RANKED, id="ranking-none"),
    pytest.param(INFO, "anything", AnswerCode.NO_ANSWER_NEEDED, id="info-text"),
    pytest.param(INFO, None, AnswerCode.NO_ANSWER_NEEDED, id="info-none"),
]


@pytest.mark.parametrize(("question", "given", "code"), REFUSED)
def test_refused(question: Question, given: object, code: AnswerCode) -> None:
    with pytest.raises(AnswerError) as caught:
        check_answer(question, given)

    assert caught.value.code is code
    assert "{" not in caught.value.message
    assert str(caught.value) == caught.value.message


def test_ranking_with_numbers_for_number_labels_is_refused() -> None:
    # Options "1", "2", "3" ranked as numbers: the wrong type, not the same answer.
    question = ask(Kind.RANKING, "1", "2", "3")

    with pytest.raises(AnswerError) as caught:
        check_answer(question, [3, 1, 2])

    assert caught.value.code is AnswerCode.NOT_ALL_RANKED


def test_ranking_with_unhashable_items_is_refused_not_crashed() -> None:
    question = ask(Kind.RANKING, "['a']", "b")

    with pytest.raises(AnswerError):
        check_answer(question, [["a"], "b"])


def test_every_kind_is_in_both_tables() -> None:
    def kinds(table: list[Any]) -> set[Kind]:
        return {param.values[0].kind for param in table}

    assert kinds(ACCEPTED) | {Kind.INFO} == set(Kind) == set(KINDS)
    assert kinds(REFUSED) == set(Kind)


def test_every_answer_code_but_required_is_met() -> None:
    codes = {param.values[2] for param in REFUSED}

    assert set(AnswerCode) - codes == {AnswerCode.REQUIRED}  # the session's own check


@pytest.mark.parametrize(
    ("code", "context", "expected"),
    [
        (AnswerCode.OUT_OF_RANGE, {"low": 0, "high": 10}, "Please choose a number from 0 to 10."),
        (AnswerCode.TOO_LONG, {"limit": 5000}, "Please keep it under 5,000 characters"),
    ],
)
def test_messages_are_filled_in(code: AnswerCode, context: dict[str, int], expected: str) -> None:
    assert expected in AnswerError(code, **context).message


NOTHING_YET = [
    # (question, nothing given, the one message for it)
    (SINGLE, None, "Nothing is chosen yet. Please choose one of the options, or press Skip."),
    (MULTI, [], "Nothing is chosen yet. Please choose at least one option, or press Skip."),
    # A word scale asks for words, not "a number from 1 to 5".
    (SCALE, None, "Nothing is chosen yet. Please choose one of the options, or press Skip."),
    (RATING, None, "Nothing is chosen yet. Please choose a number from 0 to 10, or press Skip."),
    (YESNO, None, "Nothing is chosen yet. Please choose one of the options, or press Skip."),
    (TEXT, "  ", "There's nothing written yet. Please type an answer, or press Skip."),
    (LONGTEXT, None, "There's nothing written yet. Please type an answer, or press Skip."),
    (RANKING, None, "Please put every option in order, or press Skip."),
]


@pytest.mark.parametrize(("question", "given", "message"), NOTHING_YET)
def test_nothing_given_yet_says_what_to_do_and_that_skipping_is_fine(
    question: Question, given: object, message: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        check_answer(question, given)

    assert caught.value.message == message
    assert nothing_yet(question).message == message


@pytest.mark.parametrize(("question", "given", "message"), NOTHING_YET)
def test_nothing_given_yet_never_offers_skip_when_an_answer_is_needed(
    question: Question, given: object, message: str
) -> None:
    required = replace(question, required=True)
    with pytest.raises(AnswerError) as caught:
        check_answer(required, given)

    assert caught.value.code is nothing_yet(question).code
    assert caught.value.message == message.replace(", or press Skip", "")
    assert "Skip" not in caught.value.message


def test_too_long_offers_skip_only_when_skipping_is_allowed() -> None:
    with pytest.raises(AnswerError) as optional:
        check_answer(TEXT_10, "x" * 11)
    with pytest.raises(AnswerError) as needed:
        check_answer(replace(TEXT_10, required=True), "x" * 11)

    assert optional.value.message.endswith("under 10 characters, or press Skip.")
    assert needed.value.message.endswith("under 10 characters.")


def test_out_of_range_names_the_range() -> None:
    with pytest.raises(AnswerError) as caught:
        check_answer(SCALE, 9)

    assert caught.value.message == "Please choose a number from 1 to 5."


def test_choices_add_prefer_not_to_say_once() -> None:
    assert choices(MULTI) == ("Carer", "Clinician", "Peer")
    assert choices(MULTI_PNTS) == ("Carer", "Clinician", PREFER_NOT_TO_SAY)
    assert choices(ask(Kind.MULTI, "A", PREFER_NOT_TO_SAY, prefer_not_to_say=True)) == (
        "A",
        PREFER_NOT_TO_SAY,
    )


def test_text_limits() -> None:
    assert text_limit(TEXT) == TEXT_LIMIT
    assert text_limit(LONGTEXT) == LONGTEXT_LIMIT
    assert text_limit(TEXT_10) == 10


def test_choice_kinds_take_options_and_others_do_not() -> None:
    with_options = {kind for kind, rule in KINDS.items() if rule.takes_options}

    assert with_options == {Kind.SINGLE, Kind.MULTI, Kind.RANKING}
