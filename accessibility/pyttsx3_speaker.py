"""Read-aloud with pyttsx3 and espeak-ng: the only module that imports pyttsx3.

pyttsx3 is not thread-safe, its ``stop()`` cannot cut speech off, ``say()`` runs
``aplay`` through a shell whose errors reach the terminal, and espeak-ng keeps one
synthesis callback per process (docs/accessibility.md and research/tech.md §2).
So this module uses pyttsx3 for one thing only, turning text into a WAV file:

- ``Pyttsx3Engine`` wraps pyttsx3's espeak driver and only ever renders files
  (``save_to_file``, never ``say``). One ``SpeechRenderer`` thread per process owns
  it (``shared_renderer()``); every speaker shares that thread.
- ``Pyttsx3Speaker`` has a thread of its own that asks the renderer for a WAV and
  plays it with ``aplay -q FILE`` (stdin, stdout and stderr all DEVNULL), a child
  process it can terminate. A generation counter, read and written under one lock
  together with the running player, makes sure a newer ``say`` or a ``stop`` always
  wins: a stale utterance is never rendered, never started, or is terminated.

Nothing here writes to the terminal: pyttsx3's own "Audio saved to" ``print`` is
silenced in its driver module only (not by swapping ``sys.stdout``, which would
race with the UI), and the player's output goes to DEVNULL. The WAV files hold
spoken questions and possibly answers read back, so they live in a private folder
in memory-backed storage where there is one, and are deleted after playing.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from accessibility.speech import DEFAULT_RATE, DEFAULT_VOICE, SpeechProblem, clamp_rate
from accessibility.speech_renderer import SpeechRenderer
from accessibility.wav_files import private_folder, wav_seconds, write_silence

_KILL_AFTER = 1.0
"""A player that ignores terminate() this long after being interrupted is killed."""


def _quiet_print(*args: object, **kwargs: object) -> None:
    """Stands in for ``print`` inside pyttsx3's espeak driver, which announces every file."""


class Pyttsx3Engine:
    """pyttsx3's espeak driver, used only to render files, with its pitfalls avoided.

    With espeak-ng, ``runAndWait()`` returns as soon as synthesis has *started*: the
    file is written later, on espeak's own thread, so this waits for pyttsx3's
    "finished-utterance" event. A rate set with ``setProperty`` is queued behind the
    driver's own ``Cancel()`` and often lost, so the rate is set directly while
    espeak is idle. Construct it only on the thread that will use it (raises
    RuntimeError when libespeak-ng is missing).
    """

    def __init__(self) -> None:
        # pyttsx3 ships no type hints; everything untyped stays inside this class.
        import pyttsx3  # type: ignore[import-untyped]  # noqa: PLC0415 (lazy, render thread)
        import pyttsx3.drivers._espeak  # type: ignore[import-untyped]  # noqa: PLC0415
        import pyttsx3.drivers.espeak  # type: ignore[import-untyped]  # noqa: PLC0415

        # The driver prints "Audio saved to …" after every file. Shadowing the name in
        # that module alone silences it without touching sys.stdout, which the UI owns.
        pyttsx3.drivers.espeak.print = _quiet_print
        self._espeak: Any = pyttsx3.drivers._espeak
        self._engine: Any = pyttsx3.init("espeak")
        self._finished = threading.Event()
        self._engine.connect("finished-utterance", self._on_finished)
        self._rate: int | None = None
        self._voice: str | None = None

    def _on_finished(self, **_: object) -> None:
        self._finished.set()

    def _wait_idle(self, timeout: float = 1.0) -> None:
        deadline = time.monotonic() + timeout
        while self._espeak.IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.002)

    def render(self, text: str, path: Path, rate: int, voice: str = DEFAULT_VOICE) -> bool:
        """Write ``text`` to ``path`` as a WAV and wait until it is complete.

        A voice espeak-ng doesn't have renders nothing (False): reading Welsh words
        with an English voice would be worse than not reading them."""
        self._wait_idle()
        if voice != self._voice:
            if self._espeak.SetVoiceByName(voice.encode("ascii", "replace")) != 0:
                self._voice = None
                return False
            self._voice = voice
            self._rate = None  # a new voice starts at espeak's own rate
        if rate != self._rate:
            self._espeak.SetParameter(self._espeak.RATE, rate, 0)
            self._wait_idle()
            self._rate = rate
        self._finished.clear()
        self._engine.save_to_file(text, str(path))
        self._engine.runAndWait()
        # Rendering runs about 100 times faster than speech; the limit only catches a hang.
        if not self._finished.wait(10.0 + len(text) / 100):
            return False
        return wav_seconds(path) > 0


_shared: SpeechRenderer | None = None
_shared_lock = threading.Lock()


def shared_renderer() -> SpeechRenderer:
    """The process's one pyttsx3 renderer, created (not yet started) on first use."""
    global _shared  # noqa: PLW0603 (one engine per process is espeak-ng's rule, not ours)
    with _shared_lock:
        if _shared is None:
            _shared = SpeechRenderer(Pyttsx3Engine)
        return _shared


class Pyttsx3Speaker:
    """Reads text aloud with espeak-ng through pyttsx3, played by ``aplay``.

    ``player`` is the command that plays a WAV file (``aplay``, or a test's fake on
    PATH); None renders without playing. ``probe`` plays a moment of silence at
    start-up so ``problem`` can say early that there is no sound card. A missing
    player is known (and ``problem`` set) before the constructor returns; anything
    found later is set once, from the speech thread, and never changes after.
    ``on_audio`` is called on the speech thread with each WAV just before it is
    handed to the player (for tests and benchmarks).
    """

    def __init__(
        self,
        *,
        player: str | None = "aplay",
        rate: int = DEFAULT_RATE,
        probe: bool = True,
        on_audio: Callable[[Path], None] | None = None,
        renderer: SpeechRenderer | None = None,
    ) -> None:
        self._renderer = renderer or shared_renderer()
        self._rate = clamp_rate(rate)
        self._voice = DEFAULT_VOICE
        self._probe = probe
        self._on_audio = on_audio
        self._lock = threading.Lock()
        self._generation = 0
        self._player: subprocess.Popen[bytes] | None = None
        self._closed = False
        self._problem: str | None = None
        self._jobs: queue.Queue[tuple[int, str] | None] = queue.Queue()
        self._player_path = shutil.which(player) if player else None
        if player and self._player_path is None:
            self._problem = SpeechProblem.NO_PLAYER.value
        self._thread = threading.Thread(target=self._run, name="kiosk-speech", daemon=True)
        self._thread.start()

    # -- the Speaker port --------------------------------------------------------------

    @property
    def problem(self) -> str | None:
        """Why speech can't work on this device (a ``SpeechProblem``), else None."""
        return self._problem

    def say(self, text: str) -> None:
        """Start reading ``text`` aloud, cutting off whatever is playing. Never waits."""
        generation = self._interrupt()
        if generation is not None and text.strip():
            self._jobs.put((generation, text.strip()))

    def stop(self) -> None:
        """Stop reading aloud now (never waits for the player to exit)."""
        self._interrupt()

    def set_rate(self, words_per_minute: int) -> None:
        """Speak faster or slower from the next ``say`` on."""
        self._rate = clamp_rate(words_per_minute)

    def set_voice(self, voice: str) -> None:
        """Speak with this espeak-ng voice from the next ``say`` on."""
        self._voice = voice

    def close(self) -> None:
        """Stop, end the speech thread and delete its files (waits up to 1 s)."""
        self._interrupt()
        with self._lock:
            self._closed = True
        self._jobs.put(None)
        self._thread.join(timeout=1.0)

    # -- internals ---------------------------------------------------------------------

    def _interrupt(self) -> int | None:
        """Make everything queued or playing stale; return the new generation."""
        with self._lock:
            if self._closed:
                return None
            self._generation += 1
            generation, player = self._generation, self._player
        if player is not None and player.poll() is None:
            with contextlib.suppress(OSError):
                player.terminate()
        return generation

    def _current(self, generation: int) -> bool:
        with self._lock:
            return generation == self._generation and not self._closed

    def _set_problem(self, problem: str) -> None:
        with self._lock:
            if self._problem is None:
                self._problem = problem

    def _run(self) -> None:
        folder = private_folder()
        try:
            engine_problem = self._renderer.wait_ready()
            if engine_problem is not None:
                self._set_problem(engine_problem)
            elif self._probe and self._player_path is not None:
                self._probe_player(folder)
            count = 0
            while (job := self._jobs.get()) is not None:
                generation, text = job
                count += 1
                self._speak(folder / f"u{count}.wav", generation, text)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _probe_player(self, folder: Path) -> None:
        silence = folder / "probe.wav"
        write_silence(silence)
        with self._lock:
            generation = self._generation
        self._play(silence, generation)
        silence.unlink(missing_ok=True)

    def _speak(self, path: Path, generation: int, text: str) -> None:
        if not self._current(generation) or self._renderer.problem is not None:
            return
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        made = self._renderer.render(
            text, path, self._rate, wanted=lambda: self._current(generation), voice=self._voice
        )
        try:
            if not made:
                if self._renderer.problem is not None:
                    self._set_problem(self._renderer.problem)
                return
            if self._on_audio is not None:
                with contextlib.suppress(Exception):
                    self._on_audio(path)
            if self._player_path is not None:
                self._play(path, generation)
        finally:
            path.unlink(missing_ok=True)

    def _play(self, path: Path, generation: int) -> None:
        assert self._player_path is not None  # callers check
        with self._lock:
            # Checked and started under the lock that say()/stop() take, so an
            # interruption either comes first (nothing starts) or sees this player.
            if generation != self._generation or self._closed:
                return
            try:
                player = subprocess.Popen(
                    [self._player_path, "-q", str(path)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    close_fds=True,
                )
            except OSError:
                player = None
            self._player = player
        if player is None:
            self._set_problem(SpeechProblem.NO_PLAYER.value)
            return
        code = self._wait(player, generation)
        with self._lock:
            if self._player is player:
                self._player = None
        # aplay exits 1 both when it can't open a sound card and when it is terminated,
        # so only a failure of an utterance nobody interrupted counts as "no sound".
        if code != 0 and self._current(generation):
            self._set_problem(SpeechProblem.NO_SOUND.value)

    def _wait(self, player: subprocess.Popen[bytes], generation: int) -> int:
        stale_since: float | None = None
        while True:
            try:
                return player.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                if self._current(generation):
                    continue
                now = time.monotonic()
                if stale_since is None:
                    stale_since = now
                    with contextlib.suppress(OSError):
                        player.terminate()
                elif now - stale_since > _KILL_AFTER:
                    with contextlib.suppress(OSError):
                        player.kill()
