"""The append-only audit log: sends, withdrawals, recoveries and PIN events.

Each line is JSON with the SHA-256 of the line before it, so removing or changing a
line breaks the chain and ``verify`` says where. The log never holds answers, free
text, receipt codes or consent text — only what happened, when, and record ids.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from filelock import FileLock

from surveys.clock import Clock, SystemClock

GENESIS = "0" * 64

# Only these detail keys may be written: a guard against answers or codes slipping in.
ALLOWED_DETAIL = frozenset(
    {"record", "records", "session", "survey", "channel", "file", "restored_from", "count",
     "reason", "attempts", "seconds", "role", "outcome", "folder", "fingerprint"}
)


class AuditLog:
    """Appends events to a JSON-lines file under a file lock."""

    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self.path = path
        self.clock = clock or SystemClock()
        self._lock = FileLock(str(path) + ".lock")

    def record(self, event: str, **detail: object) -> None:
        """Append one event. Detail keys outside ``ALLOWED_DETAIL`` are refused."""
        unknown = set(detail) - ALLOWED_DETAIL
        if unknown:
            raise ValueError(f"audit detail not allowed: {sorted(unknown)}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            previous = self._last_hash()
            entry = {
                "ts": self.clock.now().isoformat(timespec="seconds"),
                "event": event,
                **detail,
                "prev": previous,
            }
            line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
            with self.path.open("a+b") as handle:
                # A crash can leave a half-written last line: start ours on a fresh line.
                if handle.tell() > 0:
                    handle.seek(-1, os.SEEK_END)
                    if handle.read(1) != b"\n":
                        handle.write(b"\n")
                handle.write(line.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())

    def _last_hash(self) -> str:
        last = _last_line(self.path)
        if last is None:
            return GENESIS
        return hashlib.sha256(last).hexdigest()

    def entries(self) -> list[Mapping[str, object]]:
        """Every event, oldest first (a damaged line is skipped)."""
        events: list[Mapping[str, object]] = []
        try:
            lines = self.path.read_bytes().splitlines()
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
        """The 1-based number of the first line whose chain is broken, or None if intact."""
        try:
            lines = self.path.read_bytes().splitlines()
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


def _last_line(path: Path) -> bytes | None:
    """The last complete line of a file, read from the end (the log can grow long)."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            end = handle.tell()
            if end == 0:
                return None
            chunk = 4096
            position = end
            buffer = b""
            while position > 0:
                step = min(chunk, position)
                position -= step
                handle.seek(position)
                buffer = handle.read(step) + buffer
                stripped = buffer.rstrip(b"\n")
                if b"\n" in stripped:
                    return stripped.rsplit(b"\n", 1)[1]
            return buffer.rstrip(b"\n") or None
    except FileNotFoundError:
        return None
