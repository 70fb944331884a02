"""Choosing Cymraeg switches read-aloud to the Welsh voice: real espeak-ng renders
the welcome screen, read in Welsh, as a Welsh WAV."""

from __future__ import annotations

import ctypes
import threading
import wave
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from accessibility.pyttsx3_speaker import Pyttsx3Speaker
from surveys.catalogues import use_language
from tests.support.kiosk import Kiosk, press, settle, tap

pytestmark = pytest.mark.slow

KioskMaker = Callable[..., Kiosk]


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    use_language("en")


class Heard:
    """The WAVs a real speaker rendered, as frames."""

    def __init__(self) -> None:
        self.frames: list[bytes] = []
        self.done = threading.Event()

    def keep(self, path: Path) -> None:
        with wave.open(str(path), "rb") as audio:
            self.frames.append(audio.readframes(audio.getnframes()))
        self.done.set()


def _render(voice: str, text: str) -> bytes:
    heard = Heard()
    speaker = Pyttsx3Speaker(player=None, probe=False, on_audio=heard.keep)
    try:
        speaker.set_voice(voice)
        speaker.say(text)
        assert heard.done.wait(15)
    finally:
        speaker.close()
    return heard.frames[0]


async def test_the_welcome_screen_is_read_in_the_welsh_voice(make_kiosk: KioskMaker) -> None:
    try:
        ctypes.CDLL("libespeak-ng.so.1")
    except OSError:
        pytest.fail("Real speech tests need espeak-ng: sudo apt install espeak-ng")
    heard = Heard()
    speaker = Pyttsx3Speaker(player=None, probe=False, on_audio=heard.keep)
    kiosk = make_kiosk("languages", speaker=speaker)
    try:
        async with kiosk.app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await tap(pilot, "#language-cy")
            words = kiosk.app.screen.narration()
            assert "Holi cyflym" in words
            await press(pilot, "f2")  # Read aloud
            assert heard.done.wait(15), "nothing was read aloud"
    finally:
        speaker.close()
    [spoken] = heard.frames
    assert len(spoken) > 22050 * 2  # more than half a second of speech
    welsh = _render("cy", words)
    # The same voice renders the same words to (nearly) the same length: the kiosk's
    # WAV is the Welsh voice reading the Welsh screen. (The English voice can read
    # these words to about the same length, so the voice itself is checked too.)
    assert abs(len(spoken) - len(welsh)) < 0.02 * len(welsh), (len(spoken), len(welsh))
    assert speaker._voice == "cy"
