"""Durable file writes: temp file → fsync → atomic replace → fsync the folder.

A crash, power cut or ``kill -9`` at any moment leaves either the old file or the
new one, never a mixture. The previous versions are kept as ``name.1`` … ``name.3``
(hard links where the file system has them, so keeping them costs a link and two
renames and no copying), and ``recover`` puts the newest good copy back when a file
is found damaged. A damaged file is kept beside the original as ``name.damaged-N``
so a person can look at it later (withdrawing an answer removes it from those too).

File times say the day only. Every file written here, and the folder it is written
in, gets midnight UTC of the day as its modification and access time (the day the
session dates and the audit log use): a time to the second would tell when each
answer was sent. Files are read without updating their access time where the
system allows it.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from surveys.errors import PlainError

BACKUPS = 3
TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".part"
DAMAGED = ".damaged-"
COPY_CHUNK = 1 << 20
DAY_SECONDS = 86_400

Validator = Callable[[object], bool]


def day_start(moment: float | None = None) -> float:
    """Midnight UTC at the start of the day ``moment`` (default: now) falls in."""
    now = time.time() if moment is None else moment
    return float(int(now // DAY_SECONDS) * DAY_SECONDS)


def stamp_day(*targets: Path | int) -> None:
    """Give files or folders (paths or open descriptors) today's midnight UTC as their times.

    A file system that can't set times (or a file already gone) is left as it is.
    """
    day = day_start()
    for target in targets:
        with contextlib.suppress(OSError):
            os.utime(target, (day, day))


def read_bytes(path: Path) -> bytes:
    """A file's bytes, read without updating its access time where the system allows."""
    flags = os.O_RDONLY | getattr(os, "O_NOATIME", 0)
    try:
        descriptor = os.open(path, flags)
    except PermissionError:  # O_NOATIME needs the file's owner
        descriptor = os.open(path, os.O_RDONLY)
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read()


def fsync_folder(folder: Path) -> None:
    """Make a rename, link or new name in ``folder`` survive a power cut."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) so that the new names survive a power cut."""
    if folder.is_dir():
        return
    parent = folder.parent
    if parent != folder:
        make_folder(parent)
    try:
        folder.mkdir()
    except FileExistsError:
        return
    stamp_day(folder, parent)
    fsync_folder(parent)


def backup_path(path: Path, number: int) -> Path:
    """The path of the n-th previous version of a file."""
    return path.with_name(f"{path.name}.{number}")


def write_bytes_atomic(
    path: Path, data: bytes, *, backups: int = 0, mode: int | None = None
) -> None:
    """Replace ``path`` with ``data`` atomically and durably, keeping ``backups`` old versions.

    Callers that share a file between processes must hold its lock around this.
    """
    write_chunks_atomic(path, (data,), backups=backups, mode=mode)


def write_chunks_atomic(
    path: Path, chunks: Iterable[bytes], *, backups: int = 0, mode: int | None = None
) -> int:
    """``write_bytes_atomic`` for data made piece by piece; returns how many bytes were written.

    The chunks go to the temp file as they come, so the whole file is never in memory.
    If making a chunk fails, the temp file is deleted and ``path`` is left as it was.
    """
    folder = path.parent
    size = 0
    descriptor, temp_name = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
                size += len(chunk)
            handle.flush()
            stamp_day(handle.fileno())
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        if backups and path.exists():
            _rotate(path, backups)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        stamp_day(folder)
        raise
    stamp_day(folder)
    fsync_folder(folder)
    return size


def _rotate(path: Path, backups: int) -> None:
    """Shift ``name.1`` … to ``name.2`` …, and keep the current version as ``name.1``.

    A crash part-way leaves the current file untouched; the worst case is two backup
    names for the same version, which the next rotation sorts out.
    """
    oldest = backup_path(path, backups)
    with contextlib.suppress(FileNotFoundError):
        oldest.unlink()
    for number in range(backups - 1, 0, -1):
        with contextlib.suppress(FileNotFoundError):
            os.replace(backup_path(path, number), backup_path(path, number + 1))
    newest = backup_path(path, 1)
    with contextlib.suppress(FileNotFoundError):
        newest.unlink()  # only there when a rename above failed to move it on
    try:
        # A hard link keeps the current version's inode; os.replace then swaps in the new one.
        os.link(path, newest)
    except OSError:
        # No hard links here (a FAT memory stick, say): copy instead, durably.
        _copy_durably(path, newest)


def _copy_durably(source: Path, target: Path) -> None:
    with source.open("rb") as original:
        write_chunks_atomic(target, iter(lambda: original.read(COPY_CHUNK), b""))


def dump_json(data: object) -> bytes:
    """The exact bytes every stored JSON file is written as."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_json_atomic(path: Path, data: object, *, backups: int = BACKUPS) -> None:
    """Write JSON atomically and durably, keeping old versions."""
    write_bytes_atomic(path, dump_json(data), backups=backups)


class DamagedFileError(PlainError, ValueError):
    """A stored file is empty, cut short or not JSON."""


def read_json(path: Path) -> object | None:
    """The parsed file, ``None`` when it does not exist.

    Raises ``DamagedFileError`` (a ``ValueError``) when the file is damaged.
    """
    try:
        raw = read_bytes(path)
    except FileNotFoundError:
        return None
    if not raw.strip():
        raise DamagedFileError(f"{path.name} is empty")
    try:
        value: object = json.loads(raw.decode("utf-8"))
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise DamagedFileError(f"{path.name} is not readable JSON") from error
    return value


@dataclass(frozen=True)
class Recovery:
    """What ``recover`` did to one damaged file."""

    path: Path
    restored_from: Path | None
    set_aside: Path | None = None

    @property
    def message(self) -> str:
        """A plain sentence for the operator."""
        if self.restored_from is None:
            return (
                f"The file {self.path.name} was damaged and no good copy was found. "
                "It has been set aside so nothing else is lost. "
                "New answers are still saved as normal."
            )
        if self.restored_from.name.endswith(".1"):
            return (
                f"The file {self.path.name} was damaged, so the last good copy was put back. "
                "At most the last answer saved to it may be missing."
            )
        return (
            f"The file {self.path.name} was damaged, so an older good copy was put back. "
            "The last few answers saved to it may be missing."
        )


def is_good(path: Path, valid: Validator | None = None) -> bool:
    """True when the file exists, parses as JSON and (if given) passes ``valid``."""
    try:
        value = read_json(path)
    except (OSError, ValueError):
        return False
    if value is None:
        return False
    return valid is None or valid(value)


def _damaged_name(path: Path) -> Path:
    number = 1
    while True:
        candidate = path.with_name(f"{path.name}{DAMAGED}{number}")
        if not candidate.exists():
            return candidate
        number += 1


def recover(path: Path, backups: int = BACKUPS, valid: Validator | None = None) -> Recovery | None:
    """Check one file; if damaged, restore the newest good backup (None when all is well).

    The damaged file is kept as ``name.damaged-N``. Restoring is crash-safe: until the
    good copy has atomically replaced it, the damaged file stays where it was, so a
    crash here only means the same repair is done again at the next start.
    Also restores a file that is missing while a good backup of it exists.
    """
    exists = path.exists()
    if exists and is_good(path, valid):
        return None
    candidates = [backup_path(path, number) for number in range(1, backups + 1)]
    good = next((c for c in candidates if is_good(c, valid)), None)
    if not exists:
        if good is None:
            return None
        write_bytes_atomic(path, read_bytes(good))
        return Recovery(path, good)
    damaged = _damaged_name(path)
    if good is None:
        os.replace(path, damaged)
        stamp_day(path.parent)
        fsync_folder(path.parent)
        return Recovery(path, None, damaged)
    try:
        os.link(path, damaged)
    except OSError:
        _copy_durably(path, damaged)
    write_bytes_atomic(path, read_bytes(good))
    return Recovery(path, good, damaged)


def remove_stray_temps(folder: Path) -> int:
    """Delete half-written temp files a crash left behind; returns how many."""
    removed = 0
    for stray in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            stray.unlink()
            removed += 1
    if removed:
        stamp_day(folder)
    return removed
