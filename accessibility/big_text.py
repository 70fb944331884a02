"""Words drawn in big glyphs for the largest text size.

A terminal can't change its font size, so at the largest size the kiosk draws
headings and choices with a bold 6×10 pixel font, two pixel rows to a cell row with
the half-block characters "▀", "▄" and "█" (which every terminal font has). Each
character is 6 cells wide and each line of words 5 rows tall, so a 60-column screen
holds 10 characters a line. Words wrap whole; a word too long for a line is broken
after a hyphen if it has one, otherwise split.

Characters the font lacks are first simplified (curly quotes to straight, dashes to
"-", "é" to "e"); anything still missing is drawn as "?". ``drawable`` tells the
kiosk when to show plain text instead (emoji, other scripts).
"""

from __future__ import annotations

import textwrap
import unicodedata

from accessibility._clean_bold_font import GLYPHS, HEIGHT, WIDTH

ROWS_PER_LINE = (HEIGHT + 1) // 2
"""Terminal rows taken by one line of big text."""
CELLS_PER_CHARACTER = WIDTH

_HALF_BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
_SIMPLER = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": ",",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "…": "...",
        "•": "*",
        "×": "x",
        "\u00a0": " ",
        "\t": " ",
    }
)
_BITS: dict[str, tuple[int, ...]] = {
    char: tuple(int(row, 16) for row in rows.split()) for char, rows in GLYPHS.items()
}


def simplify(text: str) -> str:
    """Text with typographic marks and accents turned into characters the font has."""
    text = text.translate(_SIMPLER)
    out = []
    for char in text:
        if char in _BITS or char == "\n":
            out.append(char)
            continue
        base = "".join(
            part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part)
        )
        out.append(base if base and all(part in _BITS for part in base) else char)
    return "".join(out)


def drawable(text: str) -> bool:
    """True when every character can be drawn (after ``simplify``) without a "?"."""
    return all(char in _BITS or char == "\n" for char in simplify(text))


def characters_per_line(width: int) -> int:
    """How many big characters fit in ``width`` cells."""
    return width // CELLS_PER_CHARACTER


def _draw_line(line: str) -> list[str]:
    glyphs = [_BITS.get(char, _BITS["?"]) for char in line]
    rows = []
    for top in range(0, HEIGHT, 2):
        cells = []
        for bits in glyphs:
            upper = bits[top]
            lower = bits[top + 1] if top + 1 < HEIGHT else 0
            for column in range(WIDTH - 1, -1, -1):
                mask = 1 << column
                cells.append(_HALF_BLOCKS[(bool(upper & mask), bool(lower & mask))])
        rows.append("".join(cells).rstrip())
    return rows


def wrap(text: str, width: int) -> list[str]:
    """The lines of (simplified) characters that ``big_text`` draws, one per line."""
    limit = characters_per_line(width)
    if limit < 1:
        raise ValueError(f"{width} columns is too narrow for big text (needs {WIDTH})")
    lines: list[str] = []
    for paragraph in simplify(text).split("\n"):
        lines += textwrap.wrap(
            paragraph, width=limit, break_long_words=True, break_on_hyphens=True
        ) or ([""] if lines else [])
    while lines and not lines[-1]:
        lines.pop()
    return lines


def big_text(text: str, width: int = 60) -> list[str]:
    """``text`` drawn in big glyphs, wrapped by words to at most ``width`` cells.

    Returns the terminal lines, ``ROWS_PER_LINE`` for each line of words, with no
    trailing spaces. Raises ValueError when ``width`` is under one character (6).
    """
    rows: list[str] = []
    for line in wrap(text, width):
        rows += _draw_line(line) if line else [""] * ROWS_PER_LINE
    return rows
