"""A poll file's ``translations:`` block: the polls go under ``polls:``, their words in
other languages under ``translations:`` (keys as a survey's), checked with line and
column; the polls in a language keep their ids and option values."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveys.errors import ErrorCode, Severity
from surveys.plan_reader import file_kind
from surveys.poll_files import builtin_poll_sets, load_poll_set, polls_in_language
from surveys.survey_translations import question_texts

POLLS = """\
# End-of-session polls.
polls:
  - id: heard
    kind: single
    text: How much did you feel heard today?
    help: Please be honest.
    options:
      - label: A lot
        value: lot
      - label: Not much
        value: little
translations:
  cy:
    question.heard.text: Faint oeddech chi'n teimlo bod pobl yn gwrando arnoch chi?
    question.heard.help: Byddwch yn onest, os gwelwch yn dda.
    question.heard.option.lot: Llawer
    question.heard.option.little: Dim llawer
"""


def _load(tmp_path: Path, text: str = POLLS) -> tuple[object, list[tuple[ErrorCode, int, int]]]:
    path = tmp_path / "polls.yaml"
    path.write_text(text, encoding="utf-8")
    poll_set, problems, _ = load_poll_set(path)
    return poll_set, [(p.code, p.line, p.column) for p in problems]


def _with(old: str, new: str) -> str:
    assert old in POLLS
    return POLLS.replace(old, new)


def test_a_polls_file_with_translations_is_a_poll_set() -> None:
    assert file_kind(POLLS.encode()) == "polls"
    assert file_kind(b"- id: a\n  kind: yesno\n  text: Ok?\n") == "polls"


def test_a_good_block_gives_the_polls_in_welsh_with_the_same_values(tmp_path: Path) -> None:
    poll_set, problems = _load(tmp_path)
    assert problems == []
    assert poll_set is not None
    welsh = polls_in_language(poll_set, "cy")  # type: ignore[arg-type]
    (poll,) = welsh.polls
    assert poll.id == "heard"
    assert poll.text == "Faint oeddech chi'n teimlo bod pobl yn gwrando arnoch chi?"
    assert poll.help == "Byddwch yn onest, os gwelwch yn dda."
    assert [(o.value, o.label) for o in poll.options] == [
        ("lot", "Llawer"),
        ("little", "Dim llawer"),
    ]
    # A language the file has no words for: the polls as written.
    assert polls_in_language(poll_set, "pl") == poll_set  # type: ignore[arg-type]


def test_an_unknown_language_is_an_error_at_its_line_and_column(tmp_path: Path) -> None:
    poll_set, problems = _load(tmp_path, _with("  cy:\n", "  xx:\n"))
    assert poll_set is None
    assert (ErrorCode.UNKNOWN_LANGUAGE, 13, 3) in problems


def test_a_key_the_polls_do_not_have_is_an_error_at_its_line_and_column(tmp_path: Path) -> None:
    poll_set, problems = _load(tmp_path, _with("option.little:", "option.some:"))
    assert poll_set is None
    assert (ErrorCode.TRANSLATION_EXTRA, 17, 5) in problems


def test_blank_words_are_an_error_at_their_line_and_column(tmp_path: Path) -> None:
    poll_set, problems = _load(tmp_path, _with("option.lot: Llawer", 'option.lot: ""'))
    assert poll_set is None
    assert (ErrorCode.EMPTY_TEXT, 16, 32) in problems


def test_a_missing_text_is_advice_at_the_english_words(tmp_path: Path) -> None:
    text = _with("    question.heard.help: Byddwch yn onest, os gwelwch yn dda.\n", "")
    path = tmp_path / "polls.yaml"
    path.write_text(text, encoding="utf-8")
    poll_set, problems, _ = load_poll_set(path)
    assert poll_set is not None  # advice only: the polls still run
    assert [(p.code, p.line, p.column, p.severity) for p in problems] == [
        (ErrorCode.TRANSLATION_MISSING, 6, 11, Severity.WARNING)
    ]
    assert "question 'heard' (help)" in problems[0].describe()


@pytest.mark.parametrize("name", sorted(builtin_poll_sets()))
def test_every_built_in_poll_set_has_welsh_for_every_text(name: str) -> None:
    poll_set, problems, _ = load_poll_set(builtin_poll_sets()[name])
    assert problems == ()
    assert poll_set is not None
    assert [t.language for t in poll_set.translations] == ["cy"]
    welsh = polls_in_language(poll_set, "cy")
    for english, translated in zip(poll_set.polls, welsh.polls, strict=True):
        before, after = question_texts(english), question_texts(translated)
        assert before.keys() == after.keys()
        assert {k: v for k, v in after.items() if v == before[k]} == {}
        assert [o.value for o in english.options] == [o.value for o in translated.options]
