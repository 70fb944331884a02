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
from pathlib import Path

import pytest

from exports.retention import forget_old_receipts
from surveys.audit import AuditLog
from surveys.receipts import code_hash
from surveys.sending import Receipt, send_response, withdraw
from surveys.storage import SealedResponse, SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore, part_name
from tests.support.durability import (
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


DYING_CHILD = """
import os
import signal
import sys
from pathlib import Path

from surveys.sending import withdraw
from surveys.storage.tinydb_store import TinyDbResponseStore

root, code, die_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = TinyDbResponseStore(Path(root))
real_replace, real_unlink = os.replace, os.unlink
steps = 0


def step():
    global steps
    steps += 1
    if steps == die_at:
        os.kill(os.getpid(), signal.SIGKILL)


def replace(*args, **kwargs):
    step()
    return real_replace(*args, **kwargs)


def unlink(*args, **kwargs):
    step()
    return real_unlink(*args, **kwargs)


os.replace, os.unlink = replace, unlink
done, _ = withdraw(code, store)
print("finished", done, steps, flush=True)
"""


@pytest.mark.slow
def test_kill_minus_nine_at_every_step_of_a_withdrawal_leaves_no_half_done_copy(
    tmp_path: Path,
) -> None:
    """``kill -9`` before each file replace or removal a withdrawal makes, in turn.

    After the next start (``recover``) the answer is either gone from every copy, or
    whole in the live file so the same code takes it back. No other answer is lost.
    """
    die_at = 1
    while True:
        device = Device(tmp_path / f"home-{die_at}")
        session = SessionInfo("s-kill", "2026-03-12")
        receipts = device.send(session, 5)
        device.damage_and_repair(session)  # a damaged copy to clean as well
        receipts += device.send(session, 4)
        target = device.stored(receipts[0].record_id)
        others = {r.id for r in device.store.responses()} - {target.id}

        child = start_child(
            DYING_CHILD, str(device.home / "sessions"), receipts[0].code, str(die_at)
        )
        out, err = child.communicate(timeout=60)
        finished = load_lines(out)

        device.store.recover()  # what the next start does
        live = {r.id for r in device.store.responses()}
        assert others <= live, f"an answer nobody took back was lost (step {die_at})"
        if target.id in live:
            assert not finished
            assert device.store.withdrawn(session.id) == set()
            assert withdraw(receipts[0].code, device.store)[0]
        assert_gone(device.home, target)
        if finished:
            assert child.returncode == 0, err
            assert finished[0].startswith("finished True")
            break
        assert child.returncode == -signal.SIGKILL, err
        die_at += 1
    assert die_at > 5, "the withdrawal should take several steps"


def test_an_answer_only_a_damaged_copy_holds_can_still_be_taken_back(tmp_path: Path) -> None:
    """Damage at the start of a file: the repair puts back the copy from before the
    last send, and only the set-aside damaged copy still holds that last answer."""
    device = Device(tmp_path / "home")
    session = SessionInfo("s-aside", "2026-03-12")
    receipts = device.send(session, 6)
    last = device.stored(receipts[-1].record_id)
    part = device.home / "sessions" / session.id / part_name(1)
    with part.open("r+b") as handle:
        handle.write(b"\x00\x00\x00")  # the first bytes rot; everything else is there
    device.store.recover()
    assert last.id not in {r.id for r in device.store.responses()}
    assert files_holding(device.home, last.sealed[:80]) == [
        f"sessions/{session.id}/{part.name}.damaged-1"
    ]

    done, message = withdraw(receipts[-1].code, device.store, device.audit)

    assert done, message
    assert_gone(device.home, last)
    assert device.store.withdrawn(session.id) == {last.id}
    assert len(list(device.store.responses())) == 5
