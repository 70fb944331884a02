"""Counting phone votes: many phones at once, one durable write per burst.

Each counted vote costs the tally store a durable rewrite of the session file
(temp file, fsync, replace, fsync the folder). Fifty phones voting in the same
second would queue fifty of those one after another, so the last phone would wait
for all of them. ``VoteBox`` gathers the votes that arrive while a write is under
way and counts them together in the next one (group commit): one lock, one
rewrite, every vote in it counted or — if the write fails — none, and each phone
is told which.

Every write goes through ``TallyStore.change``: inside the store's lock it applies
``surveys.polls.add_vote_if_open`` to each vote, the same rule the tablet's votes
keep. The page checked the poll was open when the vote arrived, but the
facilitator may close it while the vote waits for the disk; checking again inside
the same locked change means a vote arriving just after the close is refused
(``PollClosedError``) and never counted. A phone hears "counted" only after its
vote is on disk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from surveys.errors import AnswerError
from surveys.model import Question
from surveys.polls import AlreadyVotedError, RoomFullError, Tally, add_vote_if_open
from surveys.storage import SessionInfo
from surveys.storage.tallies import TallyStore

Blocking = Callable[..., Awaitable[object]]
"""Runs a blocking call off the event loop (``PhoneContext.blocking``)."""


@dataclass
class _Vote:
    poll: Question
    raw: object
    group: str
    done: asyncio.Future[None] = field(repr=False)
    marker: str | None = None


class VoteBox:
    """Counts votes for one session, in bursts, on the storage thread."""

    def __init__(self, tallies: TallyStore, session: SessionInfo, blocking: Blocking) -> None:
        self._tallies = tallies
        self._session = session
        self._blocking = blocking
        self._waiting: list[_Vote] = []
        self._writer: asyncio.Task[None] | None = None

    async def cast(
        self, poll: Question, raw: object, group: str, marker: str | None = None
    ) -> None:
        """Count one vote; returns once it is stored, raises if it could not be.

        A full room raises ``RoomFullError``, a phone whose ``marker`` is already on
        the poll ``AlreadyVotedError``; neither is counted.
        """
        vote = _Vote(poll, raw, group, asyncio.get_running_loop().create_future(), marker)
        self._waiting.append(vote)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_all())
        await asyncio.shield(vote.done)

    async def _write_all(self) -> None:
        while self._waiting:
            burst, self._waiting = self._waiting, []
            by_poll: dict[str, list[_Vote]] = {}
            for vote in burst:
                by_poll.setdefault(vote.poll.id, []).append(vote)
            for votes in by_poll.values():
                await self._write(votes)

    async def _write(self, votes: list[_Vote]) -> None:
        refused: dict[int, Exception] = {}

        def count_all(tally: Tally) -> None:
            # Runs inside the store's lock: a poll closed a moment ago refuses the
            # whole burst (PollClosedError), so it counts nothing. The room's
            # headcount is read in the same lock, so a burst can't overfill it.
            room = self._tallies.room(self._session.id)
            for index, vote in enumerate(votes):
                try:
                    add_vote_if_open(
                        tally, vote.poll, vote.raw, vote.group, room=room, marker=vote.marker
                    )
                except (AnswerError, RoomFullError, AlreadyVotedError) as error:
                    refused[index] = error

        try:
            await self._blocking(self._tallies.change, self._session, votes[0].poll.id, count_all)
        except Exception as error:  # every waiting phone hears why
            for vote in votes:
                if not vote.done.done():
                    vote.done.set_exception(error)
            return
        for index, vote in enumerate(votes):
            if vote.done.done():
                continue
            if index in refused:
                vote.done.set_exception(refused[index])
            else:
                vote.done.set_result(None)
