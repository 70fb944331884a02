"""``kiosk facilitate``: bad poll files are explained plainly, a locked console needs
a PIN, and the right app starts for the console and the shared screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.commands import facilitate
from kiosk.facilitator.app import FacilitatorApp
from kiosk.facilitator.presentation_app import PresentationApp
from kiosk.speaking import SPEECH_SWITCH
from tests.support.facilitator import POLLS


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record which app would have run, instead of running it."""
    started: list[object] = []

    def fake_run(self: object, *args: object, **kwargs: object) -> None:
        started.append(self)

    monkeypatch.setattr(FacilitatorApp, "run", fake_run)
    monkeypatch.setattr(PresentationApp, "run", fake_run)
    monkeypatch.setenv(SPEECH_SWITCH, "off")  # no speech thread in these launch tests
    return started


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("- id: a\n  kind: single\n  text: Pick one\n", 1, "options"),
        ("- id: a\n  kind: single\n  text: [unclosed\n", 1, "line"),
        ("- id: note\n  kind: info\n  text: Hello\n", 1, "no questions that can be live polls"),
    ],
    ids=["no-options", "broken-yaml", "only-info"],
)
def test_a_bad_poll_file_is_explained_plainly(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    ran: list[object],
    text: str,
    status: int,
    words: str,
) -> None:
    path = tmp_path / "polls.yaml"
    path.write_text(text, encoding="utf-8")
    assert facilitate.run_facilitator(path, unlocked=True, present=False, home=tmp_path) == status
    out = capsys.readouterr().out
    assert words in out
    assert "Traceback" not in out
    assert ran == []


def test_a_missing_poll_file_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ran: list[object]
) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert facilitate.run_facilitator(missing, unlocked=True, present=False, home=tmp_path) == 2
    assert "nowhere.yaml" in capsys.readouterr().out


def test_a_locked_console_needs_an_operator_pin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ran: list[object]
) -> None:
    path = POLLS / "all-kinds.yaml"
    assert facilitate.run_facilitator(path, unlocked=False, present=False, home=tmp_path) == 1
    assert "kiosk pin set" in capsys.readouterr().out
    assert ran == []


def test_unlocked_runs_the_console_and_present_runs_the_shared_screen(
    tmp_path: Path, ran: list[object]
) -> None:
    path = POLLS / "all-kinds.yaml"
    assert facilitate.run_facilitator(path, unlocked=True, present=False, home=tmp_path) == 0
    assert facilitate.run_facilitator(path, unlocked=False, present=True, home=tmp_path) == 0
    console, shared = ran
    assert isinstance(console, FacilitatorApp)
    assert console.unlocked
    assert isinstance(shared, PresentationApp)


def test_without_a_file_both_built_in_sets_are_offered(tmp_path: Path, ran: list[object]) -> None:
    assert facilitate.run_facilitator(None, unlocked=True, present=False, home=tmp_path) == 0
    [console] = ran
    assert isinstance(console, FacilitatorApp)
    assert [s.id for s in console.poll_sets] == ["principles-check", "session-debrief"]
