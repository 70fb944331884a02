"""The real ``ResponseStore``: TinyDB files on the device, written durably and locked.

Layout under the sessions folder::

    <session id>/session.json          the session's date, "No thanks" count, withdrawn ids
    <session id>/responses-0001.json   sealed responses, at most PART_SIZE per file
    <session id>/responses-0002.json   …
    <session id>/*.json.1 … .3         the three previous versions of each file
    <session id>/.lock                 held around every change

Each change takes the session's file lock and opens a fresh TinyDB on an atomic
storage (temp file, fsync, replace, fsync the folder, three backups). No TinyDB
instance outlives one change, so two processes — the kiosk and an export, or two
browser tabs — never lose each other's writes. A busy session rolls over to a new
part file, so sending stays as fast with 50,000 responses stored as with 10.

Withdrawing a response, or forgetting receipt hashes, also rewrites the backups of
the file it changed, so a later recovery can never bring the old data back. A
withdrawn response's random id stays in the session file (``withdrawn``), so merging
a bundle made before the withdrawal can't bring the response back either.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock
from tinydb import TinyDB
from tinydb.storages import Storage

from surveys.storage import SealedResponse, SessionInfo, check_session_id
from surveys.storage.atomic import (
    BACKUPS,
    DamagedFileError,
    Recovery,
    backup_path,
    fsync_folder,
    is_good,
    make_folder,
    read_json,
    recover,
    remove_stray_temps,
    write_json_atomic,
)

PART_SIZE = 100
"""Most responses in one file; keeps each durable rewrite small."""

SESSION_FILE = "session.json"
SESSION_TABLE = "session"
RESPONSES_TABLE = "responses"
LOCK_FILE = ".lock"
_PART = re.compile(r"^responses-(\d{4,})\.json$")
_PART_OR_BACKUP = re.compile(r"^(responses-\d{4,}\.json)\.\d+$")

T = TypeVar("T")
Row = dict[str, Any]

log = logging.getLogger(__name__)


def part_name(number: int) -> str:
    """The file name of a session's n-th part file (numbered from 1)."""
    return f"responses-{number:04d}.json"


def part_document(responses: Iterable[SealedResponse]) -> dict[str, dict[str, Row]]:
    """The JSON a part file holds for these responses, exactly as TinyDB writes it."""
    rows = {str(number): r.to_json() for number, r in enumerate(responses, start=1)}
    return {RESPONSES_TABLE: rows}


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


class StorageDamagedError(OSError):
    """A file stayed damaged even after recovery was tried; the message is plain.

    An ``OSError``, so a caller that handles a full disk handles this the same way.
    """


class TinyDbResponseStore:
    """Sealed responses in per-session TinyDB files under ``root``."""

    def __init__(self, root: Path, on_recovery: Callable[[Recovery], None] | None = None) -> None:
        self.root = root
        self._on_recovery = on_recovery
        self._locks: dict[str, FileLock] = {}
        self._locks_guard = threading.Lock()

    # -- helpers -------------------------------------------------------------------

    def _folder(self, session_id: str) -> Path:
        return self.root / check_session_id(session_id)

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
    def _locked(self, session_id: str) -> Iterator[Path]:
        folder = self._folder(session_id)
        make_folder(folder)
        with self._lock(folder):
            yield folder

    def _with_db(self, path: Path, action: Callable[[TinyDB], T]) -> T:
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
                self._recover_file(path)
            finally:
                database.close()
        raise AssertionError("unreachable")

    def _recover_file(self, path: Path) -> Recovery | None:
        """Restore one damaged file (lock held) and report what was done."""
        result = recover(path, valid=is_tinydb_document)
        if result is not None:
            self._report(result)
        return result

    def _report(self, result: Recovery) -> None:
        log.warning("%s", result.message)
        if self._on_recovery is not None:
            self._on_recovery(result)

    @staticmethod
    def _parts(folder: Path) -> list[Path]:
        found = []
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return []
        for name in names:
            match = _PART.match(name)
            if match:
                found.append((int(match.group(1)), folder / name))
        return [path for _, path in sorted(found)]

    @staticmethod
    def _part_number(path: Path) -> int:
        match = _PART.match(path.name)
        if match is None:
            raise ValueError(f"{path.name} is not a part file")
        return int(match.group(1))

    def _read_table(self, path: Path, table: str) -> list[Row]:
        """Rows of one table, read with plain JSON; a damaged file is repaired first."""
        try:
            data = read_json(path)
            if data is not None and not is_tinydb_document(data):
                raise DamagedFileError(f"{path.name} is not a TinyDB file")
        except DamagedFileError:
            with self._locked(path.parent.name):
                self._recover_file(path)
            data = read_json(path)
        if not isinstance(data, dict):
            return []
        rows = data.get(table, {})
        return [dict(row) for row in rows.values()] if isinstance(rows, dict) else []

    def _rewrite_backups(self, path: Path, change: Callable[[dict[str, Any]], bool]) -> None:
        """Apply ``change`` to every readable backup of ``path`` (lock held).

        Used after a withdrawal or forgetting receipts, so no older copy still holds
        what was removed. A backup that can't be read is deleted for the same reason.
        """
        for number in range(1, BACKUPS + 1):
            backup = backup_path(path, number)
            if not backup.exists():
                continue
            if not is_good(backup, is_tinydb_document):
                backup.unlink()
                continue
            data = read_json(backup)
            if isinstance(data, dict) and change(data):
                write_json_atomic(backup, data, backups=0)

    # -- the port ------------------------------------------------------------------

    def save(self, response: SealedResponse) -> None:
        """Store one response durably under the session's lock."""
        session = SessionInfo(response.session_id, response.session_date)
        row = response.to_json()
        with self._locked(session.id) as folder:
            self._ensure_session(folder, session)
            parts = self._parts(folder)
            number = self._part_number(parts[-1]) if parts else 1

            def insert(database: TinyDB) -> bool:
                table = database.table(RESPONSES_TABLE)
                if len(table) >= PART_SIZE:
                    return False
                table.insert(row)
                return True

            while not self._with_db(folder / part_name(number), insert):
                number += 1  # that part is full: start the next one

    def _ensure_session(self, folder: Path, session: SessionInfo) -> None:
        path = folder / SESSION_FILE
        if path.exists():
            return

        def create(database: TinyDB) -> None:
            table = database.table(SESSION_TABLE)
            if not table.all():
                table.insert({"id": session.id, "date": session.date, "declines": 0})

        self._with_db(path, create)

    def record_decline(self, session: SessionInfo) -> None:
        """Count one "No thanks"."""
        with self._locked(session.id) as folder:
            self._ensure_session(folder, session)

            def bump(database: TinyDB) -> None:
                table = database.table(SESSION_TABLE)
                rows = table.all()
                if not rows:
                    table.insert({"id": session.id, "date": session.date, "declines": 1})
                    return
                row = rows[0]
                table.update({"declines": int(row.get("declines", 0)) + 1}, doc_ids=[row.doc_id])

            self._with_db(folder / SESSION_FILE, bump)

    def declines(self, session_id: str) -> int:
        """How many said "No thanks" in a session."""
        path = self._folder(session_id) / SESSION_FILE
        rows = self._read_table(path, SESSION_TABLE)
        return int(rows[0].get("declines", 0)) if rows else 0

    def sessions(self) -> list[SessionInfo]:
        """Every session with anything stored, oldest first."""
        found: list[SessionInfo] = []
        if not self.root.exists():
            return found
        for folder in sorted(self.root.iterdir()):
            info = self._session_info(folder)
            if info is not None:
                found.append(info)
        return sorted(found, key=lambda s: (s.date, s.id))

    def _session_info(self, folder: Path) -> SessionInfo | None:
        try:
            check_session_id(folder.name)
        except ValueError:
            return None
        if not folder.is_dir():
            return None
        rows = self._read_table(folder / SESSION_FILE, SESSION_TABLE)
        if rows:
            return SessionInfo(str(rows[0]["id"]), str(rows[0]["date"]))
        # The session file is lost but answers are not: take the date from them.
        for part in self._parts(folder):
            for row in self._read_table(part, RESPONSES_TABLE):
                return SessionInfo(folder.name, str(row.get("session_date", "")))
        return None

    def responses(self, session_ids: Iterable[str] | None = None) -> Iterator[SealedResponse]:
        """Stored responses, read with plain JSON (no TinyDB needed to read)."""
        ids = [s.id for s in self.sessions()] if session_ids is None else list(session_ids)
        for session_id in ids:
            for part in self._parts(self._folder(session_id)):
                for row in self._read_table(part, RESPONSES_TABLE):
                    yield SealedResponse.from_json(row)

    def count(self, session_id: str) -> int:
        """How many responses a session holds."""
        parts = self._parts(self._folder(session_id))
        return sum(len(self._read_table(p, RESPONSES_TABLE)) for p in parts)

    def delete_session(self, session_id: str) -> int:
        """Delete a session's folder — responses, session file, tallies, backups — under its lock.

        Returns how many responses were deleted. The lock file goes last, once the
        folder is empty, so another process never writes into a half-deleted session.
        """
        folder = self._folder(session_id)
        if not folder.is_dir():
            return 0
        with self._locked(session_id):
            deleted = self.count(session_id)
            for entry in sorted(folder.iterdir()):
                if entry.name != LOCK_FILE and entry.is_file():
                    entry.unlink()
            fsync_folder(folder)
        with self._locks_guard:
            self._locks.pop(folder.name, None)
        with contextlib.suppress(OSError):
            (folder / LOCK_FILE).unlink()
            folder.rmdir()
            fsync_folder(self.root)
        return deleted

    def withdraw(self, receipt_hash: str) -> SealedResponse | None:
        """Delete the response with this receipt hash from whichever file holds it."""
        for session in self.sessions():
            with self._locked(session.id) as folder:
                for part in self._parts(folder):
                    for row in self._read_table(part, RESPONSES_TABLE):
                        if row.get("receipt_hash") == receipt_hash:
                            return self.withdraw_record(session, str(row["id"]))
        return None

    def withdraw_record(self, session: SessionInfo, record_id: str) -> SealedResponse | None:
        """Remember the id as withdrawn, then delete that response if it is stored here.

        The id is written first, so a crash in between leaves a response that the
        next withdrawal or merge deletes, never one that a merge brings back.
        """
        with self._locked(session.id) as folder:
            self._ensure_session(folder, session)
            self._with_db(folder / SESSION_FILE, _tombstone(session, record_id))
            for part in self._parts(folder):
                rows = self._read_table(part, RESPONSES_TABLE)
                if any(row.get("id") == record_id for row in rows):
                    found = self._with_db(part, _remover(record_id))
                    if found is not None:
                        self._rewrite_backups(part, _drop_rows(record_id))
                        return found
        return None

    def withdrawn(self, session_id: str) -> set[str]:
        """Ids of responses withdrawn from a session."""
        rows = self._read_table(self._folder(session_id) / SESSION_FILE, SESSION_TABLE)
        return {str(record_id) for record_id in rows[0].get("withdrawn", [])} if rows else set()

    def forget_receipts(self, before_date: str) -> int:
        """Destroy receipt hashes of sessions dated before ``before_date``."""
        count = 0
        for session in self.sessions():
            if session.date >= before_date:
                continue
            with self._locked(session.id) as folder:
                for part in self._parts(folder):
                    count += self._with_db(part, _clear_receipts)
                    self._rewrite_backups(part, _clear_receipts_raw)
        return count

    def recover(self) -> list[Recovery]:
        """Check every file (removing stray temp files) and restore damaged ones.

        Start-up calls this. Each repair is reported through ``on_recovery`` and the
        log, with a plain message.
        """
        results: list[Recovery] = []
        if not self.root.exists():
            return results
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
            try:
                check_session_id(folder.name)
            except ValueError:
                continue
            with self._locked(folder.name):
                results.extend(self._recover_folder(folder))
        return results

    def _recover_folder(self, folder: Path) -> list[Recovery]:
        results: list[Recovery] = []
        remove_stray_temps(folder)
        names = set(os.listdir(folder))
        # Part files whose main copy is missing but whose backups are there.
        orphans = {
            match.group(1)
            for name in names
            if (match := _PART_OR_BACKUP.match(name)) and match.group(1) not in names
        }
        paths = [folder / SESSION_FILE, *self._parts(folder), *(folder / n for n in orphans)]
        for path in paths:
            result = self._recover_file(path)
            if result is not None:
                results.append(result)
        session_path = folder / SESSION_FILE
        if not session_path.exists():
            info = self._session_info(folder)
            if info is not None:
                # Rebuild the lost session file from the answers (the decline count is lost).
                write_json_atomic(session_path, session_document(info))
        return results


def _tombstone(session: SessionInfo, record_id: str) -> Callable[[TinyDB], None]:
    def remember(database: TinyDB) -> None:
        table = database.table(SESSION_TABLE)
        rows = table.all()
        if not rows:
            row = {"id": session.id, "date": session.date, "declines": 0}
            table.insert({**row, "withdrawn": [record_id]})
            return
        withdrawn = list(rows[0].get("withdrawn", []))
        if record_id not in withdrawn:  # already there: nothing is written
            table.update({"withdrawn": [*withdrawn, record_id]}, doc_ids=[rows[0].doc_id])

    return remember


def _remover(record_id: str) -> Callable[[TinyDB], SealedResponse | None]:
    def remove(database: TinyDB) -> SealedResponse | None:
        table = database.table(RESPONSES_TABLE)
        for row in table.all():
            if row.get("id") == record_id:
                table.remove(doc_ids=[row.doc_id])
                return SealedResponse.from_json(dict(row))
        return None

    return remove


def _drop_rows(record_id: str) -> Callable[[dict[str, Any]], bool]:
    def change(data: dict[str, Any]) -> bool:
        rows = data.get(RESPONSES_TABLE, {})
        doomed = [key for key, row in rows.items() if row.get("id") == record_id]
        for key in doomed:
            del rows[key]
        return bool(doomed)

    return change


def _clear_receipts(database: TinyDB) -> int:
    table = database.table(RESPONSES_TABLE)
    ids = [row.doc_id for row in table.all() if row.get("receipt_hash")]
    if ids:
        table.update({"receipt_hash": None}, doc_ids=ids)
    return len(ids)


def _clear_receipts_raw(data: dict[str, Any]) -> bool:
    changed = False
    for row in data.get(RESPONSES_TABLE, {}).values():
        if row.get("receipt_hash"):
            row["receipt_hash"] = None
            changed = True
    return changed
