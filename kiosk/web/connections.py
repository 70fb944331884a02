"""Keeping the phone server up when clients are slow, silent, broken or hostile.

aiohttp answers most things well, but on its own it

- keeps a connection that never finishes its headers for an hour,
- accepts connections until the process runs out of open files (and then the
  console can't save a change), and
- answers requests its own parser rejects (a huge header, a negative length, bad
  chunking, HTTPS on the HTTP port) with bare text and a traceback in the log.

So the server is run through ``GuardedRunner``:

- every connection, silent or half-sent, is closed after ``idle_seconds`` unless a
  request is being handled (aiohttp's keep-alive timer starts when the connection
  opens and data doesn't reset it, so it is also the header-read timeout);
- an address opening connections faster than ``connections_per_second`` (after a
  first ``per_address`` at once) has the extra ones closed at once;
- at most ``per_address`` connections from one address and ``budget`` overall are
  kept. When a new one would go over, the oldest connection that is only waiting
  makes way; if every one is busy with a request, the new one is closed at once.
  ``budget`` leaves ``reserved_files`` open files for the rest of the app;
- a request the parser rejects gets the calm "That didn't work" page with the
  security headers and a 4xx, and is logged as one line, at most once a minute.

Reading a form body has its own time limit (``PhoneContext.read_form``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import LineTooLong
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest

from kiosk.web import wording
from kiosk.web.pages import Pages, apply_security_headers
from kiosk.web.state import RateLimiter
from surveys.languages import SOURCE_LANGUAGE

log = logging.getLogger("kiosk.web")


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    """How long and how many connections are kept (see the module docstring)."""

    idle_seconds: float
    per_address: int
    budget: int
    connections_per_second: float = 10.0
    lingering_seconds: float = 2.0


def open_file_count() -> int | None:
    """Files this process has open now (Linux), or None when that can't be told."""
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return None


def connection_budget(most: int, reserved_files: int) -> int:
    """How many connections may be open at once: at most ``most``, and never so many
    that fewer than ``reserved_files`` open files are left for the rest of the app."""
    try:
        import resource  # noqa: PLC0415 (Unix only)

        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ImportError, OSError, ValueError):
        return most
    if soft < 0:  # unlimited
        return most
    in_use = open_file_count() or 0
    return max(4, min(most, soft - in_use - reserved_files))


class BoundedLog:
    """One line for requests the server refused, at most once every ``every`` seconds;
    the lines in between are counted and the count goes in the next line."""

    def __init__(self, every: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.every = every
        self._clock = clock
        self._last = -float("inf")
        self._quiet = 0

    def refused(self, what: str) -> None:
        now = self._clock()
        if now - self._last < self.every:
            self._quiet += 1
            return
        self._last = now
        more = f" (and {self._quiet} more since the last note)" if self._quiet else ""
        self._quiet = 0
        log.warning("Phone page: refused %s%s", what, more)


class GuardedHandler(RequestHandler):
    """aiohttp's connection handler, answering parser errors with the calm page."""

    def __init__(self, manager: GuardedServer, **kwargs: Any) -> None:
        super().__init__(manager, **kwargs)
        self.guard = manager
        self.opened = time.monotonic()
        self.address = "unknown"
        self.served = False
        """True once a request on this connection reached the handlers."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        if isinstance(peer, tuple) and peer:
            self.address = str(peer[0])
        super().connection_made(transport)

    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        """A calm page instead of aiohttp's text; one bounded log line, no traceback."""
        if request.writer.output_size > 0:
            raise ConnectionError("the response had already started")
        if status >= 500:
            if exc is not None:
                self.guard.report(exc, "phone page (outside the handlers)")
            page = wording.SOMETHING_WRONG
        else:
            why = type(exc).__name__ if exc is not None else f"status {status}"
            self.guard.bounded_log.refused(f"a request it could not read ({why})")
            if isinstance(exc, LineTooLong):
                status = 431
                page = wording.TOO_LARGE
            else:
                page = wording.BAD_REQUEST
        # No request was read, so no language was chosen: the default words.
        response = self.guard.pages.message(page, language=SOURCE_LANGUAGE, status=status)
        apply_security_headers(response)
        response.force_close()
        return response


class GuardedServer(web.Server):
    """aiohttp's server (the protocol factory) with the connection limits kept."""

    def __init__(
        self,
        handler: Any,
        *,
        limits: ConnectionLimits,
        pages: Pages,
        report: Callable[[BaseException, str], None],
        busy: set[object],
        **kwargs: Any,
    ) -> None:
        super().__init__(
            handler,
            keepalive_timeout=limits.idle_seconds,
            lingering_time=limits.lingering_seconds,
            **kwargs,
        )
        self.limits = limits
        self.pages = pages
        self.report = report
        self.bounded_log = BoundedLog()
        self.busy = busy
        """Connections handling a request now (marked by ``mark_busy``)."""
        self._open: dict[GuardedHandler, asyncio.Transport] = {}
        self._arrivals = RateLimiter(limits.connections_per_second, limits.per_address)
        self._by_address: dict[str, int] = {}
        self._kwargs_for_handlers = self._kwargs

    def __call__(self) -> RequestHandler:
        return GuardedHandler(self, loop=self._loop, **self._kwargs_for_handlers)

    @property
    def open_count(self) -> int:
        """Connections held open now."""
        return len(self._open)

    def _make_way(self, address: str | None) -> bool:
        """Close the oldest connection only waiting (from ``address`` if given): one
        that never sent a whole request first, then an idle keep-alive."""
        waiting = [
            handler
            for handler in self._open
            if handler not in self.busy and (address is None or handler.address == address)
        ]
        if not waiting:
            return False
        oldest = min(waiting, key=lambda handler: (handler.served, handler.opened))
        self._forget(oldest)
        oldest.force_close()
        return True

    def _forget(self, handler: GuardedHandler) -> None:
        if self._open.pop(handler, None) is None:
            return
        left = self._by_address.get(handler.address, 1) - 1
        if left > 0:
            self._by_address[handler.address] = left
        else:
            self._by_address.pop(handler.address, None)

    def connection_made(self, handler: RequestHandler, transport: asyncio.Transport) -> None:
        super().connection_made(handler, transport)
        if not isinstance(handler, GuardedHandler):
            return
        address = handler.address
        limits = self.limits
        if self._arrivals.allow(address, time.monotonic()) > 0:
            self.bounded_log.refused("a connection (too many opened at once)")
            transport.abort()
            return
        room = True
        if self._by_address.get(address, 0) >= limits.per_address:
            room = self._make_way(address)
        if room and len(self._open) >= limits.budget:
            room = self._make_way(None)
        if not room:
            self.bounded_log.refused("a connection (too many open)")
            transport.abort()
            return
        self._open[handler] = transport
        self._by_address[address] = self._by_address.get(address, 0) + 1

    def connection_lost(self, handler: RequestHandler, exc: BaseException | None = None) -> None:
        if isinstance(handler, GuardedHandler):
            self._forget(handler)
        super().connection_lost(handler, exc)


class GuardedRunner(web.AppRunner):
    """``AppRunner`` whose server is a ``GuardedServer``."""

    def __init__(
        self,
        app: web.Application,
        *,
        limits: ConnectionLimits,
        pages: Pages,
        report: Callable[[BaseException, str], None],
        busy: set[object],
    ) -> None:
        super().__init__(app, access_log=None, handle_signals=False)
        self._busy = busy
        self._limits = limits
        self._pages = pages
        self._report = report

    async def _make_server(self) -> web.Server:
        plain = await super()._make_server()  # runs the app's startup and freezes it
        return GuardedServer(
            plain.request_handler,
            request_factory=plain.request_factory,
            loop=asyncio.get_running_loop(),
            limits=self._limits,
            pages=self._pages,
            report=self._report,
            busy=self._busy,
            access_log=None,
        )


def mark_busy(busy: set[object]) -> Any:
    """The outermost middleware: a connection handling a request is in ``busy``, and
    so never makes way for a new one."""

    @web.middleware
    async def busy_marker(request: web.Request, handler: Any) -> web.StreamResponse:
        protocol = request.protocol
        busy.add(protocol)
        if isinstance(protocol, GuardedHandler):
            protocol.served = True
        try:
            response: web.StreamResponse = await handler(request)
            return response
        finally:
            busy.discard(protocol)

    return busy_marker
