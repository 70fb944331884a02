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

import os
from dataclasses import dataclass

from aiohttp import web

from kiosk.web import wording
from kiosk.web.context import GROUP_COOKIE, PhoneContext
from kiosk.web.focus_views import GROUP_CHOICES, IDEA_FIELD, ballot_from, rank_view
from kiosk.web.forms import Fields
from kiosk.web.pages import redirect
from kiosk.web.poll_routes import ROOM_FULL, PollRoutes
from surveys import groups
from surveys.focus_group import FocusGroup
from surveys.idea_ranking import BallotError, RankTally
from surveys.ideas import MOST_WORDS, IdeaError, IdeaPool
from surveys.plan_model import StageKind
from surveys.plan_record import StageNow
from surveys.polls import AlreadyVotedError, PollClosedError, PollStatus, Room, RoomFullError
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore
from surveys.storage.tinydb_session_files import SessionFiles


@dataclass(frozen=True, slots=True)
class _Seen:
    """The plan's stage and, in a rank stage, its round and the pool, as last read."""

    stage: StageNow | None
    tally: RankTally | None = None
    pool: IdeaPool | None = None


def room_is_full(tally: RankTally, room: Room, group: str) -> bool:
    """True when one more ballot (from ``group``) would be more than the room holds:
    the same ceiling as a poll's (``surveys.polls.room_is_full``)."""
    if room.expected and tally.votes >= room.expected:
        return True
    if room.groups and group != groups.NOT_SAID:
        return tally.voters.get(group, 0) >= room.groups.get(group, 0)
    return False


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
        self._stamp: object = object()
        self._seen = _Seen(None)

    def add_to(self, router: web.UrlDispatcher) -> None:
        """Register the routes (``/vote`` itself is registered by the server with
        ``page`` as its handler)."""
        router.add_post("/idea", self.idea_post)
        router.add_get("/idea-sent", self.idea_sent)
        router.add_post("/rank", self.rank_post)

    # -- the stage now -----------------------------------------------------------------

    def seen(self) -> _Seen:
        """The stage now (and the round and pool in a rank stage), re-read only when
        the session file changed: a waiting phone costs one ``stat``."""
        session_id = self.context.session.id
        try:
            info = os.stat(self._files.session_path(session_id))
            stamp: object = (info.st_ctime_ns, info.st_size, info.st_ino)
        except FileNotFoundError:
            stamp = None
        if stamp is None or stamp != self._stamp:
            stage = self.plans.now(session_id)
            if stage is not None and stage.kind is StageKind.RANK:
                self._seen = _Seen(stage, self.focus.round(stage.round_id), self.focus.pool)
            else:
                self._seen = _Seen(stage)
            self._stamp = stamp
        return self._seen

    # -- pages ---------------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.StreamResponse:
        """``/vote`` in a plan: what the stage now asks of a phone."""
        phone = self.polls.joined_phone(request)
        if phone is None:
            return self.context.pages.message(wording.NOT_JOINED, status=403)
        stage = self.seen().stage
        if stage is None or stage.kind is StageKind.POLL:
            return await self.polls.vote_page(request)
        if stage.accepts(StageKind.IDEAS):
            return self._idea_form(request, phone, stage)
        if stage.accepts(StageKind.RANK):
            return await self._rank_page(request, phone, stage)
        return self._wait(wording.LOOK_AT_SCREEN, (f"Now: {stage.title}", wording.NOTHING_ON_PHONE))

    def _wait(self, heading: str, paragraphs: tuple[str, ...]) -> web.Response:
        return self.context.pages.render(
            "vote_wait.html",
            title=heading,
            heading=heading,
            paragraphs=paragraphs,
            note=wording.MOVE_ON_NOTE,
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
        return self.context.pages.render(
            "idea.html",
            title=wording.IDEA_THANKS if thanks else f"Your idea: {stage.title}"[:80],
            status=status,
            problem=problem,
            thanks=thanks,
            thanks_heading=wording.IDEA_THANKS,
            another=wording.IDEA_ANOTHER,
            prompt=stage.prompt or stage.title,
            typed=typed,
            most=MOST_WORDS,
            groups=GROUP_CHOICES,
            chosen_group=self._group(request, fields),
            csrf=self.context.sign("csrf", phone),
        )

    async def idea_post(self, request: web.Request) -> web.StreamResponse:
        """Send one idea into the moderation queue, then say thank you."""
        context = self.context
        phone = self.polls.joined_phone(request)
        if phone is None:
            return context.pages.message(wording.NOT_JOINED, status=403)
        fields = await context.read_form(request)
        if not context.same(context.sign("csrf", phone), context.one(fields, "csrf")):
            return context.pages.message(wording.OUT_OF_DATE, status=403)
        typed = context.one(fields, IDEA_FIELD) or ""
        stage = self.seen().stage
        if stage is None or not stage.accepts(StageKind.IDEAS):
            return context.pages.render(
                "idea_closed.html",
                title=wording.WRITING_CLOSED.title,
                status=409,
                message=wording.WRITING_CLOSED,
                typed=typed,
            )
        problem = wording.IDEA_EMPTY if not typed.strip() else ""
        group = self._sent_group(context, fields)
        if not problem:
            try:
                await context.blocking(self.focus.add, typed, group)
            except IdeaError as error:
                problem = error.message
            except OSError as error:
                context.report(error, "phone idea")
                return context.pages.message(wording.IDEA_NOT_SENT, status=503)
        if problem:  # what was typed stays in the box
            return self._idea_form(
                request, phone, stage, typed=typed, problem=problem, fields=fields, status=422
            )
        response = redirect("/idea-sent")
        context.set_cookie(response, GROUP_COOKIE, group)
        return response

    async def idea_sent(self, request: web.Request) -> web.StreamResponse:
        """ "Thank you — your idea is in", and the box again for another."""
        phone = self.polls.joined_phone(request)
        if phone is None:
            return self.context.pages.message(wording.NOT_JOINED, status=403)
        stage = self.seen().stage
        if stage is None or not stage.accepts(StageKind.IDEAS):
            return redirect("/vote")
        return self._idea_form(request, phone, stage, thanks=True)

    # -- ranking ---------------------------------------------------------------------------

    @staticmethod
    def _box(round_id: str) -> str:
        """The key of a round's marks, apart from any poll's."""
        return f"rank:{round_id}"

    async def _has_ranked(self, tally: RankTally, phone: str) -> bool:
        ballots = self.context.ballots
        box, voter = self._box(tally.round_id), self.polls.voter(phone)
        if ballots.has_voted(box, voter):
            return True
        if tally.markers and await self.polls.marker(box, phone) in tally.markers:
            # Ranked before the console restarted: its mark is kept with the session.
            ballots.take(box, voter)
            return True
        return False

    async def _rank_page(
        self, request: web.Request, phone: str, stage: StageNow
    ) -> web.StreamResponse:
        seen = self.seen()
        tally, pool = seen.tally, seen.pool
        if tally is None or pool is None or tally.status is PollStatus.WAITING:
            return self._wait(*wording.RANK_SOON)
        if await self._has_ranked(tally, phone):
            return self._wait(*wording.RANK_THANKS)
        if tally.status is PollStatus.CLOSED:
            return self.context.pages.message(wording.RANK_CLOSED)
        return self._rank_form(request, phone, stage, tally, pool)

    def _rank_form(
        self,
        request: web.Request,
        phone: str,
        stage: StageNow,
        tally: RankTally,
        pool: IdeaPool,
        *,
        problem: str = "",
        fields: Fields | None = None,
        status: int = 200,
    ) -> web.Response:
        return self.context.pages.render(
            "rank.html",
            title=f"Your choices: {stage.title}"[:80],
            status=status,
            problem=problem,
            prompt=stage.prompt or stage.title,
            view=rank_view(tally, pool, fields),
            groups=GROUP_CHOICES,
            chosen_group=self._group(request, fields),
            csrf=self.context.sign("csrf", phone),
        )

    def _cast(self, round_id: str, ballot: object, group: str, marker: str) -> None:
        """On the storage thread: the room's ceiling, then the ballot (all phones'
        ballots are cast one after another on this thread, so none slips past it)."""
        tallies = self.context.tallies
        room = tallies.room(self.context.session.id) if tallies is not None else None
        if room is not None:
            tally = self.focus.round(round_id)
            if (
                tally.status is PollStatus.OPEN
                and marker not in tally.markers
                and room_is_full(tally, room, group)
            ):
                raise RoomFullError
        self.focus.cast(round_id, ballot, group, marker=marker)

    async def rank_post(self, request: web.Request) -> web.StreamResponse:
        """Count this phone's ballot in the open round, once."""
        context = self.context
        phone = self.polls.joined_phone(request)
        if phone is None:
            return context.pages.message(wording.NOT_JOINED, status=403)
        fields = await context.read_form(request)
        if not context.same(context.sign("csrf", phone), context.one(fields, "csrf")):
            return context.pages.message(wording.OUT_OF_DATE, status=403)
        seen = self.seen()
        stage, tally, pool = seen.stage, seen.tally, seen.pool
        round_id = context.one(fields, "round")
        if (
            stage is None
            or not stage.accepts(StageKind.RANK)
            or round_id != stage.round_id
            or tally is None
            or pool is None
            or tally.status is PollStatus.CLOSED
        ):
            return context.pages.message(wording.RANK_TOO_LATE, status=409)
        if tally.status is not PollStatus.OPEN:
            return redirect("/vote")
        group = self._sent_group(context, fields)
        ballot = ballot_from(tally, fields)
        box, voter = self._box(round_id), self.polls.voter(phone)
        if not context.ballots.take(box, voter):
            return redirect("/vote")  # already counted: the thank-you page says so
        try:
            marker = await self.polls.marker(box, phone)
            await context.blocking(self._cast, round_id, ballot, group, marker)
        except BallotError as error:
            context.ballots.give_back(box, voter)
            return self._rank_form(
                request, phone, stage, tally, pool, problem=error.message, fields=fields, status=422
            )
        except AlreadyVotedError:
            return redirect("/vote")  # counted before a restart: the mark stays
        except RoomFullError:
            context.ballots.give_back(box, voter)
            return context.pages.message(ROOM_FULL, status=409)
        except PollClosedError:
            # Closed while this ballot waited for the disk: not counted, and no blame.
            context.ballots.give_back(box, voter)
            return context.pages.message(wording.RANK_TOO_LATE, status=409)
        except OSError as error:
            context.ballots.give_back(box, voter)
            context.report(error, "phone ranking")
            return context.pages.message(wording.RANK_NOT_COUNTED, status=503)
        except Exception:
            # Anything else: not counted, so the phone may try again (the error page
            # follows). A cancelled request keeps its mark, as for a poll vote.
            context.ballots.give_back(box, voter)
            raise
        response = redirect("/vote")
        context.set_cookie(response, GROUP_COOKIE, group)
        return response
