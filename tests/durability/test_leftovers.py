"""Taking answers back, forgetting receipt codes and purging leave nothing behind.

Every copy the kiosk keeps is searched, byte for byte: the live files, the three
backups, the ``.damaged-N`` copies a repair set aside, stray temp files and the
review decisions in ``exports/review.json``. A withdrawn response's random id may
stay only where it is meant to: the session's list of withdrawn ids (so a merge
never brings the response back) and the audit log's ``withdraw`` line.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path

import pytest

from exports.retention import forget_old_receipts
from surveys.audit import AuditLog
from surveys.receipts import code_hash
from surveys.sending import Receipt, send_response, withdraw
from surveys.storage import SealedResponse, SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore, part_name
from tests.durability.support import (
    completed_response,
    demo_keys,
    load_lines,
    start_child,
)


def files_holding(home: Path, needle: str) -> list[str]:
    """Every file under ``home`` whose bytes contain ``needle``, relative to ``home``."""
    found = []
    for path in sorted(home.rglob("*")):
        if path.is_file() and needle.encode("utf-8") in path.read_bytes():
            found.append(path.relative_to(home).as_posix())
    return found


def cut_in_half(path: Path) -> None:
    """Damage a file the way a failing memory card does: its second half is lost."""
    os.truncate(path, path.stat().st_size // 2)


class Device:
    """A kiosk's data folder with a real store, keys and audit log."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.sealer, self.opener = demo_keys(home / "keys")
        self.store = TinyDbResponseStore(home / "sessions")
        self.audit = AuditLog(home / "audit.jsonl")

    def send(self, session: SessionInfo, count: int) -> list[Receipt]:
        return [
            send_response(
                completed_response(f"marker-{session.id}-{n}"),
                sealer=self.sealer,
                store=self.store,
                session=session,
                audit=self.audit,
            )
            for n in range(count)
        ]

    def stored(self, record_id: str) -> SealedResponse:
        return next(r for r in self.store.responses() if r.id == record_id)

    def damage_and_repair(self, session: SessionInfo) -> Path:
        """Cut the session's first part in half and let start-up repair it."""
        part = self.home / "sessions" / session.id / part_name(1)
        cut_in_half(part)
        assert [r.path.name for r in self.store.recover()] == [part.name]
        damaged = part.with_name(f"{part.name}.damaged-1")
        assert damaged.exists()
        return damaged


def assert_gone(home: Path, record: SealedResponse) -> None:
    """The record's sealed answers and receipt hash are in no file at all."""
    assert files_holding(home, record.sealed[:80]) == []
    assert record.receipt_hash is not None
    assert files_holding(home, record.receipt_hash) == []
    # Its random id stays only as the session's tombstone and in the audit log.
    tombstone = f"sessions/{record.session_id}/session.json"
    for name in files_holding(home, record.id):
        assert name == "audit.jsonl" or name.startswith(tombstone), (
            f"the withdrawn record's id is still in {name}"
        )


def test_withdrawal_removes_the_record_from_backups_and_damaged_copies(tmp_path: Path) -> None:
    device = Device(tmp_path / "home")
    session = SessionInfo("s-withdraw", "2026-03-12")
    receipts = device.send(session, 6)
    target = device.stored(receipts[0].record_id)  # first in the file: survives the cut
    damaged = device.damage_and_repair(session)
    assert target.sealed[:80].encode() in damaged.read_bytes()
    receipts += device.send(session, 4)  # the backups now hold it too
    assert len(files_holding(device.home, target.sealed[:80])) >= 4

    done, message = withdraw(receipts[0].code, device.store, device.audit)

    assert done, message
    assert_gone(device.home, target)
    assert damaged.exists(), "the rest of the damaged copy is kept for a person to look at"
    others = {r.id for r in device.store.responses()}
    assert target.id not in others
    # Every other answer is still there, but the one the cut lost before the repair.
    assert {r.record_id for r in receipts[1:5] + receipts[6:]} <= others
    assert device.store.withdrawn(session.id) == {target.id}


def test_forgetting_receipts_removes_every_hash_from_every_copy(tmp_path: Path) -> None:
    device = Device(tmp_path / "home")
    old = SessionInfo("s-old", "2026-01-05")
    receipts = device.send(old, 50)
    device.damage_and_repair(old)
    receipts += device.send(old, 2)
    hashes = [code_hash(r.code) for r in receipts]
    # All but the one answer the cut lost are on the device, most in several copies.
    assert sum(bool(files_holding(device.home, h)) for h in hashes) == len(hashes) - 1

    result = forget_old_receipts(device.store, 14, dt.date(2026, 3, 1), device.audit)

    assert result.receipts == len(hashes) - 1
    left = {h: files_holding(device.home, h) for h in hashes}
    assert {h: where for h, where in left.items() if where} == {}


def test_a_record_only_a_backup_still_holds_is_removed_at_the_next_start(tmp_path: Path) -> None:
    """What a crash between the tombstone and the last copy leaves is cleaned at start-up."""
    device = Device(tmp_path / "home")
    session = SessionInfo("s-half", "2026-03-12")
    receipts = device.send(session, 3)
    target = device.stored(receipts[1].record_id)
    part = device.home / "sessions" / session.id / part_name(1)
    before = part.read_bytes()
    assert withdraw(receipts[1].code, device.store)[0]
    # As a crash part-way through an older kiosk's withdrawal could leave it:
    part.with_name(f"{part.name}.2").write_bytes(before)
    part.with_name(f"{part.name}.damaged-4").write_bytes(before[: len(before) * 2 // 3])

    device.store.recover()

    assert_gone(device.home, target)
    assert {r.id for r in device.store.responses()} == {
        receipts[0].record_id,
        receipts[2].record_id,
    }


WITHDRAW_CHILD = """
import sys
from pathlib import Path

from exports.retention import forget_old_receipts
from surveys.audit import AuditLog
from surveys.sending import withdraw
from surveys.storage import tinydb_store

root, audit_path = sys.argv[1:3]
store = tinydb_store.TinyDbResponseStore(Path(root))
audit = AuditLog(Path(audit_path))
print("ready", flush=True)
for code in sys.stdin:
    code = code.strip()
    done, _ = withdraw(code, store, audit)
    print("withdrawn" if done else "missing", code, flush=True)
"""


@pytest.mark.slow
def test_kill_minus_nine_mid_withdrawal_leaves_the_record_only_where_a_retry_finds_it(
    tmp_path: Path,
) -> None:
    """A withdrawal cut off by ``kill -9`` either is finished at the next start, or
    left the record whole in the live file, so the code still works. Never half."""
    device = Device(tmp_path / "home")
    session = SessionInfo("s-kill", "2026-03-12")
    receipts = device.send(session, 60)
    by_id = {r.record_id: device.stored(r.record_id) for r in receipts}
    rng_delays = [0.0, 0.01, 0.02, 0.04, 0.06, 0.09, 0.12, 0.15]
    pending = list(receipts)
    for delay in rng_delays:
        child = start_child(WITHDRAW_CHILD, str(device.home / "sessions"), str(device.audit.path))
        assert child.stdout is not None
        assert child.stdin is not None
        assert child.stdout.readline() == "ready\n"
        batch, pending = pending[:6], pending[6:]
        child.stdin.write("".join(f"{r.code}\n" for r in batch))
        child.stdin.flush()
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        reported = {line.split()[1] for line in load_lines(out) if line.startswith("withdrawn")}

        device.store.recover()  # what the next start does
        tombstones = device.store.withdrawn(session.id)
        live = {r.id for r in device.store.responses()}
        for receipt in batch:
            record = by_id[receipt.record_id]
            if receipt.code in reported or record.id in tombstones:
                assert record.id not in live
                assert_gone(device.home, record)
            else:
                assert record.id in live, "a response nobody withdrew was lost"
        # Anything not finished can be withdrawn again with the same code.
        for receipt in batch:
            if by_id[receipt.record_id].id in live:
                assert withdraw(receipt.code, device.store)[0]
                assert_gone(device.home, by_id[receipt.record_id])
