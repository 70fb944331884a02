"""The append-only audit log: sends, withdrawals, recoveries and PIN events.

Each line is JSON with the SHA-256 of the line before it, so removing or changing a
line breaks the chain and ``verify`` says where. The log never holds answers, free
text, receipt codes or consent text — only what happened, when, and record ids.
Events that happen once per response (``send``, ``decline``) carry the day only:
responses are stored in the order they were sent, so a time to the second would
tell when each stored response was given.

The log file (and its lock) carry midnight UTC of the day as their file times, so
the file's own time can't date the last send either.

Guards keep it that way: event names are short lower-case words, detail keys come
from an allow-list, and detail values are short plain values.

A crash in the middle of an append can leave a half-written last line. The next
append cuts that fragment off (it was never a complete entry) and records a
``torn-line`` event saying how many bytes were dropped, so the chain stays whole
and the repair is itself on the record.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from filelock import FileLock

from surveys.clock import Clock, SystemClock
from surveys.storage.atomic import fsync_folder, make_folder, read_bytes, stamp_day

GENESIS = "0" * 64

# Only these detail keys may be written: a guard against answers or codes slipping in.
ALLOWED_DETAIL = frozenset(
    {
        "record",
        "records",
        "session",
        "survey",
        "channel",
        "file",
        "restored_from",
        "count",
        "reason",
        "attempts",
        "seconds",
        "role",
        "outcome",
        "folder",
        "fingerprint",
    }
)

DAY_ONLY = frozenset({"send", "decline"})
"""Events stamped with the date and no time: one is written per response or "No thanks",
in the order the responses are stored, so a time would date each stored response."""

MAX_VALUE_LENGTH = 200
"""Longest string a detail value may be: room for ids and file names, not for answers."""
MAX_LIST_LENGTH = 1000

_EVENT = re.compile(r"[a-z][a-z0-9-]{0,39}")


def _check_value(key: str, value: object) -> None:
    if isinstance(value, list | tuple):
        if len(value) > MAX_LIST_LENGTH:
            raise ValueError(f"audit detail {key!r} has too many items")
        for item in value:
            _check_scalar(key, item)
        return
    _check_scalar(key, value)


def _check_scalar(key: str, value: object) -> None:
    if value is None or isinstance(value, bool | int | float):
        return
    if isinstance(value, str):
        if len(value) > MAX_VALUE_LENGTH or "\n" in value:
            raise ValueError(f"audit detail {key!r} is too long for an id or a name")
        return
    raise ValueError(f"audit detail {key!r} must be a plain value, not {type(value).__name__}")


class AuditLog:
    """Appends events to a JSON-lines file under a file lock."""

    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self.path = path
        self.clock = clock or SystemClock()
        self._lock = FileLock(str(path) + ".lock")

    def record(self, event: str, **detail: object) -> None:
        """Append one event. Detail keys outside ``ALLOWED_DETAIL`` are refused.

        Events in ``DAY_ONLY`` are stamped with the date alone (``"ts": "2025-03-04"``).
        """
        if not _EVENT.fullmatch(event):
            raise ValueError(f"audit event names are short lower-case words, not {event!r}")
        unknown = set(detail) - ALLOWED_DETAIL
        if unknown:
            raise ValueError(f"audit detail not allowed: {sorted(unknown)}")
        for key, value in detail.items():
            _check_value(key, value)
        now = self.clock.now()
        # A repair line written just before this event gets the same stamp, never a finer one.
        ts = now.date().isoformat() if event in DAY_ONLY else now.isoformat(timespec="seconds")
        make_folder(self.path.parent)
        with self._lock:
            created = not self.path.exists()
            with self.path.open("a+b") as handle:
                dropped = _cut_torn_tail(handle)
                if dropped:
                    self._append(handle, ts, "torn-line", {"count": dropped})
                self._append(handle, ts, event, detail)
                handle.flush()
                stamp_day(handle.fileno())  # the file's time says the day only, like the sends
                os.fsync(handle.fileno())
            if created:
                stamp_day(Path(self._lock.lock_file), self.path.parent)
                fsync_folder(self.path.parent)

    def _append(self, handle: BinaryIO, ts: str, event: str, detail: Mapping[str, object]) -> None:
        entry = {
            "ts": ts,
            "event": event,
            **detail,
            "prev": _last_hash(handle),
        }
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
        handle.seek(0, os.SEEK_END)
        handle.write(line.encode("utf-8"))

    def entries(self) -> list[Mapping[str, object]]:
        """Every event, oldest first (a damaged line is skipped)."""
        events: list[Mapping[str, object]] = []
        try:
            lines = read_bytes(self.path).splitlines()
        except FileNotFoundError:
            return events
        for line in lines:
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                events.append(value)
        return events

    def verify(self) -> int | None:
        """The 1-based number of the first line whose chain is broken, or None if intact.

        Changing or removing any line but the last is found. (Removing lines from the
        end can't be seen from the log alone.)
        """
        try:
            lines = read_bytes(self.path).splitlines()
        except FileNotFoundError:
            return None
        previous = GENESIS
        for number, line in enumerate(lines, start=1):
            try:
                entry = json.loads(line)
            except ValueError:
                return number
            if not isinstance(entry, dict) or entry.get("prev") != previous:
                return number
            previous = hashlib.sha256(line).hexdigest()
        return None


def _cut_torn_tail(handle: BinaryIO) -> int:
    """Cut off a last line that has no newline (a crash mid-append); returns bytes cut.

    A last line that is a whole, correctly chained entry only lacking its newline
    is kept and given one.
    """
    end = handle.seek(0, os.SEEK_END)
    if end == 0:
        return 0
    handle.seek(end - 1)
    if handle.read(1) == b"\n":
        return 0
    keep = _start_of_last_line(handle, end)
    handle.seek(keep)
    fragment = handle.read(end - keep)
    previous = _last_hash_before(handle, keep)
    try:
        entry = json.loads(fragment)
    except ValueError:
        entry = None
    if isinstance(entry, dict) and entry.get("prev") == previous:
        handle.seek(0, os.SEEK_END)
        handle.write(b"\n")
        return 0
    handle.truncate(keep)
    handle.flush()
    os.fsync(handle.fileno())
    return end - keep


def _start_of_last_line(handle: BinaryIO, end: int) -> int:
    """The offset just after the last newline before ``end`` (0 when there is none)."""
    chunk = 4096
    position = end
    while position > 0:
        step = min(chunk, position)
        position -= step
        handle.seek(position)
        data = handle.read(step)
        index = data.rfind(b"\n")
        if index != -1:
            return position + index + 1
    return 0


def _last_hash(handle: BinaryIO) -> str:
    """SHA-256 of the last complete line (the file ends with a newline here)."""
    return _last_hash_before(handle, handle.seek(0, os.SEEK_END))


def _last_hash_before(handle: BinaryIO, end: int) -> str:
    """SHA-256 of the line that ends (with its newline) at offset ``end``."""
    if end == 0:
        return GENESIS
    start = _start_of_last_line(handle, end - 1)
    handle.seek(start)
    line = handle.read(end - start).rstrip(b"\n")
    return hashlib.sha256(line).hexdigest()
