"""The impact report's "How people took part" names paper forms plainly (issue 17).

A keyed-in paper form is stored like any response, with ``channel="paper"`` (the
paper-form work adds "paper" to ``surveys.storage.CHANNELS``; until it lands, the
test adds it the same way). Responses are sealed into a real TinyDB store.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from exports.impact_files import CSV_FILES, PAGE
from exports.impact_period import period_from
from exports.impact_report import ImpactRequest, run_impact
from surveys import sending
from tests.support.exports import Kiosk
from tests.support.impact import send


def test_paper_forms_show_as_their_own_plain_row(
    kiosk: Kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if "paper" not in sending.CHANNELS:
        monkeypatch.setattr(sending, "CHANNELS", (*sending.CHANNELS, "paper"))
    session = kiosk.session("2026-03-12")
    for number in range(22):
        channel = "paper" if number < 10 else "kiosk"
        send(kiosk, "about-you", session, {"stakeholder_group": ("Other",)}, channel)
    out = tmp_path / "impact"
    run_impact(
        ImpactRequest(
            store=kiosk.store,
            opener=kiosk.opener,
            output=out,
            period=period_from("2026-01", "2026-03"),
            survey_folders=[],
            ledger_file=tmp_path / "releases.json",
            actions_file=tmp_path / "no-actions.yaml",
            today=dt.date(2026, 4, 2),
        )
    )
    page = (out / PAGE).read_text(encoding="utf-8")
    row = re.search(r"<th scope=\"row\">Paper</th>(.*?)</tr>", page, re.S)
    assert row is not None, "no paper row"
    assert ">10<" in row.group(1)
    assert "paper</th>" not in page
    tables = "".join((out / name).read_text(encoding="utf-8-sig") for name in CSV_FILES)
    lines = list(csv.reader(io.StringIO(tables)))
    assert any("Paper" in line and "10" in line for line in lines)
