"""Start the review screen for ``kiosk review`` (after the key has been opened)."""

from __future__ import annotations

from pathlib import Path

from exports.review import ReviewSession
from kiosk.problems import ProblemLog
from kiosk.review.app import GIVE_UP, ReviewApp
from kiosk.review.desk import ReviewDesk
from surveys.pii import Scrubber


def make_review_app(review: ReviewSession, scrubber: Scrubber, *, home: Path) -> ReviewApp:
    """The review app for these comments (the seam tests use)."""
    return ReviewApp(ReviewDesk(review, scrubber), ProblemLog(home))


def run_review(review: ReviewSession, scrubber: Scrubber, *, home: Path) -> int:
    """Run the review screen; prints where things stand when it closes."""
    app = make_review_app(review, scrubber, home=home)
    try:
        app.run()
    except Exception as error:
        app.problem_log.record(error, "kiosk review")
        print(GIVE_UP)
        return 1
    desk = app.desk
    if desk.unsaved:
        print(f"Closed without saving {desk.changes} decisions. The review file was not changed.")
    else:
        print(f"Review file: {review.path}. {desk.summary()}.")
    print("Make the report with:  kiosk export --out FOLDER  (with the same options).")
    return app.return_code or 0
