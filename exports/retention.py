"""Keeping data only as long as promised: retention purge and the withdrawal cut-off.

* ``purge`` deletes every session (its sealed responses, "No thanks" count and
  backups) older than the retention period the consent text promised.
* ``forget_old_receipts`` destroys receipt-code hashes after the withdrawal
  cut-off, after which nobody can find (or take back) a response by its code.
* ``withdraw_by_code`` takes one response back.

Purging and withdrawing also delete the coordinator's edited wording of comments
on those surveys from the review file (``exports.comment_review.forget_edits``).

Both write one audit line per action (no answers, no codes) and return a plain
summary for the command line.

Deleting a session is the store's job (``ResponseStore.delete_session``), done
under the session's own file lock.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from exports.comment_review import forget_edits
from surveys.audit import AuditLog
from surveys.errors import PlainError
from surveys.sending import withdraw
from surveys.storage import ResponseStore, SealedResponse

log = logging.getLogger(__name__)


class RetentionError(PlainError):
    """Retention could not be applied; the message is plain."""


@dataclass(frozen=True)
class PurgeResult:
    """What ``purge`` deleted."""

    sessions: int
    responses: int
    cutoff: dt.date
    skipped: tuple[str, ...] = ()
    edits: int = 0
    """Edited comment wordings deleted from the review file with the answers."""

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
        if self.edits:
            text += (
                f" Your edited wording of {self.edits} comments on those surveys was deleted "
                "too: review them again before the next export."
            )
        return text


def purge(
    store: ResponseStore,
    keep_days: int,
    today: dt.date,
    audit: AuditLog | None = None,
    review_file: Path | None = None,
) -> PurgeResult:
    """Delete every session dated more than ``keep_days`` before ``today``.

    Edited wording in ``review_file`` of comments on the deleted surveys goes too.
    """
    if keep_days < 0:
        raise RetentionError("The number of days to keep data can't be negative.")
    cutoff = today - dt.timedelta(days=keep_days)
    sessions = responses = 0
    skipped: list[str] = []
    surveys: set[str] = set()
    for session in store.sessions():
        try:
            day = dt.date.fromisoformat(session.date)
        except ValueError:
            skipped.append(session.id)
            continue
        if day >= cutoff:
            continue
        surveys |= {r.survey_id for r in store.responses([session.id])}
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
    edits = forget_edits(review_file, surveys)
    return PurgeResult(sessions, responses, cutoff, tuple(skipped), edits)


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


def withdraw_by_code(
    code: str,
    store: ResponseStore,
    audit: AuditLog | None = None,
    *,
    withdraw_days: int | None = None,
    review_file: Path | None = None,
) -> tuple[bool, str]:
    """``surveys.sending.withdraw``, also deleting edited wording of that survey's comments.

    The person is told their answers are gone whatever happens to the review file:
    they are. A review file that can't be changed is logged for the coordinator.
    """
    removed: list[SealedResponse] = []
    done, message = withdraw(
        code, store, audit, withdraw_days=withdraw_days, on_removed=removed.append
    )
    if removed:
        try:
            forget_edits(review_file, {r.survey_id for r in removed})
        except OSError as error:
            log.error("The review file could not be changed after a withdrawal: %s", error.strerror)
    return done, message
