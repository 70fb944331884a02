"""Finding and cutting stored rows in the raw bytes of a damaged copy.

A damaged copy (``*.damaged-N``) can't be read as JSON, yet it may still hold a
withdrawn answer or a receipt hash. These helpers work on its bytes: they find a row
by pieces of it, cut it out, or blank every receipt hash, so that a withdrawal or
forgetting receipts reaches every copy on the device.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from surveys.storage import SealedResponse, SessionInfo
from surveys.storage.atomic import read_bytes, write_bytes_atomic

MARKER_CHUNK = 64
"""Length of the pieces of a sealed answer looked for in a damaged copy."""

_RECEIPT_FIELD = re.compile(rb'"receipt_hash"\s*:\s*"[^"]*"?')
_LONG_HEX = re.compile(rb"(?<![0-9a-f])[0-9a-f]{48,}(?![0-9a-f])")


def row_markers(row: dict[str, Any]) -> set[bytes]:
    """Pieces of a stored row that identify it, even in a copy cut short."""
    markers = set()
    receipt = row.get("receipt_hash")
    if isinstance(receipt, str) and receipt:
        markers.add(receipt.encode("utf-8"))
    sealed = row.get("sealed")
    if isinstance(sealed, str):
        for start in range(0, len(sealed), MARKER_CHUNK):
            piece = sealed[start : start + MARKER_CHUNK]
            if len(piece) >= MARKER_CHUNK // 2:
                markers.add(piece.encode("utf-8"))
    return markers


def cut_rows(data: bytes, markers: Iterable[bytes]) -> bytes:
    """Cut out of damaged bytes every row holding one of the markers.

    A row runs from its ``{`` to its ``}`` (stored rows hold no braces inside their
    values), or to the end of a file cut short; it is replaced with ``null``.
    """
    for marker in markers:
        while (at := data.find(marker)) != -1:
            start, end = row_span(data, at)
            data = data[:start] + b"null" + data[end:]
    return data


def row_span(data: bytes, at: int) -> tuple[int, int]:
    """Where the row holding offset ``at`` starts and ends in (possibly damaged) bytes."""
    start = max(data.rfind(b"{", 0, at), 0)
    end = data.find(b"}", at)
    return start, len(data) if end == -1 else end + 1


def parse_row(raw: bytes, session: SessionInfo) -> SealedResponse:
    """The stored response in a row cut from a damaged copy; what can't be read is blank."""
    try:
        return SealedResponse.from_json(json.loads(raw.decode("utf-8")))
    except ValueError:
        found = re.search(rb'"id"\s*:\s*"([A-Za-z0-9_-]{1,64})"', raw)
        survey = re.search(rb'"survey_id"\s*:\s*"([^"]{1,200})"', raw)
        return SealedResponse(
            id=found.group(1).decode() if found else "",
            survey_id=survey.group(1).decode("utf-8", "replace") if survey else "",
            survey_version="",
            session_id=session.id,
            session_date=session.date,
            channel="",
            receipt_hash=None,
            sealed="",
        )


def cut_receipts(data: bytes) -> bytes:
    """Blank every receipt hash in damaged bytes, whole or cut short."""
    data = _RECEIPT_FIELD.sub(b'"receipt_hash":null', data)
    return _LONG_HEX.sub(lambda match: b"0" * len(match.group(0)), data)


def rewrite_raw(path: Path, change: Callable[[bytes], bytes]) -> None:
    """Apply ``change`` to a file's bytes, replacing it atomically only if it changed."""
    try:
        data = read_bytes(path)
    except FileNotFoundError:
        return
    changed = change(data)
    if changed != data:
        write_bytes_atomic(path, changed)
