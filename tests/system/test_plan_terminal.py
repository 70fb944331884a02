"""The plan console in a real terminal (tmux): it fits a small 60x20 screen, and
killed with ``kill -9`` and started again it carries on at the same stage, with a
timer that kept running while it was away."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import time
from pathlib import Path

import pytest
from rich.console import Console

from surveys.focus_group import FocusGroup
from surveys.plan_model import StageKind
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_tallies import SessionKeys, TinyDbTallyStore
from tests.support.plan_console import SHORT_PLAN
from tests.system.terminal import KIOSK, Terminal

pytestmark = pytest.mark.slow

STAGE_SECONDS = 5 * 60
"""The share stage's timer in ``SHORT_PLAN``."""


def big_digits(face: str) -> list[str]:
    """The three lines the console's large timer draws for ``face`` ("04:12")."""
    from textual.renderables.digits import Digits

    out = io.StringIO()
    Console(file=out, width=80, color_system=None, legacy_windows=False).print(Digits(face))
    return [line.rstrip() for line in out.getvalue().splitlines()]


def shows_digits(screen: str, face: str) -> bool:
    """True when the big timer on ``screen`` reads ``face``."""
    lines = screen.splitlines()
    want = big_digits(face)
    for top in range(len(lines) - len(want) + 1):
        column = lines[top].find(want[0])
        if column >= 0 and all(
            lines[top + i][column : column + len(row)] == row for i, row in enumerate(want)
        ):
            return True
    return False


def face(seconds: float) -> str:
    whole = max(int(seconds), 0)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def wait_until_dead(pid: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError("the console did not die")


def _env(home: Path, runtime: Path, size: tuple[int, int] = (80, 24)) -> dict[str, str]:
    # COLUMNS and LINES as the window is: the test run may have its own in the
    # environment, and Textual believes them over the terminal.
    return {
        "KIOSK_HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "COLUMNS": str(size[0]),
        "LINES": str(size[1]),
    }


def test_the_plan_console_fits_a_60_by_20_terminal(tmp_path: Path) -> None:
    home, runtime = tmp_path / "kiosk-home", tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    plan = tmp_path / "plan.yaml"
    plan.write_text(SHORT_PLAN, encoding="utf-8")
    command = [str(KIOSK), "facilitate", str(plan), "--unlocked"]
    window = Terminal(command, _env(home, runtime, (60, 20)), (60, 20))
    try:
        window.wait_for("Start a focus group session")
        window.tab_to("Start the session")
        window.keys("Enter")
        window.wait_for("Press T to start the first stage")
        window.keys("t")
        window.wait_for("Timer running")
        session = TinyDbTallyStore(home / "sessions").poll_sessions()[0].session
        ideas = TinyDbIdeaStore(home / "sessions", keys=SessionKeys(runtime / "coproduction-kiosk"))
        for number in range(12):
            FocusGroup(ideas, session).add(f"Idea {number}, long enough to need more than one line")
        shown = window.wait_for("12 ideas in · 12 waiting for you")
        lines = shown.splitlines()
        assert "Stage 1 of 6 · Writing ideas" in shown
        assert "What would help most?" in shown
        assert sum("● waiting" in line for line in lines) >= 4  # the queue has room
        assert "q Quit" in lines[-1] or "q Quit" in lines[-2]  # the footer keeps Quit
        assert "s Show" in shown
        assert all(len(line) <= 60 for line in lines)
    finally:
        window.close()


def test_kill_minus_nine_then_restart_carries_on_at_the_stage_and_its_timer(
    tmp_path: Path,
) -> None:
    home, runtime = tmp_path / "kiosk-home", tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    plan = tmp_path / "plan.yaml"
    plan.write_text(SHORT_PLAN, encoding="utf-8")
    env = _env(home, runtime)
    command = [str(KIOSK), "facilitate", str(plan), "--unlocked"]

    first = Terminal(command, env, (80, 24))
    try:
        first.wait_for("Start a focus group session")
        first.type("Tuesday group")
        first.tab_to("Start the session")
        first.keys("Enter")
        first.wait_for("Press T to start the first stage")
        first.keys("t")
        first.wait_for("Timer running")

        # Phones send ideas into the same session, as the phone page would.
        found = TinyDbTallyStore(home / "sessions").poll_sessions()
        assert len(found) == 1
        session = found[0].session
        ideas = TinyDbIdeaStore(home / "sessions", keys=SessionKeys(runtime / "coproduction-kiosk"))
        group = FocusGroup(ideas, session)
        for words in ("A quieter waiting room", "Evening appointments", "Fewer forms"):
            group.add(words)
        first.wait_for("3 ideas in · 3 waiting for you")
        first.keys("a")
        first.wait_for("0 waiting for you")
        first.keys("n")
        first.wait_for("Stage 2 of 6 · Sharing ideas")
        first.keys("Right")
        first.wait_for("Idea 1 of 3")

        plans = TinyDbPlanStore(home / "sessions")
        before = plans.now(session.id)
        assert before is not None
        assert before.kind is StageKind.SHARE
        assert before.running_since is not None

        pid = first.pid  # asked once: with its one process dead, tmux itself ends
        os.kill(pid, signal.SIGKILL)
        wait_until_dead(pid)
    finally:
        first.close()

    time.sleep(3)  # the room carries on while the console is away

    later = Terminal(command, env, (80, 24))
    try:
        later.wait_for("Carry on: Tuesday group")
        later.keys("Enter")  # carrying on is the first choice
        shown = later.wait_for("Stage 2 of 6 · Sharing ideas")
        shown = later.wait_for("Idea 1 of 3")
        assert "Timer running" in shown
        elapsed = (dt.datetime.now(dt.UTC) - before.running_since).total_seconds()
        assert elapsed >= 3
        # The timer shows the time left now (within a few seconds of drawing), not a
        # fresh five minutes: it kept running while the console was away.
        left = STAGE_SECONDS - elapsed
        candidates = [face(left + delta) for delta in range(-3, 3)]
        assert any(shows_digits(shown, c) for c in candidates), (candidates, shown)
        assert not shows_digits(shown, "05:00")
        after = plans.now(session.id)
        assert after is not None
        assert after.running_since == before.running_since
        assert len(group.pool.in_play()) == 3  # the ideas are all still there
    finally:
        later.close()
