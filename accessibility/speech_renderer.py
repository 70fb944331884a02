"""The render thread: one thread that owns a speech engine and turns text into WAVs.

Speech engines such as pyttsx3 must be created and used on one thread, and are not
safe to share. ``SpeechRenderer`` starts that thread, builds the engine on it, and
takes jobs from any speaker through a queue. A job that has been overtaken by a
newer utterance before its turn is dropped unrendered. The engine itself is
injected, so this module imports no speech library.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from accessibility.speech import DEFAULT_VOICE, SpeechProblem

READY_TIMEOUT = 10.0
"""How long to wait for the engine to start before giving up on it."""


class SpeechEngine(Protocol):
    """Renders text to a WAV file; used only on the render thread."""

    def render(self, text: str, path: Path, rate: int, voice: str) -> bool:
        """Write ``text`` spoken at ``rate`` words a minute with ``voice`` to ``path``;
        True when done."""


@dataclass
class _RenderJob:
    text: str
    path: Path
    rate: int
    voice: str
    wanted: Callable[[], bool]
    done: threading.Event = field(default_factory=threading.Event)
    ok: bool = False


class SpeechRenderer:
    """Turns text into WAV files on one dedicated thread that owns the engine.

    The engine is made by ``engine_factory`` on that thread, and only ever used
    there. espeak-ng keeps one synthesis callback per process, so a process has one
    renderer for it (``pyttsx3_speaker.shared_renderer()``); tests may build their
    own with a fake engine.
    """

    def __init__(self, engine_factory: Callable[[], SpeechEngine]) -> None:
        self._factory = engine_factory
        self._jobs: queue.Queue[_RenderJob] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._problem: str | None = None

    @property
    def problem(self) -> str | None:
        """Why rendering can't work (no engine, or it stopped answering), else None."""
        return self._problem

    def start(self) -> None:
        """Start the render thread (once); the engine starts on that thread."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="kiosk-speech-render", daemon=True
                )
                self._thread.start()

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> str | None:
        """Wait for the engine to start; return the problem, if any."""
        self.start()
        if not self._ready.wait(timeout):
            self._problem = self._problem or SpeechProblem.STOPPED_WORKING.value
        return self._problem

    def render(
        self,
        text: str,
        path: Path,
        rate: int,
        wanted: Callable[[], bool],
        voice: str = DEFAULT_VOICE,
    ) -> bool:
        """Render ``text`` to ``path`` and wait for it; False when it wasn't made.

        ``wanted`` is asked just before synthesis starts, so an utterance that has
        been overtaken by a newer one is dropped without being rendered.
        """
        if self.wait_ready() is not None:
            return False
        job = _RenderJob(text, path, rate, voice, wanted)
        self._jobs.put(job)
        # Longer than the engine's own limit, twice over: this only catches a hang.
        if not job.done.wait(25.0 + len(text) / 50):
            self._problem = SpeechProblem.STOPPED_WORKING.value
            return False
        return job.ok

    def _run(self) -> None:
        try:
            engine = self._factory()
        except Exception:  # any failure to start means: no speech engine
            self._problem = SpeechProblem.NO_ENGINE.value
            self._ready.set()
            return
        self._ready.set()
        while True:
            job = self._jobs.get()
            try:
                job.ok = job.wanted() and self._render_once(engine, job)
            finally:
                job.done.set()

    @staticmethod
    def _render_once(engine: SpeechEngine, job: _RenderJob) -> bool:
        for _attempt in range(2):  # a rare empty result is retried once
            try:
                if engine.render(job.text, job.path, job.rate, job.voice):
                    return True
            except Exception:  # a failed utterance must not end the thread
                return False
        return False
