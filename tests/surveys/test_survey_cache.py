"""The checked survey kept for a faster start: used only for the very same file and
checker, and always equal to what a full check gives."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from surveys import survey_cache
from surveys.loader import load_survey, load_survey_text
from surveys.model import (
    DEFAULT_SCALE_LABELS,
    Condition,
    ConsentBlock,
    Kind,
    Question,
    ShowIf,
    Survey,
)
from surveys.survey_cache import (
    checked_survey,
    entry_path,
    keep_checked,
    read_source,
    survey_from_data,
    survey_to_data,
)

ROOT = Path(__file__).resolve().parents[2]
SURVEY_FILES = sorted(
    [
        *(ROOT / "surveys" / "templates").glob("*.yaml"),
        *(ROOT / "tests" / "support" / "surveys").glob("*.yaml"),
    ]
)


def _checked(path: Path) -> Survey:
    survey = load_survey(path).survey
    assert survey is not None
    return survey


@pytest.mark.parametrize("path", SURVEY_FILES, ids=lambda p: p.name)
def test_the_kept_form_is_exactly_what_the_full_check_gives(path: Path) -> None:
    survey = _checked(path)
    through_json = json.loads(json.dumps(survey_to_data(survey), ensure_ascii=False))
    assert survey_from_data(through_json) == survey


def test_every_field_of_the_model_is_kept() -> None:
    """A field added to the model must be added to the cache's data too."""
    demo = _checked(ROOT / "surveys" / "templates" / "demo.yaml")
    data = survey_to_data(demo)
    assert set(data) == {f.name for f in dataclasses.fields(Survey)}
    assert set(data["consent"]) == {f.name for f in dataclasses.fields(ConsentBlock)}
    question = next(q for q in data["questions"] if q["show_if"] is not None)
    assert set(question) == {f.name for f in dataclasses.fields(Question)}
    assert set(question["show_if"]) == {f.name for f in dataclasses.fields(ShowIf)}


def test_a_kept_survey_is_used_for_the_same_bytes(tmp_path: Path) -> None:
    path = ROOT / "surveys" / "templates" / "demo.yaml"
    source = path.read_bytes()
    assert checked_survey(tmp_path, source) is None  # nothing kept yet
    keep_checked(tmp_path, source, _checked(path))
    assert checked_survey(tmp_path, source) == _checked(path)


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    path = ROOT / "tests" / "support" / "surveys" / "short.yaml"
    source = path.read_bytes()
    keep_checked(tmp_path, source, _checked(path))
    changed = source.replace(b"How was today?", b"How was the day?")
    assert changed != source
    assert checked_survey(tmp_path, changed) is None
    # Even if two different files land on the same entry name, the bytes are compared.
    entry_path(tmp_path, changed).write_bytes(entry_path(tmp_path, source).read_bytes())
    assert checked_survey(tmp_path, changed) is None


def test_a_newer_checker_ignores_what_an_older_one_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ROOT / "tests" / "support" / "surveys" / "short.yaml"
    source = path.read_bytes()
    keep_checked(tmp_path, source, _checked(path))
    monkeypatch.setattr(survey_cache, "checker_fingerprint", lambda: "a-newer-checker")
    assert checked_survey(tmp_path, source) is None


@pytest.mark.parametrize(
    "damage",
    [b"", b"{", b"[]", b'{"checker": 1}', b"\xff\xfe", b'{"survey": {}}'],
    ids=["empty", "cut-short", "not-an-object", "wrong-checker", "not-utf8", "no-source"],
)
def test_a_damaged_entry_is_ignored_never_trusted(tmp_path: Path, damage: bytes) -> None:
    path = ROOT / "tests" / "support" / "surveys" / "short.yaml"
    source = path.read_bytes()
    kept = keep_checked(tmp_path, source, _checked(path))
    kept.write_bytes(damage)
    assert checked_survey(tmp_path, source) is None


def test_an_entry_with_the_right_keys_but_a_broken_survey_is_ignored(tmp_path: Path) -> None:
    path = ROOT / "tests" / "support" / "surveys" / "short.yaml"
    source = path.read_bytes()
    kept = keep_checked(tmp_path, source, _checked(path))
    entry = json.loads(kept.read_bytes())
    entry["survey"]["questions"][0]["kind"] = "no-such-kind"
    kept.write_text(json.dumps(entry), encoding="utf-8")
    assert checked_survey(tmp_path, source) is None


def test_the_checker_fingerprint_follows_the_checkers_code_and_consent_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "surveys"
    shutil.copytree(ROOT / "surveys", copy)
    monkeypatch.setattr(survey_cache, "_HERE", copy)
    first = survey_cache.checker_fingerprint()
    assert first == survey_cache.checker_fingerprint()  # steady between starts
    with (copy / "loader.py").open("a", encoding="utf-8") as loader:
        loader.write("\n# a newer checker\n")
    second = survey_cache.checker_fingerprint()
    assert second != first
    (copy / "consent_texts" / "standard-v1.txt").write_text("Other words.", encoding="utf-8")
    assert survey_cache.checker_fingerprint() not in (first, second)


def test_unreadable_or_huge_files_are_not_read(tmp_path: Path) -> None:
    assert read_source(tmp_path / "missing.yaml") is None
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * survey_cache.READ_LIMIT)
    assert read_source(huge) is None
    small = tmp_path / "small.yaml"
    small.write_bytes(b"id: x\n")
    assert read_source(small) == b"id: x\n"


# -- the model written once: the cache follows the model's own fields ----------------------

EVERYTHING = """\
id: everything
title: Every part of a survey
version: "2"
run_by: The Recovery College team
intro: A survey that uses every part the model has.
consent:
  text: standard-v1
  organisation: the Recovery College
  coordinator: Sam, the course coordinator
  contact: Sam at the front desk
  withdraw_days: 7
  keep_days: 60
  help: Sam, by the door
  ticks:
    - id: quote
      text: You can quote my words in the report
sections:
  - id: course
    title: The course
  - id: feelings
    title: How you feel
    content_note: The next questions ask about hard times.
    sensitive: true
glossary:
  co-production: People with lived experience and staff working together as equals.
support:
  talk_to: Sam, by the door
  lines:
    - name: Samaritans
      how: Call 116 123, free, day or night
questions:
  - id: welcome_note
    kind: info
    text: This part is about the course you went to.
    section: course
  - id: course
    kind: single
    text: Which course did you go to?
    help: The course is the set of sessions you booked.
    required: true
    prefer_not_to_say: true
    section: course
    options:
      - Understanding anxiety
      - label: Sleep well
        value: sleep
  - id: liked
    kind: multi
    text: What did you like?
    options: [The peer trainer, The room, The handouts]
    show_if: {question: course, in: [sleep, Prefer not to say]}
  - id: agree
    kind: scale
    text: The course was planned through co-production.
    faces: true
    labels: [No, Not really, Not sure, Mostly, Yes]
    show_if: {question: course, equals: Understanding anxiety}
  - id: score
    kind: rating
    text: How likely are you to recommend the course?
    low_label: Not at all likely
    high_label: Very likely
    show_if: {question: agree, in: [4, 5]}
  - id: again
    kind: yesno
    text: Would you come to another course?
    show_if: {question: score, answered: true}
  - id: word
    kind: text
    text: One word for the course?
    max_length: 40
    show_if: {question: again, equals: yes}
  - id: story
    kind: longtext
    text: Tell us about a hard time.
    identifying: true
    sensitive: true
    section: feelings
  - id: order
    kind: ranking
    text: Put these in order, most important first.
    options: [Kind staff, Clear handouts, A quiet room]
    show_if: {question: story, answered: false}
"""


def _everything() -> Survey:
    result = load_survey_text(EVERYTHING, "everything.yaml")
    assert result.survey is not None, [p.describe() for p in result.problems]
    return result.survey


def test_the_everything_survey_uses_every_part_of_the_model() -> None:
    """So the round trip below covers every kind, condition and block, not just some."""
    survey = _everything()
    assert {q.kind for q in survey.questions} == set(Kind)
    conditions = {q.show_if.condition for q in survey.questions if q.show_if is not None}
    assert conditions == set(Condition)
    values = [v for q in survey.questions if q.show_if for v in q.show_if.values]
    assert {type(v) for v in values} == {str, int, bool}
    assert survey.consent.ticks
    assert survey.sections
    assert survey.glossary
    assert survey.support
    assert survey.support.lines
    assert any(o.label != o.value for q in survey.questions for o in q.options)
    for name in ("help", "section", "low_label", "high_label", "max_length"):
        assert any(getattr(q, name) is not None for q in survey.questions), name
    for name in ("required", "identifying", "sensitive", "faces", "prefer_not_to_say"):
        assert any(getattr(q, name) for q in survey.questions), name
    assert any(q.scale_labels != DEFAULT_SCALE_LABELS for q in survey.questions)


TEMPLATES = sorted((ROOT / "surveys" / "templates").glob("*.yaml"))


@pytest.mark.parametrize(
    "name", [*(p.name for p in TEMPLATES), "everything"], ids=lambda name: name
)
def test_every_template_and_every_part_comes_back_from_the_cache_equal(
    tmp_path: Path, name: str
) -> None:
    if name == "everything":
        source, survey = EVERYTHING.encode("utf-8"), _everything()
    else:
        path = ROOT / "surveys" / "templates" / name
        source, survey = path.read_bytes(), _checked(path)
    keep_checked(tmp_path, source, survey)
    kept = checked_survey(tmp_path, source)
    assert kept is not None
    assert kept == survey
    # Equal dataclasses could still differ in the types inside (a list for a tuple,
    # "5" for 5); the kept survey must be the same all the way down.
    assert repr(kept) == repr(survey)
    assert kept.glossary == survey.glossary  # left out of ==, so compared on its own


def _kept_entry(tmp_path: Path) -> tuple[bytes, Path, dict[str, Any]]:
    source = EVERYTHING.encode("utf-8")
    kept = keep_checked(tmp_path, source, _everything())
    entry = json.loads(kept.read_bytes())
    assert checked_survey(tmp_path, source) == _everything()  # usable before the change
    return source, kept, entry


def _added_field(entry: dict[str, Any]) -> None:
    for question in entry["survey"]["questions"]:
        question["colour"] = "blue"


def _removed_field(entry: dict[str, Any]) -> None:
    for question in entry["survey"]["questions"]:
        del question["line"]


def _renamed_field(entry: dict[str, Any]) -> None:
    consent = entry["survey"]["consent"]
    consent["keep_for_days"] = consent.pop("keep_days")


def _options_as_pairs(entry: dict[str, Any]) -> None:
    """How the first layout of the cache wrote options: [label, value] pairs."""
    for question in entry["survey"]["questions"]:
        question["options"] = [[o["label"], o["value"]] for o in question["options"]]


def _number_as_text(entry: dict[str, Any]) -> None:
    entry["survey"]["consent"]["withdraw_days"] = "7"


def _yes_as_number(entry: dict[str, Any]) -> None:
    for question in entry["survey"]["questions"]:
        question["required"] = 1 if question["required"] else 0


def _other_model_stamp(entry: dict[str, Any]) -> None:
    entry["shape"] = "an-older-model"


@pytest.mark.parametrize(
    "change",
    [
        _added_field,
        _removed_field,
        _renamed_field,
        _options_as_pairs,
        _number_as_text,
        _yes_as_number,
        _other_model_stamp,
    ],
    ids=lambda change: change.__name__.strip("_"),
)
def test_an_entry_kept_for_another_shape_of_model_is_ignored(
    tmp_path: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    """Not a crash and not a survey that differs from the file: the file is read again."""
    source, kept, entry = _kept_entry(tmp_path)
    change(entry)
    kept.write_text(json.dumps(entry), encoding="utf-8")
    assert checked_survey(tmp_path, source) is None
