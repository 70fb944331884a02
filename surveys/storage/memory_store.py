"""An in-memory ``ResponseStore`` for fast unit tests and trying things out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from surveys.storage import SealedResponse, SessionInfo, check_session_id
from surveys.storage.atomic import Recovery


class MemoryResponseStore:
    """Keeps everything in lists; gone when the process ends."""

    def __init__(self) -> None:
        self._responses: list[SealedResponse] = []
        self._sessions: dict[str, SessionInfo] = {}
        self._declines: dict[str, int] = {}
        self._withdrawn: dict[str, set[str]] = {}

    def save(self, response: SealedResponse) -> None:
        """Store one response."""
        check_session_id(response.session_id)
        self._sessions.setdefault(
            response.session_id, SessionInfo(response.session_id, response.session_date)
        )
        self._responses.append(response)

    def record_decline(self, session: SessionInfo) -> None:
        """Count one "No thanks"."""
        check_session_id(session.id)
        self._sessions.setdefault(session.id, session)
        self._declines[session.id] = self._declines.get(session.id, 0) + 1

    def declines(self, session_id: str) -> int:
        """How many said "No thanks" in a session."""
        return self._declines.get(session_id, 0)

    def sessions(self) -> list[SessionInfo]:
        """Every session, oldest first."""
        return sorted(self._sessions.values(), key=lambda s: (s.date, s.id))

    def responses(self, session_ids: Iterable[str] | None = None) -> Iterator[SealedResponse]:
        """Stored responses."""
        wanted = None if session_ids is None else set(session_ids)
        return iter([r for r in self._responses if wanted is None or r.session_id in wanted])

    def count(self, session_id: str) -> int:
        """How many responses a session holds."""
        return sum(1 for r in self._responses if r.session_id == session_id)

    def withdraw(self, receipt_hash: str) -> SealedResponse | None:
        """Delete the response with this receipt hash, remembering its id."""
        for response in self._responses:
            if response.receipt_hash == receipt_hash:
                session = SessionInfo(response.session_id, response.session_date)
                return self.withdraw_record(session, response.id)
        return None

    def withdraw_record(self, session: SessionInfo, record_id: str) -> SealedResponse | None:
        """Remember an id as withdrawn and delete that response if it is here."""
        check_session_id(session.id)
        self._sessions.setdefault(session.id, session)
        self._withdrawn.setdefault(session.id, set()).add(record_id)
        for response in self._responses:
            if response.session_id == session.id and response.id == record_id:
                self._responses.remove(response)
                return response
        return None

    def withdrawn(self, session_id: str) -> set[str]:
        """Ids of responses withdrawn from a session."""
        return set(self._withdrawn.get(session_id, ()))

    def delete_session(self, session_id: str) -> int:
        """Delete a whole session; returns how many responses went."""
        gone = [r for r in self._responses if r.session_id == session_id]
        self._responses = [r for r in self._responses if r.session_id != session_id]
        self._sessions.pop(session_id, None)
        self._declines.pop(session_id, None)
        self._withdrawn.pop(session_id, None)
        return len(gone)

    def forget_receipts(self, before_date: str) -> int:
        """Destroy receipt hashes of sessions before a date."""
        count = 0
        for index, response in enumerate(self._responses):
            if response.receipt_hash and response.session_date < before_date:
                self._responses[index] = replace(response, receipt_hash=None)
                count += 1
        return count

    def recover(self) -> list[Recovery]:
        """Nothing on disk, so nothing to recover."""
        return []
