"""``kiosk translate``: a translator gets every text of a survey to fill in (PO for
their tools, or YAML), and their words go back into the survey file with every
other line left as the author wrote it; ``kiosk check`` then finds the survey in
two languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from kiosk.cli import main
from surveys.loader import load_survey
from surveys.survey_translations import in_language, texts
from tests.surveys.test_survey_translations import SURVEY, WELSH

WELSH_WORDS = {
    line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip() for line in WELSH.splitlines()[2:]
}


@pytest.fixture
def survey_file(tmp_path: Path) -> Path:
    path = tmp_path / "course.yaml"
    path.write_text("# Our course survey: keep this comment.\n" + SURVEY, encoding="utf-8")
    return path


def test_a_po_file_round_trips_into_the_survey(
    survey_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "cy.po"
    assert main(["translate", str(survey_file), "--lang", "cy", "--out", str(po)]) == 0
    with po.open("rb") as handle:
        catalog = read_po(handle)
    assert str(catalog.locale) == "cy"
    survey = load_survey(survey_file).survey
    assert survey is not None
    assert {m.context: m.id for m in catalog if m.id} == texts(survey)

    # The translator fills it in with their tool (here: Babel, as Poedit would).
    for message in catalog:
        if message.id and message.context in WELSH_WORDS:
            message.string = WELSH_WORDS[message.context].strip("'")
    with po.open("wb") as handle:
        write_po(handle, catalog)
    capsys.readouterr()

    assert main(["translate", str(survey_file), "--merge", str(po)]) == 0
    said = capsys.readouterr().out
    assert "Welsh: 16 texts translated, 3 texts still in the survey's own language." in said
    text = survey_file.read_text(encoding="utf-8")
    assert text.startswith("# Our course survey: keep this comment.\n" + SURVEY)
    merged = load_survey(survey_file)
    assert merged.survey is not None
    assert [p.code.name for p in merged.problems] == []
    assert in_language(merged.survey, "cy").question("how").text == "Sut oedd y cwrs?"
    assert (tmp_path / "course.yaml.bak").read_text(encoding="utf-8").endswith(SURVEY)

    # Checking shows two languages, clean.
    assert main(["check", "--strict", str(survey_file)]) == 0


def test_a_yaml_file_round_trips_and_a_second_merge_replaces_the_first(
    survey_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = tmp_path / "cy.yaml"
    assert main(["translate", str(survey_file), "--lang", "cy", "--out", str(filled)]) == 0
    blank = filled.read_text(encoding="utf-8")
    assert "  # How was the course?\n  question.how.text: ''\n" in blank
    filled.write_text(
        blank.replace("question.how.text: ''", "question.how.text: Sut oedd y cwrs?"),
        encoding="utf-8",
    )
    assert main(["translate", str(survey_file), "--merge", str(filled)]) == 0
    first = load_survey(survey_file).survey
    assert first is not None
    assert in_language(first, "cy").question("how").text == "Sut oedd y cwrs?"
    assert in_language(first, "cy").title == "Course feedback"  # not translated yet

    # A new file made now carries the words already there; fill in one more.
    assert main(["translate", str(survey_file), "--lang", "cy", "--out", str(filled)]) == 0
    again = filled.read_text(encoding="utf-8")
    assert "question.how.text: Sut oedd y cwrs?" in again
    filled.write_text(again.replace("  title: ''", "  title: Adborth am y cwrs"), encoding="utf-8")
    assert main(["translate", str(survey_file), "--merge", str(filled)]) == 0
    text = survey_file.read_text(encoding="utf-8")
    assert text.count("translations:") == 1
    assert text.count("  cy:") == 1
    second = load_survey(survey_file).survey
    assert second is not None
    assert in_language(second, "cy").title == "Adborth am y cwrs"
    assert in_language(second, "cy").question("how").text == "Sut oedd y cwrs?"


def test_a_second_language_is_added_beside_the_first(survey_file: Path, tmp_path: Path) -> None:
    survey_file.write_text(SURVEY + WELSH, encoding="utf-8")
    polish = tmp_path / "pl.yaml"
    polish.write_text("language: pl\ntexts:\n  title: Opinia o kursie\n", encoding="utf-8")
    assert main(["translate", str(survey_file), "--merge", str(polish)]) == 0
    survey = load_survey(survey_file).survey
    assert survey is not None
    assert survey.languages == ("en", "cy", "pl")
    assert in_language(survey, "pl").title == "Opinia o kursie"
    assert in_language(survey, "cy").title == "Adborth am y cwrs"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("language: cy\ntexts:\n  question.nope.text: Na\n", "Was it made from another version"),
        ("language: xx\ntexts:\n  title: X\n", "'xx' is not a language the kiosk knows"),
        ("language: en\ntexts:\n  title: X\n", "already written in English"),
        ("texts: [\n", "could not be read near line"),
        ("- just a list\n", "should have 'language:' and 'texts:'"),
    ],
    ids=["extra-key", "unknown-language", "own-language", "broken-yaml", "wrong-shape"],
)
def test_a_bad_translation_file_is_refused_plainly_and_nothing_changes(
    survey_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    says: str,
) -> None:
    before = survey_file.read_bytes()
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    assert main(["translate", str(survey_file), "--merge", str(bad)]) == 1
    out = capsys.readouterr().out
    assert says in out
    assert "Traceback" not in out
    assert survey_file.read_bytes() == before


def test_words_that_would_break_the_survey_are_not_merged(
    survey_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = survey_file.read_bytes()
    bad = tmp_path / "cy.po"
    bad.write_text("this is not a PO file\n", encoding="utf-8")
    assert main(["translate", str(survey_file), "--merge", str(bad)]) == 1
    assert "could not be read as a PO file" in capsys.readouterr().out
    assert survey_file.read_bytes() == before


def test_the_command_says_how_to_use_it(
    survey_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translate", str(survey_file)]) == 1
    assert "kiosk translate SURVEY.yaml --lang cy --out cy.po" in capsys.readouterr().out
    assert main(["translate", str(survey_file), "--lang", "cy", "--out", "x.txt"]) == 1
    assert "NAME.po" in capsys.readouterr().out
