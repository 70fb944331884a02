"""Rendering pages: Jinja2 with autoescaping, plain responses and the headers every
response carries.

Survey words and participants' words reach a page only as template variables, and
every variable is escaped, so ``<script>``, ``{{7*7}}`` and ``[bold]`` show as the
characters they are. Templates and the stylesheet ship inside the package and are
read when the server is built, never at import time.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from aiohttp import web
from jinja2 import Environment, PackageLoader, StrictUndefined

from kiosk.web.wording import SITE, Message

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
"""No scripts, no frames, no outside anything: styles and forms from this server only."""

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
"""Sent with every response, pages and errors and the stylesheet alike."""

NO_STORE = "no-store, max-age=0"
"""Pages hold a person's answers in progress: no browser or proxy may keep them."""


class Pages:
    """Renders the phone pages (one ``Environment`` per server)."""

    def __init__(self) -> None:
        self._env = Environment(
            loader=PackageLoader("kiosk.web", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self.stylesheet = resources.files("kiosk.web").joinpath("static", "phone.css").read_bytes()

    def render(
        self, template: str, *, title: str, status: int = 200, **context: Any
    ) -> web.Response:
        """A page from ``template``; ``problem`` (a kind sentence) shows a problem box."""
        context.setdefault("problem", "")
        html = self._env.get_template(template).render(title=title, site=SITE, **context)
        return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")

    def message(
        self,
        message: Message,
        *,
        status: int = 200,
    ) -> web.Response:
        """A calm page that says one thing (an expired code, a finished survey…)."""
        return self.render("message.html", title=message.title, status=status, message=message)


def redirect(location: str) -> web.Response:
    """303 See Other: after a form, the phone fetches the next page with GET."""
    return web.Response(status=303, headers={"Location": location})


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """``on_response_prepare``: the same strict headers on every response."""
    apply_security_headers(response)


def apply_security_headers(response: web.StreamResponse) -> None:
    """The strict headers, and no caching unless the response says otherwise."""
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    response.headers["Server"] = "kiosk"
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = NO_STORE
