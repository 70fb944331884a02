"""Bitmaps for ``big_text``: Schumacher Clean Bold 6x10 (clB6x10), printable ASCII.

Each glyph is 10 rows of 6 pixels, top row first; each row is a hex number whose
bit 5 is the leftmost pixel. Taken from the X11 font, via the FIGlet conversion
shipped with pyfiglet; "£" is added in the same style. The font's notice follows.

    Copyright 1989 Dale Schumacher, dal@syntel.mn.org
                   399 Beacon Ave.
                   St. Paul, MN  55104-3527

    Permission to use, copy, modify, and distribute this software and
    its documentation for any purpose and without fee is hereby
    granted, provided that the above copyright notice appear in all
    copies and that both that copyright notice and this permission
    notice appear in supporting documentation, and that the name of
    Dale Schumacher not be used in advertising or publicity pertaining to
    distribution of the software without specific, written prior
    permission.  Dale Schumacher makes no representations about the
    suitability of this software for any purpose.  It is provided "as
    is" without express or implied warranty.
"""

from __future__ import annotations

WIDTH = 6
HEIGHT = 10

GLYPHS: dict[str, str] = {
    " ": "00 00 00 00 00 00 00 00 00 00",
    "!": "0C 0C 0C 0C 0C 0C 00 0C 00 00",
    '"': "0A 0A 0A 00 00 00 00 00 00 00",
    "#": "00 0A 0A 1F 0A 1F 0A 0A 00 00",
    "$": "00 04 0F 14 0E 05 1E 04 00 00",
    "%": "00 18 19 02 04 08 13 03 00 00",
    "&": "00 0E 10 10 08 15 12 0D 00 00",
    "'": "06 04 08 00 00 00 00 00 00 00",
    "(": "03 06 06 0C 0C 0C 06 06 03 00",
    ")": "18 0C 0C 06 06 06 0C 0C 18 00",
    "*": "00 00 04 15 0E 15 04 00 00 00",
    "+": "00 00 04 04 1F 04 04 00 00 00",
    ",": "00 00 00 00 00 00 06 06 04 08",
    "-": "00 00 00 00 1F 00 00 00 00 00",
    ".": "00 00 00 00 00 00 06 06 00 00",
    "/": "01 01 02 02 04 04 08 08 10 10",
    "0": "0E 1B 1B 1B 1B 1B 1B 0E 00 00",
    "1": "06 0E 06 06 06 06 06 06 00 00",
    "2": "0E 1B 03 06 06 0C 0C 1F 00 00",
    "3": "0E 1B 03 06 03 03 1B 0E 00 00",
    "4": "03 07 07 0F 0B 1B 1F 03 00 00",
    "5": "1F 18 18 1E 03 03 1B 0E 00 00",
    "6": "06 0C 18 1E 1B 1B 1B 0E 00 00",
    "7": "1F 1B 03 03 06 06 0C 0C 00 00",
    "8": "0E 1B 1B 0E 1B 1B 1B 0E 00 00",
    "9": "0E 1B 1B 1B 0F 03 06 0C 00 00",
    ":": "00 00 06 06 00 00 06 06 00 00",
    ";": "00 00 06 06 00 00 06 06 04 08",
    "<": "00 00 03 0C 30 0C 03 00 00 00",
    "=": "00 00 00 1F 00 1F 00 00 00 00",
    ">": "00 00 30 0C 03 0C 30 00 00 00",
    "?": "1E 33 03 06 0C 0C 00 0C 00 00",
    "@": "00 1E 33 37 37 36 30 1E 00 00",
    "A": "00 04 0E 1B 1B 1F 1B 1B 00 00",
    "B": "00 1E 1B 1B 1E 1B 1B 1E 00 00",
    "C": "00 0E 1B 18 18 18 1B 0E 00 00",
    "D": "00 1E 1B 1B 1B 1B 1B 1E 00 00",
    "E": "00 1F 18 18 1E 18 18 1F 00 00",
    "F": "00 1F 18 18 1E 18 18 18 00 00",
    "G": "00 0E 1B 18 1F 1B 1B 0F 00 00",
    "H": "00 1B 1B 1B 1F 1B 1B 1B 00 00",
    "I": "00 1E 0C 0C 0C 0C 0C 1E 00 00",
    "J": "00 07 03 03 03 1B 1B 0E 00 00",
    "K": "00 1B 1B 1E 1C 1E 1B 1B 00 00",
    "L": "00 18 18 18 18 18 18 1F 00 00",
    "M": "00 11 1B 1F 1F 1F 1B 1B 00 00",
    "N": "00 13 1B 1F 1F 1F 1B 19 00 00",
    "O": "00 0E 1B 1B 1B 1B 1B 0E 00 00",
    "P": "00 1E 1B 1B 1E 18 18 18 00 00",
    "Q": "00 0E 1B 1B 1B 1B 1B 0E 03 00",
    "R": "00 1E 1B 1B 1E 1C 1E 1B 00 00",
    "S": "00 0E 1B 18 0E 03 1B 0E 00 00",
    "T": "00 3F 0C 0C 0C 0C 0C 0C 00 00",
    "U": "00 1B 1B 1B 1B 1B 1B 0E 00 00",
    "V": "00 1B 1B 1B 1B 1B 0E 04 00 00",
    "W": "00 1B 1B 1F 1F 1F 1B 11 00 00",
    "X": "00 1B 1B 1F 0E 1F 1B 1B 00 00",
    "Y": "00 1B 1B 1B 0E 0E 0E 0E 00 00",
    "Z": "00 1F 03 07 0E 1C 18 1F 00 00",
    "[": "0F 0C 0C 0C 0C 0C 0C 0C 0F 00",
    "\\": "10 10 08 08 04 04 02 02 01 01",
    "]": "1E 06 06 06 06 06 06 06 1E 00",
    "^": "0C 1A 31 00 00 00 00 00 00 00",
    "_": "00 00 00 00 00 00 00 00 3F 00",
    "`": "0C 04 02 00 00 00 00 00 00 00",
    "a": "00 00 00 0F 1B 1B 1B 0D 00 00",
    "b": "18 18 18 1E 1B 1B 1B 1E 00 00",
    "c": "00 00 00 0F 18 18 18 0F 00 00",
    "d": "03 03 03 0F 1B 1B 1B 0F 00 00",
    "e": "00 00 00 0E 1B 1F 18 0E 00 00",
    "f": "07 0C 0C 1E 0C 0C 0C 0C 08 00",
    "g": "00 00 00 0F 1B 1B 1B 0F 03 0E",
    "h": "18 18 18 1E 1B 1B 1B 1B 00 00",
    "i": "0C 0C 00 1C 0C 0C 0C 1E 00 00",
    "j": "06 06 00 0E 06 06 06 06 06 1C",
    "k": "18 18 18 1B 1E 1C 1E 1B 00 00",
    "l": "1C 0C 0C 0C 0C 0C 0C 1E 00 00",
    "m": "00 00 00 1A 1F 1F 1F 1B 00 00",
    "n": "00 00 00 16 1B 1B 1B 1B 00 00",
    "o": "00 00 00 0E 1B 1B 1B 0E 00 00",
    "p": "00 00 00 1E 1B 1B 1B 1E 18 18",
    "q": "00 00 00 0F 1B 1B 1B 0F 03 03",
    "r": "00 00 00 17 1C 18 18 18 00 00",
    "s": "00 00 00 0F 18 0E 03 1E 00 00",
    "t": "0C 0C 0C 1E 0C 0C 0C 06 00 00",
    "u": "00 00 00 1B 1B 1B 1B 0D 00 00",
    "v": "00 00 00 1B 1B 1B 0E 04 00 00",
    "w": "00 00 00 1B 1F 1F 1F 0A 00 00",
    "x": "00 00 00 1B 1B 0E 1B 1B 00 00",
    "y": "00 00 00 1B 1B 1B 1B 0F 03 0E",
    "z": "00 00 00 1F 07 0E 1C 1F 00 00",
    "{": "03 06 06 06 0C 06 06 06 03 00",
    "|": "04 04 04 04 04 04 04 04 04 00",
    "}": "18 0C 0C 0C 06 0C 0C 0C 18 00",
    "~": "00 08 15 02 00 00 00 00 00 00",
    "£": "00 0E 1B 18 3C 18 18 3F 00 00",  # drawn for the kiosk in the same style
}
