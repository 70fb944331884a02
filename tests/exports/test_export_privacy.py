"""Review fixes: a hidden theme count can't be counted back from any file, and a survey
version few people answered can't single their rows out."""

from __future__ import annotations

import csv
import io
import json
import random
from collections import Counter
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from exports import run_export
from exports.anonymise import KEPT_NO_THEME
from exports.comment_review import Action
from exports.opening import OpenedResponse
from exports.pipeline import prepare_review
from exports.records import HIDDEN, Cell
from tests.exports.test_export_end_to_end import all_output_text
from tests.support.exports import Kiosk, template, with_rows

ABOUT = template("about-you")
DEBRIEF = template("session-debrief")
SMALL_THEME = "Zanzibar welcome"


def test_a_theme_given_to_three_comments_is_in_no_file(kiosk: Kiosk, tmp_path: Path) -> None:
    session = kiosk.session("2026-03-12")
    for number in range(17):
        kiosk.send(DEBRIEF, session, {"went_well": f"Comment number {number}"})
    review_file = tmp_path / "review.json"
    out = tmp_path / "out"
    review = prepare_review(kiosk.request(out, DEBRIEF, review_file=review_file))
    themes = ["Rooms"] * 9 + [None] * 5 + [SMALL_THEME] * 3
    for comment, theme in zip(review.comments, themes, strict=True):
        review.decide(comment.key, Action.KEEP, theme=theme)
    review.save()
    run_export(kiosk.request(out, DEBRIEF, review_file=review_file, research_extract=True))

    assert "Zanzibar" not in all_output_text(out)  # CSV, workbook, data.json, report
    csv_rows = list(csv.DictReader(io.StringIO((out / "responses.csv").read_text("utf-8-sig"))))
    assert Counter(row["went_well"] for row in csv_rows) == {"Rooms": 9, KEPT_NO_THEME: 8}
    book = load_workbook(out / "workbook.xlsx")
    comments = list(book["Comments"].iter_rows(values_only=True))[1:]
    assert Counter(line[2] for line in comments) == {"Rooms": 9, None: 8}
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert Counter(q["theme"] for q in data["quotes"]) == {"Rooms": 9, None: 8}
    (free,) = data["free_text"]
    assert [(t["answer"], t["count"]) for t in free["themes"]] == [
        ("Rooms", 9),
        ("No theme given", 8),
    ]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Themes given to too few comments" in report
    assert "Other comments" in report


def _opened(version: str, age: str = "25 to 34", month: str = "2026-03") -> OpenedResponse:
    return OpenedResponse(
        "r" * 32, "s1", f"{month}-12", ABOUT.id, version, {"age_band": age}, quotes=False
    )


def _anonymise(responses: list[OpenedResponse]) -> list[tuple[str, str, Cell]]:
    data = with_rows(
        responses,
        [ABOUT, DEBRIEF],
        written=[[]] * len(responses),
        comments=[],
        decisions={},
        rng=random.Random(5),
    )
    return [(r.survey_id, r.survey_version, r.value("age_band")) for r in data.records]


def test_a_version_fewer_than_five_answered_is_hidden_on_its_rows() -> None:
    rows = _anonymise([_opened("1")] * 12 + [_opened("1", "18 to 24")] * 6 + [_opened("2")] * 2)
    assert Counter(version for _, version, _ in rows) == {"1": 12, HIDDEN: 8}
    # Rows without their version are a group of their own, grown to 5 like any other.
    assert Counter(rows)[(ABOUT.id, HIDDEN, HIDDEN)] == 8


def test_versions_are_told_apart_by_survey() -> None:
    # Version "1" of about-you is common, but only 2 people answered version "1" of the
    # debrief: their rows must not carry it.
    debrief = OpenedResponse("r" * 32, "s1", "2026-03-12", DEBRIEF.id, "1", {}, quotes=False)
    rows = _anonymise([debrief] * 2 + [_opened("1")] * 12 + [_opened("1", "18 to 24")] * 6)
    assert not [row for row in rows if row[0] == DEBRIEF.id]  # fewer than 10: no rows
    assert Counter(rows)[(ABOUT.id, "1", "25 to 34")] == 12


people = st.tuples(
    st.sampled_from(["18 to 24", "25 to 34", "Prefer not to say"]),
    st.sampled_from(["2026-01", "2026-02"]),
    st.sampled_from(["1", "1", "1", "2", "3"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(people, min_size=10, max_size=40), st.integers(0, 1000))
def test_every_mix_with_the_version_is_shared_by_five_rows(
    mixes: list[tuple[str, str, str]], seed: int
) -> None:
    responses = [_opened(version, age, month) for age, month, version in mixes]
    data = with_rows(
        responses,
        [ABOUT],
        written=[[]] * len(responses),
        comments=[],
        decisions={},
        rng=random.Random(seed),
    )
    groups = Counter((r.session_month, r.value("age_band"), r.survey_version) for r in data.records)
    for mix, size in groups.items():
        assert size >= 5 or set(mix) == {HIDDEN}, (mix, size)
    versions = Counter(r.survey_version for r in data.records)
    assert all(size >= 5 for version, size in versions.items() if version != HIDDEN)


STAFF = replace(ABOUT, id="about-you-staff", title="About you (staff)")
everyone = st.tuples(
    st.sampled_from([ABOUT.id, ABOUT.id, STAFF.id]),
    st.sampled_from(["18 to 24", "25 to 34", "Prefer not to say"]),
    st.sampled_from(["2026-01", "2026-02"]),
    st.sampled_from(["1", "1", "2"]),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(everyone, min_size=10, max_size=50), st.integers(0, 1000))
def test_every_published_mix_with_the_survey_is_shared_by_five_rows(
    mixes: list[tuple[str, str, str, str]], seed: int
) -> None:
    # Every row prints its survey: the only two staff in a month must not stand out.
    responses = [
        OpenedResponse("r" * 32, "s1", f"{month}-12", survey, version, {"age_band": age}, False)
        for survey, age, month, version in mixes
    ]
    data = with_rows(responses, [ABOUT, STAFF], rng=random.Random(seed))
    groups = Counter(
        (r.survey_id, r.session_month, r.value(f"{r.survey_id}.age_band"), r.survey_version)
        for r in data.records
    )
    for mix, size in groups.items():
        assert size >= 5, (mix, size)
