"""WCAG 2.2 contrast, computed exactly as the standard defines it.

Relative luminance linearises each sRGB channel (``c / 12.92`` up to 0.04045,
``((c + 0.055) / 1.055) ** 2.4`` above) and weights them 0.2126, 0.7152, 0.0722.
The contrast ratio is ``(L1 + 0.05) / (L2 + 0.05)`` with L1 the lighter colour,
from 1:1 to 21:1. Success criterion 1.4.6 (AAA) asks for at least 7:1.
"""

from __future__ import annotations

import re

AAA_TEXT = 7.0
"""WCAG 2.2 SC 1.4.6 (Contrast, Enhanced): the least ratio for ordinary text."""

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """(red, green, blue) from "#RRGGBB" or "#RGB" (ValueError for anything else)."""
    match = _HEX.match(colour.strip())
    if match is None:
        raise ValueError(f"not a hex colour: {colour!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a hex colour: 0.0 for black, 1.0 for white."""
    red, green, blue = parse_hex(colour)
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two hex colours (order does not matter), 1.0 to 21.0."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
