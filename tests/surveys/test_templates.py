"""The built-in survey templates: each one loads cleanly, keeps the house rules, and
can be listed, copied and walked through from consent to the end."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from surveys import templates
from surveys.consent import consent_text
from surveys.kinds import choices
from surveys.loader import load_survey
from surveys.model import PREFER_NOT_TO_SAY, Condition, Kind, Question, Survey
from surveys.session import Stage, SurveySession

EXPECTED_NAMES = (
    "about-you",
    "coproduction-checklist",
    "course-feedback",
    "demo",
    "principles-self-assessment",
    "session-debrief",
)

STAKEHOLDER_OPTIONS = (
    "Someone with lived experience",
    "A family member, carer or supporter",
    "A clinician or health professional",
    "A peer support worker",
    "Someone from a charity or voluntary group (third sector)",
    "Someone from government or a commissioner",
    "Other",
    "Prefer not to say",
)

PRINCIPLES = (
    "principle_collaboration",
    "principle_strengths_based",
    "principle_solutions_focused",
    "principle_power_sharing",
    "principle_equal_relationships",
)

MAX_SENTENCE_WORDS = 15


def _survey(name: str) -> Survey:
    result = load_survey(templates.template_path(name))
    assert result.survey is not None, [p.describe() for p in result.problems]
    return result.survey


def _participant_texts(survey: Survey) -> Iterator[str]:
    """Every piece of text a participant may read or hear."""
    yield survey.title
    yield survey.intro
    yield consent_text(survey.consent)
    yield from (tick.text for tick in survey.consent.ticks)
    yield from survey.glossary.values()
    for section in survey.sections:
        yield section.title
        if section.content_note:
            yield section.content_note
    for question in survey.questions:
        yield question.text
        yield from (option.label for option in question.options)
        for extra in (question.help, question.low_label, question.high_label):
            if extra:
                yield extra


# -- every template --------------------------------------------------------------


def test_the_expected_templates_are_shipped() -> None:
    assert set(EXPECTED_NAMES) <= set(templates.template_names())


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_template_loads_with_no_problems_at_all(name: str) -> None:
    result = load_survey(templates.template_path(name))
    assert result.survey is not None
    assert result.problems == (), [p.describe() for p in result.problems]
    assert result.errors == ()
    assert result.warnings == ()


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_template_id_matches_its_name(name: str) -> None:
    assert _survey(name).id == name


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_template_has_the_standard_consent(name: str) -> None:
    survey = _survey(name)
    block = survey.consent
    assert block.version == "standard-v1"
    assert (block.withdraw_days, block.keep_days) == (14, 30)
    for detail in (block.organisation, block.coordinator, block.contact, block.help):
        assert detail.strip()
    assert survey.run_by
    asks_free_text = any(q.kind in (Kind.TEXT, Kind.LONGTEXT) for q in survey.questions)
    tick_ids = {tick.id for tick in block.ticks}
    assert ("quotes" in tick_ids) == asks_free_text


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_every_question_can_be_skipped(name: str) -> None:
    assert [q.id for q in _survey(name).questions if q.required] == []


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_free_text_questions_ask_for_no_names(name: str) -> None:
    for question in _survey(name).questions:
        if question.kind in (Kind.TEXT, Kind.LONGTEXT):
            assert question.help is not None, question.id
            assert "name" in question.help.lower(), question.id


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_templates_collect_nothing_identifying(name: str) -> None:
    assert [q.id for q in _survey(name).questions if q.identifying] == []


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_template_explains_its_jargon(name: str) -> None:
    survey = _survey(name)
    assert survey.glossary
    assert all(meaning.strip() for meaning in survey.glossary.values())


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_sentences_are_short(name: str) -> None:
    long_ones = [
        sentence
        for text in _participant_texts(_survey(name))
        for sentence in re.split(r"(?<=[.?!])\s+", text.strip())
        if len(sentence.split()) > MAX_SENTENCE_WORDS
    ]
    assert long_ones == []


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_template_is_described_in_the_list(name: str) -> None:
    info = {t.name: t for t in templates.list_templates()}[name]
    survey = _survey(name)
    assert info.title == survey.title
    assert info.description
    assert survey.intro.startswith(info.description)
    assert info.description.endswith((".", "?", "!"))
    assert info.question_count == sum(1 for q in survey.questions if q.asks)


def test_list_templates_is_in_name_order() -> None:
    names = [t.name for t in templates.list_templates()]
    assert names == sorted(names)
    assert names == list(templates.template_names())


# -- particular templates ------------------------------------------------------------


def test_demo_uses_every_kind_of_question() -> None:
    assert {q.kind for q in _survey("demo").questions} == set(Kind)


def test_demo_uses_every_show_if_condition() -> None:
    survey = _survey("demo")
    used = {q.show_if.condition for q in survey.questions if q.show_if is not None}
    assert used == set(Condition)


@pytest.mark.parametrize(
    ("feature", "present"),
    [
        ("content note", lambda s: any(section.content_note for section in s.sections)),
        ("glossary", lambda s: bool(s.glossary)),
        ("faces", lambda s: any(q.kind is Kind.SCALE and q.faces for q in s.questions)),
        (
            "rating words",
            lambda s: any(
                q.kind is Kind.RATING and q.low_label and q.high_label for q in s.questions
            ),
        ),
        ("prefer not to say", lambda s: any(q.prefer_not_to_say for q in s.questions)),
        (
            "quotes tick",
            lambda s: any(
                t.id == "quotes" and t.text == "You can quote my words (without my name)"
                for t in s.consent.ticks
            ),
        ),
    ],
)
def test_demo_shows_off(feature: str, present: Callable[[Survey], bool]) -> None:
    assert present(_survey("demo")), feature


def test_about_you_offers_every_stakeholder_group() -> None:
    survey = _survey("about-you")
    question = survey.question("stakeholder_group")
    assert question.kind is Kind.MULTI
    assert question.option_values() == STAKEHOLDER_OPTIONS
    assert question.sensitive
    assert PREFER_NOT_TO_SAY in question.option_values()


def test_about_you_demographics_are_sensitive() -> None:
    for question in _survey("about-you").questions:
        if question.asks and PREFER_NOT_TO_SAY in question.option_values():
            assert question.sensitive, question.id


def test_principles_are_five_poor_average_good_questions() -> None:
    survey = _survey("principles-self-assessment")
    principles = [q for q in survey.questions if q.id.startswith("principle_")]
    assert tuple(q.id for q in principles) == PRINCIPLES
    for question in principles:
        assert question.kind is Kind.SINGLE
        assert len(question.options) == 3
        assert question.option_values() == ("poor", "average", "good")
        assert question.help


def test_checklist_has_the_six_items_with_not_sure() -> None:
    survey = _survey("coproduction-checklist")
    items = [q for q in survey.questions if q.kind in (Kind.SINGLE, Kind.YESNO)]
    assert len(items) == 6
    for question in items:
        if question.kind is Kind.SINGLE:
            assert "Not sure" in question.option_values(), question.id


# -- template_path and copy_template -------------------------------------------------


@pytest.mark.parametrize("name", ["no-such-template", "", "../loader", "demo.yaml", "DEMO"])
def test_unknown_template_name_raises_key_error(name: str, tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        templates.template_path(name)
    with pytest.raises(KeyError):
        templates.copy_template(name, tmp_path / "new.yaml")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_copy_is_byte_identical(name: str, tmp_path: Path) -> None:
    dest = tmp_path / "my-survey.yaml"
    written = templates.copy_template(name, dest)
    assert written == dest
    assert dest.read_bytes() == templates.template_path(name).read_bytes()


def test_copy_into_a_folder_uses_the_template_name(tmp_path: Path) -> None:
    written = templates.copy_template("demo", tmp_path)
    assert written == tmp_path / "demo.yaml"
    assert written.read_bytes() == templates.template_path("demo").read_bytes()


def test_copy_refuses_to_overwrite(tmp_path: Path) -> None:
    dest = tmp_path / "mine.yaml"
    dest.write_text("my own work\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        templates.copy_template("demo", dest)
    assert dest.read_text(encoding="utf-8") == "my own work\n"


def test_copy_overwrites_only_when_asked(tmp_path: Path) -> None:
    dest = tmp_path / "mine.yaml"
    dest.write_text("my own work\n", encoding="utf-8")
    templates.copy_template("demo", dest, overwrite=True)
    assert dest.read_bytes() == templates.template_path("demo").read_bytes()


def test_copy_refuses_a_missing_folder(tmp_path: Path) -> None:
    dest = tmp_path / "not-here" / "mine.yaml"
    with pytest.raises(FileNotFoundError):
        templates.copy_template("demo", dest)
    assert not dest.parent.exists()


# -- walking a copied template from consent to the end --------------------------------


def _valid_answer(question: Question) -> object:
    """A good answer for any kind of question (information pages take none)."""
    real = tuple(value for value in choices(question) if value != PREFER_NOT_TO_SAY)
    answers: dict[Kind, Callable[[], object]] = {
        Kind.SINGLE: lambda: real[0],
        Kind.MULTI: lambda: real,  # every real choice, so every "equals" show_if opens
        Kind.SCALE: lambda: len(question.scale_labels),
        Kind.RATING: lambda: 7,
        Kind.YESNO: lambda: True,
        Kind.TEXT: lambda: "Friendly",
        Kind.LONGTEXT: lambda: "It was calm.\nI could go at my own pace.",
        Kind.RANKING: lambda: tuple(reversed(question.option_values())),
    }
    return answers[question.kind]()


def _walk(survey: Survey, *, answer_every: bool) -> SurveySession:
    session = SurveySession(survey)
    session.agree({tick.id for tick in survey.consent.ticks})
    for _ in range(len(survey.questions) + 1):
        if session.stage is not Stage.QUESTION:
            break
        question = session.current
        if not question.asks:
            session.next()
        elif answer_every:
            session.answer(_valid_answer(question))
        else:
            session.skip()
    assert session.stage is Stage.REVIEW
    return session


@pytest.mark.parametrize("answer_every", [True, False], ids=["answer-all", "skip-all"])
@pytest.mark.parametrize("name", EXPECTED_NAMES)
def test_copied_template_can_be_walked_to_the_end(
    name: str, answer_every: bool, tmp_path: Path
) -> None:
    copy = templates.copy_template(name, tmp_path / f"{name}-copy.yaml")
    result = load_survey(copy)
    assert result.problems == ()
    assert result.survey is not None
    survey = result.survey

    session = _walk(survey, answer_every=answer_every)
    review = session.review()
    assert review, "the review lists the questions asked"
    assert all(item.skipped is not answer_every for item in review)

    response = session.complete()
    asked = {item.question.id for item in review}
    assert set(response.answers) == (asked if answer_every else set())
    assert response.survey_id == survey.id
    assert response.consent.ticks == {tick.id: True for tick in survey.consent.ticks}
    session.mark_sent()
    assert session.stage is Stage.SENT


def test_answering_the_demo_opens_every_show_if_question() -> None:
    survey = _survey("demo")
    session = _walk(survey, answer_every=True)
    seen = {item.question.id for item in session.review()}
    assert {q.id for q in survey.questions if q.asks} == seen


def test_skipping_the_demo_hides_only_answer_dependent_questions() -> None:
    survey = _survey("demo")
    session = _walk(survey, answer_every=False)
    seen = {item.question.id for item in session.review()}
    hidden = {q.id for q in survey.questions if q.asks} - seen
    # "answered: true" and "equals"/"in" all need an earlier answer, so all three hide.
    assert hidden == {q.id for q in survey.questions if q.show_if is not None}
