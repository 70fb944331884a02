"""``ReviewApp``: the review screen, closing safely, and problems shown calmly.

Closing (Q, Ctrl+Q or Ctrl+C) with decisions not saved asks once: save and close,
close without saving, or stay. An unexpected error is written to the kiosk log
(its type and code location only, never comment text) and a calm line is shown;
no traceback reaches the screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from kiosk.problems import Guarded, ProblemBurst, ProblemLog
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


class ReviewApp(Guarded, App[int]):
    """Review comments before export: keep, edit or drop each one."""

    TITLE = "Review comments"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Close", show=False),
        Binding("ctrl+q,ctrl+c", "quit", "Close", show=False, priority=True),
    ]

    def __init__(self, desk: ReviewDesk, problem_log: ProblemLog) -> None:
        super().__init__()
        self.desk = desk
        self.problem_log = problem_log
        self.problems: list[str] = []
        self._problem_burst = ProblemBurst()
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

    def report_problem(self, error: BaseException, where: str) -> None:
        """Log an unexpected error and say so calmly; close if errors pour in."""
        self.problems.append(f"{type(error).__name__} in {where}")
        self.problem_log.record(error, where)
        if self._problem_burst.too_many() or not self.screen_stack:
            self.exit(1, return_code=1, message=GIVE_UP)
            return
        screen = self.screen
        if isinstance(screen, CommentsScreen):
            screen.say(PROBLEM_LINE)
        else:
            self.notify(PROBLEM_LINE, severity="warning", markup=False)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's last resort (timers, drawing, built-in widgets): never a traceback."""
        try:
            self.report_problem(error, "Textual")
        except Exception:
            self.exit(1, return_code=1, message=GIVE_UP)
