"""Short typed codes and unguessable tokens.

A typed code is 6 characters of Crockford base32 (the receipt alphabet: no I, L, O
or U), so 30 bits from ``secrets``. That is enough for a one-time link that lasts
15 minutes behind a rate limit. People may type it in any case, with spaces or
dashes, and with O for 0 or I/L for 1.
"""

from __future__ import annotations

import secrets
from typing import Protocol

from surveys.receipts import ALPHABET, fold_code

CODE_LENGTH = 6
"""Characters in a typed code."""


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

    Read as a receipt code is (``surveys.receipts.fold_code``): full-width characters
    are folded, case is ignored, and O, I and L are read as 0, 1 and 1. Only spaces,
    tabs and dashes are dropped, so text with other marks (``<script>``) is never
    read as a code.
    """
    if len(typed) > 64:
        return None
    return fold_code(typed, CODE_LENGTH, separators=" -\t")


def display_code(code: str) -> str:
    """A code as shown for typing: two groups of three, ``7K3 QDM``."""
    return f"{code[:3]} {code[3:]}"


def spoken_code(code: str) -> str:
    """A code as a screen reader should say it: one character at a time."""
    return " ".join(code)
