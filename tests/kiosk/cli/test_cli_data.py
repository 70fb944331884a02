"""The coordinator's data commands, run as a person would: export, bundle, merge, purge."""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from exports.opening import DEMO_KEY_WARNING
from kiosk.commands.data import add_data_commands
from kiosk.commands.data import run as run_data_command
from surveys import templates
from tests.support.exports import Kiosk, random_answers, template

ROOT = Path(__file__).resolve().parents[3]


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    add_data_commands(parser.add_subparsers(dest="command"))
    return run_data_command(parser.parse_args(argv))


def _fill(kiosk: Kiosk, count: int, date: str = "2026-11-20") -> None:
    survey = template("course-feedback")
    session = kiosk.session(date)
    rng = random.Random(7)
    for _ in range(count):
        kiosk.send(survey, session, random_answers(survey, rng))


def test_export_writes_the_report_with_the_demo_key(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(kiosk, 24)
    out = tmp_path / "for-the-group"
    status = _run(
        "export", "--out", str(out), "--survey", str(templates.template_path("course-feedback"))
    )
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "Exported 24 responses" in printed
    assert printed.startswith(DEMO_KEY_WARNING)
    assert printed.count("demo key") == DEMO_KEY_WARNING.count("demo key")  # said once
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"report.html", "workbook.xlsx", "data.json", "languages.csv"}


def test_export_with_nothing_stored_says_so_plainly(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("export", "--out", str(tmp_path / "out")) == 1
    assert "nothing to export" in capsys.readouterr().out


def test_export_with_a_wrong_key_file_says_so(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(kiosk, 2)
    status = _run("export", "--out", str(tmp_path / "out"), "--key", str(tmp_path / "none.key"))
    assert status == 1
    assert "There is no key file" in capsys.readouterr().out


def test_bundle_then_merge_into_another_kiosk_is_idempotent(
    kiosk: Kiosk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _fill(kiosk, 5)
    assert _run("bundle", "--out", str(tmp_path / "usb" / "bundle")) == 0
    assert "Wrote 5 sealed responses" in capsys.readouterr().out
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "laptop"))
    assert _run("merge", str(tmp_path / "usb" / "bundle")) == 0
    assert "Imported 5 responses" in capsys.readouterr().out
    assert _run("merge", str(tmp_path / "usb" / "bundle")) == 0
    assert "Imported 0 responses; 5 were already here" in capsys.readouterr().out


def test_purge_deletes_only_old_sessions(kiosk: Kiosk, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(kiosk, 3, date="2020-01-01")
    _fill(kiosk, 2, date="2999-01-01")
    assert _run("purge", "--keep-days", "30") == 0
    assert "Deleted 3 responses from 1 sessions" in capsys.readouterr().out
    assert len(list(kiosk.store.responses())) == 2


def test_forget_receipts_after_the_cut_off(
    kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(kiosk, 2, date="2020-01-01")
    assert _run("forget-receipts", "--withdraw-days", "14") == 0
    assert "Forgot 2 receipt codes" in capsys.readouterr().out
    assert all(r.receipt_hash is None for r in kiosk.store.responses())


def test_a_bad_date_is_refused_in_plain_words(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "export", "--out", str(tmp_path / "o"), "--from", "soon"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"KIOSK_HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 2
    assert "'soon' is not a date" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_research_extract_is_asked_for_by_name_and_warned_about(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(kiosk, 24)
    out = tmp_path / "extract"
    survey = str(templates.template_path("course-feedback"))
    status = _run("export", "--out", str(out), "--survey", survey, "--research-extract")
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "one row for each person who answered" in printed
    assert (out / "responses.csv").exists()


ACTIONS = """\
actions:
- id: a1
  you_said: The room was too cold.
  we_did: We moved the course to the library.
  owner: Service manager
  due: 2026-03-31
  status: done
  closed_on: 2026-03-20
  share: true
"""


def test_export_reads_the_data_folder_s_action_log_without_being_told(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(kiosk, 24)
    (kiosk.home / "actions.yaml").write_text(ACTIONS, encoding="utf-8")
    out = tmp_path / "for-the-group"
    survey = str(templates.template_path("course-feedback"))
    assert _run("export", "--out", str(out), "--survey", survey) == 0
    printed = capsys.readouterr().out
    assert f"comes from the action log {kiosk.home / 'actions.yaml'}" in printed
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "We moved the course to the library." in html
    assert "Closed on time" in html


def test_export_stops_before_the_key_when_the_action_log_needs_putting_right(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(kiosk, 24)
    old = tmp_path / "outcomes.yaml"
    old.write_text("- you_said: Too cold.\n  we_did: Moved.\n  status: done\n", encoding="utf-8")
    out = tmp_path / "for-the-group"
    survey = str(templates.template_path("course-feedback"))
    assert _run("export", "--out", str(out), "--outcomes", str(old), "--survey", survey) == 1
    printed = capsys.readouterr().out
    assert "This is the old 'you said, we did' list." in printed
    assert DEMO_KEY_WARNING not in printed  # stopped before the key was opened
    assert not out.exists()
