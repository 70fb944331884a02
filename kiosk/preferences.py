"""How one person would like to take part. Kept for their visit only, never stored.

Text size, read aloud, reading speed and colours. The sizes and colours are the
accessibility layer's own (``accessibility.themes``): a size is an App CSS class,
a colour scheme a registered Textual theme (``kiosk.textual_themes``), and the speed a
speaking rate for the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from accessibility.speech import DEFAULT_RATE, FASTER_RATE, SLOWER_RATE
from accessibility.themes import TEXT_SIZES
from accessibility.themes import THEMES as ACCESSIBLE_THEMES
from accessibility.themes import TextSizeName as TextSize
from accessibility.themes import ThemeName as Colours
from kiosk.speaking import Speaker
from kiosk.textual_themes import THEME_NAMES
from surveys.catalogues import N_


class Speed(StrEnum):
    """How fast read-aloud speaks."""

    SLOWER = "slower"
    NORMAL = "normal"
    FASTER = "faster"


SPEED_RATES = {Speed.SLOWER: SLOWER_RATE, Speed.NORMAL: DEFAULT_RATE, Speed.FASTER: FASTER_RATE}
"""Words per minute for each speed."""

TEXT_SIZE_WORDS = {size: TEXT_SIZES[size].label for size in TextSize}
COLOUR_WORDS = {colours: ACCESSIBLE_THEMES[colours].label for colours in Colours}
SPEED_WORDS = {Speed.SLOWER: N_("Slower"), Speed.NORMAL: N_("Normal"), Speed.FASTER: N_("Faster")}
"""The reading speeds' names (catalogue messages: shown with ``_()``)."""

TEXT_SIZE_CLASSES = {size: TEXT_SIZES[size].css_class for size in TextSize}
"""App CSS classes for the text sizes (``kiosk.tcss`` styles them)."""
LARGEST_CLASS = TEXT_SIZE_CLASSES[TextSize.LARGEST]
"""The App class that turns on big glyphs (``kiosk.widgets.big_label``)."""


@dataclass(frozen=True, slots=True)
class Preferences:
    """Text size, read aloud, reading speed and colours for one visit."""

    text_size: TextSize = TextSize.STANDARD
    read_aloud: bool = False
    colours: Colours = Colours.STANDARD
    speed: Speed = Speed.NORMAL

    @property
    def css_class(self) -> str:
        """The App class for the text size."""
        return TEXT_SIZE_CLASSES[self.text_size]

    @property
    def theme(self) -> str:
        """The Textual theme name for the colours."""
        return THEME_NAMES[self.colours]

    @property
    def rate(self) -> int:
        """The speaking rate, in words per minute."""
        return SPEED_RATES[self.speed]


def aids_in(preferences: Preferences) -> set[str]:
    """The aids these choices use (``surveys.session.AIDS``), for the impact counts."""
    from surveys.session import LARGE_TEXT, READ_ALOUD  # noqa: PLC0415 — see kiosk.startup

    used = set()
    if preferences.read_aloud:
        used.add(READ_ALOUD)
    if preferences.text_size is not TextSize.STANDARD:
        used.add(LARGE_TEXT)
    return used


class _Styled(Protocol):
    """What ``show_preferences`` needs of an App."""

    theme: str

    def set_class(self, add: bool, *class_names: str, update: bool = True) -> object: ...


def show_preferences(app: _Styled, speaker: Speaker, preferences: Preferences) -> None:
    """Apply ``preferences`` at once: the size class, the theme and the speaking rate."""
    for name in TEXT_SIZE_CLASSES.values():
        app.set_class(name == preferences.css_class, name)
    app.theme = preferences.theme
    speaker.set_rate(preferences.rate)


__all__ = [
    "COLOUR_WORDS",
    "LARGEST_CLASS",
    "SPEED_WORDS",
    "TEXT_SIZE_CLASSES",
    "TEXT_SIZE_WORDS",
    "Colours",
    "Preferences",
    "Speed",
    "TextSize",
    "show_preferences",
]
