"""``kiosk export --lang cy``: the report in Welsh from the command line (issue 17)."""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import pytest

from kiosk.commands.data import add_data_commands
from kiosk.commands.data import run as run_data_command
from surveys import templates
from tests.support.exports import Kiosk, random_answers, template


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    add_data_commands(parser.add_subparsers(dest="command"))
    return run_data_command(parser.parse_args(argv))


def test_export_lang_cy_writes_a_welsh_report_with_english_data_keys(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    survey = template("course-feedback")
    session = kiosk.session("2026-11-20")
    rng = random.Random(7)
    for _ in range(24):
        kiosk.send(survey, session, random_answers(survey, rng))
    out = tmp_path / "cy"
    path = str(templates.template_path("course-feedback"))
    status = _run("export", "--out", str(out), "--survey", path, "--lang", "cy")
    assert status == 0, capsys.readouterr().out
    report = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in report
    assert "<h1>Beth ddywedoch chi wrthon ni</h1>" in report
    assert "Pwy gymerodd ran" in report
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert data["report_language"] == "cy"
    assert {"surveys", "languages", "hidden", "declines"} <= set(data)
    header = (out / "languages.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "survey,language,language_name,count,shown,hidden_because"


def test_export_refuses_a_report_language_it_does_not_have(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit):
        _run("export", "--out", str(tmp_path / "x"), "--lang", "xx")
    assert "invalid choice: 'xx'" in capsys.readouterr().err
