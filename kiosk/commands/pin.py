"""``kiosk pin set``: choose the operator PIN, typed twice and never shown.

Also the check every locked start makes first (``pin_refusal``): is there an
operator PIN? A locked kiosk, served kiosk or facilitator console needs the PIN to
lock it. The check only reads the PIN file, so a start it refuses leaves no trace:
no data folder, no logs, no speech thread.
"""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable
from pathlib import Path

from surveys import paths
from surveys.audit import AuditLog
from surveys.errors import PlainError
from surveys.operator_pin import MIN_DIGITS, OperatorPin, PinError, new_pin_problem, pin_path

EXIT_OK = 0
EXIT_PROBLEMS = 1


def run(args: argparse.Namespace) -> int:
    """``kiosk pin ACTION``: only ``set`` so far."""
    if args.pin_command != "set":
        print("Use:  kiosk pin set")
        return EXIT_PROBLEMS
    return set_pin()


def set_pin(
    home: Path | None = None,
    ask: Callable[[str], str] | None = None,
) -> int:
    """Ask for a new PIN twice and store its hash. Returns an exit status."""
    ask = ask or getpass.getpass
    home = home or paths.data_home()
    first = ask(f"Choose an operator PIN ({MIN_DIGITS} or more numbers): ").strip()
    problem = new_pin_problem(first)
    if problem is not None:
        print(f"{problem} Nothing was changed.")
        return 1
    if ask("Type it again: ").strip() != first:
        print("The two PINs were different. Nothing was changed.")
        return 1
    home.mkdir(parents=True, exist_ok=True)
    pin = OperatorPin(pin_path(home), audit=AuditLog(paths.audit_path(home)))
    try:
        pin.set(first)
    except (PinError, OSError) as error:
        print(
            error.message
            if isinstance(error, PlainError)
            else f"The PIN could not be saved ({error})."
        )
        return 1
    print("Operator PIN set. Press F12 on the kiosk to use it.")
    return 0


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
