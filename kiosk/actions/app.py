"""``ActionsApp``: the coordinator's editor for the action log (``kiosk actions``).

Every change is saved at once, so closing never loses anything. An unexpected error
is written to the kiosk log (its type and code location only, never text from the
log) and a calm line is shown; no traceback reaches the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType

from kiosk.actions.action_desk import ActionDesk
from kiosk.actions.screens.action_list_screen import ActionListScreen
from kiosk.base_app import KioskBaseApp
from kiosk.problems import ProblemLog

GIVE_UP = (
    "The action log editor had a problem and closed. Every change made before now was "
    "saved. Please start 'kiosk actions' again."
)
PROBLEM_LINE = (
    "Something went wrong there, and it has been noted in the log. Changes made "
    "before it are saved."
)


class ActionsApp(KioskBaseApp):
    """Keep the "you said, we did" action log."""

    TITLE = "You said, we did: the action log"
    START_THEME = None  # Textual's own look: the editor is for staff at a desk
    GIVE_UP = GIVE_UP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q,ctrl+c", "quit", "Close", show=False, priority=True),
    ]

    def __init__(
        self, desk: ActionDesk, problem_log: ProblemLog | None, from_export: Path | None = None
    ) -> None:
        super().__init__(problem_log)
        self.desk = desk
        self.from_export = from_export

    def on_mount(self) -> None:
        self.push_screen(ActionListScreen(self.desk, self.from_export))

    async def action_quit(self) -> None:
        """Close: everything is already saved."""
        self.exit(0)

    def show_problem(self) -> None:
        """Say calmly that something went wrong, and that changes before it are saved."""
        screen = self.screen
        if isinstance(screen, ActionListScreen):
            screen.say(PROBLEM_LINE)
        else:
            self.notify(PROBLEM_LINE, severity="warning", markup=False)
