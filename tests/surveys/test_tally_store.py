"""Tallies in the session's TinyDB file: durable, shared between processes, resumable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from surveys.poll_files import PollSet
from surveys.polls import CommentStatus, PollStatus, Room, Tally
from surveys.storage import SessionInfo
from surveys.storage.tallies import MemoryTallyStore, TallyStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore

ROOT = Path(__file__).resolve().parents[2]
SESSION = SessionInfo("sfocus01", "2026-11-25")


@pytest.fixture(params=["memory", "tinydb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> TallyStore:
    if request.param == "memory":
        return MemoryTallyStore()
    return TinyDbTallyStore(tmp_path / "sessions")


def test_votes_are_counted_and_kept_as_tallies_only(store: TallyStore, poll_set: PollSet) -> None:
    day = poll_set.polls[0]
    for answer, group in [("Monday", "lived"), ("Tuesday", "carer"), ("Monday", "not_said")]:
        store.cast(SESSION, day, answer, group)
    tally = store.tallies(SESSION.id)["day"]
    assert tally.votes == 3
    assert dict(tally.counts) == {"Monday": 2, "Tuesday": 1}
    assert dict(tally.by_group) == {"lived": 1, "carer": 1, "not_said": 1}


def test_room_and_poll_state_survive_a_restart(tmp_path: Path, poll_set: PollSet) -> None:
    first = TinyDbTallyStore(tmp_path / "sessions")
    room = Room("Course review group", "2026-11-25", 9, {"lived": 5, "carer": 2, "clinician": 2})
    first.save_room(SESSION, room)
    first.cast(SESSION, poll_set.polls[0], "Wednesday", "lived")

    def reveal(tally: Tally) -> None:
        tally.status = PollStatus.CLOSED
        tally.revealed = True

    first.change(SESSION, "day", reveal)
    again = TinyDbTallyStore(tmp_path / "sessions")
    assert again.room(SESSION.id) == room
    tally = again.tallies(SESSION.id)["day"]
    assert (tally.votes, tally.status, tally.revealed) == (1, PollStatus.CLOSED, True)


def test_comment_moderation_is_stored(store: TallyStore, poll_set: PollSet) -> None:
    better = poll_set.polls[1]
    store.cast(SESSION, better, "Call me on 07700 900123")
    store.cast(SESSION, better, "More breaks")
    tally = store.tallies(SESSION.id)["better"]
    first, second = tally.comments
    assert first.id != second.id
    assert first.id.startswith("c")

    def moderate(tally: Tally) -> None:
        for comment in tally.comments:
            shown = comment.text.startswith("Call")
            comment.status = CommentStatus.SHOWN if shown else CommentStatus.DROPPED

    store.change(SESSION, "better", moderate)
    stored = {c.text: c for c in store.tallies(SESSION.id)["better"].comments}
    assert stored["Call me on 07700 900123"].display_text == "Call me on [phone]"
    assert stored["More breaks"].status is CommentStatus.DROPPED


def test_stamp_changes_when_another_store_writes(tmp_path: Path, poll_set: PollSet) -> None:
    console = TinyDbTallyStore(tmp_path / "sessions")
    phone = TinyDbTallyStore(tmp_path / "sessions")
    before = console.stamp(SESSION.id)
    phone.cast(SESSION, poll_set.polls[0], "Monday")
    assert console.stamp(SESSION.id) != before
    assert console.tallies(SESSION.id)["day"].votes == 1


_VOTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from surveys.poll_files import load_poll_set
    from surveys.storage import SessionInfo
    from surveys.storage.tinydb_tallies import TinyDbTallyStore

    polls, _, _ = load_poll_set(Path(sys.argv[2]))
    store = TinyDbTallyStore(Path(sys.argv[1]))
    session = SessionInfo("sfocus01", "2026-11-25")
    for number in range(int(sys.argv[3])):
        store.cast(session, polls.polls[0], "Monday" if number % 2 else "Tuesday", "lived")
        print(number, flush=True)
    """
)


def _voter(root: Path, polls_file: Path, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _VOTER, str(root), str(polls_file), str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_two_processes_voting_lose_nothing(tmp_path: Path, poll_set: PollSet) -> None:
    polls_file = tmp_path / "polls.yaml"
    voters = [_voter(tmp_path / "sessions", polls_file, 150) for _ in range(2)]
    for voter in voters:
        voter.communicate(timeout=120)
        assert voter.returncode == 0
    tally = TinyDbTallyStore(tmp_path / "sessions").tallies(SESSION.id)["day"]
    assert tally.votes == 300
    assert sum(tally.counts.values()) == 300


@pytest.mark.slow
def test_kill_9_never_loses_a_counted_vote(tmp_path: Path, poll_set: PollSet) -> None:
    polls_file = tmp_path / "polls.yaml"
    root = tmp_path / "sessions"
    confirmed = 0
    for attempt in range(15):
        voter = _voter(root, polls_file, 10_000)
        assert voter.stdout is not None
        voter.stdout.readline()  # it has started writing
        time.sleep(0.05 + (attempt % 5) * 0.03)
        os.kill(voter.pid, signal.SIGKILL)
        lines, _ = voter.communicate()
        confirmed += 1 + len(lines.split())
        tally = TinyDbTallyStore(root).tallies(SESSION.id)["day"]
        # Every vote whose cast returned is counted; at most the one in flight is extra.
        assert confirmed <= tally.votes <= confirmed + 1
        confirmed = tally.votes
    data = json.loads((root / SESSION.id / "session.json").read_text(encoding="utf-8"))
    assert "tallies" in data
