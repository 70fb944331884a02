"""Issue 12 finding 7: ``kiosk export`` writes an anonymisation log beside the release,
not inside it: what kind of thing was masked, how many, by rule or by a person (review
decisions) — never any text people wrote, nor the reviewer's wording."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from exports import run_export
from exports.anonymisation_log import log_path
from exports.comment_review import Action
from surveys.pii import Scrubber
from tests.support.review import COMMENTS, PATEL, PHONE, WELCOME, make_desk

EDITED = "Please call Priya Okafor on 07911 123456 about Marlow"


@pytest.fixture
def exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    desk = make_desk(tmp_path)
    review = desk.review()
    by_text = {c.text: c for c in review.comments}
    phone = next(c for c in review.comments if "[phone]" in c.text)
    welcome = next(c for c in review.comments if c.text.startswith("[name] on reception"))
    # The review screen scrubs the reviewer's wording again before keeping it.
    review.decide(phone.key, Action.EDIT, text=Scrubber().scrub(EDITED).text)
    review.decide(welcome.key, Action.KEEP)
    patel = by_text["Nothing to add, thanks [name]"]
    review.decide(patel.key, Action.DROP)
    review.save()
    out = tmp_path / "release"
    run_export(desk.request(out))
    return out, log_path(out)


def test_log_is_written_beside_the_release_not_inside_it(exported: tuple[Path, Path]) -> None:
    out, log = exported
    assert log.exists()
    assert log.parent == out.parent
    assert not any(p.name.startswith("anonymisation") for p in out.rglob("*"))
    assert log.name not in json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_log_counts_masks_by_kind_and_decisions_by_a_person(exported: tuple[Path, Path]) -> None:
    _, log = exported
    data = json.loads(log.read_text(encoding="utf-8"))
    by_rule = data["masked_by_rule"]
    # "Sarah" (3 people), "Dr Patel" (1); one phone number (1 person).
    assert by_rule["name"] == 4
    assert by_rule["phone"] == 1
    assert data["answers_scrubbed"] == sum(people for _, _, people in COMMENTS)
    by_person = data["decided_by_a_person"]
    assert by_person["edited"] == 1
    assert by_person["dropped"] == 1
    assert by_person["kept"] == 3
    assert by_person["not reviewed"] == 5
    assert data["masked_in_reviewers_wording"] == {"name": 1, "phone": 1}


def test_log_contains_no_comment_text(exported: tuple[Path, Path]) -> None:
    _, log = exported
    text = log.read_text(encoding="utf-8")
    words = set()
    for written in [*(c for c, _, _ in COMMENTS), EDITED, WELCOME, PHONE, PATEL]:
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{4,}|\d{3,}", written)}
    # The log's own vocabulary: kinds of mask and its plain keys.
    allowed = {"name", "phone", "about", "more", "with"}
    leaked = {w for w in words - allowed if re.search(rf"\b{re.escape(w)}\b", text.lower())}
    assert leaked == set(), leaked
    assert "[" not in text  # no scrubbed text with its placeholders either
