"""A session plan's ``translations:`` block: checked with line and column like a
survey's, and the plan in the group's language keeps its stages, timers, poll ids and
option values while every text the group sees changes."""

from __future__ import annotations

import pytest

from surveys import plan_templates
from surveys.errors import ErrorCode, Severity
from surveys.plan_reader import load_plan, load_plan_text
from surveys.plan_translations import plan_in_language, plan_texts

PLAN = """\
id: what-matters
title: What matters most?
about: We write ideas, then we vote.
stages:
  - kind: ideas
    minutes: 5
    title: Writing on your own
    prompt: What would make the most difference to you?
  - kind: share
    minutes: 10
  - kind: poll
    minutes: 3
    poll:
      id: heard
      kind: single
      text: How much did you feel heard today?
      options: [A lot, Not much]
translations:
  cy:
    title: Beth sy'n bwysig fwyaf?
    about: Rydyn ni'n ysgrifennu syniadau, yna rydyn ni'n pleidleisio.
    stage.1.title: Ysgrifennu ar eich pen eich hun
    stage.1.prompt: Beth fyddai'n gwneud y gwahaniaeth mwyaf i chi?
    question.heard.text: Faint oeddech chi'n teimlo bod pobl yn gwrando arnoch chi heddiw?
    question.heard.option.A lot: Llawer
    question.heard.option.Not much: Dim llawer
"""


def _with(old: str, new: str) -> str:
    assert old in PLAN
    return PLAN.replace(old, new)


def test_a_good_block_is_read_with_no_problems() -> None:
    result = load_plan_text(PLAN)
    assert result.problems == (), [p.describe() for p in result.problems]
    assert result.plan is not None
    (welsh,) = result.plan.translations
    assert welsh.language == "cy"
    assert welsh.texts["stage.1.prompt"] == "Beth fyddai'n gwneud y gwahaniaeth mwyaf i chi?"


def test_the_plan_in_welsh_keeps_its_shape_and_values() -> None:
    plan = load_plan_text(PLAN).plan
    assert plan is not None
    welsh = plan_in_language(plan, "cy")
    assert welsh.title == "Beth sy'n bwysig fwyaf?"
    assert welsh.stages[0].title == "Ysgrifennu ar eich pen eich hun"
    assert welsh.stages[0].prompt == "Beth fyddai'n gwneud y gwahaniaeth mwyaf i chi?"
    # The share stage has no title of its own: the kiosk's own (translated) heading stays.
    assert welsh.stages[1].title == plan.stages[1].title
    poll = welsh.stages[2].poll
    assert poll is not None
    assert poll.id == "heard"
    assert [(o.value, o.label) for o in poll.options] == [
        ("A lot", "Llawer"),
        ("Not much", "Dim llawer"),
    ]
    assert welsh.stage_kinds == plan.stage_kinds
    assert [s.minutes for s in welsh.stages] == [s.minutes for s in plan.stages]
    # A language the plan has no words for: the plan as written.
    assert plan_in_language(plan, "pl") == plan


def _only(text: str) -> tuple[ErrorCode, int, int, Severity]:
    problems = load_plan_text(text).problems
    assert len(problems) == 1, [p.describe() for p in problems]
    (problem,) = problems
    return problem.code, problem.line, problem.column, problem.severity


def test_an_unknown_language_is_an_error_at_its_line_and_column() -> None:
    assert _only(_with("  cy:\n", "  xx:\n")) == (ErrorCode.UNKNOWN_LANGUAGE, 19, 3, Severity.ERROR)


def test_english_is_not_a_translation_of_an_english_plan() -> None:
    code, line, _, severity = _only(_with("  cy:\n", "  en:\n"))
    assert (code, line, severity) == (ErrorCode.UNKNOWN_LANGUAGE, 19, Severity.ERROR)
    assert (
        "The plan itself is in English"
        in load_plan_text(_with("  cy:\n", "  en:\n")).problems[0].describe()
    )


def test_a_key_the_plan_does_not_have_is_an_error_at_its_line_and_column() -> None:
    text = _with("    stage.1.prompt:", "    stage.2.prompt:")
    problems = load_plan_text(text).problems
    extra = [p for p in problems if p.code is ErrorCode.TRANSLATION_EXTRA]
    assert [(p.line, p.column, p.severity) for p in extra] == [(23, 5, Severity.ERROR)]
    assert "stage.2.prompt" in extra[0].describe()
    assert load_plan_text(text).plan is None


def test_blank_words_are_an_error_at_their_line_and_column() -> None:
    text = _with("    question.heard.option.A lot: Llawer", '    question.heard.option.A lot: ""')
    assert _only(text) == (ErrorCode.EMPTY_TEXT, 25, 34, Severity.ERROR)


def test_a_missing_text_is_advice_at_the_english_words() -> None:
    text = _with("    stage.1.prompt: Beth fyddai'n gwneud y gwahaniaeth mwyaf i chi?\n", "")
    result = load_plan_text(text)
    assert result.plan is not None  # advice only: the plan still runs
    code, line, column, severity = _only(text)
    assert (code, line, column, severity) == (
        ErrorCode.TRANSLATION_MISSING,
        8,
        13,
        Severity.WARNING,
    )
    said = result.problems[0].describe()
    assert "stage 1 (prompt)" in said
    assert "in English" in said
    # The untranslated prompt shows as written.
    assert plan_in_language(result.plan, "cy").stages[0].prompt == (
        "What would make the most difference to you?"
    )


@pytest.mark.parametrize("name", plan_templates.plan_names())
def test_every_plan_template_has_welsh_for_every_text(name: str) -> None:
    plan = load_plan(plan_templates.plan_path(name)).plan
    assert plan is not None
    assert [t.language for t in plan.translations] == ["cy"]
    english = plan_texts(plan)
    welsh = plan_texts(plan_in_language(plan, "cy"))
    assert welsh.keys() == english.keys()
    left = {key: text for key, text in welsh.items() if text == english[key]}
    assert left == {}
