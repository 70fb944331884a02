"""Open comments never keep the order people voted in (with a tablet passed round,
that order is where they sit), and one rule decides whether a vote counts."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from surveys.poll_files import PollSet
from surveys.polls import PollClosedError, PollStatus, Tally, add_vote, add_vote_if_open
from surveys.storage import SessionInfo
from surveys.storage.tallies import MemoryTallyStore, TallyStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore

SESSION = SessionInfo("sfocus02", "2026-11-25")
MANY = 30


def _arrivals(count: int) -> list[str]:
    return [f"Comment number {n}" for n in range(count)]


def test_comments_go_in_at_random_places_with_random_ids(poll_set: PollSet) -> None:
    better = poll_set.polls[1]
    tally = Tally("better")
    at_the_end = 0
    for words in _arrivals(MANY):
        add_vote(tally, better, words)
        if tally.comments[-1].text == words:
            at_the_end += 1
    texts = [c.text for c in tally.comments]
    assert sorted(texts) == sorted(_arrivals(MANY))
    assert texts != _arrivals(MANY)  # 1 chance in 30! of arriving in order
    assert at_the_end < MANY
    ids = [c.id for c in tally.comments]
    assert len(set(ids)) == MANY
    assert all(re.fullmatch(r"c[0-9a-f]{8}", i) for i in ids)
    assert set(ids) != {f"c{n}" for n in range(1, MANY + 1)}


def test_callers_cannot_choose_a_comment_id() -> None:
    assert "comment_id" not in inspect.signature(add_vote).parameters


@pytest.fixture(params=["memory", "tinydb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> TallyStore:
    if request.param == "memory":
        return MemoryTallyStore()
    return TinyDbTallyStore(tmp_path / "sessions")


def test_stored_comments_do_not_keep_the_order_they_arrived(
    store: TallyStore, poll_set: PollSet
) -> None:
    better = poll_set.polls[1]
    for words in _arrivals(MANY):
        store.cast(SESSION, better, words)
    texts = [c.text for c in store.tallies(SESSION.id)["better"].comments]
    assert sorted(texts) == sorted(_arrivals(MANY))
    assert texts != _arrivals(MANY)


@pytest.mark.parametrize("status", [PollStatus.WAITING, PollStatus.CLOSED])
def test_a_vote_counts_only_while_the_poll_is_open(poll_set: PollSet, status: PollStatus) -> None:
    day = poll_set.polls[0]
    tally = Tally("day", status=status)
    with pytest.raises(PollClosedError):
        add_vote_if_open(tally, day, "Monday")
    assert tally.votes == 0
    tally.status = PollStatus.OPEN
    add_vote_if_open(tally, day, "Monday", "carer")
    assert (tally.votes, dict(tally.counts), dict(tally.by_group)) == (
        1,
        {"Monday": 1},
        {"carer": 1},
    )
