"""The check every locked start makes first: is there an operator PIN?

A locked kiosk, served kiosk or facilitator console needs the PIN to lock it. The
check only reads the PIN file, so a start it refuses leaves no trace: no data
folder, no logs, no speech thread.
"""

from __future__ import annotations

from pathlib import Path

from surveys.operator_pin import OperatorPin, PinError, pin_path


def pin_refusal(home: Path, no_pin: str) -> str | None:
    """What to print when a locked start must be refused, or None when a PIN is set.

    ``no_pin`` is the command's own words for "set a PIN first"; a damaged PIN file
    gives the PIN file's own plain message instead.
    """
    try:
        pin_set = OperatorPin(pin_path(home)).is_set()
    except PinError as error:
        return error.message
    return None if pin_set else no_pin
