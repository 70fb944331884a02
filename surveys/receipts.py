"""Receipt codes: what a participant keeps so they can withdraw their answers later.

A code is 10 characters of Crockford base32 (no I, L, O or U, so nothing looks like
something else), 50 bits from ``secrets``. It is shown in two groups of five for
reading aloud. Only its SHA-256 is ever stored, never the code.

``fold_code`` is the one reading of a typed code, shared with the short codes a
phone types to join (``kiosk.web.codes``): the same look-alikes, the same folding.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: 32 symbols, so each character carries 5 bits."""
LENGTH = 10
GROUP = 5
BITS = 50

_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh random receipt code, grouped for reading: ``7K3QD-M9XTA``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return group(raw)


def group(raw: str) -> str:
    """Split a code into groups of five with a dash."""
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def fold_code(typed: str, length: int, *, separators: str | None = None) -> str | None:
    """The characters of a code as a person typed it, or None when it can't be a code.

    Full-width characters are folded, case is ignored, and O, I and L are read as 0, 1
    and 1 (they are not in ``ALPHABET``, so nobody means them). ``separators`` are the
    characters dropped, such as spaces and dashes; ``None`` drops every character that
    is not a letter or a number. What is left must be ``length`` characters of
    ``ALPHABET``; it is returned without separators.
    """
    folded = unicodedata.normalize("NFKC", typed).upper()
    if separators is None:
        kept = "".join(ch for ch in folded if ch.isalnum())
    else:
        kept = "".join(ch for ch in folded if ch not in separators)
    cleaned = kept.translate(_LOOK_ALIKES)
    if len(cleaned) != length or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def normalise(typed: str) -> str | None:
    """The canonical code from what a person typed (any case, spaces, dashes or other
    marks between characters, O for 0, I or L for 1, full-width characters), grouped
    as it is shown, or None when it can't be a code."""
    cleaned = fold_code(typed, LENGTH)
    return None if cleaned is None else group(cleaned)


def code_hash(code: str) -> str:
    """SHA-256 (hex) of the canonical code; the only form that is stored."""
    canonical = normalise(code)
    if canonical is None:
        raise ValueError("not a receipt code")
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def spoken(code: str) -> str:
    """The code as it is read aloud: each character separately, a pause between groups."""
    return ". ".join(" ".join(part) for part in code.split("-"))
