"""Counting phones' ideas and ballots: many phones at once, one durable write per burst.

Each idea or ballot costs the idea store a durable rewrite of the session file
(every idea locked again, temp file, fsync, replace). Thirty phones sending in the
same second would queue thirty of those one after another. ``FocusBox`` gathers
what arrives while a write is under way and puts it in the next write (group
commit), as ``kiosk.web.votes.VoteBox`` does for poll votes: one lock, one rewrite.

It makes the same calls as ``FocusGroup.add`` and ``FocusGroup.cast``, for several
at once: ``surveys.ideas.add_idea`` inside ``change_pool`` (the moderation queue,
at a random place; the group only as a count), and ``surveys.idea_ranking.cast_ballot``
inside ``change_round`` (the ballot checked against the round, the phone's mark,
the round still open — all inside the session's lock). Each phone hears about its
own item only: counted, or the kind reason it wasn't. Before each burst the stage
now is read again (``TinyDbPlanStore.now``), so nothing is taken in once the plan
has moved on; inside the lock, the room's headcount is the ceiling for ballots,
as for poll votes. If the write fails, nothing in that burst is kept and each
phone may send again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from surveys import groups
from surveys.focus_group import FocusGroup
from surveys.idea_ranking import BallotError, RankTally, cast_ballot
from surveys.ideas import IdeaError, IdeaPool, add_idea
from surveys.plan_model import StageKind
from surveys.polls import AlreadyVotedError, PollClosedError, PollStatus, Room, RoomFullError
from surveys.storage.tallies import TallyStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore

Blocking = Callable[..., Awaitable[object]]
"""Runs a blocking call off the event loop (``PhoneContext.blocking``)."""


class WritingClosedError(Exception):
    """The plan is no longer at a stage that takes ideas: nothing was kept."""


def room_is_full(tally: RankTally, room: Room, group: str) -> bool:
    """True when one more ballot (from ``group``) would be more than the room holds:
    the same ceiling as a poll's (``surveys.polls.room_is_full``)."""
    if room.expected and tally.votes >= room.expected:
        return True
    if room.groups and group != groups.NOT_SAID:
        return tally.voters.get(group, 0) >= room.groups.get(group, 0)
    return False


@dataclass
class _Item:
    done: asyncio.Future[None] = field(repr=False)
    group: str
    text: str = ""
    round_id: str = ""
    ballot: object = None
    marker: str = ""


class FocusBox:
    """Takes in ideas and ballots for one session, in bursts, on the storage thread."""

    def __init__(
        self,
        focus: FocusGroup,
        plans: TinyDbPlanStore,
        tallies: TallyStore | None,
        blocking: Blocking,
    ) -> None:
        self._focus = focus
        self._plans = plans
        self._tallies = tallies
        self._blocking = blocking
        self._ideas: list[_Item] = []
        self._ballots: list[_Item] = []
        self._writer: asyncio.Task[None] | None = None

    async def add(self, text: str, group: str) -> None:
        """Put one idea in the moderation queue; returns once it is stored.

        Raises ``IdeaError`` (with kind words) or ``WritingClosedError``.
        """
        item = _Item(asyncio.get_running_loop().create_future(), group, text=text)
        await self._wait(item, self._ideas)

    async def cast(self, round_id: str, ballot: object, group: str, marker: str) -> None:
        """Count one ballot; returns once it is stored.

        Raises ``BallotError``, ``PollClosedError`` (the ranking has closed),
        ``AlreadyVotedError`` (this phone's mark is there) or ``RoomFullError``.
        """
        future = asyncio.get_running_loop().create_future()
        item = _Item(future, group, round_id=round_id, ballot=ballot, marker=marker)
        await self._wait(item, self._ballots)

    async def _wait(self, item: _Item, queue: list[_Item]) -> None:
        queue.append(item)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_all())
        await asyncio.shield(item.done)

    async def _write_all(self) -> None:
        while self._ideas or self._ballots:
            ideas, self._ideas = self._ideas, []
            ballots, self._ballots = self._ballots, []
            if ideas:
                await self._settle(ideas, self._write_ideas)
            by_round: dict[str, list[_Item]] = {}
            for item in ballots:
                by_round.setdefault(item.round_id, []).append(item)
            for items in by_round.values():
                await self._settle(items, self._write_ballots)

    async def _settle(
        self, items: list[_Item], write: Callable[[list[_Item]], list[Exception | None]]
    ) -> None:
        try:
            outcomes = await self._blocking(write, items)
        except Exception as error:  # every waiting phone hears why: nothing was kept
            for item in items:
                if not item.done.done():
                    item.done.set_exception(error)
            return
        assert isinstance(outcomes, list)
        for item, outcome in zip(items, outcomes, strict=True):
            if item.done.done():
                continue
            if outcome is None:
                item.done.set_result(None)
            else:
                item.done.set_exception(outcome)

    # -- on the storage thread ---------------------------------------------------------

    def _write_ideas(self, items: list[_Item]) -> list[Exception | None]:
        focus = self._focus
        stage = self._plans.now(focus.session.id)
        if stage is None or not stage.accepts(StageKind.IDEAS):
            return [WritingClosedError() for _ in items]
        outcomes: list[Exception | None] = [None] * len(items)

        def add_all(pool: IdeaPool) -> None:
            for index, item in enumerate(items):
                try:
                    add_idea(pool, item.text, item.group)
                except IdeaError as error:
                    outcomes[index] = error

        focus.store.change_pool(focus.session, add_all)
        return outcomes

    def _write_ballots(self, items: list[_Item]) -> list[Exception | None]:
        focus = self._focus
        round_id = items[0].round_id
        stage = self._plans.now(focus.session.id)
        if (
            stage is None
            or not stage.accepts(StageKind.RANK)
            or stage.round_id != round_id
            or focus.round(round_id).status is not PollStatus.OPEN
        ):
            return [PollClosedError() for _ in items]
        outcomes: list[Exception | None] = [None] * len(items)

        def cast_all(tally: RankTally, pool: IdeaPool) -> None:
            # Inside the session's lock: the round's status, the phone's mark and the
            # room's headcount are read with the totals they guard.
            tallies = self._tallies
            room = tallies.room(focus.session.id) if tallies is not None else None
            for index, item in enumerate(items):
                try:
                    if (
                        room is not None
                        and tally.status is PollStatus.OPEN
                        and item.marker not in tally.markers
                        and room_is_full(tally, room, item.group)
                    ):
                        raise RoomFullError
                    cast_ballot(tally, pool, item.ballot, item.group, marker=item.marker)
                except (BallotError, PollClosedError, AlreadyVotedError, RoomFullError) as error:
                    outcomes[index] = error

        focus.store.change_round(focus.session, round_id, cast_all)
        return outcomes
