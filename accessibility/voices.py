"""Which read-aloud voices this device has, checked when the kiosk starts.

Each language a survey offers is read aloud with its own espeak-ng voice
(``surveys.languages``: Welsh with ``cy``, Polish with ``pl``). A device may lack a
voice (a trimmed espeak-ng install); the kiosk then says so plainly at start, and
reads nothing aloud in that language rather than reading Welsh words with an
English voice.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable

from surveys.languages import language


def has_voice(voice: str) -> bool | None:
    """True when espeak-ng has ``voice``; None when espeak-ng can't be asked."""
    program = shutil.which("espeak-ng")
    if program is None:
        return None
    try:
        listed = subprocess.run(
            [program, f"--voices={voice}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    rows = [line.split() for line in listed.stdout.splitlines()[1:] if line.strip()]
    return any(len(row) > 1 and row[1].lower() == voice.lower() for row in rows)


def missing_voices(codes: Iterable[str]) -> list[str]:
    """The language codes (of those given) whose voice this device lacks, in order.

    When espeak-ng itself can't be found every language is left out of the answer:
    read-aloud then reports its own plain problem (``SpeechProblem.NO_ENGINE``)."""
    missing = []
    for code in codes:
        known = language(code)
        if known is not None and has_voice(known.voice) is False:
            missing.append(code)
    return missing


def missing_voice_note(codes: Iterable[str]) -> str:
    """The plain note for the person setting up, or "" when every voice is here."""
    names = [language(code) for code in missing_voices(codes)]
    listed = [f"{n.english_name} ({n.own_name})" for n in names if n is not None]
    if not listed:
        return ""
    which = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    return (
        f"Read aloud has no voice for {which} on this device, so it will stay quiet "
        "in that language. Everything is still shown on screen. To add the voice, "
        "install the full espeak-ng (sudo apt install espeak-ng)."
    )
