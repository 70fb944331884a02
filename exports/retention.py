"""Keeping data only as long as promised: retention purge and the withdrawal cut-off.

* ``purge`` deletes every session (its sealed responses, "No thanks" count and
  backups) older than the retention period the consent text promised.
* ``forget_old_receipts`` destroys receipt-code hashes after the withdrawal
  cut-off, after which nobody can find (or take back) a response by its code.

Both write one audit line per action (no answers, no codes) and return a plain
summary for the command line.

Deleting a session is the store's job (``ResponseStore.delete_session``), done
under the session's own file lock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from surveys.audit import AuditLog
from surveys.storage import ResponseStore


class RetentionError(Exception):
    """Retention could not be applied; the message is plain."""


@dataclass(frozen=True)
class PurgeResult:
    """What ``purge`` deleted."""

    sessions: int
    responses: int
    cutoff: dt.date
    skipped: tuple[str, ...] = ()

    def summary(self) -> str:
        """A plain sentence or two."""
        if not self.sessions:
            text = f"Nothing to delete: no sessions from before {self.cutoff.isoformat()}."
        else:
            text = (
                f"Deleted {self.responses} responses from {self.sessions} sessions held "
                f"before {self.cutoff.isoformat()}."
            )
        if self.skipped:
            text += f" {len(self.skipped)} sessions have no readable date and were kept."
        return text


def purge(
    store: ResponseStore,
    keep_days: int,
    today: dt.date,
    audit: AuditLog | None = None,
) -> PurgeResult:
    """Delete every session dated more than ``keep_days`` before ``today``."""
    if keep_days < 0:
        raise RetentionError("The number of days to keep data can't be negative.")
    cutoff = today - dt.timedelta(days=keep_days)
    sessions = responses = 0
    skipped: list[str] = []
    for session in store.sessions():
        try:
            day = dt.date.fromisoformat(session.date)
        except ValueError:
            skipped.append(session.id)
            continue
        if day >= cutoff:
            continue
        deleted = store.delete_session(session.id)
        sessions += 1
        responses += deleted
        if audit is not None:
            audit.record(
                "purge",
                session=session.id,
                count=deleted,
                reason=f"older than {keep_days} days",
            )
    return PurgeResult(sessions, responses, cutoff, tuple(skipped))


@dataclass(frozen=True)
class ForgetResult:
    """What ``forget_old_receipts`` did."""

    receipts: int
    cutoff: dt.date

    def summary(self) -> str:
        """A plain sentence."""
        if not self.receipts:
            return f"No receipt codes from before {self.cutoff.isoformat()} were left to forget."
        return (
            f"Forgot {self.receipts} receipt codes from sessions before "
            f"{self.cutoff.isoformat()}. Those answers can no longer be taken back by code."
        )


def forget_old_receipts(
    store: ResponseStore,
    withdraw_days: int,
    today: dt.date,
    audit: AuditLog | None = None,
) -> ForgetResult:
    """Destroy receipt hashes of sessions more than ``withdraw_days`` before ``today``."""
    if withdraw_days < 0:
        raise RetentionError("The withdrawal period can't be negative.")
    cutoff = today - dt.timedelta(days=withdraw_days)
    count = store.forget_receipts(cutoff.isoformat())
    if audit is not None:
        audit.record(
            "forget-receipts", count=count, reason=f"withdrawal cut-off of {withdraw_days} days"
        )
    return ForgetResult(count, cutoff)
