"""Group commit of phone votes: a burst is one durable write; a failed write counts
none of its votes and tells every phone; one bad vote never spoils the others."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from kiosk.web.votes import VoteBox
from surveys.errors import AnswerError
from surveys.model import Question
from surveys.polls import Tally
from surveys.storage import SessionInfo
from surveys.storage.tallies import MemoryTallyStore


class CountingStore(MemoryTallyStore):
    """A memory tally store that counts its writes and can be told to fail."""

    def __init__(self) -> None:
        super().__init__()
        self.casts = 0
        self.changes = 0
        self.fail: OSError | None = None

    def cast(self, session: SessionInfo, question: Question, raw: object, group: str = "") -> Tally:
        self.casts += 1
        if self.fail:
            raise self.fail
        return super().cast(session, question, raw, group)

    def change(self, session: SessionInfo, poll_id: str, edit: Callable[[Tally], None]) -> Tally:
        self.changes += 1
        if self.fail:
            raise self.fail
        return super().change(session, poll_id, edit)


async def run_now(action: Callable[..., Any], *args: object, **kwargs: object) -> object:
    await asyncio.sleep(0)  # like a thread hop: other phones' votes arrive meanwhile
    return action(*args, **kwargs)


@pytest.fixture
def day(polls: tuple[Question, ...]) -> Question:
    return polls[0]


async def test_a_lone_vote_goes_through_cast(day: Question, session: SessionInfo) -> None:
    store = CountingStore()
    box = VoteBox(store, session, run_now)
    await box.cast(day, "Monday", "carer")
    assert (store.casts, store.changes) == (1, 0)
    tally = store.tallies(session.id)["day"]
    assert dict(tally.counts) == {"Monday": 1}
    assert dict(tally.by_group) == {"carer": 1}


async def test_a_burst_of_votes_is_one_write(day: Question, session: SessionInfo) -> None:
    store = CountingStore()
    box = VoteBox(store, session, run_now)
    await asyncio.gather(
        *(box.cast(day, ("Monday", "Tuesday")[i % 2], "not_said") for i in range(40))
    )
    assert store.casts + store.changes <= 2
    tally = store.tallies(session.id)["day"]
    assert tally.votes == 40
    assert dict(tally.counts) == {"Monday": 20, "Tuesday": 20}


async def test_a_failed_write_counts_none_of_its_votes_and_says_so(
    day: Question, session: SessionInfo
) -> None:
    store = CountingStore()
    store.fail = OSError(28, "No space left on device")
    box = VoteBox(store, session, run_now)
    results = await asyncio.gather(
        *(box.cast(day, "Monday", "not_said") for _ in range(5)), return_exceptions=True
    )
    assert all(isinstance(result, OSError) for result in results)
    assert "day" not in store.tallies(session.id) or store.tallies(session.id)["day"].votes == 0


async def test_one_refused_vote_does_not_spoil_the_burst(
    day: Question, session: SessionInfo
) -> None:
    store = CountingStore()
    box = VoteBox(store, session, run_now)
    results = await asyncio.gather(
        box.cast(day, "Monday", "not_said"),
        box.cast(day, "Sunday", "not_said"),
        box.cast(day, "Tuesday", "not_said"),
        return_exceptions=True,
    )
    assert results[0] is None
    assert isinstance(results[1], AnswerError)
    assert results[2] is None
    assert dict(store.tallies(session.id)["day"].counts) == {"Monday": 1, "Tuesday": 1}


async def test_votes_for_two_polls_in_one_burst_go_to_their_own_tallies(
    polls: tuple[Question, ...], session: SessionInfo
) -> None:
    store = CountingStore()
    box = VoteBox(store, session, run_now)
    await asyncio.gather(
        box.cast(polls[0], "Monday", "not_said"),
        box.cast(polls[1], 4, "not_said"),
        box.cast(polls[0], "Monday", "not_said"),
    )
    counted = store.tallies(session.id)
    assert dict(counted["day"].counts) == {"Monday": 2}
    assert dict(counted["useful"].counts) == {"4": 1}
