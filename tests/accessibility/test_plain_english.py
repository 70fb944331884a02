"""Wording advice for survey authors, and the shipped consent text.

The shipped templates are checked through ``kiosk check --strict``
(``tests/kiosk/cli/test_check_wording.py``).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from accessibility.plain_english import (
    Advice,
    WordingCode,
    check_consent,
    check_text,
    check_wording,
    describe_all,
    failed,
    reading_age,
    sentences,
)
from surveys.loader import load_survey_text
from surveys.model import ConsentBlock


def codes(text: str, *, question: bool = False) -> list[tuple[str, str]]:
    return [(code.name, words) for code, words, _ in check_text(text, question=question)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How was today?", []),
        (
            "We will utilise your views in order to facilitate change prior to the next course.",
            [
                ("JARGON", "utilise"),
                ("JARGON", "in order to"),
                ("JARGON", "facilitate"),
                ("JARGON", "prior to"),
            ],
        ),
        (
            "Service users commence on Monday.",
            [("JARGON", "Service users"), ("JARGON", "commence")],
        ),
        ("Please UTILIZE the form.", [("JARGON", "UTILIZE")]),
        ("Facilitator notes are here.", []),  # a person, explained by the glossary
    ],
)
def test_jargon_is_found_with_a_plainer_word(text: str, expected: list[tuple[str, str]]) -> None:
    assert [c for c in codes(text) if c[0] == "JARGON"] == expected


def test_jargon_message_suggests_the_plainer_word() -> None:
    [(_, _, message)] = check_text("Please utilise this.", question=False)
    assert message == '"utilise" may be hard to understand. Try "use" instead.'


@pytest.mark.parametrize(
    ("text", "long"),
    [
        (
            "One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen.",
            False,
        ),
        (
            "One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen.",
            True,
        ),
        ("Short one. Another short one here. And a third.", False),
    ],
)
def test_sentences_over_fifteen_words_are_flagged(text: str, long: bool) -> None:
    assert (("LONG_SENTENCE", text) in codes(text)) is long


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("How was the course and would you recommend it?", "and would you"),
        ("What did you like, and what could we do better?", "and what could"),
        ("What went well? What could be better?", "What went well? What could be better?"),
        ("Do you and/or your carer use the service?", "and/or"),
        ("How clear and useful was the session?", "How clear and useful was"),
        ("Did you feel safe and welcome?", None),
        ("How did you find the room and the food?", None),
        ("Between you and me, how was it?", None),
        ("Tell us what went well and what could be better.", None),  # not a question
        ("How much do you agree: the staff were kind and helpful?", None),
    ],
)
def test_questions_asking_two_things_are_flagged(text: str, flagged: str | None) -> None:
    found = [w for c, w in codes(text, question=True) if c == "TWO_QUESTIONS"]
    assert found == ([flagged] if flagged else [])


def test_two_questions_is_checked_only_on_questions() -> None:
    assert codes("What went well? What could be better?") == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("It is not unusual to feel nervous.", "not unusual"),
        ("I don't disagree with the plan.", "don't disagree"),
        ("I did not feel that nobody listened.", "I did not feel that nobody listened."),
        ("You do not have to take part. Saying no will not change your care.", None),
        ("Neither agree nor disagree", None),
        ("The staff were not understanding.", None),
        ("No thanks, I do not want to.", None),
        ("Nothing is kept if you stop.", None),
    ],
)
def test_double_negatives_are_flagged(text: str, flagged: str | None) -> None:
    found = [w for c, w in codes(text) if c == "DOUBLE_NEGATIVE"]
    assert found == ([flagged] if flagged else [])


def test_reading_age_is_grade_plus_five_and_flags_hard_text() -> None:
    easy = "We want to know what you think. It helps us make things better. You can stop."
    hard = (
        "Participation necessitates comprehensive consideration of organisational "
        "accountability, notwithstanding considerable administrative complexity and "
        "institutional responsibilities."
    )
    assert reading_age(easy) <= 11
    assert reading_age(hard) > 16
    assert "READING_AGE" in [c for c, _ in codes(hard)]
    assert "READING_AGE" not in [c for c, _ in codes(easy)]


def test_reading_age_is_not_judged_on_a_few_words() -> None:
    assert codes("Accountability considerations.") == []


def test_sentences_split_at_stops_and_line_ends() -> None:
    assert sentences("One. Two? Three!\nFour") == ["One.", "Two?", "Three!", "Four"]


SURVEY = """\
id: wording
title: Wording test
version: "1"
intro: Thanks for coming.
consent:
  text: standard-v1
  organisation: the Recovery College
  coordinator: the research lead
  contact: the course team
questions:
  - id: good
    kind: yesno
    text: Did you enjoy it?
  - id: bad
    kind: single
    text: How was the course and would you utilise it again?
    options:
      - Yes
      - No
"""


def test_check_wording_locates_each_advice_by_question_and_line() -> None:
    result = load_survey_text(SURVEY, "wording.yaml")
    assert result.survey is not None
    advice = check_wording(result.survey, SURVEY, "wording.yaml")
    assert [(a.code, a.question_id, a.line, a.words) for a in advice] == [
        (WordingCode.JARGON, "bad", 16, "utilise"),
        (WordingCode.TWO_QUESTIONS, "bad", 16, "and would you"),
    ]
    assert advice[0].describe() == (
        "wording.yaml, line 16: Advice: In question 'bad': \"utilise\" may be hard to "
        'understand. Try "use" instead.'
    )


def test_describe_all_fills_in_the_file_and_strict_makes_advice_fail() -> None:
    advice = [Advice(WordingCode.JARGON, "Try it.", "utilise", "the intro", line=3)]
    assert describe_all(advice, "s.yaml") == ["s.yaml, line 3: Advice: In the intro: Try it."]
    assert describe_all([replace(advice[0], line=0)]) == ["Advice: In the intro: Try it."]
    assert failed(advice, strict=False) is False
    assert failed(advice, strict=True) is True
    assert failed([], strict=True) is False


def test_every_code_has_a_message_that_formats() -> None:
    context = {"words": "w", "count": 16, "limit": 15, "suggestion": "s", "age": 13}
    for code in WordingCode:
        assert "{" not in code.format(**context)


def test_shipped_consent_text_passes_strict() -> None:
    block = ConsentBlock(
        "standard-v1", "the Recovery College", "the research lead", "the course team"
    )
    advice = check_consent(block)
    assert describe_all(advice) == []
    assert not failed(advice, strict=True)


def test_consent_advice_points_at_the_consent_file() -> None:
    block = ConsentBlock(
        "standard-v1",
        "the service in order to make it better for everyone who uses it every single week",
        "the research lead",
        "the course team",
    )
    advice = check_consent(block)
    assert {(a.code, a.path, a.line) for a in advice} >= {
        (WordingCode.JARGON, "surveys/consent_texts/standard-v1.txt", 1),
        (WordingCode.LONG_SENTENCE, "surveys/consent_texts/standard-v1.txt", 1),
    }
