"""Read-aloud latency: from a new question screen to its audio reaching the player.

The design asks that read-aloud start within 300 ms. Each utterance is timed from
the moment a screen would call ``narration.question_screen`` and ``Speaker.say``
to the moment the player process starts with the rendered WAV (real espeak-ng
through ``Pyttsx3Speaker``; the player is a stand-in ``aplay`` script that records
the wall-clock time it was started and exits, so no sound card is needed). The
in-process moment the WAV is handed over (``on_audio``) is shown beside it.

The questions are those of the bundled templates, read in turn, each allowed to
finish before the next. The first utterance of a new process, which also starts
the engine, is reported apart; the kiosk builds its speaker at start-up, so
participants meet the warm figures.
"""

from __future__ import annotations

import ctypes
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from accessibility.narration import consent_screen, question_screen
from accessibility.pyttsx3_speaker import Pyttsx3Speaker
from benchmarks import table
from surveys.loader import load_survey
from surveys.model import ConsentBlock, Question

UTTERANCES = 20
GOAL_MS = 300.0

_PLAYER = """#!/bin/sh
echo "$(date +%s.%N)" >> "{log}"
"""


def _questions() -> list[Question]:
    folder = Path(__file__).resolve().parents[1] / "surveys" / "templates"
    questions: list[Question] = []
    for path in sorted(folder.glob("*.yaml")):
        survey = load_survey(path).survey
        if survey is not None:
            questions += survey.questions
    return questions


class _Timer:
    """Times say() → on_audio → player start for one speaker."""

    def __init__(self, folder: Path) -> None:
        self.log = folder / "starts.log"
        player = folder / "fake-aplay"
        player.write_text(_PLAYER.format(log=self.log))
        player.chmod(0o755)
        self.handed = threading.Event()
        self.handed_at = 0.0
        self.speaker = Pyttsx3Speaker(player=str(player), probe=False, on_audio=self._on_audio)

    def _on_audio(self, path: Path) -> None:
        self.handed_at = time.time()
        self.handed.set()

    def _starts(self) -> list[float]:
        if not self.log.exists():
            return []
        return [float(line) for line in self.log.read_text().split()]

    def time(self, text_of: object) -> tuple[float, float]:
        """(ms to the WAV handed over, ms to the player started) for one screen."""
        before = len(self._starts())
        self.handed.clear()
        began = time.time()
        if isinstance(text_of, Question):
            self.speaker.say(question_screen(text_of, 3, 8))
        else:
            self.speaker.say(str(text_of))
        deadline = time.monotonic() + 10
        while len(self._starts()) == before:
            if time.monotonic() > deadline:
                raise RuntimeError("the player never started")
            time.sleep(0.001)
        started = self._starts()[-1]
        self.handed.wait(1)
        time.sleep(0.02)  # let the stand-in player exit before the next screen
        return (self.handed_at - began) * 1000, (started - began) * 1000


def run() -> list[str]:
    """Time read-aloud for template questions; return the lines to print."""
    try:
        ctypes.CDLL("libespeak-ng.so.1")
    except OSError:
        return ["espeak-ng is not installed: run `make bench`, which installs it."]
    questions = [q for q in _questions() if q.asks]
    folder = Path(tempfile.mkdtemp(prefix="bench-speech-"))
    timer = _Timer(folder)
    try:
        cold_handed, cold_started = timer.time(questions[0])
        handed, started = [], []
        for index in range(UTTERANCES):
            a, b = timer.time(questions[index % len(questions)])
            handed.append(a)
            started.append(b)
        block = ConsentBlock("standard-v1", "the Recovery College", "the lead", "the team")
        consent_handed, consent_started = timer.time(consent_screen(block))
    finally:
        timer.speaker.close()
        shutil.rmtree(folder, ignore_errors=True)
    median = statistics.median(started)
    rows = [
        ("question screen, warm (median)", round(statistics.median(handed), 1), round(median, 1)),
        ("question screen, warm (worst)", round(max(handed), 1), round(max(started), 1)),
        ("first utterance, engine starting", round(cold_handed, 1), round(cold_started, 1)),
        ("consent screen (about 230 words)", round(consent_handed, 1), round(consent_started, 1)),
    ]
    verdict = "meets" if median <= GOAL_MS else "MISSES"
    return [
        f"{UTTERANCES} question screens from the templates, real espeak-ng, stand-in aplay.",
        *table(["utterance", "WAV handed over (ms)", "player started (ms)"], rows),
        f"Median from new screen to player start: {median:.0f} ms ({verdict} the "
        f"{GOAL_MS:.0f} ms goal).",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
