"""``kiosk check``: plain messages, the right exit status, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

GOOD = """\
id: tiny
title: A tiny survey
version: 1
intro: Thank you for helping.
consent:
  text: standard-v1
  organisation: the Recovery College
  coordinator: the course coordinator
  contact: the college office
questions:
  - id: mood
    kind: single
    text: How was today?
    options: [Good, OK, Not so good]
"""

BROKEN = (
    GOOD.replace("kind: single", "kind: sinlge")
    + """\
  - id: sleep
    kind: scale
    text: I slept well.
    show_if: {question: dreams, answered: true}
"""
)


def _kiosk(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"KIOSK_HOME": str(home), "PATH": ""},
        check=False,
    )


@pytest.mark.parametrize(
    ("content", "status", "expected"),
    [
        (GOOD.encode(), 0, "ready to use"),
        (BROKEN.encode(), 1, "there is no question called 'dreams'"),
        (BROKEN.encode(), 1, "Did you mean 'single'?"),
        (b"", 1, "The file is empty"),
        (b"id: x\n\ttitle: y\n", 1, "use spaces to indent, not tabs"),
        (b"id: caf\xe9\n", 1, "not saved as UTF-8"),
        (b"id: [unclosed\n", 1, "could not be read here"),
        (b"a" * 5_000_000, 2, "too big for a survey"),
    ],
    ids=["good", "unknown-target", "kind-typo", "empty", "tab", "not-utf8", "bad-yaml", "5mb"],
)
def test_check_reports_plainly_with_exit_status(
    tmp_path: Path, content: bytes, status: int, expected: str
) -> None:
    survey = tmp_path / "survey.yaml"
    survey.write_bytes(content)
    result = _kiosk("check", str(survey), home=tmp_path)
    assert result.returncode == status, result.stdout + result.stderr
    assert expected in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_missing_file_exits_two(tmp_path: Path) -> None:
    result = _kiosk("check", str(tmp_path / "nope.yaml"), home=tmp_path)
    assert result.returncode == 2
    assert "There is no file called" in result.stdout


def test_check_names_line_of_each_problem(tmp_path: Path) -> None:
    survey = tmp_path / "survey.yaml"
    survey.write_text(BROKEN, encoding="utf-8")
    lines = _kiosk("check", str(survey), home=tmp_path).stdout.splitlines()
    kind_line = next(line for line in lines if "sinlge" in line)
    assert kind_line.startswith(f"{survey}, line 12, column 11:")
    target_line = next(line for line in lines if "dreams" in line)
    assert ", line 18," in target_line


def test_check_several_files_worst_status_wins(tmp_path: Path) -> None:
    good, broken = tmp_path / "good.yaml", tmp_path / "broken.yaml"
    good.write_text(GOOD, encoding="utf-8")
    broken.write_text(BROKEN, encoding="utf-8")
    result = _kiosk("check", str(good), str(broken), home=tmp_path)
    assert result.returncode == 1
    assert f"{good}: ready to use." in result.stdout


def test_withdraw_unknown_code_says_so_plainly(tmp_path: Path) -> None:
    result = _kiosk("withdraw", "7K3QD-M9XTA", home=tmp_path)
    assert result.returncode == 1
    assert "We couldn't find answers with that code" in result.stdout
    malformed = _kiosk("withdraw", "hello", home=tmp_path)
    assert "doesn't look like a receipt code" in malformed.stdout
