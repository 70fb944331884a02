"""Drive the real ``kiosk`` command in a real terminal (tmux), as a person would."""

from __future__ import annotations

import itertools
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KIOSK = Path(sys.executable).parent / "kiosk"
_NAMES = itertools.count()


class Terminal:
    """One tmux server with one window running a command; read it and type into it."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is needed for the real-terminal tests (apt-get install tmux)")
        self.socket = f"kiosk-test-{os.getpid()}-{next(_NAMES)}"
        settings = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        line = f"exec env {settings} {shlex.join(command)}"
        width, height = size
        self._tmux("new-session", "-d", "-s", "kiosk", "-x", str(width), "-y", str(height), line)
        self.socket_path = Path(self._tmux("display-message", "-p", "#{socket_path}").strip())

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {result.stderr.strip()}")
        return result.stdout

    def screen(self) -> str:
        """What the terminal shows now."""
        return self._tmux("capture-pane", "-p", "-t", "kiosk")

    def wait_for(self, text: str, seconds: float = 20.0) -> str:
        """Wait until ``text`` is on screen; returns the screen."""
        deadline = time.monotonic() + seconds
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared. The screen was:\n{shown}")
            time.sleep(0.1)

    def keys(self, *keys: str) -> None:
        """Press named keys (tmux names: Enter, Tab, Escape, F3, S-Down …)."""
        for key in keys:
            self._tmux("send-keys", "-t", "kiosk", key)
            time.sleep(0.15)

    def read_consent(self, parts: int = 10) -> None:
        """Turn the consent's parts (Page Down) until "Yes, I agree" is offered."""
        self.wait_for("Part 1 of")
        for _ in range(parts):
            if "Yes, I agree" in self.screen():
                return
            self.keys("PageDown")
            time.sleep(0.3)
        self.wait_for("Yes, I agree")

    def tab_to(self, label: str, presses: int = 12) -> None:
        """Press Tab until the focus marker stands before ``label``."""
        for _ in range(presses):
            self.keys("Tab")
            if any("▶ " + label in line for line in self.screen().splitlines()):
                return
        raise AssertionError(f"Tab never reached {label!r}. The screen was:\n{self.screen()}")

    def type(self, text: str) -> None:
        """Type text literally."""
        self._tmux("send-keys", "-t", "kiosk", "-l", text)
        time.sleep(0.2)

    def alternate_screen(self) -> bool:
        """True while the program in the window uses the terminal's alternate screen."""
        shown = self._tmux("display-message", "-p", "-t", "kiosk", "#{alternate_on}")
        return shown.strip() == "1"

    @property
    def pid(self) -> int:
        """The process running in the window (the kiosk itself, thanks to ``exec``)."""
        return int(self._tmux("list-panes", "-t", "kiosk", "-F", "#{pane_pid}").split()[0])

    def close(self) -> None:
        """Stop the tmux server and everything in it."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)
        self.socket_path.unlink(missing_ok=True)
