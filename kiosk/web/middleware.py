"""Middlewares that stand between every request and the handlers.

- ``plain_errors``: any error becomes a calm page with the right status, in the
  request's language (and a language chosen with ``?lang=`` is kept). No
  traceback, exception text or stored data ever reaches a phone; unexpected errors
  are reported (type and place only) through the injected reporter.
- ``rate_limit``: a token bucket per remote address; an address going too fast
  gets a kind 429 page. Expired codes, visits and buckets are swept here too.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable

from aiohttp import web

from kiosk.web import wording
from kiosk.web.context import PhoneContext

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_MESSAGES = {
    400: wording.BAD_REQUEST,
    403: wording.OUT_OF_DATE,
    404: wording.NOT_FOUND,
    405: wording.NOT_ALLOWED,
    408: wording.BAD_REQUEST,
    413: wording.TOO_LARGE,
    431: wording.TOO_LARGE,
    429: wording.TOO_FAST,
}

SWEEP_SECONDS = 30.0
"""How often, at most, expired codes, visits and buckets are looked for."""


def make_middlewares(context: PhoneContext) -> list[Callable[..., Awaitable[web.StreamResponse]]]:
    """The middlewares, outermost first."""

    @web.middleware
    async def plain_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as error:
            if error.status < 400:
                raise
            message = _MESSAGES.get(error.status, wording.SOMETHING_WRONG)
            response = context.pages.message(
                message, language=context.language(request), status=error.status
            )
            for header in ("Allow", "Retry-After"):
                if header in error.headers:
                    response.headers[header] = error.headers[header]
            return response
        except asyncio.CancelledError:
            raise
        except Exception as error:  # every failure gets the calm page, never a traceback
            route = request.match_info.route.resource
            where = f"phone page {route.canonical if route is not None else '?'}"
            context.report(error, where)
            return context.pages.message(
                wording.SOMETHING_WRONG, language=context.language(request), status=500
            )
        context.remember_language(request, response)
        return response

    last_sweep = [-math.inf]

    @web.middleware
    async def rate_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
        moment = context.now()
        stamp = moment.timestamp()
        if stamp - last_sweep[0] >= SWEEP_SECONDS:
            last_sweep[0] = stamp
            context.handoffs.sweep(moment)
            context.visits.sweep(moment)
            context.limiter.sweep(stamp)
        wait = context.limiter.allow(request.remote or "unknown", stamp)
        if wait > 0:
            raise web.HTTPTooManyRequests(headers={"Retry-After": str(max(1, math.ceil(wait)))})
        return await handler(request)

    return [plain_errors, rate_limit]
