"""Read-aloud through the real Pyttsx3Speaker: real espeak-ng, fake or real players."""

from __future__ import annotations

import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path

import pytest

from accessibility.narration import consent_screen
from accessibility.pyttsx3_speaker import Pyttsx3Speaker
from accessibility.speech import (
    DEFAULT_RATE,
    FASTER_RATE,
    MAX_RATE,
    MIN_RATE,
    SLOWER_RATE,
    NullSpeaker,
    RecordingSpeaker,
    Speaker,
    SpeechProblem,
    clamp_rate,
)
from accessibility.speech_renderer import SpeechEngine, SpeechRenderer
from accessibility.wav_files import write_silence
from surveys.model import ConsentBlock, ConsentTick
from tests.accessibility.conftest import FakePlayer

pytestmark = pytest.mark.slow

BLOCK = ConsentBlock(
    version="standard-v1",
    organisation="the Recovery College",
    coordinator="the research lead",
    contact="the course team",
    ticks=(ConsentTick("quotes", "You can quote my words"),),
)


def _wait(check: Callable[[], bool], timeout: float = 5.0) -> None:
    began = time.monotonic()
    while not check():
        assert time.monotonic() - began < timeout, "timed out"
        time.sleep(0.005)


def test_consent_text_renders_to_valid_speech_audio(
    espeak_ng: None, make_player: Callable[..., FakePlayer], tmp_path: Path
) -> None:
    player = make_player("copying")
    speaker = Pyttsx3Speaker(player=player.name, probe=False)
    text = consent_screen(BLOCK)
    try:
        speaker.say(text)
        player.wait_for(lambda: len(player.ends()) == 1, timeout=20)
    finally:
        speaker.close()
    kept = list((tmp_path / "kept").glob("*.wav"))
    assert len(kept) == 1
    with wave.open(str(kept[0]), "rb") as audio:
        assert audio.getnchannels() == 1
        assert audio.getframerate() == 22050
        assert audio.getsampwidth() == 2
        seconds = audio.getnframes() / audio.getframerate()
        samples = audio.readframes(audio.getnframes())
    words = len(text.split())
    assert 0.15 * words <= seconds <= 1.0 * words, (seconds, words)
    assert any(samples[i] != 0 for i in range(0, len(samples), 97)), "the audio is silent"
    assert speaker.problem is None


def test_slower_rate_gives_longer_audio(espeak_ng: None) -> None:
    lengths: dict[int, float] = {}
    done = threading.Event()

    def measure(path: Path) -> None:
        with wave.open(str(path), "rb") as audio:
            lengths[len(lengths)] = audio.getnframes() / audio.getframerate()
        done.set()

    speaker = Pyttsx3Speaker(player=None, on_audio=measure)
    try:
        for rate in (MIN_RATE, MAX_RATE):
            done.clear()
            speaker.set_rate(rate)
            speaker.say("Please choose a number from one to five, then press Enter.")
            assert done.wait(5)
    finally:
        speaker.close()
    assert lengths[0] > 1.8 * lengths[1]


class BlockedEngine:
    """A speech engine that holds every render until the test lets it go."""

    def __init__(self) -> None:
        self.rendering = threading.Event()
        self.release = threading.Event()
        self.rendered = threading.Event()

    def render(self, text: str, path: Path, rate: int, voice: str) -> bool:
        self.rendering.set()
        self.release.wait(10)
        self.rendered.set()
        return False


def test_say_and_stop_return_while_the_engine_is_still_busy() -> None:
    engine = BlockedEngine()
    speaker = Pyttsx3Speaker(player=None, probe=False, renderer=SpeechRenderer(lambda: engine))
    try:
        speaker.say("Question 1 of 8. How was today?")
        assert engine.rendering.wait(5)  # the engine has the words and is held …
        speaker.say("Question 2 of 8.")
        speaker.stop()
        assert not engine.rendered.is_set()  # … so say() and stop() came back without it
    finally:
        engine.release.set()
        speaker.close()


def test_speech_prints_nothing_without_a_player(
    espeak_ng: None, capfd: pytest.CaptureFixture[str]
) -> None:
    rendered = threading.Event()
    speaker = Pyttsx3Speaker(player=None, on_audio=lambda path: rendered.set())
    speaker.say(consent_screen(BLOCK))
    assert rendered.wait(10)
    speaker.close()
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    assert speaker.problem is None


def test_new_utterance_cuts_off_the_playing_one(
    espeak_ng: None, make_player: Callable[..., FakePlayer]
) -> None:
    # The player would play for a minute: any end seen within the wait was an interruption.
    player = make_player("slow", seconds=60)
    speaker = Pyttsx3Speaker(player=player.name, probe=False)
    try:
        speaker.say("Question 1 of 8. How was today?")
        player.wait_for(lambda: len(player.starts()) == 1)
        speaker.say("Question 2 of 8. Would you come again?")
        player.wait_for(lambda: len(player.ends()) == 1)
        assert player.ends()[0][2] == "terminated"
        player.wait_for(lambda: len(player.starts()) == 2)
        time.sleep(0.3)
        assert len(player.starts()) == 2
    finally:
        speaker.close()
    # Closing stops the second one too (a player may be told to stop more than once).
    player.wait_for(lambda: {end[1] for end in player.ends()} == {s[1] for s in player.starts()})
    assert {line[2] for line in player.ends()} == {"terminated"}


def test_burst_of_utterances_plays_only_what_is_current(
    espeak_ng: None, make_player: Callable[..., FakePlayer]
) -> None:
    player = make_player("slow", seconds=5)
    speaker = Pyttsx3Speaker(player=player.name, probe=False)
    try:
        for number in range(1, 9):
            speaker.say(f"Question {number} of 8.")
        player.wait_for(lambda: len(player.starts()) >= 1)
        time.sleep(0.5)
        # Only the last can still be playing; the ones overtaken never started.
        assert len(player.starts()) == 1
        assert player.ends() == []
    finally:
        speaker.close()


def test_stop_silences_and_nothing_more_plays(
    espeak_ng: None, make_player: Callable[..., FakePlayer]
) -> None:
    player = make_player("slow", seconds=60)
    speaker = Pyttsx3Speaker(player=player.name, probe=False)
    try:
        speaker.say("Take your time.")
        player.wait_for(lambda: len(player.starts()) == 1)
        speaker.stop()
        player.wait_for(lambda: len(player.ends()) == 1)
        assert player.ends()[0][2] == "terminated"
        time.sleep(0.3)
        assert len(player.starts()) == 1
    finally:
        speaker.close()


def test_player_that_fails_sets_no_sound_once_and_stays_quiet(
    espeak_ng: None, make_player: Callable[..., FakePlayer], capfd: pytest.CaptureFixture[str]
) -> None:
    player = make_player("failing")
    speaker = Pyttsx3Speaker(player=player.name)
    try:
        _wait(lambda: speaker.problem is not None)
        assert speaker.problem == SpeechProblem.NO_SOUND.value  # found by the probe
        speaker.say("Hello.")
        player.wait_for(lambda: len(player.ends()) == 2)
    finally:
        speaker.close()
    assert speaker.problem == SpeechProblem.NO_SOUND.value
    assert capfd.readouterr() == ("", "")


def test_real_aplay_either_plays_or_reports_no_sound_quietly(
    espeak_ng: None, capfd: pytest.CaptureFixture[str]
) -> None:
    speaker = Pyttsx3Speaker()  # the real aplay: CI has no sound card
    try:
        speaker.say("Hello.")
        time.sleep(1.0)
    finally:
        speaker.close()
    assert speaker.problem in (None, SpeechProblem.NO_SOUND.value)
    assert capfd.readouterr() == ("", "")


def test_missing_player_is_reported_at_once() -> None:
    speaker = Pyttsx3Speaker(player="no-such-player-here", probe=False)
    try:
        assert speaker.problem == SpeechProblem.NO_PLAYER.value
        speaker.say("Hello.")  # still fine to call
    finally:
        speaker.close()


def test_missing_speech_engine_is_reported_and_say_stays_harmless() -> None:
    def no_espeak() -> SpeechEngine:
        raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")

    speaker = Pyttsx3Speaker(player=None, renderer=SpeechRenderer(no_espeak))
    try:
        _wait(lambda: speaker.problem is not None)
        speaker.say("Hello.")  # harmless: nothing to render with, and no error
        speaker.stop()
    finally:
        speaker.close()
    assert speaker.problem == SpeechProblem.NO_ENGINE.value


class CountingEngine:
    """A speech engine that writes a moment of silence for each text and keeps the texts."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def render(self, text: str, path: Path, rate: int, voice: str) -> bool:
        self.texts.append(text)
        write_silence(path)
        return True


def test_calls_after_close_do_nothing(make_player: Callable[..., FakePlayer]) -> None:
    engine = CountingEngine()
    player = make_player("slow", seconds=60)
    speaker = Pyttsx3Speaker(
        player=player.name, probe=False, renderer=SpeechRenderer(lambda: engine)
    )
    speaker.say("Before closing.")
    player.wait_for(lambda: len(player.starts()) == 1)
    speaker.close()
    player.wait_for(lambda: len(player.ends()) == 1)  # closing cut off what was playing

    speaker.say("Hello.")
    speaker.stop()
    speaker.close()

    assert not speaker._thread.is_alive(), "the speech thread is still running"
    waiting = []
    while not speaker._jobs.empty():
        waiting.append(speaker._jobs.get_nowait())
    assert all(job is None for job in waiting), f"queued after close: {waiting}"
    assert engine.texts == ["Before closing."], "the engine was asked to speak after close"
    assert len(player.starts()) == 1, "something played after close"
    assert speaker.problem is None


@pytest.mark.parametrize(
    ("asked", "kept"),
    [
        (SLOWER_RATE, SLOWER_RATE),
        (DEFAULT_RATE, DEFAULT_RATE),
        (FASTER_RATE, FASTER_RATE),
        (MIN_RATE, MIN_RATE),
        (MAX_RATE, MAX_RATE),
        (MIN_RATE - 1, MIN_RATE),
        (10, MIN_RATE),
        (-5, MIN_RATE),
        (MAX_RATE + 1, MAX_RATE),
        (1000, MAX_RATE),
    ],
)
def test_rate_is_kept_within_what_the_engine_can_do(asked: int, kept: int) -> None:
    # clamp_rate is what both Pyttsx3Speaker and RecordingSpeaker use in set_rate.
    assert clamp_rate(asked) == kept
    speaker = RecordingSpeaker()
    speaker.set_rate(asked)
    assert speaker.rate == kept


def test_every_speaker_fits_the_port() -> None:
    real = Pyttsx3Speaker(player=None, probe=False)
    try:
        for speaker in (NullSpeaker(), RecordingSpeaker(), real):
            assert isinstance(speaker, Speaker)
    finally:
        real.close()


def test_recording_speaker_keeps_what_was_said_in_order() -> None:
    speaker = RecordingSpeaker()
    speaker.say("One.")
    speaker.stop()
    speaker.say("Two.")
    speaker.close()
    speaker.say("Three.")
    assert (speaker.said, speaker.stops, speaker.last) == (["One.", "Two."], 1, "Two.")
