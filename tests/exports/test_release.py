"""The release as a whole: row-level data only as a separate, protected research extract.

Finding 1 of issue 12: the rows of responses.csv, the workbook's Responses sheet and
data.json gave back the cells the report hides.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook

from exports.pipeline import run_export
from exports.records import HIDDEN
from tests.support.exports import Kiosk, template

DEBRIEF = template("session-debrief")
ABOUT = template("about-you")
SENSITIVE_DEBRIEF = replace(
    DEBRIEF,
    questions=tuple(replace(q, sensitive=q.id == "come_again") for q in DEBRIEF.questions),
)


def _send_debriefs(kiosk: Kiosk, answers: list[dict[str, object]], survey=DEBRIEF) -> None:
    session = kiosk.session()
    for given in answers:
        kiosk.send(survey, session, given)


def test_the_default_export_has_no_rows(kiosk: Kiosk, tmp_path: Path) -> None:
    _send_debriefs(kiosk, [{"felt_safe": 4, "come_again": True}] * 8 + [{"felt_safe": 1}] * 4)
    out = tmp_path / "out"
    run_export(kiosk.request(out, DEBRIEF))
    assert not (out / "responses.csv").exists()
    assert "Responses" not in load_workbook(out / "workbook.xlsx").sheetnames
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert not data.get("rows")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"report.html", "workbook.xlsx", "data.json", "languages.csv"}


def test_a_default_export_over_an_earlier_extract_removes_its_rows(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    _send_debriefs(kiosk, [{"felt_safe": 4}] * 12)
    out = tmp_path / "out"
    run_export(kiosk.request(out, DEBRIEF, research_extract=True))
    assert (out / "responses.csv").exists()
    run_export(kiosk.request(out, DEBRIEF))
    assert not (out / "responses.csv").exists()


def _rows(out: Path) -> list[dict[str, object]]:
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    return [dict(zip(data["columns"], row, strict=True)) for row in data["rows"]]


def test_a_survey_fewer_than_ten_answered_gives_no_rows(kiosk: Kiosk, tmp_path: Path) -> None:
    # 18 responses in all, but only 6 to the debrief: the minimum is per survey.
    session = kiosk.session()
    for n in range(12):
        kiosk.send(ABOUT, session, {"first_time": "Yes" if n % 2 else "No"})
    for _ in range(6):
        kiosk.send(DEBRIEF, session, {"felt_safe": 4})
    out = tmp_path / "out"
    run_export(kiosk.request(out, ABOUT, DEBRIEF, research_extract=True))
    assert {row["survey"] for row in _rows(out)} <= {ABOUT.id}
    assert not any(row["survey"] == DEBRIEF.id for row in _rows(out))


def test_rows_never_undo_a_withheld_sensitive_question(kiosk: Kiosk, tmp_path: Path) -> None:
    # 6 Yes and 1 No to a sensitive question: the report withholds it; the rows must too.
    answers: list[dict[str, object]] = [{"come_again": True}] * 6 + [{"come_again": False}]
    answers += [{"felt_safe": 4}] * 5
    _send_debriefs(kiosk, answers, SENSITIVE_DEBRIEF)
    out = tmp_path / "out"
    run_export(kiosk.request(out, SENSITIVE_DEBRIEF, research_extract=True))
    values = Counter(row["come_again"] for row in _rows(out))
    assert "Yes" not in values
    assert "No" not in values
    assert values[HIDDEN] == 12


def test_rows_never_undo_a_small_hidden_count(kiosk: Kiosk, tmp_path: Path) -> None:
    # 3 people chose "Strongly disagree": the report shows "<5"; no row may show it.
    _send_debriefs(kiosk, [{"felt_safe": 5}] * 9 + [{"felt_safe": 1}] * 3)
    out = tmp_path / "out"
    run_export(kiosk.request(out, DEBRIEF, research_extract=True))
    assert {row["felt_safe"] for row in _rows(out)} == {HIDDEN}
