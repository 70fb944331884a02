"""Live-poll tallies and the room, in the session's TinyDB file (``session.json``).

Every change — a vote, a reveal, a moderated comment — takes the session's file
lock and opens a fresh TinyDB on the atomic storage, exactly like sending a
response, so a vote from a browser tab or a phone and the facilitator's console in
another process never lose each other's changes, and a ``kill -9`` never loses a
counted vote.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from surveys import groups
from surveys.model import Question
from surveys.polls import Room, Tally, add_vote
from surveys.storage import SessionInfo
from surveys.storage.tallies import PhoneJoin, PollSession
from surveys.storage.tinydb_store import SESSION_FILE, TinyDbResponseStore


class TinyDbTallyStore:
    """Tallies under ``root/<session>/session.json``, sharing the response store's lock."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # The same folder layout, lock and durable TinyDB helper as the responses.
        self._files = TinyDbResponseStore(root)

    def _path(self, session_id: str) -> Path:
        return self._files._folder(session_id) / SESSION_FILE

    def _update(self, session: SessionInfo, poll_id: str, edit: Callable[[Tally], None]) -> Tally:
        with self._files._locked(session.id) as folder:
            self._files._ensure_session(folder, session)

            def apply(database: TinyDB) -> Tally:
                table = database.table("tallies")
                rows = table.search(Query().poll_id == poll_id)
                tally = Tally.from_json(dict(rows[0])) if rows else Tally(poll_id)
                edit(tally)
                if rows:
                    table.update(tally.to_json(), doc_ids=[rows[0].doc_id])
                else:
                    table.insert(tally.to_json())
                return tally

            return self._files._with_db(folder / SESSION_FILE, apply)

    def save_room(self, session: SessionInfo, room: Room, poll_set: str = "") -> None:
        """Record the room and its poll set (replacing an earlier record for this session)."""
        with self._files._locked(session.id) as folder:
            self._files._ensure_session(folder, session)

            def write(database: TinyDB) -> None:
                table = database.table("room")
                table.truncate()
                table.insert(
                    {
                        "name": room.name,
                        "date": room.date,
                        "expected": room.expected,
                        "groups": dict(room.groups),
                        "poll_set": poll_set,
                    }
                )

            self._files._with_db(folder / SESSION_FILE, write)

    def ballot_key(self, session: SessionInfo) -> str:
        """The session's random key for phones' vote marks, made once and kept here."""
        rows = self._table(session.id, "ballot_key")
        if rows and isinstance(rows[0].get("key"), str):
            return str(rows[0]["key"])
        with self._files._locked(session.id) as folder:
            self._files._ensure_session(folder, session)

            def make(database: TinyDB) -> str:
                table = database.table("ballot_key")
                found = table.all()
                if found and isinstance(found[0].get("key"), str):
                    return str(found[0]["key"])
                key = secrets.token_hex(32)
                table.truncate()
                table.insert({"key": key})
                return key

            return self._files._with_db(folder / SESSION_FILE, make)

    def set_current(self, session: SessionInfo, poll_id: str | None) -> None:
        """Remember which poll the room is looking at (the shared screen follows it)."""
        with self._files._locked(session.id) as folder:
            self._files._ensure_session(folder, session)

            def write(database: TinyDB) -> None:
                table = database.table("current")
                table.truncate()
                table.insert({"poll_id": poll_id})

            self._files._with_db(folder / SESSION_FILE, write)

    def current(self, session_id: str) -> str | None:
        """The poll the room is looking at, or None."""
        rows = self._table(session_id, "current")
        poll_id = rows[0].get("poll_id") if rows else None
        return None if poll_id is None else str(poll_id)

    def set_phone_join(self, session: SessionInfo, join: PhoneJoin | None) -> None:
        """Remember how phones join (the shared screen shows it); None clears it."""
        with self._files._locked(session.id) as folder:
            self._files._ensure_session(folder, session)

            def write(database: TinyDB) -> None:
                table = database.table("phones")
                table.truncate()
                if join is not None:
                    table.insert({"code": join.code, "url": join.url})

            self._files._with_db(folder / SESSION_FILE, write)

    def phone_join(self, session_id: str) -> PhoneJoin | None:
        """How phones join this session, or None."""
        rows = self._table(session_id, "phones")
        if not rows:
            return None
        code, url = rows[0].get("code"), rows[0].get("url")
        if not isinstance(code, str) or not isinstance(url, str):
            return None
        return PhoneJoin(code, url)

    def poll_sessions(self, date: str | None = None) -> list[PollSession]:
        """Sessions that have a room (on ``date`` when given), oldest first.

        Sessions on the same date come in the order they last changed, so the last
        one is the one in use (the shared screen follows it).
        """
        found: list[tuple[str, int, PollSession]] = []
        if not self.root.is_dir():
            return []
        for folder in self.root.iterdir():
            info = self._files._session_info(folder)
            if info is None or (date is not None and info.date != date):
                continue
            rows = self._table(info.id, "room")
            room = _room(rows)
            if room is None:
                continue
            try:
                changed = os.stat(self._path(info.id)).st_mtime_ns
            except FileNotFoundError:
                changed = 0
            poll_set = str(rows[0].get("poll_set") or "")
            found.append((info.date, changed, PollSession(info, room, poll_set)))
        return [item for _, _, item in sorted(found, key=lambda f: (f[0], f[1], f[2].session.id))]

    def _table(self, session_id: str, name: str) -> list[dict[str, Any]]:
        return self._files._read_table(self._path(session_id), name)

    def room(self, session_id: str) -> Room | None:
        """The room as recorded."""
        return _room(self._table(session_id, "room"))

    def cast(
        self,
        session: SessionInfo,
        question: Question,
        raw: object,
        group: str = groups.NOT_SAID,
    ) -> Tally:
        """Validate and count one vote under the lock."""
        return self._update(
            session, question.id, lambda tally: add_vote(tally, question, raw, group)
        )

    def change(self, session: SessionInfo, poll_id: str, edit: Callable[[Tally], None]) -> Tally:
        """Apply a facilitator change under the lock."""
        return self._update(session, poll_id, edit)

    def tallies(self, session_id: str) -> dict[str, Tally]:
        """Every poll's tally in the session."""
        return {
            str(row["poll_id"]): Tally.from_json(row) for row in self._table(session_id, "tallies")
        }

    def stamp(self, session_id: str) -> object:
        """The session file's change time and size: cheap to poll several times a second."""
        try:
            info = os.stat(self._path(session_id))
        except FileNotFoundError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)


def _room(rows: list[dict[str, Any]]) -> Room | None:
    """The room from the rows of the ``room`` table (None before one is set up)."""
    if not rows:
        return None
    row = rows[0]
    return Room(
        str(row["name"]),
        str(row["date"]),
        int(row["expected"]),
        {str(k): int(v) for k, v in dict(row.get("groups") or {}).items()},
    )
