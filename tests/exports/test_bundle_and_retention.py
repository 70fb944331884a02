"""Bundle and merge between kiosks, retention purge and the withdrawal cut-off."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from exports.bundle import BundleError, bundle, merge
from exports.retention import RetentionError, forget_old_receipts, purge
from surveys.audit import AuditLog
from surveys.receipts import code_hash as receipt_hash
from surveys.sending import withdraw
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.support.durability import ROOT, child_env
from tests.support.exports import Kiosk, template

SURVEY = template("session-debrief")


def fill(kiosk: Kiosk, date: str, count: int, declines: int = 0) -> tuple[str, list[str]]:
    session = kiosk.session(date)
    codes = [kiosk.send(SURVEY, session, {"overall": n % 11}).code for n in range(count)]
    for _ in range(declines):
        kiosk.decline(session)
    return session.id, codes


def test_bundle_then_merge_twice_is_idempotent(kiosk: Kiosk, tmp_path: Path) -> None:
    first, _ = fill(kiosk, "2026-03-12", 4, declines=2)
    second, _ = fill(kiosk, "2026-03-19", 3)
    dest = tmp_path / "usb" / "bundle"
    made = bundle(kiosk.store, [first, second], dest)
    assert made.responses == 7
    assert "locked" in made.summary()
    manifest = json.loads((dest / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {f"sessions/{first}.json", f"sessions/{second}.json"}

    other = TinyDbResponseStore(tmp_path / "laptop")
    audit = AuditLog(tmp_path / "audit.jsonl")
    once = merge([dest], other, audit)
    assert (once.imported, once.already_there, once.refused) == (7, 0, [])
    twice = merge([dest], other, audit)
    assert (twice.imported, twice.already_there) == (0, 7)
    assert sorted(r.id for r in other.responses()) == sorted(r.id for r in kiosk.store.responses())
    assert other.declines(first) == 2
    assert [s.id for s in other.sessions()] == [first, second]
    assert [e["event"] for e in audit.entries()] == ["merge", "merge"]


def test_merging_into_the_same_kiosk_adds_nothing(kiosk: Kiosk, tmp_path: Path) -> None:
    first, _ = fill(kiosk, "2026-03-12", 3, declines=1)
    dest = tmp_path / "bundle"
    bundle(kiosk.store, [first], dest)
    result = merge([dest], kiosk.store)
    assert (result.imported, result.already_there, result.declines_added) == (0, 3, 0)
    assert kiosk.store.declines(first) == 1


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        ("edit", "was changed or damaged"),
        ("delete", "is missing"),
        ("extra", "doesn't list"),
        ("manifest", "could not be read"),
        ("swap-session", "was changed or damaged"),
    ],
)
def test_tampered_bundle_is_refused_whole(
    kiosk: Kiosk, tmp_path: Path, tamper: str, message: str
) -> None:
    first, _ = fill(kiosk, "2026-03-12", 3)
    second, _ = fill(kiosk, "2026-03-19", 2)
    dest = tmp_path / "bundle"
    bundle(kiosk.store, [first, second], dest)
    target = dest / "sessions" / f"{second}.json"
    if tamper == "edit":
        data = json.loads(target.read_text(encoding="utf-8"))
        data["responses"][0]["survey_id"] = "something-else"
        target.write_text(json.dumps(data), encoding="utf-8")
    elif tamper == "delete":
        target.unlink()
    elif tamper == "extra":
        (dest / "sessions" / "sneaky.json").write_text("{}", encoding="utf-8")
    elif tamper == "manifest":
        (dest / "manifest.json").write_text("{not json", encoding="utf-8")
    else:
        data = json.loads(target.read_text(encoding="utf-8"))
        data["declines"] = 40
        target.write_text(json.dumps(data, indent=1), encoding="utf-8")
    other = TinyDbResponseStore(tmp_path / "laptop")
    result = merge([dest], other)
    assert result.imported == 0
    assert result.refused == [str(dest)]
    assert message in result.messages[0]
    assert "Nothing was imported" in result.messages[0]
    assert list(other.responses()) == []
    assert other.sessions() == []


def test_one_bad_bundle_does_not_stop_a_good_one(kiosk: Kiosk, tmp_path: Path) -> None:
    first, _ = fill(kiosk, "2026-03-12", 3)
    good, bad = tmp_path / "good", tmp_path / "bad"
    bundle(kiosk.store, [first], good)
    bad.mkdir()
    result = merge([bad, good], TinyDbResponseStore(tmp_path / "laptop"))
    assert result.imported == 3
    assert result.refused == [str(bad)]
    assert "has no manifest.json" in result.messages[0]


def test_bundle_refuses_unknown_session_and_busy_folder(kiosk: Kiosk, tmp_path: Path) -> None:
    first, _ = fill(kiosk, "2026-03-12", 1)
    with pytest.raises(BundleError, match="no session called 'nope'"):
        bundle(kiosk.store, ["nope"], tmp_path / "b")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x").write_text("x", encoding="utf-8")
    with pytest.raises(BundleError, match="not empty"):
        bundle(kiosk.store, [first], busy)


def test_purge_deletes_sessions_older_than_the_period(kiosk: Kiosk, tmp_path: Path) -> None:
    old, _ = fill(kiosk, "2026-01-05", 3, declines=1)
    recent, _ = fill(kiosk, "2026-03-20", 2)
    audit = AuditLog(tmp_path / "audit.jsonl")
    result = purge(kiosk.store, keep_days=30, today=dt.date(2026, 3, 25), audit=audit)
    assert (result.sessions, result.responses) == (1, 3)
    assert "Deleted 3 responses from 1 sessions" in result.summary()
    assert [s.id for s in kiosk.store.sessions()] == [recent]
    assert len(list(kiosk.store.responses())) == 2
    assert not (kiosk.store.root / old).exists()  # backups went too
    entry = audit.entries()[-1]
    assert (entry["event"], entry["session"], entry["count"]) == ("purge", old, 3)
    assert audit.verify() is None
    again = purge(kiosk.store, keep_days=30, today=dt.date(2026, 3, 25))
    assert again.sessions == 0
    assert "Nothing to delete" in again.summary()


def test_purge_refuses_negative_days(kiosk: Kiosk) -> None:
    with pytest.raises(RetentionError, match="can't be negative"):
        purge(kiosk.store, keep_days=-1, today=dt.date(2026, 3, 25))


def test_withdrawal_cut_off_forgets_receipts(kiosk: Kiosk, tmp_path: Path) -> None:
    _, old_codes = fill(kiosk, "2026-03-01", 2)
    _, new_codes = fill(kiosk, "2026-03-20", 2)
    audit = AuditLog(tmp_path / "audit.jsonl")
    result = forget_old_receipts(
        kiosk.store, withdraw_days=14, today=dt.date(2026, 3, 25), audit=audit
    )
    assert result.receipts == 2
    assert "can no longer be taken back" in result.summary()
    assert withdraw(old_codes[0], kiosk.store)[0] is False
    assert withdraw(new_codes[0], kiosk.store)[0] is True
    assert audit.entries()[-1]["count"] == 2


def test_a_withdrawn_response_does_not_come_back_when_a_bundle_is_merged_again(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    first, codes = fill(kiosk, "2026-03-12", 3)
    dest = tmp_path / "bundle"
    bundle(kiosk.store, [first], dest)  # made before the withdrawal: no tombstone in it
    gone = next(r for r in kiosk.store.responses() if r.receipt_hash == receipt_hash(codes[0]))
    assert withdraw(codes[0], kiosk.store)[0]
    for _ in range(2):
        result = merge([dest], kiosk.store)
        assert (result.imported, result.already_there, result.refused) == (0, 2, [])
    assert gone.id not in {r.id for r in kiosk.store.responses()}
    assert not any(r.receipt_hash == receipt_hash(codes[0]) for r in kiosk.store.responses())


def test_a_withdrawal_after_a_merge_reaches_the_coordinator_with_the_next_bundle(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    first, codes = fill(kiosk, "2026-03-12", 3, declines=1)
    laptop = TinyDbResponseStore(tmp_path / "laptop")
    audit = AuditLog(tmp_path / "audit.jsonl")
    bundle(kiosk.store, [first], tmp_path / "monday")
    assert merge([tmp_path / "monday"], laptop, audit).imported == 3
    gone = next(r for r in kiosk.store.responses() if r.receipt_hash == receipt_hash(codes[1]))
    assert withdraw(codes[1], kiosk.store)[0]
    bundle(kiosk.store, [first], tmp_path / "tuesday")
    written = json.loads((tmp_path / "tuesday" / "sessions" / f"{first}.json").read_text())
    assert written["withdrawn"] == [gone.id]

    result = merge([tmp_path / "tuesday"], laptop, audit)
    assert (result.imported, result.already_there, result.withdrawn) == (0, 2, 1)
    assert "Deleted 1 responses that were withdrawn" in result.summary()
    assert sorted(r.id for r in laptop.responses()) == sorted(r.id for r in kiosk.store.responses())
    assert laptop.withdrawn(first) == {gone.id}
    # The old bundle, merged again, can't bring it back; merging stays idempotent.
    for path in (tmp_path / "monday", tmp_path / "tuesday"):
        again = merge([path], laptop, audit)
        assert (again.imported, again.already_there, again.withdrawn) == (0, 2, 0)
    assert gone.id not in {r.id for r in laptop.responses()}
    assert laptop.declines(first) == 1
    events = [e["event"] for e in audit.entries()]
    assert events == ["merge", "merge", "withdraw", "merge", "merge"]
    assert audit.verify() is None


def test_a_bundle_made_before_withdrawals_travelled_still_merges(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    first, _ = fill(kiosk, "2026-03-12", 2)
    dest = tmp_path / "bundle"
    bundle(kiosk.store, [first], dest)
    name = f"sessions/{first}.json"
    document = json.loads((dest / name).read_text(encoding="utf-8"))
    del document["withdrawn"]
    data = json.dumps(document, indent=1).encode("utf-8")
    (dest / name).write_bytes(data)
    manifest = json.loads((dest / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][name] = hashlib.sha256(data).hexdigest()
    (dest / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = merge([dest], TinyDbResponseStore(tmp_path / "laptop"))
    assert (result.imported, result.refused) == (2, [])


@pytest.mark.parametrize("withdrawn", [["../x"], "abc", [7]])
def test_a_changed_withdrawn_list_is_refused_whole(
    kiosk: Kiosk, tmp_path: Path, withdrawn: object
) -> None:
    first, codes = fill(kiosk, "2026-03-12", 2)
    withdraw(codes[0], kiosk.store)
    dest = tmp_path / "bundle"
    bundle(kiosk.store, [first], dest)
    target = dest / "sessions" / f"{first}.json"
    document = json.loads(target.read_text(encoding="utf-8"))
    document["withdrawn"] = []  # hiding a withdrawal breaks the file's hash
    target.write_text(json.dumps(document, indent=1), encoding="utf-8")
    result = merge([dest], TinyDbResponseStore(tmp_path / "laptop"))
    assert result.refused == [str(dest)]
    assert "was changed or damaged" in result.messages[0]
    # A list that is not ids is refused even when the manifest agrees.
    document["withdrawn"] = withdrawn
    data = json.dumps(document, indent=1).encode("utf-8")
    target.write_bytes(data)
    manifest = json.loads((dest / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][f"sessions/{first}.json"] = hashlib.sha256(data).hexdigest()
    (dest / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = merge([dest], TinyDbResponseStore(tmp_path / "laptop2"))
    assert result.refused == [str(dest)]
    assert "not in the expected form" in result.messages[0]


def test_purge_takes_a_sessions_tombstones_with_it(kiosk: Kiosk) -> None:
    old, codes = fill(kiosk, "2026-01-05", 2)
    assert withdraw(codes[0], kiosk.store)[0]
    assert len(kiosk.store.withdrawn(old)) == 1
    purge(kiosk.store, keep_days=30, today=dt.date(2026, 3, 25))
    assert kiosk.store.withdrawn(old) == set()
    assert not (kiosk.store.root / old).exists()


def _manifest(dest: Path) -> dict[str, object]:
    value = json.loads((dest / "manifest.json").read_text(encoding="utf-8"))
    assert isinstance(value, dict)
    return value


def _write_manifest(dest: Path, manifest: dict[str, object]) -> None:
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("more-responses", "says it holds 6 responses, but its files hold 5"),
        ("fewer-responses", "says it holds 4 responses, but its files hold 5"),
        ("more-sessions", "says it holds 3 sessions, but its files hold 2"),
        ("no-counts", "doesn't say how many responses it holds"),
        ("text-count", "doesn't say how many responses it holds"),
        ("changed-hash", "was changed or damaged"),
        ("newer-format", "made by a newer version of the kiosk"),
    ],
)
def test_a_manifest_that_does_not_match_its_files_is_refused_whole(
    kiosk: Kiosk, tmp_path: Path, change: str, message: str
) -> None:
    first, _ = fill(kiosk, "2026-03-12", 3)
    second, _ = fill(kiosk, "2026-03-19", 2)
    dest = tmp_path / "bundle"
    bundle(kiosk.store, [first, second], dest)
    manifest = _manifest(dest)
    files = manifest["files"]
    assert isinstance(files, dict)
    if change == "more-responses":
        manifest["responses"] = 6
    elif change == "fewer-responses":
        manifest["responses"] = 4
    elif change == "more-sessions":
        manifest["sessions"] = 3
    elif change == "no-counts":
        del manifest["responses"]
    elif change == "text-count":
        manifest["responses"] = "5"
    elif change == "changed-hash":
        files[f"sessions/{second}.json"] = hashlib.sha256(b"something else").hexdigest()
    else:
        manifest["format"] = 99
    _write_manifest(dest, manifest)
    other = TinyDbResponseStore(tmp_path / "laptop")
    result = merge([dest], other)
    assert result.refused == [str(dest)]
    assert message in result.messages[0]
    assert "Nothing was imported" in result.messages[0]
    assert list(other.responses()) == []
    assert other.sessions() == []


def test_kiosk_merge_refuses_a_bundle_whose_counts_were_changed(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    first, _ = fill(kiosk, "2026-03-12", 3)
    dest = tmp_path / "usb" / "bundle"
    bundle(kiosk.store, [first], dest)
    manifest = _manifest(dest)
    manifest["responses"] = 30
    _write_manifest(dest, manifest)
    laptop = tmp_path / "laptop"
    env = {**child_env(), "KIOSK_HOME": str(laptop)}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "merge", str(dest)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "says it holds 30 responses, but its files hold 3" in result.stdout
    assert "Nothing was imported" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (laptop / "sessions").exists() or not any((laptop / "sessions").iterdir())
