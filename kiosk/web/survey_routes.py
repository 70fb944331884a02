"""The participant's survey on a phone: handoff link, consent, questions, review, Send.

Everything lives in a ``Visit`` in memory, found by the phone's ``survey`` cookie.
The survey core (``SurveySession``) decides what comes next, exactly as on the
kiosk; these handlers only read forms, call it, and show where the person is.
Nothing is written until Send, and then it goes through ``send_response`` with
channel ``"phone"``, sealed like every other response, marked with the language the
person chose (``?lang=`` on the handoff link, or a language link on the first page).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from aiohttp import web

from kiosk.web import wording
from kiosk.web.codes import normalise_code
from kiosk.web.context import SURVEY_COOKIE, PhoneContext
from kiosk.web.forms import raw_answer
from kiosk.web.page_language import LANG_COOKIE, asked_for, phone_words, problem_words
from kiosk.web.pages import redirect
from kiosk.web.state import Claim, Handoff, Visit
from kiosk.web.survey_pages import SurveyPages
from surveys.consent import give_consent
from surveys.errors import AnswerError
from surveys.model import Survey
from surveys.sending import record_decline, send_response
from surveys.session import Stage, SurveySession
from surveys.survey_translations import in_language

Form = dict[str, list[str]]
"""A posted form: each field's values."""
Change = Callable[[Visit, Form], Awaitable[web.StreamResponse]]
"""What a POST does to a visit, once it holds the visit's lock."""

_PAGES = {
    Stage.CONSENT: "/s/consent",
    Stage.QUESTION: "/s/question",
    Stage.REVIEW: "/s/review",
}


class SurveyRoutes:
    """Handlers for ``/h/{code}`` and ``/s/…``."""

    def __init__(
        self,
        context: PhoneContext,
        survey: Survey,
        on_claim: Callable[[Handoff], None] | None = None,
    ) -> None:
        self.context = context
        self.survey = survey
        self.on_claim = on_claim
        self.show = SurveyPages(context, survey)
        self._locks: dict[str, asyncio.Lock] = {}

    def add_to(self, router: web.UrlDispatcher) -> None:
        """Register the routes."""
        router.add_get("/h/{code}", self.open_handoff, name="handoff")
        router.add_get("/s", self.where_am_i, name="survey")
        router.add_get("/s/consent", self.consent_page, name="consent")
        router.add_post("/s/consent", self.consent_post)
        router.add_get("/s/question", self.question_page, name="question")
        router.add_post("/s/question", self.question_post)
        router.add_get("/s/review", self.review_page, name="review")
        router.add_post("/s/review", self.review_post)
        router.add_get("/s/stop", self.stop_page, name="stop")
        router.add_post("/s/stop", self.stop_post)

    # -- helpers ---------------------------------------------------------------------

    def _visit(self, request: web.Request) -> Visit | None:
        return self.context.visits.get(request.cookies.get(SURVEY_COOKIE), self.context.now())

    def _flow(self, language: str) -> SurveySession:
        """A fresh survey flow with the survey as a speaker of ``language`` sees it."""
        return SurveySession(in_language(self.survey, language))

    def _finished(self, request: web.Request) -> web.Response:
        response = self.context.pages.message(
            wording.SURVEY_FINISHED, language=self.context.language(request), status=410
        )
        self.context.clear_cookie(response, SURVEY_COOKIE)
        return response

    def _lock(self, visit: Visit) -> asyncio.Lock:
        # One change at a time per visit: a double-tapped Send sends once.
        lock = self._locks.get(visit.id)
        if lock is None:
            if len(self._locks) > 2 * self.context.settings.max_visits:
                for gone in [v for v in self._locks if v not in self.context.visits]:
                    del self._locks[gone]
            lock = self._locks[visit.id] = asyncio.Lock()
        return lock

    def _end(self, visit: Visit) -> None:
        self.context.visits.forget(visit.id)
        self._locks.pop(visit.id, None)

    def _forbidden(self, visit: Visit) -> web.Response:
        return self.context.pages.message(wording.OUT_OF_DATE, language=visit.language, status=403)

    async def _locked_visit(
        self, request: web.Request, stage: Stage | None, change: Change
    ) -> web.StreamResponse:
        """How every POST starts: read the form, check its token, take the visit's lock,
        then (for a ``stage``) check the visit still exists and is still on that stage.
        Only then does ``change`` run, still holding the lock; otherwise the page to
        show instead (finished, out of date, or where the person really is)."""
        visit = self._visit(request)
        if visit is None:
            return self._finished(request)
        fields = await self.context.read_form(request)
        if not self.context.same(visit.csrf, self.context.one(fields, "csrf")):
            return self._forbidden(visit)
        async with self._lock(visit):
            if stage is not None:
                if self._visit(request) is None:
                    return self._finished(request)
                if visit.flow.stage is not stage:
                    return redirect("/s")
            return await change(visit, fields)

    # -- the handoff link ------------------------------------------------------------

    async def open_handoff(self, request: web.Request) -> web.StreamResponse:
        """The first page load claims the code for this phone; any other phone is told
        kindly that the code has expired."""
        context = self.context
        code = normalise_code(request.match_info["code"])
        if request.method == "HEAD":
            # A link preview must not use up a one-time code.
            return web.Response(status=200, content_type="text/html")
        visit = self._visit(request)
        claim = (
            Claim.GONE
            if code is None
            else context.handoffs.claim(code, visit.id if visit else None, context.now())
        )
        if claim is Claim.SAME_PHONE:
            return redirect("/s")
        language = context.language(request)
        if claim is Claim.GONE or code is None:
            return context.pages.message(wording.CODE_EXPIRED, language=language, status=404)
        if visit is not None:
            self._end(visit)  # a new code starts a new survey
        visit = Visit(
            id=context.tokens.token(),
            flow=self._flow(language),
            csrf=context.tokens.token(),
            last_seen=context.now(),
            language=language,
        )
        context.visits.add(visit)
        context.handoffs.bind(code, visit.id)
        response = redirect("/s/consent")
        context.set_cookie(response, SURVEY_COOKIE, visit.id)
        context.set_cookie(response, LANG_COOKIE, language)
        if self.on_claim is not None:
            for_kiosk = context.handoffs.get(code)
            if for_kiosk is not None:
                try:
                    self.on_claim(for_kiosk)
                except Exception as error:  # the kiosk's trouble must not reach the phone
                    context.report(error, "phone handoff claim listener")
        return response

    async def where_am_i(self, request: web.Request) -> web.StreamResponse:
        """Send the phone to the page for where the person is."""
        visit = self._visit(request)
        if visit is None:
            return self._finished(request)
        return redirect(_PAGES.get(visit.flow.stage, "/s/consent"))

    def _on_stage(self, request: web.Request, stage: Stage) -> Visit | web.Response:
        visit = self._visit(request)
        if visit is None:
            return self._finished(request)
        if visit.flow.stage is not stage:
            return redirect("/s")
        return visit

    # -- consent ---------------------------------------------------------------------

    async def consent_page(self, request: web.Request) -> web.StreamResponse:
        """The consent text, the optional ticks (none ticked) and the two choices; with
        ``?lang=`` (the links to the survey's other languages) in that language."""
        found = self._on_stage(request, Stage.CONSENT)
        if isinstance(found, web.Response):
            return found
        chosen = asked_for(request, self.context.languages)
        if chosen is not None and chosen != found.language:
            # Nothing is answered before consent, so the visit starts again in the
            # language chosen.
            found.language = chosen
            found.flow = self._flow(chosen)
        return self.show.consent(found)

    async def consent_post(self, request: web.Request) -> web.StreamResponse:
        """ "Yes, I agree" (with ticks) starts the questions; "No thanks" keeps nothing."""
        return await self._locked_visit(request, Stage.CONSENT, self._consent)

    async def _consent(self, visit: Visit, fields: Form) -> web.StreamResponse:
        offered = {tick.id for tick in self.survey.consent.ticks}
        ticked = frozenset(fields.get("tick", ())) & offered
        choice = self.context.one(fields, "choice")
        if choice == "agree":
            visit.flow.agree(ticked)
            # The consent record names the words the person read: the consent text in
            # the page's language, even where the survey itself has no translation.
            visit.flow.consent = give_consent(visit.flow.survey.consent, ticked, visit.language)
            return redirect("/s")
        if choice != "decline":
            problem = phone_words(visit.language)(wording.CHOOSE_CONSENT)
            return self.show.consent(visit, problem=problem, ticked=ticked, status=422)
        survey = visit.flow.survey
        visit.flow.decline()
        self._end(visit)
        if self.context.store is not None:
            try:
                await self.context.blocking(
                    record_decline,
                    self.context.store,
                    self.context.session,
                    self.context.audit,
                )
            except Exception as error:  # a lost count must not trouble the person
                self.context.report(error, "phone decline count")
        response = self.show.declined(survey, visit.language)
        self.context.clear_cookie(response, SURVEY_COOKIE)
        return response

    # -- questions -------------------------------------------------------------------

    async def question_page(self, request: web.Request) -> web.StreamResponse:
        """The question the person is on, with any answer they already gave."""
        found = self._on_stage(request, Stage.QUESTION)
        return found if isinstance(found, web.Response) else self.show.question(found)

    async def question_post(self, request: web.Request) -> web.StreamResponse:
        """Next (answer), Skip, Back or Stop."""
        return await self._locked_visit(request, Stage.QUESTION, self._question)

    async def _question(self, visit: Visit, fields: Form) -> web.StreamResponse:
        flow = visit.flow
        if self.context.one(fields, "question") != flow.current.id:
            return redirect("/s")  # an old page: show where they really are
        action = self.context.one(fields, "action")
        question = flow.current
        try:
            if action == "next":
                if question.asks:
                    flow.answer(raw_answer(question, fields))
                else:
                    flow.next()
            elif action == "skip":
                flow.skip()
            elif action == "back":
                if flow.can_go_back:
                    flow.back()
            elif action == "stop":
                return redirect("/s/stop")
        except AnswerError as error:
            problem = problem_words(error, phone_words(visit.language))
            return self.show.question(visit, problem=problem, fields=fields, status=422)
        return redirect("/s")

    # -- review and send -------------------------------------------------------------

    async def review_page(self, request: web.Request) -> web.StreamResponse:
        """ "Check your answers", each with a Change button, then Send."""
        found = self._on_stage(request, Stage.REVIEW)
        return found if isinstance(found, web.Response) else self.show.review(found)

    async def review_post(self, request: web.Request) -> web.StreamResponse:
        """Send, Change one answer, Back or Stop."""
        return await self._locked_visit(request, Stage.REVIEW, self._review)

    async def _review(self, visit: Visit, fields: Form) -> web.StreamResponse:
        flow = visit.flow
        change = self.context.one(fields, "change")
        action = self.context.one(fields, "action")
        if change is not None:
            # A question not on this person's list changes nothing: stay on the review.
            with contextlib.suppress(KeyError):
                flow.change(change)
            return redirect("/s")
        if action == "back":
            flow.back()
        elif action == "stop":
            return redirect("/s/stop")
        elif action == "send":
            return await self._send(visit)
        return redirect("/s")

    async def _send(self, visit: Visit) -> web.Response:
        context = self.context
        try:
            # The language this person chose, sealed with the answers (counted only).
            completed = visit.flow.complete().with_language(visit.language)
        except AnswerError as error:
            problem = problem_words(error, phone_words(visit.language))
            return self.show.review(visit, problem=problem, status=422)
        assert context.sealer is not None
        assert context.store is not None
        try:
            receipt = await context.blocking(
                send_response,
                completed,
                sealer=context.sealer,
                store=context.store,
                session=context.session,
                channel="phone",
                audit=context.audit,
            )
        except OSError as error:
            context.report(error, "phone send")
            return context.pages.message(wording.NOT_SENT, language=visit.language, status=503)
        survey = visit.flow.survey
        visit.flow.mark_sent()
        self._end(visit)
        response = self.show.receipt(receipt.code, survey, visit.language)
        context.clear_cookie(response, SURVEY_COOKIE)
        return response

    # -- stop ------------------------------------------------------------------------

    async def stop_page(self, request: web.Request) -> web.StreamResponse:
        """ "Do you want to stop?" — stopping deletes everything given so far."""
        visit = self._visit(request)
        if visit is None:
            return self._finished(request)
        return self.show.stop(visit)

    async def stop_post(self, request: web.Request) -> web.StreamResponse:
        """Stop and delete, or carry on (from any stage)."""
        return await self._locked_visit(request, None, self._stop)

    async def _stop(self, visit: Visit, fields: Form) -> web.StreamResponse:
        if self.context.one(fields, "choice") != "stop":
            return redirect("/s")
        visit.flow.stop()
        self._end(visit)
        response = self.context.pages.message(wording.STOPPED, language=visit.language)
        self.context.clear_cookie(response, SURVEY_COOKIE)
        return response
