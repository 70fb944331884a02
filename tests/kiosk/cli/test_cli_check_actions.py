"""``kiosk check`` on an action log: told apart by its content, every problem printed
with its line and column, advice failing the check only with ``--strict``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from surveys.plan_reader import file_kind

ROOT = Path(__file__).resolve().parents[3]

LOG = """\
actions:
- id: a1
  you_said: The room was too cold.
  we_did: We moved the course to the library.
  owner: Service manager
  due: 2026-03-31
"""


def _check(tmp_path: Path, content: str, *flags: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "actions.yaml"
    path.write_text(content, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "check", *flags, path.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"KIOSK_HOME": str(tmp_path / "home"), "PATH": "", "PYTHONPATH": str(ROOT)},
        check=False,
    )


def test_a_good_log_is_ready(tmp_path: Path) -> None:
    done = _check(tmp_path, LOG)
    assert (done.returncode, done.stdout) == (0, "actions.yaml: ready to use.\n")


def test_problems_are_printed_with_line_and_column(tmp_path: Path) -> None:
    done = _check(tmp_path, LOG.replace("2026-03-31", "31/3/26") + "  status: not posible\n")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "actions.yaml, line 6, column 8: 'due' in action 'a1' should be a date written like "
        "2026-06-30 (year, month, day), but it is '31/3/26'.",
        "actions.yaml, line 7, column 11: Action 'a1' has status 'not posible'. Please use "
        "planned, in progress, done or not possible. Did you mean 'not possible'?",
        "actions.yaml: 2 problems to fix before this action log can be used.",
    ]


def test_advice_fails_only_with_strict(tmp_path: Path) -> None:
    named = LOG.replace("Service manager", "Sarah Jones")
    done = _check(tmp_path, named)
    assert done.returncode == 0
    assert "line 5, column 10: Advice: The owner of action 'a1' looks like" in done.stdout
    assert done.stdout.endswith("actions.yaml: ready to use (1 piece of advice above).\n")
    strict = _check(tmp_path, named, "--strict")
    assert strict.returncode == 1
    assert strict.stdout.endswith("actions.yaml: 1 piece of advice to act on (--strict).\n")


def test_the_old_outcomes_list_is_checked_as_an_action_log(tmp_path: Path) -> None:
    done = _check(tmp_path, "- you_said: Too cold.\n  we_did: Moved.\n  status: done\n")
    assert done.returncode == 1
    assert "line 1, column 1: This is the old 'you said, we did' list." in done.stdout


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (LOG, "actions"),
        ("title: X\nactions: []\n", "actions"),
        ("- you_said: Too cold.\n", "actions"),
        ("actions:\n  - id: [\n", "actions"),  # not YAML: told by its lines
        ("- id: mood\n  kind: yes_no\n", "polls"),
    ],
)
def test_an_action_log_is_told_apart_by_its_content(text: str, kind: str) -> None:
    assert file_kind(text.encode()) == kind
