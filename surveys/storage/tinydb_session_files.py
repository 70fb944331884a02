"""A session's folder on the device: its lock, its TinyDB files changed atomically, repairs.

Both stores keep their data in the same per-session folders and share their rules::

    <session id>/session.json   the session's date, "No thanks" count, withdrawn ids,
                                the live polls' tallies and room, and a focus
                                group's ideas and ranking totals
    <session id>/.lock          held around every change, by whichever store changes it

Each change takes the session's file lock and opens a fresh TinyDB on an atomic
storage (temp file, fsync, replace, fsync the folder, three backups). No TinyDB
instance outlives one change, so two processes — the kiosk and an export, the
facilitator's console and a phone's vote — never lose each other's writes. A file
found damaged is restored from its newest good backup (the damaged copy is kept for
a person to look at) and the change tried once more.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock
from tinydb import TinyDB
from tinydb.storages import Storage

from surveys.errors import PlainError
from surveys.storage import SessionInfo, check_session_id
from surveys.storage.atomic import (
    DamagedFileError,
    Recovery,
    make_folder,
    read_json,
    recover,
    stamp_day,
    write_json_atomic,
)

SESSION_FILE = "session.json"
SESSION_TABLE = "session"
LOCK_FILE = ".lock"

T = TypeVar("T")
Row = dict[str, Any]

log = logging.getLogger(__name__)


def session_document(session: SessionInfo, declines: int = 0) -> dict[str, dict[str, Row]]:
    """The JSON a session file holds, exactly as TinyDB writes it."""
    return {SESSION_TABLE: {"1": {"id": session.id, "date": session.date, "declines": declines}}}


def is_tinydb_document(value: object) -> bool:
    """True for TinyDB's layout: an object of tables, each an object of row objects."""
    if not isinstance(value, dict):
        return False
    for table in value.values():
        if not isinstance(table, dict):
            return False
        if not all(isinstance(row, dict) for row in table.values()):
            return False
    return True


class AtomicJSONStorage(Storage):
    """TinyDB storage that never writes a file in place.

    Reads go through the path every time (never a held handle), so a file replaced
    by another process is always seen fresh.
    """

    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_json(self.path)
        if data is None:
            return None
        if not is_tinydb_document(data):
            raise DamagedFileError(f"{self.path.name} is not a TinyDB file")
        return data  # type: ignore[return-value]  # checked by is_tinydb_document

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_json_atomic(self.path, data)

    def close(self) -> None:
        """Nothing is held open."""


class StorageDamagedError(PlainError, OSError):
    """A file stayed damaged even after recovery was tried; the message is plain.

    An ``OSError``, so a caller that handles a full disk handles this the same way.
    """


class SessionFiles:
    """The per-session folders under ``root``, shared by the response and tally stores.

    ``on_recovery`` hears of every damaged file put right (the log always does).
    """

    def __init__(self, root: Path, on_recovery: Callable[[Recovery], None] | None = None) -> None:
        self.root = root
        self._on_recovery = on_recovery
        self._locks: dict[str, FileLock] = {}
        self._locks_guard = threading.Lock()

    def folder(self, session_id: str) -> Path:
        """The session's folder (the id is checked, so it can't point elsewhere)."""
        return self.root / check_session_id(session_id)

    def session_path(self, session_id: str) -> Path:
        """The session's ``session.json``."""
        return self.folder(session_id) / SESSION_FILE

    def _lock(self, folder: Path) -> FileLock:
        # One lock object per session: it is re-entrant within a thread (a nested
        # take never deadlocks), while other threads and processes wait for it.
        with self._locks_guard:
            lock = self._locks.get(folder.name)
            if lock is None:
                lock = FileLock(str(folder / LOCK_FILE))
                self._locks[folder.name] = lock
            return lock

    @contextmanager
    def locked(self, session_id: str) -> Iterator[Path]:
        """Hold the session's lock (making its folder if need be); gives the folder."""
        folder = self.folder(session_id)
        make_folder(folder)
        fresh = not (folder / LOCK_FILE).exists()
        with self._lock(folder):
            if fresh:  # making the lock file gave it, and the folder, the time to the second
                stamp_day(folder / LOCK_FILE, folder)
            yield folder

    def forget_lock(self, folder: Path) -> None:
        """Drop the lock object of a session folder that is being deleted."""
        with self._locks_guard:
            self._locks.pop(folder.name, None)

    def change(self, path: Path, action: Callable[[TinyDB], T]) -> T:
        """Run one change on a fresh TinyDB; a damaged file is restored and retried once.

        The caller holds the session's lock. Only damage to the file is retried: any
        other error from ``action`` (a refused vote, say) reaches the caller unchanged.
        """
        for attempt in (1, 2):
            database = TinyDB(path, storage=AtomicJSONStorage)
            try:
                return action(database)
            except DamagedFileError as error:
                if attempt == 2:
                    raise StorageDamagedError(
                        f"The file {path.name} is damaged and could not be repaired, "
                        "so this change was not saved."
                    ) from error
                self.repair(path)
            finally:
                database.close()
        raise AssertionError("unreachable")

    def ensure_session(self, folder: Path, session: SessionInfo) -> None:
        """Create the session file with the session's row, if it isn't there (lock held)."""
        path = folder / SESSION_FILE
        if path.exists():
            return

        def create(database: TinyDB) -> None:
            table = database.table(SESSION_TABLE)
            if not table.all():
                table.insert({"id": session.id, "date": session.date, "declines": 0})

        self.change(path, create)

    def change_session(self, session: SessionInfo, action: Callable[[TinyDB], T]) -> T:
        """Take the lock, make sure the session file exists, and run one change on it."""
        with self.locked(session.id) as folder:
            self.ensure_session(folder, session)
            return self.change(folder / SESSION_FILE, action)

    def repair(self, path: Path) -> Recovery | None:
        """Restore one damaged file (lock held) and report what was done."""
        result = recover(path, valid=is_tinydb_document)
        if result is not None:
            log.warning("%s", result.message)
            if self._on_recovery is not None:
                self._on_recovery(result)
        return result

    def read_table(self, path: Path, table: str) -> list[Row]:
        """Rows of one table, read with plain JSON; a damaged file is repaired first."""
        try:
            data = read_json(path)
            if data is not None and not is_tinydb_document(data):
                raise DamagedFileError(f"{path.name} is not a TinyDB file")
        except DamagedFileError:
            with self.locked(path.parent.name):
                self.repair(path)
            data = read_json(path)
        if not isinstance(data, dict):
            return []
        rows = data.get(table, {})
        return [dict(row) for row in rows.values()] if isinstance(rows, dict) else []

    @staticmethod
    def is_session_folder(folder: Path) -> bool:
        """True for a folder named like a session."""
        try:
            check_session_id(folder.name)
        except ValueError:
            return False
        return folder.is_dir()

    def session_info(self, folder: Path) -> SessionInfo | None:
        """The session a folder's session file names, or None (none there)."""
        if not self.is_session_folder(folder):
            return None
        rows = self.read_table(folder / SESSION_FILE, SESSION_TABLE)
        return SessionInfo(str(rows[0]["id"]), str(rows[0]["date"])) if rows else None

    def session_rows(self, session_id: str, table: str) -> list[Row]:
        """Rows of one table of the session file."""
        return self.read_table(self.session_path(session_id), table)
