"""``VisitCare``: what the kiosk does for a visitor when something interrupts them.

The boxes the shared device shows (``kiosk.shared_device``: "What does this mean?",
"Take a break", "Stop", "Are you still there?") say what this kiosk's survey and
settings say, and a stop or a visitor who walked away means the visit is forgotten.
An unexpected problem shows one calm box: carry on, or start again. When read-aloud
can't work on the device, people are told one plain sentence and the cause goes to
the kiosk's log, once.

A helper ``KioskApp`` owns; it sees the App only through ``VisitHost``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from accessibility.speech import SPEECH_UNAVAILABLE
from surveys.catalogues import _
from surveys.errors import PlainError

if TYPE_CHECKING:
    from textual.app import App

    from kiosk.preferences import Preferences
    from kiosk.problems import ProblemLog
    from kiosk.screens.base import KioskModal, KioskScreen
    from kiosk.screens.problem_modal import Recovery
    from kiosk.settings import Timings
    from kiosk.speaking import Speaker
    from surveys.model import Survey


class VisitHost(Protocol):
    """The kiosk App, as ``VisitCare`` sees it."""

    @property
    def survey(self) -> Survey:
        """The survey on this kiosk."""
        ...

    @property
    def timings(self) -> Timings:
        """Idle, countdown, thank-you and break timings."""
        ...

    @property
    def speaker(self) -> Speaker:
        """The read-aloud."""
        ...

    @property
    def preferences(self) -> Preferences:
        """This visitor's choices."""
        ...

    @property
    def speech_off(self) -> bool:
        """``KIOSK_SPEECH=off``: read-aloud is not offered anywhere."""
        ...

    @property
    def problem_log(self) -> ProblemLog:
        """The kiosk's log."""
        ...

    @property
    def has_answers(self) -> bool:
        """True when the visitor has agreed and may have given answers."""
        ...

    def go_home(self, *, clear_terminal: bool = False) -> None:
        """Forget this visit entirely and show the welcome screen."""
        ...

    def rebuild_step(self) -> None:
        """Show the current step afresh (after a problem)."""
        ...


class VisitCare:
    """The kiosk's answers to the shared device (``DeviceOwner``), and its problem box."""

    watching = True
    """The kiosk always watches for a visitor who walked away."""

    def __init__(self, app: App[Any], host: VisitHost) -> None:
        self.app = app
        self.host = host
        self._speech_cause: str | None = None

    @property
    def speaker(self) -> Speaker:
        """The kiosk's read-aloud."""
        return self.host.speaker

    @property
    def preferences(self) -> Preferences:
        """This visitor's choices."""
        return self.host.preferences

    @property
    def speech_off(self) -> bool:
        """``KIOSK_SPEECH=off``."""
        return self.host.speech_off

    @property
    def idle_has_answers(self) -> bool:
        """ "Are you still there?" says answers will go only when there may be some."""
        return self.host.has_answers

    def help_box(self, screen: KioskScreen[Any]) -> KioskModal[Any]:
        """ "What does this mean?": the screen's help and the survey's explained words."""
        from accessibility.glossary import glossary_for  # noqa: PLC0415 — see kiosk.startup
        from kiosk.screens.help_modal import HelpModal  # noqa: PLC0415 — as above
        from kiosk.screens.question_screen import QuestionScreen  # noqa: PLC0415 — as above

        survey = self.host.survey
        help_text, words = screen.meaning()
        terms = glossary_for(survey).terms_in(f"{help_text or ''}\n{words}")
        found = [(entry.term, entry.meaning) for entry in terms]
        can_skip = isinstance(screen, QuestionScreen) and screen.can_skip
        return HelpModal(help_text, found, survey.consent.help, can_skip=can_skip)

    def break_box(self) -> KioskModal[Any]:
        """ "Take a break", for as long as the kiosk allows."""
        from kiosk.screens.break_modal import BreakModal  # noqa: PLC0415 — see kiosk.startup

        minutes = self.host.timings.break_minutes
        return BreakModal(minutes=minutes, has_answers=self.host.has_answers)

    def stop_box(self) -> KioskModal[bool]:
        """ "Stop": asks first."""
        from kiosk.screens.stop_modal import StopModal  # noqa: PLC0415 — see kiosk.startup

        return StopModal(has_answers=self.host.has_answers)

    def stopped(self) -> None:
        """The visitor chose to stop: nothing of the visit is kept."""
        self.host.go_home()

    def walked_away(self) -> None:
        """Nobody answered "Are you still there?": forget the visit and clear the terminal."""
        self.host.go_home(clear_terminal=True)

    # -- problems --------------------------------------------------------------------

    def speech_problem(self) -> str | None:
        """``SPEECH_UNAVAILABLE`` when read-aloud can't work on this device, else None.

        Participants are told only that plain sentence; the cause (no speech engine,
        no sound player, no sound card) goes to the kiosk's log, once.
        """
        cause = self.host.speaker.problem
        if not cause:
            return None
        if cause != self._speech_cause:
            self._speech_cause = cause
            self.host.problem_log.note(f"Read aloud is not working: {cause}.")
        return _(SPEECH_UNAVAILABLE)

    def show_problem(self) -> None:
        """A calm box: carry on, or start again (once, however many problems come)."""
        from kiosk.screens.problem_modal import ProblemModal  # noqa: PLC0415 — see kiosk.startup

        if any(isinstance(screen, ProblemModal) for screen in self.app.screen_stack):
            return
        self.host.speaker.stop()
        box = ProblemModal(has_answers=self.host.has_answers)
        self.app.push_screen(box, self._problem_answered)

    def _problem_answered(self, choice: Recovery | None) -> None:
        from kiosk.screens.problem_modal import Recovery  # noqa: PLC0415 — see kiosk.startup

        if choice is Recovery.START_AGAIN:
            self.host.go_home()
        else:
            self.host.rebuild_step()


def why_not(error: Exception) -> str:
    """A plain sentence on why the data folder couldn't be opened ("" when unknown)."""
    if isinstance(error, PlainError) and error.message:
        return error.message
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror}{where}."
    return ""
