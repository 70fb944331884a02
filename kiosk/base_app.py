"""``KioskBaseApp``: what all four apps share, so each keeps only what is its own.

The participant kiosk, the facilitator's console, the shared screen and the review
screen are built on it. It gives them:

- **Colours**: the kiosk's measured themes registered (``kiosk.textual_themes``),
  and the app starts in the usual one before it runs, so its CSS is parsed once
  (an app that keeps Textual's own look sets ``START_THEME = None``).
- **Locked down**: no command palette.
- **Problems**: an unexpected error is kept in ``problems`` (type and where, for
  tests) and written to the kiosk's log (``kiosk.problems``: type and code location,
  never text). Each app then shows it its own way (``show_problem``). If errors pour
  in (``ProblemBurst``: a fault while drawing, say), every app closes the same way:
  with its plain ``GIVE_UP`` message and status 1, so a supervisor can start it
  again. Everything stored stays as it was: answers and votes are written durably
  when they are given, never when the app closes. No traceback is ever drawn.
- **Speech**: ``warm_speaker`` starts the read-aloud engine once the first screen
  is up, so it never delays that screen.

Textual's private hook ``_handle_exception`` is overridden here and only here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App

from kiosk.problems import Guarded, ProblemBurst
from kiosk.textual_themes import DEFAULT_THEME_NAME, THEMES

if TYPE_CHECKING:
    from kiosk.problems import ProblemLog
    from kiosk.speaking import Speaker


class KioskBaseApp(Guarded, App[int], inherit_bindings=False):
    """The base of every app here (see the module docstring)."""

    ENABLE_COMMAND_PALETTE = False
    START_THEME: ClassVar[str | None] = DEFAULT_THEME_NAME
    """The theme to start in (None: Textual's own, as the review screen uses)."""
    GIVE_UP: ClassVar[str] = "The app had a problem and closed."
    """Printed when problems pour in and the app closes: plain words, what is safe."""

    def __init__(self, problem_log: ProblemLog | None) -> None:
        super().__init__()
        for theme in THEMES:
            self.register_theme(theme)
        if self.START_THEME is not None:
            self._start_in_theme(self.START_THEME)
        self.problem_log = problem_log
        """Where problems are written (None: nowhere, as in some tests)."""
        self.problems: list[str] = []
        """Each unexpected error as "Type in where" (never its message)."""
        self._problem_burst = ProblemBurst()

    def _start_in_theme(self, name: str) -> None:
        """Begin in this theme, as Textual's theme watcher would set it.

        Setting ``theme`` once running would parse every stylesheet a second time
        before the first screen; set before it runs, the CSS is parsed once.
        """
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.set_class(True, f"-theme-{name}", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    # -- problems --------------------------------------------------------------------

    def log_problem(self, error: BaseException, where: str) -> None:
        """Keep a problem in the list and the log, without showing anything."""
        self.problems.append(f"{type(error).__name__} in {where}")
        if self.problem_log is not None:
            self.problem_log.record(error, where)

    def report_problem(self, error: BaseException, where: str) -> None:
        """An unexpected error: log it, then show it calmly, or close if errors pour in."""
        self.log_problem(error, where)
        too_many = self._problem_burst.too_many()
        if self._exit:
            return
        if too_many or not self.screen_stack:
            self.give_up()
            return
        self.show_problem()

    def show_problem(self) -> None:
        """Tell the person calmly that something went wrong (each app its own way)."""

    def give_up(self) -> None:
        """Close with the plain ``GIVE_UP`` message and status 1."""
        self.exit(None, return_code=1, message=self.GIVE_UP)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's last resort (timers, drawing, built-in widgets): never a traceback."""
        try:
            self.report_problem(error, "Textual")
        except Exception:  # a failing report must still end calmly
            self.give_up()

    # -- speech ----------------------------------------------------------------------

    @staticmethod
    def warm_speaker(speaker: Speaker) -> None:
        """Start the read-aloud engine now (once the first screen is up), if it can be."""
        warm = getattr(speaker, "warm", None)
        if callable(warm):
            warm()
