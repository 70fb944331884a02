"""The console's phone page: phones join the session with one code and vote.

With ``--phones HOST:PORT``, once a session is started or resumed the console starts
a ``PhoneServer`` for it in its own event loop (the server's libraries load on a
worker thread, so the console keeps drawing). Phone votes go into the same tally
store under the same lock as the console's own changes, and the console's watch
shows them like any vote from elsewhere.

The join code and link are kept with the session (``TallyStore.set_phone_join``) so
that the shared screen — another process — can show them, and so a resumed session
keeps the same code. They are cleared when the console closes. Without ``--phones``
nothing is imported and nothing listens.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from kiosk.facilitator.messages import LiveChanged
from kiosk.web.address import AddressError, PhoneAddress
from surveys.storage import SessionInfo
from surveys.storage.tallies import PhoneJoin

if TYPE_CHECKING:
    from kiosk.facilitator.app import FacilitatorApp
    from kiosk.web.server import PhoneServer
    from surveys.facilitation import Facilitation

NOT_STARTED = (
    "The phone page couldn't start. Voting on this tablet still works. The kiosk's log says more."
)


class ConsolePhones:
    """Starts, shows and stops the phone page for the console's live session."""

    def __init__(self, app: FacilitatorApp, address: PhoneAddress | None) -> None:
        self.app = app
        self.address = address
        self.server: PhoneServer | None = None
        self.join: PhoneJoin | None = None
        """How phones join, once the page is listening (None before, and when off)."""
        self.problem: str | None = None
        """Why the page couldn't start, in plain words (None when it did, or is off)."""
        self._session: SessionInfo | None = None

    @property
    def on(self) -> bool:
        """True when the facilitator switched the phone page on."""
        return self.address is not None

    def start(self, live: Facilitation | None) -> None:
        """Start the page for ``live`` in the background (once per console)."""
        if self.address is None or live is None or self.server is not None:
            return
        self.app.run_worker(
            self._start(live, self.address), name="phone page", group="phones", exit_on_error=False
        )

    async def _start(self, live: Facilitation, address: PhoneAddress) -> None:
        from kiosk.web.running import start_phone_server  # noqa: PLC0415 — only with --phones

        app = self.app
        store = app.services.store
        try:
            kept = await asyncio.to_thread(store.phone_join, live.session.id)
            server = await start_phone_server(
                address,
                session=live.session,
                clock=app.services.clock,
                polls=live.poll_set.polls,
                tallies=store,
                report=app.log_problem,
                join_code=kept.code if kept is not None else None,
            )
        except AddressError as error:
            self._failed(error.message)
            return
        except Exception as error:  # plain words on screen; details in the log
            app.log_problem(error, "starting the phone page")
            self._failed(NOT_STARTED)
            return
        if app._exit:  # the console closed while the page was starting
            await server.stop()
            return
        self.server = server
        self._session = live.session
        join = PhoneJoin(server.join_code, server.join_url)
        try:
            await asyncio.to_thread(store.set_phone_join, live.session, join)
        except OSError as error:  # the console still shows it; only the shared screen can't
            app.log_problem(error, "keeping the join code with the session")
        self.join = join
        app.screen.post_message(LiveChanged())

    def _failed(self, message: str) -> None:
        self.problem = message
        self.app.notify(message, severity="error", timeout=30, markup=False)
        self.app.screen.post_message(LiveChanged())

    async def stop(self) -> None:
        """Stop listening, forget every vote marker, and clear the kept join code."""
        server, self.server = self.server, None
        self.join = None
        if server is None:
            return
        await server.stop()
        session, self._session = self._session, None
        if session is not None:
            with contextlib.suppress(OSError):
                await asyncio.to_thread(self.app.services.store.set_phone_join, session, None)
