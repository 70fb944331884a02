"""The checked survey kept for a faster start: used only for the very same file and
checker, and always equal to what a full check gives."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from surveys import survey_cache
from surveys.loader import load_survey
from surveys.model import ConsentBlock, Question, ShowIf, Survey
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
