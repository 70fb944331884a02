"""The storage port, run against both stores: the in-memory one must behave like the real one.

Also covers what ``surveys.sending`` builds on the store: sending, declines and
withdrawal by receipt code, in plain words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from surveys import receipts
from surveys.audit import AuditLog
from surveys.sealing import Opener, Sealer
from surveys.sending import record_decline, send_response, withdraw
from surveys.storage import ResponseStore, SealedResponse, SessionInfo
from surveys.storage.memory_store import MemoryResponseStore
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.support.durability import completed_response, demo_keys

MONDAY = SessionInfo("s-monday", "2025-03-03")
TUESDAY = SessionInfo("s-tuesday", "2025-03-04")
LATER = SessionInfo("s-later", "2025-04-01")


@pytest.fixture(params=["memory", "tinydb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ResponseStore]:
    if request.param == "memory":
        yield MemoryResponseStore()
    else:
        yield TinyDbResponseStore(tmp_path / "sessions")


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Sealer, Opener]:
    return demo_keys(tmp_path / "keys")


@pytest.fixture
def audit(tmp_path: Path) -> AuditLog:
    return AuditLog(tmp_path / "audit.jsonl")


def send(store: ResponseStore, sealer: Sealer, session: SessionInfo, marker: str = "") -> str:
    """Send one response; returns its receipt code."""
    return send_response(
        completed_response(marker), sealer=sealer, store=store, session=session
    ).code


def test_a_sent_response_is_stored_sealed_and_opens_with_the_key(
    store: ResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    sealer, opener = keys
    receipt = send_response(
        completed_response("hello"), sealer=sealer, store=store, session=MONDAY, channel="phone"
    )
    (stored,) = list(store.responses())
    assert stored.id == receipt.record_id
    assert (stored.survey_id, stored.survey_version) == ("course-feedback", "2")
    assert (stored.session_id, stored.session_date, stored.channel) == (
        "s-monday",
        "2025-03-03",
        "phone",
    )
    assert stored.receipt_hash == receipts.code_hash(receipt.code)
    payload = opener.open(stored.sealed)
    assert payload == completed_response("hello").to_json()


def test_unknown_channel_is_refused_before_anything_is_stored(
    store: ResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    with pytest.raises(ValueError, match="unknown channel"):
        send_response(
            completed_response(), sealer=keys[0], store=store, session=MONDAY, channel="x"
        )
    assert list(store.responses()) == []


def test_sessions_are_listed_oldest_first_and_responses_filter_by_session(
    store: ResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    for session in (LATER, MONDAY, TUESDAY, MONDAY):
        send(store, keys[0], session)
    assert store.sessions() == [MONDAY, TUESDAY, LATER]
    assert len(list(store.responses())) == 4
    assert {r.session_id for r in store.responses(["s-monday"])} == {"s-monday"}
    assert len(list(store.responses(["s-monday"]))) == 2
    assert len(list(store.responses(["s-tuesday", "s-later"]))) == 2
    assert list(store.responses([])) == []
    assert [store.count(s.id) for s in store.sessions()] == [2, 1, 1]
    assert store.count("s-never-used") == 0


@pytest.mark.parametrize("bad", ["", "../escape", "a/b", "has space", "x" * 65, "ok\n", "é"])
def test_session_ids_that_could_escape_the_folder_are_refused(
    store: ResponseStore, keys: tuple[Sealer, Opener], bad: str
) -> None:
    with pytest.raises(ValueError, match="session ids"):
        send(store, keys[0], SessionInfo(bad, "2025-03-03"))
    with pytest.raises(ValueError, match="session ids"):
        store.record_decline(SessionInfo(bad, "2025-03-03"))


@pytest.mark.parametrize(
    ("declines", "expected"),
    [
        ({}, {}),
        ({MONDAY: 1}, {"s-monday": 1}),
        ({MONDAY: 3, TUESDAY: 2}, {"s-monday": 3, "s-tuesday": 2}),
    ],
)
def test_record_decline_counts_no_thanks_per_session(
    store: ResponseStore,
    audit: AuditLog,
    declines: dict[SessionInfo, int],
    expected: dict[str, int],
) -> None:
    for session, count in declines.items():
        for _ in range(count):
            record_decline(store, session, audit)
    for session in (MONDAY, TUESDAY):
        assert store.declines(session.id) == expected.get(session.id, 0)
    assert list(store.responses()) == []  # a "No thanks" keeps no response
    assert [e["event"] for e in audit.entries()] == ["decline"] * sum(declines.values())
    assert set(store.sessions()) == set(declines)


def test_declines_and_responses_live_side_by_side(
    store: ResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    send(store, keys[0], MONDAY)
    record_decline(store, MONDAY)
    send(store, keys[0], MONDAY)
    assert store.declines("s-monday") == 1
    assert len(list(store.responses())) == 2


def test_withdraw_with_a_good_code_deletes_that_response_only(
    store: ResponseStore, keys: tuple[Sealer, Opener], audit: AuditLog
) -> None:
    keep = send(store, keys[0], MONDAY)
    code = send(store, keys[0], TUESDAY)
    other = send(store, keys[0], TUESDAY)
    done, message = withdraw(code, store, audit)
    assert done
    assert message == "Done. Those answers have been deleted and will not be used."
    left = {r.receipt_hash for r in store.responses()}
    assert left == {receipts.code_hash(keep), receipts.code_hash(other)}
    assert store.count("s-tuesday") == 1
    (entry,) = audit.entries()
    assert entry["event"] == "withdraw"
    assert entry["session"] == "s-tuesday"
    assert code not in audit.path.read_text()
    assert receipts.code_hash(code) not in audit.path.read_text()


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{spaced}", "{oh}"])
def test_withdraw_accepts_the_code_as_people_type_it(
    store: ResponseStore, keys: tuple[Sealer, Opener], typed: str
) -> None:
    code = send(store, keys[0], MONDAY)
    while "0" not in code:  # the "oh" form needs a zero to mistype
        code = send(store, keys[0], MONDAY)
    forms = {
        "code": code,
        "lower": code.lower(),
        "spaced": " ".join(code.replace("-", "")),
        "oh": code.replace("0", "O"),
    }
    done, _ = withdraw(typed.format(**forms), store)
    assert done
    assert receipts.code_hash(code) not in {r.receipt_hash for r in store.responses()}


def test_withdraw_with_an_unknown_code_says_so_plainly(
    store: ResponseStore, keys: tuple[Sealer, Opener], audit: AuditLog
) -> None:
    send(store, keys[0], MONDAY)
    done, message = withdraw(receipts.new_code(), store, audit)
    assert not done
    assert message.startswith("We couldn't find answers with that code.")
    assert len(list(store.responses())) == 1
    assert audit.entries() == []


@pytest.mark.parametrize("typed", ["", "hello", "7K3QD", "7K3QD-M9XTU", "7K3QD-M9XTA-ZZ"])
def test_withdraw_with_a_malformed_code_says_what_a_code_looks_like(
    store: ResponseStore, keys: tuple[Sealer, Opener], typed: str
) -> None:
    send(store, keys[0], MONDAY)
    done, message = withdraw(typed, store)
    assert not done
    assert message.startswith("That doesn't look like a receipt code.")
    assert "10 letters and numbers" in message
    assert len(list(store.responses())) == 1


def test_withdrawing_twice_says_the_answers_are_not_there_any_more(
    store: ResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    code = send(store, keys[0], MONDAY)
    assert withdraw(code, store)[0]
    done, message = withdraw(code, store)
    assert not done
    assert "may already have been deleted" in message


def test_forget_receipts_destroys_hashes_before_the_cut_off_only(
    store: ResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    old = [send(store, keys[0], MONDAY) for _ in range(2)] + [send(store, keys[0], TUESDAY)]
    recent = send(store, keys[0], LATER)
    assert store.forget_receipts("2025-03-10") == 3
    by_session = {r.session_id: r.receipt_hash for r in store.responses()}
    assert by_session["s-monday"] is None
    assert by_session["s-tuesday"] is None
    assert by_session["s-later"] == receipts.code_hash(recent)
    assert len(list(store.responses())) == 4  # the answers themselves stay
    done, message = withdraw(old[0], store)
    assert not done
    assert "time for taking answers back may have passed" in message
    assert withdraw(recent, store)[0]
    assert store.forget_receipts("2025-03-10") == 0  # nothing left to forget


def test_forget_receipts_on_the_cut_off_day_keeps_that_day(
    store: ResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    send(store, keys[0], TUESDAY)
    assert store.forget_receipts("2025-03-04") == 0
    assert store.forget_receipts("2025-03-05") == 1


def test_recover_on_a_healthy_store_does_nothing(
    store: ResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    send(store, keys[0], MONDAY)
    assert store.recover() == []
    assert len(list(store.responses())) == 1


def _scenario(store: ResponseStore, sealer: Sealer) -> list[object]:
    """A little of everything; returns what an observer of the store would see."""
    seen: list[object] = []
    codes = [send(store, sealer, session) for session in (MONDAY, TUESDAY, MONDAY, LATER, LATER)]
    record_decline(store, TUESDAY)
    record_decline(store, SessionInfo("s-empty", "2025-02-01"))
    seen.append(store.sessions())
    seen.append(withdraw(codes[2], store))
    seen.append(withdraw(codes[2], store))
    seen.append(withdraw("nonsense", store))
    seen.append(store.forget_receipts("2025-03-31"))
    seen.append(withdraw(codes[0], store))
    seen.append(withdraw(codes[4], store))
    seen.append([store.declines(s.id) for s in store.sessions()])
    seen.append([len(store.withdrawn(s.id)) for s in store.sessions()])
    rows = sorted(
        (r.session_id, r.session_date, r.survey_id, r.channel, r.receipt_hash is None)
        for r in store.responses()
    )
    seen.append(rows)
    seen.append(store.recover())
    return seen


def test_memory_store_behaves_like_the_tinydb_store(
    tmp_path: Path, keys: tuple[Sealer, Opener]
) -> None:
    memory = _scenario(MemoryResponseStore(), keys[0])
    real = _scenario(TinyDbResponseStore(tmp_path / "sessions"), keys[0])
    assert memory == real


def test_responses_round_trip_through_the_stored_form() -> None:
    response = SealedResponse("id", "sv", "1", "s1", "2025-01-01", "kiosk", None, "sealed")
    assert SealedResponse.from_json(response.to_json()) == response
    with pytest.raises(ValueError, match="lacks"):
        SealedResponse.from_json({"id": "x"})
    with pytest.raises(ValueError, match="not a stored response"):
        SealedResponse.from_json(["id"])


def test_delete_session_removes_that_session_only(
    store: ResponseStore, keys: tuple[Sealer, Opener], tmp_path: Path
) -> None:
    sealer, _ = keys
    old, new = SessionInfo("sold", "2026-10-01"), SessionInfo("snew", "2026-11-20")
    for _ in range(3):
        send(store, sealer, old)
    send(store, sealer, new)
    store.record_decline(old)
    assert store.delete_session(old.id) == 3
    assert [s.id for s in store.sessions()] == ["snew"]
    assert len(list(store.responses())) == 1
    assert store.declines(old.id) == 0
    assert store.delete_session(old.id) == 0
    if isinstance(store, TinyDbResponseStore):
        assert not (store.root / "sold").exists()


# -- withdrawn ids are remembered per session (so a merge never brings them back) --


def test_withdrawing_remembers_the_id_in_its_session_only(
    store: ResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    codes = [send(store, keys[0], MONDAY) for _ in range(3)]
    send(store, keys[0], TUESDAY)
    ids = [r.id for r in store.responses([MONDAY.id])]
    assert store.withdrawn(MONDAY.id) == set()
    assert withdraw(codes[1], store)[0]
    assert store.withdrawn(MONDAY.id) == {ids[1]}
    assert store.withdrawn(TUESDAY.id) == set()
    assert [r.id for r in store.responses([MONDAY.id])] == [ids[0], ids[2]]


def test_withdraw_record_deletes_by_id_and_is_idempotent(
    store: ResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    send(store, keys[0], MONDAY)
    send(store, keys[0], MONDAY)
    first, second = (r.id for r in store.responses())
    removed = store.withdraw_record(MONDAY, first)
    assert removed is not None
    assert removed.id == first
    assert store.withdraw_record(MONDAY, first) is None
    assert store.withdrawn(MONDAY.id) == {first}
    assert [r.id for r in store.responses()] == [second]


def test_a_tombstone_for_a_session_not_here_yet_is_kept(store: ResponseStore) -> None:
    assert store.withdraw_record(TUESDAY, "abc123") is None
    assert store.withdrawn(TUESDAY.id) == {"abc123"}
    assert store.sessions() == [TUESDAY]


def test_deleting_a_session_deletes_its_tombstones(
    store: ResponseStore, keys: tuple[Sealer, Opener]
) -> None:
    code = send(store, keys[0], MONDAY)
    send(store, keys[0], MONDAY)
    assert withdraw(code, store)[0]
    assert store.delete_session(MONDAY.id) == 1
    assert store.withdrawn(MONDAY.id) == set()


def test_the_session_file_holds_the_tombstones_and_an_old_one_still_reads(
    tmp_path: Path, keys: tuple[Sealer, Opener]
) -> None:
    store = TinyDbResponseStore(tmp_path / "sessions")
    send(store, keys[0], MONDAY)
    session_file = tmp_path / "sessions" / MONDAY.id / "session.json"
    before = session_file.read_bytes()
    assert "withdrawn" not in json.loads(before)["session"]["1"]  # nothing withdrawn: as before
    assert store.withdrawn(MONDAY.id) == set()
    (record_id,) = (r.id for r in store.responses())
    store.withdraw_record(MONDAY, record_id)
    row = json.loads(session_file.read_text())["session"]["1"]
    assert row == {"id": MONDAY.id, "date": MONDAY.date, "declines": 0, "withdrawn": [record_id]}
    written = session_file.read_bytes()
    store.withdraw_record(MONDAY, record_id)  # already remembered: nothing is rewritten
    assert session_file.read_bytes() == written
    assert not (tmp_path / "sessions" / MONDAY.id / "session.json.2").exists()
