"""Live polls on phones: join with the session's code, see the open poll, vote once.

A phone is a random cookie, nothing more. Which phone voted in which poll is kept
in memory as a keyed hash next to the poll id — never next to the vote — only so
the same phone can't vote twice. The vote itself goes into the same anonymous
tally as votes on the tablet (``TallyStore.cast``).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import replace

from aiohttp import web

from accessibility.glossary import glossary_for
from kiosk.web import wording
from kiosk.web.codes import normalise_code
from kiosk.web.context import GROUP_COOKIE, JOINED_COOKIE, PHONE_COOKIE, PhoneContext
from kiosk.web.forms import raw_answer
from kiosk.web.middleware import Handler
from kiosk.web.page_language import LanguageLink, phone_languages, phone_words, problem_words
from kiosk.web.pages import redirect
from kiosk.web.views import question_view
from kiosk.web.votes import VoteBox
from surveys import groups
from surveys.catalogues import N_, Words
from surveys.errors import AnswerError
from surveys.kinds import check_answer
from surveys.model import Question
from surveys.polls import (
    AlreadyVotedError,
    PollClosedError,
    PollStatus,
    RoomFullError,
    Tally,
    room_is_full,
)

ROOM_FULL = wording.Message(
    N_("This room is full"),
    (
        N_("This room is full — please ask the facilitator."),
        N_(
            "Your vote wasn't counted. That's not your fault: more phones tried to vote "
            "than there are people here."
        ),
    ),
    N_("See what is open now"),
    "/vote",
)
"""When the room's headcount (or the voter's group's) is reached."""


GROUP_WORDS = {
    "lived": N_("Someone with lived experience"),
    "carer": N_("A family member, carer or supporter"),
    "clinician": N_("A clinician or health professional"),
    "peer": N_("A peer support worker"),
    "third_sector": N_("Someone from a charity or voluntary group (third sector)"),
    "government": N_("Someone from government or a commissioner"),
    "other": N_("Other"),
    groups.NOT_SAID: N_("Prefer not to say"),
}
"""The phone's words for each group (the same English as ``surveys.groups``, which a
test checks), so a voter reads them in the page's language."""


def group_choices(w: Words) -> tuple[dict[str, str], ...]:
    """The optional "Which group are you in?" choices, in the page's language."""
    ids = (*(group.id for group in groups.GROUPS), groups.NOT_SAID)
    return tuple(
        {"id": group_id, "label": w(GROUP_WORDS.get(group_id, groups.label(group_id)))}
        for group_id in ids
    )


def poll_language_links(context: PhoneContext, language: str) -> tuple[LanguageLink, ...]:
    """The phone pages' other languages, by their own names, on the waiting and
    voting pages (a poll's own words are the facilitator's)."""
    return context.language_links(phone_languages(), language, "/vote")


class PollRoutes:
    """Handlers for ``/j/{code}`` and ``/vote``."""

    def __init__(self, context: PhoneContext) -> None:
        self.context = context
        self.glossary = glossary_for()
        """The built-in glossary, for "What does this mean?" under each poll."""
        self._stamp: object = object()
        self._open: Question | None = None
        self._ballot_key: bytes | None = None
        self._marks: frozenset[str] = frozenset()
        """The open poll's vote marks as stored (read with it, when the tallies change)."""
        self._box = (
            VoteBox(context.tallies, context.session, context.blocking)
            if context.tallies is not None
            else None
        )

    def add_to(self, router: web.UrlDispatcher, page: Handler | None = None) -> None:
        """Register the routes; ``page`` shows ``/vote`` instead of ``vote_page`` (in a
        session plan, where a poll is one stage among others)."""
        router.add_get("/j/{code}", self.join, name="join")
        router.add_get("/vote", page or self.vote_page, name="vote")
        router.add_post("/vote", self.vote_post)

    # -- the open poll ---------------------------------------------------------------

    def open_poll(self) -> Question | None:
        """The poll the facilitator has open now, or None (re-read only when the tallies
        change, so waiting phones cost a file ``stat`` each)."""
        tallies = self.context.tallies
        if tallies is None:
            return None
        stamp = tallies.stamp(self.context.session.id)
        if stamp is None or stamp != self._stamp:
            found = tallies.tallies(self.context.session.id)
            self._open = self._find_open(found)
            tally = found.get(self._open.id) if self._open is not None else None
            self._marks = frozenset(tally.markers) if tally is not None else frozenset()
            self._stamp = stamp
        return self._open

    async def _turned_away(self, poll: Question) -> bool:
        """True (and counted, so the console warns) when the open poll already has a
        vote from everyone the room holds."""
        tallies = self.context.tallies
        if tallies is None:
            return False
        session = self.context.session
        full: list[bool] = []

        def check(tally: Tally) -> None:
            room = tallies.room(session.id)
            if room is not None and tally.status is PollStatus.OPEN and room_is_full(tally, room):
                tally.turned_away += 1
                full.append(True)

        await self.context.blocking(tallies.change, session, poll.id, check)
        return bool(full)

    def _find_open(self, tallies: Mapping[str, Tally]) -> Question | None:
        for poll in self.context.polls:
            tally = tallies.get(poll.id)
            if tally is not None and tally.status is PollStatus.OPEN:
                return poll
        return None

    # -- identity --------------------------------------------------------------------

    def joined_phone(self, request: web.Request) -> str | None:
        """This phone's id when it came in through the join code, else None."""
        phone = request.cookies.get(PHONE_COOKIE)
        proof = request.cookies.get(JOINED_COOKIE)
        if not phone or not self.context.same(self.context.sign("joined", phone), proof):
            return None
        return phone

    def voter(self, phone: str) -> str:
        """This phone's key in the server's memory of who voted (a keyed hash)."""
        return self.context.sign("vote", phone)

    async def marker(self, poll_id: str, phone: str) -> str:
        """This phone's mark on this poll, kept with the session (survives a restart).

        A keyed hash of the phone's random cookie and the poll: different in every
        poll, so marks can't be matched up across polls, and never next to a vote.
        """
        if self._ballot_key is None:
            tallies = self.context.tallies
            assert tallies is not None
            key = await self.context.blocking(tallies.ballot_key, self.context.session)
            self._ballot_key = bytes.fromhex(str(key))
        message = f"{poll_id}\n{phone}".encode()
        return hmac.new(self._ballot_key, message, hashlib.sha256).hexdigest()[:32]

    # -- pages -----------------------------------------------------------------------

    async def join(self, request: web.Request) -> web.StreamResponse:
        """The join link (or typed code): mark this phone as in the room, then vote."""
        context = self.context
        code = normalise_code(request.match_info["code"])
        language = context.language(request)
        if code is None or not context.joinable or not context.same(context.join_code, code):
            return context.pages.message(wording.CODE_EXPIRED, language=language, status=404)
        phone, new = context.phone_id(request)
        poll = self.open_poll()
        if new and poll is not None and await self._turned_away(poll):
            # A new phone when everyone here has voted: more phones than people.
            return context.pages.message(ROOM_FULL, language=language, status=409)
        response = redirect("/vote")
        if new:
            context.set_cookie(response, PHONE_COOKIE, phone)
        context.set_cookie(response, JOINED_COOKIE, context.sign("joined", phone))
        return response

    def _wait(self, language: str, heading: str, paragraphs: tuple[str, ...]) -> web.Response:
        """A calm waiting page; ``heading`` and ``paragraphs`` are English, marked with
        ``N_``, and shown in ``language``."""
        w = phone_words(language)
        return self.context.pages.render(
            "vote_wait.html",
            language=language,
            languages=poll_language_links(self.context, language),
            title=w(heading),
            heading=w(heading),
            paragraphs=tuple(w(p) for p in paragraphs),
        )

    def _form(
        self,
        request: web.Request,
        phone: str,
        poll: Question,
        *,
        problem: str = "",
        fields: dict[str, list[str]] | None = None,
        status: int = 200,
    ) -> web.Response:
        chosen = None
        if fields is not None:
            chosen = self.context.one(fields, "group")
        if chosen is None:
            chosen = request.cookies.get(GROUP_COOKIE)
        language = self.context.language(request)
        w = phone_words(language)
        return self.context.pages.render(
            "vote.html",
            language=language,
            languages=poll_language_links(self.context, language),
            title=w(N_("Live question: {question}"), question=poll.text[:60]),
            status=status,
            problem=problem,
            q=question_view(poll, fields=fields, glossary=self.glossary, words=w),
            groups=group_choices(w),
            chosen_group=chosen or "",
            csrf=self.context.sign("csrf", phone),
        )

    async def vote_page(self, request: web.Request) -> web.StreamResponse:
        """The open poll, or a calm page that waits for the next one."""
        language = self.context.language(request)
        phone = self.joined_phone(request)
        if phone is None:
            return self.context.pages.message(wording.NOT_JOINED, language=language, status=403)
        poll = self.open_poll()
        if poll is None:
            return self._wait(
                language,
                N_("Please wait"),
                (N_("Please wait for the facilitator to open a question."),),
            )
        voter = self.voter(phone)
        if (
            not self.context.ballots.has_voted(poll.id, voter)
            and self._marks
            and await self.marker(poll.id, phone) in self._marks
        ):
            # Voted before the console restarted: its mark is kept with the session.
            self.context.ballots.take(poll.id, voter)
        if self.context.ballots.has_voted(poll.id, voter):
            return self._wait(
                language,
                N_("Thank you, your vote is in"),
                (
                    N_("Thank you. Your vote has been counted."),
                    N_("Results will be shown on the screen."),
                ),
            )
        return self._form(request, phone, poll)

    async def vote_post(self, request: web.Request) -> web.StreamResponse:
        """Count one vote for this phone in the open poll, once."""
        context = self.context
        language = context.language(request)
        phone = self.joined_phone(request)
        if phone is None:
            return context.pages.message(wording.NOT_JOINED, language=language, status=403)
        fields = await context.read_form(request)
        if not context.same(context.sign("csrf", phone), context.one(fields, "csrf")):
            return context.pages.message(wording.OUT_OF_DATE, language=language, status=403)
        poll = self.open_poll()
        if poll is None or context.one(fields, "poll") != poll.id:
            return redirect("/vote")  # that poll has closed: show what is open now
        group = context.one(fields, "group") or groups.NOT_SAID
        if group not in groups.BY_ID:
            group = groups.NOT_SAID
        try:
            # The vote page has no Skip (a vote is sent or not), so no message offers it.
            asked = replace(poll, required=True)
            raw = raw_answer(asked, fields)
            check_answer(asked, raw)
        except AnswerError as error:
            problem = problem_words(error, phone_words(language))
            return self._form(request, phone, poll, problem=problem, fields=fields, status=422)
        voter = self.voter(phone)
        if not context.ballots.take(poll.id, voter):
            return redirect("/vote")  # already counted: the thank-you page says so
        assert self._box is not None  # open_poll found a poll, so there are tallies
        try:
            await self._box.cast(poll, raw, group, await self.marker(poll.id, phone))
        except AlreadyVotedError:
            return redirect("/vote")  # counted before a restart: the mark stays
        except RoomFullError:
            context.ballots.give_back(poll.id, voter)
            return context.pages.message(ROOM_FULL, language=language, status=409)
        except PollClosedError:
            # Closed while this vote waited for the disk: not counted, and no blame.
            context.ballots.give_back(poll.id, voter)
            return context.pages.message(wording.VOTE_TOO_LATE, language=language, status=409)
        except (AnswerError, OSError) as error:
            context.ballots.give_back(poll.id, voter)
            context.report(error, "phone vote")
            return context.pages.message(wording.VOTE_NOT_COUNTED, language=language, status=503)
        except Exception:
            # Anything else: not counted, so the phone may try again (the error page
            # follows). A cancelled request keeps its mark: the storage thread may
            # still count that vote, and a vote must never count twice.
            context.ballots.give_back(poll.id, voter)
            raise
        response = redirect("/vote")
        context.set_cookie(response, GROUP_COOKIE, group)
        return response
