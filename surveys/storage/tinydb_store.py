"""The real ``ResponseStore``: TinyDB files on the device, written durably and locked.

Layout under the sessions folder::

    <session id>/session.json          the session's date and "No thanks" count
    <session id>/responses-0001.json   sealed responses, at most PART_SIZE per file
    <session id>/responses-0002.json   …
    <session id>/.lock                 held around every change

Each change takes the session's file lock and opens a fresh TinyDB on an atomic
storage (temp file, fsync, replace, fsync the folder, three backups). No TinyDB
instance outlives one change, so two processes — the kiosk and an export, or two
browser tabs — never lose each other's writes. A busy session rolls over to a new
part file, so sending stays as fast with 50,000 responses stored as with 10.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from surveys.storage import SealedResponse, SessionInfo
from surveys.storage.atomic import (
    Recovery,
    read_json,
    recover,
    remove_stray_temps,
    write_json_atomic,
)

PART_SIZE = 100
"""Most responses in one file; keeps each durable rewrite small."""

SESSION_FILE = "session.json"
_PART = re.compile(r"^responses-(\d{4,})\.json$")
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

T = TypeVar("T")


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
        if not isinstance(data, dict):
            raise ValueError(f"{self.path.name} is not a TinyDB file")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_json_atomic(self.path, data)

    def close(self) -> None:
        """Nothing is held open."""


class StorageDamaged(Exception):
    """A file was damaged and could not be recovered; the message is plain."""


class TinyDbResponseStore:
    """Sealed responses in per-session TinyDB files under ``root``."""

    def __init__(self, root: Path, on_recovery: Callable[[Recovery], None] | None = None) -> None:
        self.root = root
        self._on_recovery = on_recovery

    # -- helpers -------------------------------------------------------------------

    def _folder(self, session_id: str) -> Path:
        if not _SESSION_ID.match(session_id):
            raise ValueError("session ids are letters, digits, '-' and '_'")
        return self.root / session_id

    @contextmanager
    def _locked(self, session_id: str) -> Iterator[Path]:
        folder = self._folder(session_id)
        folder.mkdir(parents=True, exist_ok=True)
        with FileLock(str(folder / ".lock")):
            yield folder

    def _with_db(self, path: Path, action: Callable[[TinyDB], T]) -> T:
        """Run one change on a fresh TinyDB; a damaged file is restored and retried once."""
        for attempt in (1, 2):
            database = TinyDB(path, storage=AtomicJSONStorage)
            try:
                return action(database)
            except ValueError:
                if attempt == 2:
                    raise
                self._restore(path)
            finally:
                database.close()
        raise AssertionError("unreachable")

    def _restore(self, path: Path) -> None:
        result = recover(path)
        if result is None:
            return
        if self._on_recovery is not None:
            self._on_recovery(result)
        if result.restored_from is None:
            raise StorageDamaged(result.message)

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

    # -- the port ------------------------------------------------------------------

    def save(self, response: SealedResponse) -> None:
        """Store one response durably under the session's lock."""
        session = SessionInfo(response.session_id, response.session_date)
        with self._locked(session.id) as folder:
            self._ensure_session(folder, session)
            parts = self._parts(folder)
            number = int(_PART.match(parts[-1].name).group(1)) if parts else 1  # type: ignore[union-attr]
            path = folder / f"responses-{number:04d}.json"

            def insert(database: TinyDB) -> bool:
                table = database.table("responses")
                if len(table) >= PART_SIZE:
                    return False
                table.insert(response.to_json())
                return True

            if not self._with_db(path, insert):
                path = folder / f"responses-{number + 1:04d}.json"
                self._with_db(path, insert)

    def _ensure_session(self, folder: Path, session: SessionInfo) -> None:
        path = folder / SESSION_FILE
        if path.exists():
            return

        def create(database: TinyDB) -> None:
            table = database.table("session")
            if not table.all():
                table.insert({"id": session.id, "date": session.date, "declines": 0})

        self._with_db(path, create)

    def record_decline(self, session: SessionInfo) -> None:
        """Count one "No thanks"."""
        with self._locked(session.id) as folder:
            self._ensure_session(folder, session)

            def bump(database: TinyDB) -> None:
                table = database.table("session")
                row = table.all()[0]
                table.update({"declines": int(row.get("declines", 0)) + 1}, doc_ids=[row.doc_id])

            self._with_db(folder / SESSION_FILE, bump)

    def declines(self, session_id: str) -> int:
        """How many said "No thanks" in a session."""
        path = self._folder(session_id) / SESSION_FILE
        rows = self._read_table(path, "session")
        return int(rows[0].get("declines", 0)) if rows else 0

    def sessions(self) -> list[SessionInfo]:
        """Every session with a session file, oldest first."""
        found: list[SessionInfo] = []
        if not self.root.exists():
            return found
        for folder in sorted(self.root.iterdir()):
            rows = self._read_table(folder / SESSION_FILE, "session") if folder.is_dir() else []
            if rows:
                found.append(SessionInfo(str(rows[0]["id"]), str(rows[0]["date"])))
        return sorted(found, key=lambda s: (s.date, s.id))

    def responses(self, session_ids: Iterable[str] | None = None) -> Iterator[SealedResponse]:
        """Stored responses, read with plain JSON (no TinyDB needed to read)."""
        ids = [s.id for s in self.sessions()] if session_ids is None else list(session_ids)
        for session_id in ids:
            for part in self._parts(self._folder(session_id)):
                for row in self._read_table(part, "responses"):
                    yield SealedResponse.from_json(row)

    def count(self, session_id: str) -> int:
        """How many responses a session holds."""
        return sum(len(self._read_table(p, "responses")) for p in self._parts(self._folder(session_id)))

    def _read_table(self, path: Path, table: str) -> list[dict[str, Any]]:
        try:
            data = read_json(path)
        except ValueError:
            with self._locked(path.parent.name):
                self._restore(path)
            data = read_json(path)
        if not isinstance(data, dict):
            return []
        rows = data.get(table, {})
        return [dict(row) for row in rows.values()] if isinstance(rows, dict) else []

    def withdraw(self, receipt_hash: str) -> SealedResponse | None:
        """Delete the response with this receipt hash from whichever file holds it."""
        for session in self.sessions():
            with self._locked(session.id) as folder:
                for part in self._parts(folder):

                    def remove(database: TinyDB) -> SealedResponse | None:
                        table = database.table("responses")
                        rows = table.search(Query().receipt_hash == receipt_hash)
                        if not rows:
                            return None
                        table.remove(doc_ids=[rows[0].doc_id])
                        return SealedResponse.from_json(dict(rows[0]))

                    if any(
                        row.get("receipt_hash") == receipt_hash
                        for row in self._read_table(part, "responses")
                    ):
                        found = self._with_db(part, remove)
                        if found is not None:
                            return found
        return None

    def forget_receipts(self, before_date: str) -> int:
        """Destroy receipt hashes of sessions dated before ``before_date``."""
        count = 0
        for session in self.sessions():
            if session.date >= before_date:
                continue
            with self._locked(session.id) as folder:
                for part in self._parts(folder):

                    def clear(database: TinyDB) -> int:
                        table = database.table("responses")
                        ids = [row.doc_id for row in table.all() if row.get("receipt_hash")]
                        if ids:
                            table.update({"receipt_hash": None}, doc_ids=ids)
                        return len(ids)

                    count += self._with_db(part, clear)
        return count

    def recover(self) -> list[Recovery]:
        """Check every file (removing stray temp files) and restore damaged ones."""
        results: list[Recovery] = []
        if not self.root.exists():
            return results
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
            with self._locked(folder.name):
                remove_stray_temps(folder)
                for path in [folder / SESSION_FILE, *self._parts(folder)]:
                    result = recover(path)
                    if result is not None:
                        results.append(result)
                        if self._on_recovery is not None:
                            self._on_recovery(result)
        return results
