"""The export's "you said, we did" is the action log: the shared actions with their
status and timeliness, in the report, the workbook and data.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exports import ExportError, run_export
from tests.exports.test_export_end_to_end import send_sixty
from tests.exports.test_inputs import ACTION_LOG
from tests.support.exports import Kiosk


def test_the_report_lists_the_shared_actions_with_status_and_timeliness(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    survey, _, _ = send_sixty(kiosk)
    log = tmp_path / "actions.yaml"
    log.write_text(ACTION_LOG, encoding="utf-8")
    out = tmp_path / "out"
    run_export(kiosk.request(out, survey, outcomes_file=log))  # made on 2026-04-01

    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Of 4 actions: 1 closed on time, 1 not possible and 2 not due yet." in html
    assert "We moved the course to the library." in html
    assert "Closed on time" in html
    assert "Why not:</strong> The building closes at five." in html
    assert "Leaflets in other languages" not in html  # not marked ready to share
    assert "Sarah" not in html
    assert "07700" not in html
    assert "Service manager" not in html  # owners stay in the log

    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert [(o["id"], o["status"], o["timeliness"]) for o in data["outcomes"]] == [
        ("a1", "Done", "Closed on time"),
        ("a2", "In progress", "Not due yet"),
        ("a4", "Not possible", "Not possible"),
    ]
    assert data["outcomes"][1]["you_said"] == "Ring [name] on [phone] about evenings."
    assert data["actions_by_timeliness"] == {
        "closed on time": 1,
        "not possible": 1,
        "not due yet": 2,
    }

    sheet = load_workbook(out / "workbook.xlsx")["You said, we did"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "You said",
        "We did",
        "Status",
        "Due",
        "Timeliness",
        "Why not",
        "Fed back on",
    ]
    assert rows[1][:5] == [
        "The room was too cold.",
        "We moved the course to the library.",
        "Done",
        "2026-03-31",
        "Closed on time",
    ]


def test_the_old_outcomes_list_stops_the_export_with_how_to_convert_it(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    survey, _, _ = send_sixty(kiosk)
    old = tmp_path / "outcomes.yaml"
    old.write_text("- you_said: Too cold.\n  we_did: Moved.\n  status: done\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(ExportError, match="This is the old 'you said, we did' list"):
        run_export(kiosk.request(out, survey, outcomes_file=old))
    assert not (out / "report.html").exists()
