"""QR matrices for the handoff and join links. The only module that imports qrcode
(when the first code is drawn, not at import).

``encode`` gives the modules as rows of booleans (True = dark), including the
standard 4-module quiet zone, at error correction M. Links are kept short so the
code stays at a small version that a phone reads from across a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from surveys.errors import PlainError

if TYPE_CHECKING:
    import qrcode

QUIET_ZONE = 4
"""Light modules around the code on every side: the minimum the standard asks for."""

MAX_VERSION = 10
"""Largest version ``encode`` will make; a handoff link needs 2 to 4."""

Matrix = list[list[bool]]
"""Rows of modules, top to bottom; True is a dark module."""


class TooLongForQrError(PlainError, ValueError):
    """The text needs a QR code larger than ``MAX_VERSION``."""


def _build(data: str) -> qrcode.QRCode:  # type: ignore[type-arg]  # the image factory is unused
    # Imported here, not at the top: qrcode brings Pillow, and a kiosk that never
    # draws a code shouldn't wait for either while it starts.
    import qrcode  # noqa: PLC0415
    from qrcode.constants import ERROR_CORRECT_M  # noqa: PLC0415

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=1, border=QUIET_ZONE)
    code.add_data(data)
    code.make(fit=True)
    if code.version is None or code.version > MAX_VERSION:
        raise TooLongForQrError(f"{len(data)} characters is too long for a small QR code")
    return code


def encode(data: str) -> Matrix:
    """The module matrix for ``data``, quiet zone included (square, odd size)."""
    return [[bool(cell) for cell in row] for row in _build(data).get_matrix()]


def version(data: str) -> int:
    """The QR version ``encode`` uses for ``data`` (1 is 21×21 modules)."""
    built = _build(data).version
    assert built is not None  # make(fit=True) always sets it
    return int(built)
