"""The review file, the audit log and a purge leave only day times on the device."""

from __future__ import annotations

from pathlib import Path

from exports.comment_review import Action, default_review_file
from exports.pipeline import prepare_review
from surveys.audit import AuditLog
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.durability.test_file_times import not_at_midnight
from tests.support.exports import Kiosk, template


def test_review_file_and_purge_leave_only_day_times(kiosk: Kiosk, tmp_path: Path) -> None:
    survey = template("session-debrief")
    old = kiosk.session("2026-01-10")
    text_question = next(q.id for q in survey.questions if q.kind.value == "longtext")
    for n in range(3):
        kiosk.send(survey, old, {text_question: f"The tea was lovely {n}"})
    review = prepare_review(
        kiosk.request(tmp_path / "out", survey, review_file=default_review_file(kiosk.home))
    )
    for comment in review.comments:
        review.decide(comment.key, Action.KEEP)
    review.save()
    assert not_at_midnight(kiosk.home) == []

    store = TinyDbResponseStore(kiosk.home / "sessions")
    AuditLog(kiosk.home / "audit.jsonl").record("check")
    store.delete_session(old.id)
    assert not (kiosk.home / "sessions" / old.id).exists()
    assert not_at_midnight(kiosk.home) == []
