"""``PhoneServer``: the phone page, run inside the kiosk's or console's own event loop.

Off by default. Building one binds nothing; ``await start(host, port)`` listens on
exactly the address and port the operator named, and ``await stop()`` closes it and
forgets everything held in memory (survey visits, codes, vote markers).

    server = PhoneServer(session=services.session, clock=services.clock,
                         survey=survey, sealer=services.sealer, store=services.store,
                         audit=services.audit)
    await server.start("192.168.1.20", 8080)      # in on_mount, same loop as Textual
    handoff = server.new_handoff()                # show handoff.url as a QR, and the code
    await server.stop()                           # on unmount

``said_did=`` gives the shared "You said — We did" cards as they are now, for the
``/said-did`` page the survey's first and last pages link to; ``results_shared=``
the words on when and where results are shared, for the thank-you pages.

For live polls pass ``polls=`` (the poll questions) and ``tallies=`` (the session's
tally store); phones join with ``server.join_url`` / ``server.join_code``. For a
session plan with ideas and ranking stages, also pass ``focus=`` (the session's
``FocusGroup``) and ``plans=`` (the ``TinyDbPlanStore`` the console saves to): the
page then follows the plan's stage (``kiosk.web.focus_routes``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable

from aiohttp import web

from kiosk.problems import describe
from kiosk.web import wording
from kiosk.web.address import WILDCARDS, bracketed
from kiosk.web.codes import SecretTokens, TokenSource, normalise_code
from kiosk.web.connections import (
    ConnectionLimits,
    GuardedRunner,
    GuardedServer,
    connection_budget,
    mark_busy,
)
from kiosk.web.context import PHONE_COOKIE, PhoneContext, PhoneSettings, ProblemReporter
from kiosk.web.focus_routes import FocusRoutes
from kiosk.web.middleware import make_middlewares
from kiosk.web.page_language import phone_languages, phone_words
from kiosk.web.pages import Pages, add_security_headers, redirect
from kiosk.web.poll_routes import PollRoutes
from kiosk.web.said_did_routes import SaidDidRoutes
from kiosk.web.state import Handoff
from kiosk.web.survey_routes import SurveyRoutes
from surveys.action_cards import Card
from surveys.audit import AuditLog
from surveys.catalogues import N_
from surveys.clock import Clock, SystemClock
from surveys.focus_group import FocusGroup
from surveys.model import Question, Survey
from surveys.sealing import Sealer
from surveys.storage import ResponseStore, SessionInfo
from surveys.storage.tallies import TallyStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore

__all__ = ["Handoff", "PhoneServer", "PhoneSettings"]

log = logging.getLogger(__name__)


def _log_problem(error: BaseException, where: str) -> None:
    """The default reporter: error type and code places only, never a message or data."""
    log.error("%s problem in %s\n%s", type(error).__name__, where, describe(error))


class PhoneServer:
    """The phone page for one kiosk or console process (see the module docstring)."""

    def __init__(
        self,
        *,
        session: SessionInfo,
        clock: Clock | None = None,
        survey: Survey | None = None,
        sealer: Sealer | None = None,
        store: ResponseStore | None = None,
        audit: AuditLog | None = None,
        polls: Iterable[Question] = (),
        tallies: TallyStore | None = None,
        tokens: TokenSource | None = None,
        settings: PhoneSettings | None = None,
        report: ProblemReporter | None = None,
        on_claim: Callable[[Handoff], None] | None = None,
        join_code: str | None = None,
        focus: FocusGroup | None = None,
        plans: TinyDbPlanStore | None = None,
        said_did: Callable[[], tuple[Card, ...]] | None = None,
        results_shared: Callable[[], str] | None = None,
    ) -> None:
        if survey is not None and (sealer is None or store is None):
            raise ValueError("a survey on phones needs the sealer and the response store")
        polls = tuple(polls)
        if polls and tallies is None:
            raise ValueError("live polls on phones need the tally store")
        if (focus is None) != (plans is None) or (focus is not None and tallies is None):
            raise ValueError("a focus group on phones needs its plan store and the tally store")
        tokens = tokens or SecretTokens()
        if join_code is not None:
            # A code kept with the session (a console resumed): the same printed or
            # projected code keeps working.
            join_code = normalise_code(join_code)
            if join_code is None:
                raise ValueError("the join code must be 6 characters from the code alphabet")
        self._context = PhoneContext(
            session=session,
            clock=clock or SystemClock(),
            tokens=tokens,
            settings=settings or PhoneSettings(),
            pages=Pages(),
            report=report or _log_problem,
            survey=survey,
            sealer=sealer,
            store=store,
            audit=audit,
            polls=polls,
            tallies=tallies,
            join_code=join_code or tokens.code(),
            focus=focus,
            plans=plans,
        )
        self._said_did = said_did is not None
        if said_did is not None:
            self._context.said_did = said_did
        if results_shared is not None:
            self._context.results_shared = results_shared
        self._on_claim = on_claim
        self._busy: set[object] = set()
        self._polls = PollRoutes(self._context)
        self._focus = (
            FocusRoutes(self._context, self._polls, focus, plans)
            if focus is not None and plans is not None
            else None
        )
        self.app = self._build_app()
        self._runner: web.AppRunner | None = None
        self._base_url = ""

    # -- the application -------------------------------------------------------------

    def _build_app(self) -> web.Application:
        context = self._context
        app = web.Application(
            middlewares=[mark_busy(self._busy), *make_middlewares(context)],
            client_max_size=context.settings.max_body_bytes,
        )
        app.on_response_prepare.append(add_security_headers)
        router = app.router
        router.add_get("/", self._enter_code_page, name="home")
        router.add_post("/", self._enter_code_post)
        router.add_get("/static/phone.css", self._stylesheet, name="stylesheet")
        router.add_get("/favicon.ico", self._no_icon, name="favicon")
        if context.survey is not None:
            SurveyRoutes(context, context.survey, self._on_claim).add_to(router)
            if self._said_did:
                SaidDidRoutes(context).add_to(router)
        if context.joinable:
            router.add_get("/j", self._to_home, name="join-home")
            self._polls.add_to(router, self._focus.page if self._focus is not None else None)
        if self._focus is not None:
            self._focus.add_to(router)
        return app

    # -- running ---------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True between ``start`` and ``stop``."""
        return self._runner is not None

    async def start(self, host: str, port: int, *, public_host: str | None = None) -> web.AppRunner:
        """Listen on ``host``:``port`` in the running event loop; returns the started runner.

        ``port`` 0 picks a free port (tests). Links use ``public_host`` when given —
        needed when ``host`` is a wildcard such as 0.0.0.0, which a phone can't open.
        """
        if self._runner is not None:
            raise RuntimeError("the phone page is already running")
        link_host = public_host or host
        if not link_host or link_host in WILDCARDS:
            raise ValueError(
                "Please name this computer's address on the network (for example "
                "192.168.1.20), so phones know where to go."
            )
        settings = self._context.settings
        limits = ConnectionLimits(
            idle_seconds=settings.idle_seconds,
            per_address=settings.per_address,
            connections_per_second=settings.connections_per_second,
            budget=connection_budget(settings.max_connections, settings.reserved_files),
        )
        runner = GuardedRunner(
            self.app,
            limits=limits,
            pages=self._context.pages,
            report=self._context.report,
            busy=self._busy,
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        bound_port = port
        for address in runner.addresses:
            if isinstance(address, tuple) and len(address) >= 2:
                bound_port = int(address[1])
                break
        self._runner = runner
        self._base_url = f"http://{bracketed(link_host)}:{bound_port}"
        return runner

    async def stop(self) -> None:
        """Stop listening and forget everything held in memory."""
        runner, self._runner = self._runner, None
        self._base_url = ""
        if runner is not None:
            await runner.cleanup()
        self._context.close()

    # -- what the kiosk and console show ---------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://host:port`` while running (``RuntimeError`` otherwise)."""
        if not self._base_url:
            raise RuntimeError("the phone page is not running")
        return self._base_url

    @property
    def join_code(self) -> str:
        """The live-poll code for this facilitation session (stable until the server stops)."""
        return self._context.join_code

    @property
    def join_url(self) -> str:
        """The link phones open to vote (show it as a QR code with ``join_code``)."""
        return f"{self.base_url}/j/{self.join_code}"

    def new_handoff(self) -> Handoff:
        """A one-time link for one person's survey: works once, for a short time."""
        context = self._context
        if context.survey is None:
            raise RuntimeError("this phone page has no survey to hand off")
        base = self.base_url
        code = context.tokens.code()
        while code in context.handoffs or code == context.join_code:
            code = context.tokens.code()
        expires = context.now() + dt.timedelta(minutes=context.settings.handoff_minutes)
        handoff = Handoff(code=code, url=f"{base}/h/{code}", expires_at=expires)
        context.handoffs.add(handoff)
        return handoff

    def discard_handoff(self, code: str) -> None:
        """Forget a handoff nobody has opened (the kiosk moved on): its link stops working.

        A code a phone has already opened is kept, so that phone carries on.
        """
        self._context.handoffs.discard(code)

    @property
    def connections(self) -> GuardedServer | None:
        """The connection keeper while running (for tests and the benchmark)."""
        server = self._runner.server if self._runner is not None else None
        return server if isinstance(server, GuardedServer) else None

    @property
    def context(self) -> PhoneContext:
        """The shared state (for tests and the benchmark: it holds no answers once sent)."""
        return self._context

    # -- the pages every server has --------------------------------------------------

    def _code_form(
        self,
        request: web.Request,
        csrf: str,
        *,
        typed: str = "",
        problem: str = "",
        status: int = 200,
    ) -> web.Response:
        context = self._context
        language = context.language(request)
        offered = (*phone_languages(), *context.survey_languages)
        return context.pages.render(
            "enter_code.html",
            language=language,
            languages=context.language_links(offered, language, "/"),
            title=phone_words(language)(N_("Take part on your phone")),
            status=status,
            problem=problem,
            typed=typed,
            csrf=csrf,
        )

    async def _enter_code_page(self, request: web.Request) -> web.StreamResponse:
        """ "Type your code": for people who can't scan the QR code."""
        phone, new = self._context.phone_id(request)
        response = self._code_form(request, self._context.sign("csrf", phone))
        if new:
            self._context.set_cookie(response, PHONE_COOKIE, phone)
        return response

    async def _enter_code_post(self, request: web.Request) -> web.StreamResponse:
        """Go to the survey or the live poll the typed code belongs to."""
        context = self._context
        phone, new = context.phone_id(request)
        fields = await context.read_form(request)
        csrf = context.sign("csrf", phone)
        language = context.language(request)
        if new or not context.same(csrf, context.one(fields, "csrf")):
            return context.pages.message(wording.OUT_OF_DATE, language=language, status=403)
        typed = context.one(fields, "code") or ""
        code = normalise_code(typed)
        if code is not None and context.joinable and context.same(context.join_code, code):
            return redirect(f"/j/{code}")
        if code is not None and context.survey is not None and code in context.handoffs:
            return redirect(f"/h/{code}")
        problem = wording.CODE_EMPTY if not typed.strip() else wording.CODE_NOT_FOUND
        return self._code_form(
            request, csrf, typed=typed[:20], problem=phone_words(language)(problem), status=422
        )

    async def _to_home(self, request: web.Request) -> web.StreamResponse:
        """``/j`` (the join link without its code, as typed from the screen)."""
        return redirect("/")

    async def _stylesheet(self, request: web.Request) -> web.StreamResponse:
        return web.Response(
            body=self._context.pages.stylesheet,
            content_type="text/css",
            charset="utf-8",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    async def _no_icon(self, request: web.Request) -> web.StreamResponse:
        return web.Response(status=204, headers={"Cache-Control": "public, max-age=86400"})
