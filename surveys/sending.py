"""Sending a response: seal it, store it durably, and give the person a receipt code."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from surveys import receipts
from surveys.audit import AuditLog
from surveys.sealing import Sealer
from surveys.session import CompletedResponse
from surveys.storage import CHANNELS, ResponseStore, SealedResponse, SessionInfo

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Receipt:
    """What the participant is shown after Send. The code itself is never stored."""

    code: str
    record_id: str

    @property
    def spoken(self) -> str:
        """The code as it is read aloud."""
        return receipts.spoken(self.code)


def send_response(
    completed: CompletedResponse,
    *,
    sealer: Sealer,
    store: ResponseStore,
    session: SessionInfo,
    channel: str = "kiosk",
    audit: AuditLog | None = None,
) -> Receipt:
    """Seal and store a response. When this returns, the response is on disk.

    The audit entry names the session and survey but not the record. Responses are
    stored in the order they were sent, so the n-th ``send`` line matches the n-th
    stored response; that is why the entry carries the day only, never a time
    (``surveys.audit.DAY_ONLY``): it says no more than the response's session date.
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    code = receipts.new_code()
    record = SealedResponse(
        id=uuid.uuid4().hex,
        survey_id=completed.survey_id,
        survey_version=completed.survey_version,
        session_id=session.id,
        session_date=session.date,
        channel=channel,
        receipt_hash=receipts.code_hash(code),
        sealed=sealer.seal(completed.to_json()),
    )
    store.save(record)
    # The response is safely stored now: a failing audit write must not hide the
    # receipt code from the participant (they could never withdraw), so it is logged.
    _audit(audit, "send", session=session.id, survey=completed.survey_id, channel=channel)
    return Receipt(code, record.id)


def store_keyed_in(
    completed: CompletedResponse,
    *,
    sealer: Sealer,
    store: ResponseStore,
    session: SessionInfo,
    channel: str = "paper",
    audit: AuditLog | None = None,
) -> str:
    """Seal and store a response keyed in from paper; returns the stored record's id.

    Stored like any response, with no receipt: a paper form has no receipt code
    (its consent text says it cannot be taken back once in the box). The audit
    entry is the same ``send`` line the kiosk writes.
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    record = SealedResponse(
        id=uuid.uuid4().hex,
        survey_id=completed.survey_id,
        survey_version=completed.survey_version,
        session_id=session.id,
        session_date=session.date,
        channel=channel,
        receipt_hash=None,
        sealed=sealer.seal(completed.to_json()),
    )
    store.save(record)
    _audit(audit, "send", session=session.id, survey=completed.survey_id, channel=channel)
    return record.id


def _audit(audit: AuditLog | None, event: str, **detail: object) -> None:
    if audit is None:
        return
    try:
        audit.record(event, **detail)
    except OSError as error:
        log.error("The audit log could not be written (%s): %s", event, error.strerror)


def record_decline(
    store: ResponseStore, session: SessionInfo, audit: AuditLog | None = None
) -> None:
    """Count a "No thanks" at consent; nothing about the person is kept."""
    store.record_decline(session)
    _audit(audit, "decline", session=session.id)


def withdraw(
    code: str,
    store: ResponseStore,
    audit: AuditLog | None = None,
    *,
    withdraw_days: int | None = None,
    on_removed: Callable[[SealedResponse], None] | None = None,
) -> tuple[bool, str]:
    """Withdraw by receipt code. Returns (done, a plain sentence to show or print).

    ``withdraw_days`` is the kiosk's cut-off: after it, receipt hashes are destroyed,
    so a code from then is simply not found, and the message says so plainly.
    ``on_removed`` is told which stored response went (to delete what was made from it).
    """
    canonical = receipts.normalise(code)
    if canonical is None:
        return False, (
            "That doesn't look like a receipt code. Codes have 10 letters and numbers, "
            "like 7K3QD-M9XTA. Please check it and try again."
        )
    removed = store.withdraw(receipts.code_hash(canonical))
    if removed is None:
        message = (
            "We couldn't find answers with that code. They may already have been "
            "deleted, or the time for taking answers back may have passed."
        )
        if withdraw_days is not None:
            days = "1 day" if withdraw_days == 1 else f"{withdraw_days} days"
            message += (
                f" Answers can only be taken back within {days} of the day they were "
                "sent. After that, withdrawal is no longer possible."
            )
        return False, message
    _audit(audit, "withdraw", record=removed.id, session=removed.session_id)
    if on_removed is not None:
        on_removed(removed)
    return True, "Done. Those answers have been deleted and will not be used."
