"""The real ``kiosk run`` in tmux: a break that ends wipes the visit for the next
person, and SIGTERM leaves the terminal as it found it (issue 13, findings 4 and 6)."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.system.terminal import KIOSK, Terminal

pytestmark = pytest.mark.slow

SURVEY = Path(__file__).resolve().parents[1] / "support" / "surveys" / "all_kinds.yaml"
ENV = {"TERM": "xterm-256color", "LANG": "C.UTF-8"}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "kiosk-home"


@pytest.fixture
def short_break(home: Path) -> Iterator[Terminal]:
    command = [str(KIOSK), "run", str(SURVEY), "--unlocked", "--break-minutes", "0.05"]
    window = Terminal(command, {"KIOSK_HOME": str(home), **ENV}, (80, 24))
    yield window
    window.close()


def to_the_word_question(terminal: Terminal) -> None:
    """Welcome → usual settings → agree → skip to "One word for the course?"."""
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
    for number in range(2, 7):
        terminal.keys("F3")
        terminal.wait_for(f"Question {number} of 8")
    terminal.wait_for("One word for the course?")


def test_a_break_that_ends_shows_the_next_person_a_fresh_welcome(
    short_break: Terminal,
) -> None:
    to_the_word_question(short_break)
    short_break.type("my secret")
    short_break.wait_for("my secret")
    short_break.keys("F4")
    short_break.wait_for("We'll keep your answers for 3 seconds")
    short_break.wait_for("Are you still there?", seconds=30)
    welcome = short_break.wait_for("Tell us about the course", seconds=60)
    assert "Start" in welcome
    assert "my secret" not in welcome
    to_the_word_question(short_break)
    assert "my secret" not in short_break.screen()


def child_of(pid: int) -> int:
    """The one process ``pid`` started (the kiosk, under the shell that waits for it)."""
    found = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    assert len(found) == 1, found
    return int(found[0])


def test_sigterm_leaves_the_terminal_as_it_was(home: Path) -> None:
    after = (
        "echo KIOSK-ENDED; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon "
        "-e echo -e -echo | tr '\\n' ' '; echo FLAGS-DONE; sleep 60"
    )
    line = f"{shlex.join([str(KIOSK), 'run', str(SURVEY), '--unlocked'])}; {after}"
    terminal = Terminal(["sh", "-c", line], {"KIOSK_HOME": str(home), **ENV}, (80, 24))
    try:
        terminal.wait_for("Tell us about the course")
        terminal.keys("Enter")
        terminal.wait_for("How would you like to take part?")
        assert terminal.alternate_screen()
        os.kill(child_of(terminal.pid), signal.SIGTERM)
        # Wait for the line after the flags: the screen can show KIOSK-ENDED first.
        shown = terminal.wait_for("FLAGS-DONE")
        flags = shown.split("KIOSK-ENDED", 1)[1].split("FLAGS-DONE", 1)[0].split()
        assert "icanon" in flags  # lines are cooked again, not raw
        assert "echo" in flags  # typing shows again
        assert not terminal.alternate_screen()  # back on the normal screen
        assert "Traceback" not in shown
    finally:
        terminal.close()
