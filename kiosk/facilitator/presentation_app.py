"""The shared screen as its own read-only process (``kiosk facilitate … --present``).

It follows today's session for the same polls through the session file: every
quarter second it checks the store's stamp and redraws when something changed, and
every couple of seconds it looks for a newer session (the console may start one
after this screen was opened). It never writes anything.

When the session runs a plan (``kiosk facilitate PLAN.yaml``: the console keeps the
plan's outline and place with the session), it also reads the plan's place, the
ideas and the ranking rounds from the same file (``PlanView``) and shows the stage.
Given the plan itself (``plan=``), it follows only sessions of that plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType

from kiosk.base_app import KioskBaseApp
from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.facilitator.plan_view import PlanView
from kiosk.facilitator.screens.presentation_screen import PresentationScreen
from kiosk.messages import LiveChanged
from surveys import paths
from surveys.facilitation import SessionView, latest_session, recent_sessions
from surveys.plan_model import SessionPlan
from surveys.poll_files import PollSet
from surveys.storage.tallies import PollSession
from surveys.storage.tinydb_plan_progress import TinyDbPlanStore

POLL_SECONDS = 0.25
FIND_SECONDS = 2.0
"""How often to look for a newer session of the same polls."""
GIVE_UP = (
    "The shared screen had a problem and closed. It only shows the session, so nothing "
    "was changed. Please start it again."
)


class PresentationApp(KioskBaseApp, inherit_bindings=False):
    """The projector's view of the live session."""

    CSS_PATH = "facilitator.tcss"
    TITLE = "Live polls — shared screen"
    GIVE_UP = GIVE_UP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Close", show=False, priority=True),
    ]

    def __init__(
        self,
        services: FacilitatorServices,
        poll_sets: Sequence[PollSet],
        *,
        plan: SessionPlan | None = None,
        poll_seconds: float = POLL_SECONDS,
        find_seconds: float = FIND_SECONDS,
    ) -> None:
        super().__init__(services.problems)
        self.services = services
        self.session_plan = plan
        if plan is not None:
            poll_sets = [*poll_sets, plan_poll_set(plan)]
            self.title = f"{plan.title} — shared screen"
        self.poll_sets = {poll_set.id: poll_set for poll_set in poll_sets}
        self.poll_seconds = poll_seconds
        self.find_seconds = find_seconds
        self.view: SessionView | None = None
        self.plan: PlanView | None = None
        self._failing = False

    @property
    def plan_title(self) -> str | None:
        """The title of the plan this screen follows (None when it follows polls only)."""
        if self.session_plan is not None:
            return self.session_plan.title
        outline = None if self.plan is None else self.plan.outline
        return None if outline is None else outline.title

    def clock_now(self) -> dt.datetime:
        """The time now, for the stage's timer."""
        return self.services.clock.now()

    def on_mount(self) -> None:
        self._guarded("finding the session", self._find)
        self.push_screen(PresentationScreen())
        self.set_interval(self.poll_seconds, self._watch, name="live watch")
        self.set_interval(self.find_seconds, self._find_and_show, name="session finder")

    def _find(self) -> bool:
        """Follow the newest session for these polls; True when that changed."""
        if self.session_plan is not None:
            found = self._latest_of_plan(self.session_plan)
        else:
            found = latest_session(
                self.services.store, frozenset(self.poll_sets), self.services.today()
            )
        if found is None:
            return False
        view = self.view
        if view is not None and view.session.id == found.session.id:
            return False
        poll_set = self.poll_sets.get(found.poll_set)
        if poll_set is None and self.session_plan is not None:
            poll_set = plan_poll_set(self.session_plan)
        if poll_set is None:
            return False
        # Any session may run a plan (the console saves its outline with the session).
        plan = PlanView(self._sessions, found.session)
        self.view = SessionView(self.services.store, poll_set, found.session, found.room)
        self.plan = plan
        return True

    @property
    def _sessions(self) -> Path:
        return paths.sessions_dir(self.services.home)

    def _latest_of_plan(self, plan: SessionPlan) -> PollSession | None:
        """The newest session running ``plan`` today (or from yesterday, past midnight),
        by its poll set or its saved outline."""
        plans = TinyDbPlanStore(self._sessions)
        for found in reversed(recent_sessions(self.services.store, self.services.today())):
            if found.poll_set == plan.id:
                return found
            outline = plans.outline(found.session.id)
            if outline is not None and outline.id == plan.id:
                return found
        return None

    def _guarded(self, step: str, action: object) -> bool:
        try:
            changed = bool(action() if callable(action) else False)
        except Exception as error:  # a bad read must not stop the shared screen
            if not self._failing:
                self._failing = True
                self.log_problem(error, step)
            return False
        self._failing = False
        return changed

    def _find_and_show(self) -> None:
        if self._guarded("finding the session", self._find):
            self.screen.post_message(LiveChanged())

    def _watch(self) -> None:
        view = self.view
        if view is not None and self._guarded("reading the session's votes", self._reread):
            self.screen.post_message(LiveChanged())

    def _reread(self) -> bool:
        view, plan = self.view, self.plan
        if view is None:
            return False
        changed = view.refresh()
        if plan is not None and (changed or plan.stale):
            plan.refresh()  # a read that failed last time is tried again
            changed = True
        return changed


def plan_poll_set(plan: SessionPlan) -> PollSet:
    """The polls of a plan's poll stages, as one poll set named after the plan."""
    return PollSet(plan.id, plan.title, tuple(s.poll for s in plan.stages if s.poll is not None))
