"""Small WAV-file helpers for read-aloud: length, silence, and a private folder."""

from __future__ import annotations

import os
import tempfile
import wave
from pathlib import Path

SAMPLE_RATE = 22050
"""pyttsx3 asks espeak-ng for 22,050 Hz, mono, 16-bit audio."""
PROBE_SECONDS = 0.05
"""Length of the silence played to find out whether sound can play."""


def wav_seconds(path: Path) -> float:
    """How long a WAV file plays, or 0.0 when it is missing or not a WAV."""
    try:
        with wave.open(str(path), "rb") as audio:
            return audio.getnframes() / float(audio.getframerate() or 1)
    except (OSError, EOFError, wave.Error):
        return 0.0


def write_silence(path: Path, seconds: float = PROBE_SECONDS) -> None:
    """Write a short silent WAV (used to find out quietly whether sound can play)."""
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(SAMPLE_RATE)
        audio.writeframes(b"\0\0" * int(SAMPLE_RATE * seconds))


def private_folder(prefix: str = "kiosk-speech-") -> Path:
    """A new folder only this user can read, in memory-backed storage when there is one."""
    for candidate in (os.environ.get("XDG_RUNTIME_DIR"), "/dev/shm"):  # noqa: S108 (RAM, 0700 dir)
        if candidate and os.path.isdir(candidate) and os.access(candidate, os.W_OK):
            return Path(tempfile.mkdtemp(prefix=prefix, dir=candidate))
    return Path(tempfile.mkdtemp(prefix=prefix))
