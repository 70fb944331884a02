"""A damaged session file is put back from its newest good copy at start-up, and said so.

The damage is done to real files on disk: cut short, filled with garbage, emptied.
Start-up (``build_services``, or a new store's ``recover``) must restore the backup,
report it in plain words, write it to the audit log, and lose at most the response
that was being saved last.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.services import build_services
from surveys.audit import AuditLog
from surveys.sealing import DEMO_PRIVATE_KEY_FILE, Sealer, load_private_key
from surveys.sending import record_decline, send_response
from surveys.storage import ResponseStore, SessionInfo
from surveys.storage.atomic import Recovery, backup_path
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.support.durability import completed_response, demo_keys, stray_temps, unparsable

SENT = 6


def truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def garbage(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(path.stat().st_size))


def empty(path: Path) -> None:
    path.write_bytes(b"")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": truncate,
    "garbage": garbage,
    "empty": empty,
}


def send_some(
    store: ResponseStore,
    sealer: Sealer,
    session: SessionInfo,
    count: int = SENT,
    audit: AuditLog | None = None,
) -> list[str]:
    """Send ``count`` responses marked r0, r1, …; returns the record ids in order."""
    return [
        send_response(
            completed_response(f"r{n}"), sealer=sealer, store=store, session=session, audit=audit
        ).record_id
        for n in range(count)
    ]


def assert_plain(message: str, file_name: str) -> None:
    assert message.startswith(f"The file {file_name} was damaged, so the last good copy")
    assert "At most the last answer" in message
    for jargon in ("Traceback", "Error", "JSON", "exception", "errno"):
        assert jargon not in message


@pytest.mark.parametrize("damage", DAMAGE)
def test_start_up_restores_a_damaged_part_file_and_says_so(tmp_path: Path, damage: str) -> None:
    sealer, opener = demo_keys(tmp_path / "keys")
    session = SessionInfo("s-damage", "2025-03-03")
    sent = send_some(TinyDbResponseStore(tmp_path / "sessions"), sealer, session)
    part = tmp_path / "sessions" / session.id / "responses-0001.json"
    DAMAGE[damage](part)

    reports: list[Recovery] = []
    store = TinyDbResponseStore(tmp_path / "sessions", on_recovery=reports.append)
    results = store.recover()

    assert len(results) == 1
    assert reports == results
    (result,) = results
    assert result.path == part
    assert result.restored_from == backup_path(part, 1)
    assert_plain(result.message, "responses-0001.json")
    stored = [r.id for r in store.responses()]
    assert stored == sent[:-1]  # only the last one, in flight when the damage hit, is lost
    for response in store.responses():
        opener.open(response.sealed)
    assert unparsable(tmp_path / "sessions") == []
    assert stray_temps(tmp_path / "sessions") == []
    assert store.recover() == []  # repaired for good


@pytest.mark.parametrize("damage", DAMAGE)
def test_build_services_recovers_and_writes_the_audit_log(tmp_path: Path, damage: str) -> None:
    services = build_services(home=tmp_path)
    assert services.demo_key_made
    sent = send_some(services.store, services.sealer, services.session, audit=services.audit)
    part = tmp_path / "sessions" / services.session.id / "responses-0001.json"
    DAMAGE[damage](part)

    again = build_services(home=tmp_path)  # the next start-up

    assert len(again.recoveries) == 1
    assert_plain(again.recoveries[0].message, "responses-0001.json")
    recoveries = [e for e in again.audit.entries() if e["event"] == "recovery"]
    assert recoveries == [
        {
            "ts": recoveries[0]["ts"],
            "event": "recovery",
            "file": "responses-0001.json",
            "restored_from": "responses-0001.json.1",
            "prev": recoveries[0]["prev"],
        }
    ]
    assert again.audit.verify() is None
    assert [r.id for r in again.store.responses()] == sent[:-1]
    opener = load_private_key(tmp_path / "keys" / DEMO_PRIVATE_KEY_FILE, None)
    for response in again.store.responses():
        opener.open(response.sealed)
    # Sending carries on after the repair.
    send_response(
        completed_response(), sealer=again.sealer, store=again.store, session=again.session
    )
    assert len(list(again.store.responses())) == SENT


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_file_found_during_a_save_is_restored_and_the_save_succeeds(
    tmp_path: Path, damage: str
) -> None:
    sealer, _ = demo_keys(tmp_path / "keys")
    reports: list[Recovery] = []
    store = TinyDbResponseStore(tmp_path / "sessions", on_recovery=reports.append)
    session = SessionInfo("s-save", "2025-03-03")
    sent = send_some(store, sealer, session)
    DAMAGE[damage](tmp_path / "sessions" / session.id / "responses-0001.json")

    new = send_response(completed_response("new"), sealer=sealer, store=store, session=session)

    assert len(reports) == 1
    assert_plain(reports[0].message, "responses-0001.json")
    assert [r.id for r in store.responses()] == [*sent[:-1], new.record_id]
    assert unparsable(tmp_path / "sessions") == []


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_session_file_is_restored_with_its_decline_count(
    tmp_path: Path, damage: str
) -> None:
    sealer, _ = demo_keys(tmp_path / "keys")
    store = TinyDbResponseStore(tmp_path / "sessions")
    session = SessionInfo("s-declines", "2025-03-03")
    send_some(store, sealer, session, count=2)
    for _ in range(4):
        record_decline(store, session)
    DAMAGE[damage](tmp_path / "sessions" / session.id / "session.json")

    (result,) = TinyDbResponseStore(tmp_path / "sessions").recover()

    assert result.path.name == "session.json"
    assert store.declines(session.id) == 3  # the last change is the one lost
    assert store.sessions() == [session]
    assert len(list(store.responses())) == 2


@pytest.mark.parametrize("damage", DAMAGE)
def test_damage_to_a_full_older_part_loses_at_most_one_response(
    tmp_path: Path, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from surveys.storage import tinydb_store

    monkeypatch.setattr(tinydb_store, "PART_SIZE", 5)
    sealer, _ = demo_keys(tmp_path / "keys")
    store = TinyDbResponseStore(tmp_path / "sessions")
    session = SessionInfo("s-older", "2025-03-03")
    sent = send_some(store, sealer, session, count=13)
    DAMAGE[damage](tmp_path / "sessions" / session.id / "responses-0002.json")

    (result,) = TinyDbResponseStore(tmp_path / "sessions").recover()

    assert result.path.name == "responses-0002.json"
    stored = [r.id for r in store.responses()]
    assert stored == sent[:9] + sent[10:]  # the part's last response is the one lost
