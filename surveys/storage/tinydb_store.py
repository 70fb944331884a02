"""The real ``ResponseStore``: TinyDB files on the device, written durably and locked.

Layout under the sessions folder::

    <session id>/session.json          the session's date, "No thanks" count, withdrawn ids
    <session id>/responses-0001.json   sealed responses, at most PART_SIZE per file
    <session id>/responses-0002.json   …
    <session id>/*.json.1 … .3         the three previous versions of each file
    <session id>/.lock                 held around every change

Each change goes through the folder's ``SessionFiles`` (``tinydb_session_files.py``):
the session's file lock and a fresh TinyDB on an atomic storage, so two processes —
the kiosk and an export, or two browser tabs — never lose each other's writes. A busy
session rolls over to a new part file, so sending stays as fast with 50,000 responses
stored as with 10.

Withdrawing a response, or forgetting receipt hashes, changes every copy: the live
file, then its backups and any ``.damaged-N`` copies (a damaged copy keeps everything
else for a person to look at), so a later recovery can never bring the old data
back. A withdrawn response's random id stays in the session file (``withdrawn``),
written before anything is deleted: merging a bundle made before the withdrawal
can't bring the response back, and start-up finishes a withdrawal a crash cut short
(receipt hashes a crash left in a backup are forgotten at the next start anyway).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from surveys.storage import SealedResponse, SessionInfo, check_session_id
from surveys.storage.atomic import (
    BACKUPS,
    DAMAGED,
    Recovery,
    backup_path,
    fsync_folder,
    is_good,
    read_bytes,
    read_json,
    remove_stray_temps,
    stamp_day,
    write_json_atomic,
)
from surveys.storage.damaged_copies import (
    cut_receipts,
    cut_rows,
    parse_row,
    rewrite_raw,
    row_markers,
    row_span,
)
from surveys.storage.tinydb_session_files import (
    LOCK_FILE,
    SESSION_FILE,
    SESSION_TABLE,
    SessionFiles,
    is_tinydb_document,
    session_document,
)

PART_SIZE = 100
"""Most responses in one file; keeps each durable rewrite small."""

RESPONSES_TABLE = "responses"
_PART = re.compile(r"^responses-(\d{4,})\.json$")
_PART_OR_BACKUP = re.compile(r"^(responses-\d{4,}\.json)\.\d+$")
_PART_FAMILY = re.compile(r"^(responses-\d{4,}\.json)(?:\.\d+|\.damaged-\d+)?$")
Row = dict[str, Any]


def part_name(number: int) -> str:
    """The file name of a session's n-th part file (numbered from 1)."""
    return f"responses-{number:04d}.json"


def part_document(responses: Iterable[SealedResponse]) -> dict[str, dict[str, Row]]:
    """The JSON a part file holds for these responses, exactly as TinyDB writes it."""
    rows = {str(number): r.to_json() for number, r in enumerate(responses, start=1)}
    return {RESPONSES_TABLE: rows}


class TinyDbResponseStore:
    """Sealed responses in per-session TinyDB files under ``root``."""

    def __init__(self, root: Path, on_recovery: Callable[[Recovery], None] | None = None) -> None:
        self.root = root
        self.files = SessionFiles(root, on_recovery)

    # -- helpers -------------------------------------------------------------------

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
                stamp_day(path.parent)
                continue
            data = read_json(backup)
            if isinstance(data, dict) and change(data):
                write_json_atomic(backup, data, backups=0)

    @staticmethod
    def _part_files(folder: Path) -> list[Path]:
        """Every part file's path, with those only a backup or damaged copy still holds."""
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return []
        bases = {match.group(1) for name in names if (match := _PART_FAMILY.match(name))}
        return [folder / name for name in sorted(bases)]

    @staticmethod
    def _damaged_copies(folder: Path) -> list[Path]:
        return sorted(p for p in folder.glob(f"*{DAMAGED}*") if p.is_file())

    def _remove_everywhere(self, folder: Path, ids: set[str]) -> SealedResponse | None:
        """Delete these responses from every copy in ``folder`` (lock held).

        The live files first (keeping their backups as usual, so a later repair loses
        no other answer), then every backup and damaged copy. The caller has written
        the ids as withdrawn first, so a crash part way is finished at the next start.
        Returns one response deleted from a live file, if any.
        """
        remove_stray_temps(folder)  # a write cut short may have left a whole copy
        found: SealedResponse | None = None
        markers = {record_id.encode("utf-8") for record_id in ids}
        parts = self._part_files(folder)
        for part in parts:
            for copy in (part, *(backup_path(part, n) for n in range(1, BACKUPS + 1))):
                for row in _rows_quietly(copy):
                    if row.get("id") in ids:
                        markers |= row_markers(row)
        for part in parts:
            rows = self.files.read_table(part, RESPONSES_TABLE)
            if not any(row.get("id") in ids for row in rows):
                continue
            data = read_json(part)
            if not isinstance(data, dict):
                continue
            for row in data.get(RESPONSES_TABLE, {}).values():
                if row.get("id") in ids:
                    found = SealedResponse.from_json(dict(row))
            _drop_rows(ids)(data)
            write_json_atomic(part, data)
        for part in parts:
            self._rewrite_backups(part, _drop_rows(ids))
        for damaged in self._damaged_copies(folder):
            rewrite_raw(damaged, lambda data: cut_rows(data, markers))
        return found

    def _holds_any(self, folder: Path, ids: set[str]) -> bool:
        """True when a file other than the session file still holds one of these ids."""
        needles = [record_id.encode("utf-8") for record_id in ids]
        for path in folder.iterdir():
            if path.name.startswith(SESSION_FILE) or path.name == LOCK_FILE or not path.is_file():
                continue
            with contextlib.suppress(FileNotFoundError):
                data = read_bytes(path)
                if any(needle in data for needle in needles):
                    return True
        return False

    # -- the port ------------------------------------------------------------------

    def save(self, response: SealedResponse) -> None:
        """Store one response durably under the session's lock."""
        session = SessionInfo(response.session_id, response.session_date)
        row = response.to_json()
        with self.files.locked(session.id) as folder:
            self.files.ensure_session(folder, session)
            parts = self._parts(folder)
            number = self._part_number(parts[-1]) if parts else 1

            def insert(database: TinyDB) -> bool:
                table = database.table(RESPONSES_TABLE)
                if len(table) >= PART_SIZE:
                    return False
                table.insert(row)
                return True

            while not self.files.change(folder / part_name(number), insert):
                number += 1  # that part is full: start the next one

    def record_decline(self, session: SessionInfo) -> None:
        """Count one "No thanks"."""
        with self.files.locked(session.id) as folder:
            self.files.ensure_session(folder, session)

            def bump(database: TinyDB) -> None:
                table = database.table(SESSION_TABLE)
                rows = table.all()
                if not rows:
                    table.insert({"id": session.id, "date": session.date, "declines": 1})
                    return
                row = rows[0]
                table.update({"declines": int(row.get("declines", 0)) + 1}, doc_ids=[row.doc_id])

            self.files.change(folder / SESSION_FILE, bump)

    def declines(self, session_id: str) -> int:
        """How many said "No thanks" in a session."""
        path = self.files.folder(session_id) / SESSION_FILE
        rows = self.files.read_table(path, SESSION_TABLE)
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
        info = self.files.session_info(folder)
        if info is not None or not self.files.is_session_folder(folder):
            return info
        # The session file is lost but answers are not: take the date from them.
        for part in self._parts(folder):
            for row in self.files.read_table(part, RESPONSES_TABLE):
                return SessionInfo(folder.name, str(row.get("session_date", "")))
        return None

    def responses(self, session_ids: Iterable[str] | None = None) -> Iterator[SealedResponse]:
        """Stored responses, read with plain JSON (no TinyDB needed to read)."""
        ids = [s.id for s in self.sessions()] if session_ids is None else list(session_ids)
        for session_id in ids:
            for part in self._parts(self.files.folder(session_id)):
                for row in self.files.read_table(part, RESPONSES_TABLE):
                    yield SealedResponse.from_json(row)

    def count(self, session_id: str) -> int:
        """How many responses a session holds."""
        parts = self._parts(self.files.folder(session_id))
        return sum(len(self.files.read_table(p, RESPONSES_TABLE)) for p in parts)

    def delete_session(self, session_id: str) -> int:
        """Delete a session's folder — responses, session file, tallies, backups — under its lock.

        Returns how many responses were deleted. The lock file goes last, once the
        folder is empty, so another process never writes into a half-deleted session.
        """
        folder = self.files.folder(session_id)
        if not folder.is_dir():
            return 0
        with self.files.locked(session_id):
            deleted = self.count(session_id)
            for entry in sorted(folder.iterdir()):
                if entry.name != LOCK_FILE and entry.is_file():
                    entry.unlink()
            stamp_day(folder)
            fsync_folder(folder)
        self.files.forget_lock(folder)
        with contextlib.suppress(OSError):
            (folder / LOCK_FILE).unlink()
            folder.rmdir()
            stamp_day(self.root)
            fsync_folder(self.root)
        return deleted

    def withdraw(self, receipt_hash: str) -> SealedResponse | None:
        """Delete the response with this receipt hash from whichever file holds it."""
        for session in self.sessions():
            with self.files.locked(session.id) as folder:
                for part in self._parts(folder):
                    for row in self.files.read_table(part, RESPONSES_TABLE):
                        if row.get("receipt_hash") == receipt_hash:
                            return self.withdraw_record(session, str(row["id"]))
        return self._withdraw_set_aside(receipt_hash)

    def _withdraw_set_aside(self, receipt_hash: str) -> SealedResponse | None:
        """Withdraw a response only a damaged copy still holds (a repair put back an
        older copy without it): its words are on the device, so the code must work."""
        needle = receipt_hash.encode("utf-8")
        for session in self.sessions():
            with self.files.locked(session.id) as folder:
                for damaged in self._damaged_copies(folder):
                    data = read_bytes(damaged)
                    at = data.find(needle)
                    if at == -1:
                        continue
                    start, end = row_span(data, at)
                    record = parse_row(data[start:end], session)
                    if record.id:
                        self.files.ensure_session(folder, session)
                        self.files.change(folder / SESSION_FILE, _tombstone(session, record.id))
                    rewrite_raw(damaged, lambda raw: cut_rows(raw, {needle}))
                    if record.id:
                        self._remove_everywhere(folder, {record.id})
                    return record
        return None

    def withdraw_record(self, session: SessionInfo, record_id: str) -> SealedResponse | None:
        """Remember the id as withdrawn, then delete that response if it is stored here.

        The id is written first, so a crash in between leaves a response that the
        next withdrawal or merge deletes, never one that a merge brings back.
        """
        with self.files.locked(session.id) as folder:
            self.files.ensure_session(folder, session)
            self.files.change(folder / SESSION_FILE, _tombstone(session, record_id))
            return self._remove_everywhere(folder, {record_id})

    def withdrawn(self, session_id: str) -> set[str]:
        """Ids of responses withdrawn from a session."""
        rows = self.files.read_table(self.files.folder(session_id) / SESSION_FILE, SESSION_TABLE)
        return {str(record_id) for record_id in rows[0].get("withdrawn", [])} if rows else set()

    def forget_receipts(self, before_date: str) -> int:
        """Destroy receipt hashes of sessions dated before ``before_date``, in every copy.

        A crash part way leaves hashes only in copies the next start's run changes.
        """
        count = 0
        for session in self.sessions():
            if session.date >= before_date:
                continue
            with self.files.locked(session.id) as folder:
                remove_stray_temps(folder)
                parts = self._part_files(folder)
                for part in parts:
                    self.files.read_table(part, RESPONSES_TABLE)  # repairs a damaged file first
                    data = read_json(part)
                    if not isinstance(data, dict):
                        continue
                    cleared = _count_receipts(data)
                    if cleared and _clear_receipts_raw(data):
                        write_json_atomic(part, data)
                        count += cleared
                for part in parts:
                    self._rewrite_backups(part, _clear_receipts_raw)
                for damaged in self._damaged_copies(folder):
                    rewrite_raw(damaged, cut_receipts)
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
            with self.files.locked(folder.name):
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
            result = self.files.repair(path)
            if result is not None:
                results.append(result)
        session_path = folder / SESSION_FILE
        if not session_path.exists():
            info = self._session_info(folder)
            if info is not None:
                # Rebuild the lost session file from the answers (the decline count is lost).
                write_json_atomic(session_path, session_document(info))
        withdrawn = self.withdrawn(folder.name)
        if withdrawn and self._holds_any(folder, withdrawn):
            # A withdrawal a crash cut short: finish it.
            self._remove_everywhere(folder, withdrawn)
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


def _drop_rows(ids: set[str]) -> Callable[[dict[str, Any]], bool]:
    def change(data: dict[str, Any]) -> bool:
        rows = data.get(RESPONSES_TABLE, {})
        doomed = [key for key, row in rows.items() if row.get("id") in ids]
        for key in doomed:
            del rows[key]
        return bool(doomed)

    return change


def _rows_quietly(path: Path) -> list[Row]:
    """The response rows of a file, or none when it is missing or can't be read."""
    try:
        data = read_json(path)
    except (OSError, ValueError):
        return []
    rows = data.get(RESPONSES_TABLE) if isinstance(data, dict) else None
    return (
        [dict(row) for row in rows.values() if isinstance(row, dict)]
        if isinstance(rows, dict)
        else []
    )


def _count_receipts(data: dict[str, Any]) -> int:
    rows = data.get(RESPONSES_TABLE, {})
    return sum(1 for row in rows.values() if isinstance(row, dict) and row.get("receipt_hash"))


def _clear_receipts_raw(data: dict[str, Any]) -> bool:
    changed = False
    for row in data.get(RESPONSES_TABLE, {}).values():
        if row.get("receipt_hash"):
            row["receipt_hash"] = None
            changed = True
    return changed
