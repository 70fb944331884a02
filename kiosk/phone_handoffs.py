"""The participant kiosk's side of the phone page: start it, stop it, hand surveys over.

A helper object that ``KioskApp`` owns (``app.phones``). With ``--phones HOST:PORT``
it starts a ``PhoneServer`` in the App's event loop once the first screen has been
drawn (the server's libraries load on a worker thread meanwhile), and stops it when
the App closes. Without it nothing is imported and nothing listens.

"Use my own phone" (``PhoneWanted``, from the welcome or thank-you screen) makes a
one-time link and shows it on ``PhoneScreen``. When a phone opens the link, the link
runs out, or the person presses Back, the kiosk goes back to its welcome screen; a
link nobody opened is thrown away.

It is given what it uses (the App to show screens on, the survey, a way to reach the
services once they are open, the problem log, and "go home"), so it never imports
the App.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from kiosk.problems import ProblemLog
    from kiosk.screens.phone_screen import PhoneOutcome
    from kiosk.services import KioskServices
    from kiosk.web.address import PhoneAddress
    from kiosk.web.server import PhoneServer
    from kiosk.web.state import Handoff
    from surveys.action_cards import Card
    from surveys.languages import Language
    from surveys.model import Survey

READY_SECONDS = 10.0
"""How long "Use my own phone" waits for a phone page that is still starting."""
NOT_READY = "The phone link isn't ready yet. Please try again in a moment."
NOT_STARTED = (
    "The phone page couldn't start, so the kiosk closed. Answers already sent are "
    "safe. The kiosk's log says more; or start the kiosk without --phones."
)


def with_language(url: str, code: str) -> str:
    """The phone page's link opening in ``code`` (the phone page reads ``lang``)."""
    from urllib.parse import quote  # noqa: PLC0415 — only when a link is handed over

    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}lang={quote(code, safe='')}"


@dataclass(frozen=True)
class HandoffNeeds:
    """What the phone page needs from the kiosk, handed over rather than reached for."""

    survey: Survey
    services: Callable[[], KioskServices]
    """The kiosk's data, opened once the first screen is up."""
    problem_log: ProblemLog
    go_home: Callable[[], None]
    said_did: Callable[[], tuple[Card, ...]] = tuple
    """The shared "You said — We did" cards as the kiosk shows them now."""
    results_shared: Callable[[], str] = str
    """When and where results are shared, as the kiosk's thank-you screen says it."""
    language: Callable[[], str] = str
    """The language chosen on the kiosk ("" for the survey's own): the link carries it."""


class PhoneHandoffs:
    """The phone page for ``KioskApp`` (see the module docstring)."""

    def __init__(self, app: App[Any], address: PhoneAddress | None, needs: HandoffNeeds) -> None:
        self.app = app
        self.address = address
        """Where to listen (None: phones are off)."""
        self.needs = needs
        self.server: PhoneServer | None = None
        self._ready = asyncio.Event()

    @property
    def on(self) -> bool:
        """True when the operator switched the phone page on."""
        return self.address is not None

    def start(self) -> None:
        """Called from ``on_mount``: start listening once the first screen is drawn."""
        if self.address is not None:
            self.app.call_after_refresh(self._launch)

    def _launch(self) -> None:
        self.app.run_worker(
            self._start_server(), name="phone page", group="phones", exit_on_error=False
        )

    async def _start_server(self) -> None:
        from kiosk.web.running import start_for_app  # noqa: PLC0415 — only with --phones

        address, app, needs = self.address, self.app, self.needs
        assert address is not None
        services = needs.services()
        started = await start_for_app(
            address,
            report=needs.problem_log.record,
            not_started=NOT_STARTED,
            closing=lambda: bool(app._exit),
            session=services.session,
            clock=services.clock,
            survey=needs.survey,
            sealer=services.sealer,
            store=services.store,
            audit=services.audit,
            on_claim=self._claimed,
            said_did=needs.said_did,
            results_shared=needs.results_shared,
        )
        if isinstance(started, str):  # the kiosk can't take phone answers: it says why
            app.exit(None, return_code=1, message=started)
        elif started is not None:
            self.server = started
            self._ready.set()

    async def stop(self) -> None:
        """Stop listening and forget every survey in progress on a phone."""
        server, self.server = self.server, None
        if server is not None:
            await server.stop()

    # -- handing a survey over --------------------------------------------------------

    async def offer(self, language: Language | None = None) -> None:
        """ "Use my own phone": show a fresh one-time link for this person's survey.

        With ``language`` (one written right to left, which the terminal can't
        draw), the link opens the phone page in that language (``?lang=ur``) and the
        screen says why; with the phone page off, a box says a helper can switch it on.
        """
        if not self.on:
            if language is not None:
                from kiosk.screens.browser_page_screen import PhonePageOffModal  # noqa: PLC0415 — see kiosk.startup

                self.app.push_screen(PhonePageOffModal(language), lambda _: self.needs.go_home())
            return
        try:
            await asyncio.wait_for(self._ready.wait(), READY_SECONDS)
        except TimeoutError:
            self.app.notify(NOT_READY, markup=False)
            return
        server = self.server
        if server is None or not server.running:
            return
        from kiosk.screens.phone_screen import PhoneScreen  # noqa: PLC0415 — see kiosk.startup

        if any(isinstance(screen, PhoneScreen) for screen in self.app.screen_stack):
            return  # a second tap while the first link is on its way
        handoff = server.new_handoff()
        minutes = server.context.settings.handoff_minutes
        clock = self.needs.services().clock
        code = language.code if language is not None else self.needs.language()
        shown = handoff
        if code and code != self.needs.survey.language:
            shown = replace(handoff, url=with_language(handoff.url, code))
        if language is None:
            screen = PhoneScreen(shown, clock, minutes=minutes)
        else:
            from kiosk.screens.browser_page_screen import BrowserPageScreen  # noqa: PLC0415 — see kiosk.startup

            screen = BrowserPageScreen(shown, clock, language, minutes=minutes)
        self.app.push_screen(screen, partial(self._done, handoff))

    def _done(self, handoff: Handoff, outcome: PhoneOutcome | None) -> None:
        from kiosk.screens.phone_screen import PhoneOutcome  # noqa: PLC0415 — see kiosk.startup

        server = self.server
        if outcome is not PhoneOutcome.CLAIMED and server is not None:
            server.discard_handoff(handoff.code)
        self.needs.go_home()

    def _claimed(self, handoff: Handoff) -> None:
        """Called by the server (in this loop) when a phone first opens a link."""
        self.app.call_later(self._tell_phone_screens, handoff.code)

    def _tell_phone_screens(self, code: str) -> None:
        from kiosk.screens.phone_screen import PhoneScreen  # noqa: PLC0415 — see kiosk.startup

        for screen in self.app.screen_stack:
            if isinstance(screen, PhoneScreen):
                screen.claimed(code)
