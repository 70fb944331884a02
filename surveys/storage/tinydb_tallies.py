"""Live-poll tallies and the room, in the session's TinyDB file (``session.json``).

What is kept on disk, per poll: the overall counts, ranking places and words; the
poll's state; a sorted list of phones' vote marks; how many votes were turned away.
Two things are never there in plain words:

* **Who-voted-by-group, while a poll is open.** Each vote rewrites the file and
  the last three versions are kept, so two adjacent copies would give the newest
  vote's answer (from the counts) together with its group. While a poll is open,
  its group numbers are locked with a session key that is never in the data folder
  (padded, so their length says nothing either); they are written in plain once the
  poll is closed, when no vote can arrive any more. The key lives in memory: in this
  process, or in the system's runtime folder (memory-backed, cleared at shutdown)
  so the console, its phone server and the shared screen can share it and a console
  restarted the same day carries on. Without the key (after a reboot) the earlier
  votes of a still-open poll stand, and their groups count as "not said".
* **Open comments.** Each is sealed to the coordinator's public key, like a survey
  answer (when the store has the key), and locked with the in-memory key so the
  facilitator can read it to moderate during the session. Only a comment the
  facilitator chose to show is kept readable (its shown, masked words: the room
  has seen them). Without the key, comments not yet shown stay sealed.

Every change — a vote, a reveal, a moderated comment — takes the session's file
lock and opens a fresh TinyDB on the atomic storage, exactly like sending a
response, so a vote from a browser tab or a phone and the facilitator's console in
another process never lose each other's changes, and a ``kill -9`` never loses a
counted vote.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections import Counter
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from nacl.exceptions import CryptoError
from nacl.secret import SecretBox
from tinydb import Query, TinyDB

from surveys import groups
from surveys.model import Question
from surveys.polls import Comment, CommentStatus, PollStatus, Room, Tally, add_vote
from surveys.sealing import Sealer
from surveys.storage import SessionInfo
from surveys.storage.tallies import PhoneJoin, PollSession
from surveys.storage.tinydb_session_files import SessionFiles

PAD_TO = 1024
"""Locked group numbers and comments are padded to a multiple of this many bytes."""
UNREADABLE = (
    "(This comment was sent before the console restarted. It is sealed: only the "
    "coordinator can read it.)"
)
"""What the moderation queue shows for a comment whose in-memory key is gone."""


class SessionKeys:
    """Session-only keys for what is locked in ``session.json``; never in the data folder.

    With a ``folder`` (the system's memory-backed runtime folder), each session's key
    is a file there readable only by this user, shared by the console, its phone
    server and the shared screen, and gone at shutdown. Without one, keys live in
    this object only.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._known: dict[str, SecretBox] = {}

    def box(self, session_id: str) -> SecretBox:
        """The session's key (made on first use)."""
        box = self._known.get(session_id)
        if box is None:
            box = SecretBox(self._key(session_id))
            self._known[session_id] = box
        return box

    def lock(self, session_id: str, payload: object) -> str:
        """``payload`` as JSON, padded and locked with the session's key (text for storing)."""
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        data += b" " * (-len(data) % PAD_TO)
        return base64.b64encode(bytes(self.box(session_id).encrypt(data))).decode("ascii")

    def unlock(self, session_id: str, locked: object) -> Any:
        """What ``lock`` locked, or None when it can't be read (its key is gone)."""
        if not isinstance(locked, str):
            return None
        try:
            return json.loads(self.box(session_id).decrypt(base64.b64decode(locked)))
        except (CryptoError, ValueError):
            return None  # locked with a key that is gone (the computer restarted)

    def locked_elsewhere(self, session_id: str, locked: object) -> bool:
        """True for something locked that this session's key can't open (an earlier run's)."""
        return isinstance(locked, str) and self.unlock(session_id, locked) is None

    def _key(self, session_id: str) -> bytes:
        if self.folder is None:
            return secrets.token_bytes(SecretBox.KEY_SIZE)
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = self.folder / f"{session_id}.key"
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = path.read_bytes()
            if len(key) == SecretBox.KEY_SIZE:
                return key
            path.unlink(missing_ok=True)  # damaged: what it locked can't be read anyway
            return self._key(session_id)
        key = secrets.token_bytes(SecretBox.KEY_SIZE)
        with os.fdopen(descriptor, "wb") as file:
            file.write(key)
        return key


PROCESS_KEYS = SessionKeys()
"""Keys shared by every store in this process that isn't given its own."""


class TinyDbTallyStore:
    """Tallies under ``root/<session>/session.json``, sharing the response store's lock.

    ``sealer`` (the coordinator's public key) seals every open comment for the
    record; ``keys`` hold the session-only keys for what is locked while the
    session runs.
    """

    def __init__(
        self, root: Path, sealer: Sealer | None = None, keys: SessionKeys | None = None
    ) -> None:
        self.root = root
        # The same folders, lock and durable TinyDB changes as the responses.
        self._files = SessionFiles(root)
        self._sealer = sealer
        self._keys = keys or PROCESS_KEYS

    # -- what goes on disk -----------------------------------------------------

    def _lock(self, session_id: str, payload: object) -> str:
        return self._keys.lock(session_id, payload)

    def _unlock(self, session_id: str, locked: object) -> Any:
        return self._keys.unlock(session_id, locked)

    def _dump(
        self, session_id: str, tally: Tally, before: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The stored form: groups locked while open, comments sealed and locked."""
        data = tally.to_json()
        if tally.status is not PollStatus.CLOSED:
            data["held_groups"] = self._lock(
                session_id,
                {"by_group": data.pop("by_group"), "group_counts": data.pop("group_counts")},
            )
        earlier = {str(c.get("id")): c for c in (before or {}).get("comments") or []}
        data["comments"] = [
            self._dump_comment(session_id, c, earlier.get(c.id)) for c in tally.comments
        ]
        return data

    def _dump_comment(
        self, session_id: str, comment: Comment, before: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        words = {"text": comment.text, "edited": comment.edited}
        stored: dict[str, Any] = {"id": comment.id, "status": comment.status.value}
        if before is not None and self._keys.locked_elsewhere(session_id, before.get("held")):
            # Locked by an earlier run (only its shown words, if any, are readable):
            # kept exactly as it was, so the coordinator's sealed copy of the
            # original words survives every later change.
            stored |= {k: before[k] for k in ("held", "sealed") if k in before}
        elif comment.text != UNREADABLE:
            stored["held"] = self._lock(session_id, words)
            if self._sealer is not None:
                stored["sealed"] = self._sealer.seal({"kind": "poll-comment", **words})
        if comment.status is CommentStatus.SHOWN:
            stored["shown"] = comment.display_text
        return stored

    def _load(self, session_id: str, row: dict[str, Any]) -> Tally:
        data = dict(row)
        held = data.pop("held_groups", None)
        comments = data.pop("comments", None) or []
        tally = Tally.from_json(data)
        if held is not None:
            groups_now = self._unlock(session_id, held)
            if isinstance(groups_now, dict):
                again = Tally.from_json({"poll_id": tally.poll_id, **groups_now})
                tally.by_group, tally.group_counts = again.by_group, again.group_counts
            else:
                # Locked by an earlier run: the votes stand, their groups are unknown.
                tally.by_group = (
                    Counter({groups.NOT_SAID: tally.votes}) if tally.votes else Counter()
                )
                tally.group_counts = {groups.NOT_SAID: Counter(tally.counts)} if tally.votes else {}
        tally.comments = [self._load_comment(session_id, c) for c in comments]
        return tally

    def _load_comment(self, session_id: str, stored: dict[str, Any]) -> Comment:
        status = CommentStatus(str(stored.get("status", CommentStatus.PENDING.value)))
        words = self._unlock(session_id, stored.get("held"))
        if isinstance(words, dict):
            edited = words.get("edited")
            return Comment(
                str(stored["id"]),
                str(words.get("text", "")),
                status,
                None if edited is None else str(edited),
            )
        if "text" in stored:  # written by an older version, in plain
            edited = stored.get("edited")
            return Comment(
                str(stored["id"]),
                str(stored["text"]),
                status,
                None if edited is None else str(edited),
            )
        if status is CommentStatus.SHOWN and isinstance(stored.get("shown"), str):
            return Comment(str(stored["id"]), str(stored["shown"]), status)
        return Comment(str(stored["id"]), UNREADABLE, status)

    def _update(self, session: SessionInfo, poll_id: str, edit: Callable[[Tally], None]) -> Tally:
        def apply(database: TinyDB) -> Tally:
            table = database.table("tallies")
            rows = table.search(Query().poll_id == poll_id)
            tally = self._load(session.id, dict(rows[0])) if rows else Tally(poll_id)
            edit(tally)
            stored = self._dump(session.id, tally, dict(rows[0]) if rows else None)

            def replace_row(row: MutableMapping[Any, Any]) -> None:
                # The whole row in one write, so no field of an older form lingers.
                row.clear()
                row.update(stored)

            if rows:
                table.update(replace_row, doc_ids=[rows[0].doc_id])
            else:
                table.insert(stored)
            return tally

        return self._files.change_session(session, apply)

    def save_room(self, session: SessionInfo, room: Room, poll_set: str = "") -> None:
        """Record the room and its poll set (replacing an earlier record for this session)."""

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

        self._files.change_session(session, write)

    def ballot_key(self, session: SessionInfo) -> str:
        """The session's random key for phones' vote marks, made once and kept here."""
        rows = self._table(session.id, "ballot_key")
        if rows and isinstance(rows[0].get("key"), str):
            return str(rows[0]["key"])

        def make(database: TinyDB) -> str:
            table = database.table("ballot_key")
            found = table.all()
            if found and isinstance(found[0].get("key"), str):
                return str(found[0]["key"])
            key = secrets.token_hex(32)
            table.truncate()
            table.insert({"key": key})
            return key

        return self._files.change_session(session, make)

    def set_current(self, session: SessionInfo, poll_id: str | None) -> None:
        """Remember which poll the room is looking at (the shared screen follows it)."""

        def write(database: TinyDB) -> None:
            table = database.table("current")
            table.truncate()
            table.insert({"poll_id": poll_id})

        self._files.change_session(session, write)

    def current(self, session_id: str) -> str | None:
        """The poll the room is looking at, or None."""
        rows = self._table(session_id, "current")
        poll_id = rows[0].get("poll_id") if rows else None
        return None if poll_id is None else str(poll_id)

    def set_phone_join(self, session: SessionInfo, join: PhoneJoin | None) -> None:
        """Remember how phones join (the shared screen shows it); None clears it."""

        def write(database: TinyDB) -> None:
            table = database.table("phones")
            table.truncate()
            if join is not None:
                table.insert({"code": join.code, "url": join.url})

        self._files.change_session(session, write)

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
            info = self._files.session_info(folder)
            if info is None or (date is not None and info.date != date):
                continue
            rows = self._table(info.id, "room")
            room = _room(rows)
            if room is None:
                continue
            try:
                # The change time: the modification time says the day only (atomic.py).
                changed = os.stat(self._files.session_path(info.id)).st_ctime_ns
            except FileNotFoundError:
                changed = 0
            poll_set = str(rows[0].get("poll_set") or "")
            found.append((info.date, changed, PollSession(info, room, poll_set)))
        return [item for _, _, item in sorted(found, key=lambda f: (f[0], f[1], f[2].session.id))]

    def _table(self, session_id: str, name: str) -> list[dict[str, Any]]:
        return self._files.session_rows(session_id, name)

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
            str(row["poll_id"]): self._load(session_id, row)
            for row in self._table(session_id, "tallies")
        }

    def stamp(self, session_id: str) -> object:
        """The session file's change time and size: cheap to poll several times a second.

        The change time, not the modification time: every file the kiosk writes is
        given midnight as its modification time, so only ctime moves with a write.
        """
        try:
            info = os.stat(self._files.session_path(session_id))
        except FileNotFoundError:
            return None
        return (info.st_ctime_ns, info.st_size, info.st_ino)


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
