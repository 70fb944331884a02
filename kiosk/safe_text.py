"""Survey and participant words shown exactly as written, never as commands.

Every string that comes from a survey file or from a participant reaches the screen
through ``safe_text``: a ``rich.text.Text`` (so ``[bold]`` is never read as markup),
with control characters such as ESC drawn as visible symbols (so an escape sequence
is never sent to the terminal). The stored answer keeps the original characters.
"""

from __future__ import annotations

from rich.text import Text

_PICTURES = {code: chr(0x2400 + code) for code in range(32)}
_PICTURES[0x7F] = "\u2421"  # ␡
_PICTURES.update(dict.fromkeys(range(0x80, 0xA0), "\ufffd"))
# Bidirectional overrides could reorder what is drawn; show them as a plain mark.
_PICTURES.update(dict.fromkeys((0x202A, 0x202B, 0x202C, 0x202D, 0x202E), "\ufffd"))
_PICTURES.update(dict.fromkeys((0x2066, 0x2067, 0x2068, 0x2069), "\ufffd"))

_KEEP_NEWLINES = {k: v for k, v in _PICTURES.items() if k != 0x0A}
_TABLE_LINES = str.maketrans({**_KEEP_NEWLINES, 0x09: " "})
_TABLE_ONE_LINE = str.maketrans({**_PICTURES, 0x0A: " ", 0x09: " "})
_TABLE_EDITOR = str.maketrans({k: v for k, v in _KEEP_NEWLINES.items() if k != 0x09})


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character replaced by a visible symbol."""
    return text.translate(_TABLE_ONE_LINE if one_line else _TABLE_LINES)


def visible_in_editor(text: str) -> str:
    """Like ``visible`` but keeps tabs, which the text editor lays out itself."""
    return text.translate(_TABLE_EDITOR)


def safe_text(text: str, style: str = "", *, one_line: bool = False) -> Text:
    """A ``Text`` that shows ``text`` literally: no markup, no escape codes."""
    return Text(visible(text, one_line=one_line), style=style)
