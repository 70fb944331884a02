"""Which of the kiosk's own English messages are still on screen in another language.

``untranslated_on_screen(text)`` lists the messages from ``surveys/locale/kiosk.pot``
and ``aids.pot`` (the kiosk's screens, read-aloud, glossary and help) that appear on
the screen in English, word for word. A Welsh visit should show none: the survey's
own texts are the author's, and the kiosk's words come from the catalogues.
Messages with ``{placeholders}`` are matched by their longest fixed part.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "surveys" / "locale"
DOMAINS = ("kiosk", "aids")
SHORTEST = 4
"""Fixed parts shorter than this ("OK", "Yes") say too little to tell a language."""


@cache
def english_messages() -> tuple[str, ...]:
    """The fixed English words of every kiosk and aids message."""
    found: set[str] = set()
    for domain in DOMAINS:
        with (LOCALE / f"{domain}.pot").open("rb") as file:
            catalogue = read_po(file)
        for message in catalogue:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            for text in ids:
                parts = [p.strip() for p in re.split(r"\{[^}]*\}", str(text))]
                longest = max(parts, key=len, default="")
                if len(longest) >= SHORTEST:
                    found.add(longest)
    return tuple(sorted(found))


def untranslated_on_screen(text: str) -> list[str]:
    """The kiosk's English messages that appear in ``text`` (what a screen shows)."""
    flat = " ".join(text.split())
    return [
        message
        for message in english_messages()
        if re.search(rf"(?<!\w){re.escape(' '.join(message.split()))}(?!\w)", flat)
    ]
