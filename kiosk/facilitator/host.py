"""What the facilitator's screens and helpers ask of the app they run in.

Screens and helpers depend on these small Protocols rather than on
``FacilitatorApp`` or ``PresentationApp``, so no module imports its app and each
can be read (and type-checked) on its own: attributes down, messages up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import datetime as dt

    from kiosk.facilitator.console_phones import ConsolePhones
    from kiosk.facilitator.console_services import FacilitatorServices
    from kiosk.facilitator.plan_view import PlanView
    from kiosk.preferences import Preferences
    from surveys.facilitation import Facilitation, SessionView


class ProblemNoter(Protocol):
    """Somewhere to note a problem that was handled (type and where only)."""

    def log_problem(self, error: BaseException, where: str) -> None:
        """Keep a problem in the list and the log, without showing anything."""
        ...


class ConsoleHost(ProblemNoter, Protocol):
    """The console app, as its screens and helpers see it."""

    @property
    def services(self) -> FacilitatorServices:
        """Store, clock, audit log, PIN and speaker."""
        ...

    @property
    def live(self) -> Facilitation | None:
        """The session being run (None before one starts)."""
        ...

    @property
    def phones(self) -> ConsolePhones:
        """The phone page (off unless ``--phones``)."""
        ...

    @property
    def unlocked(self) -> bool:
        """True when started with ``--unlocked`` (no PIN between voters and the console)."""
        ...

    @property
    def preferences(self) -> Preferences:
        """The current voter's text size, colours and read-aloud."""
        ...

    def apply_preferences(self, preferences: Preferences) -> None:
        """Show a voter's choices (for their turn only)."""
        ...

    def start_passing(self) -> None:
        """Hand the tablet round for the open poll."""
        ...


class PresenterHost(Protocol):
    """The shared-screen app, as its screen sees it."""

    @property
    def view(self) -> SessionView | None:
        """The session followed (None until one is found)."""
        ...

    @property
    def plan(self) -> PlanView | None:
        """The session plan's place, ideas and rankings (None unless following a plan)."""
        ...

    @property
    def plan_title(self) -> str | None:
        """The title of the plan followed (None when following polls only)."""
        ...

    def clock_now(self) -> dt.datetime:
        """The time now, for the stage's timer."""
        ...
