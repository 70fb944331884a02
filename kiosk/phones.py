"""The participant kiosk's side of the phone page: start it, stop it, hand surveys over.

Mixed into ``KioskApp``. With ``--phones HOST:PORT`` the App starts a
``PhoneServer`` in its own event loop once the first screen has been drawn (the
server's libraries load on a worker thread meanwhile), and stops it when the App
closes. Without it nothing is imported and nothing listens.

"Use my own phone" (``PhoneWanted``, from the welcome or thank-you screen) makes a
one-time link and shows it on ``PhoneScreen``. When a phone opens the link, the link
runs out, or the person presses Back, the kiosk goes back to its welcome screen; a
link nobody opened is thrown away.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from kiosk.problems import ProblemLog
    from kiosk.screens.phone_offer import PhoneWanted
    from kiosk.screens.phone_screen import PhoneOutcome
    from kiosk.services import KioskServices
    from kiosk.web.address import PhoneAddress
    from kiosk.web.server import PhoneServer
    from kiosk.web.state import Handoff
    from surveys.model import Survey

READY_SECONDS = 10.0
"""How long "Use my own phone" waits for a phone page that is still starting."""
NOT_READY = "The phone link isn't ready yet. Please try again in a moment."
NOT_STARTED = (
    "The phone page couldn't start, so the kiosk closed. Answers already sent are "
    "safe. The kiosk's log says more; or start the kiosk without --phones."
)


class PhoneHandoffs(App[int], inherit_bindings=False):
    """The phone page for ``KioskApp`` (see the module docstring)."""

    if TYPE_CHECKING:
        survey: Survey
        problem_log: ProblemLog

        @property
        def services(self) -> KioskServices: ...

        def go_home(self, *, clear_terminal: bool = False) -> None: ...

    def setup_phones(self, address: PhoneAddress | None) -> None:
        """Called from ``__init__``: remember where to listen (None: phones are off)."""
        self.phone_address = address
        self.phone_server: PhoneServer | None = None
        self._phones_ready = asyncio.Event()

    @property
    def phones_on(self) -> bool:
        """True when the operator switched the phone page on."""
        return self.phone_address is not None

    def start_phones(self) -> None:
        """Called from ``on_mount``: start listening once the first screen is drawn."""
        if self.phone_address is not None:
            self.call_after_refresh(self._launch_phones)

    def _launch_phones(self) -> None:
        self.run_worker(
            self._start_phone_server(), name="phone page", group="phones", exit_on_error=False
        )

    async def _start_phone_server(self) -> None:
        from kiosk.web.address import AddressError  # noqa: PLC0415 — only with --phones
        from kiosk.web.running import start_phone_server  # noqa: PLC0415 — as above

        address = self.phone_address
        assert address is not None
        services = self.services
        try:
            server = await start_phone_server(
                address,
                session=services.session,
                clock=services.clock,
                survey=self.survey,
                sealer=services.sealer,
                store=services.store,
                audit=services.audit,
                report=self.problem_log.record,
                on_claim=self._phone_claimed,
            )
        except AddressError as error:
            self.exit(None, return_code=1, message=error.message)
            return
        except Exception as error:  # plain words for the operator; details in the log
            self.problem_log.record(error, "starting the phone page")
            self.exit(None, return_code=1, message=NOT_STARTED)
            return
        if self._exit:  # the kiosk closed while the page was starting
            await server.stop()
            return
        self.phone_server = server
        self._phones_ready.set()

    async def on_unmount(self) -> None:
        """Stop listening and forget every survey in progress on a phone."""
        server, self.phone_server = self.phone_server, None
        if server is not None:
            await server.stop()

    # -- handing a survey over --------------------------------------------------------

    async def on_phone_wanted(self, message: PhoneWanted) -> None:
        """ "Use my own phone": show a fresh one-time link for this person's survey."""
        message.stop()
        if not self.phones_on:
            return
        try:
            await asyncio.wait_for(self._phones_ready.wait(), READY_SECONDS)
        except TimeoutError:
            self.notify(NOT_READY, markup=False)
            return
        server = self.phone_server
        if server is None or not server.running:
            return
        from kiosk.screens.phone_screen import PhoneScreen  # noqa: PLC0415 — see kiosk.startup

        if any(isinstance(screen, PhoneScreen) for screen in self.screen_stack):
            return  # a second tap while the first link is on its way
        handoff = server.new_handoff()
        minutes = server.context.settings.handoff_minutes
        screen = PhoneScreen(handoff, self.services.clock, minutes=minutes)
        self.push_screen(screen, partial(self._phone_done, handoff))

    def _phone_done(self, handoff: Handoff, outcome: PhoneOutcome | None) -> None:
        from kiosk.screens.phone_screen import PhoneOutcome  # noqa: PLC0415 — see kiosk.startup

        server = self.phone_server
        if outcome is not PhoneOutcome.CLAIMED and server is not None:
            server.discard_handoff(handoff.code)
        self.go_home()

    def _phone_claimed(self, handoff: Handoff) -> None:
        """Called by the server (in this loop) when a phone first opens a link."""
        self.call_later(self._tell_phone_screens, handoff.code)

    def _tell_phone_screens(self, code: str) -> None:
        from kiosk.screens.phone_screen import PhoneScreen  # noqa: PLC0415 — see kiosk.startup

        for screen in self.screen_stack:
            if isinstance(screen, PhoneScreen):
                screen.claimed(code)
