"""Withdrawal and purge also delete the coordinator's edited wording of those comments.

``exports/review.json`` keeps an edit's replacement wording (text the coordinator
wrote to be published). The kiosk can't open sealed answers to tell whose comment
an edit was, so when answers to a survey are taken back or deleted, the edited
wording of that survey's comments is deleted too, and the coordinator reviews them
again. Run as a person would: the real ``kiosk`` command on a real data folder.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from exports.bundle import bundle
from exports.comment_review import Action, ReviewSession, default_review_file
from exports.pipeline import prepare_review
from exports.retention import purge, withdraw_by_code
from kiosk.services import build_services
from surveys.sending import Receipt, withdraw
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.durability.test_leftovers import files_holding
from tests.support.durability import ROOT, child_env
from tests.support.exports import Kiosk, template


def kiosk_command(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**child_env(), "KIOSK_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


EDITED = "Edited wording about the lunch queue"


def reviewed_kiosk(kiosk: Kiosk, tmp_path: Path, date: str) -> list[Receipt]:
    """Three people's comments, one of them edited by the coordinator and saved."""
    survey = template("session-debrief")
    session = kiosk.session(date)
    text_question = next(q.id for q in survey.questions if q.kind.value == "longtext")
    receipts = [
        kiosk.send(survey, session, {text_question: f"The lunch queue was slow {n}"})
        for n in range(3)
    ]
    review = prepare_review(
        kiosk.request(tmp_path / "out", survey, review_file=default_review_file(kiosk.home))
    )
    for comment in review.comments:
        review.decide(comment.key, Action.EDIT, text=EDITED)
    review.save()
    assert files_holding(kiosk.home, EDITED) == ["exports/review.json"]
    return receipts


def test_withdrawing_by_code_deletes_edited_wording_of_that_survey(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    receipts = reviewed_kiosk(kiosk, tmp_path, "2026-11-20")
    result = kiosk_command(kiosk.home, "withdraw", receipts[0].code)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "deleted" in result.stdout
    assert files_holding(kiosk.home, EDITED) == []
    assert ReviewSession.read_decisions(default_review_file(kiosk.home)) == {}


def test_purge_deletes_edited_wording_of_purged_answers(kiosk: Kiosk, tmp_path: Path) -> None:
    reviewed_kiosk(kiosk, tmp_path, "2026-01-20")
    result = kiosk_command(kiosk.home, "purge", "--keep-days", "30")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Deleted 3 responses" in result.stdout
    assert files_holding(kiosk.home, EDITED) == []
    assert "review them again" in result.stdout


def test_purge_function_takes_the_review_file_too(kiosk: Kiosk, tmp_path: Path) -> None:
    receipts = reviewed_kiosk(kiosk, tmp_path, "2026-01-20")
    record = next(r for r in kiosk.store.responses() if r.id == receipts[0].record_id)
    part = next((kiosk.home / "sessions").glob("*/responses-0001.json"))
    part.write_bytes(part.read_bytes()[: part.stat().st_size * 2 // 3])
    kiosk.store.recover()  # sets a damaged copy aside
    assert list(part.parent.glob("*.damaged-*"))
    purge(
        kiosk.store,
        30,
        dt.date(2026, 4, 1),
        review_file=default_review_file(kiosk.home),
    )
    assert files_holding(kiosk.home, EDITED) == []
    assert files_holding(kiosk.home, record.sealed[:80]) == []
    assert record.receipt_hash is not None
    assert files_holding(kiosk.home, record.receipt_hash) == []
    assert files_holding(kiosk.home, record.id) == []


def test_taking_answers_back_at_the_kiosk_deletes_edited_wording_too(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    receipts = reviewed_kiosk(kiosk, tmp_path, "2026-11-20")
    services = build_services(kiosk.home)
    done, message = services.withdraw(receipts[1].code)
    assert done, message
    assert files_holding(kiosk.home, EDITED) == []
    # Keep and drop decisions hold no wording; the other comments simply come back to review.
    survey = template("session-debrief")
    review = prepare_review(
        kiosk.request(tmp_path / "out", survey, review_file=default_review_file(kiosk.home))
    )
    assert len(review.pending()) == 2


def test_a_withdrawal_a_bundle_carries_deletes_edited_wording_on_the_laptop(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    """The coordinator reviews on the laptop; a later bundle says one answer was taken back."""
    survey = template("session-debrief")
    text_question = next(q.id for q in survey.questions if q.kind.value == "longtext")
    session = kiosk.session("2026-11-20")
    receipts = [
        kiosk.send(survey, session, {text_question: f"The lunch queue was slow {n}"})
        for n in range(3)
    ]
    bundle(kiosk.store, [session.id], tmp_path / "monday")
    laptop = tmp_path / "laptop"
    assert kiosk_command(laptop, "merge", str(tmp_path / "monday")).returncode == 0
    on_laptop = Kiosk(laptop, TinyDbResponseStore(laptop / "sessions"), kiosk.sealer, kiosk.opener)
    review = prepare_review(
        on_laptop.request(tmp_path / "out", survey, review_file=default_review_file(laptop))
    )
    for comment in review.comments:
        review.decide(comment.key, Action.EDIT, text=EDITED)
    review.save()
    assert files_holding(laptop, EDITED) == ["exports/review.json"]

    assert withdraw(receipts[0].code, kiosk.store)[0]
    bundle(kiosk.store, [session.id], tmp_path / "tuesday")
    result = kiosk_command(laptop, "merge", str(tmp_path / "tuesday"))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Deleted 1 responses that were withdrawn" in result.stdout
    assert "review them again" in result.stdout
    assert files_holding(laptop, EDITED) == []


def test_only_edits_of_the_withdrawn_survey_go(kiosk: Kiosk, tmp_path: Path) -> None:
    debrief, feedback = template("session-debrief"), template("course-feedback")
    session = kiosk.session("2026-11-20")
    texts = {}
    receipts = {}
    for survey in (debrief, feedback):
        question = next(q.id for q in survey.questions if q.kind.value in {"text", "longtext"})
        texts[survey.id] = question
        receipts[survey.id] = [
            kiosk.send(survey, session, {question: f"{survey.id} words {n}"}) for n in range(2)
        ]
    review_file = default_review_file(kiosk.home)
    review = prepare_review(
        kiosk.request(tmp_path / "out", debrief, feedback, review_file=review_file)
    )
    for comment in review.comments:
        if comment.text.endswith("0"):
            review.decide(comment.key, Action.EDIT, text=f"Edited {comment.survey_id}")
        else:
            review.decide(comment.key, Action.KEEP, theme="Kept")
    review.save()

    done, _ = withdraw_by_code(receipts[debrief.id][1].code, kiosk.store, review_file=review_file)

    assert done
    kept = ReviewSession.read_decisions(review_file)
    assert sorted((d.action.value, d.text) for d in kept.values()) == [
        ("edit", f"Edited {feedback.id}"),
        ("keep", None),
        ("keep", None),
    ]


def test_a_review_file_that_cant_be_read_is_deleted_with_the_answers(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    receipts = reviewed_kiosk(kiosk, tmp_path, "2026-11-20")
    review_file = default_review_file(kiosk.home)
    review_file.write_bytes(review_file.read_bytes()[:-40])  # cut short: not JSON any more
    assert files_holding(kiosk.home, EDITED) == ["exports/review.json"]

    done, message = withdraw_by_code(receipts[0].code, kiosk.store, review_file=review_file)

    assert done, message
    assert not review_file.exists()
    assert files_holding(kiosk.home, EDITED) == []
