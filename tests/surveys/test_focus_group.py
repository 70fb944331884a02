"""A whole focus group, headless, on real TinyDB files: ideas in, round-robin, merge and
undo, a secret top-3 ranking from twelve phones, results checked by hand, and a
console restart in the middle that carries on where it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveys.audit import AuditLog
from surveys.focus_group import FocusGroup
from surveys.idea_ranking import BallotError, Style
from surveys.ideas import IdeaError, IdeaStatus
from surveys.polls import AlreadyVotedError, PollClosedError, RevealError
from surveys.storage import SessionInfo
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_tallies import SessionKeys

SESSION = SessionInfo("sngt0001", "2026-11-25")
WRITTEN = [
    ("Shorter waits for a first appointment", "lived"),
    ("Quicker first appointments", "carer"),
    ("A named contact for carers", "carer"),
    ("Peer support on every ward", "lived"),
    ("Evening groups for people who work", "clinician"),
    ("Email me at jo.bloggs@example.com about transport", "lived"),
]


def _open(tmp_path: Path, runtime: Path) -> FocusGroup:
    store = TinyDbIdeaStore(tmp_path / "sessions", keys=SessionKeys(runtime))
    return FocusGroup(store, SESSION, AuditLog(tmp_path / "audit.jsonl"))


def test_a_whole_focus_group_runs_and_resumes_after_a_restart(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    room = _open(tmp_path, runtime)
    for text, group in WRITTEN:
        room.add(text, group)
    with pytest.raises(IdeaError, match="write an idea first"):
        room.add("   ", "lived")  # "pass" on the tablet is simply not sending
    by_text = {idea.text: idea.id for idea in room.pool.ideas}
    for text, idea_id in by_text.items():
        status = IdeaStatus.DROPPED if "Email me" in text else IdeaStatus.SHOWN
        room.moderate(idea_id, status)
    room.stop_writing()
    assert dict(room.pool.writers) == {"lived": 3, "carer": 2, "clinician": 1}
    # Writing over: every idea has a new id, so the list can't be matched with arrivals.
    assert not set(by_text.values()) & {i.id for i in room.pool.ideas}
    by_text = {idea.text: idea.id for idea in room.pool.ideas}

    # Round-robin: each idea on the screen in turn, in the pool's order.
    seen = []
    for _ in range(5):
        idea = room.next()
        assert idea is not None
        seen.append(idea.id)
        room.clarified(idea.id)
    assert seen == [i.id for i in room.pool.in_play()]
    assert all(i.clarified for i in room.pool.in_play())

    # Merge, undo, merge again.
    waits = [
        by_text["Shorter waits for a first appointment"],
        by_text["Quicker first appointments"],
    ]
    before = room.pool
    room.merge(waits, "Quicker first appointments")
    room.undo_merge()
    assert room.pool == before
    combined = room.merge(waits, "A quicker first appointment")
    assert combined.combined_words == "combines 2 ideas"

    # The console restarts: everything is where it was.
    before_restart = room.pool
    room = _open(tmp_path, runtime)
    assert room.pool == before_restart
    assert len(room.pool.in_play()) == 4
    assert room.on_screen() is not None

    named = {
        "W": combined.id,
        "C": by_text["A named contact for carers"],
        "P": by_text["Peer support on every ward"],
        "E": by_text["Evening groups for people who work"],
    }
    room.open_ranking("first", Style.TOP, 3)
    with pytest.raises(IdeaError, match="Ranking has started"):
        room.undo_merge()
    with pytest.raises(BallotError, match="combined with others"):
        room.cast("first", [waits[0], named["C"], named["P"]])
    ballots = [
        ("lived", "WPC", 3),  # lived (5): W 9+4=13, P 6+6=12, C 3+2=5, E 0
        ("lived", "PWC", 2),
        ("carer", "CWP", 2),  # carer (4): C 6+4=10, W 4+6=10, P 2, E 2
        ("carer", "WCE", 2),
        ("clinician", "EPW", 3),  # clinician (3): E 9, P 6, W 3, C 0
    ]
    phone = 0
    for group, order, times in ballots:
        for _ in range(times):
            phone += 1
            room.cast("first", [named[c] for c in order], group, marker=f"phone{phone}")
            if phone == 6:
                room = _open(tmp_path, runtime)  # a second restart, mid-ranking
    with pytest.raises(AlreadyVotedError):
        room.cast("first", [named["W"], named["C"], named["P"]], "lived", marker="phone1")
    with pytest.raises(RevealError):
        room.results("first")
    room.close_ranking("first")
    with pytest.raises(PollClosedError):
        room.cast("first", [named["W"], named["C"], named["P"]], "lived", marker="late")

    shown = room.results("first")
    letter = {v: k for k, v in named.items()}
    # Borda: W 13+10+3=26, P 12+2+6=20, C 5+10+0=15, E 0+2+9=11.
    # Rank sums (4 × 12 = 48 minus Borda): W 22, P 28, C 33, E 37.
    got = [(letter[s.idea_id], s.points, s.rank_sum) for s in shown.overall]
    assert got == [("W", 26, 22), ("P", 20, 28), ("C", 15, 33), ("E", 11, 37)]
    assert sorted(shown.overall[0].originals) == [
        "Quicker first appointments",
        "Shorter waits for a first appointment",
    ]
    groups_shown = {g.group: g.scores is not None for g in shown.by_group}
    assert groups_shown == {"lived": True, "carer": False, "clinician": False}

    # The audit log has the facilitator's steps, with counts only.
    log = (tmp_path / "audit.jsonl").read_text(encoding="utf-8")
    for text, _ in WRITTEN:
        assert text not in log
    assert "quicker" not in log.lower()
    events = [e["event"] for e in AuditLog(tmp_path / "audit.jsonl").entries()]
    assert events == [
        "ideas-closed",
        "ideas-merged",
        "merge-undone",
        "ideas-merged",
        "ranking-open",
        "ranking-close",
    ]
