"""The participant kiosk App: wiring, global keys, and the start and end of a visit.

The App owns one ``SurveySession`` per visitor. It starts a visit (welcome, then
"How would you like to take part?") and ends it (``go_home``); in between
``VisitSteps`` routes on what each screen returns, and the session decides what
comes next. The kiosk is locked: no key quits, there is no command palette, and
F12 (the one operator key) asks for the PIN (``kiosk.operator_menu``). Its helpers:
``kiosk.shared_device`` (idle, read-aloud, the tools, clearing the terminal),
``kiosk.visit_care`` (the boxes those show, and problems), ``kiosk.phone_handoffs``
(the phone page); ``kiosk.base_app`` closes the kiosk if problems pour in.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType

from kiosk import startup
from kiosk.base_app import KioskBaseApp
from kiosk.messages import Say
from kiosk.operator_menu import OperatorMenu, operator_notices
from kiosk.phone_handoffs import HandoffNeeds, PhoneHandoffs
from kiosk.preferences import Preferences, aids_in, show_preferences
from kiosk.problems import ProblemLog
from kiosk.said_did import SaidDidSource
from kiosk.screens.welcome_screen import UNLOCKED_NOTE, WelcomeScreen
from kiosk.settings import (
    BREAK_MINUTES,
    COUNTDOWN_SECONDS,
    IDLE_SECONDS,
    THANKS_SECONDS,
    Timings,
)
from kiosk.shared_device import SharedDevice
from kiosk.speaking import NullSpeaker, Speaker, close_speaker, speech_switched_off
from kiosk.visit_care import VisitCare, why_not
from kiosk.visit_language import VisitLanguage
from kiosk.visit_steps import VisitSteps
from kiosk.widgets.toolbar import TOOL_KEYS, Tool, Toolbar
from surveys.model import Survey

if TYPE_CHECKING:
    from kiosk.messages import PhoneWanted, PreferencesWanted
    from kiosk.screens.take_back_modal import TakeBackLimit
    from kiosk.services import KioskServices
    from kiosk.web.address import PhoneAddress
    from kiosk.web.server import PhoneServer
    from kiosk.widgets.language_choice import LanguageChoice
    from kiosk.widgets.preference_choices import PreferenceChoices
    from surveys.action_cards import Card
    from surveys.operator_pin import OperatorPin
    from surveys.session import SurveySession

OpenServices = Callable[[], "KioskServices"]
"""Opens the kiosk's data (``kiosk.commands.run.open_kiosk``) once the first screen is up."""

GIVE_UP = (
    "The kiosk had a problem and closed. Answers already sent are safe. "
    "Please ask the person running this session to start it again."
)

NOT_OPENED = (
    "The kiosk could not open its data folder, so it closed before anyone could answer. "
    "Nothing was changed. {reason} The kiosk's log says more."
)


class KioskApp(KioskBaseApp, inherit_bindings=False):
    """The full-screen participant kiosk."""

    CSS_PATH = "kiosk.tcss"
    GIVE_UP = GIVE_UP
    problem_log: ProblemLog  # always kept: under the data folder, ``home``
    TITLE = "Co-production kiosk"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f12", "operator", "Operator", show=False, priority=True, id="operator"),
        *(
            Binding(
                TOOL_KEYS[tool],
                f"tool('{tool.value}')",
                tool.value,
                show=False,
                id=f"tool-{tool.value}",
            )
            for tool in (Tool.READ, Tool.MEANING, Tool.BREAK, Tool.STOP)
        ),
    ]

    def __init__(
        self,
        survey: Survey,
        services: KioskServices | OpenServices,
        *,
        home: Path,
        unlocked: bool,
        timings: Timings,
        speaker: Speaker,
        operator_pin: OperatorPin | None = None,
        phones: PhoneAddress | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(ProblemLog(home))
        self.survey = survey
        self.home = home
        self._services: KioskServices | None = None if callable(services) else services
        self._open_services = services if callable(services) else None
        self.unlocked = unlocked
        self.timings = timings
        self.speaker = speaker
        self._operator_pin = operator_pin
        self.speech_off = speech_switched_off()
        """``KIOSK_SPEECH=off``: read-aloud is not offered anywhere (button, key or choice)."""
        self._later: list[str] = []
        self.session: SurveySession | None = None
        self.preferences = Preferences()
        self.aids: set[str] = set()  # used this visit (read aloud, larger text); sealed
        self.animation_level = "none"  # nothing on the kiosk moves or flashes
        self._now = monotonic
        self.care = VisitCare(self, self)
        """The help, break, stop and still-there boxes, and problems, for a visitor."""
        self.device = SharedDevice(
            self,
            self.care,
            idle_seconds=timings.idle_seconds,
            countdown_seconds=timings.countdown_seconds,
            break_seconds=timings.break_seconds,
            now=monotonic,
        )
        """Idle watch, read-aloud on each screen, the tools, clearing the terminal."""
        self.operator = OperatorMenu(
            self,
            unlocked=unlocked,
            pin=lambda: self.operator_pin,
            services=lambda: self.services,
            close=self._close,
        )
        needs = HandoffNeeds(
            survey,
            lambda: self.services,
            self.problem_log,
            self.go_home,
            lambda: self.said_did,
            lambda: self.results_shared,
            lambda: self.visit_language.code,
        )
        self.phones = PhoneHandoffs(self, phones, needs)
        """The phone page ("Use my own phone"), when ``--phones`` switched it on."""
        self.visit_language = VisitLanguage(
            self, self, survey, self._untouched
        )  # the chosen language
        self._take_back_limit: TakeBackLimit | None = None
        self.steps = VisitSteps(self, self)
        """Consent, the questions, review and sending: which screen comes next."""
        self._said_did = SaidDidSource(home, self.problem_log)
        self.said_did: tuple[Card, ...] = ()
        """The "You said — We did" cards the welcome and idle screens show in turn."""
        self.results_shared = ""
        """When and where results are shared (the action log's words), for the thank-you."""

    # -- start-up (see kiosk.startup) -----------------------------------------------

    @property
    def services(self) -> KioskServices:
        """The kiosk's data and tools; opened now if the first screen isn't up yet."""
        if self._services is None:
            assert self._open_services is not None
            self._services = self._open_services()
        return self._services

    @property
    def operator_pin(self) -> OperatorPin:
        """The PIN that unlocks the operator menu."""
        return self._operator_pin or self.services.operator_pin

    @property
    def phones_on(self) -> bool:
        """True when the operator switched the phone page on."""
        return self.phones.on

    @property
    def phone_server(self) -> PhoneServer | None:
        """The phone page's server once it listens (None before, and when off)."""
        return self.phones.server

    def get_default_screen(self) -> WelcomeScreen:
        """The welcome screen is the first and the bottom screen; each visit goes on top."""
        return self._new_welcome()

    def _new_welcome(self) -> WelcomeScreen:
        codes = self.visit_language.codes if self.visit_language.offered else ()
        notes = self._welcome_notes()
        return WelcomeScreen(self.survey, notes=notes, phones=self.phones_on, languages=codes)

    def on_language_choice_chosen(self, message: LanguageChoice.Chosen) -> None:
        """A language chosen on the welcome screen sets the whole visit."""
        if isinstance(self.screen, WelcomeScreen):
            self.visit_language.choose(message.code)

    def _untouched(self) -> bool:
        return self._now() - self.device.last_input >= self.timings.idle_seconds

    def on_mount(self) -> None:
        self.device.start()
        # No signals off the main thread or on a loop without them: then nothing to add.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self._close)
        self.phones.start()
        self.apply_preferences(Preferences())

    async def on_event(self, event: events.Event) -> None:
        self.device.note_input(event)
        await super().on_event(event)

    def on_ready(self) -> None:
        # The first screen is drawn: now open the data, start speech, load the rest.
        self.call_later(self._after_first_screen)

    def _after_first_screen(self) -> None:
        try:
            self.services  # noqa: B018 — opens the data folder
        except Exception as error:  # a kiosk that can't store answers must not take any
            self.problem_log.record(error, "opening the data folder")
            self.exit(None, return_code=1, message=NOT_OPENED.format(reason=why_not(error)))
            return
        finally:
            startup.resume_collection()
        for screen in self.screen_stack:
            if isinstance(screen, WelcomeScreen):
                screen.show_notes(self._welcome_notes())
        self._show_said_did()
        for notice in operator_notices(self.services):
            self.problem_log.note(notice)
        self.warm_speaker(self.speaker)
        self._later = [*startup.LATER, *(startup.PHONES_LATER if self.phones_on else ())]
        self.call_later(self._load_later)

    def _load_later(self) -> None:
        """Load one more screen's code, then let anything waiting (a key, say) go first."""
        if self._later and not self._exit:
            startup.load_module(self._later.pop(0))
            self.call_later(self._load_later)

    def _welcome_notes(self) -> list[str]:
        """Notes at the foot of the welcome screen: only when unlocked (trying out).

        A locked kiosk is in front of participants, so set-up notes such as "make a
        coordinator key with: kiosk keys new" go to the operator menu and the log.
        """
        if not self.unlocked:
            return []
        notes = [UNLOCKED_NOTE]
        if self._services is not None:
            notes += operator_notices(self.services)
        return notes

    def _show_said_did(self) -> None:
        """Read the action log if it changed; the welcome screen shows its cards."""
        found = self._said_did.refresh()
        self.results_shared = found.results_shared
        if found.cards == self.said_did:
            return
        self.said_did = found.cards
        for screen in self.screen_stack:
            if isinstance(screen, WelcomeScreen):
                screen.show_cards(self.said_did)

    # -- preferences -----------------------------------------------------------------

    def apply_preferences(self, preferences: Preferences) -> None:
        """Show the chosen text size and colours, and set the reading speed (this visit only)."""
        self.preferences = preferences
        show_preferences(self, self.speaker, preferences)
        self.aids |= aids_in(preferences)

    def on_kiosk_say(self, message: Say) -> None:
        """A warning, tick or new speed to read aloud, for people who chose read-aloud."""
        if self.preferences.read_aloud and message.text:
            self.speaker.say(message.text)

    async def on_unmount(self) -> None:
        self.speaker.stop()
        close_speaker(self.speaker)
        services = self._services
        if services is not None and services.speaker is not self.speaker:
            close_speaker(services.speaker)  # a test's own speaker: the services' one is unused
        await self.phones.stop()  # and every survey in progress on a phone is forgotten

    async def on_phone_wanted(self, message: PhoneWanted) -> None:
        """ "Use my own phone": a fresh one-time link for this person's survey."""
        message.stop()
        await self.phones.offer()

    def on_preferences_screen_changed(self, message: PreferenceChoices.Changed) -> None:
        self.apply_preferences(message.preferences)

    def on_preferences_wanted(self, message: PreferencesWanted) -> None:
        """ "Text and sound" (F6): the box over the screen, starting from the current choices."""
        from kiosk.screens.preferences_modal import PreferencesModal  # noqa: PLC0415 — see kiosk.startup

        self.push_screen(PreferencesModal(self.preferences))

    # -- routing ---------------------------------------------------------------------

    def go_home(self, *, clear_terminal: bool = False) -> None:
        """Forget this visit entirely and show the welcome screen."""
        self.speaker.stop()
        if self.session is not None:
            self.session.stop()
            self.session = None
        self.aids = set()  # a new visit keeps nothing of the last person's choices
        self.apply_preferences(Preferences())
        self.visit_language.reset()  # the next person starts in the survey's own language
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if clear_terminal:
            self.device.clear_terminal()
        welcome = self.screen_stack[0] if self.screen_stack else None
        if isinstance(welcome, WelcomeScreen):  # it holds nothing of any visit
            welcome.show_again(self._welcome_notes())
        if self._services is not None:  # the log may have changed since the last visitor
            self._show_said_did()

    def on_welcome_screen_started(self, message: WelcomeScreen.Started) -> None:
        """Start: a fresh visit begins with "How would you like to take part?"."""
        if self.screen is not message.welcome or self.session is not None:
            return  # a second tap on Start, already on its way
        from surveys.session import SurveySession  # noqa: PLC0415 — see kiosk.startup

        self.session = SurveySession(self.survey)
        self.steps.begin()
        self.show_preferences()

    def on_welcome_screen_take_back_wanted(self, message: WelcomeScreen.TakeBackWanted) -> None:
        """ "Take my answers back": ask for the receipt code (same rules as ``kiosk withdraw``)."""
        if not isinstance(self.screen, WelcomeScreen):
            return
        from kiosk.screens.take_back_modal import TakeBackLimit, TakeBackModal  # noqa: PLC0415 — see kiosk.startup

        if self._take_back_limit is None:
            self._take_back_limit = TakeBackLimit(self._now)
        modal = TakeBackModal(self._take_back, self._take_back_limit)
        self.push_screen(modal, lambda _: self.visit_language.reset())

    def _take_back(self, code: str) -> tuple[bool, str]:
        return self.services.withdraw(code)  # audited without the code, as kiosk withdraw is

    def show_preferences(self) -> None:
        """How would you like to take part?"""
        from kiosk.screens.preferences_screen import PreferencesScreen  # noqa: PLC0415 — see kiosk.startup

        self.push_screen(PreferencesScreen(self.preferences), self._preferences_done)

    def _preferences_done(self, preferences: Preferences | None) -> None:
        if preferences is None:
            self.go_home()
            return
        self.apply_preferences(preferences)
        self.show_step()

    def show_step(self, message: str | None = None) -> None:
        """Show the screen for where the session is now (``VisitSteps``)."""
        self.steps.show(message)

    def send(self, session: SurveySession) -> None:
        """Seal and store the response durably, then (and only then) say thank you."""
        from kiosk.screens.thanks_screen import ThanksScreen  # noqa: PLC0415 — see kiosk.startup
        from surveys.errors import AnswerError  # noqa: PLC0415 — as above
        from surveys.sending import send_response  # noqa: PLC0415 — as above

        try:
            completed = session.complete()
        except AnswerError as error:
            self.show_step(error.message)
            return

        services = self.services
        receipt = send_response(
            completed.with_aids(self.aids),
            sealer=services.sealer,
            store=services.store,
            session=services.session,
            audit=services.audit,
        )
        session.mark_sent()
        self.session = None
        block = self.survey.consent
        thanks = ThanksScreen(
            receipt.code,
            contact=block.contact,
            withdraw_days=block.withdraw_days,
            pause=self.timings.thanks_seconds,
            support=self.survey.support,
        )
        self.push_screen(thanks, lambda _: self.go_home())

    def rebuild_step(self) -> None:
        """Show the current step afresh (after a problem), dropping any boxes on top."""
        self.steps.rebuild()

    @property
    def has_answers(self) -> bool:
        """True when the visitor has agreed and may have given answers."""
        from surveys.session import Stage  # noqa: PLC0415 — see kiosk.startup

        session = self.session
        return session is not None and session.stage in (Stage.QUESTION, Stage.REVIEW)

    # -- the shared device and problems (see kiosk.visit_care) ----------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.device.check_action(action, parameters)

    def action_tool(self, name: str) -> None:
        """F1, F2, F4, F5 and the toolbar's Read aloud, meaning, break and stop."""
        self.device.use_tool(Tool(name))

    def on_toolbar_used(self, message: Toolbar.Used) -> None:
        self.device.use_tool(message.tool)

    def action_operator(self) -> None:
        """F12: the PIN prompt (or, when unlocked, the operator menu straight away)."""
        self.operator.open()

    def _close(self) -> None:
        """Closing (operator menu, SIGTERM): forget the visit and close the usual way,
        so the terminal is handed back as it was."""
        self.speaker.stop()
        if self.session is not None:
            self.session.stop()
            self.session = None
        self.exit(0)

    def speech_problem(self) -> str | None:
        """``SPEECH_UNAVAILABLE`` when read-aloud can't work here (``VisitCare``), else None."""
        return self.care.speech_problem()

    def show_problem(self) -> None:
        self.care.show_problem()

    def give_up(self) -> None:
        """Forget the visit in progress, then close with the plain message."""
        if self.session is not None:
            self.session.stop()
            self.session = None
        super().give_up()


def make_app(
    survey: Survey,
    services: KioskServices | OpenServices,
    *,
    home: Path | None = None,
    unlocked: bool = False,
    idle_seconds: float = IDLE_SECONDS,
    countdown_seconds: float = COUNTDOWN_SECONDS,
    thanks_seconds: float = THANKS_SECONDS,
    break_minutes: float = BREAK_MINUTES,
    speaker: Speaker | None = None,
    operator_pin: OperatorPin | None = None,
    phones: PhoneAddress | None = None,
    monotonic: Callable[[], float] = time.monotonic,
) -> KioskApp:
    """Build the kiosk for one survey (the injection seam).

    ``services`` is either built already (tests) or a function that opens them, which
    the kiosk calls once its first screen is drawn (``kiosk run``); then ``home`` is
    the data folder (for the kiosk's log) and ``speaker`` the read-aloud to use.
    ``monotonic`` tells the time for idle and break timing (tests pass a fake clock).
    """
    if callable(services):
        if home is None:
            raise ValueError("make_app needs home when services are opened later")
        speaker = speaker or NullSpeaker()
    else:
        home = home or services.home
        speaker = speaker or services.speaker
    return KioskApp(
        survey,
        services,
        home=home,
        unlocked=unlocked,
        timings=Timings(idle_seconds, countdown_seconds, thanks_seconds, break_minutes),
        speaker=speaker,
        operator_pin=operator_pin,
        phones=phones,
        monotonic=monotonic,
    )
