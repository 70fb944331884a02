"""A focus group on phones: write ideas, then rank them in secret, with no script.

The console runs the plan and keeps the stage now beside the session
(``TinyDbPlanStore.now``); this page only reads it and follows. ``/vote`` (where
the join link and every "Check again" lead) shows what the stage asks for:

- an ``ideas`` stage taking ideas: the prompt, a large box and "Send my idea",
  through ``FocusGroup.add`` (the shared scrubber, the moderation queue). After
  sending: "Thank you — your idea is in. You can write another." The idea is never
  shown back with an id, and nobody else's ideas are shown;
- a ``rank`` stage taking votes: the ideas as the room sees them (masked words;
  a combined idea says what it brings together) and a plain form: a drop-down
  list per place for a top-k ranking, a number box per idea for dots. The ballot
  goes through ``FocusGroup.cast`` with this phone's mark (a keyed hash of its
  cookie and the round, as for polls), so one phone ranks once, even after a
  restart. Afterwards: "Thank you — your choices are in";
- a ``poll`` stage, or no plan: the live poll page (``PollRoutes``);
- any other stage: "Please look at the screen", its title, and "Check again".

The phone's stakeholder group (the optional question, remembered in the group
cookie as for polls) is passed only as the group. No idea text or ballot is ever
logged: problems go to the reporter as error type and place only.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field

from aiohttp import web

from kiosk.web import wording
from kiosk.web.context import GROUP_COOKIE, PhoneContext
from kiosk.web.focus_box import FocusBox, WritingClosedError
from kiosk.web.focus_views import IDEA_FIELD, ballot_from, rank_view
from kiosk.web.forms import Fields
from kiosk.web.page_language import phone_words, problem_words
from kiosk.web.pages import redirect, translated
from kiosk.web.poll_routes import ROOM_FULL, PollRoutes, group_choices, poll_language_links
from surveys import groups
from surveys.catalogues import N_
from surveys.focus_group import FocusGroup
from surveys.idea_ranking import BallotError, RankTally
from surveys.ideas import MOST_WORDS, IdeaError, IdeaPool
from surveys.plan_model import StageKind
from surveys.plan_record import StageNow
from surveys.polls import AlreadyVotedError, PollClosedError, PollStatus, RoomFullError
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_session_files import SessionFiles


@dataclass(frozen=True, slots=True)
class _Ranking:
    """A rank stage's round and the idea pool, as last read."""

    tally: RankTally
    pool: IdeaPool


@dataclass(slots=True)
class _Sending:
    """One phone's idea on its way to the disk, so a double tap doesn't send it twice."""

    words: str
    settled: asyncio.Event = field(default_factory=asyncio.Event)
    kept: bool = False


class FocusRoutes:
    """Handlers for ``/vote`` (in a plan), ``/idea``, ``/idea-sent`` and ``/rank``."""

    def __init__(
        self, context: PhoneContext, polls: PollRoutes, focus: FocusGroup, plans: TinyDbPlanStore
    ) -> None:
        self.context = context
        self.polls = polls
        self.focus = focus
        self.plans = plans
        self._files = SessionFiles(plans.root)
        self._box = FocusBox(focus, plans, context.tallies, context.blocking)
        self._stage_stamp: object = object()
        self._stage: StageNow | None = None
        self._ranking_stamp: object = object()
        self._ranking: _Ranking | None = None
        self._sending: dict[tuple[str, str], asyncio.Event] = {}
        """Ballots on their way to the disk, by round and phone."""
        self._writing: dict[str, _Sending] = {}
        """Each phone's idea on its way to the disk (for a moment, in memory only)."""

    def add_to(self, router: web.UrlDispatcher) -> None:
        """Register the routes (``/vote`` itself is registered by the server with
        ``page`` as its handler)."""
        router.add_post("/idea", self.idea_post)
        router.add_get("/idea-sent", self.idea_sent)
        router.add_post("/rank", self.rank_post)

    # -- the stage now -----------------------------------------------------------------

    def _stamp(self) -> object:
        """The session file's change time, size and inode: one ``stat``."""
        try:
            info = os.stat(self._files.session_path(self.context.session.id))
        except FileNotFoundError:
            return None
        return (info.st_ctime_ns, info.st_size, info.st_ino)

    def stage(self) -> StageNow | None:
        """The stage now, re-read only when the session file changed: a waiting
        phone costs one ``stat``."""
        stamp = self._stamp()
        if stamp is None or stamp != self._stage_stamp:
            self._stage = self.plans.now(self.context.session.id)
            self._stage_stamp = stamp
        return self._stage

    def ranking(self, stage: StageNow) -> _Ranking:
        """The rank stage's round and the pool (read only for a page that shows them)."""
        stamp = self._stamp()
        known = self._ranking
        if (
            stamp is None
            or stamp != self._ranking_stamp
            or known is None
            or known.tally.round_id != stage.round_id
        ):
            known = _Ranking(self.focus.round(stage.round_id), self.focus.pool)
            self._ranking, self._ranking_stamp = known, stamp
        return known

    # -- pages ---------------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.StreamResponse:
        """``/vote`` in a plan: what the stage now asks of a phone."""
        language = self.context.language(request)
        phone = self.polls.joined_phone(request)
        if phone is None:
            return self.context.pages.message(wording.NOT_JOINED, language=language, status=403)
        stage = self.stage()
        if stage is None or stage.kind is StageKind.POLL:
            return await self.polls.vote_page(request)
        if stage.accepts(StageKind.IDEAS):
            return self._idea_form(request, phone, stage)
        if stage.accepts(StageKind.RANK):
            return await self._rank_page(request, phone, stage)
        w = phone_words(language)
        return self._wait(
            request,
            wording.LOOK_AT_SCREEN,
            (w(N_("Now: {stage}"), stage=stage.title), w(wording.NOTHING_ON_PHONE)),
        )

    def _wait(
        self, request: web.Request, heading: str, paragraphs: tuple[str, ...]
    ) -> web.Response:
        """A calm waiting page: ``heading`` and ``paragraphs`` are English (marked with
        ``N_``) or already in the page's language, and are shown in it."""
        language = self.context.language(request)
        w = phone_words(language)
        return self.context.pages.render(
            "vote_wait.html",
            language=language,
            languages=poll_language_links(self.context, language),
            title=w(heading),
            heading=w(heading),
            paragraphs=tuple(w(p) for p in paragraphs),
            note=w(wording.MOVE_ON_NOTE),
        )

    @staticmethod
    def _group(request: web.Request, fields: Fields | None) -> str:
        """The group to show as chosen: as sent with the form, else as remembered."""
        sent = fields.get("group", ()) if fields is not None else ()
        chosen = sent[0] if len(sent) == 1 else None
        return chosen or request.cookies.get(GROUP_COOKIE) or ""

    @staticmethod
    def _sent_group(context: PhoneContext, fields: dict[str, list[str]]) -> str:
        group = context.one(fields, "group") or groups.NOT_SAID
        return group if group in groups.BY_ID else groups.NOT_SAID

    # -- ideas -----------------------------------------------------------------------------

    def _idea_form(
        self,
        request: web.Request,
        phone: str,
        stage: StageNow,
        *,
        thanks: bool = False,
        typed: str = "",
        problem: str = "",
        fields: Fields | None = None,
        status: int = 200,
    ) -> web.Response:
        language = self.context.language(request)
        w = phone_words(language)
        title = w(wording.IDEA_THANKS)
        if not thanks:
            title = w(N_("Your idea: {stage}"), stage=stage.title)
        return self.context.pages.render(
            "idea.html",
            language=language,
            title=title,
            status=status,
            problem=problem,
            thanks=thanks,
            thanks_heading=w(wording.IDEA_THANKS),
            another=w(wording.IDEA_ANOTHER),
            prompt=stage.prompt or stage.title,
            typed=typed,
            most=MOST_WORDS,
            groups=group_choices(w),
            chosen_group=self._group(request, fields),
            csrf=self.context.sign("csrf", phone),
        )

    async def _checked_form(
        self, request: web.Request
    ) -> tuple[str, dict[str, list[str]]] | web.Response:
        """The joined phone and its form, or the page saying why the form can't count
        (not joined: 403; an old or missing form token: 403)."""
        context = self.context
        language = context.language(request)
        phone = self.polls.joined_phone(request)
        if phone is None:
            return context.pages.message(wording.NOT_JOINED, language=language, status=403)
        fields = await context.read_form(request)
        if not context.same(context.sign("csrf", phone), context.one(fields, "csrf")):
            return context.pages.message(wording.OUT_OF_DATE, language=language, status=403)
        return phone, fields

    async def idea_post(self, request: web.Request) -> web.StreamResponse:
        """Send one idea into the moderation queue, then say thank you."""
        context = self.context
        sent = await self._checked_form(request)
        if isinstance(sent, web.Response):
            return sent
        phone, fields = sent
        language = context.language(request)
        w = phone_words(language)
        typed = context.one(fields, IDEA_FIELD) or ""
        group = self._sent_group(context, fields)
        problem = w(wording.IDEA_EMPTY)
        voter = self.polls.voter(phone)
        earlier = self._writing.get(voter)
        if earlier is not None and earlier.words == typed:
            # A double tap: the same words from this phone are on their way already.
            await earlier.settled.wait()
            return redirect("/idea-sent" if earlier.kept else "/vote")
        if typed.strip():
            sending = self._writing[voter] = _Sending(typed)
            try:
                # The stage is checked just before the write, on the storage thread.
                await self._box.add(typed, group)
            except IdeaError as error:
                problem = problem_words(error, w)
            except WritingClosedError:
                return self._writing_closed(typed, language)
            except OSError as error:
                context.report(error, "phone idea")
                return context.pages.message(wording.IDEA_NOT_SENT, language=language, status=503)
            else:
                sending.kept = True
                response = redirect("/idea-sent")
                context.set_cookie(response, GROUP_COOKIE, group)
                return response
            finally:
                sending.settled.set()
                if self._writing.get(voter) is sending:
                    del self._writing[voter]
        stage = self.stage()
        if stage is None or not stage.accepts(StageKind.IDEAS):
            return self._writing_closed(typed, language)
        # What was typed stays in the box.
        return self._idea_form(
            request, phone, stage, typed=typed, problem=problem, fields=fields, status=422
        )

    def _writing_closed(self, typed: str, language: str) -> web.Response:
        """Writing time is over: nothing kept, and what was typed shown to keep."""
        message = translated(wording.WRITING_CLOSED, phone_words(language))
        return self.context.pages.render(
            "idea_closed.html",
            language=language,
            title=message.title,
            status=409,
            message=message,
            typed=typed,
        )

    async def idea_sent(self, request: web.Request) -> web.StreamResponse:
        """ "Thank you — your idea is in", and the box again for another."""
        phone = self.polls.joined_phone(request)
        if phone is None:
            language = self.context.language(request)
            return self.context.pages.message(wording.NOT_JOINED, language=language, status=403)
        stage = self.stage()
        if stage is None or not stage.accepts(StageKind.IDEAS):
            return redirect("/vote")
        return self._idea_form(request, phone, stage, thanks=True)

    # -- ranking ---------------------------------------------------------------------------

    @staticmethod
    def _box_key(round_id: str) -> str:
        """The key of a round's marks, apart from any poll's."""
        return f"rank:{round_id}"

    async def _rank_page(
        self, request: web.Request, phone: str, stage: StageNow
    ) -> web.StreamResponse:
        ballots = self.context.ballots
        box, voter = self._box_key(stage.round_id), self.polls.voter(phone)
        if ballots.has_voted(box, voter):
            return self._wait(request, *wording.RANK_THANKS)
        ranking = self.ranking(stage)
        tally = ranking.tally
        if tally.markers and await self.polls.marker(box, phone) in tally.markers:
            # Ranked before the console restarted: its mark is kept with the session.
            ballots.take(box, voter)
            return self._wait(request, *wording.RANK_THANKS)
        if tally.status is PollStatus.WAITING:
            return self._wait(request, *wording.RANK_SOON)
        if tally.status is PollStatus.CLOSED:
            language = self.context.language(request)
            return self.context.pages.message(wording.RANK_CLOSED, language=language)
        return self._rank_form(request, phone, stage, ranking)

    def _rank_form(
        self,
        request: web.Request,
        phone: str,
        stage: StageNow,
        ranking: _Ranking,
        *,
        problem: str = "",
        fields: Fields | None = None,
        status: int = 200,
    ) -> web.Response:
        language = self.context.language(request)
        w = phone_words(language)
        return self.context.pages.render(
            "rank.html",
            language=language,
            title=w(N_("Your choices: {stage}"), stage=stage.title),
            status=status,
            problem=problem,
            prompt=stage.prompt or stage.title,
            view=rank_view(ranking.tally, ranking.pool, fields, w),
            groups=group_choices(w),
            chosen_group=self._group(request, fields),
            csrf=self.context.sign("csrf", phone),
        )

    async def rank_post(self, request: web.Request) -> web.StreamResponse:
        """Count this phone's ballot in the open round, once."""
        context = self.context
        sent = await self._checked_form(request)
        if isinstance(sent, web.Response):
            return sent
        phone, fields = sent
        language = context.language(request)
        # The stage and the round are checked just before the write, on the storage
        # thread, and the round again inside the store's lock.
        round_id = context.one(fields, "round") or ""
        group = self._sent_group(context, fields)
        ballot = ballot_from(fields)
        box, voter = self._box_key(round_id), self.polls.voter(phone)
        if not context.ballots.take(box, voter):
            # Already counted, or on its way (a double tap): once that one is settled,
            # the page says which — never "your choices are in" for a refused ballot.
            sending = self._sending.get((box, voter))
            if sending is not None:
                await sending.wait()
            return redirect("/vote")
        settled = self._sending[(box, voter)] = asyncio.Event()
        try:
            marker = await self.polls.marker(box, phone)
            await self._box.cast(round_id, ballot, group, marker)
        except BallotError as error:
            context.ballots.give_back(box, voter)
            stage = self.stage()
            if stage is None or not stage.accepts(StageKind.RANK) or stage.round_id != round_id:
                return context.pages.message(wording.RANK_TOO_LATE, language=language, status=409)
            ranking = self.ranking(stage)
            problem = problem_words(error, phone_words(language))
            return self._rank_form(
                request, phone, stage, ranking, problem=problem, fields=fields, status=422
            )
        except AlreadyVotedError:
            return redirect("/vote")  # counted before a restart: the mark stays
        except RoomFullError:
            context.ballots.give_back(box, voter)
            return context.pages.message(ROOM_FULL, language=language, status=409)
        except PollClosedError:
            # Closed while this ballot waited for the disk: not counted, and no blame.
            context.ballots.give_back(box, voter)
            return context.pages.message(wording.RANK_TOO_LATE, language=language, status=409)
        except OSError as error:
            context.ballots.give_back(box, voter)
            context.report(error, "phone ranking")
            return context.pages.message(wording.RANK_NOT_COUNTED, language=language, status=503)
        except Exception:
            # Anything else: not counted, so the phone may try again (the error page
            # follows). A cancelled request keeps its mark, as for a poll vote.
            context.ballots.give_back(box, voter)
            raise
        finally:
            settled.set()
            self._sending.pop((box, voter), None)
        response = redirect("/vote")
        context.set_cookie(response, GROUP_COOKIE, group)
        return response
