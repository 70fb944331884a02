"""``kiosk facilitate PLAN.yaml``: a plan with problems is explained with line and
column and never starts; a good plan starts the console in plan mode, its poll
stages offered to the live-poll flow."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.commands import facilitate
from kiosk.facilitator.app import FacilitatorApp
from kiosk.speaking import SPEECH_SWITCH
from surveys.plan_templates import plan_path


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> list[FacilitatorApp]:
    """Record which app would have run, instead of running it."""
    started: list[FacilitatorApp] = []

    def fake_run(self: FacilitatorApp, *args: object, **kwargs: object) -> None:
        started.append(self)

    monkeypatch.setattr(FacilitatorApp, "run", fake_run)
    monkeypatch.setenv(SPEECH_SWITCH, "off")
    return started


BAD_PLAN = """\
id: broken
title: A plan with problems
stages:
  - kind: ideas
    minutes: 0
    prompt: What would help?
  - kind: rnak
    minutes: 5
"""


def test_a_plan_with_problems_is_explained_with_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ran: list[FacilitatorApp]
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(BAD_PLAN, encoding="utf-8")
    assert facilitate.run_facilitator(path, unlocked=True, present=False, home=tmp_path) == 1
    out = capsys.readouterr().out
    assert f"The plan file {path} can't run yet:" in out
    assert "line 5, column" in out  # the timer of 0
    assert "line 7, column" in out  # the unknown kind
    assert "Did you mean 'rank'?" in out
    assert "Traceback" not in out
    assert ran == []
    assert not (tmp_path / "sessions").exists()  # nothing was created


def test_a_good_plan_starts_the_console_in_plan_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ran: list[FacilitatorApp]
) -> None:
    path = plan_path("priority-setting")
    assert facilitate.run_facilitator(path, unlocked=True, present=False, home=tmp_path) == 0
    (app,) = ran
    assert app.plan is not None
    assert app.plan.id == "priority-setting"
    (polls,) = app.poll_sets
    assert polls.id == "priority-setting"
    assert [poll.id for poll in polls.polls] == ["heard"]


def test_the_shared_screen_for_a_plan_follows_that_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.facilitator.presentation_app import PresentationApp

    started: list[PresentationApp] = []

    def fake_run(self: PresentationApp, *args: object, **kwargs: object) -> None:
        started.append(self)

    monkeypatch.setattr(PresentationApp, "run", fake_run)
    path = plan_path("priority-setting")
    assert facilitate.run_facilitator(path, unlocked=True, present=True, home=tmp_path) == 0
    (app,) = started
    assert app.session_plan is not None
    assert app.session_plan.id == "priority-setting"
