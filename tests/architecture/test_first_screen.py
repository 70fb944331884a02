"""The first screen comes up before the heavy parts load (see ``kiosk.startup``).

The real ``kiosk --unlocked`` runs headless in a child process, which notes what was
loaded when Textual says the first frame is drawn, and what had happened by the
time the kiosk closed. Speed itself is measured by ``python -m benchmarks kiosk``;
this guards the reasons it is fast, which a stray import would quietly undo.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LOADED_LATER = (
    "nacl",  # sealing: only to send
    "argon2",  # the operator PIN: only when it is typed
    "filelock",
    "tinydb",  # storage: opened just after the first screen
    "pyttsx3",  # speech: started just after the first screen
    "qrcode",
    "aiohttp",
    "exports",
    "kiosk.screens.question_screen",
    "kiosk.screens.pin_modal",
    "surveys.storage",
    "surveys.sending",
)
"""Never needed to draw the welcome screen."""

_CHILD = """
import gc, json, sys
from textual.app import App

notes = {}

def first_frame(self):  # after the kiosk's own handlers of the same event
    notes["at_first_frame"] = sorted(sys.modules)
    notes["collector_on_at_first_frame"] = gc.isenabled()
    def when_done():  # what comes after the first screen: the data, then the later screens
        if self._services is not None and not self._later:
            self.exit()

    self.set_interval(0.05, when_done)

App.on_ready = first_frame
run = App.run
App.run = lambda self, *args, **kwargs: run(self, headless=True)
from kiosk.cli import main

status = main(["--unlocked"])
notes["status"] = status
notes["at_end"] = sorted(sys.modules)
notes["collector_on_at_end"] = gc.isenabled()
notes["frozen_at_end"] = gc.get_freeze_count()
print("NOTES" + json.dumps(notes))
"""


def _start(home: Path) -> dict[str, object]:
    env = {**os.environ, "KIOSK_HOME": str(home), "KIOSK_SPEECH": "off"}
    result = subprocess.run(
        [sys.executable, "-c", _CHILD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("NOTES"))
    notes: dict[str, object] = json.loads(line.removeprefix("NOTES"))
    return notes


def _loaded(modules: object, name: str) -> bool:
    assert isinstance(modules, list)
    return any(module == name or module.startswith(name + ".") for module in modules)


@pytest.fixture(scope="module")
def two_starts(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], ...]:
    home = tmp_path_factory.mktemp("kiosk-home")
    return _start(home), _start(home)


def test_the_first_screen_is_drawn_before_the_heavy_parts_load(
    two_starts: tuple[dict[str, object], ...],
) -> None:
    for notes in two_starts:
        early = [name for name in LOADED_LATER if _loaded(notes["at_first_frame"], name)]
        assert early == []
        # ...and they did load once the first screen was up: data, keys, the next screens.
        for name in ("tinydb", "nacl", "surveys.storage", "kiosk.screens.question_screen"):
            assert _loaded(notes["at_end"], name), name
        assert notes["status"] == 0


def test_a_second_start_reads_no_yaml_before_the_first_screen(
    two_starts: tuple[dict[str, object], ...],
) -> None:
    first, second = two_starts
    assert _loaded(first["at_first_frame"], "yaml")  # the first start checks the file
    assert not _loaded(second["at_first_frame"], "yaml")  # the next uses the checked form


def test_the_collector_is_off_while_starting_and_on_afterwards(
    two_starts: tuple[dict[str, object], ...],
) -> None:
    for notes in two_starts:
        assert notes["collector_on_at_first_frame"] is False
        assert notes["collector_on_at_end"] is True
        frozen = notes["frozen_at_end"]
        assert isinstance(frozen, int)
        assert frozen > 0
