"""Ideas, merges and ranking totals in the session's real TinyDB file: resumed after a
restart, sealed at rest, no group on any idea, and poll tallies left as they were."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from surveys.idea_ranking import BallotError, RankTally, Style, close_round, open_round, results
from surveys.ideas import (
    IdeaError,
    IdeaPool,
    IdeaStatus,
    add_idea,
    merge,
    moderate,
    step,
    stop_collecting,
    undo_merge,
)
from surveys.poll_files import PollSet
from surveys.polls import PollStatus
from surveys.sealing import Opener, Sealer
from surveys.storage import SessionInfo
from surveys.storage.tinydb_ideas import UNREADABLE_IDEA, TinyDbIdeaStore
from surveys.storage.tinydb_tallies import SessionKeys, TinyDbTallyStore
from tests.support.durability import demo_keys

SESSION = SessionInfo("sfocus02", "2026-11-25")
IDEAS = [
    ("More evening sessions", "carer"),
    ("A quiet room to sit in", "lived"),
    ("Call Sam Jones on 07700 900123 about lifts", "carer"),
    ("Somewhere calm to rest", "clinician"),
    ("Free parking for carers", "lived"),
]


def _file(root: Path) -> dict[str, Any]:
    data = json.loads((root / SESSION.id / "session.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _fill(store: TinyDbIdeaStore) -> dict[str, str]:
    ids = {}
    for text, group in IDEAS:
        ids[text] = store.change_pool(SESSION, lambda p, t=text, g=group: add_idea(p, t, g).id)
    return ids


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Sealer, Opener]:
    return demo_keys(tmp_path / "keys")


def test_the_pool_and_its_merges_resume_after_a_restart(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    store = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys(runtime))
    ids = _fill(store)
    for idea_id in ids.values():
        store.change_pool(SESSION, lambda p, i=idea_id: moderate(p, i, IdeaStatus.SHOWN))
    store.change_pool(SESSION, stop_collecting)
    ids = {idea.text: idea.id for idea in store.pool(SESSION.id).ideas}  # new ids now
    store.change_pool(SESSION, lambda p: step(p, 1))
    calm = [ids["A quiet room to sit in"], ids["Somewhere calm to rest"]]
    combined = store.change_pool(SESSION, lambda p: merge(p, calm, "A calm, quiet room").id)
    before = store.pool(SESSION.id)
    # A restarted console, the same day: a new store, the key from the runtime folder.
    again = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys(runtime))
    pool = again.pool(SESSION.id)
    assert pool == before
    assert sorted(pool.history(combined)) == ["A quiet room to sit in", "Somewhere calm to rest"]
    assert dict(pool.writers) == {"carer": 2, "lived": 2, "clinician": 1}
    # And the merge can still be undone exactly.
    again.change_pool(SESSION, undo_merge)
    undone = again.pool(SESSION.id)
    assert combined not in [i.id for i in undone.ideas]
    assert all(i.merged_into is None for i in undone.ideas)


def test_idea_words_are_sealed_at_rest_and_only_shown_ones_readable(
    tmp_path: Path, keys: tuple[Sealer, Opener]
) -> None:
    sealer, opener = keys
    store = TinyDbIdeaStore(tmp_path / "sessions", sealer, SessionKeys())
    ids = _fill(store)
    lifts = ids["Call Sam Jones on 07700 900123 about lifts"]
    store.change_pool(SESSION, lambda p: moderate(p, lifts, IdeaStatus.SHOWN))
    raw = (tmp_path / "sessions" / SESSION.id / "session.json").read_text(encoding="utf-8")
    for text, _ in IDEAS:
        assert text not in raw
    assert "07700" not in raw
    assert "Sam Jones" not in raw
    rows = _file(tmp_path / "sessions")["idea_pool"]["1"]
    # While ideas are being written, even the per-group counts are locked.
    assert "writers" not in rows
    assert "held_writers" in rows
    for idea in rows["ideas"]:
        assert set(idea) <= {
            "id",
            "status",
            "clarified",
            "combines",
            "merged_into",
            "held",
            "sealed",
            "shown",
        }
    # Nothing is readable while people write, not even an idea already shown.
    assert not [i for i in rows["ideas"] if "shown" in i]
    # The coordinator can open every idea with the private key.
    opened = {str(opener.open(i["sealed"])["text"]) for i in rows["ideas"]}
    assert opened == {text for text, _ in IDEAS}
    # Once writing stops, the counts per group are written plain (no idea has one),
    # every idea has a new id, and the shown idea's masked words are kept readable.
    old_ids = {i["id"] for i in rows["ideas"]}
    store.change_pool(SESSION, stop_collecting)
    rows = _file(tmp_path / "sessions")["idea_pool"]["1"]
    assert rows["writers"] == {"carer": 2, "lived": 2, "clinician": 1}
    assert not old_ids & {i["id"] for i in rows["ideas"]}
    shown = [i["shown"] for i in rows["ideas"] if "shown" in i]
    assert len(shown) == 1
    assert "[phone]" in shown[0]
    assert "07700" not in json.dumps(rows)


def test_after_a_reboot_unshown_ideas_stay_sealed_and_the_counts_stay(tmp_path: Path) -> None:
    store = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys())
    ids = _fill(store)
    parking = ids["Free parking for carers"]
    store.change_pool(SESSION, lambda p: moderate(p, parking, IdeaStatus.SHOWN))
    rebooted = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys())
    pool = rebooted.pool(SESSION.id)
    # Still writing: nothing was readable, the shown idea included.
    assert {i.text for i in pool.ideas} == {UNREADABLE_IDEA}
    assert dict(pool.writers) == {"not_said": 5}
    # Writing stopped before the reboot: the shown idea is still there to show.
    store.change_pool(SESSION, stop_collecting)
    pool = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys()).pool(SESSION.id)
    assert [i.text for i in pool.in_play()] == ["Free parking for carers"]
    assert {i.text for i in pool.held()} == {UNREADABLE_IDEA}


def test_after_a_reboot_the_coordinators_sealed_copy_is_kept_through_later_changes(
    tmp_path: Path, keys: tuple[Sealer, Opener]
) -> None:
    sealer, opener = keys
    store = TinyDbIdeaStore(tmp_path / "sessions", sealer, SessionKeys())
    ids = _fill(store)
    lifts = ids["Call Sam Jones on 07700 900123 about lifts"]
    store.change_pool(SESSION, lambda p: moderate(p, lifts, IdeaStatus.SHOWN))
    rebooted = TinyDbIdeaStore(tmp_path / "sessions", sealer, SessionKeys())
    rebooted.change_pool(SESSION, lambda p: add_idea(p, "Written after the reboot"))
    rebooted.change_pool(SESSION, stop_collecting)
    rows = _file(tmp_path / "sessions")["idea_pool"]["1"]["ideas"]
    opened = {str(opener.open(i["sealed"])["text"]) for i in rows}
    # The original words, the shown idea's too (not its masked version).
    assert opened == {text for text, _ in IDEAS} | {"Written after the reboot"}


def _ranked(store: TinyDbIdeaStore, ids: dict[str, str]) -> list[str]:
    for idea_id in ids.values():
        store.change_pool(SESSION, lambda p, i=idea_id: moderate(p, i, IdeaStatus.SHOWN))
    store.change_round(SESSION, "r1", lambda t, p: open_round(t, p, Style.TOP, 3))
    return list(store.rounds(SESSION.id)["r1"].candidates)


def test_ranking_totals_are_locked_while_open_and_resume_after_a_restart(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    store = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys(runtime))
    order = _ranked(store, _fill(store))
    for n, group in enumerate(["lived"] * 3 + ["carer"] * 3):
        store.cast(SESSION, "r1", order[:3], group, marker=f"phone-{n}")
    stored = _file(tmp_path / "sessions")["idea_rounds"]["1"]
    assert "points" not in stored
    assert "voters" not in stored
    assert stored["votes"] == 6
    assert stored["overall"] == {order[0]: 18, order[1]: 12, order[2]: 6}
    assert "lived" not in json.dumps(stored)
    again = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys(runtime))
    tally = again.rounds(SESSION.id)["r1"]
    assert dict(tally.voters) == {"lived": 3, "carer": 3}
    assert tally.status is PollStatus.OPEN
    # The pool is frozen (ballots name these ideas) and takes no more ideas.
    assert again.pool(SESSION.id).frozen
    assert not again.pool(SESSION.id).collecting
    assert tally.markers == {f"phone-{n}" for n in range(6)}
    again.change_round(SESSION, "r1", lambda t, p: close_round(t))
    stored = _file(tmp_path / "sessions")["idea_rounds"]["1"]
    assert stored["voters"] == {"lived": 3, "carer": 3}
    closed = again.rounds(SESSION.id)["r1"]
    assert results(closed, again.pool(SESSION.id)).votes == 6


def test_after_a_reboot_mid_ranking_every_vote_stays_as_not_said(tmp_path: Path) -> None:
    store = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys())
    order = _ranked(store, _fill(store))
    for group in ("lived", "carer", "lived"):
        store.cast(SESSION, "r1", order[:3], group)
    rebooted = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys())
    tally: RankTally = rebooted.cast(SESSION, "r1", order[1:4], "carer")
    assert dict(tally.voters) == {"not_said": 3, "carer": 1}
    assert tally.votes == 4
    overall = {i: sum(p.get(i, 0) for p in tally.points.values()) for i in order}
    assert overall[order[0]] == 9
    assert overall[order[1]] == 6 + 3


def test_a_refused_ballot_or_merge_saves_nothing(tmp_path: Path) -> None:
    store = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys())
    order = _ranked(store, _fill(store))
    path = tmp_path / "sessions" / SESSION.id / "session.json"
    before = path.read_bytes()
    with pytest.raises(BallotError):
        store.cast(SESSION, "r1", [order[0], order[0], order[1]])
    with pytest.raises(IdeaError):
        store.change_pool(SESSION, lambda p: merge(p, order[:2], "too late"))
    assert path.read_bytes() == before


def test_poll_tallies_in_the_same_file_are_untouched(tmp_path: Path, poll_set: PollSet) -> None:
    keys = SessionKeys()
    polls = TinyDbTallyStore(tmp_path / "sessions", keys=keys)
    polls.cast(SESSION, poll_set.polls[0], "Monday", "lived")
    ideas = TinyDbIdeaStore(tmp_path / "sessions", keys=keys)
    _fill(ideas)
    polls.cast(SESSION, poll_set.polls[0], "Tuesday", "carer")
    tally = polls.tallies(SESSION.id)["day"]
    assert dict(tally.counts) == {"Monday": 1, "Tuesday": 1}
    assert len(ideas.pool(SESSION.id).ideas) == len(IDEAS)
    assert IdeaPool() == TinyDbIdeaStore(tmp_path / "other", keys=keys).pool(SESSION.id)


def test_adjacent_copies_never_give_a_ballot_with_its_group(tmp_path: Path) -> None:
    from surveys.storage.atomic import backup_path

    store = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys())
    order = _ranked(store, _fill(store))
    path = tmp_path / "sessions" / SESSION.id / "session.json"
    copies = []
    for n, group in enumerate(["lived", "carer", "clinician", "lived", "carer", "peer"]):
        store.cast(SESSION, "r1", [order[n % 5], order[(n + 1) % 5], order[(n + 2) % 5]], group)
        copies.append(path.read_text(encoding="utf-8"))
    kept = [path, *(backup_path(path, n) for n in (1, 2, 3))]
    for copy in [*copies, *(p.read_text(encoding="utf-8") for p in kept if p.exists())]:
        rounds = json.loads(copy).get("idea_rounds", {})
        for row in rounds.values():
            # Overall totals only: no group in plain words, not even its name.
            assert set(row) <= {
                "round_id",
                "style",
                "size",
                "candidates",
                "status",
                "markers",
                "held_totals",
                "votes",
                "overall",
            }
            for group in ("lived", "carer", "clinician", "peer"):
                assert group not in json.dumps(row)
    # The real backups are among the copies made after each ballot.
    for n in (1, 2, 3):
        assert backup_path(path, n).read_text(encoding="utf-8") in copies
