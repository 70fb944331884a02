"""``kiosk review``: read each comment before export, on the review screen.

The key is opened (and its passphrase asked for) at the terminal first; the screen
starts only when there are comments to review, and where things stand is printed
when it closes. ``kiosk.commands.data`` registers the command and turns its plain
failures into their message.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from exports import prepare_review
from exports.pipeline import load_scrubber
from kiosk.commands.selection import export_request
from surveys import paths

if TYPE_CHECKING:
    from exports.comment_review import ReviewSession
    from kiosk.review.app import ReviewApp
    from surveys.pii import Scrubber

EXIT_OK = 0


def run(args: argparse.Namespace) -> int:
    """Prepare the comments the shared flags choose, then run the review screen."""
    # The passphrase is asked for here, at the terminal, before the review screen starts.
    # The output folder is never written by a review: it only prepares the comments.
    request = export_request(args, Path())
    scrubber = load_scrubber(request.names_file)
    review = prepare_review(request, scrubber)
    if not review.comments:
        print("There are no comments to review in the answers chosen.")
        return EXIT_OK
    return run_review(review, scrubber, home=paths.data_home())


def make_review_app(review: ReviewSession, scrubber: Scrubber, *, home: Path) -> ReviewApp:
    """The review app for these comments (the seam tests use)."""
    from kiosk.problems import ProblemLog  # noqa: PLC0415 — Textual only once the key is open
    from kiosk.review.app import ReviewApp  # noqa: PLC0415 — as above
    from kiosk.review.desk import ReviewDesk  # noqa: PLC0415 — as above

    return ReviewApp(ReviewDesk(review, scrubber), ProblemLog(home))


def run_review(review: ReviewSession, scrubber: Scrubber, *, home: Path) -> int:
    """Run the review screen; prints where things stand when it closes."""
    from kiosk.review.app import GIVE_UP  # noqa: PLC0415 — Textual only once the key is open

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
