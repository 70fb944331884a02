"""Fixtures for the accessibility tests: fake players on PATH, and real espeak-ng."""

from __future__ import annotations

import ctypes
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

INSTALL_HINT = (
    "espeak-ng is not installed, so read-aloud can't be tested. Run `make test`, "
    "which installs it (or: apt-get install espeak-ng alsa-utils)."
)


@pytest.fixture(scope="session")
def espeak_ng() -> None:
    """Real speech tests need libespeak-ng; without it they fail, saying how to fix it."""
    try:
        ctypes.CDLL("libespeak-ng.so.1")
    except OSError:
        pytest.fail(INSTALL_HINT)


@dataclass
class FakePlayer:
    """A player script on PATH that logs each start and end to ``log``."""

    name: str
    log: Path

    def lines(self) -> list[list[str]]:
        if not self.log.exists():
            return []
        return [line.split() for line in self.log.read_text().splitlines() if line.strip()]

    def starts(self) -> list[list[str]]:
        return [line for line in self.lines() if line[0] == "start"]

    def ends(self) -> list[list[str]]:
        return [line for line in self.lines() if line[0] == "end"]

    def wait_for(self, check: Callable[[], bool], timeout: float = 5.0) -> float:
        """Poll until ``check()`` is true; return the seconds waited (fails on timeout)."""
        began = time.monotonic()
        while not check():
            if time.monotonic() - began > timeout:
                pytest.fail(f"timed out; player log: {self.lines()}")
            time.sleep(0.005)
        return time.monotonic() - began


_SLOW = """#!/bin/sh
echo "start $$ $2" >> "{log}"
trap 'echo "end $$ terminated" >> "{log}"; kill $pid 2>/dev/null; exit 143' TERM
sleep {seconds} &
pid=$!
wait $pid
echo "end $$ finished" >> "{log}"
"""
_COPYING = """#!/bin/sh
echo "start $$ $2" >> "{log}"
cp "$2" "{keep}/"
echo "end $$ finished" >> "{log}"
"""
_FAILING = """#!/bin/sh
echo "start $$ $2" >> "{log}"
echo "ALSA lib pcm.c: Unknown PCM default" >&2
echo "end $$ failed" >> "{log}"
exit 1
"""


@pytest.fixture
def make_player(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., FakePlayer]:
    """Put a fake player on PATH: kind "slow" (sleeps), "copying" (keeps each WAV in
    tmp_path/kept) or "failing" (exits 1 at once, like aplay with no sound card)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")

    def make(kind: str = "slow", seconds: float = 5) -> FakePlayer:
        name = f"fake-{kind}-player"
        log = tmp_path / f"{name}.log"
        keep = tmp_path / "kept"
        keep.mkdir(exist_ok=True)
        template = {"slow": _SLOW, "copying": _COPYING, "failing": _FAILING}[kind]
        script = bin_dir / name
        script.write_text(template.format(log=log, keep=keep, seconds=seconds))
        script.chmod(0o755)
        return FakePlayer(name, log)

    return make
