"""``kill -9`` at random moments never loses or damages a sent response.

A child process sends responses in a loop and prints each record id only after
``send_response`` has returned (the moment the kiosk would show the thank-you
screen). The parent kills it at a random moment, fifty times over the same store,
then checks that every reported response is there, opens with the key, and that
every file parses.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from surveys.audit import AuditLog
from surveys.sealing import PUBLIC_KEY_FILE
from surveys.storage.atomic import Recovery
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.support.durability import (
    demo_keys,
    json_files,
    load_lines,
    start_child,
    stray_temps,
    unparsable,
)

KILLS = 50
PART_SIZE = 20  # small, so the kills also land on part-file roll-overs

CHILD = """
import sys
from pathlib import Path

from surveys.audit import AuditLog
from surveys.sealing import load_sealer
from surveys.sending import record_decline, send_response
from surveys.storage import SessionInfo, tinydb_store
from tests.support.durability import completed_response

root, public, audit_path, part_size, run = sys.argv[1:6]
tinydb_store.PART_SIZE = int(part_size)
store = tinydb_store.TinyDbResponseStore(Path(root))
sealer = load_sealer(Path(public))
audit = AuditLog(Path(audit_path))
sessions = [SessionInfo("s-crash-a", "2025-03-03"), SessionInfo("s-crash-b", "2025-03-04")]
print("ready", flush=True)
number = 0
while True:
    number += 1
    session = sessions[(number // 7) % 2]
    if number % 5 == 0:
        record_decline(store, session, audit)
        print("decline", session.id, flush=True)
    marker = f"run{run}-n{number}"
    receipt = send_response(
        completed_response(marker), sealer=sealer, store=store, session=session, audit=audit
    )
    print("sent", receipt.record_id, marker, flush=True)
"""


@pytest.mark.slow
def test_kill_minus_nine_at_random_moments_loses_no_sent_response(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    root, audit_path = tmp_path / "sessions", tmp_path / "audit.jsonl"
    _, opener = demo_keys(tmp_path / "keys")
    public = tmp_path / "keys" / PUBLIC_KEY_FILE

    reported: dict[str, str] = {}
    declines: Counter[str] = Counter()
    for run in range(KILLS):
        child = start_child(
            CHILD, str(root), str(public), str(audit_path), str(PART_SIZE), str(run)
        )
        assert child.stdout is not None
        ready = child.stdout.readline()
        assert ready == "ready\n", f"child failed to start: {ready!r} {child.stderr}"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL, f"child stopped by itself: {err}"
        for line in load_lines(out):
            kind, *rest = line.split()
            if kind == "sent":
                reported[rest[0]] = rest[1]
            elif kind == "decline":
                declines[rest[0]] += 1

    temps = len(stray_temps(root))
    context = f"(seed {seed}, {len(reported)} reported, {temps} temp files left by kills)"
    assert len(reported) >= 200, f"too few sends to mean anything {context}"

    # Every file the kills left behind parses, before any repair.
    assert json_files(root), context
    assert unparsable(root) == [], context

    reports: list[Recovery] = []
    store = TinyDbResponseStore(root, on_recovery=reports.append)
    assert store.recover() == [], f"a kill -9 damaged a file {context}"
    assert reports == []
    assert stray_temps(root) == [], context

    stored = list(store.responses())
    ids = [r.id for r in stored]
    assert len(ids) == len(set(ids)), f"a response was stored twice {context}"
    missing = set(reported) - set(ids)
    assert not missing, f"{len(missing)} reported responses were lost {context}"
    # Only responses whose sending was cut off before the report may be extra.
    assert len(ids) - len(reported) <= KILLS, context

    for response in stored:
        payload = opener.open(response.sealed)
        answers = payload["answers"]
        assert isinstance(answers, dict)
        if response.id in reported:
            assert answers["q_text"].endswith(reported[response.id])

    for session_id, count in declines.items():
        assert store.declines(session_id) >= count, context

    audit = AuditLog(audit_path)
    audit.record("check")  # cuts off a line a kill tore, if any
    assert audit.verify() is None, context
    sends = sum(1 for entry in audit.entries() if entry["event"] == "send")
    assert sends >= len(reported), context
