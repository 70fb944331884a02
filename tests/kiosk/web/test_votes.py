"""Group commit of phone votes: a burst is one durable write; a failed write counts
none of its votes and tells every phone; one bad vote never spoils the others; and
a vote that reaches the store after its poll closed is refused inside the lock."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from kiosk.web.votes import VoteBox
from surveys.errors import AnswerError
from surveys.model import Question
from surveys.polls import PollClosedError, PollStatus, Tally
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


def set_status(status: PollStatus) -> Callable[[Tally], None]:
    def edit(tally: Tally) -> None:
        tally.status = status

    return edit


def opened(session: SessionInfo, *poll_ids: str) -> CountingStore:
    """A store with these polls open (as the facilitator leaves them), writes not counted."""
    store = CountingStore()
    for poll_id in poll_ids:
        store.change(session, poll_id, set_status(PollStatus.OPEN))
    store.changes = 0
    return store


@pytest.fixture
def day(polls: tuple[Question, ...]) -> Question:
    return polls[0]


async def test_a_lone_vote_is_one_locked_change(day: Question, session: SessionInfo) -> None:
    store = opened(session, "day")
    box = VoteBox(store, session, run_now)
    await box.cast(day, "Monday", "carer")
    assert (store.casts, store.changes) == (0, 1)
    tally = store.tallies(session.id)["day"]
    assert dict(tally.counts) == {"Monday": 1}
    assert dict(tally.by_group) == {"carer": 1}


async def test_a_burst_of_votes_is_one_write(day: Question, session: SessionInfo) -> None:
    store = opened(session, "day")
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
    store = opened(session, "day")
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
    store = opened(session, "day")
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
    store = opened(session, "day", "useful")
    box = VoteBox(store, session, run_now)
    await asyncio.gather(
        box.cast(polls[0], "Monday", "not_said"),
        box.cast(polls[1], 4, "not_said"),
        box.cast(polls[0], "Monday", "not_said"),
    )
    counted = store.tallies(session.id)
    assert dict(counted["day"].counts) == {"Monday": 2}
    assert dict(counted["useful"].counts) == {"4": 1}


@pytest.mark.parametrize("status", [PollStatus.WAITING, PollStatus.CLOSED])
async def test_a_vote_for_a_poll_that_is_not_open_is_refused_and_not_counted(
    day: Question, session: SessionInfo, status: PollStatus
) -> None:
    store = CountingStore()
    store.change(session, "day", set_status(status))
    box = VoteBox(store, session, run_now)
    with pytest.raises(PollClosedError):
        await box.cast(day, "Monday", "carer")
    assert store.tallies(session.id)["day"].votes == 0


async def test_a_poll_closed_while_the_votes_wait_for_the_disk_counts_none_of_them(
    day: Question, session: SessionInfo
) -> None:
    store = opened(session, "day")

    async def facilitator_closes_first(action: Callable[..., Any], *args: object) -> object:
        # The votes were checked as open when they arrived; the facilitator's close
        # reaches the store first, then the votes' own locked change runs.
        await asyncio.sleep(0)
        store.change(session, "day", set_status(PollStatus.CLOSED))
        return action(*args)

    box = VoteBox(store, session, facilitator_closes_first)
    results = await asyncio.gather(
        *(box.cast(day, "Monday", "not_said") for _ in range(3)), return_exceptions=True
    )
    assert all(isinstance(result, PollClosedError) for result in results)
    tally = store.tallies(session.id)["day"]
    assert tally.votes == 0
    assert tally.status is PollStatus.CLOSED
