"""Two processes writing the same session at once never lose each other's writes.

Each child waits for "go" on stdin so both really write at the same time; a third
process reads everything in a loop meanwhile, as an export would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from surveys.audit import AuditLog
from surveys.sealing import PUBLIC_KEY_FILE
from surveys.storage.tinydb_store import PART_SIZE, TinyDbResponseStore
from tests.support.durability import demo_keys, load_lines, start_child, stray_temps, unparsable

SENDS = 300
DECLINES = 30  # one after every tenth send
SESSION_ID = "s-shared"

WRITER = """
import sys
from pathlib import Path

from surveys.audit import AuditLog
from surveys.sealing import load_sealer
from surveys.sending import record_decline, send_response
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.support.durability import completed_response

root, public, audit_path, name, sends, declines = sys.argv[1:7]
store = TinyDbResponseStore(Path(root))
sealer = load_sealer(Path(public))
audit = AuditLog(Path(audit_path))
session = SessionInfo("s-shared", "2025-03-03")
print("ready", flush=True)
sys.stdin.readline()
every = int(sends) // int(declines)
for number in range(int(sends)):
    receipt = send_response(
        completed_response(f"{name}-{number}"), sealer=sealer, store=store, session=session,
        audit=audit,
    )
    print(receipt.record_id, flush=True)
    if number % every == 0:
        record_decline(store, session, audit)
"""

READER = """
import sys
from pathlib import Path

from surveys.storage.tinydb_store import TinyDbResponseStore

store = TinyDbResponseStore(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
seen, rounds = 0, 0
while True:
    count = sum(1 for _ in store.responses())
    assert count >= seen, f"went back from {seen} to {count}"
    seen, rounds = count, rounds + 1
    if count >= int(sys.argv[2]):
        break
print(rounds, seen, flush=True)
"""


@pytest.mark.slow
def test_two_processes_sending_to_one_session_lose_nothing(tmp_path: Path) -> None:
    root, audit_path = tmp_path / "sessions", tmp_path / "audit.jsonl"
    _, opener = demo_keys(tmp_path / "keys")
    public = tmp_path / "keys" / PUBLIC_KEY_FILE
    writers = [
        start_child(
            WRITER, str(root), str(public), str(audit_path), name, str(SENDS), str(DECLINES)
        )
        for name in ("first", "second")
    ]
    reader = start_child(READER, str(root), str(2 * SENDS))
    children = [*writers, reader]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        outputs.append(load_lines(out))

    reported = [line for output in outputs[:2] for line in output]
    assert len(reported) == 2 * SENDS
    rounds, seen = map(int, outputs[2][0].split())
    assert seen == 2 * SENDS
    assert rounds > 1  # it really read while the writers wrote

    store = TinyDbResponseStore(root)
    stored = list(store.responses())
    ids = [r.id for r in stored]
    assert len(ids) == 2 * SENDS
    assert len(set(ids)) == 2 * SENDS
    assert set(ids) == set(reported)
    markers = set()
    for response in stored:
        answers = opener.open(response.sealed)["answers"]
        assert isinstance(answers, dict)
        markers.add(answers["q_text"].split()[-1])
    expected = {f"{name}-{n}" for name in ("first", "second") for n in range(SENDS)}
    assert markers == expected
    assert store.declines(SESSION_ID) == 2 * DECLINES

    folder = root / SESSION_ID
    parts = sorted(folder.glob("responses-*.json"))
    assert [len(json.loads(p.read_text())["responses"]) for p in parts] == [PART_SIZE] * (
        2 * SENDS // PART_SIZE
    )
    assert unparsable(root) == []
    assert stray_temps(root) == []
    assert store.recover() == []

    audit = AuditLog(audit_path)
    assert audit.verify() is None
    events = [entry["event"] for entry in audit.entries()]
    assert events.count("send") == 2 * SENDS
    assert events.count("decline") == 2 * DECLINES
