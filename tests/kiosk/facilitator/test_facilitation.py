"""The console's state without Textual: sessions found for resuming and following,
one open poll at a time, votes only while open, and the results drawn as text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kiosk.facilitator.poll_charts import bar_chart, middle_text, word_cloud, word_tiers
from surveys.audit import AuditLog
from surveys.errors import AnswerError
from surveys.facilitation import (
    Facilitation,
    latest_session,
    resumable_sessions,
)
from surveys.poll_results import Bar
from surveys.polls import PollClosedError, PollStatus, Room
from surveys.storage import SessionInfo
from surveys.storage.tallies import MemoryTallyStore, TallyStore
from surveys.storage.tinydb_tallies import TinyDbTallyStore
from tests.support.facilitator import TODAY, poll_set

ROOM = Room("Focus group", TODAY, 8, {"lived": 4, "carer": 2, "clinician": 2})


@pytest.fixture(params=["memory", "tinydb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> TallyStore:
    if request.param == "memory":
        return MemoryTallyStore()
    return TinyDbTallyStore(tmp_path / "sessions")


def test_a_started_session_is_found_for_resuming_and_following(store: TallyStore) -> None:
    polls = poll_set()
    live = Facilitation.start(store, polls, ROOM)
    live.open("day")
    live.cast("day", "Monday", "lived")
    [found] = resumable_sessions(store, polls, TODAY)
    assert found.found.session == live.session
    assert found.found.room == ROOM
    assert found.polls_used == 1
    assert resumable_sessions(store, polls, "2026-11-27") == []  # two days on: not offered
    assert resumable_sessions(store, poll_set("session-debrief"), TODAY) == []
    following = latest_session(store, {polls.id}, TODAY)
    assert following is not None
    assert following.session == live.session
    assert store.current(live.session.id) == "day"


def test_a_session_that_ran_past_midnight_is_still_found(store: TallyStore) -> None:
    """A console restarted just after midnight offers the evening's session, says it
    is from yesterday, and the shared screen keeps following it."""
    polls = poll_set()
    live = Facilitation.start(store, polls, ROOM)
    live.open("day")
    [found] = resumable_sessions(store, polls, "2026-11-26")
    assert found.found.session == live.session
    assert found.yesterday
    assert "yesterday" in found.words
    [today] = resumable_sessions(store, polls, TODAY)
    assert not today.yesterday
    assert "yesterday" not in today.words
    following = latest_session(store, {polls.id}, "2026-11-26")
    assert following is not None
    assert following.session == live.session


def test_the_session_in_use_is_the_one_followed(store: TallyStore) -> None:
    polls = poll_set()
    older = Facilitation.start(store, polls, ROOM)
    newer = Facilitation.start(store, polls, Room("Evening", TODAY, 5))
    time.sleep(0.03)  # file times are coarse (a few ms): keep the two changes apart
    newer.open("day")
    assert latest_session(store, {polls.id}, TODAY).session == newer.session  # type: ignore[union-attr]
    time.sleep(0.03)
    older.open("day")
    assert latest_session(store, {polls.id}, TODAY).session == older.session  # type: ignore[union-attr]


def test_only_one_poll_is_open_at_a_time(store: TallyStore) -> None:
    live = Facilitation.start(store, poll_set(), ROOM)
    assert live.open("day") is None
    assert live.open("helped") == "day"
    assert live.tally("day").status is PollStatus.CLOSED
    assert live.open_poll() == "helped"


def test_votes_count_only_while_a_poll_is_open(store: TallyStore) -> None:
    live = Facilitation.start(store, poll_set(), ROOM)
    with pytest.raises(PollClosedError):
        live.cast("day", "Monday")
    live.open("day")
    with pytest.raises(AnswerError):
        live.cast("day", "Sunday")
    live.cast("day", "Monday", "carer")
    live.close("day")
    with pytest.raises(PollClosedError):
        live.cast("day", "Tuesday")
    tally = store.tallies(live.session.id)["day"]
    assert (tally.votes, dict(tally.counts), dict(tally.by_group)) == (
        1,
        {"Monday": 1},
        {"carer": 1},
    )


def test_refresh_sees_another_writer_and_nothing_else(tmp_path: Path) -> None:
    console = Facilitation.start(TinyDbTallyStore(tmp_path), poll_set(), ROOM)
    console.open("day")
    assert console.refresh()  # the console's own writes are read back once
    assert not console.refresh()
    other = TinyDbTallyStore(tmp_path)
    other.cast(console.session, poll_set().polls[0], "Tuesday")
    assert console.refresh()
    assert console.tally("day").votes == 1


def test_the_audit_log_holds_what_happened_and_no_votes(tmp_path: Path) -> None:
    audit = AuditLog(tmp_path / "audit.jsonl")
    live = Facilitation.start(TinyDbTallyStore(tmp_path / "s"), poll_set(), ROOM, audit)
    live.open("words")
    live.cast("words", "Secret words")
    live.close("words")
    live.reveal("words")
    live.reveal("words", shown=False)
    events = [e["event"] for e in audit.entries()]
    assert events == ["poll-session-start", "poll-open", "poll-close", "poll-reveal", "poll-hide"]
    assert "Secret" not in (tmp_path / "audit.jsonl").read_text(encoding="utf-8")
    assert audit.verify() is None


def test_group_counts_use_short_words_in_group_order(store: TallyStore) -> None:
    live = Facilitation.start(store, poll_set(), ROOM)
    live.open("day")
    for group in ("not_said", "clinician", "lived", "lived"):
        live.cast("day", "Monday", group)
    assert live.group_counts("day") == [("Lived experience", 2), ("Clinicians", 1), ("Not said", 1)]


def test_store_sessions_skip_folders_without_a_room(tmp_path: Path) -> None:
    store = TinyDbTallyStore(tmp_path)
    store.cast(SessionInfo("sbare", TODAY), poll_set().polls[0], "Monday")
    (tmp_path / "not a session").mkdir()
    assert store.poll_sessions() == []
    assert store.current("sbare") is None


# -- drawing results ---------------------------------------------------------------


def test_short_labels_sit_beside_their_bars_and_long_ones_above() -> None:
    short = bar_chart((Bar("Yes", 3), Bar("No", 1), Bar("Maybe", 0)), 40).plain.splitlines()
    assert short[0].startswith("Yes   │ ███")
    assert short[0].endswith(" 3")
    assert short[2] == "Maybe │ 0"
    long = bar_chart((Bar("A very long label that will not fit beside", 2),), 40).plain
    assert long.splitlines()[1].endswith("█ 2")


def test_word_tiers_make_only_repeated_words_bigger() -> None:
    big, bold, plain = word_tiers((("kind", 4), ("tea", 2), ("quiet", 1), ("warm", 4)))
    assert big == [("kind", 4), ("warm", 4)]
    assert bold == [("tea", 2)]
    assert plain == [("quiet", 1)]
    assert word_tiers((("a", 1), ("b", 1)))[0] == []
    assert "K I N D" in word_cloud((("kind", 3),), 40).plain


def test_a_half_way_middle_value_names_both_neighbours() -> None:
    question = poll_set().polls[2]  # the agree scale
    assert middle_text(question, 3.5).plain == (
        "Middle value: 3.5 — between Neither agree nor disagree and Agree"
    )
    assert middle_text(question, None).plain.startswith("Middle value: none")
