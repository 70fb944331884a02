"""Short typed codes and unguessable tokens.

A typed code is 6 characters of Crockford base32 (the receipt alphabet: no I, L, O
or U), so 30 bits from ``secrets``. That is enough for a one-time link that lasts
15 minutes behind a rate limit. People may type it in any case, with spaces or
dashes, and with O for 0 or I/L for 1.
"""

from __future__ import annotations

import secrets
import unicodedata
from typing import Protocol

from surveys.receipts import ALPHABET

CODE_LENGTH = 6
"""Characters in a typed code."""

_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


class TokenSource(Protocol):
    """Where typed codes and secret tokens come from (injected so tests can fix them)."""

    def code(self) -> str:
        """A fresh typed code: ``CODE_LENGTH`` characters from ``ALPHABET``."""
        ...

    def token(self) -> str:
        """A fresh secret for a cookie or a form: at least 256 bits, URL-safe."""
        ...


class SecretTokens:
    """The real source: everything comes from ``secrets``."""

    def code(self) -> str:
        """A random typed code."""
        return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))

    def token(self) -> str:
        """32 random bytes, URL-safe base64."""
        return secrets.token_urlsafe(32)


def normalise_code(typed: str) -> str | None:
    """The canonical code from what a person typed, or None when it can't be a code.

    Full-width characters are folded, case is ignored, spaces and dashes are
    dropped, and O, I and L are read as 0, 1 and 1.
    """
    if len(typed) > 64:
        return None
    folded = unicodedata.normalize("NFKC", typed).upper()
    cleaned = "".join(ch for ch in folded if ch not in " -\t").translate(_LOOK_ALIKES)
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def display_code(code: str) -> str:
    """A code as shown for typing: two groups of three, ``7K3 QDM``."""
    return f"{code[:3]} {code[3:]}"


def spoken_code(code: str) -> str:
    """A code as a screen reader should say it: one character at a time."""
    return " ".join(code)
