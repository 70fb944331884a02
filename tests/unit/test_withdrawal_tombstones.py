"""A withdrawn response's random id is remembered in its session, in both stores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from surveys.sealing import Sealer
from surveys.sending import send_response, withdraw
from surveys.storage import ResponseStore, SessionInfo
from surveys.storage.memory_store import MemoryResponseStore
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.durability.support import completed_response, demo_keys

SESSION = SessionInfo("s-tomb", "2025-03-03")
OTHER = SessionInfo("s-other", "2025-03-04")


@pytest.fixture(params=["memory", "tinydb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ResponseStore]:
    if request.param == "memory":
        yield MemoryResponseStore()
    else:
        yield TinyDbResponseStore(tmp_path / "sessions")


@pytest.fixture
def sealer(tmp_path: Path) -> Sealer:
    return demo_keys(tmp_path / "keys")[0]


def send(store: ResponseStore, sealer: Sealer, session: SessionInfo = SESSION) -> str:
    return send_response(completed_response(), sealer=sealer, store=store, session=session).code


def test_withdrawing_remembers_the_id_in_its_session_only(
    store: ResponseStore, sealer: Sealer
) -> None:
    codes = [send(store, sealer) for _ in range(3)]
    send(store, sealer, OTHER)
    ids = [r.id for r in store.responses([SESSION.id])]
    assert store.withdrawn(SESSION.id) == set()
    assert withdraw(codes[1], store)[0]
    assert store.withdrawn(SESSION.id) == {ids[1]}
    assert store.withdrawn(OTHER.id) == set()
    assert [r.id for r in store.responses([SESSION.id])] == [ids[0], ids[2]]


def test_withdraw_record_deletes_by_id_and_is_idempotent(
    store: ResponseStore, sealer: Sealer
) -> None:
    send(store, sealer)
    send(store, sealer)
    first, second = (r.id for r in store.responses())
    removed = store.withdraw_record(SESSION, first)
    assert removed is not None
    assert removed.id == first
    assert store.withdraw_record(SESSION, first) is None
    assert store.withdrawn(SESSION.id) == {first}
    assert [r.id for r in store.responses()] == [second]


def test_a_tombstone_for_a_session_not_here_yet_is_kept(store: ResponseStore) -> None:
    assert store.withdraw_record(OTHER, "abc123") is None
    assert store.withdrawn(OTHER.id) == {"abc123"}
    assert store.sessions() == [OTHER]


def test_deleting_a_session_deletes_its_tombstones(store: ResponseStore, sealer: Sealer) -> None:
    code = send(store, sealer)
    send(store, sealer)
    assert withdraw(code, store)[0]
    assert store.delete_session(SESSION.id) == 1
    assert store.withdrawn(SESSION.id) == set()


def test_the_session_file_holds_the_tombstones_and_an_old_one_still_reads(
    tmp_path: Path, sealer: Sealer
) -> None:
    store = TinyDbResponseStore(tmp_path / "sessions")
    send(store, sealer)
    session_file = tmp_path / "sessions" / SESSION.id / "session.json"
    before = session_file.read_bytes()
    assert "withdrawn" not in json.loads(before)["session"]["1"]  # nothing withdrawn: as before
    assert store.withdrawn(SESSION.id) == set()
    (record_id,) = (r.id for r in store.responses())
    store.withdraw_record(SESSION, record_id)
    row = json.loads(session_file.read_text())["session"]["1"]
    assert row == {"id": SESSION.id, "date": SESSION.date, "declines": 0, "withdrawn": [record_id]}
    written = session_file.read_bytes()
    store.withdraw_record(SESSION, record_id)  # already remembered: nothing is rewritten
    assert session_file.read_bytes() == written
    assert not (tmp_path / "sessions" / SESSION.id / "session.json.2").exists()
