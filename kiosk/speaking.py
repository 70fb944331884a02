"""The speech port as the kiosk sees it: anything that can say a text and stop.

The real offline speaker (pyttsx3 with espeak-ng) lives in ``accessibility`` and
arrives through ``KioskServices.speaker``; until then, and in tests, these stand in.
``say`` must never block the screen.
"""

from __future__ import annotations

from typing import Protocol


class Speaker(Protocol):
    """Reads text aloud without blocking; a new ``say`` interrupts the last one."""

    def say(self, text: str) -> None:
        """Start reading ``text`` aloud, stopping anything already being read."""
        ...

    def stop(self) -> None:
        """Stop reading aloud now."""
        ...


class NullSpeaker:
    """Says nothing: for machines without speech."""

    def say(self, text: str) -> None:
        """Do nothing."""

    def stop(self) -> None:
        """Do nothing."""


class RecordingSpeaker:
    """Remembers what it was asked to say (for tests)."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.stops = 0

    def say(self, text: str) -> None:
        """Remember the text."""
        self.said.append(text)

    def stop(self) -> None:
        """Count the stop."""
        self.stops += 1
