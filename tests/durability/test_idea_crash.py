"""``kill -9`` in the middle of a focus group never loses a counted idea or ballot.

A child process adds ideas and casts ranking ballots into one session, printing
each only after the store has returned (the moment a phone would say "Thank you").
The parent kills it at random moments, over and over on the same files, then checks
that every file parses, that every reported idea and ballot is there, and that a
restarted store still reads the locked parts with the runtime key.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from surveys.idea_ranking import close_round, results
from surveys.polls import PollStatus
from surveys.storage import SessionInfo
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_tallies import SessionKeys
from tests.support.durability import json_files, load_lines, start_child, unparsable

KILLS = 12
SESSION = SessionInfo("s-idea-crash", "2026-11-25")

CHILD = """
import sys
from pathlib import Path

from surveys.idea_ranking import Style, open_round
from surveys.ideas import IdeaStatus, add_idea, moderate
from surveys.storage import SessionInfo
from surveys.storage.tinydb_ideas import TinyDbIdeaStore
from surveys.storage.tinydb_tallies import SessionKeys

root, runtime, run, phase = sys.argv[1:5]
store = TinyDbIdeaStore(Path(root), keys=SessionKeys(Path(runtime)))
session = SessionInfo("s-idea-crash", "2026-11-25")
groups = ["lived", "carer", "clinician", "not_said"]
print("ready", flush=True)
if phase == "ideas":
    number = 0
    while True:
        number += 1
        text = f"Idea from run {run} number {number}"
        store.change_pool(session, lambda p: add_idea(p, text, groups[number % 4]))
        print("idea", run, number, flush=True)
if phase == "open":
    for idea in store.pool("s-idea-crash").ideas[:4]:
        store.change_pool(session, lambda p, i=idea.id: moderate(p, i, IdeaStatus.SHOWN))
    store.change_round(session, "r1", lambda t, p: open_round(t, p, Style.TOP, 3))
    print("opened", flush=True)
    sys.exit(0)
candidates = list(store.rounds("s-idea-crash")["r1"].candidates)
number = 0
while True:
    number += 1
    marker = f"run{run}-n{number}"
    ballot = [candidates[(number + k) % len(candidates)] for k in range(3)]
    store.cast(session, "r1", ballot, groups[number % 4], marker=marker)
    print("cast", marker, flush=True)
"""


def _killed(root: Path, runtime: Path, run: int, phase: str, wait: float) -> list[str]:
    """Run the child in ``phase`` and kill it after ``wait`` seconds; its complete lines."""
    child = start_child(CHILD, str(root), str(runtime), str(run), phase)
    assert child.stdout is not None
    ready = child.stdout.readline()
    assert ready == "ready\n", f"child failed to start: {ready!r}"
    time.sleep(wait)
    os.kill(child.pid, signal.SIGKILL)
    out, err = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL, f"child stopped by itself: {err}"
    return load_lines(out)


@pytest.mark.slow
def test_kill_minus_nine_while_writing_ideas_loses_no_idea(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    root, runtime = tmp_path / "sessions", tmp_path / "run"
    reported: set[str] = set()
    for run in range(KILLS // 2):
        for line in _killed(root, runtime, run, "ideas", rng.uniform(0.05, 0.3)):
            _, run_number, number = line.split()
            reported.add(f"Idea from run {run_number} number {number}")
    context = f"(seed {seed}, {len(reported)} ideas reported)"
    assert len(reported) >= 10, f"too few ideas to mean anything {context}"
    assert unparsable(root) == [], context
    pool = TinyDbIdeaStore(root, keys=SessionKeys(runtime)).pool(SESSION.id)
    texts = [idea.text for idea in pool.ideas]
    assert len(texts) == len(set(texts)), context
    assert not reported - set(texts), f"an idea reported as sent was lost {context}"
    assert len(texts) - len(reported) <= KILLS // 2, context
    assert sum(pool.writers.values()) == len(texts), context


@pytest.mark.slow
def test_kill_minus_nine_mid_ranking_loses_no_counted_ballot(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    root, runtime = tmp_path / "sessions", tmp_path / "run"
    reported: set[str] = set()
    written = _killed(root, runtime, 0, "ideas", 1.0)
    assert len(written) >= 4, "too few ideas written to rank"
    opening = start_child(CHILD, str(root), str(runtime), "0", "open")
    out, err = opening.communicate(timeout=60)
    assert out == "ready\nopened\n", err
    for run in range(KILLS):
        lines = _killed(root, runtime, run, "ballots", rng.uniform(0.05, 0.3))
        reported |= {line.split()[1] for line in lines if line.startswith("cast ")}

    context = f"(seed {seed}, {len(reported)} ballots reported)"
    assert len(reported) >= 20, f"too few ballots to mean anything {context}"
    assert json_files(root), context
    assert unparsable(root) == [], context

    store = TinyDbIdeaStore(root, keys=SessionKeys(runtime))
    tally = store.rounds(SESSION.id)["r1"]
    assert tally.status is PollStatus.OPEN
    missing = reported - tally.markers
    assert not missing, f"{len(missing)} counted ballots were lost {context}"
    # Only a ballot cut off between its save and its report may be extra.
    assert len(tally.markers) - len(reported) <= KILLS, context
    assert tally.votes == len(tally.markers), context
    # Every ballot gave 3 + 2 + 1 points, and the groups read back with the key.
    assert sum(sum(p.values()) for p in tally.points.values()) == 6 * tally.votes
    assert "not_said" in tally.voters
    assert len(tally.voters) == 4, context
    pool = store.pool(SESSION.id)
    assert len(pool.in_play()) == 4
    closed = store.change_round(SESSION, "r1", lambda t, p: close_round(t))
    assert results(closed, pool).votes == tally.votes
