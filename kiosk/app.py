"""The participant kiosk App: wiring, global keys, and which screen comes next.

The App owns one ``SurveySession`` per visitor and routes between screens on what
each screen returns; the session decides what comes next. Sending is done here,
with the injected services, before the thank-you screen appears. The kiosk is
locked: no key quits, there is no command palette, and F12 (the one operator key)
asks for the PIN. See ``kiosk.guard`` for idle handling and problems.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from kiosk import startup
from kiosk.guard import KioskGuard
from kiosk.phones import PhoneHandoffs
from kiosk.preferences import Preferences, show_preferences
from kiosk.screens.base import KioskModal, KioskScreen
from kiosk.screens.welcome_screen import UNLOCKED_NOTE, WelcomeScreen
from kiosk.settings import (
    BREAK_MINUTES,
    COUNTDOWN_SECONDS,
    IDLE_SECONDS,
    THANKS_SECONDS,
    Timings,
)
from kiosk.speaking import NullSpeaker, Speaker, close_speaker, speech_switched_off
from kiosk.themes import DEFAULT_THEME_NAME, THEMES
from kiosk.widgets.say import Say
from kiosk.widgets.toolbar import TOOL_KEYS, Tool, Toolbar
from surveys.errors import PlainError
from surveys.model import Question, Survey

if TYPE_CHECKING:
    from kiosk.screens.consent_screen import ConsentChoice
    from kiosk.screens.preferences_screen import PreferencesScreen
    from kiosk.screens.question_screen import QuestionOutcome
    from kiosk.screens.review_screen import ReviewOutcome
    from kiosk.screens.take_back_modal import TakeBackLimit
    from kiosk.services import KioskServices
    from kiosk.web.address import PhoneAddress
    from surveys.operator_pin import OperatorPin
    from surveys.session import SurveySession

OpenServices = Callable[[], "KioskServices"]
"""Opens the kiosk's data (``kiosk.commands.run.open_kiosk``) once the first screen is up."""

NOT_OPENED = (
    "The kiosk could not open its data folder, so it closed before anyone could answer. "
    "Nothing was changed. {reason} The kiosk's log says more."
)


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
        super().__init__()
        for theme in THEMES:
            self.register_theme(theme)
        self._start_in_kiosk_theme()
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
        self.animation_level = "none"  # nothing on the kiosk moves or flashes
        self.setup_guard(monotonic)
        self.setup_phones(phones)
        self._take_back_limit: TakeBackLimit | None = None
        self._support_offered: set[str] = set()
        """Sensitive sections this visit has been offered support after (once each)."""

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

    def _start_in_kiosk_theme(self) -> None:
        """Begin in the kiosk's own colours, as Textual's theme watcher would set them.

        Setting ``theme`` once running would parse every stylesheet a second time
        before the first screen; set before it runs, the CSS is parsed once.
        """
        self.set_reactive(App.theme, DEFAULT_THEME_NAME)
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.set_class(True, f"-theme-{DEFAULT_THEME_NAME}", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_default_screen(self) -> WelcomeScreen:
        """The welcome screen is the first and the bottom screen; each visit goes on top."""
        return self._new_welcome()

    def _new_welcome(self) -> WelcomeScreen:
        return WelcomeScreen(self.survey, notes=self._welcome_notes(), phones=self.phones_on)

    def on_mount(self) -> None:
        self.start_guard()
        self.start_phones()
        self.apply_preferences(Preferences())

    def on_ready(self) -> None:
        # The first screen is drawn: now open the data, start speech, load the rest.
        self.call_later(self._after_first_screen)

    def _after_first_screen(self) -> None:
        try:
            self.services  # noqa: B018 — opens the data folder
        except Exception as error:  # a kiosk that can't store answers must not take any
            self.problem_log.record(error, "opening the data folder")
            self.exit(None, return_code=1, message=NOT_OPENED.format(reason=_why(error)))
            return
        finally:
            startup.resume_collection()
        for screen in self.screen_stack:
            if isinstance(screen, WelcomeScreen):
                screen.show_notes(self._welcome_notes())
        for notice in self.operator_notices():
            self.problem_log.note(notice)
        warm = getattr(self.speaker, "warm", None)
        if callable(warm):
            warm()
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
            notes += self.operator_notices()
        return notes

    # -- preferences -----------------------------------------------------------------

    def apply_preferences(self, preferences: Preferences) -> None:
        """Show the chosen text size and colours, and set the reading speed (this visit only)."""
        self.preferences = preferences
        show_preferences(self, self.speaker, preferences)

    def on_kiosk_say(self, message: Say) -> None:
        """A warning, tick or new speed to read aloud, for people who chose read-aloud."""
        if self.preferences.read_aloud and message.text:
            self.speaker.say(message.text)

    def on_unmount(self) -> None:
        self.speaker.stop()
        close_speaker(self.speaker)
        services = self._services
        if services is not None and services.speaker is not self.speaker:
            close_speaker(services.speaker)  # a test's own speaker: the services' one is unused

    def on_preferences_screen_changed(self, message: PreferencesScreen.Changed) -> None:
        self.apply_preferences(message.preferences)

    # -- routing ---------------------------------------------------------------------

    def go_home(self, *, clear_terminal: bool = False) -> None:
        """Forget this visit entirely and show the welcome screen."""
        self.speaker.stop()
        if self.session is not None:
            self.session.stop()
            self.session = None
        self.apply_preferences(Preferences())
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if clear_terminal:
            self.clear_terminal()
        welcome = self.screen_stack[0] if self.screen_stack else None
        if isinstance(welcome, WelcomeScreen):  # it holds nothing of any visit
            welcome.show_again(self._welcome_notes())

    def on_welcome_screen_started(self, message: WelcomeScreen.Started) -> None:
        """Start: a fresh visit begins with "How would you like to take part?"."""
        if self.screen is not message.welcome or self.session is not None:
            return  # a second tap on Start, already on its way
        from surveys.session import SurveySession  # noqa: PLC0415 — see kiosk.startup

        self.session = SurveySession(self.survey)
        self._support_offered = set()
        self._show_preferences()

    def on_welcome_screen_take_back_wanted(self, message: WelcomeScreen.TakeBackWanted) -> None:
        """ "Take my answers back": ask for the receipt code (same rules as ``kiosk withdraw``)."""
        if not isinstance(self.screen, WelcomeScreen):
            return
        from kiosk.screens.take_back_modal import TakeBackLimit, TakeBackModal  # noqa: PLC0415 — see kiosk.startup

        if self._take_back_limit is None:
            self._take_back_limit = TakeBackLimit(self._now)
        self.push_screen(TakeBackModal(self._take_back, self._take_back_limit))

    def _take_back(self, code: str) -> tuple[bool, str]:
        return self.services.withdraw(code)  # audited without the code, as kiosk withdraw is

    def _show_preferences(self) -> None:
        from kiosk.screens.preferences_screen import PreferencesScreen  # noqa: PLC0415 — see kiosk.startup

        self.push_screen(PreferencesScreen(self.preferences), self._preferences_done)

    def _preferences_done(self, preferences: Preferences | None) -> None:
        if preferences is None:
            self.go_home()
            return
        self.apply_preferences(preferences)
        self.show_step()

    def show_step(self, message: str | None = None) -> None:
        """Show the screen for where the session is now."""
        from accessibility.narration import section_note  # noqa: PLC0415 — see kiosk.startup
        from kiosk.screens.consent_screen import ConsentScreen  # noqa: PLC0415 — as above
        from kiosk.screens.question_screen import QuestionScreen  # noqa: PLC0415 — as above
        from kiosk.screens.review_screen import ReviewScreen  # noqa: PLC0415 — as above
        from surveys.session import Stage  # noqa: PLC0415 — as above

        session = self.session
        if session is None:
            self.go_home()
            return
        if session.stage is Stage.CONSENT:
            block = self.survey.consent
            self.push_screen(ConsentScreen(block), self._consent_done)
        elif session.stage is Stage.QUESTION:
            question = session.current
            number, _ = session.progress()
            fewest, total = self.survey.question_count()  # stable for the whole visit
            section = self.survey.section(question.section)
            screen = QuestionScreen(
                question,
                number=number,
                total=total,
                previous=session.answer_for(question.id),
                can_go_back=session.can_go_back,
                section=section.title if section else None,
                content_note=section_note(self.survey, question, session.visible_questions()),
                message=message,
                fewest=fewest,
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
            from kiosk.screens.thanks_screen import ThanksScreen  # noqa: PLC0415 — see kiosk.startup
            from surveys.sending import record_decline  # noqa: PLC0415 — as above

            session.decline()
            self.session = None
            services = self.services
            record_decline(services.store, services.session, services.audit)
            self.push_screen(
                ThanksScreen(
                    None,
                    pause=self.timings.thanks_seconds,
                    phones=self.phones_on,
                    support=self.survey.support,
                ),
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
        from kiosk.screens.question_screen import Move  # noqa: PLC0415 — see kiosk.startup
        from surveys.errors import AnswerError  # noqa: PLC0415 — as above

        leaving = session.current if outcome.move is not Move.BACK else None
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
        if leaving is not None and self._offer_support_after(session, leaving):
            return
        self.show_step()

    def _offer_support_after(self, session: SurveySession, left: Question) -> bool:
        """After the last question of a sensitive section, offer support first."""
        from surveys.session import Stage  # noqa: PLC0415 — see kiosk.startup

        support = self.survey.support
        if support is None or not self.survey.in_sensitive_section(left):
            return False
        still_in = session.stage is Stage.QUESTION and session.current.section == left.section
        if still_in or left.section in self._support_offered:
            return False
        self._support_offered.add(str(left.section))
        from kiosk.screens.support_modal import SupportModal  # noqa: PLC0415 — as above

        self.push_screen(SupportModal(support), lambda _: self.show_step())
        return True

    def _review_done(self, outcome: ReviewOutcome | None) -> None:
        session = self.session
        if session is None or outcome is None:
            self.go_home()
            return
        from kiosk.screens.review_screen import ReviewMove  # noqa: PLC0415 — see kiosk.startup

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
            contact=block.contact,
            withdraw_days=block.withdraw_days,
            pause=self.timings.thanks_seconds,
            support=self.survey.support,
        )
        self.push_screen(thanks, lambda _: self.go_home())

    def rebuild_step(self) -> None:
        """Show the current step afresh (after a problem), dropping any boxes on top."""
        from kiosk.screens.preferences_screen import PreferencesScreen  # noqa: PLC0415 — see kiosk.startup
        from surveys.session import Stage  # noqa: PLC0415 — as above

        at_preferences = any(isinstance(screen, PreferencesScreen) for screen in self.screen_stack)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        session = self.session
        if session is None or session.stage not in (Stage.CONSENT, Stage.QUESTION, Stage.REVIEW):
            self.go_home()
        elif at_preferences:
            self._show_preferences()
        else:
            self.show_step()

    @property
    def has_answers(self) -> bool:
        """True when the visitor has agreed and may have given answers."""
        from surveys.session import Stage  # noqa: PLC0415 — see kiosk.startup

        session = self.session
        return session is not None and session.stage in (Stage.QUESTION, Stage.REVIEW)

    # -- tools -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tool" and parameters == (Tool.READ.value,) and self.speech_off:
            return False
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
            if self.speech_off:
                return
            if isinstance(screen, KioskScreen | KioskModal):
                words = screen.narration()
                if words:
                    self.speaker.say(words)
            return
        if not isinstance(screen, KioskScreen):
            return
        from kiosk.screens.break_modal import BreakModal  # noqa: PLC0415 — see kiosk.startup
        from kiosk.screens.help_modal import HelpModal  # noqa: PLC0415 — as above
        from kiosk.screens.stop_modal import StopModal  # noqa: PLC0415 — as above

        if tool is Tool.MEANING:
            from accessibility.glossary import glossary_for  # noqa: PLC0415 — as above
            from kiosk.screens.question_screen import QuestionScreen  # noqa: PLC0415 — as above

            help_text, words = screen.meaning()
            terms = glossary_for(self.survey).terms_in(f"{help_text or ''}\n{words}")
            found = [(entry.term, entry.meaning) for entry in terms]
            can_skip = isinstance(screen, QuestionScreen) and screen.can_skip
            help_box = HelpModal(help_text, found, self.survey.consent.help, can_skip=can_skip)
            self.push_screen(help_box)
        elif tool is Tool.BREAK:
            self.speaker.stop()
            self.push_screen(
                BreakModal(minutes=self.timings.break_minutes, has_answers=self.has_answers)
            )
        elif tool is Tool.STOP:
            self.push_screen(StopModal(has_answers=self.has_answers), self._stop_answered)

    def _stop_answered(self, stop: bool | None) -> None:
        if stop:
            self.go_home()


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


def _why(error: Exception) -> str:
    """A plain sentence on why the data folder couldn't be opened ("" when unknown)."""
    if isinstance(error, PlainError) and error.message:
        return error.message
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror}{where}."
    return ""
