"""What the console and the shared screen have in common: their colours at the start,
and how they note a problem."""

from __future__ import annotations

from typing import Any

from textual.app import App

from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.preferences import Preferences
from kiosk.themes import THEMES


def use_kiosk_themes(app: App[Any]) -> None:
    """Make the kiosk's colour themes available and start in the usual one."""
    for theme in THEMES:
        app.register_theme(theme)
    app.theme = Preferences().theme


class NotesProblems:
    """Mixin for the facilitator's apps: problems kept in a list and the problem log."""

    services: FacilitatorServices
    problems: list[str]

    def log_problem(self, error: BaseException, where: str) -> None:
        """Write an error to the log (type and code location only)."""
        self.problems.append(f"{type(error).__name__} in {where}")
        if self.services.problems is not None:
            self.services.problems.record(error, where)
