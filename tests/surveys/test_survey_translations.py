"""A survey in several languages: every text has a key, the checker finds a missing
or extra translation at its line and column, and a participant who chooses Welsh
sees Welsh while their answers keep the same ids and values as everyone else's."""

from __future__ import annotations

import textwrap

import pytest

from surveys.errors import ErrorCode, Severity
from surveys.languages import LANGUAGES
from surveys.loader import load_survey_text
from surveys.model import Survey
from surveys.survey_cache import survey_from_data, survey_to_data
from surveys.survey_translations import in_language, texts

SURVEY = """\
id: course
title: Course feedback
version: "1"
intro: Thank you for helping us.
language: en
consent:
  text: standard-v1
  organisation: the Recovery College
  coordinator: the course coordinator
  contact: the college office
  ticks:
    - id: quote
      text: You can quote my words.
sections:
  - id: about
    title: About the course
    content_note: Some questions are about how you felt.
questions:
  - id: how
    kind: single
    section: about
    text: How was the course?
    help: Choose the one that fits best.
    options:
      - Good
      - {label: Not so good, value: poor}
  - id: more
    kind: text
    text: Anything else?
support:
  talk_to: the course tutor
  lines:
    - {name: Samaritans, how: Call 116 123}
glossary:
  peer: Someone who has been through something similar.
"""

WELSH = """\
translations:
  cy:
    title: Adborth am y cwrs
    intro: Diolch am ein helpu.
    consent.help: y person sy'n cynnal y sesiwn
    consent.tick.quote: Gallwch ddyfynnu fy ngeiriau.
    section.about.title: Am y cwrs
    section.about.content_note: Mae rhai cwestiynau am sut roeddech chi'n teimlo.
    question.how.text: Sut oedd y cwrs?
    question.how.help: Dewiswch yr un sy'n gweddu orau.
    question.how.option.Good: Da
    question.how.option.poor: Ddim cystal
    question.more.text: Unrhyw beth arall?
    support.talk_to: tiwtor y cwrs
    support.line.1.name: Samariaid
    support.line.1.how: Ffoniwch 116 123
    glossary.peer.word: cymar
    glossary.peer.meaning: Rhywun sydd wedi bod drwy rywbeth tebyg.
"""


def _load(text: str) -> tuple[Survey | None, list[tuple[ErrorCode, int, int, Severity]]]:
    result = load_survey_text(text, "course.yaml")
    return result.survey, [(p.code, p.line, p.column, p.severity) for p in result.problems]


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_full_welsh_translation_checks_clean_and_shows_welsh() -> None:
    survey, problems = _load(SURVEY + WELSH)
    assert problems == []
    assert survey is not None
    assert survey.languages == ("en", "cy")
    welsh = in_language(survey, "cy")
    assert welsh.title == "Adborth am y cwrs"
    how = welsh.question("how")
    assert how.text == "Sut oedd y cwrs?"
    assert [(o.label, o.value) for o in how.options] == [("Da", "Good"), ("Ddim cystal", "poor")]
    # The ids and values people's answers are stored under never change.
    assert [q.id for q in welsh.questions] == [q.id for q in survey.questions]
    assert how.option_values() == survey.question("how").option_values()
    assert welsh.consent.ticks[0].text == "Gallwch ddyfynnu fy ngeiriau."
    assert welsh.consent.version == survey.consent.version
    assert welsh.sections[0].content_note is not None
    assert welsh.sections[0].content_note.startswith("Mae rhai")
    assert welsh.support is not None
    assert welsh.support.lines[0].name == "Samariaid"
    assert welsh.glossary == {"cymar": "Rhywun sydd wedi bod drwy rywbeth tebyg."}
    assert welsh.language == "cy"
    # English stays English.
    assert in_language(survey, "en") is survey


def test_every_text_a_participant_meets_has_a_key() -> None:
    survey, _ = _load(SURVEY)
    assert survey is not None
    keys = texts(survey)
    assert keys["question.how.option.poor"] == "Not so good"
    assert keys["consent.tick.quote"] == "You can quote my words."
    assert set(keys) == {line.split(":")[0].strip() for line in WELSH.splitlines()[2:]} | {
        "consent.organisation",
        "consent.coordinator",
        "consent.contact",
    }


def test_a_missing_translation_is_advice_at_the_english_text() -> None:
    text = SURVEY + WELSH.replace("    question.how.help: Dewiswch yr un sy'n gweddu orau.\n", "")
    survey, problems = _load(text)
    assert survey is not None  # it still runs: the help shows in English
    line = _line_of(text, "help: Choose the one")
    assert problems == [(ErrorCode.TRANSLATION_MISSING, line, 11, Severity.WARNING)]
    message = load_survey_text(text, "course.yaml").problems[0].describe()
    assert "Welsh (cy)" in message
    assert "question 'how' (help)" in message
    assert "in English" in message
    assert in_language(survey, "cy").question("how").help == "Choose the one that fits best."


def test_an_extra_translation_is_an_error_at_its_key() -> None:
    text = SURVEY + WELSH + "    question.how.option.good: Da iawn\n"
    survey, problems = _load(text)
    assert survey is None
    line = _line_of(text, "option.good: Da iawn")
    assert (ErrorCode.TRANSLATION_EXTRA, line, 5, Severity.ERROR) in problems
    message = next(
        p.describe()
        for p in load_survey_text(text, "course.yaml").problems
        if p.code is ErrorCode.TRANSLATION_EXTRA
    )
    assert "Did you mean 'question.how.option.Good'?" in message


@pytest.mark.parametrize(
    ("change", "code", "needle"),
    [
        (("  cy:\n", "  cymraeg:\n"), ErrorCode.UNKNOWN_LANGUAGE, "cymraeg:"),
        (("  cy:\n", "  en:\n"), ErrorCode.TRANSLATION_OF_SOURCE, "  en:"),
        (("title: Adborth am y cwrs", "title: ''"), ErrorCode.EMPTY_TEXT, "title: ''"),
    ],
    ids=["unknown-language", "translating-the-source", "blank-text"],
)
def test_bad_translation_blocks_are_errors_at_their_line(
    change: tuple[str, str], code: ErrorCode, needle: str
) -> None:
    text = SURVEY + WELSH.replace(*change)
    survey, problems = _load(text)
    assert survey is None
    assert code in [c for c, *_ in problems]
    line = _line_of(text, needle)
    assert any(c is code and at == line for c, at, _, _ in problems)


def test_an_unknown_file_language_is_reported() -> None:
    survey, problems = _load(SURVEY.replace("language: en", "language: welsh"))
    assert survey is None
    assert [c for c, *_ in problems] == [ErrorCode.UNKNOWN_LANGUAGE]


def test_a_survey_written_in_welsh_can_carry_english() -> None:
    english = textwrap.dedent("""\
        translations:
          en:
            title: Course feedback
    """)
    text = SURVEY.replace("language: en", "language: cy") + english
    survey, problems = _load(text)
    assert survey is not None
    assert survey.languages == ("cy", "en")
    assert all(code is ErrorCode.TRANSLATION_MISSING for code, *_ in problems)
    assert in_language(survey, "en").title == "Course feedback"


def test_every_translation_code_has_a_case() -> None:
    codes = {c for c in ErrorCode if c.name.startswith("TRANSLATION_")} | {
        ErrorCode.UNKNOWN_LANGUAGE,
        ErrorCode.CONSENT_NOT_TRANSLATED,
    }
    tested = {
        ErrorCode.CONSENT_NOT_TRANSLATED,
        ErrorCode.TRANSLATION_MISSING,
        ErrorCode.TRANSLATION_EXTRA,
        ErrorCode.TRANSLATION_OF_SOURCE,
        ErrorCode.UNKNOWN_LANGUAGE,
    }
    assert codes == tested


def test_a_language_without_a_shipped_consent_text_gets_advice() -> None:
    text = SURVEY + WELSH.replace("  cy:\n", "  ro:\n")
    survey, problems = _load(text)
    assert survey is not None
    line = _line_of(text, "  ro:")
    assert (ErrorCode.CONSENT_NOT_TRANSLATED, line, 3, Severity.WARNING) in problems
    message = next(
        p.describe()
        for p in load_survey_text(text, "course.yaml").problems
        if p.code is ErrorCode.CONSENT_NOT_TRANSLATED
    )
    assert "not shipped in Romanian yet" in message


def test_translations_survive_the_survey_cache() -> None:
    survey, _ = _load(SURVEY + WELSH)
    assert survey is not None
    again = survey_from_data(survey_to_data(survey))
    assert again.translations == survey.translations
    assert in_language(again, "cy").title == "Adborth am y cwrs"


def test_languages_have_their_own_names_and_voices() -> None:
    assert LANGUAGES["cy"].own_name == "Cymraeg"
    assert LANGUAGES["pl"].own_name == "Polski"
    assert LANGUAGES["ur"].right_to_left
    assert not LANGUAGES["cy"].right_to_left
