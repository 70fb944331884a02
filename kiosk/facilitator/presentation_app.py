"""The shared screen as its own read-only process (``kiosk facilitate … --present``).

It follows today's session for the same polls through the session file: every
quarter second it checks the store's stamp and redraws when something changed, and
every couple of seconds it looks for a newer session (the console may start one
after this screen was opened). It never writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from kiosk.facilitator.common import NotesProblems, use_kiosk_themes
from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.facilitator.messages import LiveChanged
from kiosk.facilitator.screens.presentation_screen import PresentationScreen
from kiosk.problems import Guarded
from surveys.facilitation import SessionView, latest_session
from surveys.poll_files import PollSet

POLL_SECONDS = 0.25
FIND_SECONDS = 2.0
"""How often to look for a newer session of the same polls."""


class PresentationApp(Guarded, NotesProblems, App[int], inherit_bindings=False):
    """The projector's view of the live session."""

    CSS_PATH = "facilitator.tcss"
    ENABLE_COMMAND_PALETTE = False
    TITLE = "Live polls — shared screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Close", show=False, priority=True),
    ]

    def __init__(
        self,
        services: FacilitatorServices,
        poll_sets: Sequence[PollSet],
        *,
        poll_seconds: float = POLL_SECONDS,
        find_seconds: float = FIND_SECONDS,
    ) -> None:
        super().__init__()
        self.services = services
        self.poll_sets = {poll_set.id: poll_set for poll_set in poll_sets}
        self.poll_seconds = poll_seconds
        self.find_seconds = find_seconds
        self.view: SessionView | None = None
        self.problems: list[str] = []
        self._failing = False

    def on_mount(self) -> None:
        use_kiosk_themes(self)
        self._find()
        self.push_screen(PresentationScreen())
        self.set_interval(self.poll_seconds, self._watch, name="live watch")
        self.set_interval(self.find_seconds, self._find_and_show, name="session finder")

    def _find(self) -> bool:
        """Follow the newest session for these polls; True when that changed."""
        found = latest_session(
            self.services.store, frozenset(self.poll_sets), self.services.today()
        )
        if found is None:
            return False
        view = self.view
        if view is not None and view.session.id == found.session.id:
            return False
        poll_set = self.poll_sets[found.poll_set]
        self.view = SessionView(self.services.store, poll_set, found.session, found.room)
        return True

    def _guarded(self, step: str, action: object) -> bool:
        try:
            changed = bool(action() if callable(action) else False)
        except Exception as error:  # a bad read must not stop the shared screen
            if not self._failing:
                self._failing = True
                self.log_problem(error, step)
            return False
        self._failing = False
        return changed

    def _find_and_show(self) -> None:
        if self._guarded("finding the session", self._find):
            self.screen.post_message(LiveChanged())

    def _watch(self) -> None:
        view = self.view
        if view is not None and self._guarded("reading the session's votes", view.refresh):
            self.screen.post_message(LiveChanged())

    # -- problems --------------------------------------------------------------------

    def report_problem(self, error: BaseException, where: str) -> None:
        """Log an unexpected error; the shared screen carries on with its next redraw."""
        self.log_problem(error, where)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's last resort: log it, never draw a traceback."""
        self.report_problem(error, "Textual")
