"""``kiosk export`` and ``kiosk review`` say so plainly when they open the demo key.

The demo key has no passphrase: anyone with the kiosk can open answers sealed to it.
Opening it without a word would let a coordinator think real answers are safe.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from pathlib import Path

import pytest

from exports.opening import DEMO_KEY_WARNING, demo_key_warning
from kiosk.commands.data import add_data_commands
from kiosk.commands.data import run as run_data_command
from surveys import templates
from surveys.sealing import load_private_key, load_sealer, new_key_pair
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.support.durability import ROOT, child_env
from tests.support.exports import Kiosk, random_answers, template

SURVEY = "course-feedback"


def kiosk_command(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *argv],
        capture_output=True,
        text=True,
        env={**child_env(), "KIOSK_HOME": str(home)},
        cwd=ROOT,
        timeout=180,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def fill(kiosk: Kiosk, count: int) -> None:
    survey = template(SURVEY)
    session = kiosk.session("2026-11-20")
    rng = random.Random(3)
    for _ in range(count):
        kiosk.send(survey, session, random_answers(survey, rng))


def test_the_warning_reads_plainly() -> None:
    assert DEMO_KEY_WARNING == (
        "These answers were sealed with the demo key. It is for trying the kiosk only: "
        "anyone with this kiosk could open them. Make a real key with 'kiosk keys new' "
        "before real use."
    )


def test_kiosk_export_with_the_demo_key_warns(kiosk: Kiosk, tmp_path: Path) -> None:
    fill(kiosk, 12)
    survey_file = str(templates.template_path(SURVEY))
    result = kiosk_command(
        kiosk.home, "export", "--out", str(tmp_path / "out"), "--survey", survey_file
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert DEMO_KEY_WARNING in result.stdout
    assert "Traceback" not in result.stderr


def test_kiosk_review_with_the_demo_key_warns(kiosk: Kiosk) -> None:
    fill(kiosk, 3)  # no free text in these answers: the review has nothing to show
    survey_file = str(templates.template_path("session-debrief"))
    result = kiosk_command(kiosk.home, "review", "--survey", survey_file, "--only-survey", "none")
    assert result.returncode == 0, result.stdout + result.stderr
    assert DEMO_KEY_WARNING in result.stdout
    assert "There are no comments to review" in result.stdout


def test_the_review_warning_is_printed_before_the_review_screen_starts(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    survey = template("session-debrief")
    text = next(q.id for q in survey.questions if q.kind.value == "longtext")
    kiosk.send(survey, kiosk.session(), {text: "More tea please"})
    seen: list[str] = []

    def screen(*args: object, **kwargs: object) -> int:
        seen.append(capsys.readouterr().out)
        return 0

    monkeypatch.setattr("kiosk.commands.review.run_review", screen)
    status = run("review", "--survey", str(templates.template_path("session-debrief")))
    assert status == 0
    assert len(seen) == 1
    assert DEMO_KEY_WARNING in seen[0]


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    add_data_commands(parser.add_subparsers(dest="command"))
    return run_data_command(parser.parse_args(argv))


def test_a_real_key_brings_no_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    public, private = tmp_path / "coordinator.pub", tmp_path / "coordinator.key"
    new_key_pair(public, private, "a long passphrase here")
    opener = load_private_key(private, "a long passphrase here")
    assert demo_key_warning(opener) is None
    real = Kiosk(home, TinyDbResponseStore(home / "sessions"), load_sealer(public), opener)
    fill(real, 12)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a long passphrase here")
    out = tmp_path / "out"
    status = run(
        "export",
        "--out",
        str(out),
        "--key",
        str(private),
        "--survey",
        str(templates.template_path(SURVEY)),
    )
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "demo key" not in printed
