"""One focus group's ideas and rankings as the console runs them: plain Python, no Textual.

``FocusGroup`` is what a console, a phone page or a passed tablet calls: every
change goes through the store under the session's lock, so phones in another
process and the console never lose each other's changes, and a restarted console
picks up where it was. The audit log hears of the facilitator's steps (a merge,
opening a ranking) with counts only: never an idea's words, never a ballot, and
nothing per idea or per voter (its times would line up with who held the tablet).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from surveys import groups
from surveys.audit import AuditLog
from surveys.idea_ranking import (
    RankResults,
    RankTally,
    Style,
    close_round,
    open_round,
    results,
)
from surveys.ideas import (
    Idea,
    IdeaPool,
    IdeaStatus,
    add_idea,
    mark_clarified,
    merge,
    moderate,
    step,
    stop_collecting,
    undo_merge,
)
from surveys.storage import SessionInfo
from surveys.storage.tinydb_ideas import TinyDbIdeaStore

T = TypeVar("T")


class FocusGroup:
    """The ideas and ranking rounds of one session, and every change to them."""

    def __init__(
        self, store: TinyDbIdeaStore, session: SessionInfo, audit: AuditLog | None = None
    ) -> None:
        self.store = store
        self.session = session
        self.audit = audit

    # -- reading -----------------------------------------------------------------

    @property
    def pool(self) -> IdeaPool:
        """The pool as stored now."""
        return self.store.pool(self.session.id)

    def round(self, round_id: str) -> RankTally:
        """A ranking round as stored now (an unopened one if there is none yet)."""
        return self.store.rounds(self.session.id).get(round_id) or RankTally(round_id)

    def on_screen(self) -> Idea | None:
        """The idea the round-robin shows now, or None."""
        pool = self.pool
        return pool.find(pool.on_screen) if pool.on_screen is not None else None

    def results(self, round_id: str, top: int = 3) -> RankResults:
        """A closed round's results (``RevealError`` while it is open)."""
        return results(self.round(round_id), self.pool, top)

    # -- ideas in ------------------------------------------------------------------

    def add(self, text: str, group: str = groups.NOT_SAID) -> None:
        """One idea from a phone or the passed tablet (``IdeaError`` when refused).

        Returns nothing: whoever wrote it learns nothing that could find it again.
        """
        self._pool(lambda pool: add_idea(pool, text, group))

    def moderate(self, idea_id: str, status: IdeaStatus) -> None:
        """Hold, show or drop one idea."""
        self._pool(lambda pool: moderate(pool, idea_id, status))

    def stop_writing(self) -> None:
        """Writing time is over."""
        self._pool(stop_collecting)
        self._record("ideas-closed", count=len(self.pool.ideas))

    # -- round-robin ------------------------------------------------------------------

    def next(self) -> Idea | None:
        """Show the next idea."""
        return self._pool(lambda pool: step(pool, 1))

    def previous(self) -> Idea | None:
        """Show the idea before."""
        return self._pool(lambda pool: step(pool, -1))

    def clarified(self, idea_id: str, done: bool = True) -> None:
        """Mark an idea as talked through."""
        self._pool(lambda pool: mark_clarified(pool, idea_id, done))

    # -- merging ---------------------------------------------------------------------

    def merge(self, idea_ids: Sequence[str], wording: str) -> Idea:
        """Combine ideas under the facilitator's wording (``IdeaError`` when it can't)."""
        combined = self._pool(lambda pool: merge(pool, idea_ids, wording))
        self._record("ideas-merged", count=len(combined.combines))
        return combined

    def undo_merge(self, idea_id: str | None = None) -> list[Idea]:
        """Undo a merge (the latest when None)."""
        freed = self._pool(lambda pool: undo_merge(pool, idea_id))
        self._record("merge-undone", count=len(freed))
        return freed

    # -- ranking ------------------------------------------------------------------------

    def open_ranking(self, round_id: str, style: Style, size: int) -> RankTally:
        """Open a ranking round over the ideas on the list."""
        tally = self.store.change_round(
            self.session, round_id, lambda t, pool: open_round(t, pool, style, size)
        )
        self._record("ranking-open", record=round_id, count=len(tally.candidates))
        return tally

    def cast(
        self,
        round_id: str,
        ballot: object,
        group: str = groups.NOT_SAID,
        *,
        marker: str | None = None,
    ) -> None:
        """Count one ballot (``BallotError``, ``PollClosedError`` or ``AlreadyVotedError``)."""
        self.store.cast(self.session, round_id, ballot, group, marker=marker)

    def close_ranking(self, round_id: str) -> RankTally:
        """Stop taking ballots; the results may now be shown."""
        tally = self.store.change_round(self.session, round_id, lambda t, _pool: close_round(t))
        self._record("ranking-close", record=round_id, count=tally.votes)
        return tally

    # -- helpers ------------------------------------------------------------------------

    def _pool(self, edit: Callable[[IdeaPool], T]) -> T:
        return self.store.change_pool(self.session, edit)

    def _record(self, event: str, **detail: object) -> None:
        if self.audit is not None:
            self.audit.record(event, session=self.session.id, **detail)
