""" "You said — We did" on the phone: the same shared actions the kiosk's cards show.

``/said-did`` lists every action the coordinator marked ready to share (short
enough for a card), each as "You said: …" and "We did: …" (or where it stands).
It needs no JavaScript and no cookie, holds no one's answers, and its words are
escaped like every phone page's. The handoff's first page (consent) and its last
pages (the receipt, and "No thanks") link to it when there is something to show.
A person still in the middle of a survey gets a link back to where they were.
"""

from __future__ import annotations

from aiohttp import web

from kiosk.web.context import SURVEY_COOKIE, PhoneContext
from kiosk.web.page_language import phone_words
from surveys.action_cards import TITLE, YOU_SAID
from surveys.catalogues import N_

PATH = "/said-did"
LINK_TEXT = N_("You said — We did: see what we changed")


class SaidDidRoutes:
    """The handler for ``/said-did``."""

    def __init__(self, context: PhoneContext) -> None:
        self.context = context

    def add_to(self, router: web.UrlDispatcher) -> None:
        """Register the route."""
        router.add_get(PATH, self.page, name="said-did")

    async def page(self, request: web.Request) -> web.StreamResponse:
        """The list (or a kind line when nothing is shared yet)."""
        context = self.context
        visit = context.visits.get(request.cookies.get(SURVEY_COOKIE), context.now())
        language = visit.language if visit is not None else context.language(request)
        w = phone_words(language)
        return context.pages.render(
            "said_did.html",
            language=language,
            title=w(TITLE),
            cards=context.said_did(),
            you_said=w(YOU_SAID),
            back=visit is not None,
        )
