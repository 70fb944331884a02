"""A focus group from the console's laptop to the working group, as a coordinator types it:
``kiosk bundle``, ``kiosk merge`` on another laptop, ``kiosk export``."""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

import pytest

from kiosk.commands.data import add_data_commands
from kiosk.commands.data import run as run_data_command
from surveys.sealing import DEMO_PRIVATE_KEY_FILE
from tests.exports.test_group_export import run_session
from tests.support.exports import Kiosk


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    add_data_commands(parser.add_subparsers(dest="command"))
    return run_data_command(parser.parse_args(argv))


def test_bundle_merge_and_export_a_focus_group_from_the_command_line(
    kiosk: Kiosk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_session(kiosk, tmp_path)
    assert _run("bundle", "--out", str(tmp_path / "usb")) == 0
    capsys.readouterr()

    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "laptop"))
    assert _run("merge", str(tmp_path / "usb")) == 0
    assert "Brought in the plan, ideas and rankings of 1 focus-group session." in (
        capsys.readouterr().out
    )
    key = kiosk.home / "keys" / DEMO_PRIVATE_KEY_FILE
    out = tmp_path / "for-the-group"
    assert _run("export", "--out", str(out), "--key", str(key)) == 0
    printed = capsys.readouterr().out
    assert "What 1 focus-group session decided is in the report" in printed
    rows = list(csv.DictReader(io.StringIO((out / "group_decisions.csv").read_text("utf-8-sig"))))
    assert [(r["place"], r["idea"], r["score"]) for r in rows[:2]] == [
        ("1", "A quicker first appointment", "20"),
        ("2", "Peer support on every ward", "17"),
    ]
