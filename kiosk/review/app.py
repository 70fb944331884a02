"""``ReviewApp``: the review screen, closing safely, and problems shown calmly.

Closing (Q, Ctrl+Q or Ctrl+C) with decisions not saved asks once: save and close,
close without saving, or stay. An unexpected error is written to the kiosk log
(its type and code location only, never comment text) and a calm line is shown;
no traceback reaches the screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from kiosk.base_app import KioskBaseApp
from kiosk.problems import ProblemLog
from kiosk.review.desk import ReviewDesk
from kiosk.review.screens.comments_screen import CommentsScreen
from kiosk.review.screens.unsaved_modal import Leave, UnsavedModal

GIVE_UP = (
    "The review had a problem and closed. Decisions saved before now are safe in the "
    "review file. Please start 'kiosk review' again."
)
PROBLEM_LINE = (
    "Something went wrong there, and it has been noted in the log. Your decisions are "
    "still here: press S to save them."
)


class ReviewApp(KioskBaseApp):
    """Review comments before export: keep, edit or drop each one."""

    TITLE = "Review comments"
    START_THEME = None  # Textual's own look: the review is for staff at a desk
    GIVE_UP = GIVE_UP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Close", show=False),
        Binding("ctrl+q,ctrl+c", "quit", "Close", show=False, priority=True),
    ]

    def __init__(self, desk: ReviewDesk, problem_log: ProblemLog) -> None:
        super().__init__(problem_log)
        self.desk = desk
        self.problem_log: ProblemLog = problem_log
        self._asking = False

    def on_mount(self) -> None:
        self.push_screen(CommentsScreen(self.desk))

    # -- closing ---------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Close, asking once first when decisions are not saved."""
        if not self.desk.unsaved:
            self.exit(0)
            return
        if self._asking:
            return
        self._asking = True
        self.push_screen(UnsavedModal(self.desk.changes), self._leave)

    def _leave(self, choice: Leave | None) -> None:
        self._asking = False
        if choice is Leave.DISCARD:
            self.exit(0)
        elif choice is Leave.SAVE:
            screen = self.screen
            if isinstance(screen, CommentsScreen) and screen.save():
                self.exit(0)

    # -- problems --------------------------------------------------------------------

    def show_problem(self) -> None:
        """Say calmly that something went wrong, and that the decisions are still here."""
        screen = self.screen
        if isinstance(screen, CommentsScreen):
            screen.say(PROBLEM_LINE)
        else:
            self.notify(PROBLEM_LINE, severity="warning", markup=False)
