"""Rendering pages: Jinja2 with autoescaping, plain responses and the headers every
response carries.

Every page is rendered in one language, the request's (``kiosk.web.page_language``):
templates mark their words with ``{% trans %}`` / ``_("…")`` (``jinja2.ext.i18n``,
newstyle gettext), and the gettext functions each render uses are that language's
``phone_words(code)``, never the kiosk screen's. Python code translates its own
sentences (``kiosk.web.wording``) with the same ``Words`` before they reach a page.
A translated message is escaped like any text; values filled into it are escaped
too, so a participant's words never become markup in any language.

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
from markupsafe import Markup

from kiosk.web.page_language import LanguageLink, PageLanguage, page_language
from kiosk.web.wording import SITE, Message
from surveys.catalogues import Words

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


def _as_text(message: str) -> Markup:
    """A translated message as text, never markup: ``&``, ``<``, ``>`` and ``"`` are
    escaped (an apostrophe is left as it is: every attribute uses double quotes)."""
    return Markup(  # noqa: S704 — every character that could be markup is escaped here
        message.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
    )


def _gettext(words: Words) -> Any:
    """The template's ``gettext`` / ``_`` in one language (newstyle: it fills in the
    named values itself, each escaped as any value is)."""

    def gettext(message: str, /, **values: object) -> Markup:
        return _as_text(words(message)) % values

    return gettext


def _ngettext(words: Words) -> Any:
    """The template's ``ngettext`` in one language's plural rule."""

    def ngettext(singular: str, plural: str, count: int, /, **values: object) -> Markup:
        values.setdefault("count", count)
        return _as_text(words.n(singular, plural, count)) % values

    return ngettext


def translated(message: Message, words: Words) -> Message:
    """``message`` in one language (its words are marked with ``N_`` in ``wording``)."""

    def say(text: str) -> str:
        return words(text) if text else text  # gettext("") is the catalogue's header

    return Message(
        say(message.title),
        tuple(say(paragraph) for paragraph in message.paragraphs),
        say(message.link_text),
        message.link_href,
    )


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
            extensions=["jinja2.ext.i18n"],
        )
        # The same whitespace rule as extraction (scripts/catalogues), so the words
        # looked up are the words in the catalogue; the functions come with each render.
        self._env.policies["ext.i18n.trimmed"] = True
        self._env.newstyle_gettext = True  # type: ignore[attr-defined]
        self.stylesheet = resources.files("kiosk.web").joinpath("static", "phone.css").read_bytes()

    def render(
        self,
        template: str,
        *,
        language: str,
        title: str,
        status: int = 200,
        languages: tuple[LanguageLink, ...] = (),
        **context: Any,
    ) -> web.Response:
        """A page from ``template`` in ``language``; ``problem`` (a kind sentence,
        already in that language) shows a problem box; ``languages`` are the other
        languages offered at the top of the page."""
        context.setdefault("problem", "")
        page: PageLanguage = page_language(language)
        words = page.words
        gettext = _gettext(words)
        html = self._env.get_template(template).render(
            title=title,
            site=words(SITE),
            page=page,
            languages=languages,
            gettext=gettext,
            _=gettext,
            ngettext=_ngettext(words),
            **context,
        )
        return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")

    def message(
        self,
        message: Message,
        *,
        language: str,
        status: int = 200,
    ) -> web.Response:
        """A calm page that says one thing (an expired code, a finished survey…)."""
        shown = translated(message, page_language(language).words)
        return self.render(
            "message.html", language=language, title=shown.title, status=status, message=shown
        )


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
