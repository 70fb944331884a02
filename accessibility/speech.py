"""The speech port: what the kiosk asks of anything that reads text aloud.

The kiosk calls ``say`` from its event handlers and never waits: a speaker plays in
the background, and a new ``say`` cuts off whatever is playing, so speech always
matches the screen. When speech cannot work on a device, ``problem`` says why (a
``SpeechProblem``, for the kiosk's log) and the speaker stays silent without fuss;
participants are told only ``SPEECH_UNAVAILABLE``, one plain sentence with a next step.

``Pyttsx3Speaker`` (in ``accessibility.pyttsx3_speaker``) is the real one.
``NullSpeaker`` is for read-aloud switched off, and ``RecordingSpeaker`` is for
tests of the screens, which assert on the words that would have been spoken.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, runtime_checkable

from surveys.catalogues import N_

SLOWER_RATE = 130
"""Words per minute for people who want more time to follow."""
DEFAULT_VOICE = "en"
"""espeak-ng's English voice (British English), used until a language is chosen."""
DEFAULT_RATE = 160
"""Words per minute: a little slower than espeak-ng's own 175, for this audience."""
FASTER_RATE = 190
"""Words per minute for people used to speech."""
MIN_RATE = 80
MAX_RATE = 300


SPEECH_UNAVAILABLE = N_(
    "Read aloud isn't working on this device today. "
    "You can still read the screen, or ask the person running the session."
)
"""What a participant is told, whatever the cause (``SpeechProblem``), when speech can't
work (a message in the ``aids`` catalogue: show it with ``_(SPEECH_UNAVAILABLE)``)."""


class SpeechProblem(StrEnum):
    """Why read-aloud can't work here, for the person who looks after the kiosk (its log)."""

    NO_ENGINE = "no speech engine was found (install espeak-ng)"
    NO_PLAYER = "no sound player was found (install alsa-utils for aplay)"
    NO_SOUND = "the sound player could not play (no sound card, speakers or headphones)"
    STOPPED_WORKING = "the speech engine stopped answering"


def clamp_rate(words_per_minute: int) -> int:
    """A speaking rate the engine can use, kept between ``MIN_RATE`` and ``MAX_RATE``."""
    return max(MIN_RATE, min(MAX_RATE, int(words_per_minute)))


@runtime_checkable
class Speaker(Protocol):
    """Reads text aloud in the background.

    ``say`` returns at once and interrupts anything playing; ``stop`` silences it;
    ``set_rate`` changes the speed of what is said next; ``close`` ends the speaker
    (later calls do nothing). ``problem`` is None while speech can work.
    """

    @property
    def problem(self) -> str | None:
        """Why speech can't work on this device (for the log), else None."""
        ...

    def say(self, text: str) -> None:
        """Start reading ``text`` aloud, cutting off whatever is playing."""
        ...

    def stop(self) -> None:
        """Stop reading aloud now."""
        ...

    def set_rate(self, words_per_minute: int) -> None:
        """Speak faster or slower from the next ``say`` on."""
        ...

    def set_voice(self, voice: str) -> None:
        """Speak with this espeak-ng voice (a language code such as "cy") from the
        next ``say`` on."""
        ...

    def close(self) -> None:
        """Stop and release the speaker; it stays silent afterwards."""
        ...


@dataclass
class NullSpeaker:
    """Says nothing: for read-aloud switched off, or a device without speech."""

    problem: str | None = None

    def say(self, text: str) -> None:
        """Do nothing."""

    def stop(self) -> None:
        """Do nothing."""

    def set_rate(self, words_per_minute: int) -> None:
        """Do nothing."""

    def set_voice(self, voice: str) -> None:
        """Do nothing."""

    def close(self) -> None:
        """Do nothing."""


@dataclass
class RecordingSpeaker:
    """Remembers what it was asked to say, for tests of the screens.

    ``problem`` can be set to check how the kiosk tells people read-aloud can't play.
    """

    problem: str | None = None
    said: list[str] = field(default_factory=list)
    stops: int = 0
    rate: int = DEFAULT_RATE
    voice: str = DEFAULT_VOICE
    closed: bool = False

    @property
    def last(self) -> str | None:
        """The most recent text, or None when nothing has been said."""
        return self.said[-1] if self.said else None

    def say(self, text: str) -> None:
        """Record ``text`` (a ``say`` also counts as a stop of what came before)."""
        if not self.closed:
            self.said.append(text)

    def stop(self) -> None:
        """Count the stop."""
        self.stops += 1

    def set_rate(self, words_per_minute: int) -> None:
        """Record the rate, clamped as the real speaker would."""
        self.rate = clamp_rate(words_per_minute)

    def set_voice(self, voice: str) -> None:
        """Record the voice."""
        self.voice = voice

    def close(self) -> None:
        """Remember that the speaker was closed."""
        self.closed = True
