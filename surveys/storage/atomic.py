"""Durable file writes: temp file → fsync → atomic replace → fsync the folder.

A crash, power cut or ``kill -9`` at any moment leaves either the old file or the
new one, never a mixture. The previous versions are kept as ``name.1`` … ``name.3``
(hard links, so keeping them costs two renames and no copying), and ``recover``
puts the newest good copy back when a file is found damaged.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

BACKUPS = 3
TEMP_PREFIX = ".tmp-"


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def backup_path(path: Path, number: int) -> Path:
    """The path of the n-th previous version of a file."""
    return path.with_name(f"{path.name}.{number}")


def write_bytes_atomic(
    path: Path, data: bytes, *, backups: int = 0, mode: int | None = None
) -> None:
    """Replace ``path`` with ``data`` atomically and durably, keeping ``backups`` old versions.

    Callers that share a file between processes must hold its lock around this.
    """
    folder = path.parent
    descriptor, temp_name = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=".part")
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        if backups and path.exists():
            _rotate(path, backups)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    fsync_folder(folder)


def _rotate(path: Path, backups: int) -> None:
    oldest = backup_path(path, backups)
    with contextlib.suppress(FileNotFoundError):
        oldest.unlink()
    for number in range(backups - 1, 0, -1):
        with contextlib.suppress(FileNotFoundError):
            os.replace(backup_path(path, number), backup_path(path, number + 1))
    # A hard link keeps the current version's inode; os.replace then swaps in the new one.
    os.link(path, backup_path(path, 1))


def write_json_atomic(path: Path, data: object, *, backups: int = BACKUPS) -> None:
    """Write JSON atomically and durably, keeping old versions."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    write_bytes_atomic(path, text.encode("utf-8"), backups=backups)


def read_json(path: Path) -> object | None:
    """The parsed file, ``None`` when it does not exist; raises ``ValueError`` when damaged."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    if not raw.strip():
        raise ValueError(f"{path.name} is empty")
    return json.loads(raw.decode("utf-8"))


@dataclass(frozen=True)
class Recovery:
    """What ``recover`` did to one damaged file."""

    path: Path
    restored_from: Path | None

    @property
    def message(self) -> str:
        """A plain sentence for the operator."""
        if self.restored_from is None:
            return (
                f"The file {self.path.name} was damaged and no good copy was found. "
                "It has been set aside so nothing else is lost."
            )
        return (
            f"The file {self.path.name} was damaged, so the last good copy was put back. "
            "At most the answer being saved at that moment may be missing."
        )


def is_good(path: Path) -> bool:
    """True when the file exists and parses as JSON."""
    try:
        return read_json(path) is not None
    except (OSError, ValueError):
        return False


def recover(path: Path, backups: int = BACKUPS) -> Recovery | None:
    """Check one file; if damaged, restore the newest good backup (None when all is well)."""
    if not path.exists() or is_good(path):
        return None
    damaged = path.with_name(f"{path.name}.damaged")
    os.replace(path, damaged)
    for number in range(1, backups + 1):
        candidate = backup_path(path, number)
        if is_good(candidate):
            write_bytes_atomic(path, candidate.read_bytes())
            return Recovery(path, candidate)
    return Recovery(path, None)


def remove_stray_temps(folder: Path) -> int:
    """Delete half-written temp files a crash left behind; returns how many."""
    removed = 0
    for stray in folder.glob(f"{TEMP_PREFIX}*.part"):
        with contextlib.suppress(FileNotFoundError):
            stray.unlink()
            removed += 1
    return removed
