"""``anonymise``: only it makes what writers accept; rows are k-anonymous and l-diverse."""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.opening import OpenedResponse
from exports.records import HIDDEN, AnonymisedRecord, Quote
from surveys.model import AnswerValue
from tests.support.exports import template, with_rows

ROOT = Path(__file__).resolve().parents[2]
ABOUT = template("about-you")
DEBRIEF = template("session-debrief")


def opened(
    survey_id: str, answers: dict[str, AnswerValue], month: str = "2026-03"
) -> OpenedResponse:
    return OpenedResponse(
        record_id="r" * 32,
        session_id="s1234",
        session_date=f"{month}-12",
        survey_id=survey_id,
        version="1",
        answers=answers,
        quotes=False,
    )


def test_records_and_quotes_cannot_be_made_outside_anonymise() -> None:
    with pytest.raises(TypeError, match=r"only be made by exports\.anonymise"):
        AnonymisedRecord(1, "s", "1", "2026-03", (), ())
    with pytest.raises(TypeError, match=r"only be made by exports\.anonymise"):
        Quote("s", "q", "words", None)


def test_mypy_refuses_a_raw_response_for_a_writer(tmp_path: Path) -> None:
    snippet = tmp_path / "leak.py"
    snippet.write_text(
        "from exports.opening import OpenedResponse\n"
        "from exports.writers import csv_bytes\n"
        "def leak(raw: OpenedResponse) -> bytes:\n"
        "    return csv_bytes(raw)\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(snippet)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert 'incompatible type "OpenedResponse"; expected "ExportContent"' in result.stdout


def _rows(groups: list[tuple[str, str]]) -> list[OpenedResponse]:
    return [opened("about-you", {"age_band": age, "first_time": first}) for age, first in groups]


def test_fewer_than_ten_responses_give_no_rows() -> None:
    data = with_rows(
        _rows([("18 to 24", "Yes")] * 9),
        [ABOUT],
        written=[[]] * 9,
        comments=[],
        decisions={},
    )
    assert data.records == ()
    assert any("fewer than 10" in note for note in data.left_out)


def test_rare_about_you_values_are_hidden_in_rows() -> None:
    groups = [("18 to 24", "Yes")] * 6 + [("65 or over", "Yes")] + [("25 to 34", "No")] * 5
    data = with_rows(
        _rows(groups),
        [ABOUT],
        written=[[]] * 12,
        comments=[],
        decisions={},
        rng=random.Random(3),
    )
    ages = Counter(r.value("age_band") for r in data.records)
    assert "65 or over" not in ages
    assert all(count >= 5 for count in ages.values())
    assert any(s.item.startswith("How old are you?") for s in data.suppressions)


quasi = st.tuples(
    st.sampled_from(["Under 18", "18 to 24", "25 to 34", "Prefer not to say"]),
    st.sampled_from(["Yes", "No", "Not sure"]),
    st.sampled_from(["2026-01", "2026-02"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(quasi, min_size=10, max_size=40), st.integers(0, 1000))
def test_every_mix_of_about_you_answers_is_shared_by_five_rows(
    people: list[tuple[str, str, str]], seed: int
) -> None:
    responses = [
        opened("about-you", {"age_band": age, "first_time": first}, month)
        for age, first, month in people
    ]
    data = with_rows(
        responses,
        [ABOUT],
        written=[[]] * len(responses),
        comments=[],
        decisions={},
        rng=random.Random(seed),
    )
    groups = Counter(
        (r.session_month, r.value("age_band"), r.value("first_time")) for r in data.records
    )
    for mix, size in groups.items():
        assert size >= 5 or set(mix) == {HIDDEN}, (mix, size)
    assert sorted(r.row for r in data.records) == list(range(1, len(people) + 1))


def test_sensitive_answers_need_a_mix_where_no_answer_has_80_percent() -> None:
    rated = [opened("session-debrief", {"felt_safe": 4}) for _ in range(12)]
    survey = DEBRIEF
    # Make felt_safe sensitive for this test by using a copy of the question.
    from dataclasses import replace

    questions = tuple(replace(q, sensitive=q.id == "felt_safe") for q in survey.questions)
    sensitive_survey = replace(survey, questions=questions)
    data = with_rows(
        rated,
        [sensitive_survey],
        written=[[]] * 12,
        comments=[],
        decisions={},
    )
    assert {r.value("felt_safe") for r in data.records} == {HIDDEN}
    varied = [opened("session-debrief", {"felt_safe": 4 if n % 2 else 2}) for n in range(12)]
    data = with_rows(
        varied,
        [sensitive_survey],
        written=[[]] * 12,
        comments=[],
        decisions={},
    )
    assert {r.value("felt_safe") for r in data.records} == {"Agree", "Disagree"}
    # Two different answers are not enough: 10 to 2 (83 %) tells the group's answer.
    lopsided = [opened("session-debrief", {"felt_safe": 2 if n < 2 else 4}) for n in range(12)]
    data = with_rows(lopsided, [sensitive_survey])
    assert {r.value("felt_safe") for r in data.records} == {HIDDEN}
