"""Shared-device safety for the kiosk App: idle clearing, the operator key, and problems.

- **Idle**: ``on_event`` sees every key, touch and scroll before any widget does.
  After ``idle_seconds`` without one (on screens that watch for it), a gentle
  "Are you still there?" box counts down; if nobody answers, everything from the
  visit is forgotten and the screen and the terminal's scrollback are cleared.
  The welcome screen and the thank-you screen never time out this way. A break
  (``Timings.break_minutes``, 10 by default) ends the same way, only later: then
  the same question, and the same wipe, typed text included.
- **Operator**: F12 asks for the PIN (checked in a worker thread), then opens the
  operator menu; with ``--unlocked`` it opens the menu directly.
- **Signals**: SIGTERM (a supervisor stopping the kiosk) ends the visit, keeping
  nothing, and closes the App the usual way, so the terminal is handed back as it
  was: the normal screen, lines and echo on (not raw, not the alternate screen).
- **Problems**: any unexpected error is logged (type and code location only) and a
  calm box offers to carry on or start again. No traceback is ever drawn. If errors
  pour in (a fault while drawing, say), the kiosk closes with a plain message so a
  supervisor can restart it. When read-aloud can't work on the device, people are
  told one plain sentence (``speech_problem``) and the cause goes to the same log.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.screen import Screen

from accessibility.speech import SPEECH_UNAVAILABLE
from kiosk.base_app import KioskBaseApp
from kiosk.screens.base import KioskModal, KioskScreen

if TYPE_CHECKING:
    from pathlib import Path

    from kiosk.preferences import Preferences
    from kiosk.problems import ProblemLog
    from kiosk.screens.operator_screen import Counts
    from kiosk.screens.problem_modal import Recovery
    from kiosk.services import KioskServices
    from kiosk.settings import Timings
    from kiosk.speaking import Speaker
    from surveys.operator_pin import OperatorPin
    from surveys.session import SurveySession

CLEAR_SCREEN_AND_SCROLLBACK = "\x1b[2J\x1b[3J\x1b[H"
"""Erase the screen, then the scrollback (xterm's E3), then home the cursor."""

GIVE_UP = (
    "The kiosk had a problem and closed. Answers already sent are safe. "
    "Please ask the person running this session to start it again."
)

_INPUT_EVENTS = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)


class KioskGuard(KioskBaseApp, inherit_bindings=False):
    """The base of ``KioskApp``: its safety machinery, kept apart from the routing code."""

    GIVE_UP: ClassVar[str] = GIVE_UP

    # Set by KioskApp.__init__.
    home: Path
    problem_log: ProblemLog
    timings: Timings
    speaker: Speaker
    unlocked: bool
    session: SurveySession | None
    preferences: Preferences

    # Provided by KioskApp (opened once the first screen is up).
    @property
    def services(self) -> KioskServices:
        """The kiosk's data and tools."""
        raise NotImplementedError

    @property
    def operator_pin(self) -> OperatorPin:
        """The PIN that unlocks the operator menu."""
        raise NotImplementedError

    # Routing that KioskApp provides.
    def go_home(self, *, clear_terminal: bool = False) -> None:
        """Forget the visit and show the welcome screen."""
        raise NotImplementedError

    def rebuild_step(self) -> None:
        """Show the current step afresh."""
        raise NotImplementedError

    @property
    def has_answers(self) -> bool:
        """True when the visitor may have given answers."""
        raise NotImplementedError

    # -- set-up ----------------------------------------------------------------------

    def setup_guard(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        """Called from ``__init__``; ``monotonic`` tells the time for idle and breaks."""
        self._now = monotonic
        self._last_input = self._now()
        self._speech_cause: str | None = None

    def start_guard(self) -> None:
        """Called from ``on_mount``: start watching for idleness and screen changes."""
        tick = min(1.0, self.timings.idle_seconds / 4)
        self.set_interval(tick, self._check_idle, name="idle watch")
        self.screen_change_signal.subscribe(self, self._screen_changed)
        # No signals off the main thread or on a loop without them: then nothing to add.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self._terminated)

    def _terminated(self) -> None:
        """SIGTERM: forget the visit and close normally, so the terminal is restored."""
        self.speaker.stop()
        if self.session is not None:
            self.session.stop()
            self.session = None
        self.exit(0)

    # -- idle ------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _INPUT_EVENTS):
            self._last_input = self._now()
        await super().on_event(event)

    def _screen_changed(self, screen: Screen[object]) -> None:
        self._last_input = self._now()
        self.speaker.stop()
        if (
            self.preferences.read_aloud
            and isinstance(screen, KioskScreen | KioskModal)
            and not getattr(screen, "_read_out", False)
        ):
            screen._read_out = True  # type: ignore[attr-defined]
            words = screen.narration()
            if words:
                self.speaker.say(words)

    def _check_idle(self) -> None:
        screen = self.screen
        on_break = getattr(screen, "ON_BREAK", False)
        if not on_break and not getattr(screen, "IDLE_WATCH", False):
            return
        wait = self.timings.break_seconds if on_break else self.timings.idle_seconds
        if self._now() - self._last_input < wait:
            return
        self._last_input = self._now()
        if getattr(screen, "OPERATOR_ONLY", False):
            # An operator who walked away: close the menu, never leave it open.
            while getattr(self.screen, "OPERATOR_ONLY", False):
                self.pop_screen()
            return
        from kiosk.screens.idle_modal import IdleModal  # noqa: PLC0415 — see kiosk.startup

        self.speaker.stop()
        idle = IdleModal(self.timings.countdown_seconds, has_answers=self.has_answers)
        self.push_screen(idle, self._idle_answered)

    def _idle_answered(self, still_here: bool | None) -> None:
        self._last_input = self._now()
        if not still_here:
            self.go_home(clear_terminal=True)

    def clear_terminal(self) -> None:
        """Erase the screen and the terminal's scrollback; the next screen redraws in full."""
        driver = self._driver
        if driver is not None:
            driver.write(CLEAR_SCREEN_AND_SCROLLBACK)
            driver.flush()
        self.refresh(repaint=True, layout=True)

    # -- operator --------------------------------------------------------------------

    def action_operator(self) -> None:
        """F12: the PIN prompt (or, when unlocked, the operator menu straight away)."""
        if getattr(self.screen, "OPERATOR_ONLY", False):
            return
        if self.unlocked:
            self._open_operator_menu()
            return
        from kiosk.screens.pin_modal import PinModal  # noqa: PLC0415 — see kiosk.startup

        self.push_screen(PinModal(self.operator_pin.check), self._pin_answered)

    def _pin_answered(self, unlocked: bool | None) -> None:
        if unlocked:
            self._open_operator_menu()

    def _open_operator_menu(self) -> None:
        from kiosk.screens.operator_screen import OperatorActions, OperatorScreen  # noqa: PLC0415 — see kiosk.startup

        actions = OperatorActions(
            counts=self._counts, withdraw=self._withdraw, close_kiosk=self._close_kiosk
        )
        self.push_screen(OperatorScreen(actions))

    def _counts(self) -> Counts:
        from kiosk.screens.operator_screen import Counts  # noqa: PLC0415 — see kiosk.startup

        store = self.services.store
        session_id = self.services.session.id
        return Counts(
            sent_this_session=store.count(session_id),
            declined_this_session=store.declines(session_id),
            sent_all_sessions=sum(store.count(session.id) for session in store.sessions()),
            tidy_up=self.services.tidy.describe() if self.services.tidy else None,
            notices=self.operator_notices(),
        )

    def operator_notices(self) -> tuple[str, ...]:
        """Set-up notes for the operator menu and log only (the demo key)."""
        if not self.services.sealer.demo:
            return ()
        from surveys.sealing import DEMO_KEY_NOTICE  # noqa: PLC0415 — loaded with the keys

        return (DEMO_KEY_NOTICE,)

    def _withdraw(self, code: str) -> tuple[bool, str]:
        return self.services.withdraw(code)  # says so when the code is past the cut-off

    def _close_kiosk(self) -> None:
        self.services.audit.record("kiosk-closed")
        self.speaker.stop()
        if self.session is not None:
            self.session.stop()
            self.session = None
        self.exit(0)

    # -- problems --------------------------------------------------------------------

    def speech_problem(self) -> str | None:
        """``SPEECH_UNAVAILABLE`` when read-aloud can't work on this device, else None.

        Participants are told only that plain sentence; the cause (no speech engine,
        no sound player, no sound card) goes to the kiosk's log, once.
        """
        cause = self.speaker.problem
        if not cause:
            return None
        if cause != self._speech_cause:
            self._speech_cause = cause
            self.problem_log.note(f"Read aloud is not working: {cause}.")
        return SPEECH_UNAVAILABLE

    def show_problem(self) -> None:
        """A calm box: carry on, or start again (once, however many problems come)."""
        from kiosk.screens.problem_modal import ProblemModal  # noqa: PLC0415 — see kiosk.startup

        if any(isinstance(screen, ProblemModal) for screen in self.screen_stack):
            return
        self.speaker.stop()
        self.push_screen(ProblemModal(has_answers=self.has_answers), self._problem_answered)

    def _problem_answered(self, choice: Recovery | None) -> None:
        from kiosk.screens.problem_modal import Recovery  # noqa: PLC0415 — see kiosk.startup

        if choice is Recovery.START_AGAIN:
            self.go_home()
        else:
            self.rebuild_step()

    def give_up(self) -> None:
        """Forget the visit in progress, then close with the plain message."""
        if self.session is not None:
            self.session.stop()
            self.session = None
        super().give_up()
