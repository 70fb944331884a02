"""Releases remember each other (issue 12, finding 2): no differencing between exports."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports import ExportError, run_export
from exports.comment_review import Action
from exports.ledger import Ledger, LedgerError, too_close
from exports.pipeline import prepare_review
from surveys.sending import withdraw
from tests.support.exports import Kiosk, template

DEBRIEF = template("session-debrief")
WAIT = "Wait until at least 5 more people have answered, or re-export the same data."


def _send(kiosk: Kiosk, count: int, start: int = 0) -> None:
    session = kiosk.session()
    for n in range(start, start + count):
        kiosk.send(DEBRIEF, session, {"felt_safe": 4 + n % 2, "went_well": f"Words {n}"})


def _figures(out: Path) -> object:
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    quotes = sorted(json.dumps(q, sort_keys=True) for q in data["quotes"])
    return data["surveys"], data["free_text"], data["hidden"], quotes


def test_one_more_response_is_refused_with_a_plain_reason(kiosk: Kiosk, tmp_path: Path) -> None:
    _send(kiosk, 20)
    run_export(kiosk.request(tmp_path / "first", DEBRIEF))
    _send(kiosk, 1, start=20)
    with pytest.raises(ExportError) as refused:
        run_export(kiosk.request(tmp_path / "second", DEBRIEF))
    assert WAIT in str(refused.value)
    assert not (tmp_path / "second").exists()
    _send(kiosk, 4, start=21)  # 5 more in all: the difference no longer singles anyone out
    run_export(kiosk.request(tmp_path / "third", DEBRIEF))


def test_the_same_data_twice_gives_the_same_figures(kiosk: Kiosk, tmp_path: Path) -> None:
    _send(kiosk, 20)
    run_export(kiosk.request(tmp_path / "a", DEBRIEF))
    run_export(kiosk.request(tmp_path / "b", DEBRIEF))
    assert _figures(tmp_path / "a") == _figures(tmp_path / "b")


def test_the_ledger_holds_no_answers_or_record_ids(kiosk: Kiosk, tmp_path: Path) -> None:
    _send(kiosk, 12)
    run_export(kiosk.request(tmp_path / "a", DEBRIEF))
    ledger = (kiosk.home / "exports" / "releases.json").read_text(encoding="utf-8")
    assert "Words" not in ledger
    for sealed in kiosk.store.responses([s.id for s in kiosk.store.sessions()]):
        assert sealed.id not in ledger
    assert (kiosk.home / "exports" / "releases.json").stat().st_mode & 0o077 == 0


ids = st.frozensets(st.text("abcdef0123456789", min_size=4, max_size=4), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(ids, st.text("ghijk", min_size=4, max_size=4), st.booleans())
def test_two_populations_one_response_apart_are_never_both_released(
    base: frozenset[str], other: str, added: bool
) -> None:
    # One person added (answered since) or taken away (withdrew), in either order.
    earlier = base | {other} if not added else base
    now = base | {other} if added else base
    assert too_close(earlier, now, 5)
    with tempfile.TemporaryDirectory() as folder:
        ledger = Ledger(Path(folder) / "releases.json")
        ledger.record({"s": earlier}, dt.date(2026, 3, 1))
        with pytest.raises(LedgerError, match="re-export the same data"):
            ledger.check({"s": now}, 5)
        ledger.check({"s": earlier}, 5)


def test_a_withdrawn_response_is_refused_through_the_file(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "releases.json")
    first = {"s": frozenset({"a", "b", "c", "d", "e", "f"})}
    ledger.record(first, dt.date(2026, 3, 1))
    ledger.check(first, 5)  # the same data again is fine
    with pytest.raises(LedgerError, match="re-export the same data"):
        ledger.check({"s": frozenset({"a", "b", "c", "d", "e"})}, 5)
    ledger.check({"s": frozenset({"a", "b", "c", "d", "e", "f", *"ghijk"})}, 5)
    ledger.check({"other": frozenset({"a"})}, 5)  # another survey: nothing to compare


def test_an_export_after_one_withdrawal_is_refused(kiosk: Kiosk, tmp_path: Path) -> None:
    session = kiosk.session()
    receipts = [kiosk.send(DEBRIEF, session, {"felt_safe": 4 + n % 2}) for n in range(15)]
    run_export(kiosk.request(tmp_path / "first", DEBRIEF))
    done, _ = withdraw(receipts[3].code, kiosk.store)
    assert done
    with pytest.raises(ExportError, match="re-export the same data"):
        run_export(kiosk.request(tmp_path / "second", DEBRIEF))


def test_keeping_one_more_comment_is_a_difference_too(kiosk: Kiosk, tmp_path: Path) -> None:
    # The same 20 responses, but one more comment kept: the two exports would differ
    # by exactly that person's comment and theme.
    _send(kiosk, 20)
    review_file = tmp_path / "review.json"
    review = prepare_review(kiosk.request(tmp_path / "x", DEBRIEF, review_file=review_file))
    for comment in review.comments[:10]:
        review.decide(comment.key, Action.KEEP, theme="Rooms")
    review.save()
    run_export(kiosk.request(tmp_path / "first", DEBRIEF, review_file=review_file))
    review = prepare_review(kiosk.request(tmp_path / "x", DEBRIEF, review_file=review_file))
    review.decide(review.comments[10].key, Action.KEEP, theme="Rooms")
    review.save()
    with pytest.raises(ExportError, match="Review at least 5 more comments first"):
        run_export(kiosk.request(tmp_path / "second", DEBRIEF, review_file=review_file))
    review = prepare_review(kiosk.request(tmp_path / "x", DEBRIEF, review_file=review_file))
    for comment in review.comments[11:15]:
        review.decide(comment.key, Action.KEEP, theme="Rooms")
    review.save()
    run_export(kiosk.request(tmp_path / "third", DEBRIEF, review_file=review_file))
