""" "You said — We did" in a real terminal (issue 16): the locked ``kiosk run`` in tmux
at 60x20 and 80x24 shows a card below Start, turns to the next card by itself with
Start still chosen, and Enter still starts."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.action_logs import SHOWN, write_log
from tests.system.terminal import KIOSK, Terminal

pytestmark = pytest.mark.slow

SURVEY = Path(__file__).resolve().parents[1] / "support" / "surveys" / "short.yaml"
ENV = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "KIOSK_SPEECH": "off"}
PIN = "135791"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "kiosk-home"
    write_log(home)
    subprocess.run(
        [str(KIOSK), "pin", "set"],
        input=f"{PIN}\n{PIN}\n",
        env={"KIOSK_HOME": str(home), **ENV, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return home


@pytest.fixture(params=[(60, 20), (80, 24)], ids=["60x20", "80x24"])
def terminal(home: Path, request: pytest.FixtureRequest) -> Iterator[Terminal]:
    window = Terminal(
        [str(KIOSK), "run", str(SURVEY)], {"KIOSK_HOME": str(home), **ENV}, request.param
    )
    yield window
    window.close()


def rows_of(screen: str, *words: str) -> list[int]:
    lines = screen.splitlines()
    return [next(i for i, line in enumerate(lines) if text in line) for text in words]


def test_a_card_below_start_turns_by_itself_and_enter_still_starts(terminal: Terminal) -> None:
    screen = terminal.wait_for(SHOWN[0][1])
    start, said, did = rows_of(screen, "Start", SHOWN[0][0], SHOWN[0][1])
    assert start < said < did < len(screen.splitlines())
    # After a turn (20 seconds) the next card shows in the same place.
    deadline = time.monotonic() + 40
    while SHOWN[1][0] not in terminal.screen():
        assert time.monotonic() < deadline, terminal.screen()
        time.sleep(0.5)
    assert "▶ Start" in terminal.screen()  # the focus never left Start
    terminal.keys("Enter")
    terminal.wait_for("Text size")  # the visit began (its first screen, "How would you like…")
