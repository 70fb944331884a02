"""The kiosk in a real terminal: type answers into ``kiosk run`` through tmux and check
what was stored; kill it mid-visit and check that nothing was."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from surveys.sealing import DEMO_PRIVATE_KEY_FILE, load_private_key
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.system.terminal import KIOSK, Terminal

pytestmark = pytest.mark.slow

SURVEY = Path(__file__).resolve().parents[1] / "support" / "surveys" / "all_kinds.yaml"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "kiosk-home"


@pytest.fixture
def terminal(home: Path) -> Iterator[Terminal]:
    env = {"KIOSK_HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    window = Terminal([str(KIOSK), "run", str(SURVEY), "--unlocked"], env, (80, 24))
    yield window
    window.close()


def stored(home: Path) -> list[dict[str, object]]:
    opener = load_private_key(home / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    return [opener.open(r.sealed) for r in TinyDbResponseStore(home / "sessions").responses()]


def test_answers_typed_in_a_real_terminal_are_stored_exactly(
    terminal: Terminal, home: Path
) -> None:
    terminal.wait_for("Tell us about the course")
    terminal.keys("Enter")  # Start
    terminal.wait_for("How would you like to take part?")
    terminal.keys("F3")  # keep the usual settings and go on
    terminal.read_consent()
    terminal.tab_to("[ ] You can quote")
    terminal.keys("Space")  # tick "quote me", then Yes, I agree
    terminal.tab_to("Yes, I agree")
    terminal.keys("Enter")
    terminal.wait_for("This part is about the course")
    terminal.keys("Enter")
    terminal.wait_for("Question 1 of 8")
    terminal.keys("2", "Enter")
    terminal.wait_for("Question 2 of 8")
    terminal.keys("1", "3", "Enter")
    terminal.wait_for("Question 3 of 8")
    terminal.keys("4", "Enter")
    terminal.wait_for("Question 4 of 8")
    terminal.keys("8", "Enter")
    terminal.wait_for("Question 5 of 8")
    terminal.keys("2", "Enter")
    terminal.wait_for("Question 6 of 8")
    terminal.type("calm [bold]")
    terminal.wait_for("calm [bold]")
    terminal.keys("Enter")
    terminal.wait_for("Question 7 of 8")
    terminal.type("Line one")
    terminal.keys("Enter")
    terminal.type("Line two")
    terminal.wait_for("Line two")
    terminal.keys("Tab", "Enter")  # Tab leaves the box for Next
    terminal.wait_for("Question 8 of 8")
    terminal.keys("S-Down", "Enter")
    review = terminal.wait_for("Check your answers")
    assert "Sleep well" in review
    assert stored(home) == []
    # Focus starts on the first answer (so a stray key can't send): Tab to Send.
    terminal.tab_to("Send my answers", presses=20)
    terminal.keys("Enter")  # Send my answers
    terminal.wait_for("This is your receipt code")
    responses = stored(home)
    assert [r["answers"] for r in responses] == [
        {
            "course": "Sleep well",
            "liked": ["The peer trainer", "The room"],
            "agree": 4,
            "score": 8,
            "again": False,
            "word": "calm [bold]",
            "story": "Line one\nLine two",
            "order": ["Clear handouts", "Kind staff", "A quiet room"],
        }
    ]
    assert responses[0]["consent"]["ticks"] == {"quote": True}  # type: ignore[index]


def test_killing_the_kiosk_mid_visit_keeps_nothing(terminal: Terminal, home: Path) -> None:
    terminal.wait_for("Tell us about the course")
    terminal.keys("Enter")
    terminal.wait_for("How would you like to take part?")
    terminal.keys("F3")
    terminal.read_consent()
    terminal.tab_to("Yes, I agree")
    terminal.keys("Enter")
    terminal.wait_for("This part is about the course")
    terminal.keys("Enter")
    terminal.wait_for("Question 1 of 8")
    terminal.keys("2", "Enter")
    terminal.wait_for("Question 2 of 8")
    terminal.keys("1", "Enter")
    terminal.wait_for("Question 3 of 8")
    os.kill(terminal.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(terminal.pid, 0)
        except (ProcessLookupError, RuntimeError):
            break
        time.sleep(0.1)
    assert stored(home) == []
    sessions = home / "sessions"
    assert not sessions.exists() or not any(sessions.rglob("responses-*.json"))
