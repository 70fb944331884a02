"""How many of something, in words: "1 response", "3 responses", "0 polls".

The one plural helper for every message the kiosk, the console and the exports
print. It adds an "s" and nothing more, so it is for words whose plural is regular;
a message with an irregular word, or a verb that must agree ("1 decision is"), is
written out in full where it is said.
"""

from __future__ import annotations


def counted(number: int, word: str) -> str:
    """``number`` and ``word``, with an "s" unless the number is exactly 1."""
    return f"{number} {word}{'' if number == 1 else 's'}"
