"""The operator PIN: hashing, slow-down, lock-out that survives a restart, audit."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from surveys.audit import AuditLog
from surveys.clock import FixedClock
from surveys.operator_pin import (
    LOCK_AFTER,
    LOCK_SECONDS,
    OperatorPin,
    PinError,
    PinOutcome,
    new_pin_problem,
    pin_path,
    wait_after,
)
from tests.support.pin import fast_hasher

PIN = "246810"
START = dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def audit(tmp_path: Path, clock: FixedClock) -> AuditLog:
    return AuditLog(tmp_path / "audit.jsonl", clock)


def make_pin(tmp_path: Path, clock: FixedClock, audit: AuditLog) -> OperatorPin:
    return OperatorPin(pin_path(tmp_path), clock=clock, audit=audit, hasher=fast_hasher())


def later(clock: FixedClock, seconds: float) -> None:
    clock.moment = clock.moment + dt.timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("pin", "problem"),
    [
        ("12345", "at least 6"),
        ("12a456", "numbers only"),
        ("１２３４５６", "numbers only"),
        ("", "numbers only"),
        ("111111", "same number"),
        ("1" * 20 + "2" * 13, "at most"),
        ("135790", None),
        ("123456", "in a row"),
        ("987654", "in a row"),
        ("0123456789", "in a row"),
        ("123123", "easy to guess"),
        ("100100", "easy to guess"),
        ("112233", "easy to guess"),
        ("246810", None),
    ],
)
def test_new_pin_problem_names_the_rule(pin: str, problem: str | None) -> None:
    found = new_pin_problem(pin)
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert problem in found


def test_set_pin_stores_only_an_argon2id_hash_with_mode_0600(
    tmp_path: Path, clock: FixedClock, audit: AuditLog
) -> None:
    pin = make_pin(tmp_path, clock, audit)
    assert not pin.is_set()
    pin.set(PIN)
    raw = pin_path(tmp_path).read_text()
    assert PIN not in raw
    assert json.loads(raw)["hash"].startswith("$argon2id$")
    assert stat.S_IMODE(pin_path(tmp_path).stat().st_mode) == 0o600
    assert pin.is_set()


def test_set_pin_refuses_a_short_pin(tmp_path: Path, clock: FixedClock, audit: AuditLog) -> None:
    pin = make_pin(tmp_path, clock, audit)
    with pytest.raises(PinError, match="at least 6"):
        pin.set("1234")
    assert not pin_path(tmp_path).exists()


def test_check_right_pin_is_ok_and_audited(
    tmp_path: Path, clock: FixedClock, audit: AuditLog
) -> None:
    pin = make_pin(tmp_path, clock, audit)
    pin.set(PIN)
    assert pin.check(PIN).outcome is PinOutcome.OK
    assert [e["event"] for e in audit.entries()] == ["pin-set", "pin-ok"]


def test_check_without_a_pin_says_not_set(
    tmp_path: Path, clock: FixedClock, audit: AuditLog
) -> None:
    result = make_pin(tmp_path, clock, audit).check(PIN)
    assert result.outcome is PinOutcome.NOT_SET
    assert "kiosk pin set" in result.message


def test_check_damaged_file_says_damaged(
    tmp_path: Path, clock: FixedClock, audit: AuditLog
) -> None:
    pin_path(tmp_path).write_text("{not json")
    pin = make_pin(tmp_path, clock, audit)
    assert pin.check(PIN).outcome is PinOutcome.DAMAGED
    with pytest.raises(PinError, match="damaged"):
        pin.is_set()


@pytest.mark.parametrize(
    ("failures", "wait"),
    [(0, 0), (1, 0), (2, 0), (3, 5), (4, 10), (5, 20), (9, 320), (10, LOCK_SECONDS), (14, 900)],
)
def test_wait_after_grows_then_locks(failures: int, wait: int) -> None:
    assert wait_after(failures) == wait


def test_three_wrong_pins_then_a_growing_wait(
    tmp_path: Path, clock: FixedClock, audit: AuditLog
) -> None:
    pin = make_pin(tmp_path, clock, audit)
    pin.set(PIN)
    for _ in range(2):
        assert pin.check("000001").outcome is PinOutcome.WRONG
    third = pin.check("000001")
    assert (third.outcome, third.wait_seconds) == (PinOutcome.WRONG, 5)
    assert "wait 5 seconds" in third.message
    # During the wait even the right PIN is not tried, and nothing is counted.
    waiting = pin.check(PIN)
    assert waiting.outcome is PinOutcome.WAIT
    later(clock, 5)
    fourth = pin.check("000001")
    assert fourth.wait_seconds == 10


def test_ten_wrong_pins_lock_for_fifteen_minutes_even_after_restart(
    tmp_path: Path, clock: FixedClock, audit: AuditLog
) -> None:
    pin = make_pin(tmp_path, clock, audit)
    pin.set(PIN)
    result = None
    for _ in range(LOCK_AFTER):
        later(clock, pin.wait_seconds())
        result = pin.check("999999")
    assert result is not None
    assert (result.outcome, result.wait_seconds) == (PinOutcome.LOCKED, LOCK_SECONDS)
    assert "15 minutes" in result.message

    restarted = make_pin(tmp_path, clock, audit)
    later(clock, 60)
    assert restarted.check(PIN).outcome is PinOutcome.LOCKED
    assert restarted.wait_seconds() == LOCK_SECONDS - 60
    later(clock, LOCK_SECONDS)
    assert restarted.check(PIN).outcome is PinOutcome.OK
    # A right PIN clears the count: the next wrong one has no wait.
    assert restarted.check("999999").wait_seconds == 0


def test_a_wrong_pin_after_a_lock_locks_again(
    tmp_path: Path, clock: FixedClock, audit: AuditLog
) -> None:
    pin = make_pin(tmp_path, clock, audit)
    pin.set(PIN)
    for _ in range(LOCK_AFTER):
        later(clock, pin.wait_seconds())
        pin.check("999999")
    later(clock, LOCK_SECONDS)
    assert pin.check("999998").outcome is PinOutcome.LOCKED


def test_clock_set_backwards_never_locks_longer_than_a_lock(
    tmp_path: Path, clock: FixedClock, audit: AuditLog
) -> None:
    pin = make_pin(tmp_path, clock, audit)
    pin.set(PIN)
    for _ in range(LOCK_AFTER):
        later(clock, pin.wait_seconds())
        pin.check("999999")
    later(clock, -365 * 24 * 3600)
    assert pin.wait_seconds() == LOCK_SECONDS


def test_audit_has_events_but_never_pin_digits(
    tmp_path: Path, clock: FixedClock, audit: AuditLog
) -> None:
    pin = make_pin(tmp_path, clock, audit)
    pin.set(PIN)
    for _ in range(LOCK_AFTER):
        later(clock, pin.wait_seconds())
        pin.check("975310")
    later(clock, LOCK_SECONDS)
    pin.check(PIN)
    events = [e["event"] for e in audit.entries()]
    assert events.count("pin-wrong") == LOCK_AFTER - 1
    assert events.count("pin-locked") == 1
    assert events[-1] == "pin-ok"
    log = (tmp_path / "audit.jsonl").read_text()
    assert PIN not in log
    assert "975310" not in log
    assert audit.verify() is None


def test_non_digit_input_counts_as_wrong(
    tmp_path: Path, clock: FixedClock, audit: AuditLog
) -> None:
    pin = make_pin(tmp_path, clock, audit)
    pin.set(PIN)
    assert pin.check("[bold]\x1b[2J").outcome is PinOutcome.WRONG


def test_tries_during_a_wait_are_logged_without_any_digit(
    tmp_path: Path, clock: FixedClock, audit: AuditLog
) -> None:
    pin = make_pin(tmp_path, clock, audit)
    pin.set(PIN)
    for _ in range(3):
        pin.check("975318")
    later(clock, 2)
    assert pin.check(PIN).outcome is PinOutcome.WAIT
    assert pin.check("864208").outcome is PinOutcome.WAIT
    lines = [json.loads(line) for line in (tmp_path / "audit.jsonl").read_text().splitlines()]
    waits = [line for line in lines if line["event"] == "pin-tried-while-waiting"]
    assert len(waits) == 2
    assert waits[0]["attempts"] == 3
    assert waits[0]["seconds"] == 3
    log = (tmp_path / "audit.jsonl").read_text()
    for typed in (PIN, "864208", "975318"):
        assert typed not in log
