"""Participant messages written in ``surveys``: whole sentences, told in the person's
language, with the right plural for every count (the phone passes its own ``Words``;
nothing here depends on the kiosk screen's language)."""

from __future__ import annotations

import pytest

from surveys.catalogues import use_language, words
from surveys.errors import AnswerCode, AnswerError
from surveys.idea_ranking import BallotError, RankTally, Style, check_ballot
from surveys.ideas import IdeaPool


def _refused(size: int, ballot: object, style: Style = Style.TOP) -> BallotError:
    tally = RankTally("r1", style=style, size=size, candidates=("a", "b"))
    with pytest.raises(BallotError) as caught:
        check_ballot(tally, IdeaPool(), ballot)
    return caught.value


@pytest.mark.parametrize(
    ("size", "english", "polish"),
    [
        (1, "Please put 1 idea in order.", "Ułóż 1 pomysł po kolei."),
        (2, "Please put 2 ideas in order.", "Ułóż 2 pomysły po kolei."),
        (5, "Please put 5 ideas in order.", "Ułóż 5 pomysłów po kolei."),
    ],
)
def test_a_refused_ballot_is_told_in_the_voters_language(
    size: int, english: str, polish: str
) -> None:
    error = _refused(size, "not a list")
    assert error.message == english  # the English stays as it always was
    assert error.told(words("pl")) == polish
    assert error.told(words("cy")) == f"Rhowch {size} syniad mewn trefn."


def test_too_many_dots_names_both_numbers_in_polish() -> None:
    error = _refused(5, {"a": 3, "b": 4}, Style.DOTS)
    assert error.message == "You have 5 dots to spend, and have used 7. Please take some off."
    assert error.told(words("pl")) == "Masz 5 kropek do rozdania, a użyto 7. Zdejmij kilka."


def test_answer_errors_are_whole_sentences_in_each_language() -> None:
    needed = AnswerError(AnswerCode.EMPTY, skip=False)
    may_skip = AnswerError(AnswerCode.EMPTY, skip=True)
    assert needed.message == "There's nothing written yet. Please type an answer."
    assert may_skip.message == "There's nothing written yet. Please type an answer, or press Skip."
    assert needed.told(words("cy")) == "Does dim byd wedi'i ysgrifennu eto. Teipiwch ateb."
    assert "Neidio" in may_skip.told(words("cy"))
    assert "Pomiń" in may_skip.told(words("pl"))
    out_of_range = AnswerError(AnswerCode.OUT_OF_RANGE, low=0, high=10)
    assert out_of_range.told(words("pl")) == "Wybierz liczbę od 0 do 10."


def test_the_kiosk_screens_language_does_not_change_a_phones_words() -> None:
    """A phone asks for its own language; the kiosk screen's choice changes nothing."""
    try:
        use_language("cy")
        error = AnswerError(AnswerCode.REQUIRED)
        assert error.message == "This question needs an answer before you go on."
        assert error.told(words("pl")) == "To pytanie wymaga odpowiedzi, zanim przejdziesz dalej."
    finally:
        use_language("en")
