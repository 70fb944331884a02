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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.messages import LiveChanged
from kiosk.web.address import PhoneAddress
from kiosk.web.codes import display_code
from surveys.storage import SessionInfo
from surveys.storage.tallies import PhoneJoin

if TYPE_CHECKING:
    from textual.app import App

    from kiosk.facilitator.console_services import FacilitatorServices
    from kiosk.web.server import PhoneServer
    from surveys.facilitation import Facilitation
    from surveys.focus_group import FocusGroup
    from surveys.storage.tinydb_plan_progress import TinyDbPlanStore

NOT_STARTED = (
    "The phone page couldn't start. Voting on this tablet still works. The kiosk's log says more."
)


class ConsolePhones:
    """Starts, shows and stops the phone page for the console's live session."""

    @property
    def status_words(self) -> str:
        """The console's one line about phones: how to join, a problem, or nothing."""
        if self.join is not None:
            return (
                f"Phones: go to {self.join.address} and type {display_code(self.join.code)}"
                "  ·  P shows the QR code"
            )
        if self.problem is not None:
            return self.problem
        return "Phones: starting…" if self.on else ""

    def __init__(
        self,
        app: App[Any],
        services: FacilitatorServices,
        log_problem: Callable[[BaseException, str], None],
        address: PhoneAddress | None,
    ) -> None:
        self.app = app
        self.services = services
        self.log_problem = log_problem
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

    def start(
        self,
        live: Facilitation | None,
        focus: FocusGroup | None = None,
        plans: TinyDbPlanStore | None = None,
    ) -> None:
        """Start the page for ``live`` in the background (once per console). With a
        session plan, ``focus`` and ``plans`` let phones send ideas and rankings as
        the plan's stage says."""
        if self.address is None or live is None or self.server is not None:
            return
        self.app.run_worker(
            self._start(live, self.address, focus, plans),
            name="phone page",
            group="phones",
            exit_on_error=False,
        )

    async def _start(
        self,
        live: Facilitation,
        address: PhoneAddress,
        focus: FocusGroup | None = None,
        plans: TinyDbPlanStore | None = None,
    ) -> None:
        from kiosk.web.running import start_for_app  # noqa: PLC0415 — only with --phones

        app = self.app
        store = self.services.store
        try:
            kept = await asyncio.to_thread(store.phone_join, live.session.id)
        except Exception as error:  # plain words on screen; details in the log
            self.log_problem(error, "starting the phone page")
            self._failed(NOT_STARTED)
            return
        started = await start_for_app(
            address,
            report=self.log_problem,
            not_started=NOT_STARTED,
            closing=lambda: bool(app._exit),
            session=live.session,
            clock=self.services.clock,
            polls=live.poll_set.polls,
            tallies=store,
            join_code=kept.code if kept is not None else None,
            focus=focus,
            plans=plans,
        )
        if started is None:  # the console closed while the page was starting
            return
        if isinstance(started, str):  # voting on the tablet still works
            self._failed(started)
            return
        server = started
        self.server = server
        self._session = live.session
        join = PhoneJoin(server.join_code, server.join_url)
        try:
            await asyncio.to_thread(store.set_phone_join, live.session, join)
        except OSError as error:  # the console still shows it; only the shared screen can't
            self.log_problem(error, "keeping the join code with the session")
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
                await asyncio.to_thread(self.services.store.set_phone_join, session, None)
