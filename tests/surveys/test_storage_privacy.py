"""What is stored in plain text beside a sealed response: the allowed fields and nothing else.

These read the raw bytes of every file the store wrote (backups included), so an
answer or a receipt code leaking anywhere on disk is caught.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from surveys import receipts
from surveys.audit import AuditLog
from surveys.sending import record_decline, send_response, withdraw
from surveys.storage import SessionInfo
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.support.durability import FREE_TEXT, completed_response, demo_keys

ALLOWED = {
    "id",
    "survey_id",
    "survey_version",
    "session_id",
    "session_date",
    "channel",
    "receipt_hash",
    "sealed",
}
MARKER = "ZEBRA-CROSSING-7731"
SESSION = SessionInfo("s-privacy", "2025-03-03")


def raw_bytes(folder: Path) -> bytes:
    """Everything the store wrote, concatenated."""
    return b"\n".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture
def sent(tmp_path: Path) -> tuple[TinyDbResponseStore, list[str], AuditLog]:
    sealer, _ = demo_keys(tmp_path / "keys")
    store = TinyDbResponseStore(tmp_path / "sessions")
    audit = AuditLog(tmp_path / "audit.jsonl")
    codes = [
        send_response(
            completed_response(f"{MARKER}-{n}"),
            sealer=sealer,
            store=store,
            session=SESSION,
            audit=audit,
        ).code
        for n in range(6)
    ]
    record_decline(store, SESSION, audit)
    return store, codes, audit


def test_stored_rows_have_exactly_the_allowed_fields(
    sent: tuple[TinyDbResponseStore, list[str], AuditLog], tmp_path: Path
) -> None:
    part = json.loads((tmp_path / "sessions" / "s-privacy" / "responses-0001.json").read_text())
    assert set(part) == {"responses"}
    rows = list(part["responses"].values())
    assert len(rows) == 6
    for row in rows:
        assert set(row) == ALLOWED
        assert len(row["session_date"]) == 10  # a date, never a time
        assert len(row["receipt_hash"]) == 64
        assert len(row["id"]) == 32


def test_the_session_file_holds_only_id_date_and_the_decline_count(
    sent: tuple[TinyDbResponseStore, list[str], AuditLog], tmp_path: Path
) -> None:
    data = json.loads((tmp_path / "sessions" / "s-privacy" / "session.json").read_text())
    assert data == {"session": {"1": {"id": "s-privacy", "date": "2025-03-03", "declines": 1}}}


@pytest.mark.parametrize(
    "needle", [MARKER, FREE_TEXT[:30], "more-breaks", "peer-support", "Short answer", "standard-v1"]
)
def test_no_answer_appears_in_any_stored_file(
    sent: tuple[TinyDbResponseStore, list[str], AuditLog], tmp_path: Path, needle: str
) -> None:
    everything = raw_bytes(tmp_path / "sessions") + (tmp_path / "audit.jsonl").read_bytes()
    assert needle.encode() not in everything


def test_no_receipt_code_appears_in_any_stored_file(
    sent: tuple[TinyDbResponseStore, list[str], AuditLog], tmp_path: Path
) -> None:
    _, codes, _ = sent
    everything = raw_bytes(tmp_path / "sessions") + (tmp_path / "audit.jsonl").read_bytes()
    for code in codes:
        for form in (code, code.replace("-", ""), code.lower(), receipts.spoken(code)):
            assert form.encode() not in everything
        # The hash is stored beside the response, but never in the audit log.
        assert receipts.code_hash(code).encode() in raw_bytes(tmp_path / "sessions")
        assert receipts.code_hash(code).encode() not in (tmp_path / "audit.jsonl").read_bytes()


def test_the_audit_log_records_sends_without_record_ids_or_times(
    sent: tuple[TinyDbResponseStore, list[str], AuditLog],
) -> None:
    store, _, audit = sent
    events = audit.entries()
    assert [e["event"] for e in events] == ["send"] * 6 + ["decline"]
    text = audit.path.read_text()
    for response in store.responses():
        assert response.id not in text
    # Rows are stored in send order, so the n-th send line matches the n-th row:
    # its stamp must say no more than the row's own date does.
    for event in events:
        assert dt.date.fromisoformat(str(event["ts"])).isoformat() == event["ts"]


def test_a_withdrawn_response_is_gone_from_every_file_backups_included(
    sent: tuple[TinyDbResponseStore, list[str], AuditLog], tmp_path: Path
) -> None:
    store, codes, _ = sent
    target = next(r for r in store.responses() if r.receipt_hash == receipts.code_hash(codes[4]))
    assert target.sealed.encode() in raw_bytes(tmp_path / "sessions")
    assert withdraw(codes[4], store)[0]
    everything = raw_bytes(tmp_path / "sessions")
    assert target.sealed.encode() not in everything
    assert receipts.code_hash(codes[4]).encode() not in everything
    # Its random id stays only as a tombstone in the session file, so no merge brings it back.
    for path in (tmp_path / "sessions").rglob("*"):
        if path.is_file() and not path.name.startswith("session.json"):
            assert target.id.encode() not in path.read_bytes()
    assert store.withdrawn("s-privacy") == {target.id}
    # Recovering from a backup can't bring it back.
    part = tmp_path / "sessions" / "s-privacy" / "responses-0001.json"
    part.write_bytes(b"")
    store.recover()
    assert target.id not in {r.id for r in store.responses()}
    # The newest backup is the file just before the withdrawal, scrubbed: nothing else lost.
    assert len(list(store.responses())) == 5


def test_forgotten_receipt_hashes_are_gone_from_every_file_backups_included(
    sent: tuple[TinyDbResponseStore, list[str], AuditLog], tmp_path: Path
) -> None:
    store, codes, _ = sent
    assert store.forget_receipts("2025-04-01") == 6
    everything = raw_bytes(tmp_path / "sessions")
    for code in codes:
        assert receipts.code_hash(code).encode() not in everything
