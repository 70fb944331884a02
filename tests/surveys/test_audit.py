"""The audit log: a hash chain of events that never holds answers or codes."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from pathlib import Path

import pytest

from surveys.audit import ALLOWED_DETAIL, GENESIS, AuditLog
from surveys.clock import FixedClock

MOMENT = dt.datetime(2025, 3, 4, 10, 30, tzinfo=dt.UTC)


@pytest.fixture
def log(tmp_path: Path) -> AuditLog:
    return AuditLog(tmp_path / "audit" / "audit.jsonl", FixedClock(MOMENT))


def fill(log: AuditLog, count: int = 5) -> None:
    for number in range(count):
        log.record("send", session=f"s{number}", survey="course-feedback", channel="kiosk")


def test_each_line_holds_the_hash_of_the_line_before(log: AuditLog) -> None:
    fill(log, 3)
    lines = log.path.read_bytes().splitlines()
    assert json.loads(lines[0])["prev"] == GENESIS
    for before, after in itertools.pairwise(lines):
        assert json.loads(after)["prev"] == hashlib.sha256(before).hexdigest()
    assert log.verify() is None


def test_entries_are_what_was_recorded(log: AuditLog) -> None:
    log.record("withdraw", record="abc123", session="s1")
    log.record("pin-failure", role="facilitator", attempts=3)
    entries = log.entries()
    assert [e["event"] for e in entries] == ["withdraw", "pin-failure"]
    assert entries[0]["record"] == "abc123"
    assert entries[1]["attempts"] == 3
    assert entries[0]["ts"] == "2025-03-04T10:30:00+00:00"


def test_send_and_decline_carry_the_date_and_no_time(log: AuditLog) -> None:
    log.record("pin-set", role="facilitator")
    with log.path.open("ab") as handle:
        handle.write(b'{"event": "se')  # a crash mid-append: the repair line is stamped too
    log.record("send", session="s1", survey="course-feedback", channel="kiosk")
    log.record("decline", session="s1")
    assert [(e["event"], e["ts"]) for e in log.entries()] == [
        ("pin-set", "2025-03-04T10:30:00+00:00"),
        ("torn-line", "2025-03-04"),
        ("send", "2025-03-04"),
        ("decline", "2025-03-04"),
    ]
    assert log.verify() is None


def test_an_empty_or_missing_log_verifies(log: AuditLog) -> None:
    assert log.verify() is None
    assert log.entries() == []


@pytest.mark.parametrize("line", [1, 2, 3, 4])
def test_verify_finds_an_edited_line(log: AuditLog, line: int) -> None:
    fill(log)
    lines = log.path.read_bytes().splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(b'"kiosk"', b'"phone"')
    log.path.write_bytes(b"".join(lines))
    assert log.verify() == line + 1


def test_verify_finds_an_edit_to_the_prev_field_itself(log: AuditLog) -> None:
    fill(log)
    lines = log.path.read_bytes().splitlines(keepends=True)
    entry = json.loads(lines[2])
    entry["prev"] = hashlib.sha256(b"something else").hexdigest()
    lines[2] = json.dumps(entry, sort_keys=True).encode() + b"\n"
    log.path.write_bytes(b"".join(lines))
    assert log.verify() == 3


@pytest.mark.parametrize("line", [1, 2, 3, 4])
def test_verify_finds_a_deleted_line(log: AuditLog, line: int) -> None:
    fill(log)
    lines = log.path.read_bytes().splitlines(keepends=True)
    del lines[line - 1]
    log.path.write_bytes(b"".join(lines))
    assert log.verify() == line


def test_verify_finds_a_line_swapped_with_another(log: AuditLog) -> None:
    fill(log)
    lines = log.path.read_bytes().splitlines(keepends=True)
    lines[1], lines[2] = lines[2], lines[1]
    log.path.write_bytes(b"".join(lines))
    assert log.verify() == 2


@pytest.mark.parametrize("key", ["answer", "answers", "code", "receipt", "text", "comment", "ts"])
def test_detail_keys_outside_the_allow_list_are_refused(log: AuditLog, key: str) -> None:
    with pytest.raises(ValueError, match="not allowed"):
        log.record("send", **{key: "anything"})
    assert not log.path.exists()


@pytest.mark.parametrize(
    "value",
    [
        "x" * 201,  # longer than any id or name: free text
        "two\nlines",
        {"nested": "answers"},
        b"bytes",
        ["ok", {"nested": 1}],
        list(range(1001)),
    ],
)
def test_detail_values_must_be_short_plain_values(log: AuditLog, value: object) -> None:
    with pytest.raises(ValueError, match="audit detail"):
        log.record("send", reason=value)
    assert not log.path.exists()


@pytest.mark.parametrize("event", ["", "Send", "send answer", "a" * 41, "send\n", "7K3QD-M9XTA"])
def test_event_names_are_short_lower_case_words(log: AuditLog, event: str) -> None:
    with pytest.raises(ValueError, match="event names"):
        log.record(event)


def test_allowed_values_are_kept(log: AuditLog) -> None:
    log.record("export", records=["a", "b"], count=2, seconds=1.5, outcome=None, folder="x" * 200)
    (entry,) = log.entries()
    assert entry["records"] == ["a", "b"]
    assert entry["seconds"] == 1.5
    assert entry["outcome"] is None


def test_the_allow_list_has_nothing_that_names_an_answer_or_code() -> None:
    for word in ("answer", "text", "code", "receipt", "comment", "consent", "free"):
        assert not any(word in key for key in ALLOWED_DETAIL)


@pytest.mark.parametrize("fragment", [b'{"ts": "2025', b"{", b'{"event": "send", "prev": "ab'])
def test_a_half_written_last_line_does_not_break_later_appends(
    log: AuditLog, fragment: bytes
) -> None:
    fill(log, 3)
    with log.path.open("ab") as handle:
        handle.write(fragment)  # a crash in the middle of an append
    log.record("withdraw", record="r1", session="s1")
    log.record("withdraw", record="r2", session="s1")
    assert log.verify() is None
    events = [e["event"] for e in log.entries()]
    assert events == ["send", "send", "send", "torn-line", "withdraw", "withdraw"]
    assert log.entries()[3]["count"] == len(fragment)
    assert fragment not in log.path.read_bytes().split(b"\n")


def test_a_torn_first_line_is_cut_off_too(log: AuditLog) -> None:
    log.path.parent.mkdir(parents=True)
    log.path.write_bytes(b'{"event": "se')
    log.record("send", session="s1")
    assert log.verify() is None
    assert [e["event"] for e in log.entries()] == ["torn-line", "send"]


def test_a_long_log_is_chained_from_its_end(log: AuditLog) -> None:
    log.path.parent.mkdir(parents=True)
    fill(log, 400)  # more than the 4 KiB read-back chunk
    assert log.verify() is None
    assert len(log.entries()) == 400


def test_two_log_objects_on_one_file_keep_one_chain(tmp_path: Path) -> None:
    first = AuditLog(tmp_path / "audit.jsonl")
    second = AuditLog(tmp_path / "audit.jsonl")
    for number in range(10):
        (first if number % 2 else second).record("send", session=f"s{number}")
    assert first.verify() is None
    assert len(second.entries()) == 10


def test_a_whole_last_entry_missing_only_its_newline_is_kept(log: AuditLog) -> None:
    fill(log, 2)
    log.path.write_bytes(log.path.read_bytes()[:-1])  # the newline never reached the disk
    log.record("withdraw", record="r1", session="s1")
    assert log.verify() is None
    assert [e["event"] for e in log.entries()] == ["send", "send", "withdraw"]
