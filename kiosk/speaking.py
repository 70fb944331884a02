"""The speech port as the kiosk sees it, and the factory that builds the real speaker.

``Speaker``, ``NullSpeaker`` and ``RecordingSpeaker`` are the accessibility layer's
(``accessibility.speech``): ``say`` never blocks and interrupts what is playing,
``stop`` silences, ``set_rate`` changes the speed, ``problem`` says why speech can't
work on this device. ``make_speaker`` builds the offline speaker (pyttsx3 with
espeak-ng, played by ``aplay``); ``SpeakerOnFirstUse`` builds it just after the
kiosk's first screen is drawn. When it can't work, ``problem`` says why (the kiosk
logs it and tells participants ``SPEECH_UNAVAILABLE``) and the kiosk carries on
without speech.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from accessibility.speech import (
    DEFAULT_RATE,
    NullSpeaker,
    RecordingSpeaker,
    Speaker,
    SpeechProblem,
)

SPEECH_SWITCH = "KIOSK_SPEECH"
"""Set to "off" to build no speaker at all (test runs, or a kiosk that must stay silent)."""


def speech_switched_off() -> bool:
    """True when ``KIOSK_SPEECH`` turns read-aloud off for this kiosk (then it is not
    offered anywhere: no Read aloud button, key or choice)."""
    return os.environ.get(SPEECH_SWITCH, "").strip().lower() in ("off", "0", "no")


def make_speaker(
    *,
    player: str | None = "aplay",
    rate: int = DEFAULT_RATE,
) -> Speaker:
    """The kiosk's speaker: ``Pyttsx3Speaker``, or a silent one that says why not.

    Never raises and never waits for the speech engine: the engine starts on its own
    thread, and a missing player, engine or sound card shows up in ``problem``.
    """
    if speech_switched_off():
        return NullSpeaker()
    try:
        from accessibility.pyttsx3_speaker import Pyttsx3Speaker  # noqa: PLC0415 — speech loads only when used

        return Pyttsx3Speaker(player=player, rate=rate, probe=True)
    except Exception:  # the kiosk runs without speech rather than not at all
        return NullSpeaker(problem=SpeechProblem.NO_ENGINE.value)


class SpeakerOnFirstUse:
    """Builds the real speaker the first time the kiosk uses it, then passes every call on.

    ``build_services`` makes one of these, so services built only to read or write
    data (exports, tests, tools) never start a speech thread; the kiosk App warms it
    as soon as its first screen is drawn (not before, so starting the speech engine
    never delays that screen), and a missing sound card is found at start-up. After
    ``close`` it never starts.
    """

    def __init__(self, build: Callable[[], Speaker] | None = None) -> None:
        self._build = build or make_speaker
        self._speaker: Speaker | None = None
        self._closed = False
        self._rate: int | None = None
        self._voice: str | None = None

    @property
    def started(self) -> bool:
        """True once the real speaker has been built."""
        return self._speaker is not None

    def _real(self) -> Speaker:
        if self._speaker is None:
            self._speaker = NullSpeaker() if self._closed else self._build()
            if self._rate is not None:
                self._speaker.set_rate(self._rate)
            if self._voice is not None:
                self._speaker.set_voice(self._voice)
        return self._speaker

    def warm(self) -> None:
        """Build the real speaker now, so the first reading starts without delay."""
        self._real()

    @property
    def problem(self) -> str | None:
        """Why speech can't work on this device (for the log), else None."""
        return self._real().problem

    def say(self, text: str) -> None:
        """Start reading ``text`` aloud, cutting off whatever is playing."""
        self._real().say(text)

    def stop(self) -> None:
        """Stop reading aloud now (nothing to stop before the first use)."""
        if self._speaker is not None:
            self._speaker.stop()

    def set_rate(self, words_per_minute: int) -> None:
        """Speak faster or slower from the next ``say`` on (kept until the speaker starts)."""
        self._rate = words_per_minute
        if self._speaker is not None:
            self._speaker.set_rate(words_per_minute)

    def set_voice(self, voice: str) -> None:
        """Speak with this voice from the next ``say`` on (kept until the speaker starts)."""
        self._voice = voice
        if self._speaker is not None:
            self._speaker.set_voice(voice)

    def close(self) -> None:
        """Stop and release the real speaker, if it was built; it never starts after this."""
        self._closed = True
        if self._speaker is not None:
            self._speaker.close()


def close_speaker(speaker: Speaker) -> None:
    """Stop and release a speaker (its thread and private folder); never raises."""
    try:
        speaker.close()
    except Exception:  # closing is tidying up; it must not stop the kiosk closing
        return


__all__ = [
    "SPEECH_SWITCH",
    "NullSpeaker",
    "RecordingSpeaker",
    "Speaker",
    "SpeakerOnFirstUse",
    "close_speaker",
    "make_speaker",
]
