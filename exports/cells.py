"""Making text safe to put in a file someone will open.

* ``clean_text`` removes control characters (escape sequences, NULs) that break
  spreadsheets and HTML, keeping new lines and tabs.
* ``safe_cell`` stops a spreadsheet treating text as a formula: text starting with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (the
  OWASP advice for CSV injection). Numbers stay numbers.
"""

from __future__ import annotations

import re

from exports.records import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Text without control characters (new lines and tabs kept)."""
    return _CONTROL.sub("", text)


def audit_text(value: object, limit: int = 200) -> str:
    """A path or name short and plain enough for an audit detail (one line, ≤ limit)."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]


def safe_cell(value: Cell) -> Cell:
    """A value that a spreadsheet will show as it is, never run."""
    if value is None or isinstance(value, int):
        return value
    text = clean_text(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
