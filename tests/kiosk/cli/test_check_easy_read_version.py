"""``kiosk check`` always holds a survey's Easy Read version to the Easy Read rules,
naming the line and column of the words to change; ``--easy-read`` then checks what
an Easy Read reader meets: the Easy Read words, and the usual words only where the
version has none. ``kiosk translate --lang easy-read`` writes the file to fill in."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from surveys.languages import EASY_READ
from surveys.loader import load_survey
from surveys.survey_translations import in_language
from tests.surveys.test_easy_read_version import EASY, SURVEY

DEMO = Path(__file__).resolve().parents[3] / "surveys" / "templates" / "demo.yaml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "drinks.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_clean_easy_read_version_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, SURVEY + EASY)
    assert main(["check", str(path)]) == 0
    assert "Easy Read" not in capsys.readouterr().out


def test_an_easy_read_text_breaking_a_rule_is_reported_at_its_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = (
        "Tell us which drinks you like, because we want to buy the right ones for "
        "everyone who comes to the group."
    )
    text = SURVEY + EASY.replace("Tell us which drinks you like.", long).replace(
        "option.other: Something else", "option.other: Something else that is not on this list"
    )
    path = _write(tmp_path, text)
    assert main(["check", str(path)]) == 1  # no flag needed: the version says it is Easy Read
    out = capsys.readouterr().out
    intro = _line_of(text, "intro: Tell us")
    choice = _line_of(text, "option.other:")
    assert (
        f"{path}, line {intro}, column 12: Advice: In the Easy Read words for the intro: "
        "This sentence has 21 words" in out
    )
    assert (
        f"{path}, line {intro}, column 12: Advice: In the Easy Read words for the intro: "
        "This sentence joins ideas together" in out
    )
    assert (
        f"{path}, line {choice}, column 34: Advice: In the Easy Read words for question "
        "'drink' (option other): This choice has 8 words" in out
    )
    assert f"{path}: 4 pieces of Easy Read advice to act on." in out


def test_with_easy_read_the_usual_words_are_checked_only_where_no_easy_words_are_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The usual intro and question are too long for Easy Read, but Easy Read
    # readers meet the version's words instead, so --easy-read passes.
    path = _write(tmp_path, SURVEY + EASY)
    assert main(["check", "--easy-read", str(path)]) == 0
    assert main(["check", "--easy-read", str(_write(tmp_path, SURVEY))]) == 1
    # Left out of the version, the usual (long) question is what they meet.
    text = SURVEY + EASY.replace("    question.drink.text: Which drink do you like best?\n", "")
    capsys.readouterr()
    assert main(["check", "--easy-read", str(_write(tmp_path, text))]) == 1
    out = capsys.readouterr().out
    assert "In question 'drink': This sentence has 15 words" not in out  # 15 is allowed
    assert "The Easy Read version has no words for question 'drink' (text)" in out


def test_a_missing_easy_read_text_is_advice_that_strict_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SURVEY + EASY.replace("    title: Drinks\n", "")
    path = _write(tmp_path, text)
    assert main(["check", str(path)]) == 0
    assert main(["check", "--strict", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"line {_line_of(text, 'title: Drinks at')}, column 8: Advice: The Easy Read" in out


def test_the_demo_survey_carries_a_clean_easy_read_version_with_symbols(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--strict", str(DEMO)]) == 0
    assert main(["check", "--strict", "--easy-read", str(DEMO)]) == 0
    survey = load_survey(DEMO).survey
    assert survey is not None
    assert EASY_READ in survey.languages
    easy = in_language(survey, EASY_READ)
    drink = easy.question("drink")
    assert all(option.symbol for option in drink.options)
    assert drink.option_values() == survey.question("drink").option_values()


def test_translate_writes_an_easy_read_file_and_merges_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, SURVEY)
    filled = tmp_path / "easy.yaml"
    assert main(["translate", str(path), "--lang", EASY_READ, "--out", str(filled)]) == 0
    blank = filled.read_text(encoding="utf-8")
    assert "question.drink.text: ''" in blank
    filled.write_text(
        blank.replace("question.drink.text: ''", "question.drink.text: Which drink do you like?"),
        encoding="utf-8",
    )
    assert main(["translate", str(path), "--merge", str(filled)]) == 0
    survey = load_survey(path).survey
    assert survey is not None
    assert in_language(survey, EASY_READ).question("drink").text == "Which drink do you like?"
    capsys.readouterr()
    po = tmp_path / "easy.po"
    assert main(["translate", str(path), "--lang", EASY_READ, "--out", str(po)]) == 1
    assert "Write it as YAML instead" in capsys.readouterr().out
    assert not po.exists()
