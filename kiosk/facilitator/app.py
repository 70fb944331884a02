"""The facilitator's App: choose the polls, start or resume a session, run the console.

The App keeps the session (``Facilitation``) and watches the store's stamp a few
times a second, so votes written by another process — another console, a browser
tab, later phones — show within a second. It is locked like the participant kiosk
(no command palette, and no key quits from a voter's screen), because the tablet
may be passed round: the only way from a voter's screen back to the console is F12
and the operator PIN. The console itself closes with Q, after asking.

With ``--phones HOST:PORT`` the console also serves the phone page for the session
it runs (``kiosk.facilitator.console_phones``): phones join with the session's code and
vote into the same tallies, which the watch above picks up like any other vote.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType

import kiosk
from kiosk.base_app import KioskBaseApp
from kiosk.facilitator.console_phones import ConsolePhones
from kiosk.facilitator.console_services import FacilitatorServices
from kiosk.facilitator.passing import PassTheTablet
from kiosk.facilitator.screens.choose_polls_screen import ChoosePollsScreen
from kiosk.facilitator.screens.console_screen import ConsoleScreen
from kiosk.facilitator.screens.hand_over_screen import Note
from kiosk.facilitator.screens.start_screen import StartChoice, StartScreen
from kiosk.messages import LiveChanged, PreferencesWanted, Say
from kiosk.preferences import Preferences, show_preferences
from kiosk.screens.problem_modal import ProblemModal
from kiosk.web.address import PhoneAddress
from kiosk.widgets.preference_choices import PreferenceChoices
from kiosk.widgets.toolbar import TOOL_KEYS, Tool, Toolbar
from surveys.facilitation import Facilitation, resumable_sessions
from surveys.plan_model import SessionPlan
from surveys.poll_files import PollSet

KIOSK_CSS = Path(kiosk.__file__).parent / "kiosk.tcss"
POLL_SECONDS = 0.25
"""How often the store's stamp is checked for votes from elsewhere."""
IDLE_SECONDS = 120.0
COUNTDOWN_SECONDS = 30.0
GIVE_UP = (
    "The console had a problem and closed. Votes already counted are safe. "
    "Please start 'kiosk facilitate' again."
)


class FacilitatorApp(KioskBaseApp, inherit_bindings=False):
    """The live-poll console and pass-the-tablet voting."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [KIOSK_CSS, "facilitator.tcss"]
    TITLE = "Live polls"
    GIVE_UP = GIVE_UP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f12", "operator", "Operator", show=False, priority=True, id="operator"),
        *(
            Binding(TOOL_KEYS[tool], f"tool('{tool.value}')", tool.value, show=False)
            for tool in (Tool.READ, Tool.MEANING, Tool.BREAK, Tool.STOP)
        ),
    ]

    def __init__(
        self,
        services: FacilitatorServices,
        poll_sets: Sequence[PollSet],
        *,
        unlocked: bool = False,
        poll_seconds: float = POLL_SECONDS,
        idle_seconds: float = IDLE_SECONDS,
        countdown_seconds: float = COUNTDOWN_SECONDS,
        phones: PhoneAddress | None = None,
        plan: SessionPlan | None = None,
    ) -> None:
        super().__init__(services.problems)
        if not poll_sets:
            raise ValueError("the facilitator needs at least one poll set")
        self.services = services
        self.poll_sets = list(poll_sets)
        self.unlocked = unlocked
        self.poll_seconds = poll_seconds
        self.idle_seconds = idle_seconds
        self.countdown_seconds = countdown_seconds
        self.speaker = services.speaker
        self.poll_set: PollSet | None = None
        self.live: Facilitation | None = None
        self._watch_failed = False
        self.preferences = Preferences()
        self.tablet = PassTheTablet(
            self, self, idle_seconds=idle_seconds, countdown_seconds=countdown_seconds
        )
        self.phones = ConsolePhones(self, services, self.log_problem, phones)
        self.plan = plan
        """The session plan run step by step (``kiosk facilitate PLAN.yaml``), or None."""

    # -- start-up ------------------------------------------------------------------

    def on_mount(self) -> None:
        self.set_interval(self.poll_seconds, self._watch, name="live watch")
        self.tablet.device.start()
        if len(self.poll_sets) == 1:
            self._polls_chosen(self.poll_sets[0])
        else:
            self.push_screen(ChoosePollsScreen(self.poll_sets), self._polls_chosen)

    def on_ready(self) -> None:
        # The first screen is drawn: now start the read-aloud, so it never delays that
        # screen and the first voter's reading starts without waiting.
        self.call_later(self.warm_speaker, self.speaker)

    def _polls_chosen(self, poll_set: PollSet | None) -> None:
        if poll_set is None:
            return
        self.poll_set = poll_set
        today = self.services.today()
        found = resumable_sessions(self.services.store, poll_set, today)
        self.push_screen(StartScreen(poll_set, today, found, self.plan), self._started)

    def _started(self, choice: StartChoice | None) -> None:
        services, poll_set = self.services, self.poll_set
        if choice is None or poll_set is None:
            return
        if choice.resume is not None:
            self.live = Facilitation.resume(services.store, poll_set, choice.resume, services.audit)
        elif choice.room is not None:
            self.live = Facilitation.start(services.store, poll_set, choice.room, services.audit)
        else:
            return
        if self.plan is not None:
            self._start_plan()
            return
        self.push_screen(ConsoleScreen())
        self.phones.start(self.live)

    # -- a session plan (kiosk facilitate PLAN.yaml) ------------------------------------

    def _start_plan(self) -> None:
        """Run the plan in this session: where it was, or from the start."""
        from kiosk.facilitator.plan_steps import PlanSteps  # noqa: PLC0415 — plan mode only
        from kiosk.facilitator.screens.plan_console_screen import PlanConsoleScreen  # noqa: PLC0415
        from kiosk.facilitator.screens.plan_modals import PlanChangedModal  # noqa: PLC0415
        from surveys.focus_group import FocusGroup  # noqa: PLC0415
        from surveys.plan_progress import PlanStateError  # noqa: PLC0415

        services, live, plan = self.services, self.live, self.plan
        assert live is not None
        assert plan is not None
        group = FocusGroup(services.idea_store(), live.session, services.audit)
        try:
            steps = PlanSteps.begin(plan, services.clock, live, group, services.plan_store())
        except PlanStateError as changed:
            self.push_screen(PlanChangedModal(changed.message), self._plan_changed)
            return
        # The passed tablet takes ideas and ballots as the stage says, through this same
        # FocusGroup.
        self.tablet.follow_plan(group, services.plan_store())
        self.push_screen(PlanConsoleScreen(steps))
        self.phones.start(live, group, services.plan_store())

    def _plan_changed(self, again: bool | None) -> None:
        """After "the plan file has changed": start it again in a new session, or close."""
        live, poll_set = self.live, self.poll_set
        if not again or live is None or poll_set is None:
            self.exit(0)
            return
        services = self.services
        self.live = Facilitation.start(services.store, poll_set, live.room, services.audit)
        self._start_plan()

    async def on_unmount(self) -> None:
        """Stop the phone page (if it runs) and forget its join code."""
        await self.phones.stop()

    # -- votes from elsewhere --------------------------------------------------------

    def _watch(self) -> None:
        live = self.live
        if live is None:
            return
        try:
            changed = live.refresh()
        except Exception as error:  # a bad read must not stop the console
            if not self._watch_failed:
                self._watch_failed = True
                self.log_problem(error, "reading the session's votes")
            return
        self._watch_failed = False
        if changed:
            self.screen.post_message(LiveChanged())

    # -- preferences and tools (for voters) --------------------------------------------

    def apply_preferences(self, preferences: Preferences) -> None:
        """Show a voter's text size and colours (for their turn only)."""
        self.preferences = preferences
        show_preferences(self, self.speaker, preferences)

    def on_kiosk_say(self, message: Say) -> None:
        """A voter's screen has words to read aloud now (a note under the idea box, a
        ballot's choice), for a voter who chose read-aloud."""
        if self.preferences.read_aloud and message.text:
            self.speaker.say(message.text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.tablet.device.check_action(action, parameters)

    def action_tool(self, name: str) -> None:
        """F1, F2, F4, F5 on a voter's screen."""
        self.tablet.device.use_tool(Tool(name))

    def on_toolbar_used(self, message: Toolbar.Used) -> None:
        self.tablet.device.use_tool(message.tool)

    def on_preferences_screen_changed(self, message: PreferenceChoices.Changed) -> None:
        self.apply_preferences(message.preferences)

    def on_preferences_wanted(self, message: PreferencesWanted) -> None:
        """ "Text and sound" (F6): the box over the screen, starting from the current choices."""
        from kiosk.screens.preferences_modal import PreferencesModal  # noqa: PLC0415 — see kiosk.startup

        self.push_screen(PreferencesModal(self.preferences))

    async def on_event(self, event: events.Event) -> None:
        self.tablet.device.note_input(event)
        await super().on_event(event)

    # -- pass the tablet -------------------------------------------------------------

    @property
    def passing(self) -> bool:
        """True while the tablet is being passed round."""
        return self.tablet.passing

    def start_passing(self) -> None:
        """Hand the tablet round for the open poll (the console's V)."""
        self.tablet.start()

    def action_operator(self) -> None:
        """F12: while voting, the PIN leads back to the console."""
        self.tablet.operator_key()

    # -- problems --------------------------------------------------------------------

    def show_problem(self) -> None:
        """A calm box instead of a traceback; a voter's turn then ends, uncounted."""
        if any(isinstance(screen, ProblemModal) for screen in self.screen_stack):
            return
        self.speaker.stop()
        self.push_screen(ProblemModal(has_answers=False), self._problem_answered)

    def _problem_answered(self, _: object) -> None:
        if self.passing:
            self.tablet.finish_turn(Note.PROBLEM)
        elif isinstance(self.screen, ConsoleScreen):
            self.screen.refresh_view()


def make_app(
    services: FacilitatorServices,
    poll_sets: Sequence[PollSet],
    *,
    unlocked: bool = False,
    poll_seconds: float = POLL_SECONDS,
    idle_seconds: float = IDLE_SECONDS,
    countdown_seconds: float = COUNTDOWN_SECONDS,
    phones: PhoneAddress | None = None,
    plan: SessionPlan | None = None,
) -> FacilitatorApp:
    """Build the console for these poll sets with the given services (the injection seam)."""
    return FacilitatorApp(
        services,
        poll_sets,
        unlocked=unlocked,
        poll_seconds=poll_seconds,
        idle_seconds=idle_seconds,
        countdown_seconds=countdown_seconds,
        phones=phones,
        plan=plan,
    )
