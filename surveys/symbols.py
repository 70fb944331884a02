"""Symbols beside choices: the pictures an Easy Read survey may put next to an option.

An option's ``symbol:`` is one emoji ("🍵") or a picture name from the small set
below ("thumbs-up"). Names are plain English so an author can write them without
an emoji keyboard. The picture is decoration: the option's words carry the meaning,
so read-aloud and screen readers say the words only.

Only pictures a terminal draws two cells wide, whatever its font, are allowed (one
character, East Asian width "W"): a picture drawn narrower or wider than the kiosk
expects would push the words out of line on a small screen.
"""

from __future__ import annotations

import unicodedata

PICTURES: dict[str, str] = {
    "thumbs-up": "👍",
    "thumbs-down": "👎",
    "happy": "🙂",
    "sad": "🙁",
    "not-sure": "🤔",
    "yes": "✅",
    "no": "❌",
    "question": "❓",
    "stop": "🛑",
    "tea": "🍵",
    "coffee": "☕",
    "water": "💧",
    "food": "🍎",
    "home": "🏠",
    "people": "👥",
    "person": "👤",
    "talk": "💬",
    "phone": "📱",
    "doctor": "🩺",
    "medicine": "💊",
    "bed": "🛌",
    "sleep": "😴",
    "walk": "🚶",
    "bus": "🚌",
    "car": "🚗",
    "money": "💷",
    "clock": "🕒",
    "calendar": "📅",
    "book": "📖",
    "pencil": "📝",
    "computer": "💻",
    "sound": "🔊",
    "eye": "👀",
    "big-text": "🔍",
    "colours": "🎨",
    "star": "⭐",
    "heart": "💙",
    "sun": "🌞",
    "umbrella": "☔",
    "tree": "🌳",
    "music": "🎵",
    "other": "➕",
}
"""Every built-in picture by its plain-English name."""

_EMOJI_PRESENTATION = "\ufe0f"


def picture(written: str) -> str | None:
    """The picture for what an author wrote as a ``symbol:``: a built-in name or one
    emoji. None when it is neither (the reader then says which names there are)."""
    text = written.strip()
    if text.lower() in PICTURES:
        return PICTURES[text.lower()]
    return text.removesuffix(_EMOJI_PRESENTATION) if is_one_picture(text) else None


def is_one_picture(text: str) -> bool:
    """True for one emoji that every terminal draws two cells wide."""
    text = text.removesuffix(_EMOJI_PRESENTATION)
    return (
        len(text) == 1
        and unicodedata.category(text) == "So"
        and unicodedata.east_asian_width(text) == "W"
    )
