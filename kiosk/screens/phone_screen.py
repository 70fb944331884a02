"""Use my own phone: a one-time link for this person's survey, as a QR code and a code.

The screen shows what ``PhoneServer.new_handoff()`` made and returns how it ended:
the phone opened the link (the App calls ``claimed``), the link ran out of time, or
the person pressed Back. Whichever it is, the kiosk goes back to its welcome screen;
the screen itself never talks to the server.
"""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, VerticalScroll

from kiosk.screens.base import KioskScreen
from kiosk.web.codes import spoken_code
from kiosk.web.state import Handoff
from kiosk.widgets.qr_code import QrHandoffPanel, until_words
from kiosk.widgets.tap import Tap
from kiosk.widgets.toolbar import Tool, Toolbar
from surveys.catalogues import _, n_
from surveys.clock import Clock

CHECK_SECONDS = 1.0
"""How often the screen looks at the clock to see whether the link has run out."""


class PhoneOutcome(Enum):
    """How the phone screen ended."""

    CLAIMED = "claimed"
    """A phone opened the link: the survey carries on there."""
    EXPIRED = "expired"
    """Nobody opened it in time."""
    BACK = "back"
    """The person chose Back (or Esc)."""


class PhoneScreen(KioskScreen[PhoneOutcome]):
    """The QR code, the link and the typed code for one person's survey."""

    TOOLS: ClassVar[frozenset[Tool]] = frozenset({Tool.READ, Tool.BACK})
    IDLE_WATCH = False  # the link's own 15 minutes end this screen

    DEFAULT_CSS = """
    PhoneScreen {
        align: center top;
    }
    PhoneScreen #phone-body {
        width: 100%;
        max-width: 100;
        height: 1fr;
    }
    PhoneScreen #phone-buttons {
        height: auto;
        width: auto;
        margin: 0 0 1 0;
    }
    PhoneScreen #phone-buttons > Tap {
        width: 20;
        margin: 0 1;
    }
    """

    def __init__(
        self,
        handoff: Handoff,
        clock: Clock,
        *,
        minutes: int = 15,
        check_seconds: float = CHECK_SECONDS,
    ) -> None:
        super().__init__()
        self.handoff = handoff
        self.clock = clock
        self.minutes = minutes
        self.check_seconds = check_seconds
        self._outcome: PhoneOutcome | None = None

    def compose(self) -> ComposeResult:
        handoff = self.handoff
        with VerticalScroll(id="phone-body"):
            yield QrHandoffPanel.for_survey(
                handoff.url, handoff.code, handoff.expires_at, minutes=self.minutes
            )
            with Center(), Horizontal(id="phone-buttons"):
                yield Tap(_("Back"), id="phone-back", classes="-main")
                yield Tap(_("Read aloud"), id="phone-read")

    def on_mount(self) -> None:
        self.query_one("#phone-back", Tap).focus(scroll_visible=False)  # the code stays in view
        self.set_interval(self.check_seconds, self._check_time, name="handoff expiry")

    def narration(self) -> str:
        panel = self.query_one(QrHandoffPanel)
        return n_(
            "Take this survey on your own phone. Point your phone's camera at the square "
            "on the screen, then open the link. No camera? Go to {address} and type "
            "this code: {code}. The link works once, for {count} minute, until {until}. "
            "To go back, press Back.",
            "Take this survey on your own phone. Point your phone's camera at the square "
            "on the screen, then open the link. No camera? Go to {address} and type "
            "this code: {code}. The link works once, for {count} minutes, until {until}. "
            "To go back, press Back.",
            self.minutes,
            address=panel.address,
            code=spoken_code(self.handoff.code),
            until=until_words(self.handoff.expires_at),
        )

    # -- how it ends -------------------------------------------------------------------

    def claimed(self, code: str) -> None:
        """A phone opened ``code``: if it is this screen's link, the screen is done."""
        if code == self.handoff.code:
            self._end(PhoneOutcome.CLAIMED)

    def _check_time(self) -> None:
        if self.clock.now() >= self.handoff.expires_at:
            self._end(PhoneOutcome.EXPIRED)

    def _end(self, outcome: PhoneOutcome) -> None:
        if self._outcome is not None:
            return
        self._outcome = outcome
        if self.is_current:
            self.dismiss(outcome)
        # Otherwise a box is on top (the operator's PIN, say): end when it closes.

    def on_screen_resume(self) -> None:
        if self._outcome is not None:
            self.dismiss(self._outcome)

    def tool_back(self) -> None:
        self._end(PhoneOutcome.BACK)

    @on(Tap.Pressed, "#phone-back")
    def _back(self) -> None:
        self._end(PhoneOutcome.BACK)

    @on(Tap.Pressed, "#phone-read")
    def _read(self) -> None:
        self.post_message(Toolbar.Used(Tool.READ))
