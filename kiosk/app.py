"""The participant kiosk App: wiring, global keys, and which screen comes next.

The App owns one ``SurveySession`` per visitor and routes between screens on what
each screen returns; the session decides what comes next. Sending is done here,
with the injected services, before the thank-you screen appears. The kiosk is
locked: no key quits, there is no command palette, and F12 (the one operator key)
asks for the PIN. See ``kiosk.guard`` for idle handling and problems.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from accessibility.glossary import glossary_for
from kiosk.guard import KioskGuard
from kiosk.phones import PhoneHandoffs
from kiosk.preferences import Preferences, show_preferences
from kiosk.screens.base import KioskModal, KioskScreen
from kiosk.screens.break_modal import BreakModal
from kiosk.screens.consent_screen import ConsentChoice, ConsentScreen
from kiosk.screens.help_modal import HelpModal
from kiosk.screens.preferences_screen import PreferencesScreen
from kiosk.screens.question_screen import Move, QuestionOutcome, QuestionScreen
from kiosk.screens.review_screen import ReviewMove, ReviewOutcome, ReviewScreen
from kiosk.screens.stop_modal import StopModal
from kiosk.screens.thanks_screen import ThanksScreen
from kiosk.screens.welcome_screen import WelcomeScreen
from kiosk.services import KioskServices
from kiosk.settings import COUNTDOWN_SECONDS, IDLE_SECONDS, THANKS_SECONDS, Timings
from kiosk.speaking import Speaker, close_speaker
from kiosk.themes import THEMES
from kiosk.web.address import PhoneAddress
from kiosk.widgets.say import Say
from kiosk.widgets.toolbar import TOOL_KEYS, Tool, Toolbar
from surveys.errors import AnswerError
from surveys.model import Survey
from surveys.operator_pin import OperatorPin
from surveys.sending import record_decline, send_response
from surveys.session import Stage, SurveySession


class KioskApp(PhoneHandoffs, KioskGuard, inherit_bindings=False):
    """The full-screen participant kiosk."""

    CSS_PATH = "kiosk.tcss"
    ENABLE_COMMAND_PALETTE = False
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
        services: KioskServices,
        *,
        unlocked: bool,
        timings: Timings,
        speaker: Speaker,
        operator_pin: OperatorPin,
        phones: PhoneAddress | None = None,
    ) -> None:
        super().__init__()
        self.survey = survey
        self.services = services
        self.unlocked = unlocked
        self.timings = timings
        self.speaker = speaker
        self.operator_pin = operator_pin
        self.session: SurveySession | None = None
        self.preferences = Preferences()
        self._at_preferences = False
        self.animation_level = "none"  # nothing on the kiosk moves or flashes
        self.setup_guard()
        self.setup_phones(phones)

    # -- start-up ------------------------------------------------------------------

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.start_guard()
        self.start_phones()
        self.go_home()

    # -- preferences -----------------------------------------------------------------

    def apply_preferences(self, preferences: Preferences) -> None:
        """Show the chosen text size and colours, and set the reading speed (this visit only)."""
        self.preferences = preferences
        show_preferences(self, self.speaker, preferences)

    def on_kiosk_say(self, message: Say) -> None:
        """A warning, tick or new speed to read aloud, for people who chose read-aloud."""
        if self.preferences.read_aloud and message.text:
            self.speaker.say(message.text)

    def on_ready(self) -> None:
        # Start the speech engine once the first screen is drawn, never before it.
        warm = getattr(self.services.speaker, "warm", None)
        if callable(warm):
            warm()

    def on_unmount(self) -> None:
        self.speaker.stop()
        close_speaker(self.services.speaker)

    def on_preferences_screen_changed(self, message: PreferencesScreen.Changed) -> None:
        self.apply_preferences(message.preferences)

    # -- routing ---------------------------------------------------------------------

    def go_home(self, *, clear_terminal: bool = False) -> None:
        """Forget this visit entirely and show the welcome screen."""
        self.speaker.stop()
        if self.session is not None:
            self.session.stop()
            self.session = None
        self._at_preferences = False
        self.apply_preferences(Preferences())
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if clear_terminal:
            self.clear_terminal()
        welcome = WelcomeScreen(
            self.survey,
            unlocked=self.unlocked,
            demo_key=self.services.sealer.demo,
            phones=self.phones_on,
        )
        self.push_screen(welcome, self._welcome_done)

    def _welcome_done(self, _: None) -> None:
        self.session = SurveySession(self.survey)
        self._show_preferences()

    def _show_preferences(self) -> None:
        self._at_preferences = True
        self.push_screen(PreferencesScreen(self.preferences), self._preferences_done)

    def _preferences_done(self, preferences: Preferences | None) -> None:
        self._at_preferences = False
        if preferences is None:
            self.go_home()
            return
        self.apply_preferences(preferences)
        self.show_step()

    def show_step(self, message: str | None = None) -> None:
        """Show the screen for where the session is now."""
        session = self.session
        if session is None:
            self.go_home()
            return
        if session.stage is Stage.CONSENT:
            block = self.survey.consent
            self.push_screen(ConsentScreen(block), self._consent_done)
        elif session.stage is Stage.QUESTION:
            question = session.current
            number, total = session.progress()
            section = self.survey.section(question.section)
            screen = QuestionScreen(
                question,
                number=number,
                total=total,
                previous=session.answer_for(question.id),
                can_go_back=session.can_go_back,
                section=section.title if section else None,
                message=message,
            )
            self.push_screen(screen, self._question_done)
        elif session.stage is Stage.REVIEW:
            self.push_screen(ReviewScreen(session.review(), message=message), self._review_done)
        else:
            self.go_home()

    def _consent_done(self, choice: ConsentChoice | None) -> None:
        session = self.session
        if session is None:
            self.go_home()
            return
        if choice is None:
            self._show_preferences()
            return
        if not choice.agreed:
            session.decline()
            self.session = None
            services = self.services
            record_decline(services.store, services.session, services.audit)
            self.push_screen(
                ThanksScreen(None, pause=self.timings.thanks_seconds, phones=self.phones_on),
                lambda _: self.go_home(),
            )
            return
        session.agree(choice.ticked)
        self.show_step()

    def _question_done(self, outcome: QuestionOutcome | None) -> None:
        session = self.session
        if session is None or outcome is None:
            self.go_home()
            return
        try:
            if outcome.move is Move.ANSWER:
                session.answer(outcome.answer)
            elif outcome.move is Move.SKIP:
                session.skip()
            elif outcome.move is Move.NEXT:
                session.next()
            else:
                session.back()
        except AnswerError as error:
            self.show_step(error.message)
            return
        self.show_step()

    def _review_done(self, outcome: ReviewOutcome | None) -> None:
        session = self.session
        if session is None or outcome is None:
            self.go_home()
            return
        if outcome.move is ReviewMove.SEND:
            self._send(session)
            return
        if outcome.move is ReviewMove.CHANGE and outcome.question_id is not None:
            session.change(outcome.question_id)
        else:
            session.back()
        self.show_step()

    def _send(self, session: SurveySession) -> None:
        """Seal and store the response durably, then (and only then) say thank you."""
        try:
            completed = session.complete()
        except AnswerError as error:
            self.show_step(error.message)
            return
        services = self.services
        receipt = send_response(
            completed,
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
            spoken=receipt.spoken,
            contact=block.contact,
            withdraw_days=block.withdraw_days,
            pause=self.timings.thanks_seconds,
        )
        self.push_screen(thanks, lambda _: self.go_home())

    def rebuild_step(self) -> None:
        """Show the current step afresh (after a problem), dropping any boxes on top."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        session = self.session
        if session is None or session.stage not in (Stage.CONSENT, Stage.QUESTION, Stage.REVIEW):
            self.go_home()
        elif self._at_preferences:
            self._show_preferences()
        else:
            self.show_step()

    @property
    def has_answers(self) -> bool:
        """True when the visitor has agreed and may have given answers."""
        session = self.session
        return session is not None and session.stage in (Stage.QUESTION, Stage.REVIEW)

    # -- tools -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tool" and parameters:
            screen = self.screen
            if isinstance(screen, KioskScreen):
                return screen.offers(Tool(str(parameters[0])))
            return isinstance(screen, KioskModal) and parameters[0] == Tool.READ.value
        return True

    def action_tool(self, name: str) -> None:
        """F1, F2, F4, F5 and the toolbar's Read aloud, meaning, break and stop."""
        self.use_tool(Tool(name))

    def on_toolbar_used(self, message: Toolbar.Used) -> None:
        self.use_tool(message.tool)

    def use_tool(self, tool: Tool) -> None:
        """Read aloud, explain, take a break, or stop (Back and Skip belong to screens)."""
        screen = self.screen
        if tool is Tool.READ:
            if isinstance(screen, KioskScreen | KioskModal):
                words = screen.narration()
                if words:
                    self.speaker.say(words)
            return
        if not isinstance(screen, KioskScreen):
            return
        if tool is Tool.MEANING:
            help_text, words = screen.meaning()
            terms = glossary_for(self.survey).terms_in(f"{help_text or ''}\n{words}")
            found = [(entry.term, entry.meaning) for entry in terms]
            self.push_screen(HelpModal(help_text, found, self.survey.consent.help))
        elif tool is Tool.BREAK:
            self.speaker.stop()
            self.push_screen(BreakModal())
        elif tool is Tool.STOP:
            self.push_screen(StopModal(has_answers=self.has_answers), self._stop_answered)

    def _stop_answered(self, stop: bool | None) -> None:
        if stop:
            self.go_home()


def make_app(
    survey: Survey,
    services: KioskServices,
    *,
    unlocked: bool = False,
    idle_seconds: float = IDLE_SECONDS,
    countdown_seconds: float = COUNTDOWN_SECONDS,
    thanks_seconds: float = THANKS_SECONDS,
    speaker: Speaker | None = None,
    operator_pin: OperatorPin | None = None,
    phones: PhoneAddress | None = None,
) -> KioskApp:
    """Build the kiosk for one survey with the given services (the injection seam)."""
    return KioskApp(
        survey,
        services,
        unlocked=unlocked,
        timings=Timings(idle_seconds, countdown_seconds, thanks_seconds),
        speaker=speaker or services.speaker,
        operator_pin=operator_pin or services.operator_pin,
        phones=phones,
    )
