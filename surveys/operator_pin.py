"""The operator PIN that guards leaving the kiosk and its operator menu.

The PIN is at least six digits and not an easy one (``new_pin_problem``: not one
digit repeated, not digits in a row like 123456 or 654321, not a short part said
again like 121212, not a common PIN), stored only as an Argon2id hash in
``KIOSK_HOME/operator-pin.json`` (written atomically, mode 0600). Wrong guesses
slow down: after three, each try must wait longer (5 s, then doubling); after ten,
the menu locks for 15 minutes, and every further wrong PIN locks it again. The
count and the wait are kept in the same file, so restarting the kiosk does not
reset them. Every check is written to the audit log without any digit of the PIN.

``check`` runs Argon2 on purpose slowly (tens of milliseconds): call it from a
worker thread, never from a UI event loop. Time comes from an injected clock.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import threading
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.clock import Clock, SystemClock
from surveys.errors import PlainError
from surveys.storage.atomic import write_bytes_atomic

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from surveys.audit import AuditLog

PIN_FILE = "operator-pin.json"
"""The file name under the kiosk's data folder."""
MIN_DIGITS = 6
MAX_DIGITS = 32
FREE_TRIES = 3
"""Wrong PINs allowed before each try must wait."""
FIRST_WAIT_SECONDS = 5
"""The wait after the third wrong PIN; it doubles with each further one."""
LOCK_AFTER = 10
"""Wrong PINs in a row that lock the operator menu."""
LOCK_SECONDS = 15 * 60

_KIND = "coproduction-kiosk operator pin"
_DIGITS = re.compile(r"[0-9]+")


def pin_path(home: Path) -> Path:
    """Where the PIN file lives under the kiosk's data folder."""
    return home / PIN_FILE


class PinError(PlainError):
    """A PIN could not be set, or the PIN file could not be read. ``message`` is plain."""


def new_pin_problem(pin: str) -> str | None:
    """Why a new PIN can't be used, in plain words, or None when it is fine."""
    if not _DIGITS.fullmatch(pin):
        return "Please use numbers only (0 to 9) for the PIN."
    if len(pin) < MIN_DIGITS:
        return f"Please use at least {MIN_DIGITS} numbers for the PIN."
    if len(pin) > MAX_DIGITS:
        return f"Please use at most {MAX_DIGITS} numbers for the PIN."
    if len(set(pin)) == 1:
        return "Please don't use the same number over and over. Choose a harder PIN."
    if _in_a_row(pin):
        return (
            "Please don't use numbers in a row, like 123456 or 654321. "
            "They are easy to guess. Choose a harder PIN."
        )
    if pin in COMMON_PINS or _repeats_a_short_part(pin):
        return "That PIN is one many people use, so it is easy to guess. Choose a harder PIN."
    return None


COMMON_PINS = frozenset(
    {"123456", "654321", "123123", "112233", "121212", "123321", "111222", "159753", "147258"}
)
"""Six-digit PINs people choose most, refused even though they pass the other rules."""


def _in_a_row(pin: str) -> bool:
    """True when every digit is one more (or every one one less) than the last: 345678,
    987654, and wrapping past 9 or 0 (890123)."""
    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(pin)}
    return steps in ({1}, {9})


def _repeats_a_short_part(pin: str) -> bool:
    """True when the PIN is a short part said again and again: 121212, 123123, 100100."""
    return any(
        len(pin) % size == 0 and pin == pin[:size] * (len(pin) // size)
        for size in range(2, len(pin) // 2 + 1)
    )


class PinOutcome(StrEnum):
    """What happened when a PIN was typed."""

    OK = "ok"
    WRONG = "wrong"
    WAIT = "wait"
    LOCKED = "locked"
    NOT_SET = "not-set"
    DAMAGED = "damaged"


@dataclass(frozen=True, slots=True)
class PinResult:
    """The outcome of a check, and how long until the next try is allowed."""

    outcome: PinOutcome
    wait_seconds: int = 0

    @property
    def ok(self) -> bool:
        """True when the PIN was right."""
        return self.outcome is PinOutcome.OK

    @property
    def message(self) -> str:
        """A plain sentence for the operator."""
        return _message(self.outcome, self.wait_seconds)


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'' if seconds == 1 else 's'}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def _message(outcome: PinOutcome, wait: int) -> str:
    if outcome is PinOutcome.OK:
        return "PIN accepted."
    if outcome is PinOutcome.WRONG and wait == 0:
        return "That PIN didn't match. Please try again."
    if outcome is PinOutcome.WRONG:
        return f"That PIN didn't match. Please wait {_duration(wait)} before trying again."
    if outcome is PinOutcome.WAIT:
        return f"Please wait {_duration(wait)} before trying again."
    if outcome is PinOutcome.LOCKED:
        return f"Too many wrong PINs. The operator menu is locked for {_duration(wait)}."
    if outcome is PinOutcome.NOT_SET:
        return "No operator PIN is set. Set one with: kiosk pin set"
    return "The PIN file could not be read. Set the PIN again with: kiosk pin set"


def wait_after(failures: int) -> int:
    """Seconds the next try must wait after this many wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0
    if failures >= LOCK_AFTER:
        return LOCK_SECONDS
    return int(min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_TRIES), LOCK_SECONDS))


@dataclass(frozen=True, slots=True)
class _State:
    hash: str
    failures: int = 0
    wait_until: dt.datetime | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "kind": _KIND,
            "hash": self.hash,
            "failures": self.failures,
            "wait_until": None if self.wait_until is None else self.wait_until.isoformat(),
        }


def _parse(raw: bytes) -> _State:
    document = json.loads(raw.decode("utf-8"))
    if not isinstance(document, dict) or document.get("kind") != _KIND:
        raise ValueError("not a PIN file")
    hashed = document["hash"]
    failures = document.get("failures", 0)
    until = document.get("wait_until")
    if not isinstance(hashed, str) or not hashed.startswith("$argon2"):
        raise ValueError("no hash")
    if isinstance(failures, bool) or not isinstance(failures, int) or failures < 0:
        raise ValueError("bad count")
    wait_until = None
    if until is not None:
        if not isinstance(until, str):
            raise ValueError("bad time")
        wait_until = dt.datetime.fromisoformat(until)
        if wait_until.tzinfo is None:
            raise ValueError("time without zone")
    return _State(hashed, failures, wait_until)


class OperatorPin:
    """Set and check the operator PIN, with slow-down and lock-out kept on disk."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock | None = None,
        audit: AuditLog | None = None,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.path = path
        self.clock = clock or SystemClock()
        self.audit = audit
        self._hasher = hasher
        self._lock = threading.Lock()

    @property
    def hasher(self) -> PasswordHasher:
        """The Argon2id hasher, loaded on first use (the kiosk starts without it)."""
        if self._hasher is None:
            from argon2 import PasswordHasher  # noqa: PLC0415 — only a PIN set or typed needs it

            self._hasher = PasswordHasher()
        return self._hasher

    # -- reading and writing -----------------------------------------------------

    def _load(self) -> _State | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise PinError(
                f"The PIN file {self.path} could not be read. Set the PIN again with: kiosk pin set"
            ) from error
        try:
            return _parse(raw)
        except (ValueError, KeyError, UnicodeDecodeError) as error:
            raise PinError(
                f"The PIN file {self.path} is damaged. Set the PIN again with: kiosk pin set"
            ) from error

    def _save(self, state: _State) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(state.to_json(), indent=2).encode("utf-8")
        write_bytes_atomic(self.path, data, mode=0o600)

    def _record(self, event: str, **detail: object) -> None:
        if self.audit is not None:
            self.audit.record(event, **detail)

    # -- the public face ---------------------------------------------------------

    def is_set(self) -> bool:
        """True when a PIN has been set. Raises ``PinError`` when the file is damaged."""
        return self._load() is not None

    def set(self, pin: str) -> None:
        """Set a new PIN (and clear any wrong-PIN count). Raises ``PinError`` if unusable."""
        problem = new_pin_problem(pin)
        if problem is not None:
            raise PinError(problem)
        with self._lock:
            self._save(_State(self.hasher.hash(pin)))
        self._record("pin-set")

    def wait_seconds(self) -> int:
        """Seconds before another PIN may be tried (0 when it may be tried now)."""
        try:
            state = self._load()
        except PinError:
            return 0
        return 0 if state is None else self._remaining(state)

    def _remaining(self, state: _State) -> int:
        if state.wait_until is None:
            return 0
        seconds = (state.wait_until - self.clock.now()).total_seconds()
        # A clock set backwards must not lock the menu for longer than a lock lasts.
        return max(0, min(math.ceil(seconds), LOCK_SECONDS))

    def check(self, pin: str) -> PinResult:
        """Check a typed PIN. Slow on purpose: call it from a worker thread."""
        with self._lock:
            try:
                state = self._load()
            except PinError:
                return PinResult(PinOutcome.DAMAGED)
            if state is None:
                return PinResult(PinOutcome.NOT_SET)
            waiting = self._remaining(state)
            if waiting > 0:
                outcome = PinOutcome.LOCKED if state.failures >= LOCK_AFTER else PinOutcome.WAIT
                # Logged too, so guessing during a wait shows up; never the digits.
                self._record("pin-tried-while-waiting", attempts=state.failures, seconds=waiting)
                return PinResult(outcome, waiting)
            if self._matches(state.hash, pin):
                if state.failures or state.wait_until is not None or self._needs_rehash(state):
                    self._save(_State(self._rehash(state, pin)))
                self._record("pin-ok")
                return PinResult(PinOutcome.OK)
            failures = state.failures + 1
            wait = wait_after(failures)
            until = self.clock.now() + dt.timedelta(seconds=wait) if wait else None
            self._save(_State(state.hash, failures, until))
            if failures >= LOCK_AFTER:
                self._record("pin-locked", attempts=failures, seconds=wait)
                return PinResult(PinOutcome.LOCKED, wait)
            self._record("pin-wrong", attempts=failures, seconds=wait)
            return PinResult(PinOutcome.WRONG, wait)

    def _matches(self, hashed: str, pin: str) -> bool:
        if not _DIGITS.fullmatch(pin) or len(pin) > MAX_DIGITS:
            # Still spend the same effort, so a typo costs what a guess costs.
            pin = "0" * MIN_DIGITS + "x"
        from argon2.exceptions import InvalidHashError, VerificationError  # noqa: PLC0415 — as hasher

        try:
            return self.hasher.verify(hashed, pin)
        except (VerificationError, InvalidHashError):
            return False

    def _needs_rehash(self, state: _State) -> bool:
        from argon2.exceptions import InvalidHashError  # noqa: PLC0415 — as hasher

        try:
            return self.hasher.check_needs_rehash(state.hash)
        except InvalidHashError:
            return False

    def _rehash(self, state: _State, pin: str) -> str:
        return self.hasher.hash(pin) if self._needs_rehash(state) else state.hash
