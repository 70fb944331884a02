"""What every phone handler shares: the injected services, the memory, the settings,
and small helpers for cookies, forms, form tokens and blocking storage calls.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_protocol import RequestPayloadError

from kiosk.web.codes import TokenSource
from kiosk.web.page_language import (
    LANG_COOKIE,
    LanguageLink,
    asked_for,
    language_links,
    phone_languages,
    remembered,
)
from kiosk.web.pages import Pages
from kiosk.web.state import Ballots, Handoffs, RateLimiter, Visits
from surveys.action_cards import Card
from surveys.audit import AuditLog
from surveys.clock import Clock
from surveys.focus_group import FocusGroup
from surveys.model import Question, Survey
from surveys.sealing import Sealer
from surveys.storage import ResponseStore, SessionInfo
from surveys.storage.tallies import TallyStore
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore

T = TypeVar("T")

PHONE_COOKIE = "phone"
"""A random id for this phone's browser: signs its forms and marks its votes."""
JOINED_COOKIE = "joined"
"""Proof (a keyed hash) that this phone came through the join code."""
SURVEY_COOKIE = "survey"
"""The random id of this phone's survey visit."""
GROUP_COOKIE = "group"
"""The group a voter chose last time, to fill in the next poll for them."""

MAX_FIELDS = 100
"""Most fields a form may send; a real page sends well under 30."""


def no_cards() -> tuple[Card, ...]:
    """No "You said — We did" cards (a server without an action log)."""
    return ()


ProblemReporter = Callable[[BaseException, str], None]
"""Where unexpected errors go: (error, where). ``kiosk.problems.ProblemLog.record`` fits."""


@dataclass(frozen=True, slots=True)
class PhoneSettings:
    """Limits and timings for the phone pages."""

    handoff_minutes: int = 15
    """How long a handoff code works if nobody opens it."""
    idle_minutes: int = 30
    """How long a survey visit is kept without a request before it is forgotten."""
    max_body_bytes: int = 64 * 1024
    """Largest request body accepted (a 5,000-character answer fits)."""
    rate_per_second: float = 5.0
    """Requests a second each address may make, on average."""
    rate_burst: int = 60
    """Requests an address may make at once before it must slow down."""
    max_handoffs: int = 200
    """Most handoff codes waiting at once."""
    max_visits: int = 200
    """Most survey visits held at once."""
    idle_seconds: float = 15.0
    """A connection with no request being handled is closed this long after it opened
    or after its last answer: silent ones, half-sent headers and idle keep-alives."""
    body_seconds: float = 20.0
    """Longest a form may take to arrive once its headers are in."""
    max_connections: int = 512
    """Most connections held open at once (fewer when open files are short)."""
    per_address: int = 24
    """Most connections from one address (a phone's browser opens about 6)."""
    connections_per_second: float = 10.0
    """New connections an address may open a second, on average, after a first
    ``per_address`` at once; more are closed at once, so a client that reconnects
    in a tight loop costs the server (and the console sharing its loop) little."""
    reserved_files: int = 64
    """Open files always left for the rest of the app, so the console can save."""


@dataclass
class PhoneContext:
    """The server's services and memory, handed to every handler."""

    session: SessionInfo
    clock: Clock
    tokens: TokenSource
    settings: PhoneSettings
    pages: Pages
    report: ProblemReporter
    survey: Survey | None = None
    sealer: Sealer | None = None
    store: ResponseStore | None = None
    audit: AuditLog | None = None
    polls: tuple[Question, ...] = ()
    tallies: TallyStore | None = None
    join_code: str = ""
    focus: FocusGroup | None = None
    """A focus group's ideas and rankings (with ``plans``: the page follows the plan)."""
    plans: TinyDbPlanStore | None = None
    """Where the console keeps the plan's stage now."""
    said_did: Callable[[], tuple[Card, ...]] = no_cards
    """The shared "You said — We did" cards as they are now (``/said-did``)."""
    results_shared: Callable[[], str] = str
    """When and where results are shared, as the thank-you pages say it ("" if not said)."""
    handoffs: Handoffs = field(init=False)
    visits: Visits = field(init=False)
    ballots: Ballots = field(default_factory=Ballots)
    limiter: RateLimiter = field(init=False)
    _key: bytes = field(init=False, repr=False)
    _writer: ThreadPoolExecutor | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.handoffs = Handoffs(self.settings.max_handoffs)
        self.visits = Visits(
            dt.timedelta(minutes=self.settings.idle_minutes), self.settings.max_visits
        )
        self.limiter = RateLimiter(self.settings.rate_per_second, self.settings.rate_burst)
        # A key that lives only as long as this server: it signs forms and hashes votes.
        self._key = hashlib.sha256(self.tokens.token().encode("ascii")).digest()

    @property
    def joinable(self) -> bool:
        """True when phones join this session with its code (live polls or a plan)."""
        return bool(self.polls) or self.focus is not None

    # -- language --------------------------------------------------------------------

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language a page here may be asked for: the phone pages' own, then
        the survey's own language and its translations."""
        found = list(phone_languages())
        if self.survey is not None:
            found += self.survey_languages
        return tuple(dict.fromkeys(found))

    @property
    def survey_languages(self) -> tuple[str, ...]:
        """The survey's own language first, then each language it is translated into."""
        if self.survey is None:
            return ()
        codes = [self.survey.language, *(t.language for t in self.survey.translations)]
        return tuple(dict.fromkeys(codes))

    @property
    def default_language(self) -> str:
        """The language of a page when the browser chose none: the survey's own."""
        return self.survey.language if self.survey is not None else phone_languages()[0]

    def language(self, request: web.Request) -> str:
        """This request's language: ``?lang=`` when it names one offered here, else
        what this browser chose before, else the default."""
        allowed = self.languages
        return asked_for(request, allowed) or remembered(request, allowed) or self.default_language

    def remember_language(self, request: web.Request, response: web.StreamResponse) -> None:
        """Keep a language chosen with ``?lang=`` for this browser's next pages."""
        chosen = asked_for(request, self.languages)
        if chosen is not None and request.cookies.get(LANG_COOKIE) != chosen:
            self.set_cookie(response, LANG_COOKIE, chosen)

    def language_links(
        self, codes: tuple[str, ...], current: str, path: str
    ) -> tuple[LanguageLink, ...]:
        """The other languages of ``codes``, offered by their own names, as links to ``path``."""
        return language_links(codes, current, path)

    # -- time ------------------------------------------------------------------------

    def now(self) -> dt.datetime:
        """The injected clock's time."""
        return self.clock.now()

    # -- keyed hashes ----------------------------------------------------------------

    def sign(self, purpose: str, value: str) -> str:
        """A keyed hash of ``value`` for one purpose (form token, vote marker, joined proof)."""
        message = f"{purpose}\x00{value}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    @staticmethod
    def same(expected: str, given: str | None) -> bool:
        """Constant-time comparison of a secret with what a request sent."""
        if given is None:
            return False
        return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))

    # -- blocking storage calls ------------------------------------------------------

    async def blocking(self, action: Callable[..., T], *args: object, **kwargs: object) -> T:
        """Run a storage call on the server's one storage thread.

        One thread means this process never waits on its own file lock, and writes
        happen in the order they were asked for; the event loop (and the kiosk's
        screen, when it shares the loop) never waits for a disk.
        """
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="phone-store")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, partial(action, *args, **kwargs))

    def close(self) -> None:
        """Forget every visit, code, vote marker and address; stop the storage thread."""
        self.visits.clear()
        self.handoffs.clear()
        self.ballots.clear()
        self.limiter.clear()
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None

    # -- requests --------------------------------------------------------------------

    def phone_id(self, request: web.Request) -> tuple[str, bool]:
        """This phone's random id, and whether it is new (then the caller sets the cookie)."""
        current = request.cookies.get(PHONE_COOKIE, "")
        if 20 <= len(current) <= 100 and current.isascii() and current.isprintable():
            return current, False
        return self.tokens.token(), True

    @staticmethod
    def set_cookie(response: web.StreamResponse, name: str, value: str) -> None:
        """A cookie for this server only, gone when the browser closes.

        Not ``Secure``: the page is served over plain HTTP on the local network, and
        a browser drops Secure cookies there. HttpOnly and SameSite keep it to us.
        """
        response.set_cookie(name, value, httponly=True, samesite="Lax", path="/")

    @staticmethod
    def clear_cookie(response: web.StreamResponse, name: str) -> None:
        """Remove a cookie from the phone."""
        response.del_cookie(name, path="/")

    async def read_form(self, request: web.Request) -> dict[str, list[str]]:
        """The submitted form as text fields. Anything else (a file, a broken body, a
        malformed multipart) is a 400; a body over the size limit is a 413 (raised by
        aiohttp); a body slower than ``body_seconds`` is a 408."""
        try:
            async with asyncio.timeout(self.settings.body_seconds):
                data = await request.post()
        except TimeoutError as error:
            raise web.HTTPRequestTimeout() from error
        except (
            ValueError,  # bad form fields
            UnicodeDecodeError,
            AssertionError,
            LookupError,  # an unknown charset
            HttpProcessingError,  # a malformed multipart part
            RequestPayloadError,  # broken chunking or a body cut short
        ) as error:
            raise web.HTTPBadRequest() from error
        if len(data) > MAX_FIELDS:
            raise web.HTTPBadRequest()
        fields: dict[str, list[str]] = {}
        for name, value in data.items():
            if not isinstance(value, str):
                raise web.HTTPBadRequest()
            fields.setdefault(name, []).append(value)
        return fields

    @staticmethod
    def one(fields: dict[str, list[str]], name: str) -> str | None:
        """The single value of a field, or None when it is missing or sent twice."""
        values: Sequence[str] = fields.get(name, ())
        return values[0] if len(values) == 1 else None
