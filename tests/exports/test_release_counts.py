"""Counts outside tables and notes on withheld questions (issue 12, findings 5 and 6)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from exports.anonymise import protect_comments
from exports.comment_review import Action
from exports.pipeline import prepare_review, run_export
from surveys.thresholds import SMALL_GROUP
from tests.support.exports import Kiosk, template

DEBRIEF = template("session-debrief")
SENSITIVE = replace(
    DEBRIEF,
    questions=tuple(
        replace(q, sensitive=q.id in {"come_again", "enough_breaks"}) for q in DEBRIEF.questions
    ),
)
SMALL = re.compile(r"(?<![\d.,£])\b[1-4]\b(?! *(?:to|or|and|%|\d))")


def _report(out: Path) -> str:
    return (out / "report.html").read_text(encoding="utf-8")


def test_a_withheld_sensitive_question_does_not_say_why(kiosk: Kiosk, tmp_path: Path) -> None:
    session = kiosk.session()
    # come_again: 12 Yes, 1 No (dominance). enough_breaks: only 6 answered (too few).
    for n in range(13):
        answers: dict[str, object] = {"come_again": n > 0}
        if n < 6:
            answers["enough_breaks"] = n % 2 == 0
        kiosk.send(SENSITIVE, session, answers)
    out = tmp_path / "out"
    run_export(kiosk.request(out, SENSITIVE))
    report = _report(out)
    assert "Nearly everyone gave the same answer" not in report
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    questions = {q["id"]: q for q in data["surveys"][0]["questions"]}
    notes = {questions[q]["withheld"] for q in ("come_again", "enough_breaks")}
    assert notes == {"Not shown, to protect the people who answered."}
    reasons = {h["reason"] for h in data["hidden"] if "come back" in h["where"]}
    assert "dominance" not in reasons
    assert "dominance" not in json.dumps([data["surveys"], data["hidden"]])


def test_comment_counts_follow_the_small_number_rule(kiosk: Kiosk, tmp_path: Path) -> None:
    session = kiosk.session()
    for n in range(14):
        kiosk.send(DEBRIEF, session, {"went_well": f"Comment number {n}"}, quotes=n < 12)
    review_file = tmp_path / "review.json"
    out = tmp_path / "out"
    review = prepare_review(kiosk.request(out, DEBRIEF, review_file=review_file))
    # 11 kept (2 of them not quotable), 2 dropped, 1 left waiting.
    for n, comment in enumerate(review.comments):
        if n < 11:
            review.decide(comment.key, Action.KEEP)
        elif n < 13:
            review.decide(comment.key, Action.DROP)
    review.save()
    run_export(kiosk.request(out, DEBRIEF, review_file=review_file))
    report = _report(out)
    section = report[report.index("What went well") :]
    section = section[: section.index("</section>")]
    words = re.sub(r"<[^>]+>", " ", section)
    assert not SMALL.search(words), words
    assert "still waiting for review" not in words or "<5" in words
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    (free,) = [f for f in data["free_text"] if f["question"] == "went_well"]
    for key in ("dropped", "waiting_for_review", "kept_not_quotable"):
        assert free[key]["count"] is None, (key, free[key])


def test_quotes_lose_their_theme_when_a_theme_has_few_quotes() -> None:
    # "Rooms": 9 comments, only 3 quotable. Quotes under "Rooms" would count 3.
    tally = Counter(written=17, kept=17, quoted=11, kept_not_quotable=6)
    found = protect_comments(
        tally, Counter({"Rooms": 9, "": 8}), Counter({"Rooms": 3, "": 8}), 20, SMALL_GROUP
    )
    assert [name for name, _ in found.themes] == ["Rooms", ""]
    assert not found.themes_on_quotes
    assert found.quotes_shown


def test_no_quotes_when_fewer_than_five_may_be_quoted() -> None:
    tally = Counter(written=12, kept=12, quoted=3, kept_not_quotable=9)
    found = protect_comments(tally, Counter({"": 12}), Counter({"": 3}), 15, SMALL_GROUP)
    assert not found.quotes_shown
    assert found.cells["quoted"].shown == "<5"
