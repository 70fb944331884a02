"""The live-poll storage port: the room's make-up and one anonymous tally per poll.

``TinyDbTallyStore`` keeps them in the session's TinyDB file with the same durable
writes and lock as responses; ``MemoryTallyStore`` serves fast unit tests.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from surveys import groups
from surveys.model import Question
from surveys.polls import Room, Tally, add_vote
from surveys.storage import SessionInfo


@dataclass(frozen=True, slots=True)
class PollSession:
    """A facilitation session found in storage: what a console needs to resume it."""

    session: SessionInfo
    room: Room
    poll_set: str
    """The id of the poll set the session runs ("" when not recorded)."""


@dataclass(frozen=True, slots=True)
class PhoneJoin:
    """How phones join a session's live polls, kept so a shared screen in another
    process can show it. Nothing about any phone or vote."""

    code: str
    """The session's join code (6 characters, no look-alikes)."""
    url: str
    """The join link, like ``http://192.168.1.20:8080/j/ABC123``."""

    @property
    def address(self) -> str:
        """The page to type the code into: the link without ``/j/CODE``."""
        return self.url.rsplit("/j/", 1)[0]


class TallyStore(Protocol):
    """Where a facilitation session's room and poll tallies live."""

    def save_room(self, session: SessionInfo, room: Room, poll_set: str = "") -> None:
        """Record the session's name, date, headcount, group numbers and poll set."""
        ...

    def room(self, session_id: str) -> Room | None:
        """The room as recorded, or None for a session that has none."""
        ...

    def poll_sessions(self, date: str | None = None) -> list[PollSession]:
        """Sessions with a room (on ``date`` when given), oldest first.

        Sessions on the same date come in the order they last changed, so the last one
        is the one in use.
        """
        ...

    def set_current(self, session: SessionInfo, poll_id: str | None) -> None:
        """Remember which poll the room is looking at (for the shared screen)."""
        ...

    def current(self, session_id: str) -> str | None:
        """The poll the room is looking at, or None."""
        ...

    def set_phone_join(self, session: SessionInfo, join: PhoneJoin | None) -> None:
        """Remember how phones join this session (None: phones are off now)."""
        ...

    def phone_join(self, session_id: str) -> PhoneJoin | None:
        """How phones join this session, or None when the console isn't serving them."""
        ...

    def cast(
        self,
        session: SessionInfo,
        question: Question,
        raw: object,
        group: str = groups.NOT_SAID,
    ) -> Tally:
        """Validate and count one vote atomically; returns the tally after it."""
        ...

    def ballot_key(self, session: SessionInfo) -> str:
        """The session's random key for phones' vote marks (made on first use, then kept).

        Kept with the session so a restarted console recognises a phone that has
        already voted; it marks phones, never votes or people.
        """
        ...

    def change(self, session: SessionInfo, poll_id: str, edit: Callable[[Tally], None]) -> Tally:
        """Apply a facilitator change (open, close, reveal, moderate) atomically."""
        ...

    def tallies(self, session_id: str) -> dict[str, Tally]:
        """Every poll's tally in a session."""
        ...

    def stamp(self, session_id: str) -> object:
        """Something that changes whenever the session's tallies change (to poll cheaply)."""
        ...


class MemoryTallyStore:
    """Tallies in memory; gone when the process ends."""

    def __init__(self) -> None:
        self._rooms: dict[str, Room] = {}
        self._sessions: dict[str, PollSession] = {}
        self._current: dict[str, str | None] = {}
        self._joins: dict[str, PhoneJoin] = {}
        self._tallies: dict[str, dict[str, Tally]] = {}
        self._changes = 0
        self._changed: dict[str, int] = {}
        self._keys: dict[str, str] = {}

    def ballot_key(self, session: SessionInfo) -> str:
        """The session's key for vote marks."""
        return self._keys.setdefault(session.id, secrets.token_hex(32))

    def _touch(self, session_id: str) -> None:
        self._changes += 1
        self._changed[session_id] = self._changes

    def save_room(self, session: SessionInfo, room: Room, poll_set: str = "") -> None:
        """Record the room."""
        self._rooms[session.id] = room
        self._sessions[session.id] = PollSession(session, room, poll_set)
        self._touch(session.id)

    def room(self, session_id: str) -> Room | None:
        """The room, if recorded."""
        return self._rooms.get(session_id)

    def poll_sessions(self, date: str | None = None) -> list[PollSession]:
        """Sessions with a room, oldest first."""
        found = [s for s in self._sessions.values() if date is None or s.session.date == date]
        return sorted(found, key=lambda s: (s.session.date, self._changed.get(s.session.id, 0)))

    def set_current(self, session: SessionInfo, poll_id: str | None) -> None:
        """Remember the poll on the shared screen."""
        self._current[session.id] = poll_id
        self._touch(session.id)

    def current(self, session_id: str) -> str | None:
        """The poll on the shared screen."""
        return self._current.get(session_id)

    def set_phone_join(self, session: SessionInfo, join: PhoneJoin | None) -> None:
        """Remember how phones join."""
        if join is None:
            self._joins.pop(session.id, None)
        else:
            self._joins[session.id] = join
        self._touch(session.id)

    def phone_join(self, session_id: str) -> PhoneJoin | None:
        """How phones join, if they can."""
        return self._joins.get(session_id)

    def _tally(self, session_id: str, poll_id: str) -> Tally:
        return self._tallies.setdefault(session_id, {}).setdefault(poll_id, Tally(poll_id))

    def cast(
        self,
        session: SessionInfo,
        question: Question,
        raw: object,
        group: str = groups.NOT_SAID,
    ) -> Tally:
        """Count one vote."""
        tally = self._tally(session.id, question.id)
        add_vote(tally, question, raw, group)
        self._touch(session.id)
        return tally

    def change(self, session: SessionInfo, poll_id: str, edit: Callable[[Tally], None]) -> Tally:
        """Apply a facilitator change."""
        tally = self._tally(session.id, poll_id)
        edit(tally)
        self._touch(session.id)
        return tally

    def tallies(self, session_id: str) -> dict[str, Tally]:
        """Every tally in a session."""
        return dict(self._tallies.get(session_id, {}))

    def stamp(self, session_id: str) -> object:
        """A change counter."""
        return self._changes
