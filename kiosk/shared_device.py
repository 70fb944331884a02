"""``SharedDevice``: what keeps a tablet safe to hand from one person to the next.

The participant kiosk and the console's pass-the-tablet voting both put one device
in front of many people. Each owns a ``SharedDevice`` (a helper, not a mixin), which
does the part they share:

- **Idle**: every key, touch and scroll is noted (``note_input``, from the App's
  ``on_event``, before any widget sees it). After ``idle_seconds`` without one, on a
  screen that watches for it (``IDLE_WATCH``), a gentle "Are you still there?" box
  counts down; if nobody answers, the owner forgets the person (``walked_away``).
  A break (a box with ``ON_BREAK``) ends the same way after ``break_seconds``. An
  operator screen (``OPERATOR_ONLY``: the PIN prompt, the operator menu) left alone
  is closed, never left open.
- **Read aloud when a screen appears**, once per screen, for people who chose it;
  any reading already going stops first.
- **Clearing the terminal**: the screen and the scrollback, so nothing of one person
  is left for the next.
- **The tools**: Read aloud, What does this mean?, Take a break and Stop
  (``use_tool``), each key allowed only where the screen offers it
  (``check_action``). Back and Skip belong to the screens.

What differs between the two is the owner's (``DeviceOwner``): whether anyone is
at the device yet, what the help, break and stop boxes say, and what "forget this
person" means. The device never imports an App.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol
from weakref import WeakSet

from textual import events
from textual.screen import Screen

from kiosk.screens.base import KioskModal, KioskScreen
from kiosk.widgets.toolbar import Tool

if TYPE_CHECKING:
    from textual.app import App

    from kiosk.preferences import Preferences
    from kiosk.speaking import Speaker

CLEAR_SCREEN_AND_SCROLLBACK = "\x1b[2J\x1b[3J\x1b[H"
"""Erase the screen, then the scrollback (xterm's E3), then home the cursor."""

INPUT_EVENTS = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)
"""What counts as someone being there."""


class DeviceOwner(Protocol):
    """What a ``SharedDevice`` asks of the app (or helper) that owns it."""

    @property
    def speaker(self) -> Speaker:
        """The read-aloud."""
        ...

    @property
    def preferences(self) -> Preferences:
        """The person's choices (read-aloud among them)."""
        ...

    @property
    def speech_off(self) -> bool:
        """True when read-aloud is switched off on this device altogether."""
        ...

    @property
    def watching(self) -> bool:
        """True while someone may be at the device (idle is watched only then)."""
        ...

    @property
    def idle_has_answers(self) -> bool:
        """Whether "Are you still there?" warns that answers will be lost."""
        ...

    def help_box(self, screen: KioskScreen[Any]) -> KioskModal[Any]:
        """ "What does this mean?" for this screen."""
        ...

    def break_box(self) -> KioskModal[Any]:
        """ "Take a break"."""
        ...

    def stop_box(self) -> KioskModal[bool]:
        """ "Stop": asks first; True to stop."""
        ...

    def stopped(self) -> None:
        """The person chose to stop: forget them."""
        ...

    def walked_away(self) -> None:
        """Nobody answered "Are you still there?": forget them and clear the terminal."""
        ...


class SharedDevice:
    """Idle watch, read-aloud on each new screen, the tools, and clearing the terminal."""

    def __init__(
        self,
        app: App[Any],
        owner: DeviceOwner,
        *,
        idle_seconds: float,
        countdown_seconds: float,
        break_seconds: float | None,
        now: Callable[[], float],
    ) -> None:
        self.app = app
        self.owner = owner
        self.idle_seconds = idle_seconds
        self.countdown_seconds = countdown_seconds
        self.break_seconds = break_seconds
        """How long a break may last (None: a break never times out)."""
        self.now = now
        self.last_input = now()
        self._read_out: WeakSet[Screen[Any]] = WeakSet()
        """The screens already read aloud as they appeared (each once)."""

    def start(self) -> None:
        """Start watching for idleness and for new screens (from the App's ``on_mount``)."""
        tick = min(1.0, self.idle_seconds / 4)
        self.app.set_interval(tick, self.check_idle, name="idle watch")
        self.app.screen_change_signal.subscribe(self.app, self.screen_shown)

    def note_input(self, event: events.Event) -> None:
        """Someone is here: a key, a touch or a scroll (from the App's ``on_event``)."""
        if isinstance(event, INPUT_EVENTS):
            self.last_input = self.now()

    # -- idle ------------------------------------------------------------------------

    def check_idle(self) -> None:
        """After a quiet spell, ask "Are you still there?" (or close an operator screen)."""
        if not self.owner.watching:
            return
        screen = self.app.screen
        on_break = getattr(screen, "ON_BREAK", False) and self.break_seconds is not None
        if not on_break and not getattr(screen, "IDLE_WATCH", False):
            return
        wait = (
            self.break_seconds if on_break and self.break_seconds is not None else self.idle_seconds
        )
        if self.now() - self.last_input < wait:
            return
        self.last_input = self.now()
        if getattr(screen, "OPERATOR_ONLY", False):
            # An operator who walked away: close the menu, never leave it open.
            while getattr(self.app.screen, "OPERATOR_ONLY", False):
                self.app.pop_screen()
            return
        from kiosk.screens.idle_modal import IdleModal  # noqa: PLC0415 — see kiosk.startup

        self.owner.speaker.stop()
        idle = IdleModal(self.countdown_seconds, has_answers=self.owner.idle_has_answers)
        self.app.push_screen(idle, self._idle_answered)

    def _idle_answered(self, still_here: bool | None) -> None:
        self.last_input = self.now()
        if not still_here:
            self.owner.walked_away()

    def screen_shown(self, screen: Screen[Any]) -> None:
        """A new screen: restart the quiet-spell clock, and read it aloud if asked to."""
        self.last_input = self.now()
        speaker = self.owner.speaker
        speaker.stop()
        if not self.owner.preferences.read_aloud:
            return
        if isinstance(screen, KioskScreen | KioskModal) and screen not in self._read_out:
            self._read_out.add(screen)
            words = screen.narration()
            if words:
                speaker.say(words)

    def clear_terminal(self) -> None:
        """Erase the screen and the terminal's scrollback; the next screen redraws in full."""
        driver = self.app._driver
        if driver is not None:
            driver.write(CLEAR_SCREEN_AND_SCROLLBACK)
            driver.flush()
        self.app.refresh(repaint=True, layout=True)

    # -- the tools -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The App's ``check_action``: a tool's key works only where the screen offers it."""
        if action != "tool" or not parameters:
            return True
        if parameters == (Tool.READ.value,) and self.owner.speech_off:
            return False
        screen = self.app.screen
        if isinstance(screen, KioskScreen):
            return screen.offers(Tool(str(parameters[0])))
        return isinstance(screen, KioskModal) and parameters[0] == Tool.READ.value

    def use_tool(self, tool: Tool) -> None:
        """Read aloud, explain, take a break, or stop (Back and Skip belong to screens)."""
        screen, owner = self.app.screen, self.owner
        if tool is Tool.READ:
            if not owner.speech_off and isinstance(screen, KioskScreen | KioskModal):
                words = screen.narration()
                if words:
                    owner.speaker.say(words)
            return
        if not isinstance(screen, KioskScreen) or not screen.offers(tool):
            return
        if tool is Tool.MEANING:
            self.app.push_screen(owner.help_box(screen))
        elif tool is Tool.BREAK:
            owner.speaker.stop()
            self.app.push_screen(owner.break_box())
        elif tool is Tool.STOP:
            self.app.push_screen(owner.stop_box(), self._stop_answered)

    def _stop_answered(self, stop: bool | None) -> None:
        if stop:
            self.owner.stopped()
