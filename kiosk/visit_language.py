"""``VisitLanguage``: the language one visit is in, chosen on the welcome screen.

Choosing a language sets the whole visit: the kiosk's own words
(``surveys.catalogues.use_language``), the survey's texts and consent in that
language (``surveys.survey_translations.in_language``; the consent recorded is the
one shown), the glossary and help (they use the same catalogues) and the
read-aloud voice (``Speaker.set_voice``: a device without that voice reads nothing,
and the start-up note says so). Screens that stay up are told with
``language_changed`` and redraw. The next person starts in the survey's own
language again (``reset``: after the thank-you, a stop, taking answers back, or
nobody touching the kiosk for the idle time).

A language written right to left (Urdu, Arabic) can't be shaped by the terminal,
so it is never drawn: the kiosk offers the phone or tablet page in that language
instead (``PhoneHandoffs.offer``).

The choice is kept only in memory; the sealed response says it
(``CompletedResponse.language``), and nothing else does — no log line, no audit.

A helper ``KioskApp`` owns; it sees the App only through ``LanguageHost``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from kiosk.messages import language_changed
from kiosk.screens.welcome_screen import WelcomeScreen
from surveys.catalogues import active_language, use_language
from surveys.languages import language

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App
    from textual.timer import Timer

    from kiosk.phone_handoffs import PhoneHandoffs
    from kiosk.speaking import Speaker
    from surveys.languages import Language
    from surveys.model import Survey
    from surveys.session import SurveySession


class LanguageHost(Protocol):
    """The kiosk App, as ``VisitLanguage`` sees it."""

    survey: Survey
    """The survey as this visit sees it (set here)."""

    @property
    def speaker(self) -> Speaker:
        """The read-aloud."""
        ...

    @property
    def session(self) -> SurveySession | None:
        """The visit in progress (then its own idle watch rules), else None."""
        ...

    @property
    def phones(self) -> PhoneHandoffs:
        """The phone page: a right-to-left language is offered there."""
        ...


class VisitLanguage:
    """The language of this visit, for ``KioskApp`` (see the module docstring)."""

    def __init__(
        self, app: App[Any], host: LanguageHost, source: Survey, untouched: Callable[[], bool]
    ) -> None:
        self.app = app
        self.host = host
        self.untouched = untouched
        """True when nobody has touched the kiosk for the idle time."""
        self.source = source
        """The survey in its own language, carrying every translation."""
        self.code = source.language
        self._idle: Timer | None = None
        self._translated: dict[str, Survey] = {source.language: source}
        """The survey in each language chosen so far (made once, then reused)."""
        if active_language() != source.language:  # a survey written in Welsh starts in Welsh
            use_language(source.language)

    @property
    def codes(self) -> tuple[str, ...]:
        """The languages the survey can be taken in, its own first, each once."""
        return tuple(dict.fromkeys(self.source.languages))

    @property
    def offered(self) -> bool:
        """True when there is a choice to make (more than one language)."""
        return len(self.codes) > 1

    def choose(self, code: str) -> None:
        """The person chose ``code`` on the welcome screen."""
        if code not in self.codes:
            return
        found = language(code)
        if found is not None and found.right_to_left:
            self._offer_browser_page(found)
            return
        self._use(code)
        if code != self.source.language:
            self._watch_idle()

    def reset(self) -> None:
        """The next person starts in the survey's own language."""
        if self._idle is not None:
            self._idle.stop()
            self._idle = None
        if self.code != self.source.language or self.host.survey is not self.source:
            self._use(self.source.language)

    def _use(self, code: str) -> None:
        from surveys.survey_translations import in_language  # noqa: PLC0415 — not needed to draw the first screen

        self.code = code
        use_language(code)
        survey = self._translated.get(code)
        if survey is None:
            survey = self._translated[code] = in_language(self.source, code)
        self.host.survey = survey
        found = language(code)
        self.host.speaker.set_voice(found.voice if found is not None else code)
        for screen in self.app.screen_stack:
            if isinstance(screen, WelcomeScreen):
                screen.show_language(survey, code)
            language_changed(screen)

    def _offer_browser_page(self, found: Language) -> None:
        """The phone page in a right-to-left language, said aloud in its own voice."""
        from kiosk.screens.browser_page_screen import (  # noqa: PLC0415 — only when chosen
            ASK_A_HELPER,
            READS_BEST,
            SCAN,
            spoken_in_language,
        )

        phones = self.host.phones
        self.app.run_worker(phones.offer(found), group="phones", exit_on_error=False)
        self.host.speaker.set_voice(found.voice)  # the next person's is set by ``reset``
        said = spoken_in_language(found, READS_BEST, SCAN if phones.on else ASK_A_HELPER)
        self.host.speaker.say(said)
        self.code = found.code  # so ``reset`` puts the voice back

    # -- nobody there: back to the survey's own language ------------------------------

    def _watch_idle(self) -> None:
        if self._idle is None:
            self._idle = self.app.set_interval(1.0, self._check_idle, name="language idle")

    def _check_idle(self) -> None:
        """A language chosen and then left on the welcome screen goes back to the
        survey's own once nobody has touched the kiosk for the idle time."""
        if self.host.session is None and self.untouched():
            self.reset()
