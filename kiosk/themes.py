"""The kiosk's colour themes: calm (standard), high contrast and low light.

Colours live here as theme variables, never in Python styling; screens and widgets
use ``$primary``, ``$foreground`` and friends in their CSS.
"""

from __future__ import annotations

from textual.theme import Theme

CALM = Theme(
    name="kiosk-calm",
    primary="#5B8DEF",
    secondary="#7FB7A4",
    accent="#F2C46D",
    foreground="#F1F3F5",
    background="#1B2330",
    surface="#243044",
    panel="#2E3B52",
    success="#7FB7A4",
    warning="#F2C46D",
    error="#E8A0A0",
    dark=True,
)

HIGH_CONTRAST = Theme(
    name="kiosk-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF00",
    warning="#FFFF00",
    error="#FFFF00",
    dark=True,
    variables={"button-color-foreground": "#000000", "border": "#FFFFFF"},
)

LOW_LIGHT = Theme(
    name="kiosk-low-light",
    primary="#B08A5A",
    secondary="#8A9A7A",
    accent="#C9A36B",
    foreground="#D8CBB5",
    background="#121010",
    surface="#1C1816",
    panel="#26201C",
    success="#8A9A7A",
    warning="#C9A36B",
    error="#C99A8A",
    dark=True,
)

THEMES = (CALM, HIGH_CONTRAST, LOW_LIGHT)
