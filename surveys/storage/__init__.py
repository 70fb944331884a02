"""The storage port: what the kiosk, the web page and the exports need from storage.

``TinyDbResponseStore`` (the only module that imports TinyDB) is the real one;
``MemoryResponseStore`` serves fast unit tests.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Protocol

from surveys.storage.atomic import Recovery

CHANNELS = ("kiosk", "phone", "web", "paper")
"""How a response came in; "paper": a paper form keyed in later (it has no receipt)."""

_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def check_session_id(session_id: str) -> str:
    """The id unchanged, or ``ValueError``: a session id names a folder, so it is kept simple."""
    if not _SESSION_ID.fullmatch(session_id):
        raise ValueError("session ids are letters, digits, '-' and '_'")
    return session_id


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A kiosk session: one event, focus group or drop-in day. Date only, never a time."""

    id: str
    date: str

    @staticmethod
    def new(date: str) -> SessionInfo:
        """A session with a fresh random id for the given ISO date."""
        return SessionInfo(f"s{secrets.token_hex(6)}", date)


@dataclass(frozen=True, slots=True)
class SealedResponse:
    """One stored response: sealed answers plus the only plaintext allowed beside them."""

    id: str
    survey_id: str
    survey_version: str
    session_id: str
    session_date: str
    channel: str
    receipt_hash: str | None
    sealed: str

    def to_json(self) -> dict[str, object]:
        """The stored form."""
        return asdict(self)

    @staticmethod
    def from_json(data: object) -> SealedResponse:
        """Read the stored form back; ``ValueError`` when a field is missing or wrong."""
        if not isinstance(data, dict):
            raise ValueError("not a stored response")
        try:
            receipt = data["receipt_hash"]
            return SealedResponse(
                id=str(data["id"]),
                survey_id=str(data["survey_id"]),
                survey_version=str(data["survey_version"]),
                session_id=str(data["session_id"]),
                session_date=str(data["session_date"]),
                channel=str(data["channel"]),
                receipt_hash=None if receipt is None else str(receipt),
                sealed=str(data["sealed"]),
            )
        except KeyError as error:
            raise ValueError(f"stored response lacks {error}") from error


class ResponseStore(Protocol):
    """Where sealed responses and consent declines are kept."""

    def save(self, response: SealedResponse) -> None:
        """Store one response durably; when this returns, it survives a crash."""
        ...

    def record_decline(self, session: SessionInfo) -> None:
        """Count one "No thanks" at consent (nothing else about the person is kept)."""
        ...

    def declines(self, session_id: str) -> int:
        """How many people said "No thanks" in a session."""
        ...

    def sessions(self) -> list[SessionInfo]:
        """Every session with anything stored, oldest first."""
        ...

    def responses(self, session_ids: Iterable[str] | None = None) -> Iterator[SealedResponse]:
        """Stored responses, for all sessions or the chosen ones."""
        ...

    def count(self, session_id: str) -> int:
        """How many responses a session holds (without reading them)."""
        ...

    def withdraw(self, receipt_hash: str) -> SealedResponse | None:
        """Delete the response with this receipt hash; returns it, or None if not found.

        Its id is remembered as withdrawn in its session (see ``withdrawn``).
        """
        ...

    def withdraw_record(self, session: SessionInfo, record_id: str) -> SealedResponse | None:
        """Remember ``record_id`` as withdrawn and delete that response if stored here.

        Returns the deleted response, or None. Used by ``merge`` to carry a
        withdrawal made on another kiosk.
        """
        ...

    def withdrawn(self, session_id: str) -> set[str]:
        """Ids of responses withdrawn from a session, so a merge never brings them back.

        The ids are random and link to nothing once the response is gone; deleting
        the session deletes them too.
        """
        ...

    def forget_receipts(self, before_date: str) -> int:
        """Destroy receipt hashes of sessions dated before ``before_date``; returns how many."""
        ...

    def delete_session(self, session_id: str) -> int:
        """Delete a whole session (responses, counts, tallies, backups); returns responses gone."""
        ...

    def recover(self) -> list[Recovery]:
        """Check every file, restore damaged ones from backups, and say what was done."""
        ...
