"""The review's headless part: moving through comments, deciding, re-scrubbing edits."""

from __future__ import annotations

from collections import Counter

import pytest

from exports.comment_review import Action, ReviewError
from kiosk.review.desk import ReviewDesk, masked_parts, summary_line
from surveys.pii import Scrubber
from tests.support.review import COLD, LUNCH, Desk


def _desk(desk: Desk) -> ReviewDesk:
    return ReviewDesk(desk.review(), Scrubber())


def _at(review: ReviewDesk, text: str) -> None:
    review.go(next(i for i, c in enumerate(review.comments) if c.text == text))


def test_the_desk_starts_at_the_first_comment_still_to_do(desk: Desk) -> None:
    first = _desk(desk)
    assert first.index == 0
    first.keep()
    first.save()
    again = _desk(desk)
    assert again.index == 1
    assert not again.unsaved


def test_next_to_do_goes_round_and_stops_when_all_are_decided(desk: Desk) -> None:
    review = _desk(desk)
    review.go(len(review.comments) - 1)
    review.keep()
    assert review.next_to_do()
    assert review.index == 0
    for _ in review.comments:
        review.drop()
        review.next_to_do()
    assert not review.next_to_do()
    assert review.reviewed == len(review.comments)


def test_an_edit_is_scrubbed_again_before_it_is_kept(desk: Desk) -> None:
    review = _desk(desk)
    _at(review, COLD)
    decision, scrubbed = review.edit("  Call Priya on 07911 123456 about the heating ", "Room")
    assert decision.action is Action.EDIT
    assert decision.text == "Call [name] on [phone] about the heating"
    assert decision.theme == "Room"
    assert [s.mask.value for s in scrubbed.spans] == ["[name]", "[phone]"]
    assert [m.mask for m in masked_parts(decision.text)] == ["[name]", "[phone]"]


def test_an_edit_that_changes_nothing_is_a_keep(desk: Desk) -> None:
    review = _desk(desk)
    _at(review, LUNCH)
    decision, _ = review.edit(LUNCH + "\n")
    assert decision.action is Action.KEEP


def test_an_empty_edit_is_refused_and_decides_nothing(desk: Desk) -> None:
    review = _desk(desk)
    with pytest.raises(ReviewError, match="empty"):
        review.edit("   ")
    assert review.decision() is None


def test_changes_count_what_differs_from_the_saved_file(desk: Desk) -> None:
    review = _desk(desk)
    review.keep()
    review.next()
    review.drop()
    assert review.changes == 2
    review.save()
    assert review.changes == 0
    review.undo()
    assert review.changes == 1
    assert review.unsaved


def test_a_theme_is_changed_only_on_a_decided_comment(desk: Desk) -> None:
    review = _desk(desk)
    assert review.set_theme("Food") is None
    review.keep()
    changed = review.set_theme("Food")
    assert changed is not None
    assert changed.action is Action.KEEP
    assert changed.theme == "Food"
    assert review.themes() == ["Food"]


def test_the_summary_counts_people_and_says_what_is_left_out() -> None:
    line = summary_line(Counter({"keep": 3, "edit": 1, "drop": 2, "pending": 4}))
    assert line == (
        "3 kept, 1 edited, 2 dropped, 4 not reviewed (left out of the export, and counted)"
    )
    assert summary_line(Counter({"keep": 1})).endswith("0 not reviewed")
