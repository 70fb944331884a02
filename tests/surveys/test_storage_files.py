"""The TinyDB store's files: part files, backups, durable writes, repair and locking."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from tinydb import TinyDB

from surveys.sealing import Sealer
from surveys.sending import send_response, withdraw
from surveys.storage import SealedResponse, SessionInfo, atomic, tinydb_session_files, tinydb_store
from surveys.storage.atomic import Recovery, backup_path, recover, write_bytes_atomic
from surveys.storage.tinydb_session_files import StorageDamagedError, session_document
from surveys.storage.tinydb_store import TinyDbResponseStore, part_document
from tests.support.durability import completed_response, demo_keys, stray_temps

SESSION = SessionInfo("s-files", "2025-03-03")


@pytest.fixture
def sealer(tmp_path: Path) -> Sealer:
    return demo_keys(tmp_path / "keys")[0]


@pytest.fixture
def reports() -> list[Recovery]:
    return []


@pytest.fixture
def store(tmp_path: Path, reports: list[Recovery]) -> TinyDbResponseStore:
    return TinyDbResponseStore(tmp_path / "sessions", on_recovery=reports.append)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "sessions" / SESSION.id


def send(store: TinyDbResponseStore, sealer: Sealer, count: int = 1) -> list[str]:
    """Send ``count`` responses; returns their receipt codes."""
    return [
        send_response(completed_response(), sealer=sealer, store=store, session=SESSION).code
        for _ in range(count)
    ]


def rows(path: Path) -> int:
    data = json.loads(path.read_text())
    return len(data["responses"])


# -- layout ----------------------------------------------------------------------------


def test_responses_roll_over_into_part_files(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tinydb_store, "PART_SIZE", 4)
    send(store, sealer, 10)
    parts = sorted(p.name for p in folder.glob("responses-*.json"))
    assert parts == ["responses-0001.json", "responses-0002.json", "responses-0003.json"]
    assert [rows(folder / name) for name in parts] == [4, 4, 2]
    assert store.count(SESSION.id) == 10
    assert len(list(store.responses())) == 10


def test_a_part_already_over_the_size_is_passed_over(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    send(store, sealer, 8)
    monkeypatch.setattr(tinydb_store, "PART_SIZE", 5)  # a later version with smaller parts
    send(store, sealer, 6)
    assert [rows(folder / f"responses-000{n}.json") for n in (1, 2, 3)] == [8, 5, 1]


def test_part_size_is_100_by_default(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path
) -> None:
    assert tinydb_store.PART_SIZE == 100
    response = SealedResponse("r", "sv", "1", SESSION.id, SESSION.date, "kiosk", None, "x")
    (folder).mkdir(parents=True)
    atomic.write_json_atomic(folder / "session.json", session_document(SESSION))
    atomic.write_json_atomic(folder / "responses-0001.json", part_document([response] * 100))
    send(store, sealer, 1)
    assert rows(folder / "responses-0002.json") == 1


def test_the_documented_layout_is_exactly_what_the_store_writes(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path
) -> None:
    send(store, sealer, 3)
    written = list(store.responses())
    assert (folder / "responses-0001.json").read_bytes() == atomic.dump_json(part_document(written))
    assert (folder / "session.json").read_bytes() == atomic.dump_json(session_document(SESSION))


def test_each_write_keeps_three_older_versions(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path
) -> None:
    send(store, sealer, 6)
    part = folder / "responses-0001.json"
    assert [rows(backup_path(part, n)) for n in (1, 2, 3)] == [5, 4, 3]
    assert not backup_path(part, 4).exists()
    assert stray_temps(folder) == []


def test_backups_are_copied_when_the_disk_has_no_hard_links(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_: object) -> None:
        raise PermissionError("no hard links on this file system")

    monkeypatch.setattr(os, "link", no_links)
    send(store, sealer, 4)
    part = folder / "responses-0001.json"
    assert [rows(backup_path(part, n)) for n in (1, 2, 3)] == [3, 2, 1]
    assert stray_temps(folder) == []


# -- durable writes --------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "file.json"
    write_bytes_atomic(path, b'{"old": 1}')

    def broken_replace(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        write_bytes_atomic(path, b'{"new": 2}', backups=3)
    assert path.read_bytes() == b'{"old": 1}'
    assert stray_temps(tmp_path) == []


def test_write_sets_the_mode_before_the_file_appears(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    write_bytes_atomic(path, b"x", mode=0o600)
    assert path.stat().st_mode & 0o777 == 0o600


def test_make_folder_creates_parents(tmp_path: Path) -> None:
    atomic.make_folder(tmp_path / "a" / "b" / "c")
    assert (tmp_path / "a" / "b" / "c").is_dir()
    atomic.make_folder(tmp_path / "a" / "b" / "c")  # already there: fine


# -- repair ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"   \n",
        b'{"responses": {"1": {"id"',
        b"\x00" * 300,
        b"[1, 2, 3]",
        b'{"responses": 5}',
        b"\xff\xfe not utf-8",
        b"null",
    ],
)
def test_any_damage_is_repaired_from_the_newest_good_copy(
    store: TinyDbResponseStore,
    sealer: Sealer,
    folder: Path,
    reports: list[Recovery],
    damage: bytes,
) -> None:
    send(store, sealer, 4)
    part = folder / "responses-0001.json"
    part.write_bytes(damage)
    results = store.recover()
    assert [r.path for r in results] == [part]
    assert reports == results
    assert results[0].restored_from == backup_path(part, 1)
    assert results[0].message.startswith("The file responses-0001.json was damaged")
    assert "At most the last answer" in results[0].message
    assert rows(part) == 3
    (kept,) = folder.glob("responses-0001.json.damaged-*")
    assert kept.read_bytes() == damage  # the damaged file is kept for a person to look at
    assert store.recover() == []


def test_an_older_copy_is_used_when_the_newest_is_damaged_too(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path
) -> None:
    send(store, sealer, 5)
    part = folder / "responses-0001.json"
    part.write_bytes(b"{")
    backup_path(part, 1).write_bytes(b"{")
    (result,) = store.recover()
    assert result.restored_from == backup_path(part, 2)
    assert "older good copy" in result.message
    assert rows(part) == 3


def test_with_no_good_copy_the_file_is_set_aside_and_sending_goes_on(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path, reports: list[Recovery]
) -> None:
    send(store, sealer, 1)  # the part file's first version has no backups yet
    part = folder / "responses-0001.json"
    part.write_bytes(b"garbage")
    send(store, sealer, 1)
    (report,) = reports
    assert report.restored_from is None
    assert "no good copy was found" in report.message
    assert "still saved" in report.message
    assert report.set_aside is not None
    assert report.set_aside.read_bytes() == b"garbage"
    assert rows(part) == 1


def test_a_damaged_file_found_while_saving_is_repaired_and_the_save_succeeds(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path, reports: list[Recovery]
) -> None:
    send(store, sealer, 3)
    (folder / "responses-0001.json").write_bytes(b'{"responses": {"1": ')
    send(store, sealer, 1)
    assert len(reports) == 1
    assert reports[0].restored_from is not None
    assert store.count(SESSION.id) == 3  # two kept, the last one lost, the new one saved


def test_a_damaged_file_found_while_reading_is_repaired(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path, reports: list[Recovery]
) -> None:
    send(store, sealer, 3)
    (folder / "responses-0001.json").write_bytes(b"")
    assert len(list(store.responses())) == 2
    assert len(reports) == 1


def test_withdraw_repairs_a_damaged_file_without_waiting_on_its_own_lock(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path
) -> None:
    # Regression: reading a damaged file while holding the session lock took the
    # lock again through a second lock object and waited for ever.
    codes = send(store, sealer, 3)
    (folder / "responses-0001.json").write_bytes(b"{")
    outcome: list[tuple[bool, str]] = []
    worker = threading.Thread(target=lambda: outcome.append(withdraw(codes[0], store)))
    worker.daemon = True
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "withdraw deadlocked"
    assert outcome[0][0]
    assert store.count(SESSION.id) == 1


def test_a_file_that_stays_damaged_gives_a_plain_error(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    send(store, sealer, 2)
    monkeypatch.setattr(tinydb_session_files, "recover", lambda *a, **k: None)  # repair "fails"
    (folder / "responses-0001.json").write_bytes(b"{")
    with pytest.raises(StorageDamagedError, match="could not be repaired") as caught:
        send(store, sealer, 1)
    assert isinstance(caught.value, OSError)


def test_an_error_from_the_change_itself_is_not_taken_for_damage(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path, reports: list[Recovery]
) -> None:
    send(store, sealer, 1)
    calls = []

    def refuse(database: TinyDB) -> None:
        calls.append(1)
        raise ValueError("That vote is not one of the choices.")

    with store.files.locked(SESSION.id), pytest.raises(ValueError, match="not one of the choices"):
        store.files.change(folder / "session.json", refuse)
    assert calls == [1]
    assert reports == []


def test_recover_removes_temp_files_a_crash_left_behind(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path
) -> None:
    send(store, sealer, 2)
    (folder / ".tmp-abc123.part").write_bytes(b'{"responses": {"1"')
    assert store.recover() == []
    assert stray_temps(folder) == []


def test_a_part_file_missing_beside_its_backups_is_put_back(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path, reports: list[Recovery]
) -> None:
    send(store, sealer, 4)
    (folder / "responses-0001.json").unlink()
    (result,) = store.recover()
    assert result.restored_from == backup_path(folder / "responses-0001.json", 1)
    assert store.count(SESSION.id) == 3


def test_a_lost_session_file_is_rebuilt_from_the_answers(
    store: TinyDbResponseStore, sealer: Sealer, folder: Path
) -> None:
    send(store, sealer, 2)
    for path in folder.glob("session.json*"):
        path.unlink()
    assert store.sessions() == [SESSION]  # still listed, from the answers
    assert len(list(store.responses())) == 2
    store.recover()
    assert json.loads((folder / "session.json").read_text()) == session_document(SESSION)


def test_recover_is_crash_safe_the_damaged_file_stays_until_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.json"
    atomic.write_json_atomic(path, {"t": {"1": {"a": 1}}})
    atomic.write_json_atomic(path, {"t": {"1": {"a": 2}}})
    path.write_bytes(b"{")

    def crash(*_: object, **__: object) -> None:
        raise KeyboardInterrupt  # stands in for the power going off

    monkeypatch.setattr(atomic, "write_bytes_atomic", crash)
    with pytest.raises(KeyboardInterrupt):
        recover(path)
    assert path.read_bytes() == b"{"  # not moved away: the next start repairs it again
    monkeypatch.undo()
    result = recover(path)
    assert result is not None
    assert json.loads(path.read_text()) == {"t": {"1": {"a": 1}}}
    assert len(list(tmp_path.glob("f.json.damaged-*"))) == 2  # both attempts kept a copy


# -- locking ---------------------------------------------------------------------------


def test_threads_and_store_objects_in_one_process_never_lose_writes(
    tmp_path: Path, sealer: Sealer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tinydb_store, "PART_SIZE", 7)
    stores = [TinyDbResponseStore(tmp_path / "sessions") for _ in range(2)]
    errors: list[BaseException] = []

    def work(store: TinyDbResponseStore) -> None:
        try:
            send(store, sealer, 40)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(stores[n % 2],)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    found = list(stores[0].responses())
    assert len(found) == 160
    assert len({r.id for r in found}) == 160
