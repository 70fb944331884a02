"""Easy Read: ``kiosk check --easy-read`` holds a survey to the stricter rules —
short sentences with one idea each, numbers as digits, no percentages, short
forms explained, short choices, reading age 9 — and any of them fails the check."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.easy_read import EasyReadCode, check_easy_read, check_easy_text
from kiosk.cli import main
from tests.support.survey_yaml import build_survey, survey_yaml

EASY = """
- id: how
  kind: single
  text: How was the course?
  options: [Good, OK, Not good]
- id: more
  kind: text
  text: Tell us more.
  help: You can write as much as you like.
"""


def _codes(text: str, *, choice: bool = False) -> list[EasyReadCode]:
    return [code for code, _, _ in check_easy_text(text, choice=choice)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "We would like to hear about everything that happened to you on the course this year.",
            EasyReadCode.LONG_SENTENCE,
        ),
        ("You can skip any question, go back, or stop at any time.", EasyReadCode.ONE_IDEA),
        ("Tell us what helped, because we want to make it better.", EasyReadCode.ONE_IDEA),
        ("Did the CMHT help you?", EasyReadCode.SHORT_FORM),
        ("It takes about five minutes.", EasyReadCode.NUMBER_WORD),
        ("About 40% of people said yes.", EasyReadCode.PERCENTAGE),
        ("Ten per cent of people said yes.", EasyReadCode.PERCENTAGE),
        (
            "Participants' experiential perspectives regarding organisational "
            "responsiveness demonstrated considerable variability throughout the implementation "
            "period overall.",
            EasyReadCode.READING_AGE,
        ),
    ],
    ids=["long", "list", "because", "short-form", "number-word", "percent", "per-cent", "hard"],
)
def test_each_rule_finds_what_it_is_about(text: str, code: EasyReadCode) -> None:
    assert code in _codes(text)


def test_a_long_choice_is_one_idea_too_many() -> None:
    assert _codes("I found it helpful most of the time", choice=True) == [EasyReadCode.LONG_CHOICE]
    assert _codes("Most of the time", choice=True) == []


@pytest.mark.parametrize(
    "text",
    [
        "How was the course?",
        "You can stop at any time.",
        "It takes about 5 minutes.",
        "Is this the right one?",
        "Press OK to go on.",
        "Your answers help us make the course better.",
    ],
)
def test_easy_read_text_passes(text: str) -> None:
    assert _codes(text) == []


def test_a_short_form_in_the_glossary_is_explained() -> None:
    survey = build_survey(
        """
        - id: gp
          kind: yesno
          text: Did your GP help?
        """,
        glossary="  GP: Your family doctor.\n",
    )
    assert [a.code for a in check_easy_read(survey)] == []


def test_kiosk_check_easy_read_fails_on_easy_read_advice_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    easy = tmp_path / "easy.yaml"
    easy.write_text(survey_yaml(EASY, intro="Thank you for helping."), encoding="utf-8")
    assert main(["check", "--easy-read", str(easy)]) == 0
    assert "ready to use" in capsys.readouterr().out

    hard = tmp_path / "hard.yaml"
    hard.write_text(
        survey_yaml(EASY, intro="It takes about five minutes, and you can stop at any time."),
        encoding="utf-8",
    )
    assert main(["check", str(hard)]) == 0  # plain English is fine with it
    capsys.readouterr()
    assert main(["check", "--easy-read", str(hard)]) == 1
    out = capsys.readouterr().out
    assert '"five" is a number written as a word. In Easy Read, write it as 5.' in out
    assert "In the intro" in out
    assert "line 4" in out
    assert "of Easy Read advice to act on" in out
