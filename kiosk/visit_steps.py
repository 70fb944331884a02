"""``VisitSteps``: which screen comes next in one visit, from consent to sending.

The kiosk App starts a visit (welcome, then "How would you like to take part?")
and ends it (``go_home``); in between, each screen returns a value with
``dismiss`` and this helper routes on it, while the ``SurveySession`` decides what
comes next. "Send" goes back to the App, which seals and stores the response
with its services before the thank-you screen appears.

A helper ``KioskApp`` owns; it sees the App only through ``StepsHost``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.app import App

    from kiosk.screens.consent_screen import ConsentChoice
    from kiosk.screens.question_screen import QuestionOutcome
    from kiosk.screens.review_screen import ReviewOutcome
    from kiosk.services import KioskServices
    from kiosk.settings import Timings
    from surveys.model import Question, Survey
    from surveys.session import SurveySession


class StepsHost(Protocol):
    """The kiosk App, as ``VisitSteps`` sees it."""

    session: SurveySession | None
    """This visit (None between visits)."""

    @property
    def survey(self) -> Survey:
        """The survey on this kiosk."""
        ...

    @property
    def services(self) -> KioskServices:
        """The kiosk's data and tools."""
        ...

    @property
    def timings(self) -> Timings:
        """How long the thank-you screen stays, among others."""
        ...

    @property
    def phones_on(self) -> bool:
        """True when "Use my own phone" is offered."""
        ...

    def go_home(self, *, clear_terminal: bool = False) -> None:
        """Forget this visit entirely and show the welcome screen."""
        ...

    def show_preferences(self) -> None:
        """ "How would you like to take part?"."""
        ...

    def send(self, session: SurveySession) -> None:
        """Seal and store the response durably, then (and only then) say thank you."""
        ...


class VisitSteps:
    """Consent, the questions, support, review and sending, for ``KioskApp``."""

    def __init__(self, app: App[Any], host: StepsHost) -> None:
        self.app = app
        self.host = host
        self._support_offered: set[str] = set()
        """Sensitive sections this visit has been offered support after (once each)."""

    def begin(self) -> None:
        """A new visit: no support offered yet."""
        self._support_offered = set()

    def show(self, message: str | None = None) -> None:
        """Show the screen for where the session is now."""
        from accessibility.narration import section_note  # noqa: PLC0415 — see kiosk.startup
        from kiosk.screens.consent_screen import ConsentScreen  # noqa: PLC0415 — as above
        from kiosk.screens.question_screen import QuestionScreen  # noqa: PLC0415 — as above
        from kiosk.screens.review_screen import ReviewScreen  # noqa: PLC0415 — as above
        from surveys.session import Stage  # noqa: PLC0415 — as above

        session = self.host.session
        if session is None:
            self.host.go_home()
            return
        if session.stage is Stage.CONSENT:
            block = self.host.survey.consent
            self.app.push_screen(ConsentScreen(block), self._consent_done)
        elif session.stage is Stage.QUESTION:
            question = session.current
            number, _ = session.progress()
            fewest, total = self.host.survey.question_count()  # stable for the whole visit
            section = self.host.survey.section(question.section)
            screen = QuestionScreen(
                question,
                number=number,
                total=total,
                previous=session.answer_for(question.id),
                can_go_back=session.can_go_back,
                section=section.title if section else None,
                content_note=section_note(self.host.survey, question, session.visible_questions()),
                message=message,
                fewest=fewest,
            )
            self.app.push_screen(screen, self._question_done)
        elif session.stage is Stage.REVIEW:
            self.app.push_screen(ReviewScreen(session.review(), message=message), self._review_done)
        else:
            self.host.go_home()

    def rebuild(self) -> None:
        """Show the current step afresh (after a problem), dropping any boxes on top."""
        from kiosk.screens.preferences_screen import PreferencesScreen  # noqa: PLC0415 — see kiosk.startup
        from surveys.session import Stage  # noqa: PLC0415 — as above

        stack = self.app.screen_stack
        at_preferences = any(isinstance(screen, PreferencesScreen) for screen in stack)
        while len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        session = self.host.session
        if session is None or session.stage not in (Stage.CONSENT, Stage.QUESTION, Stage.REVIEW):
            self.host.go_home()
        elif at_preferences:
            self.host.show_preferences()
        else:
            self.show()

    def _consent_done(self, choice: ConsentChoice | None) -> None:
        session = self.host.session
        if session is None:
            self.host.go_home()
            return
        if choice is None:
            self.host.show_preferences()
            return
        if not choice.agreed:
            from kiosk.screens.thanks_screen import ThanksScreen  # noqa: PLC0415 — see kiosk.startup
            from surveys.sending import record_decline  # noqa: PLC0415 — as above

            session.decline()
            self.host.session = None
            services = self.host.services
            record_decline(services.store, services.session, services.audit)
            self.app.push_screen(
                ThanksScreen(
                    None,
                    pause=self.host.timings.thanks_seconds,
                    phones=self.host.phones_on,
                    support=self.host.survey.support,
                ),
                lambda _: self.host.go_home(),
            )
            return
        session.agree(choice.ticked)
        self.show()

    def _question_done(self, outcome: QuestionOutcome | None) -> None:
        session = self.host.session
        if session is None or outcome is None:
            self.host.go_home()
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
            self.show(error.message)
            return
        if leaving is not None and self._offer_support_after(session, leaving):
            return
        self.show()

    def _offer_support_after(self, session: SurveySession, left: Question) -> bool:
        """After the last question of a sensitive section, offer support first."""
        from surveys.session import Stage  # noqa: PLC0415 — see kiosk.startup

        support = self.host.survey.support
        if support is None or not self.host.survey.in_sensitive_section(left):
            return False
        still_in = session.stage is Stage.QUESTION and session.current.section == left.section
        if still_in or left.section in self._support_offered:
            return False
        self._support_offered.add(str(left.section))
        from kiosk.screens.support_modal import SupportModal  # noqa: PLC0415 — as above

        self.app.push_screen(SupportModal(support), lambda _: self.show())
        return True

    def _review_done(self, outcome: ReviewOutcome | None) -> None:
        session = self.host.session
        if session is None or outcome is None:
            self.host.go_home()
            return
        from kiosk.screens.review_screen import ReviewMove  # noqa: PLC0415 — see kiosk.startup

        if outcome.move is ReviewMove.SEND:
            self.host.send(session)
            return
        if outcome.move is ReviewMove.CHANGE and outcome.question_id is not None:
            session.change(outcome.question_id)
        else:
            session.back()
        self.show()
