"""``kiosk check`` on session plans and poll sets, ``kiosk templates`` and ``kiosk new``
for plans: the same line-and-column messages and exit statuses as for surveys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from surveys import plan_templates

ROOT = Path(__file__).resolve().parents[3]

PLAN = """\
id: priorities
title: What matters most?
stages:
  - kind: ideas
    minutes: 10
    prompt: What would make the most difference?
  - kind: share
    minutes: 20
  - kind: rank
    minutes: 10
    top: 3
  - kind: results
    minutes: 10
"""


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
        (PLAN, 0, "plan.yaml: ready to use."),
        (
            PLAN.replace("    minutes: 20\n", ""),
            1,
            "plan.yaml, line 7, column 5: The 'share' stage has no timer.",
        ),
        (
            PLAN.replace("minutes: 20", "minutes: 0"),
            1,
            "plan.yaml, line 8, column 14: The 'share' stage has a timer of '0'.",
        ),
        (
            PLAN.replace("kind: share", "kind: shaer"),
            1,
            "plan.yaml, line 7, column 11: A stage has kind 'shaer', which the kiosk does not "
            "know. Did you mean 'share'?",
        ),
        (
            PLAN.replace("prompt: What would make the most difference?", 'prompt: ""'),
            1,
            "plan.yaml, line 6, column 13: The ideas stage needs a 'prompt:'",
        ),
        (
            PLAN.replace("top: 3", "top: 30"),
            1,
            "plan.yaml, line 11, column 10: Putting 30 ideas in order is a lot to hold in mind.",
        ),
        (
            PLAN.replace("minutes: 15", "").replace(
                "    minutes: 10\n    top", "    minutes: 10\n    top", 1
            ),
            0,
            "ready to use",
        ),
        (
            PLAN.replace("    minutes: 20", "\tminutes: 20"),
            1,
            "line 8, column 1: This line starts with a tab.",
        ),
        (PLAN + "  - kind: merge\n    minutes: 5\n", 0, "ready to use (1 piece of advice above)."),
    ],
    ids=[
        "good",
        "no-timer",
        "zero-timer",
        "kind-typo",
        "empty-prompt",
        "top-30",
        "good-2",
        "tab",
        "advice",
    ],
)
def test_check_a_plan(tmp_path: Path, content: str, status: int, expected: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(content, encoding="utf-8")
    result = _kiosk("check", str(plan), home=tmp_path)
    assert result.returncode == status, result.stdout + result.stderr
    assert expected in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "survey" not in result.stdout  # a plan is never called a survey


def test_a_plan_with_problems_counts_them(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        PLAN.replace("stages:\n", "stages:\n  - kind: rank\n    top: 3\n"), encoding="utf-8"
    )
    result = _kiosk("check", str(plan), home=tmp_path)
    assert result.returncode == 1
    assert "line 4, column 5: The 'rank' stage comes before any 'ideas' stage" in result.stdout
    assert "line 4, column 5: The 'rank' stage has no timer." in result.stdout
    assert f"{plan}: 2 problems to fix before this plan can run." in result.stdout


def test_strict_fails_a_plan_with_advice(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("top: 3", "top: 8"), encoding="utf-8")
    relaxed = _kiosk("check", str(plan), home=tmp_path)
    assert relaxed.returncode == 0
    assert "Advice: Putting 8 ideas in order is hard work." in relaxed.stdout
    strict = _kiosk("check", "--strict", str(plan), home=tmp_path)
    assert strict.returncode == 1
    assert "1 piece of advice to act on (--strict)." in strict.stdout


def test_a_poll_set_is_checked_as_a_poll_set(tmp_path: Path) -> None:
    polls = tmp_path / "polls.yaml"
    polls.write_text(
        "- id: day\n  kind: single\n  text: Which day?\n  options: [Mon, Tue]\n", encoding="utf-8"
    )
    assert _kiosk("check", str(polls), home=tmp_path).returncode == 0
    polls.write_text("- id: day\n  kind: sinlge\n  text: Which day?\n", encoding="utf-8")
    result = _kiosk("check", str(polls), home=tmp_path)
    assert result.returncode == 1
    assert "line 2, column 9:" in result.stdout
    assert "1 problem to fix before this poll set can run." in result.stdout


def test_the_built_in_poll_sets_and_plans_check_clean(tmp_path: Path) -> None:
    files = [str(p) for p in (ROOT / "surveys" / "poll_sets").glob("*.yaml")]
    files += [str(plan_templates.plan_path(name)) for name in plan_templates.plan_names()]
    result = _kiosk("check", "--strict", *files, home=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("ready to use.") == len(files)


def test_a_survey_and_a_plan_together_worst_status_wins(tmp_path: Path) -> None:
    plan, missing = tmp_path / "plan.yaml", tmp_path / "nope.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    result = _kiosk("check", str(plan), str(missing), home=tmp_path)
    assert result.returncode == 2
    assert f"{plan}: ready to use." in result.stdout
    assert "There is no file called" in result.stdout


def test_templates_lists_the_plans(tmp_path: Path) -> None:
    result = _kiosk("templates", home=tmp_path)
    assert result.returncode == 0
    assert "Built-in survey templates:" in result.stdout
    plans = result.stdout.split("Built-in session plans:")[1]
    for name in ("priority-setting", "back-on-track", "one-two-four-all"):
        assert name in plans
    assert "1-2-4-All — Think on your own" in plans
    assert "kiosk new PLAN my-plan.yaml" in plans


def test_new_writes_a_plan_that_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "my-plan.yaml"
    made = _kiosk("new", "one-two-four-all", str(target), home=tmp_path)
    assert made.returncode == 0, made.stdout
    assert target.read_bytes() == plan_templates.plan_path("one-two-four-all").read_bytes()
    assert _kiosk("check", str(target), home=tmp_path).returncode == 0
    again = _kiosk("new", "one-two-four-all", str(target), home=tmp_path)
    assert again.returncode == 1
    assert "already exists" in again.stdout


def test_hard_wording_in_a_plan_is_advice_at_its_stage(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    hard = (
        "Please utilise this opportunity to articulate, in a considered and comprehensive "
        "manner, the multifaceted organisational improvements you would prioritise."
    )
    plan.write_text(PLAN.replace("What would make the most difference?", hard), encoding="utf-8")
    relaxed = _kiosk("check", str(plan), home=tmp_path)
    assert relaxed.returncode == 0, relaxed.stdout
    assert f"{plan}, line 4: Advice: In stage 1 ('ideas'):" in relaxed.stdout
    assert "ready to use (" in relaxed.stdout
    strict = _kiosk("check", "--strict", str(plan), home=tmp_path)
    assert strict.returncode == 1
