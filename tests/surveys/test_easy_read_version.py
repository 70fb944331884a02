"""A survey's Easy Read version and the symbols beside its choices.

The Easy Read words are carried like a translation (``translations: easy-read:``),
so a participant who chooses "Easy Read" sees them while their answers keep the
same option values as everyone else's. A choice may carry a picture: one emoji or
a plain-English picture name; a name the kiosk doesn't know is an error at its
line and column, with the nearest name it does know.
"""

from __future__ import annotations

import textwrap

import pytest

from surveys.errors import ErrorCode, Severity
from surveys.languages import EASY_READ, language
from surveys.loader import load_survey_text
from surveys.model import Survey
from surveys.survey_cache import survey_from_data, survey_to_data
from surveys.survey_translations import in_language
from surveys.symbols import PICTURES, is_one_picture, picture

SURVEY = """\
id: drinks
title: Drinks at the group
version: "1"
intro: We would like to know which drinks you would like us to have at the group.
consent:
  text: standard-v1
  organisation: the Recovery College
  coordinator: the course coordinator
  contact: the college office
questions:
  - id: drink
    kind: single
    text: Which of these drinks would you most like us to have at the group?
    options:
      - label: Tea
        symbol: tea
      - label: Coffee
        symbol: "☕"
      - label: Something else
        value: other
        symbol: other
support:
  talk_to: the course tutor
  lines:
    - {name: Samaritans, how: Call 116 123}
"""

EASY = """\
translations:
  easy-read:
    title: Drinks
    intro: Tell us which drinks you like.
    question.drink.text: Which drink do you like best?
    question.drink.option.Tea: Tea
    question.drink.option.Coffee: Coffee
    question.drink.option.other: Something else
    support.line.1.how: Call 116 123
"""


def _load(text: str) -> tuple[Survey | None, list[tuple[ErrorCode, int, int, Severity]]]:
    result = load_survey_text(text, "drinks.yaml")
    return result.survey, [(p.code, p.line, p.column, p.severity) for p in result.problems]


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_symbol_is_a_picture_name_or_one_emoji() -> None:
    survey, problems = _load(SURVEY)
    assert survey is not None, problems
    options = survey.question("drink").options
    assert [(o.value, o.symbol) for o in options] == [
        ("Tea", "🍵"),
        ("Coffee", "☕"),
        ("other", PICTURES["other"]),
    ]
    assert survey.question("drink").symbol_for("other") == "➕"
    assert survey.question("drink").symbol_for("nothing") == ""


def test_an_option_without_a_symbol_has_none() -> None:
    survey, _ = _load(SURVEY.replace("        symbol: tea\n", ""))
    assert survey is not None
    assert survey.question("drink").options[0].symbol is None


def test_an_unknown_picture_name_is_an_error_at_its_line_and_column() -> None:
    text = SURVEY.replace("symbol: tea", "symbol: teaa")
    survey, problems = _load(text)
    assert survey is None
    line = _line_of(text, "symbol: teaa")
    assert (ErrorCode.UNKNOWN_SYMBOL, line, 17, Severity.ERROR) in problems
    message = next(
        p.describe()
        for p in load_survey_text(text, "drinks.yaml").problems
        if p.code is ErrorCode.UNKNOWN_SYMBOL
    )
    assert "'teaa'" in message
    assert "Did you mean 'tea'?" in message
    assert "thumbs-up" in message


@pytest.mark.parametrize(
    "written",
    ["❤", "A", "🍵🍵", "tea please", "12"],
    ids=["narrow-heart", "letter", "two-pictures", "words", "digits"],
)
def test_only_one_wide_picture_is_a_symbol(written: str) -> None:
    text = SURVEY.replace('symbol: "☕"', f'symbol: "{written}"')
    survey, problems = _load(text)
    assert survey is None
    assert [code for code, *_ in problems] == [ErrorCode.UNKNOWN_SYMBOL]


def test_every_built_in_picture_is_one_wide_character() -> None:
    assert len(PICTURES) >= 30
    for name, drawn in PICTURES.items():
        assert is_one_picture(drawn), name
        assert name == name.lower().strip()
        assert " " not in name
    assert picture(" Thumbs-Up ") == "👍"
    assert picture("☕\ufe0f") == "☕"


def test_symbols_survive_the_survey_cache() -> None:
    survey, _ = _load(SURVEY + EASY)
    assert survey is not None
    again = survey_from_data(survey_to_data(survey))
    assert again == survey
    assert again.question("drink").options[0].symbol == "🍵"


def test_easy_read_is_chosen_by_its_own_name_and_read_in_english() -> None:
    easy = language(EASY_READ)
    assert easy is not None
    assert (easy.own_name, easy.english_name, easy.voice) == ("Easy Read", "Easy Read", "en")
    assert not easy.right_to_left


def test_the_easy_read_version_shows_easy_words_with_the_same_values_and_symbols() -> None:
    survey, problems = _load(SURVEY + EASY)
    assert survey is not None
    assert problems == []
    assert survey.languages == ("en", EASY_READ)
    easy = in_language(survey, EASY_READ)
    assert easy.language == EASY_READ
    assert easy.title == "Drinks"
    assert easy.intro == "Tell us which drinks you like."
    question = easy.question("drink")
    assert question.text == "Which drink do you like best?"
    assert [(o.label, o.value, o.symbol) for o in question.options] == [
        ("Tea", "Tea", "🍵"),
        ("Coffee", "Coffee", "☕"),
        ("Something else", "other", "➕"),
    ]
    assert easy.support is not None
    assert easy.support.talk_to == "the course tutor"  # a name stays as it is
    assert in_language(survey, "en") == survey


def test_a_missing_easy_read_text_is_advice_at_the_usual_words() -> None:
    text = SURVEY + EASY.replace("    intro: Tell us which drinks you like.\n", "")
    survey, problems = _load(text)
    assert survey is not None  # advice: the survey still runs
    line = _line_of(text, "intro: We would like")
    assert problems == [(ErrorCode.EASY_READ_MISSING, line, 8, Severity.WARNING)]
    message = load_survey_text(text, "drinks.yaml").problems[0].describe()
    assert "The Easy Read version has no words for the intro ('intro')" in message
    assert in_language(survey, EASY_READ).intro.startswith("We would like to know")


def test_easy_read_words_are_found_where_they_are_written() -> None:
    survey, _ = _load(SURVEY + EASY)
    assert survey is not None
    version = next(t for t in survey.translations if t.language == EASY_READ)
    whole = SURVEY + EASY
    assert version.places["intro"] == (_line_of(whole, "intro: Tell us"), 12)
    assert version.places["question.drink.option.Coffee"] == (
        _line_of(whole, "option.Coffee: Coffee"),
        35,
    )


def test_an_easy_read_key_the_survey_does_not_have_is_an_error() -> None:
    text = SURVEY + EASY + "    question.drnk.text: Which drink?\n"
    survey, problems = _load(text)
    assert survey is None
    line = _line_of(text, "question.drnk.text")
    assert (ErrorCode.TRANSLATION_EXTRA, line, 5, Severity.ERROR) in problems


def test_a_survey_without_easy_read_is_unchanged() -> None:
    survey, _ = _load(textwrap.dedent(SURVEY))
    assert survey is not None
    assert in_language(survey, EASY_READ) == survey


def test_the_kiosk_uses_its_english_words_for_easy_read() -> None:
    from surveys.catalogues import words

    assert words(EASY_READ)("Start") == "Start"
    assert words(EASY_READ).n("{count} answer", "{count} answers", 2) == "2 answers"


def test_people_who_choose_easy_read_read_an_easy_read_consent() -> None:
    """The consent in Easy Read keeps the English lines' meaning and details, and
    every line keeps the Easy Read rules (with short names filled in, as on a kiosk)."""
    from accessibility.easy_read import check_easy_text
    from surveys.consent import consent_languages, template_text

    assert EASY_READ in consent_languages("standard-v1")
    easy = template_text("standard-v1", EASY_READ)
    english = template_text("standard-v1")
    assert easy != english
    assert len(easy.splitlines()) == len(english.splitlines())
    filled = easy.format(
        organisation="the college",
        coordinator="Sam",
        contact="Sam",
        withdraw_days=14,
        keep_days=90,
        help="Sam",
    )
    advice = [words for line in filled.splitlines() for _, words, _ in check_easy_text(line)]
    assert advice == []
