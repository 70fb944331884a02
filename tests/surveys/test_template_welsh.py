"""Every built-in survey template ships in Welsh: every text a participant meets has
its Welsh words, and a Welsh speaker sees no English left (issue 17)."""

from __future__ import annotations

import pytest

from surveys import templates
from surveys.consent import consent_text
from surveys.loader import load_survey
from surveys.model import Survey
from surveys.survey_translations import in_language, texts

NAMES = templates.template_names()


def _survey(name: str) -> Survey:
    result = load_survey(templates.template_path(name))
    assert result.survey is not None, [p.describe() for p in result.problems]
    return result.survey


def test_every_template_is_checked() -> None:
    assert len(NAMES) >= 6
    assert "demo" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_template_checks_clean_with_its_welsh(name: str) -> None:
    # `kiosk check --strict` fails on any problem, a missing translation included.
    result = load_survey(templates.template_path(name))
    assert [p.describe() for p in result.problems] == []


@pytest.mark.parametrize("name", NAMES)
def test_every_text_has_welsh_words(name: str) -> None:
    survey = _survey(name)
    welsh = next(t for t in survey.translations if t.language == "cy")
    # Every key, even the names that may stay as they are (run_by, the consent's
    # organisation, coordinator and contact): the templates translate them all.
    missing = sorted(texts(survey).keys() - welsh.texts.keys())
    assert missing == []


@pytest.mark.parametrize("name", NAMES)
def test_a_welsh_speaker_sees_no_english_text(name: str) -> None:
    survey = _survey(name)
    english = texts(survey)
    shown = texts(in_language(survey, "cy"))
    # in_language renames glossary words, so compare by position, not by key.
    left_in_english = [
        (key, text)
        for (key, text), welsh_text in zip(english.items(), shown.values(), strict=True)
        if welsh_text.strip().casefold() == text.strip().casefold()
    ]
    assert left_in_english == []


@pytest.mark.parametrize("name", NAMES)
def test_the_welsh_consent_names_people_in_welsh(name: str) -> None:
    survey = _survey(name)
    block = in_language(survey, "cy").consent
    words = consent_text(block, "cy")
    for english in (
        survey.consent.organisation,
        survey.consent.coordinator,
        survey.consent.contact,
        survey.consent.help,
    ):
        assert english not in words
    assert block.contact in words
    assert block.help in words


def test_the_welsh_demo_keeps_the_option_values_answers_are_stored_under() -> None:
    survey = _survey("demo")
    welsh = in_language(survey, "cy")
    drink = welsh.question("drink")
    assert [o.label for o in drink.options] == ["Te", "Coffi", "Dŵr", "Rhywbeth arall"]
    assert drink.option_values() == survey.question("drink").option_values()
    # show_if still names the English values, so "Do you take milk in it?" still follows.
    assert welsh.question("milk").show_if == survey.question("milk").show_if
