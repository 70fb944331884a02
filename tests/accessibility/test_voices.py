"""Each language is read aloud with its own espeak-ng voice: real espeak-ng renders
Welsh and Polish WAVs, a missing voice renders nothing (never Welsh words in an
English voice), and the start-up check names a missing voice plainly."""

from __future__ import annotations

import hashlib
import threading
import wave
from pathlib import Path

import pytest

from accessibility.pyttsx3_speaker import Pyttsx3Speaker
from accessibility.voices import has_voice, missing_voice_note, missing_voices
from surveys.languages import LANGUAGES

pytestmark = pytest.mark.slow

WORDS = "Diolch am ein helpu heddiw. Dziękujemy za pomoc."


def _render(voice: str, text: str = WORDS) -> list[bytes]:
    """What the real speaker renders for ``text`` with ``voice`` (empty when nothing)."""
    made: list[bytes] = []
    done = threading.Event()

    def keep(path: Path) -> None:
        with wave.open(str(path), "rb") as audio:
            assert audio.getframerate() == 22050
            made.append(audio.readframes(audio.getnframes()))
        done.set()

    speaker = Pyttsx3Speaker(player=None, probe=False, on_audio=keep)
    try:
        speaker.set_voice(voice)
        speaker.say(text)
        done.wait(10)
    finally:
        speaker.close()
    return made


def _digest(frames: bytes) -> str:
    return hashlib.sha256(frames).hexdigest()


@pytest.mark.parametrize("code", ["cy", "pl"])
def test_welsh_and_polish_render_with_their_own_voice(espeak_ng: None, code: str) -> None:
    voice = LANGUAGES[code].voice
    own = _render(voice)
    english = _render(LANGUAGES["en"].voice)
    assert len(own) == 1
    assert any(own[0][i] for i in range(0, len(own[0]), 97)), "the audio is silent"
    assert len(own[0]) > 22050  # more than half a second of speech
    assert _digest(own[0]) != _digest(english[0])
    # Numbers are said in the language's own words: "un deg un, un deg dau…" in
    # Welsh, "jedenaście, dwanaście…" in Polish take clearly longer than in English,
    # while the same voice twice takes the same time (espeak-ng varies by under 1%).
    numbers = " ".join(str(n) for n in range(11, 31))
    in_english = len(_render(LANGUAGES["en"].voice, numbers)[0])
    in_own = [len(_render(voice, numbers)[0]) for _ in range(2)]
    assert min(in_own) > 1.05 * in_english, (in_own, in_english)
    assert abs(in_own[0] - in_own[1]) < 0.02 * in_own[0]


def test_a_voice_the_device_lacks_reads_nothing(espeak_ng: None) -> None:
    assert _render("zz-none") == []
    # ... and the next utterance in a real voice still plays.
    assert len(_render(LANGUAGES["cy"].voice)) == 1


def test_the_start_up_check_names_a_missing_voice_plainly(espeak_ng: None) -> None:
    assert has_voice("cy") is True
    assert missing_voices(["en", "cy", "pl", "ur"]) == []
    assert missing_voice_note(["cy", "pl"]) == ""


def test_the_note_for_a_missing_voice_is_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    import accessibility.voices as voices

    monkeypatch.setattr(voices, "has_voice", lambda voice: voice != "cy")
    note = missing_voice_note(["en", "cy"])
    assert note.startswith("Read aloud has no voice for Welsh (Cymraeg) on this device")
    assert "Everything is still shown on screen" in note
    monkeypatch.setattr(voices, "has_voice", lambda voice: None)  # no espeak-ng at all
    assert missing_voice_note(["cy"]) == ""
