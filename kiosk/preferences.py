"""How one person would like to take part. Kept for their visit only, never stored."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TextSize(StrEnum):
    """The three text sizes."""

    STANDARD = "standard"
    LARGE = "large"
    LARGEST = "largest"


class Colours(StrEnum):
    """The colour schemes."""

    STANDARD = "standard"
    HIGH_CONTRAST = "high-contrast"
    LOW_LIGHT = "low-light"


TEXT_SIZE_WORDS = {
    TextSize.STANDARD: "Standard",
    TextSize.LARGE: "Large",
    TextSize.LARGEST: "Largest",
}
COLOUR_WORDS = {
    Colours.STANDARD: "Standard",
    Colours.HIGH_CONTRAST: "High contrast",
    Colours.LOW_LIGHT: "Low light",
}

TEXT_SIZE_CLASSES = {size: f"-text-{size.value}" for size in TextSize}
"""App CSS classes for the text sizes (``kiosk.tcss`` styles them)."""

THEMES = {
    Colours.STANDARD: "kiosk-calm",
    Colours.HIGH_CONTRAST: "kiosk-high-contrast",
    Colours.LOW_LIGHT: "kiosk-low-light",
}
"""The Textual theme for each colour scheme (see ``kiosk.themes``)."""


@dataclass(frozen=True, slots=True)
class Preferences:
    """Text size, read aloud, and colours for one visit."""

    text_size: TextSize = TextSize.STANDARD
    read_aloud: bool = False
    colours: Colours = Colours.STANDARD

    @property
    def css_class(self) -> str:
        """The App class for the text size."""
        return TEXT_SIZE_CLASSES[self.text_size]

    @property
    def theme(self) -> str:
        """The Textual theme name for the colours."""
        return THEMES[self.colours]
